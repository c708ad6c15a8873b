"""Near-copies found by pg_trgm (campaign/opinions/similar.py): the normalised text each
opinion is compared by, and on PostgreSQL the extension and a GIN trigram index on it.
SQLite keeps the column only (similar.py compares in Python there)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL on PostgreSQL; nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class PostgreSQLTrigramExtension(TrigramExtension):
    """CREATE EXTENSION pg_trgm on PostgreSQL. Django's own skips other databases going
    forwards but not backwards, where it asks SQLite for pg_extension."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("opinions", "0003_opinion_handler"),
    ]

    operations = [
        PostgreSQLTrigramExtension(),
        migrations.AddField(
            model_name="opinion",
            name="content_search",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        # Duplicate suggestions (similar.similar_to) find near-copies by this index.
        PostgreSQLOnly(
            sql="CREATE INDEX opinion_content_trgm ON opinions_opinion "
            "USING gin (content_search gin_trgm_ops)",
            reverse_sql="DROP INDEX opinion_content_trgm",
        ),
    ]
