"""Fill ``Opinion.content_search`` for the opinions taken in before it existed.

It uses similar.search_text itself, not a frozen copy: the stored form must be the one
the suggestions compare with."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    from campaign.opinions.similar import search_text

    Opinion = apps.get_model("opinions", "Opinion")
    opinions = Opinion.objects.using(schema_editor.connection.alias)
    rows = opinions.only("content")
    batch = []
    for opinion in rows.order_by("pk").iterator(chunk_size=BATCH):
        opinion.content_search = search_text(opinion.content)
        batch.append(opinion)
        if len(batch) == BATCH:
            opinions.bulk_update(batch, ["content_search"])
            batch = []
    opinions.bulk_update(batch, ["content_search"])


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0004_opinion_trigram"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
