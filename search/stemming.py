"""Danish stemming for the SQLite FTS5 backend, by query expansion (the backend is not forked).

SQLite FTS5 indexes words as they are written, so "indbruddene" does not find "indbrud". Before
searching, each query word is stemmed with the Snowball Danish stemmer and the words of the
search index (read through an fts5vocab table) that have the same stem are added to the query,
which the database backend joins with OR. PostgreSQL and Elasticsearch stem themselves; there
this module does nothing.
"""

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


class Vocabulary:
    """The index's words, by stem, read once per version of the index."""

    def __init__(self, terms):
        self.terms = sorted(terms)
        self.by_stem = {}
        for term in self.terms:
            self.by_stem.setdefault(stem_term(term), []).append(term)


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

    The SQLite backend joins a query's words with AND; each word becomes (word OR inflection …),
    so a query matches exactly the pages it matched before plus pages with other inflections.
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
        variants = [term for term in by_stem.get(stems.get(token), []) if term != fold(token)][
            :MAX_EXTRA_WORDS
        ]
        expanded = expanded or bool(variants)
        alternatives = [PlainText(token)] + [PlainText(term) for term in variants]
        groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not expanded:
        return query
    return groups[0] if len(groups) == 1 else And(groups)
