"""Wagtail's search index rows keep their tsvectors inline, on PostgreSQL.

By default PostgreSQL moves a row's large values to the TOAST table once the row passes about
2 KB, and a body tsvector of a few paragraphs does. Ranking a word most pages contain then
reads every matching body back from TOAST twice (for the match and for ts_rank): 160 ms of a
search at 10,040 pages, 70 ms with the rows inline. toast_tuple_target = 8160 leaves rows of up
to a page inline and uncompressed; larger ones (a long plan's body) are still moved out. The
existing rows are written again so that they are stored the new way. Nothing to do on other
databases.
"""

from django.db import migrations

INLINE = "ALTER TABLE wagtailsearch_indexentry SET (toast_tuple_target = 8160)"
# A new value (|| an empty one) is stored again; an unchanged one keeps its TOAST copy.
STORE_AGAIN = (
    "UPDATE wagtailsearch_indexentry "
    "SET title = title || ''::tsvector, body = body || ''::tsvector, body_text = body_text || ''"
)
DEFAULT = "ALTER TABLE wagtailsearch_indexentry RESET (toast_tuple_target)"


def keep_rows_inline(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INLINE)
        schema_editor.execute(STORE_AGAIN)


def default_storage(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_word_table")]

    operations = [migrations.RunPython(keep_rows_inline, default_storage, elidable=False)]
