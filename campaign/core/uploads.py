"""The office's spreadsheet pages: an import page and a template download, shared by every
app that takes an Excel file (units and members, team seats, opinions)."""

from urllib.parse import quote

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from .xlsx import ImportFileError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_page(request, *, form_class, run, template, done, then=None):
    """The upload form; a posted file goes through ``run(file)``, which saves nothing
    unless every row is good and returns a result with ``ok``. A file that cannot be read
    is an error at the field; rows with errors are listed (status 422); a good file shows
    ``done(result)`` as a message and, with ``then``, redirects there. After a run the
    form is empty again (a file field cannot be refilled)."""
    form = form_class(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            if result.ok:
                messages.success(request, done(result))
                if then:
                    return redirect(then)
            form = form_class()
    failed = form.errors or (result is not None and not result.ok)
    return render(
        request, template, {"form": form, "result": result}, status=422 if failed else 200
    )


def xlsx_download(content, filename):
    """``content`` (bytes of a workbook) as an attachment named ``filename`` (Chinese is
    fine: RFC 5987)."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
