"""The relevance suite against a real Elasticsearch server: only when ELASTICSEARCH_URL is set.

Run: ELASTICSEARCH_URL=http://127.0.0.1:9200 \
    .venv/bin/pytest tests/search/test_search_elasticsearch_live.py
(ELASTICSEARCH_INDEX_PREFIX defaults to kredsraad_; use a test prefix on shared servers.)
The settings module reads ELASTICSEARCH_URL itself, so the whole site then searches through
Elasticsearch; the index is rebuilt from the test database before the queries. The compound
cases of the relevance suite are expected to pass here: the index analyzer's decompounder
(site/settings/base.py) indexes their parts, and the _analyze tests below show it does.
"""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.search.relevance import (
    COMPOUND,
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


def analyze(analyzer, text):
    """The terms the page index's analyzer gives the text, from the server's _analyze API."""
    backend = get_search_backend()
    index = backend.get_index_for_model(Page)
    response = backend.es.indices.analyze(index=index.name, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


@pytest.mark.parametrize(
    ("compound", "parts"),
    [
        ("indbrudsprojektet", ["indbrud", "projekt"]),
        ("cykelkontrol", ["cykel", "kontrol"]),
        ("tryghedsvandring", ["tryghed", "vandring"]),
        ("færdselssikkerhedsmæssigt", ["færdselssikkerhed", "færdsel", "sikkerhed"]),
    ],
)
def test_the_index_analyzer_adds_the_compounds_parts(compound, parts):
    indexed = analyze("default", compound)
    for part in parts:
        (query_term,) = analyze("default_search", part)
        assert query_term in indexed, f"{part!r} ({query_term}) not in {indexed}"


def test_the_query_analyzer_keeps_a_compound_whole():
    assert len(analyze("default_search", "tryghedsvandring")) == 1
    assert analyze("default", "indbrud") == analyze("default_search", "indbrud")


def test_every_compound_case_finds_its_page(client):
    compounds = [(query, url) for query, url, kind in QUERIES if kind == COMPOUND]
    assert compounds
    assert all(expected_miss(query, COMPOUND, "elasticsearch") is None for query, _ in compounds)
    misses = [(query, url) for query, url in compounds if url not in top_urls(client, query)]
    assert misses == []
