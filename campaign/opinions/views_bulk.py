"""The bulk pages of opinions: Excel import and its template (office), Excel export of
the filtered list (everyone who may list opinions, each within their scope), and batch
entry (office, and a unit secretary for their own unit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaign.core.uploads import XLSX, import_page, xlsx_download
from campaign.org.access import is_office, require_office, scope_units
from campaign.org.forms import ImportForm
from campaign.phases import clock

from . import batch
from .access import may_enter, may_list
from .exports import export_opinions
from .filters import OpinionFilterSet
from .imports import import_opinions, template_workbook


class OpinionImportForm(ImportForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext_lazy(
            "Use the template: one sheet “意见建议”, one row per opinion, at most 5,000 rows."
        )


@login_required
def opinion_import(request):
    require_office(request.user)
    return import_page(
        request,
        form_class=OpinionImportForm,
        run=lambda file: import_opinions(file, actor=request.user),
        template="opinions/import.html",
        done=lambda result: (
            _("Imported %(created)s opinions; %(routed)s were routed to their units.")
            % {"created": result.created, "routed": result.routed}
        ),
        then="opinions:import",
    )


@login_required
def import_template(request):
    require_office(request.user)
    return xlsx_download(template_workbook(), "意见建议导入模板.xlsx")


@login_required
def export(request):
    """The list's filters (same query string) as an Excel file, streamed from disk."""
    if not may_list(request.user):
        raise Http404
    units = scope_units(request.user).order_by("path")
    filters = OpinionFilterSet(request.GET or None, units=units)
    handle = export_opinions(request.user, filters)
    name = f"意见建议-{clock.today():%Y%m%d}.xlsx"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)


def _require_batch(user):
    """The office, and a unit secretary (for their own unit); read-only roles get 403."""
    if may_enter(user):
        return
    require_office(user)


@login_required
def batch_entry(request):
    _require_batch(request.user)
    data = request.POST if request.method == "POST" else None
    more = data is not None and "more" in data
    header, rows, unit_names = batch.forms_for(request.user, data, more=more)
    status = 200
    if data is not None and not more:
        if header.is_valid() and rows.is_valid():
            saved = batch.save_batch(request.user, header, rows)
            if saved is not None:
                messages.success(request, _("Saved %(n)s opinions.") % {"n": saved})
                return redirect("opinions:batch")
        status = 422
    context = {
        "header": header,
        "rows": rows,
        "unit_names": unit_names,
        "office": is_office(request.user),
        "max_rows": batch.MAX_ROWS,
    }
    return render(request, "opinions/batch.html", context, status=status)
