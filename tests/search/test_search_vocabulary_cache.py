"""The index's words are read once per version of the index, and again after it changes.

Transactional tests: the caches only apply outside a transaction (inside one, FTS5 and
PostgreSQL's table counters do not show the transaction's own writes yet), so the pages are
committed here as in production.
"""

import time

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


def renewed_speller(previous, seconds=15):
    """PostgreSQL publishes a table's counters shortly after the writing transaction ends."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        speller = spelling.postgres_speller()
        if speller is not previous:
            return speller
        time.sleep(0.2)
    return previous


@postgres_only
def test_postgres_words_are_reused_until_the_index_changes(wagtail_base_data):
    add_page("Vaffelbageriet i Åbyhøj", "vaffelbageriet")
    first = renewed_speller(None)
    assert {"vaffelbageriet", "åbyhøj"} <= first.words
    assert spelling.postgres_speller() is first
    with CaptureQueriesContext(connection) as queries:
        spelling.postgres_speller()
    assert len(queries) == 1
    assert "pg_stat_user_tables" in queries[0]["sql"]

    add_page("Pandekagehuset", "pandekagehuset")
    renewed = renewed_speller(first)
    assert renewed is not first
    assert "pandekagehuset" in renewed.words
    assert spelling.suggest("pandekagehust") == "pandekagehuset"
    assert spelling.suggest("Åbyhøjj") == "åbyhøj"
