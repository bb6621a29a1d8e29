"""The text of a search result's snippet, read from the stored StreamField blocks."""

import pytest
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.models import Page

from search.text import SNIPPET_FIELDS, page_text

pytestmark = pytest.mark.usefixtures("site")


def wagtails_text(page):
    """The same fields through Wagtail's get_searchable_content, without the labels of choice
    blocks ("Overskrift 2"), which are no text of the page."""
    parts = []
    for name in SNIPPET_FIELDS:
        value = getattr(page, name, None)
        if not value:
            continue
        if hasattr(value, "stream_block"):
            for child in value:
                parts.extend(searchable(child.block, child.value))
        else:
            parts.append(str(value))
    return " ".join(" ".join(strip_tags(str(part)) for part in parts).split())


def searchable(block, value):
    if isinstance(block, blocks.ChoiceBlock):
        return []
    if isinstance(block, blocks.StructBlock):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in searchable(child, value[name])
        ]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in searchable(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in searchable(child.block, child.value)]
    return block.get_searchable_content(value)


def test_every_page_gives_wagtails_searchable_text():
    pages = list(Page.objects.live().specific())
    assert len(pages) > 30
    for page in pages:
        assert page_text(page) == wagtails_text(page), page.url_path


def test_the_text_costs_no_query(django_assert_num_queries):
    """Wagtail's get_searchable_content turns the whole stream into values, which fetches the
    pages and documents its blocks choose; the stored blocks hold the text already."""
    plan = Page.objects.get(url_path="/forside/samarbejdsplan/2017/").specific
    with django_assert_num_queries(0):
        text = page_text(plan)
    assert "Sydøstjyllands Politi" in text
    assert len(text) > 10_000
