"""The "Mente du …?" offer: a better spelling of a query's unknown words, from the index's words.

A suggestion is built only from words that are in the search index, and the view offers it
only if it finds more pages than the query. Each query word that the index does not know
(neither the word nor another word with its Danish stem) is replaced by the most similar index
word, if one is clearly similar; known words, stop words and short words stay.

* SQLite: the words of the FTS5 vocabulary that search/stemming.py already reads and caches
  per version of the index; the candidates for a word (same first letter, length within
  MAX_LENGTH_DIFFERENCE) are compared with difflib. The buckets are built once per vocabulary.
  FTS5 stores words without the ring of "å" (its unicode61 tokenizer removes diacritics), so a
  suggestion with an "a" takes its spelling from the indexed text (FTS5's snippet()).
* PostgreSQL: a table of the index's words (word as written in lower case, and its Danish
  stem), kept by a trigger on the index table (migration search/0003_search_word_table); one
  statement finds the unknown words and their most similar words with pg_trgm (similarity(),
  the % operator on a trigram GIN index). No cache: the table is always current.
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
# PostgreSQL): "indbrut" -> "indbrud" is 0.86 and 0.6. A different first letter is never
# offered ("kage" -> "lage").
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
# Kept by a trigger on the index table (migration search/0003_search_word_table).
WORD_TABLE = "kredsraad_search_word"


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


def sqlite_speller():
    vocabulary = stemming.index_vocabulary()
    speller = _sqlite_spellers.get(vocabulary)
    if speller is None:
        speller = _sqlite_spellers[vocabulary] = Speller(vocabulary.terms)
    return speller


def postgres_corrections(words):
    """{word: the most similar index word} for the words the index does not know, from the
    word table (migration search/0003_search_word_table) in one statement.

    A word is known when the table has it or a word with its Danish stem. The candidates are
    the table's words with the same first letter, a length within MAX_LENGTH_DIFFERENCE and
    pg_trgm's similarity() of at least MIN_TRIGRAM_SIMILARITY (the % operator uses the
    trigram index), ranked by similarity; failing those, the beginnings of the longer words
    that start with the word's first PREFIX_LETTERS letters (a compound's first part).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT typed.word, (
                SELECT candidate.word FROM (
                    SELECT indexed.word, similarity(indexed.word, typed.word) AS score, 0 AS kind
                    FROM {WORD_TABLE} indexed
                    WHERE indexed.word %% typed.word
                      AND left(indexed.word, 1) = left(typed.word, 1)
                      AND abs(length(indexed.word) - length(typed.word)) <= %(difference)s
                    UNION ALL
                    SELECT part.beginning, similarity(part.beginning, typed.word), 1
                    FROM {WORD_TABLE} indexed
                    CROSS JOIN LATERAL (
                        SELECT left(indexed.word, length(typed.word) + extra) AS beginning
                        FROM generate_series(-1, 1) AS extra
                    ) part
                    WHERE indexed.word LIKE left(typed.word, %(prefix)s) || '%%'
                      AND length(indexed.word) > length(typed.word) + %(difference)s
                      AND part.beginning <> typed.word
                ) candidate
                WHERE candidate.score >= %(similarity)s
                ORDER BY candidate.kind, candidate.score DESC, candidate.word
                LIMIT 1
            )
            FROM unnest(%(words)s::text[]) AS typed(word)
            WHERE NOT EXISTS (
                SELECT 1 FROM {WORD_TABLE} known
                WHERE known.word = typed.word OR known.stem = coalesce(
                    (tsvector_to_array(to_tsvector('danish', typed.word)))[1], typed.word
                )
            )
            """,  # noqa: S608 - the table's name is a constant
            {
                "words": list(words),
                "difference": MAX_LENGTH_DIFFERENCE,
                "prefix": PREFIX_LETTERS,
                "similarity": MIN_TRIGRAM_SIMILARITY,
            },
        )
        return {word: closest for word, closest in cursor.fetchall() if closest}


def sqlite_spelling(word):
    """The word as the indexed text writes it: FTS5 keeps "å" as "a" in its vocabulary. A
    prefix match, as the word may be the beginning of a compound."""
    if "a" not in word:
        return word
    table = stemming.FTS_TABLE
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT snippet({table}, -1, char(2), char(3), '', 1) FROM {table} "  # noqa: S608
            f"WHERE {table} MATCH %s LIMIT 1",
            [f'"{word}"*'],
        )
        row = cursor.fetchone()
    found = re.search("\x02(.*?)\x03", row[0]) if row else None
    spelled = found.group(1).lower()[: len(word)] if found else ""
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
            unknown = sorted({word for word in words if correctable(word)})
            corrections = postgres_corrections(unknown) if unknown else {}
    except DatabaseError:
        return None
    if not corrections:
        return None
    corrected = [corrections.get(token.lower(), token) for token in tokens[:MAX_WORDS]]
    suggestion = " ".join(corrected + tokens[MAX_WORDS:])
    return None if suggestion.lower() == query.lower() else suggestion
