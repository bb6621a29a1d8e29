"""Plain text of a page for search snippets, and highlighting of the matched words."""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks

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


def page_text(page, terms=None, length=SNIPPET_LENGTH):
    """The page's summary and body text as one plain string.

    With the query's terms, the fields are read only until the text holds a match and a
    snippet's length after it: a match in the summary spares parsing the body's StreamField
    (with the chooser lookups of its blocks), the dearest part of a search result."""
    pattern = terms_pattern(terms)
    text = ""
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if not value:
            continue
        if hasattr(value, "stream_block"):
            parts = list(stream_text(value.stream_block, value.raw_data))
        else:
            parts = [str(value)]
        text = " ".join(" ".join([text, *(strip_tags(part) for part in parts)]).split())
        first = pattern.search(text) if pattern else None
        if first and len(text) - first.start() >= length:
            break
    return text


# Blocks whose stored value is their text; their to_python reads nothing from the database.
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.RichTextBlock, blocks.RawHTMLBlock)


def stream_text(stream_block, raw_data):
    """The searchable text of a StreamField's stored (raw) blocks, as Wagtail's
    get_searchable_content gives it, without turning the whole stream into Python values: that
    fetches every chosen page, document and image, whose blocks have no text."""
    for raw in raw_data:
        child = stream_block.child_blocks.get(raw.get("type"))
        if child is not None:
            yield from block_text(child, raw.get("value"))


def block_text(block, raw):
    if raw is None or not getattr(block, "search_index", True):
        return
    if isinstance(block, TEXT_BLOCKS):
        yield from (str(text) for text in block.get_searchable_content(block.to_python(raw)))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            if isinstance(raw, dict) and name in raw:
                yield from block_text(child, raw[name])
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_block = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from block_text(block.child_block, item["value"] if is_block else item)
    elif isinstance(block, blocks.StreamBlock):
        yield from stream_text(block, raw)


def terms_pattern(terms):
    if not terms:
        return None
    return re.compile(
        r"\b(?:" + "|".join(re.escape(term) for term in terms) + r")\w*",
        re.IGNORECASE | re.UNICODE,
    )


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An HTML-escaped extract of text around the first match, the matched words in <mark>."""
    if not text:
        return ""
    pattern = terms_pattern(terms)
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
