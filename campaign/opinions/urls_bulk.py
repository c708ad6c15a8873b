"""URLs of the bulk pages: Excel import, Excel export, batch entry (included in the
``opinions`` namespace under /opinions/)."""

from django.urls import path

from . import views_bulk

urlpatterns = [
    path("import/", views_bulk.opinion_import, name="import"),
    path("import/template.xlsx", views_bulk.import_template, name="import_template"),
    path("export.xlsx", views_bulk.export, name="export"),
    path("batch/", views_bulk.batch_entry, name="batch"),
]
