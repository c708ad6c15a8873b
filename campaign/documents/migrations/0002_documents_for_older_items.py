"""Records for the items written before records had models of their own: written materials."""

from django.db import migrations


def make_records(apps, schema_editor):
    ReviewItem = apps.get_model("review", "ReviewItem")
    ReviewVersion = apps.get_model("review", "ReviewVersion")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Model = apps.get_model("documents", "TextDocument")
    ct, _created = ContentType.objects.get_or_create(app_label="documents", model="textdocument")
    items = ReviewItem.objects.filter(record_id__isnull=True).select_related("requirement")
    for item in items.iterator():
        if item.kind == "study":
            reported = item.requirement_id and item.requirement.item_kind == "report"
            code = "report" if reported else ""
        else:
            code = (
                item.kind if item.kind in ("material", "meeting", "plan", "ledger", "rules") else ""
            )
        if not code:
            continue
        last = ReviewVersion.objects.filter(item=item).order_by("-number").first()
        fields = (last.snapshot or {}).get("fields") if last else None
        body = fields[0][1] if fields else ""
        record = Model.objects.create(
            unit_id=item.unit_id,
            kind=code,
            requirement_id=item.requirement_id,
            title=item.title,
            body=body or item.title,
            written_by_id=item.created_by_id,
            created_at=item.state_changed_at,
            updated_at=item.state_changed_at,
        )
        item.kind, item.record_type, item.record_id = code, ct, record.pk
        item.created_at = item.created_at or item.state_changed_at
        item.save(update_fields=["kind", "record_type", "record_id", "created_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_text_documents"),
        ("review", "0002_records_of_any_kind"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    run_before = [("review", "0003_records_required")]

    operations = [migrations.RunPython(make_records, migrations.RunPython.noop)]
