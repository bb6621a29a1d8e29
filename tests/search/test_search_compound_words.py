"""The Danish compound parts the Elasticsearch decompounder uses: the shipped list, the command
that makes it from the plans, and what the decompounder then indexes."""

import re
from io import StringIO

import pytest
import snowballstemmer
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from kredsraad_site.settings.base import ELASTICSEARCH_DANISH_DECOMPOUNDER
from search.compound_words import (
    DANISH_STOP_WORDS,
    compound_parts,
    read_word_list,
    render,
    source_texts,
)
from tests.search.relevance import COMPOUND, QUERIES, expected_miss

STEMMER = snowballstemmer.stemmer("danish")


def shipped_list():
    return read_word_list(settings.SEARCH_COMPOUND_WORDS_FILE)


def test_the_shipped_list_is_what_the_plans_give():
    """Like the committed .mo files: after a new plan, `manage.py build_compound_words`."""
    expected = render(
        compound_parts(
            source_texts(settings.SEARCH_COMPOUND_SOURCE_DIR),
            min_length=settings.SEARCH_COMPOUND_MIN_PART,
            max_length=settings.SEARCH_COMPOUND_MAX_PART,
        )
    )
    assert settings.SEARCH_COMPOUND_WORDS_FILE.read_text(encoding="utf-8") == expected, (
        "search/data/compound_words_da.txt is not what content/ gives: "
        "run manage.py build_compound_words"
    )
    call_command("build_compound_words", "--check")


def test_the_list_holds_the_plans_compound_parts():
    words = set(shipped_list())
    parts = {"indbrud", "projekt", "cykel", "kontrol", "tryghed", "vandring", "færdsel"}
    assert parts | {"sikkerhed", "færdselssikkerhed", "kriminalitet", "forebyggelse"} <= words


def test_the_list_holds_no_junk():
    words = shipped_list()
    assert words == sorted(set(words)), "sorted, each word once"
    short = [word for word in words if len(word) < settings.SEARCH_COMPOUND_MIN_PART]
    assert short == []
    assert all(len(word) <= settings.SEARCH_COMPOUND_MAX_PART for word in words)
    assert [word for word in words if not re.fullmatch(r"[a-zæøå]+", word)] == []
    assert DANISH_STOP_WORDS.isdisjoint(words)
    # Endings are not parts: what is left of "kommunerne", "sikkerheden", "aktiviteter".
    assert {"rne", "rnes", "heden", "iteter", "lsen", "ttet"}.isdisjoint(words)


def test_parts_need_a_known_side_and_a_joint():
    text = (
        "Cykelkontrol i skolen. Politiets kontrol. En tryghedsvandring skaber tryghed. "
        "Kommunerne og kommune. Undersøgelse under 2017."
    )
    parts = compound_parts([text])
    assert "cykel" in parts  # "kontrol" stands alone in the text
    assert "vandring" in parts  # after "tryghed" and a linking s
    assert "rne" not in parts and "rnes" not in parts  # an inflection, not a compound
    assert "søgelse" not in parts  # "under" is a stop word
    assert not any(char.isdigit() for part in parts for char in part)


def test_build_compound_words_is_idempotent_and_quiet(settings, tmp_path):
    settings.SEARCH_COMPOUND_WORDS_FILE = tmp_path / "words.txt"
    out = StringIO()
    call_command("build_compound_words", stdout=out)
    written = settings.SEARCH_COMPOUND_WORDS_FILE.read_text(encoding="utf-8")
    assert read_word_list(settings.SEARCH_COMPOUND_WORDS_FILE) == shipped_list()
    modified = settings.SEARCH_COMPOUND_WORDS_FILE.stat().st_mtime_ns
    call_command("build_compound_words", stdout=out)
    assert settings.SEARCH_COMPOUND_WORDS_FILE.stat().st_mtime_ns == modified
    assert settings.SEARCH_COMPOUND_WORDS_FILE.read_text(encoding="utf-8") == written
    assert out.getvalue() == ""


def test_build_compound_words_check_fails_on_a_stale_list(settings, tmp_path):
    settings.SEARCH_COMPOUND_WORDS_FILE = tmp_path / "words.txt"
    settings.SEARCH_COMPOUND_WORDS_FILE.write_text("indbrud\n", encoding="utf-8")
    with pytest.raises(CommandError, match="build_compound_words"):
        call_command("build_compound_words", "--check")
    assert settings.SEARCH_COMPOUND_WORDS_FILE.read_text(encoding="utf-8") == "indbrud\n"


def test_build_compound_words_without_plans_writes_nothing(settings, tmp_path):
    settings.SEARCH_COMPOUND_SOURCE_DIR = tmp_path
    settings.SEARCH_COMPOUND_WORDS_FILE = tmp_path / "words.txt"
    with pytest.raises(CommandError, match="Ingen planer"):
        call_command("build_compound_words")
    assert not settings.SEARCH_COMPOUND_WORDS_FILE.exists()


# --- What Elasticsearch indexes: an emulation, because no Elasticsearch server runs here ------


def decompound(token, word_list, options):
    """The subwords Lucene's DictionaryCompoundWordTokenFilter (Elasticsearch's
    dictionary_decompounder) adds for a token, with only_longest_match off: every word of the
    list found anywhere inside a token of at least min_word_size letters. A port of its
    decompose() loop, so that the shipped list can be checked without a server."""
    assert options["only_longest_match"] is False
    words = set(word_list)
    if len(token) < options["min_word_size"]:
        return []
    found = []
    for start in range(len(token) - options["min_subword_size"] + 1):
        for size in range(options["min_subword_size"], options["max_subword_size"] + 1):
            if start + size > len(token):
                break
            if token[start : start + size] in words:
                found.append(token[start : start + size])
    return found


def index_terms(word):
    """The index analyzer's terms for one word: lowercase, decompounder, stop, stemmer, unique."""
    token = word.lower()
    tokens = [token, *decompound(token, shipped_list(), ELASTICSEARCH_DANISH_DECOMPOUNDER)]
    return {STEMMER.stemWord(t) for t in tokens if t not in DANISH_STOP_WORDS}


def query_term(word):
    """The search analyzer's term (default_search: no decompounder)."""
    return STEMMER.stemWord(word.lower())


@pytest.mark.parametrize(
    ("compound", "subwords"),
    [
        ("indbrudsprojektet", {"indbrud", "projekt", "projektet"}),
        ("cykelkontrol", {"cykel", "kontrol"}),
        ("tryghedsvandring", {"tryghed", "vandring"}),
        ("færdselssikkerhedsmæssigt", {"færdsel", "sikkerhed", "færdselssikkerhed"}),
    ],
)
def test_the_decompounder_emits_the_parts(compound, subwords):
    emitted = decompound(compound, shipped_list(), ELASTICSEARCH_DANISH_DECOMPOUNDER)
    assert subwords <= set(emitted)


@pytest.mark.parametrize(
    ("query", "indexed_word"),
    [
        ("indbrud", "Indbrudsprojektet"),
        ("projekt", "Indbrudsprojektet"),
        ("cykel", "Cykelkontrol"),
        ("kontrol", "Cykelkontrol"),
        ("tryghed", "tryghedsvandring"),
        ("vandring", "tryghedsvandring"),
        ("færdselssikkerhed", "færdselssikkerhedsmæssigt"),
        ("færdsel", "Færdselssikkerhedsarbejdet"),
    ],
)
def test_a_query_word_finds_the_compound_it_is_part_of(query, indexed_word):
    assert query_term(query) in index_terms(indexed_word)


def test_words_that_are_not_compounds_index_as_before():
    for word in ("indbrud", "kommune", "politi", "Horsens"):
        assert index_terms(word) == {query_term(word)}
    # An inflected word that holds its own base form ("sikkerheden" holds "sikkerhed") adds
    # nothing after stemming: the unique filter keeps one token, so the word scores as before.
    for word in ("sikkerheden", "projektet", "kontrollen"):
        assert decompound(word, shipped_list(), ELASTICSEARCH_DANISH_DECOMPOUNDER)
        assert index_terms(word) == {query_term(word)}


def test_compounds_are_not_expected_misses_on_elasticsearch():
    """The suite's statement for Elasticsearch: with the decompounder, no compound case is
    expected to miss (they run against a server in test_search_elasticsearch_live.py)."""
    compounds = [query for query, _, kind in QUERIES if kind == COMPOUND]
    assert len(compounds) >= 3
    assert [q for q in compounds if expected_miss(q, COMPOUND, "elasticsearch")] == []
