"""The relevance suite against a real Elasticsearch server: only when ELASTICSEARCH_URL is set.

Run: ELASTICSEARCH_URL=http://127.0.0.1:9200 \
    .venv/bin/pytest tests/search/test_search_elasticsearch_live.py
(ELASTICSEARCH_INDEX_PREFIX defaults to kredsraad_; use a test prefix on shared servers.)
The settings module reads ELASTICSEARCH_URL itself, so the whole site then searches through
Elasticsearch; the index is rebuilt from the test database before the queries.
"""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.search.relevance import (
    MINIMUM_HIT_RATE,
    QUERIES,
    expected_miss,
    hit_rate,
    top_urls,
)

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("ELASTICSEARCH_URL"),
        reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against",
    ),
    pytest.mark.usefixtures("elasticsearch_site"),
]


@pytest.fixture
def elasticsearch_site(site):
    assert "elasticsearch" in settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    call_command("update_index", stdout=StringIO())


def params():
    result = []
    for query, url, kind in QUERIES:
        reason = expected_miss(query, kind, "elasticsearch")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        result.append(pytest.param(query, url, id=f"{kind}-{query}", marks=marks))
    return result


@pytest.mark.parametrize(("query", "url"), params())
def test_query_finds_page_in_top_3(client, query, url):
    assert url in top_urls(client, query)


def test_hit_rate(client, capsys):
    hits, total = hit_rate(client)
    with capsys.disabled():
        print(f"\nrelevance hit rate on elasticsearch: {hits}/{total} = {hits / total:.0%}")
    assert hits / total >= MINIMUM_HIT_RATE["elasticsearch"]


def test_stemming(client):
    assert "/fokusomraader/indbrud-i-privat-beboelse/" in top_urls(client, "indbruddene")


def test_autocomplete_keeps_danish_letters(client):
    data = client.get("/soeg/forslag/", {"q": "nabohjæ"}).json()
    assert any(s["url"] == "/forebyggelse/nabohjaelp/" for s in data["suggestions"])
