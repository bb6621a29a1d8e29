"""The site's Danish text details (home.text): excerpts, the genitive, quotation marks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from home.text import danish_quotes, excerpt, possessive

PARAGRAPH = (
    "I strategiperioden vil der være fokus på fortsat at skabe øget tryghed i befolkning, "
    "uagtet det faktum. Der vil ligeledes være fokus på at skabe den størst mulige tillid."
)


def test_a_text_that_fits_is_whole():
    assert excerpt(PARAGRAPH, 500) == PARAGRAPH


def test_the_cut_is_at_the_last_sentence_that_fits():
    assert excerpt(PARAGRAPH, 120) == (
        "I strategiperioden vil der være fokus på fortsat at skabe øget tryghed i befolkning, "
        "uagtet det faktum."
    )


def test_without_a_sentence_the_cut_is_at_a_word_with_an_ellipsis():
    assert excerpt(PARAGRAPH, 60) == "I strategiperioden vil der være fokus på fortsat at skabe…"


def test_an_abbreviation_is_no_sentence_end():
    text = "Indsatsen pga. de mange indbrud fortsætter i hele politikredsen i resten af året."
    assert excerpt(text, 40) == "Indsatsen pga. de mange indbrud…"


@given(st.text(alphabet="abcæøå .,", min_size=1, max_size=300), st.integers(10, 200))
def test_an_excerpt_never_ends_inside_a_word(text, limit):
    cut = excerpt(text, limit)
    normalised = " ".join(text.split())
    assert len(cut) <= max(limit, 1)
    stem = cut.removesuffix("…")
    assert normalised.startswith(stem)
    rest = normalised[len(stem) :]
    # The next character of the text is a space, or nothing: no word was cut in two. (A single
    # word longer than the limit is the exception, cut hard.)
    if " " in normalised[:limit]:
        assert rest == "" or rest[0] in " .," or stem.endswith((" ", ".", ","))


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Horsens", "Horsens'"),
        ("Kolding", "Koldings"),
        ("Fredericia", "Fredericias"),
        ("Horsens Kommune", "Horsens Kommunes"),
        ("", ""),
    ],
)
def test_possessive(name, genitive):
    assert possessive(name) == genitive


def test_quotation_marks_become_the_sites_one_style():
    assert danish_quotes('strategi ”Tryghed”, "Info-huset" og „pre-entry“') == (
        "strategi »Tryghed«, »Info-huset« og »pre-entry«"
    )
