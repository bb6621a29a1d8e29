"""The site's database backend (search/backends/) finds and orders exactly as modelsearch's.

The cheaper SQL must not change a single result: every relevance query, with and without the
view's filters, is answered by both and compared page by page, with the counts.
"""

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database import SearchBackend as WagtailDatabaseBackend

from municipalities.models import MunicipalityPage
from search.backends import SearchBackend
from search.stemming import expand_query, has_prefix_terms, strip_prefix_terms
from tests.search.relevance import QUERIES

pytestmark = pytest.mark.usefixtures("site")

database_only = pytest.mark.skipif(
    "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    reason="database backends only",
)


def querysets():
    pages = Page.objects.live().public()
    yield "all", pages.specific()
    yield "kommune", pages.descendant_of(MunicipalityPage.objects.get(slug="vejle"), inclusive=True)


@database_only
def test_the_configured_backend_is_the_sites():
    backend = get_search_backend()
    assert type(backend).__module__.startswith("search.backends")
    if connection.vendor == "sqlite":
        assert type(backend).__name__ == "RankedSQLiteSearchBackend"


@database_only
@pytest.mark.parametrize("query", [query for query, _, _ in QUERIES] + ["politi", "kommune"])
def test_same_results_and_order_as_modelsearch(query):
    ours = SearchBackend({})
    theirs = WagtailDatabaseBackend({})
    assert type(ours) is not type(theirs) or connection.vendor != "sqlite"
    # Without the compound alternatives, which the site ranks differently on purpose (below).
    expanded = strip_prefix_terms(expand_query(query))
    for name, queryset in querysets():
        our_results = ours.search(expanded, queryset)
        their_results = theirs.search(expanded, queryset)
        if connection.vendor == "postgresql":
            # The site's PostgreSQL query also matches compounds (test_search_compounds.py):
            # every page modelsearch finds is still found.
            assert {p.pk for p in their_results} <= {p.pk for p in our_results}, name
            continue
        assert our_results.count() == their_results.count(), name
        for start in (0, 10):
            assert [page.pk for page in our_results[start : start + 10]] == [
                page.pk for page in their_results[start : start + 10]
            ], (name, start)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="compound expansion is SQLite's")
@pytest.mark.parametrize("query", ["indbrud", "cykel", "færdselssikkerhed", "tryghed"])
def test_compounds_add_pages_without_reordering_exact_and_inflected_matches(query):
    """The pages with the word or an inflection keep modelsearch's order among themselves; the
    pages found only through a compound are added in modelsearch's order of the whole
    expansion."""
    expanded = expand_query(query)
    assert has_prefix_terms(expanded)
    pages = Page.objects.live().public()
    ours = [page.pk for page in SearchBackend({}).search(expanded, pages)]
    exact = [
        page.pk for page in WagtailDatabaseBackend({}).search(strip_prefix_terms(expanded), pages)
    ]
    everything = [page.pk for page in WagtailDatabaseBackend({}).search(expanded, pages)]
    compound_only = [pk for pk in everything if pk not in exact]
    assert compound_only
    assert sorted(ours) == sorted(everything)
    assert [pk for pk in ours if pk in exact] == exact
    assert [pk for pk in ours if pk not in exact] == compound_only


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="on PostgreSQL the site ranks its compound-expanded query (test_search_compounds.py)",
)
def test_scores_are_annotated_as_modelsearch():
    ours = SearchBackend({}).search("indbrud", Page.objects.live()).annotate_score("_score")
    theirs = WagtailDatabaseBackend({}).search("indbrud", Page.objects.live())
    theirs = theirs.annotate_score("_score")
    assert [(p.pk, round(p._score, 9)) for p in ours[:10]] == [
        (p.pk, round(p._score, 9)) for p in theirs[:10]
    ]


@database_only
@pytest.mark.parametrize("query", ["indb", "kommu", "sikring af"])
def test_same_suggestions_as_modelsearch(query):
    pages = Page.objects.live().public()
    ours = SearchBackend({}).autocomplete(query, pages)
    theirs = WagtailDatabaseBackend({}).autocomplete(query, pages)
    assert [p.pk for p in ours[:8]] == [p.pk for p in theirs[:8]]
