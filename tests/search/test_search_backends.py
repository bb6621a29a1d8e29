"""The site's database backend (search/backends/) finds what modelsearch's finds.

The cheaper SQL must not lose or add a result: every relevance query, with and without the
view's filters, is answered by both and compared page by page, with the counts. On SQLite the
order is the site's own score (the title above the body, search/backends/sqlite.py).
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
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
        assert sorted(page.pk for page in our_results) == sorted(
            page.pk for page in their_results
        ), name
        # The slices the paginator reads are the same ordering as the whole list.
        ranked = [page.pk for page in ours.search(expanded, queryset)]
        for start in (0, 10):
            assert [page.pk for page in our_results[start : start + 10]] == ranked[
                start : start + 10
            ], (name, start)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="compound expansion is SQLite's")
@pytest.mark.parametrize("query", ["indbrud", "cykel", "færdselssikkerhed", "tryghed"])
def test_compounds_add_pages_without_reordering_exact_and_inflected_matches(query):
    """The pages with the word or an inflection keep their order among themselves; the pages
    found only through a compound are added, all those modelsearch finds for the expansion."""
    expanded = expand_query(query)
    assert has_prefix_terms(expanded)
    pages = Page.objects.live().public()
    ours = [page.pk for page in SearchBackend({}).search(expanded, pages)]
    exact = [page.pk for page in SearchBackend({}).search(strip_prefix_terms(expanded), pages)]
    everything = [page.pk for page in WagtailDatabaseBackend({}).search(expanded, pages)]
    assert set(exact) < set(everything)
    assert sorted(ours) == sorted(everything)
    assert [pk for pk in ours if pk in exact] == exact


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the site's SQLite score")
@pytest.mark.parametrize("query", ["indbrud", "Horsens kommune", "tryghed"])
def test_scores_are_annotated_best_first(query):
    results = SearchBackend({}).search(expand_query(query), Page.objects.live())
    results = results.annotate_score("_score")
    scores = [page._score for page in results[:20]]
    assert len(scores) > 1
    # bm25() is negative, the better match lower.
    assert scores == sorted(scores)
    assert all(score < 0 for score in scores)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the site's SQLite score")
def test_a_page_matching_every_word_of_a_query_comes_first():
    """modelsearch's own SQLite score for several words multiplies (1 + bm25) per word, which
    turns positive for good matches and puts them last: "Horsens kommune", as the view expands
    it with the inflections of "kommune", found other pages before Horsens'."""
    horsens = MunicipalityPage.objects.get(slug="horsens")
    query = expand_query("Horsens kommune")
    ours = SearchBackend({}).search(query, Page.objects.live().public())
    theirs = WagtailDatabaseBackend({}).search(query, Page.objects.live().public())
    assert ours[0].pk == horsens.pk
    assert [page.pk for page in theirs].index(horsens.pk) > 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the site's SQLite score")
def test_the_title_counts_above_the_body():
    """A page named after the query word comes before a page that has it once in its text."""
    ours = [p.url for p in SearchBackend({}).search("hæleri", Page.objects.live().public())]
    assert ours[0] == "/forebyggelse/haeleri/"


@database_only
@pytest.mark.parametrize("query", ["indb", "kommu", "sikring af"])
def test_same_suggestions_as_modelsearch(query):
    pages = Page.objects.live().public()
    ours = SearchBackend({}).autocomplete(query, pages)
    theirs = WagtailDatabaseBackend({}).autocomplete(query, pages)
    assert [p.pk for p in ours[:8]] == [p.pk for p in theirs[:8]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the site's PostgreSQL statement")
@pytest.mark.parametrize("query", [query for query, _, _ in QUERIES] + ["politi", "kommune"])
def test_ranking_the_index_entries_gives_the_scores_ranking_the_join_gives(query):
    """The count's statement ranks the index entries alone (search/backends/postgres.py); the
    pages, their order and their scores are those of modelsearch's join of pages and entries."""
    backend = SearchBackend({})
    for name, queryset in querysets():
        compiler = backend.search(expand_query(query), queryset).query_compiler
        config = compiler.get_config(backend)
        ranked = compiler.ranked_pks(config, backend)
        joined = list(
            compiler.search(config, None, None, score_field="_search_rank", backend=backend)
            .order_by(F("_search_rank").desc(), "-pk")
            .values_list("pk", "_search_rank")
        )
        assert [pk for pk, _ in ranked] == [pk for pk, _ in joined], name
        assert [round(score, 6) for _, score in ranked] == [
            round(score, 6) for _, score in joined
        ], name


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row storage")
def test_index_rows_keep_their_tsvectors_inline():
    """search/0004: rows of up to a page keep their values inline (no TOAST read per match)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        assert "toast_tuple_target=8160" in cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM wagtailsearch_indexentry "
            "WHERE pg_column_size(body) < 4000 AND pg_column_compression(body) IS NOT NULL"
        )
        assert cursor.fetchone()[0] == 0
