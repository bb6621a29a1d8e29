"""The Danish compound parts Elasticsearch's decompounder looks for, derived from the plan texts.

Elasticsearch's `dictionary_decompounder` (site/settings/base.py) indexes every word of its list
that it finds inside a longer word as well, so "indbrudsprojektet" is also indexed as "indbrud"
and "projektet". The list is derived from the plans the site publishes (content/*.txt), not taken
from a dictionary: docs/search.md says why, and how to regenerate it with
`manage.py build_compound_words` when a new plan arrives.

Known words are the plans' words of five letters or more that occur on their own, stop words
left out. A word of the plans is cut into two parts, left and right, each of four letters or
more, in one of two ways:

* its longest right side that is a known word, or begins with a known word of the same Snowball
  stem ("indbruds|projektet", "cykel|kontrol"); a linking "s" or "e" at the end of the left side
  is dropped ("indbrud", "færdsel");
* otherwise a known left side followed by a linking "s" ("tryghed-s-vandring"), when the rest
  has two vowels or more; without the linking letter the rest is mostly an ending
  ("kommune|rnes", "aktiv|iteter").

A left side that is itself a compound ("færdselssikkerhed", from "færdselssikkerhedsarbejdet")
is cut again, against the known words only. Brute force stays brute force: the list also holds
a few parts a reader would not call words ("iværk", "taltning"), which cost nothing but an extra
token in the words that contain them.
"""

import re
from pathlib import Path

import snowballstemmer

LINKING_LETTERS = ("s", "e")
# Snowball's Danish stop words of four letters or more (the list Elasticsearch's `_danish_` and
# PostgreSQL's danish.stop hold). As the known side of a cut they make nonsense parts:
# "under|søgelse", "over|vågning"; as parts they would be removed by the stop filter anyway.
DANISH_STOP_WORDS = frozenset(
    "alle anden blev blive bliver deres denne dette disse efter eller havde have hans hende "
    "hendes hvad hvis hvor ikke kunne mange meget mine noget nogle også over selv sine skal "
    "skulle sådan under ville være været".split()
)
# A known side of a cut has at least five letters: the four-letter words of the plans ("fore",
# "side", "form", "gang") begin too many words that are not compounds of them.
KNOWN_MIN_LENGTH = 5
# A known right side that makes the rest of a word a part needs six letters: five-letter words
# end too many others ("bered|skabet" from "skabe", "ulyk|kerne").
KNOWN_RIGHT_MIN_LENGTH = 6
VOWELS = frozenset("aeiouyæøå")
# Letters only: digits and underscores are not words, and hyphens split a word ("it-kriminalitet")
# as Elasticsearch's standard tokenizer does.
_WORD = re.compile(r"[^\W\d_]+")
_stemmer = snowballstemmer.stemmer("danish")

HEADER = (
    "# Danish compound parts for Elasticsearch's dictionary_decompounder.\n"
    "# Made by `manage.py build_compound_words` from content/*.txt; do not edit by hand.\n"
)


def words_of(texts):
    """Every word of the texts, lower-cased, in the order written."""
    return [word for text in texts for word in _WORD.findall(text.lower())]


def compound_parts(texts, min_length=4, max_length=20):
    """The sorted parts of the compounds in the texts, min_length to max_length letters (the
    decompounder's min_subword_size and max_subword_size)."""
    words = set(words_of(texts))
    known = {word for word in words if len(word) >= KNOWN_MIN_LENGTH} - DANISH_STOP_WORDS
    known_by_stem = {}
    for word in known:
        known_by_stem.setdefault(_stemmer.stemWord(word), set()).add(word)

    def known_form(side):
        """The shortest known word of the side's stem that the side begins with, or None."""
        forms = known_by_stem.get(_stemmer.stemWord(side), set()) | ({side} & known)
        return min((word for word in forms if side.startswith(word)), key=len, default=None)

    def left_form(left):
        """The left side without its linking letter: "indbruds" -> "indbrud" (a known word),
        "færdselssikkerheds" -> "færdselssikkerhed" (ends with one), "færdsels" -> "færdsel".
        After d and t the s more often belongs to the word: "kreds", "skolestarts" stay."""
        bare = left[:-1]
        if left[-1:] in LINKING_LETTERS and bare in known:
            return bare
        ends_with_known = any(bare.endswith(word) for word in known if len(word) < len(bare))
        if left.endswith("s") and left not in known and (bare[-1:] not in "dts" or ends_with_known):
            return bare
        return left

    def split(word):
        """(left, right) of the word's cut, or None: the longest known right side, else the
        longest known left side with what follows it."""
        for cut in range(min_length, len(word) - min_length + 1):
            right = known_form(word[cut:])
            left = left_form(word[:cut])
            if right and len(right) >= KNOWN_RIGHT_MIN_LENGTH and len(left) >= KNOWN_MIN_LENGTH:
                return left, right
        # Without a known right side, only a linking "s" after a known left side marks a joint
        # ("tryghed-s-vandring"); elsewhere the rest is an ending ("kommune|rnes", "aktiv|iteter").
        for cut in range(len(word) - min_length - 1, KNOWN_MIN_LENGTH - 1, -1):
            left, link, right = word[:cut], word[cut], word[cut + 1 :]
            joint = left in known and not left.endswith("s") and link == "s"
            if joint and len(right) > min_length and sum(c in VOWELS for c in right) >= 2:
                return left, right
        return None

    parts = set()
    to_cut = {word for word in words if len(word) >= KNOWN_MIN_LENGTH + min_length}
    while to_cut:
        found = set()
        for word in to_cut:
            if cut := split(word):
                found.update(part for part in cut if len(part) >= min_length)
        found -= parts | DANISH_STOP_WORDS
        parts |= found
        # A part that is itself a compound is cut again; parts never become known words, so that
        # no part is derived from a derived part alone.
        to_cut = {part for part in found - known if len(part) >= KNOWN_MIN_LENGTH + min_length}
    return sorted(part for part in parts if min_length <= len(part) <= max_length)


def source_texts(folder):
    return [path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.txt"))]


def render(parts):
    return HEADER + "".join(f"{part}\n" for part in parts)


def read_word_list(path):
    """The words of a list file: one a line, '#' lines are comments."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]
