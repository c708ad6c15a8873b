"""User accounts, kept by the office in the portal itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from campaign.core.paging import paginate
from campaign.history.services import history_for

from .. import access, services
from ..filters import AccountFilterSet
from ..forms import AccountForm, PasswordForm
from ..models import Role, User


@login_required
def account_list(request):
    access.require_office(request.user, write=False)
    accounts = User.objects.select_related("unit", "group").order_by("role", "username")
    filters = AccountFilterSet(request.GET or None, queryset=accounts)
    page, query = paginate(request, filters.qs)
    form = filters.form
    return render(
        request,
        "org/account_list.html",
        {
            "page": page,
            "form": form,
            "q": form["q"].value() or "",
            "role": form["role"].value() or "",
            "roles": Role.choices,
            "query": query,
        },
    )


def _account_values(data):
    keys = ("username", "full_name", "role", "unit", "group", "email", "is_active")
    return {k: data[k] for k in keys}


@login_required
def account_create(request):
    access.require_office(request.user)
    form = AccountForm(request.POST or None, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            account = services.save_account(
                actor=request.user,
                contact_units=form.cleaned_data["contact_units"],
                password=form.cleaned_data["password"],
                **_account_values(form.cleaned_data),
            )
        except services.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Account “%(name)s” created.") % {"name": account.username})
            return redirect("org:account_list")
    return render(request, "org/account_form.html", {"form": form, "account": None})


@login_required
def account_edit(request, pk):
    account = access.get_account_for_office(request.user, pk)
    initial = {
        "username": account.username,
        "full_name": account.full_name,
        "role": account.role,
        "unit": account.unit,
        "group": account.group,
        "contact_units": list(account.contact_units.all()),
        "email": account.email,
        "is_active": account.is_active,
    }
    form = AccountForm(request.POST or None, initial=initial, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_account(
                actor=request.user,
                account=account,
                contact_units=form.cleaned_data["contact_units"],
                **_account_values(form.cleaned_data),
            )
        except services.OrgError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Account “%(name)s” saved.") % {"name": account.username})
            return redirect("org:account_list")
    return render(
        request,
        "org/account_form.html",
        {"form": form, "account": account, "history": history_for(account)[:20]},
    )


@login_required
def account_password(request, pk):
    account = access.get_account_for_office(request.user, pk)
    form = PasswordForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        services.set_account_password(
            actor=request.user, account=account, password=form.cleaned_data["password"]
        )
        messages.success(
            request, _("New password set for “%(name)s”.") % {"name": account.username}
        )
        return redirect("org:account_edit", pk=account.pk)
    return render(request, "org/account_password.html", {"form": form, "account": account})
