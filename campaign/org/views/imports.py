"""Importing units and members from Excel: nothing is saved unless every row is good."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import access
from ..forms import ImportForm
from ..imports import ImportFileError, import_workbook, template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def import_upload(request):
    access.require_office(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = import_workbook(form.cleaned_data["file"], actor=request.user)
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Imported %(units)s units and %(members)s party members.")
                    % {"units": result.units_created, "members": result.members_created},
                )
            status = 200 if result.ok else 422
            return render(
                request, "org/import.html", {"form": ImportForm(), "result": result}, status=status
            )
    status = 422 if form.errors else 200
    return render(request, "org/import.html", {"form": form, "result": result}, status=status)


@login_required
def import_template(request):
    access.require_office(request.user)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    )
    return response
