"""The index's words are read once per version of the index, and again after it changes.

Transactional tests: the FTS5 cache applies only outside a transaction (inside one, FTS5 has
not yet rewritten its structure record), so the pages are committed here as in production.
PostgreSQL keeps the words in a table of their own, written by a trigger with the index.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.models import StandardPage
from search import spelling, stemming

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 vocabulary")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's table counters"
)


def add_page(title, slug):
    return Page.objects.get(depth=1).add_child(instance=StandardPage(title=title, slug=slug))


@sqlite_only
def test_fts5_vocabulary_is_reused_until_the_index_changes(wagtail_base_data):
    add_page("Vaffelbageriet", "vaffelbageriet")
    first = stemming.index_vocabulary()
    assert "vaffelbageriet" in first.terms
    with CaptureQueriesContext(connection) as queries:
        assert stemming.index_vocabulary() is first
    # Only FTS5's structure record is read, not the vocabulary.
    assert len(queries) == 1
    assert "_fts_data WHERE id = 10" in queries[0]["sql"]

    pancakes = add_page("Pandekagehuset", "pandekagehuset")
    renewed = stemming.index_vocabulary()
    assert renewed is not first
    assert {"vaffelbageriet", "pandekagehuset"} <= set(renewed.terms)

    pancakes.delete()
    assert "pandekagehuset" not in stemming.index_vocabulary().terms


@sqlite_only
def test_the_speller_follows_the_cached_vocabulary(wagtail_base_data):
    add_page("Vaffelbageriet", "vaffelbageriet")
    speller = spelling.sqlite_speller()
    assert spelling.sqlite_speller() is speller
    assert spelling.suggest("vaffelbagerit") == "vaffelbageriet"
    assert spelling.suggest("pandekagehust") is None

    add_page("Pandekagehuset", "pandekagehuset")
    assert spelling.sqlite_speller() is not speller
    assert spelling.suggest("pandekagehust") == "pandekagehuset"


@postgres_only
def test_postgres_word_table_follows_the_index(wagtail_base_data):
    from django.db import connection

    def indexed(*words):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, stem FROM kredsraad_search_word WHERE word = ANY(%s)", [list(words)]
            )
            return dict(cursor.fetchall())

    assert spelling.suggest("pandekagehust") is None
    add_page("Vaffelbageriet i Åbyhøj", "vaffelbageriet")
    assert indexed("vaffelbageriet", "åbyhøj") == {
        "vaffelbageriet": "vaffelbageri",
        "åbyhøj": "åbyhøj",
    }
    pancakes = add_page("Pandekagehuset", "pandekagehuset")
    assert spelling.suggest("pandekagehust") == "pandekagehuset"
    assert spelling.suggest("Åbyhøi") == "åbyhøj"
    assert spelling.suggest("vaffelbagerierne") is None, "an inflection of an index word"

    pancakes.title = "Pandekagehuset ved Fjorden"
    pancakes.save_revision().publish()
    assert "fjorden" in indexed("fjorden")
