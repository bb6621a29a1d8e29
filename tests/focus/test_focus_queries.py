"""The focus app's listing pages make the same number of queries for 10 and for 200 children.

Each bound is the count measured with 10 children; it must not grow with 200.
"""

import pytest

from focus.models import FocusAreaPage
from tests.factories import AdvicePageFactory, FocusAreaPageFactory, add_children, build_page_tree
from tests.queries import get_within_query_bound, links_across_pages, links_to

pytestmark = pytest.mark.django_db

FOCUS_INDEX_QUERIES = 12
ADVICE_INDEX_QUERIES = 12
FOCUS_AREA_QUERIES = 15
ADVICE_PAGE_QUERIES = 15


def test_focus_area_index_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    half = child_count // 2
    areas = [
        tree.focus_area,
        *add_children(tree.focus_index, FocusAreaPageFactory, half - 1),
        *add_children(tree.focus_index, FocusAreaPageFactory, half, scope="local", period="2017"),
    ]

    response = get_within_query_bound(
        client, tree.focus_index.url, FOCUS_INDEX_QUERIES, django_assert_max_num_queries
    )

    # 20 to a page, the national areas first.
    shown = min(child_count, 20)
    assert len(response.context["national_areas"]) == min(half, shown)
    assert len(response.context["local_areas"]) == shown - min(half, shown)
    assert links_across_pages(client, tree.focus_index.url, areas) == (shown, child_count)


def test_advice_index_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    advice = [tree.advice, *add_children(tree.advice_index, AdvicePageFactory, child_count - 1)]

    response = get_within_query_bound(
        client, tree.advice_index.url, ADVICE_INDEX_QUERIES, django_assert_max_num_queries
    )

    assert links_to(response, advice) == min(child_count, 20)
    assert links_across_pages(client, tree.advice_index.url, advice) == (
        min(child_count, 20),
        child_count,
    )


def test_focus_area_page_with_related_advice(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    advice = [tree.advice, *add_children(tree.advice_index, AdvicePageFactory, child_count - 1)]
    tree.focus_area.related_advice = advice
    tree.focus_area.save()

    response = get_within_query_bound(
        client, tree.focus_area.url, FOCUS_AREA_QUERIES, django_assert_max_num_queries
    )

    assert links_to(response, advice) == child_count


def test_advice_page_with_related_focus_areas(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    areas = [
        tree.focus_area,
        *add_children(tree.focus_index, FocusAreaPageFactory, child_count - 1),
    ]
    through = FocusAreaPage.related_advice.through
    through.objects.filter(focusareapage=tree.focus_area).delete()
    through.objects.bulk_create(
        through(focusareapage=area, advicepage=tree.advice) for area in areas
    )

    response = get_within_query_bound(
        client, tree.advice.url, ADVICE_PAGE_QUERIES, django_assert_max_num_queries
    )

    assert len(response.context["related_focus_areas"]) == child_count
    assert links_to(response, areas) == child_count
