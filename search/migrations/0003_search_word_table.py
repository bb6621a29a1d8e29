"""The words of the search index in a table of their own, with a trigram index, on PostgreSQL.

The "Mente du …?" suggestions (search/spelling.py) look for the index words most similar to an
unknown query word. Reading the words from the index itself (ts_stat over the indexed text)
takes 8 s at 10,000 pages, so a trigger adds the words of every indexed row to this table as
the row is written, and pg_trgm's GIN index answers the similarity search in milliseconds.
Each word keeps its Danish stem, so an inflection of an index word counts as known. Words of
removed pages stay; the view offers a suggestion only if it finds pages. Nothing to do on
other databases.
"""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS kredsraad_search_word (
    word text PRIMARY KEY,
    stem text NOT NULL
);
CREATE INDEX IF NOT EXISTS kredsraad_search_word_trgm ON kredsraad_search_word USING gin (word gin_trgm_ops);
CREATE INDEX IF NOT EXISTS kredsraad_search_word_stem ON kredsraad_search_word (stem);

CREATE OR REPLACE FUNCTION kredsraad_search_word_add(text) RETURNS void LANGUAGE sql AS $$
    INSERT INTO kredsraad_search_word (word, stem)
    SELECT new_word, coalesce((tsvector_to_array(to_tsvector('danish', new_word)))[1], new_word)
    FROM unnest(tsvector_to_array(to_tsvector('simple', $1))) AS new_word
    WHERE NOT EXISTS (SELECT 1 FROM kredsraad_search_word WHERE word = new_word)
    ON CONFLICT (word) DO NOTHING
$$;

CREATE OR REPLACE FUNCTION kredsraad_search_word_from_entry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kredsraad_search_word_add(NEW.title_text || ' ' || NEW.body_text);
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS kredsraad_search_word_from_new_entry ON wagtailsearch_indexentry;
CREATE TRIGGER kredsraad_search_word_from_new_entry
    AFTER INSERT ON wagtailsearch_indexentry
    FOR EACH ROW EXECUTE FUNCTION kredsraad_search_word_from_entry();
-- update_index rewrites every row; only a changed text can bring new words.
DROP TRIGGER IF EXISTS kredsraad_search_word_from_changed_entry ON wagtailsearch_indexentry;
CREATE TRIGGER kredsraad_search_word_from_changed_entry
    AFTER UPDATE OF title_text, body_text ON wagtailsearch_indexentry
    FOR EACH ROW
    WHEN (OLD.title_text IS DISTINCT FROM NEW.title_text OR OLD.body_text IS DISTINCT FROM NEW.body_text)
    EXECUTE FUNCTION kredsraad_search_word_from_entry();

SELECT kredsraad_search_word_add(title_text || ' ' || body_text) FROM wagtailsearch_indexentry;
"""

DROP = """
DROP TRIGGER IF EXISTS kredsraad_search_word_from_new_entry ON wagtailsearch_indexentry;
DROP TRIGGER IF EXISTS kredsraad_search_word_from_changed_entry ON wagtailsearch_indexentry;
DROP FUNCTION IF EXISTS kredsraad_search_word_from_entry();
DROP FUNCTION IF EXISTS kredsraad_search_word_add(text);
DROP TABLE IF EXISTS kredsraad_search_word;
"""


def create_word_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_word_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_pg_trgm_extension")]

    operations = [migrations.RunPython(create_word_table, drop_word_table, elidable=False)]
