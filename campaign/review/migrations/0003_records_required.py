"""Every item now points at its record (the apps' data migrations, which run before this
one, made the records of the older text items)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_records_of_any_kind"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reviewitem",
            name="created_at",
            field=models.DateTimeField(),
        ),
        migrations.AlterField(
            model_name="reviewitem",
            name="record_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="reviewitem",
            name="record_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="reviewversion",
            name="snapshot",
            field=models.JSONField(verbose_name="content"),
        ),
    ]
