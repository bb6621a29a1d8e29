"""The municipality pages make the same number of queries for 10 and for 200 children.

Each bound is the count measured with 10 children; it must not grow with 200.
"""

import datetime

import pytest
from django.utils import timezone

from municipalities.models import MunicipalityActionPlan
from tests.factories import (
    ConferencePageFactory,
    MunicipalityPageFactory,
    add_children,
    build_page_tree,
)
from tests.queries import get_within_query_bound, links_across_pages, links_to

pytestmark = pytest.mark.django_db

MUNICIPALITY_INDEX_QUERIES = 12
MUNICIPALITY_PAGE_QUERIES = 18


def test_municipality_index_page(client, child_count, django_assert_max_num_queries):
    tree = build_page_tree()
    municipalities = [
        tree.municipality,
        *add_children(tree.municipality_index, MunicipalityPageFactory, child_count - 1),
    ]

    response = get_within_query_bound(
        client,
        tree.municipality_index.url,
        MUNICIPALITY_INDEX_QUERIES,
        django_assert_max_num_queries,
    )

    assert links_to(response, municipalities) == min(child_count, 20)
    assert links_across_pages(client, tree.municipality_index.url, municipalities) == (
        min(child_count, 20),
        child_count,
    )


def test_municipality_page_with_conferences_and_action_plans(
    client, child_count, django_assert_max_num_queries
):
    tree = build_page_tree()
    half = child_count // 2
    past_start = timezone.make_aware(datetime.datetime(2016, 5, 1, 9))
    upcoming = [tree.conference, *add_children(tree.municipality, ConferencePageFactory, half - 1)]
    past = add_children(tree.municipality, ConferencePageFactory, half, start=past_start)
    MunicipalityActionPlan.objects.bulk_create(
        MunicipalityActionPlan(page=tree.municipality, year=2000 + n, summary="<p>Plan.</p>")
        for n in range(child_count)
    )

    response = get_within_query_bound(
        client, tree.municipality.url, MUNICIPALITY_PAGE_QUERIES, django_assert_max_num_queries
    )

    # Every coming conference; the past ones ten to a page, the most recent first.
    assert len(response.context["upcoming_conferences"]) == half
    assert response.context["past_conferences"].paginator.count == half
    assert links_to(response, upcoming) == half
    assert links_across_pages(client, tree.municipality.url, past) == (min(half, 10), half)
    assert response.content.decode().count("Handlingsplan ") >= child_count
