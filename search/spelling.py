"""The "Mente du …?" offer: a better spelling of a query's unknown words, from the index's words.

A suggestion is built only from words that are in the search index, so following it finds
pages; the view also counts its results before offering it. Each query word that the index
does not know (neither the word nor another word with its Danish stem) is replaced by the most
similar index word, if one is clearly similar; known words, stop words and short words stay.

* SQLite: the words of the FTS5 vocabulary that search/stemming.py already reads and caches
  per version of the index; the candidates for a word (same first letter, length within
  MAX_LENGTH_DIFFERENCE) are compared with difflib. The buckets are built once per vocabulary.
  FTS5 stores words without the ring of "å" (its unicode61 tokenizer removes diacritics), so a
  suggestion with an "a" takes its spelling from the indexed text (FTS5's snippet()).
* PostgreSQL: the words of the indexed text (ts_stat over the 'simple' configuration of
  title_text and body_text, which keeps words as written, lower case), cached per process
  until the index table changes; the same buckets give the candidates and pg_trgm's
  similarity() ranks them.
* Elasticsearch: no suggestion.
"""

import bisect
import difflib
import re
import weakref

from django.conf import settings
from django.db import DatabaseError, connection

from search import stemming

# Shorter words have too many neighbours one letter away ("bil", "bål", "bold").
MIN_WORD_LENGTH = 4
# Longer "words" are not words; comparing them is wasted work.
MAX_WORD_LENGTH = 40
# A bound on the work for a long query: only its first words are corrected.
MAX_WORDS = 8
MAX_LENGTH_DIFFERENCE = 2
# Compounds are looked up by the word's first letters, at most MAX_COMPOUNDS of them.
PREFIX_LETTERS = 3
MAX_COMPOUNDS = 500
# How similar an index word must be (difflib's ratio on SQLite, pg_trgm's similarity() on
# PostgreSQL): "indbrut" -> "indbrud" is 0.86 and 0.45; "kage" -> "lage" is never offered
# because the first letter differs.
MIN_RATIO = 0.8
MIN_TRIGRAM_SIMILARITY = 0.4
# The snowball project's Danish stop words: never corrected.
STOP_WORDS = frozenset(
    """ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
    disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes her
    hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit
    mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal skulle som
    sådan thi til ud under var vi vil ville vor være været""".split()
)
_WORD = re.compile(r"[^\W\d_]+")
PG_WORDS_SQL = (
    "SELECT word FROM ts_stat('SELECT to_tsvector(''simple'', title_text || '' '' || body_text) "
    "FROM wagtailsearch_indexentry')"
)


class Speller:
    """The index's words, in buckets of first letter and length, and the stems they have."""

    def __init__(self, words):
        self.words = frozenset(words)
        self.sorted_words = sorted(self.words)
        self.stems = frozenset(stemming.stem_term(stemming.fold(word)) for word in self.words)
        self.buckets = {}
        for word in self.sorted_words:
            self.buckets.setdefault((word[:1], len(word)), []).append(word)

    def knows(self, word):
        return word in self.words or stemming.stem_term(stemming.fold(word)) in self.stems

    def candidates(self, word):
        """Index words of about the word's length with its first letter."""
        candidates = []
        for difference in range(-MAX_LENGTH_DIFFERENCE, MAX_LENGTH_DIFFERENCE + 1):
            candidates.extend(self.buckets.get((word[:1], len(word) + difference), ()))
        return candidates

    def compound_beginnings(self, word):
        """Beginnings, about as long as the word, of the longer index words that start with the
        word's first letters: a compound's first part ("færdselssikkerhed" in
        "færdselssikkerhedsarbejdet") that the index holds only inside compounds. The search
        finds such a part through the compounds it begins (search/stemming.py, postgres.py)."""
        start = word[:PREFIX_LETTERS]
        beginnings = set()
        position = bisect.bisect_left(self.sorted_words, start)
        for term in self.sorted_words[position : position + MAX_COMPOUNDS]:
            if not term.startswith(start):
                break
            if len(term) > len(word) + MAX_LENGTH_DIFFERENCE:
                for length in range(len(word) - 1, len(word) + 2):
                    beginnings.add(term[:length])
        return sorted(beginnings - self.words)

    def closest(self, word):
        """The most similar index word (difflib's ratio), else the most similar beginning of a
        compound; None if nothing is similar enough."""
        for candidates in (self.candidates(word), self.compound_beginnings(word)):
            matches = difflib.get_close_matches(word, candidates, n=1, cutoff=MIN_RATIO)
            if matches:
                return matches[0]
        return None


# {Vocabulary: Speller}: built once per cached FTS5 vocabulary, dropped with it.
_sqlite_spellers = weakref.WeakKeyDictionary()
# {(database name, version of the index table): Speller}, per process.
_postgres_spellers = {}


def sqlite_speller():
    vocabulary = stemming.index_vocabulary()
    speller = _sqlite_spellers.get(vocabulary)
    if speller is None:
        speller = _sqlite_spellers[vocabulary] = Speller(vocabulary.terms)
    return speller


def postgres_index_version(cursor):
    """What changes when rows of the index table are written: PostgreSQL's counters of the
    table's inserted, updated and deleted rows, and when the statistics were last reset.

    The counters are not transactional: they move once the writing transaction has ended
    (within a second or so), so a vocabulary read just before may be kept until then and is
    read again at the next search after it. Reading them is a catalogue lookup; reading the
    words walks the whole index (ts_stat).
    """
    cursor.execute(
        "SELECT t.n_tup_ins, t.n_tup_upd, t.n_tup_del, d.stats_reset "
        "FROM pg_stat_user_tables t, pg_stat_database d "
        "WHERE t.relid = 'wagtailsearch_indexentry'::regclass "
        "AND d.datname = current_database()"
    )
    return cursor.fetchone()


def postgres_speller():
    with connection.cursor() as cursor:
        # Inside a transaction its own writes are not in the counters yet: read afresh.
        if connection.in_atomic_block:
            cursor.execute(PG_WORDS_SQL)
            return Speller(row[0] for row in cursor.fetchall())
        key = (connection.settings_dict["NAME"], postgres_index_version(cursor))
        speller = _postgres_spellers.get(key)
        if speller is None:
            cursor.execute(PG_WORDS_SQL)
            speller = Speller(row[0] for row in cursor.fetchall())
            for old in [k for k in _postgres_spellers if k[0] == key[0]]:
                del _postgres_spellers[old]
            _postgres_spellers[key] = speller
        return speller


def postgres_closest(words, speller):
    """{word: the most similar index word by pg_trgm's similarity()}, else the most similar
    beginning of a compound; one query for all the words."""
    rows = [
        (word, candidate, kind)
        for word in words
        for kind, candidates in enumerate(
            (speller.candidates(word), speller.compound_beginnings(word))
        )
        for candidate in candidates
    ]
    if not rows:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT ON (word) word, candidate "
            "FROM unnest(%s::text[], %s::text[], %s::int[]) AS pair(word, candidate, kind) "
            "WHERE similarity(word, candidate) >= %s "
            "ORDER BY word, kind, similarity(word, candidate) DESC, candidate",
            [
                [row[0] for row in rows],
                [row[1] for row in rows],
                [row[2] for row in rows],
                MIN_TRIGRAM_SIMILARITY,
            ],
        )
        return dict(cursor.fetchall())


def sqlite_spelling(word):
    """The word as the indexed text writes it: FTS5 keeps "å" as "a" in its vocabulary."""
    if "a" not in word:
        return word
    table = stemming.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT snippet({table}, -1, char(2), char(3), '', 1) FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s LIMIT 1",
            [f'"{word}"'],
        )
        row = cursor.fetchone()
    found = re.search("\x02(.*?)\x03", row[0]) if row else None
    spelled = found.group(1).lower() if found else ""
    return spelled if stemming.fold(spelled) == word else word


def correctable(word):
    return (
        MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH
        and word not in STOP_WORDS
        and _WORD.fullmatch(word) is not None
    )


def suggest(query):
    """A better spelling of the query from the index's words, or None.

    The query's words are kept as typed unless the index does not know them and has a
    clearly similar word; None when nothing would change.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    if "elasticsearch" in backend or connection.vendor not in {"sqlite", "postgresql"}:
        return None
    tokens = query.split()
    words = [token.lower() for token in tokens[:MAX_WORDS]]
    if not any(correctable(word) for word in words):
        return None
    try:
        if connection.vendor == "sqlite":
            speller = sqlite_speller()
            unknown = {
                word
                for word in words
                if correctable(word) and not speller.knows(stemming.fold(word))
            }
            corrections = {}
            for word in unknown:
                closest = speller.closest(stemming.fold(word))
                if closest is not None:
                    corrections[word] = sqlite_spelling(closest)
        else:
            speller = postgres_speller()
            unknown = {word for word in words if correctable(word) and not speller.knows(word)}
            corrections = postgres_closest(sorted(unknown), speller) if unknown else {}
    except DatabaseError:
        return None
    if not corrections:
        return None
    corrected = [corrections.get(token.lower(), token) for token in tokens[:MAX_WORDS]]
    suggestion = " ".join(corrected + tokens[MAX_WORDS:])
    return None if suggestion.lower() == query.lower() else suggestion
