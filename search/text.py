"""Plain text of a page for search snippets, and highlighting of the matched words."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

# Fields whose text makes a snippet, in order of preference.
SNIPPET_FIELDS = ("summary", "intro", "theme", "collaborations", "body")
SNIPPET_LENGTH = 240
# Danish inflection endings, longest first: "indbruddene" -> "indbrudd" is still found by the
# prefix match below, "kommunernes" -> "kommun".
_DANISH_ENDINGS = sorted(
    "erne ernes ene enes en ens et ets er ers ere e es s ede te".split(), key=len, reverse=True
)
_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query):
    """The words of a query, without operators, as lower-case stems of at least 3 letters."""
    terms = []
    for word in _WORD.findall(query.lower()):
        if word in {"and", "or", "not", "near", "og", "eller"} or len(word) < 2:
            continue
        stem = word
        for ending in _DANISH_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 4:
                stem = stem[: -len(ending)]
                break
        if stem not in terms:
            terms.append(stem)
    return terms


def page_text(page):
    """The page's summary and body text as one plain string."""
    parts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if not value:
            continue
        if hasattr(value, "stream_block"):
            field = page._meta.get_field(name)
            parts.extend(str(text) for text in field.get_searchable_content(value))
        else:
            parts.append(str(value))
    text = " ".join(strip_tags(part) for part in parts)
    return " ".join(text.split())


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An HTML-escaped extract of text around the first match, the matched words in <mark>."""
    if not text:
        return ""
    pattern = None
    if terms:
        pattern = re.compile(
            r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*",
            re.IGNORECASE | re.UNICODE,
        )
    start = 0
    if pattern:
        first = pattern.search(text)
        if first and first.start() > length // 3:
            start = text.rfind(" ", 0, first.start() - length // 3) + 1
    extract = text[start : start + length]
    if start + length < len(text):
        extract = extract[: extract.rfind(" ")] if " " in extract else extract
    prefix = "… " if start else ""
    suffix = " …" if start + len(extract) < len(text) else ""
    if not pattern:
        return mark_safe(escape(prefix + extract + suffix))  # noqa: S308
    html, last = [], 0
    for match in pattern.finditer(extract):
        html.append(escape(extract[last : match.start()]))
        html.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    html.append(escape(extract[last:]))
    return mark_safe(escape(prefix) + "".join(html) + escape(suffix))  # noqa: S308
