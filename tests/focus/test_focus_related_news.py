"""A focus-area page lists the news editors linked to it, newest first, and only live ones."""

import datetime

import pytest

from news.models import NewsPageRelatedPage
from tests.factories import NewsPageFactory, build_page_tree
from tests.queries import links_to

pytestmark = pytest.mark.django_db


def test_focus_area_page_lists_its_live_news_newest_first(client):
    tree = build_page_tree()
    older = NewsPageFactory(parent=tree.news_index, date=datetime.date(2017, 2, 1))
    newer = NewsPageFactory(parent=tree.news_index, date=datetime.date(2017, 3, 1))
    draft = NewsPageFactory(parent=tree.news_index, live=False)
    unrelated = NewsPageFactory(parent=tree.news_index)
    for news in (older, newer, draft):
        news.related_pages = [NewsPageRelatedPage(page=tree.focus_area)]
        news.save()

    response = client.get(tree.focus_area.url)

    html = response.content.decode()
    assert links_to(response, [older, newer]) == 2
    assert links_to(response, [draft, unrelated]) == 0
    assert html.index(newer.title) < html.index(older.title)
