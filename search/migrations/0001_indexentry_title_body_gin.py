"""A GIN index on title || body of Wagtail's search index table, on PostgreSQL.

modelsearch's PostgreSQL backend matches (title || body) @@ query; wagtailsearch indexes title
and body apart, so without an index on exactly that expression every search (and its count)
scans the whole table. Nothing to do on other databases.
"""

from django.db import migrations

INDEX = "kredsraad_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
