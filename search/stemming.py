"""Danish stemming for the SQLite FTS5 backend, by query expansion (the backend is not forked).

SQLite FTS5 indexes words as they are written, so "indbruddene" does not find "indbrud". Before
searching, each query word is stemmed with the Snowball Danish stemmer and the words of the
search index (read through an fts5vocab table) that have the same stem are added to the query,
which the database backend joins with OR. PostgreSQL and Elasticsearch stem themselves; there
this module does nothing.

Danish joins words into compounds ("indbrud" is written inside "Indbrudsprojektet"), which FTS5
indexes as one word. Each query word of at least MIN_PREFIX_LENGTH letters therefore also gets
the index's words that begin with it, as PrefixTerm alternatives; the ranked SQLite backend
(search/backends/sqlite.py) puts the pages that match only through such a word after every page
that matches the word itself or an inflection.
"""

import bisect
import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.conf import settings
from django.db import DatabaseError, connection
from wagtail.search.query import And, Or, PlainText

FTS_TABLE = "wagtailsearch_indexentry_fts"
VOCAB_TABLE = "kredsraad_search_vocab"
MAX_EXTRA_WORDS = 30
# Shorter words begin too many unrelated ones ("bil" -> bilag, "pol" -> politi).
MIN_PREFIX_LENGTH = 4
# A bound on the MATCH expression: a common beginning ("sikker") starts dozens of index words.
MAX_PREFIX_WORDS = 20
_WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("danish")


def applies():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    return "elasticsearch" not in backend and connection.vendor == "sqlite"


def fold(word):
    """Fold a word like FTS5's unicode61 tokenizer (remove_diacritics): "å" -> "a"; æ, ø stay."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=200_000)
def stem_term(term):
    """The stem of an (already folded) index word; memoised, the vocabulary is read per search."""
    return _stemmer.stemWord(term)


def stem(word):
    return stem_term(fold(word))


def index_version():
    """What changes whenever the FTS5 index changes: its structure record.

    FTS5 keeps the list of its segments in the row id=10 of its %_data table and rewrites it on
    every write (insert, update, delete, merge), in this process or any other; reading it is one
    primary-key lookup, where reading the vocabulary walks every doclist (600 ms at 10,000
    pages).
    """
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT block FROM {FTS_TABLE}_data WHERE id = 10")  # noqa: S608
        row = cursor.fetchone()
    return bytes(row[0]) if row else b""


def read_vocabulary():
    """Every word in the FTS5 index."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{VOCAB_TABLE} "  # noqa: S608
            f"USING fts5vocab(main, '{FTS_TABLE}', 'row')"
        )
        cursor.execute(f"SELECT term FROM temp.{VOCAB_TABLE}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


class PrefixTerm(PlainText):
    """An index word that a query word begins: a compound containing it, ranked below the
    word's exact and inflected matches."""


def strip_prefix_terms(query):
    """The query without its PrefixTerm alternatives (None if nothing else is left)."""
    if isinstance(query, PrefixTerm):
        return None
    if isinstance(query, (And, Or)):
        subqueries = [strip_prefix_terms(subquery) for subquery in query.subqueries]
        subqueries = [subquery for subquery in subqueries if subquery is not None]
        if not subqueries:
            return None
        if isinstance(query, Or) or len(subqueries) == len(query.subqueries):
            return subqueries[0] if len(subqueries) == 1 else type(query)(subqueries)
        return None
    return query


def has_prefix_terms(query):
    if isinstance(query, PrefixTerm):
        return True
    return isinstance(query, (And, Or)) and any(map(has_prefix_terms, query.subqueries))


class Vocabulary:
    """The index's words, by stem, read once per version of the index."""

    def __init__(self, terms):
        self.terms = sorted(terms)
        self.by_stem = {}
        for term in self.terms:
            self.by_stem.setdefault(stem_term(term), []).append(term)

    def starting_with(self, prefix):
        """The index words that begin with prefix and are longer, at most MAX_PREFIX_WORDS."""
        words = []
        for term in self.terms[bisect.bisect_right(self.terms, prefix) :]:
            if not term.startswith(prefix) or len(words) == MAX_PREFIX_WORDS:
                break
            words.append(term)
        return words


# {(database name, index version): Vocabulary}, per process; an old version is dropped.
_vocabularies = {}


def index_vocabulary():
    """The Vocabulary of the current index: read again only when the index has changed.

    Inside a transaction FTS5 holds its own uncommitted writes in memory and rewrites the
    structure record only at COMMIT, so there the version says nothing: read afresh.
    """
    if connection.in_atomic_block:
        return Vocabulary(read_vocabulary())
    key = (connection.settings_dict["NAME"], index_version())
    vocabulary = _vocabularies.get(key)
    if vocabulary is None:
        vocabulary = Vocabulary(read_vocabulary())
        for old in [k for k in _vocabularies if k[0] == key[0]]:
            del _vocabularies[old]
        _vocabularies[key] = vocabulary
    return vocabulary


def expand_query(query):
    """The query with the index's other inflections of each word as alternatives (SQLite only).

    The SQLite backend joins a query's words with AND; each word becomes (word OR inflection …
    OR compound …), so a query matches the pages it matched before plus pages with other
    inflections or with compounds that begin with the word.
    """
    if not applies():
        return query
    tokens = query.split()
    stems = {token: stem(token) for token in tokens if _WORD.fullmatch(token) and len(token) > 2}
    if not stems:
        return query
    try:
        vocabulary = index_vocabulary()
    except DatabaseError:
        return query
    by_stem = vocabulary.by_stem
    groups, expanded = [], False
    for token in tokens:
        folded = fold(token)
        variants = [term for term in by_stem.get(stems.get(token), []) if term != folded][
            :MAX_EXTRA_WORDS
        ]
        compounds = []
        if token in stems and len(folded) >= MIN_PREFIX_LENGTH:
            compounds = [term for term in vocabulary.starting_with(folded) if term not in variants]
        expanded = expanded or bool(variants) or bool(compounds)
        alternatives = (
            [PlainText(token)]
            + [PlainText(term) for term in variants]
            + [PrefixTerm(term) for term in compounds]
        )
        groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not expanded:
        return query
    return groups[0] if len(groups) == 1 else And(groups)
