"""Plain text of a page for search snippets, and highlighting of the matched words."""

import re
from collections import defaultdict

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
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


def page_text(page):
    """The page's summary and body text as one plain string."""
    return fields_text(getattr(page, name, None) for name in SNIPPET_FIELDS)


def fields_text(values):
    """The plain text of the values of snippet fields (in SNIPPET_FIELDS order)."""
    pieces = []
    for value in values:
        if not value:
            continue
        if hasattr(value, "stream_block"):
            parts = stream_text(value.stream_block, value.raw_data)
        else:
            parts = [str(value)]
        pieces.extend(strip_tags(part) for part in parts)
    return " ".join(" ".join(pieces).split())


def snippet_fields(model):
    fields = []
    for name in SNIPPET_FIELDS:
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        fields.append(name)
    return fields


# Kept until the page is published again (the key holds its live revision and publishing time).
TEXT_CACHE_SECONDS = 7 * 24 * 60 * 60


def text_cache_key(page):
    published = page.last_published_at.isoformat() if page.last_published_at else ""
    return f"search-text:{page.pk}:{page.live_revision_id}:{published}"


def snippet_texts(pages):
    """{page.pk: its snippet text} for results read as plain Page rows.

    The text of a live page changes only when it is published, so it is kept in the cache under
    its live revision: a search reads its results' texts with one cache lookup. On a miss only
    the snippet fields are read, in one query per page type of that type's own table (reading
    the results as specific pages loads every column and the parent row again, a third of a
    search's time at 40 pages)."""
    keys = {page.pk: text_cache_key(page) for page in pages}
    cached = cache.get_many(keys.values())
    texts = {pk: cached[key] for pk, key in keys.items() if key in cached}
    pks_by_model = defaultdict(list)
    for page in pages:
        model = page.specific_class
        if page.pk not in texts and model is not None:
            pks_by_model[model].append(page.pk)
    read = {}
    for model, pks in pks_by_model.items():
        fields = snippet_fields(model)
        rows = model._default_manager.filter(pk__in=pks).order_by().values_list("pk", *fields)
        for pk, *values in rows:
            read[pk] = fields_text(values)
    if read:
        cache.set_many({keys[pk]: text for pk, text in read.items()}, TEXT_CACHE_SECONDS)
    return {**texts, **read}


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
