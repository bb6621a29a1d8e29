"""What the focus app's pages list, with 10 and with 200 children: the focus areas and the
advice a page at a time, a focus area's related advice and news, an advice page's focus areas.
(Their query counts: tests/test_query_counts.py.)"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from focus.models import FocusAreaRelatedPage
from news.models import NewsPageRelatedPage
from tests.factories import (
    AdvicePageFactory,
    FocusAreaPageFactory,
    NewsPageFactory,
    add_children,
    build_page_tree,
)
from tests.queries import linked_in_order, links_across_pages, links_to

pytestmark = pytest.mark.django_db


def link_back(relation_model, pages, target):
    """Each of `pages` lists `target` among its related pages, recorded in Wagtail's reference
    index as a save would (add_children skips the index)."""
    relation_model.objects.bulk_create(
        relation_model(source=page, page=target, sort_order=0) for page in pages
    )
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)


def published_newest_first(pages):
    """Give `pages` publication times, the first page the most recently published (the
    opposite of the order they were created in), and return them in that order."""
    now = timezone.now()
    for n, page in enumerate(pages):
        page.first_published_at = now - datetime.timedelta(hours=n)
        Page.objects.filter(pk=page.pk).update(first_published_at=page.first_published_at)
    return pages


def test_focus_area_index_page(client, child_count):
    tree = build_page_tree()
    half = child_count // 2
    # The local areas added first: the listing puts the national ones first anyway.
    local = add_children(tree.focus_index, FocusAreaPageFactory, half, scope="local", period="2017")
    national = [tree.focus_area, *add_children(tree.focus_index, FocusAreaPageFactory, half - 1)]

    response = client.get(tree.focus_index.url)

    # 20 to a page, the national areas first, each group in the editors' order.
    shown = min(child_count, 20)
    assert response.context["national_areas"] == national[:shown]
    assert response.context["local_areas"] == local[: shown - min(half, shown)]
    assert linked_in_order(response, national + local) == (national + local)[:shown]
    assert links_across_pages(client, tree.focus_index.url, national + local) == (
        shown,
        child_count,
    )


def test_advice_index_page(client, child_count):
    tree = build_page_tree()
    added = add_children(tree.advice_index, AdvicePageFactory, child_count - 1)
    # The project's page stands among the advice, in the editors' order.
    listed = [tree.advice, tree.project, *added]

    response = client.get(tree.advice_index.url)

    assert linked_in_order(response, listed) == listed[:20]
    assert links_across_pages(client, tree.advice_index.url, listed) == (
        min(child_count + 1, 20),
        child_count + 1,
    )


def test_focus_area_page_with_related_advice(client, child_count):
    tree = build_page_tree()
    advice = add_children(tree.advice_index, AdvicePageFactory, child_count - 1)
    draft = advice.pop()
    draft.unpublish()
    # The editors' order, not the tree's: the newest advice first, the tree's advice last.
    chosen = [*advice[::-1], tree.project, tree.advice]
    FocusAreaRelatedPage.objects.filter(source=tree.focus_area).delete()
    FocusAreaRelatedPage.objects.bulk_create(
        FocusAreaRelatedPage(source=tree.focus_area, page=page, sort_order=n)
        for n, page in enumerate([*chosen[:2], draft, *chosen[2:]])
    )

    response = client.get(tree.focus_area.url)

    assert response.context["advice_pages"] == chosen
    assert linked_in_order(response, chosen) == chosen
    assert links_to(response, [draft]) == 0


def test_focus_area_page_with_linking_news(client, child_count):
    tree = build_page_tree()
    news = published_newest_first(add_children(tree.news_index, NewsPageFactory, child_count))
    draft = NewsPageFactory(parent=tree.news_index, live=False)
    link_back(NewsPageRelatedPage, [*news, draft], tree.focus_area)

    response = client.get(tree.focus_area.url)

    # The five most recently published news that list it among their related pages.
    newest = news
    assert response.context["related_news"] == newest[:5]
    assert links_to(response, newest[:5]) == 5
    assert links_to(response, [*newest[5:], draft, tree.news]) == 0


def test_advice_page_with_linking_focus_areas(client, child_count):
    tree = build_page_tree()
    areas = add_children(tree.focus_index, FocusAreaPageFactory, child_count - 1)
    link_back(FocusAreaRelatedPage, areas, tree.advice)
    # The tree's focus area lists the tree's advice already.
    newest = published_newest_first([tree.focus_area, *areas])

    response = client.get(tree.advice.url)

    # Every focus area that lists it, the most recently published first.
    assert response.context["related_focus_areas"] == newest
    assert linked_in_order(response, newest) == newest
