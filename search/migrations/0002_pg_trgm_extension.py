"""PostgreSQL's pg_trgm extension, which ranks the "Mente du …?" suggestions (search/spelling.py).

pg_trgm is a trusted extension from PostgreSQL 13, so the database's owner may create it without
being a superuser. Nothing to do on other databases. Not dropped on the way back: other
objects of the database may use it.
"""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_indexentry_title_body_gin")]

    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop, elidable=False)]
