"""The Danish relevance suite on the configured backend (SQLite FTS5 or PostgreSQL)."""

import pytest
from django.conf import settings
from django.db import connection

from tests.search.relevance import (
    MINIMUM_HIT_RATE,
    QUERIES,
    expected_miss,
    hit_rate,
    top_urls,
)

pytestmark = pytest.mark.usefixtures("site")


def backend_name():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "elasticsearch" if "elasticsearch" in backend else connection.vendor


BACKEND = backend_name()


def relevance_params(backend):
    params = []
    for query, url, kind in QUERIES:
        reason = expected_miss(query, kind, backend)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(query, url, id=f"{kind}-{query}", marks=marks))
    return params


def test_suite_size():
    assert len(QUERIES) >= 30


@pytest.mark.skipif(BACKEND == "elasticsearch", reason="see test_search_elasticsearch_live.py")
@pytest.mark.parametrize(("query", "url"), relevance_params(BACKEND))
def test_query_finds_page_in_top_3(client, query, url):
    assert url in top_urls(client, query)


@pytest.mark.skipif(BACKEND == "elasticsearch", reason="see test_search_elasticsearch_live.py")
def test_hit_rate(client, capsys):
    hits, total = hit_rate(client)
    with capsys.disabled():
        print(f"\nrelevance hit rate on {BACKEND}: {hits}/{total} = {hits / total:.0%}")
    assert hits / total >= MINIMUM_HIT_RATE[BACKEND]


def test_postgres_stems_danish(client):
    if BACKEND != "postgresql":
        pytest.skip("stemming needs PostgreSQL (set DATABASE_URL)")
    assert "/fokusomraader/indbrud-i-privat-beboelse/" in top_urls(client, "indbruddene")
