"""Compound words on SQLite: the index words a query word begins, bounded."""

import pytest
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend
from wagtail.search.query import And, Or, PlainText

from search import stemming
from search.backends import SearchBackend
from search.stemming import PrefixTerm, Vocabulary, expand_query, strip_prefix_terms


def test_starting_with_finds_longer_words_only_and_stops_at_the_cap():
    words = ["cykel", "cykelhjelm", "cykelkontrol", "cykle", "cyklist"]
    words += [f"sikker{n:02}" for n in range(30)]
    vocabulary = Vocabulary(words)
    assert vocabulary.starting_with("cykel") == ["cykelhjelm", "cykelkontrol"]
    assert len(vocabulary.starting_with("sikker")) == stemming.MAX_PREFIX_WORDS


def test_strip_prefix_terms_keeps_the_words_and_inflections():
    query = And([Or([PlainText("cykel"), PrefixTerm("cykelkontrol")]), PlainText("vejle")])
    stripped = strip_prefix_terms(query)
    assert isinstance(stripped, And)
    assert [type(q) for q in stripped.subqueries] == [PlainText, PlainText]
    assert stripped.subqueries[0].query_string == "cykel"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the expansion is SQLite's")
@pytest.mark.usefixtures("site")
def test_expansion_adds_compounds_of_words_of_four_letters_or_more():
    expanded = expand_query("cykel")
    compounds = [q.query_string for q in expanded.subqueries if isinstance(q, PrefixTerm)]
    assert compounds == ["cykelkontrol"]
    short = expand_query("sam")  # begins samarbejde, samråd …
    assert not any(isinstance(q, PrefixTerm) for q in getattr(short, "subqueries", [short]))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prefix matching")
@pytest.mark.usefixtures("site")
@pytest.mark.parametrize(
    ("query", "url_path"),
    [
        ("cykel", "/forside/fokusomraader/politiets-faerdselsindsats/"),
        ("indbrud", "/forside/forebyggelse/tryghed-og-indbrud/"),
        ("færdselssikkerhed", "/forside/fokusomraader/politiets-faerdselsindsats/"),
    ],
)
def test_postgres_matches_compounds_the_word_begins(query, url_path):
    """The site's backend finds every page modelsearch finds, and more: the compounds."""
    pages = Page.objects.live().public()
    ours = {page.url_path for page in SearchBackend({}).search(query, pages)}
    theirs = {page.url_path for page in WagtailDatabaseBackend({}).search(query, pages)}
    assert theirs < ours
    assert url_path in ours
