"""The home app's listing pages make the same number of queries for 10 and for 200 children.

Each bound is the count measured with 10 children; it must not grow with 200.
"""

import pytest

from tests.factories import (
    FocusAreaPageFactory,
    MunicipalityPageFactory,
    NewsPageFactory,
    PlanPageFactory,
    StandardPageFactory,
    add_children,
    build_page_tree,
)
from tests.queries import get_within_query_bound, links_across_pages, links_to

pytestmark = pytest.mark.django_db

# The home page lists focus areas, news, coming conferences and municipalities (one query each).
HOME_QUERIES = 19
PLAN_INDEX_QUERIES = 12
NEWS_INDEX_QUERIES = 13
STANDARD_PAGE_QUERIES = 13
# +1 for the link to the plan a newer plan replaces.
PLAN_PAGE_QUERIES = 13


def test_home_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    # The tree has one of each already; the home page lists focus areas, municipalities, the
    # latest news, and its menu lists every child page shown in menus.
    areas = [
        tree.focus_area,
        *add_children(tree.focus_index, FocusAreaPageFactory, child_count - 1),
    ]
    municipalities = [
        tree.municipality,
        *add_children(tree.municipality_index, MunicipalityPageFactory, child_count - 1),
    ]
    add_children(tree.news_index, NewsPageFactory, child_count - 1)
    menu_pages = add_children(tree.home, StandardPageFactory, child_count, show_in_menus=True)

    response = get_within_query_bound(
        client, tree.home.url, HOME_QUERIES, django_assert_max_num_queries
    )

    # At most 12 of each, national focus areas first; with more, a link to the full list.
    shown = min(child_count, 12)
    assert links_to(response, areas) == shown
    assert links_to(response, municipalities) == shown
    assert ("Alle fokusområder" in response.content.decode()) == (child_count > 12)
    assert ("Alle kommuner" in response.content.decode()) == (child_count > 12)
    assert links_to(response, menu_pages) == child_count
    assert len(response.context["latest_news"]) == 3


def test_plan_index_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    plans = [tree.plan, *add_children(tree.plan_index, PlanPageFactory, child_count - 1)]

    response = get_within_query_bound(
        client, tree.plan_index.url, PLAN_INDEX_QUERIES, django_assert_max_num_queries
    )

    assert links_to(response, plans) == child_count


def test_news_index_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    add_children(tree.news_index, NewsPageFactory, child_count - 1)

    response = get_within_query_bound(
        client, tree.news_index.url, NEWS_INDEX_QUERIES, django_assert_max_num_queries
    )

    news_page = response.context["news_page"]
    assert news_page.paginator.count == child_count
    assert links_to(response, news_page.object_list) == 10


def test_standard_page_with_subpages(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    subpages = [
        tree.standard_child,
        *add_children(tree.standard, StandardPageFactory, child_count - 1),
    ]

    response = get_within_query_bound(
        client, tree.standard.url, STANDARD_PAGE_QUERIES, django_assert_max_num_queries
    )

    assert links_to(response, subpages) == min(child_count, 20)
    assert links_across_pages(client, tree.standard.url, subpages) == (
        min(child_count, 20),
        child_count,
    )


def test_plan_page_with_many_sections(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    body = []
    for number in range(1, child_count + 1):
        body.append(
            {"type": "section", "value": {"number": str(number), "title": f"Afsnit {number}"}}
        )
        body.append({"type": "paragraph", "value": f"<p>Tekst {number}.</p>"})
    tree.plan.body = body
    tree.plan.save()

    response = get_within_query_bound(
        client, tree.plan.url, PLAN_PAGE_QUERIES, django_assert_max_num_queries
    )

    hrefs = response.content.decode()
    assert hrefs.count('href="#') >= child_count
