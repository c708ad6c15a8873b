"""Importing units and members from Excel: nothing is saved unless every row is good."""

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _

from campaign.core.uploads import import_page, xlsx_download

from .. import access
from ..forms import ImportForm
from ..imports import import_workbook, template_workbook


@login_required
def import_upload(request):
    access.require_office(request.user)
    return import_page(
        request,
        form_class=ImportForm,
        run=lambda file: import_workbook(file, actor=request.user),
        template="org/import.html",
        done=lambda result: (
            _("Imported %(units)s units and %(members)s party members.")
            % {"units": result.units_created, "members": result.members_created}
        ),
    )


@login_required
def import_template(request):
    access.require_office(request.user)
    return xlsx_download(template_workbook(), "导入模板.xlsx")
