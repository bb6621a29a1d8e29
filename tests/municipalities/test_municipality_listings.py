"""What the municipality pages list, with 10 and with 200 children: the municipalities a page
at a time, and a municipality's conferences and action plans.
(Their query counts: tests/test_query_counts.py.)"""

import datetime

import pytest
from django.utils import timezone

from municipalities.models import ConferencePage, MunicipalityActionPlan
from tests.factories import (
    ConferencePageFactory,
    MunicipalityPageFactory,
    add_children,
    build_page_tree,
)
from tests.queries import linked_in_order, links_across_pages, links_to

pytestmark = pytest.mark.django_db


def test_municipality_index_page(client, child_count):
    tree = build_page_tree()
    municipalities = [
        tree.municipality,
        *add_children(tree.municipality_index, MunicipalityPageFactory, child_count - 1),
    ]

    response = client.get(tree.municipality_index.url)

    # 20 to a page, in the editors' order.
    assert linked_in_order(response, municipalities) == municipalities[:20]
    assert links_across_pages(client, tree.municipality_index.url, municipalities) == (
        min(child_count, 20),
        child_count,
    )


def test_municipality_page_with_conferences_and_action_plans(client, child_count):
    tree = build_page_tree()
    half = child_count // 2
    # The factory starts each conference a day after the last: soonest first as created.
    upcoming = [tree.conference, *add_children(tree.municipality, ConferencePageFactory, half - 1)]
    past = add_children(
        tree.municipality,
        ConferencePageFactory,
        half,
        start=timezone.now() - datetime.timedelta(days=400),
    )
    for n, conference in enumerate(past):  # the last created the most recent
        ConferencePage.objects.filter(pk=conference.pk).update(
            start=conference.start + datetime.timedelta(days=n),
            end=conference.end + datetime.timedelta(days=n),
        )
    MunicipalityActionPlan.objects.bulk_create(
        MunicipalityActionPlan(page=tree.municipality, year=2000 + n, summary="<p>Plan.</p>")
        for n in range(child_count)
    )

    response = client.get(tree.municipality.url)

    # Every coming conference, soonest first; the past ones ten to a page, the most recent
    # first; every action plan, the newest first.
    assert list(response.context["upcoming_conferences"]) == upcoming
    assert linked_in_order(response, upcoming) == upcoming
    assert response.context["past_conferences"].paginator.count == half
    assert linked_in_order(response, past) == past[::-1][:10]
    assert links_across_pages(client, tree.municipality.url, past) == (min(half, 10), half)
    assert links_to(response, upcoming) == half
    years = [plan.year for plan in response.context["action_plans"]]
    assert years == list(range(2000 + child_count - 1, 1999, -1))
    assert response.content.decode().count("Handlingsplan ") >= child_count
