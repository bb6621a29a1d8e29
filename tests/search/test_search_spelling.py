"""The "Mente du …?" offer for misspelt words, from the index's own words (SQLite, PostgreSQL)."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from search import spelling

pytestmark = pytest.mark.usefixtures("site")


def suggestion_of(client, query, **params):
    response = client.get("/soeg/", {"q": query, **params})
    assert response.status_code == 200
    return response, response.context["suggested_spelling"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("indbrut", "indbrud"),
        ("cykelkontrl", "cykelkontrol"),
        ("nabohjælb", "nabohjælp"),
        ("færdselsikkerhed", "færdselssikkerhed"),
        ("skandeborg", "skanderborg"),
        ("INDBRUT", "indbrud"),
        ("årshjl", "årshjul"),
        ("Skandeborg", "skanderborg"),
    ],
)
def test_misspelt_words_get_the_index_word(client, typed, meant):
    response, suggestion = suggestion_of(client, typed)
    assert suggestion is not None, typed
    assert suggestion["query"] == meant
    link = f'href="/soeg/?{escape(suggestion["query_string"])}"><strong>{meant}</strong></a>?'
    assert f'Mente du: <a class="search-spelling__link" {link}' in response.content.decode()
    follow = client.get(f"/soeg/?{suggestion['query_string']}")
    assert follow.context["results"], "the suggestion finds pages"
    assert follow.context["suggested_spelling"] is None


def test_the_link_is_danish_and_points_to_the_search(client):
    response, _ = suggestion_of(client, "indbrut")
    html = response.content.decode()
    assert (
        '<p class="search-spelling">Mente du: <a class="search-spelling__link" '
        'href="/soeg/?q=indbrud"><strong>indbrud</strong></a>?</p>'
    ) in html


def test_multi_word_query_corrects_only_the_unknown_word(client):
    _, suggestion = suggestion_of(client, "indbrut politi")
    assert suggestion["query"] == "indbrud politi"


def test_the_filters_are_kept_in_the_link(client):
    _, suggestion = suggestion_of(client, "skandeborg", kommune="skanderborg", type="kommune")
    assert suggestion is not None
    assert suggestion["query_string"] == "q=skanderborg&type=kommune&kommune=skanderborg"


def test_no_suggestion_that_finds_nothing_with_the_filters(client):
    response, suggestion = suggestion_of(client, "skandeborg", kommune="vejle", type="kommune")
    assert response.context["results"] == []
    assert suggestion is None


@pytest.mark.parametrize(
    "query",
    [
        "indbrud",  # in the index, many results
        "politiet",  # an inflection of an index word
        "tryghedsvandring",
        "hvordan forebygger man indbrud",  # a Danish question, all words known
        "ikke",  # a stop word
        "bil",  # too short
    ],
)
def test_no_suggestion_for_known_words(client, query):
    response, suggestion = suggestion_of(client, query)
    assert suggestion is None
    assert "Mente du" not in response.content.decode()


def test_no_suggestion_when_nothing_similar_exists(client):
    _, suggestion = suggestion_of(client, "xylofonorkester")
    assert suggestion is None


def words_read(queries):
    """The statements that read the index's words: the FTS5 vocabulary and its snippet() for
    the spelling of "å" (SQLite), the word table (PostgreSQL)."""
    markers = ("kredsraad_search_vocab", "_fts_data", "kredsraad_search_word", "snippet(")
    return [query["sql"] for query in queries if any(m in query["sql"] for m in markers)]


def test_a_search_with_results_reads_nothing_more_for_the_suggestion(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/soeg/", {"q": "kommune"})
    assert response.context["results_page"].paginator.count >= 3
    # Only the SQLite expansion's own read of the vocabulary (search/stemming.py).
    expansion = 2 if connection.vendor == "sqlite" else 0
    assert len(words_read(queries)) == expansion


def test_a_misspelt_search_reads_the_words(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/soeg/", {"q": "indbrut"})
    # The query's expansion and the suggestion's own on SQLite; the word table on PostgreSQL.
    assert len(words_read(queries)) > (2 if connection.vendor == "sqlite" else 0)


@pytest.mark.parametrize(
    "query",
    [
        "indbrut " * 200,
        "\x00indbrut\x07\x1b",
        "!!! ??? ... ---",
        "ææææææææææææææææææææææææææææææææææææææææææææææææææææææææææ",
        "indbrut" * 100,
        '"indbrut',
        "indbrut*",
        "indbrut OR NOT skandeborg",
    ],
)
def test_bad_input_never_fails_and_stays_bounded(client, query):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/soeg/", {"q": query})
    assert response.status_code == 200
    assert len(queries) < 40


def test_long_queries_correct_only_their_first_words():
    words = ["indbrut"] * (spelling.MAX_WORDS + 5)
    started = time.perf_counter()
    suggestion = spelling.suggest(" ".join(words))
    assert time.perf_counter() - started < 5
    assert suggestion.split()[: spelling.MAX_WORDS] == ["indbrud"] * spelling.MAX_WORDS
    assert suggestion.split()[spelling.MAX_WORDS :] == ["indbrut"] * 5


def test_suggestions_keep_danish_letters():
    assert spelling.suggest("nabohjælb") == "nabohjælp"
    assert spelling.suggest("færdselsikkerhed") == "færdselssikkerhed"
