"""The iCalendar feeds are purged with the conferences they list (municipalities/
signal_handlers.py), in the same batch as the conference's parent, the home page and the
sitemap (home/signal_handlers.py). See tests/home/test_frontend_cache.py for the rest."""

import pytest
from django.urls import reverse

from tests.factories import MunicipalityPageFactory

ROOT = "http://localhost"
SITEMAP = f"{ROOT}/sitemap.xml"
DISTRICT_CALENDAR = ROOT + "/kalender/konferencer.ics"


def url(page):
    return page.get_full_url()


def calendar(municipality):
    return ROOT + reverse("municipality-calendar", args=[municipality.slug])


@pytest.fixture
def tree(page_tree, purged):
    return page_tree


def conference_set(tree):
    return [
        url(tree.conference),
        url(tree.municipality),
        url(tree.home),
        SITEMAP,
        DISTRICT_CALENDAR,
        calendar(tree.municipality),
    ]


def test_the_calendar_urls(tree):
    assert f"{ROOT}{reverse('conference-calendar')}" == DISTRICT_CALENDAR
    assert calendar(tree.municipality) == f"{ROOT}/kalender/{tree.municipality.slug}.ics"


def test_publish_of_a_conference_purges_both_calendars(
    tree, purged, django_capture_on_commit_callbacks
):
    tree.conference.title = "Lokalråd+ om nattelivet"
    with django_capture_on_commit_callbacks(execute=True):
        tree.conference.save_revision().publish()
    assert sorted(purged) == sorted(conference_set(tree))


def test_unpublish_of_a_conference_purges_both_calendars(
    tree, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.conference.unpublish()
    assert sorted(purged) == sorted(conference_set(tree))


def test_delete_of_a_conference_purges_both_calendars(
    tree, purged, django_capture_on_commit_callbacks
):
    expected = conference_set(tree)
    with django_capture_on_commit_callbacks(execute=True):
        tree.conference.delete()
    assert sorted(purged) == sorted(expected)


def test_move_of_a_conference_purges_the_calendars_of_both_municipalities(
    tree, purged, django_capture_on_commit_callbacks
):
    vejle = MunicipalityPageFactory(parent=tree.municipality_index, name="Vejle", slug="vejle")
    old = url(tree.conference)
    with django_capture_on_commit_callbacks(execute=True):
        tree.conference.move(vejle, pos="last-child")
    tree.conference.refresh_from_db()
    assert sorted(purged) == sorted(
        [
            old,
            url(tree.conference),
            url(tree.municipality),
            url(vejle),
            url(tree.home),
            SITEMAP,
            DISTRICT_CALENDAR,
            calendar(tree.municipality),
            calendar(vejle),
            old.rstrip("/"),  # wagtail.contrib.redirects: its new redirect's old_path
        ]
    )


def test_save_revision_of_a_conference_purges_nothing(
    tree, purged, django_capture_on_commit_callbacks
):
    tree.conference.title = "Kladde"
    with django_capture_on_commit_callbacks(execute=True):
        tree.conference.save_revision()
    assert purged == []


def test_publish_of_a_municipality_purges_its_calendar(
    tree, purged, django_capture_on_commit_callbacks
):
    """The calendar is named after the municipality."""
    tree.municipality.name = "Horsens by"
    with django_capture_on_commit_callbacks(execute=True):
        tree.municipality.save_revision().publish()
    assert sorted(purged) == sorted(
        [
            url(tree.municipality),
            url(tree.municipality_index),
            url(tree.home),
            SITEMAP,
            calendar(tree.municipality),
        ]
    )


def test_a_new_slug_of_a_municipality_purges_both_calendar_addresses(
    tree, purged, django_capture_on_commit_callbacks
):
    """The old calendar address, and the district calendar whose events link to the
    conferences, whose URLs changed with the municipality's."""
    municipality, conference = tree.municipality, tree.conference
    old_municipality, old_conference = url(municipality), url(conference)
    old_calendar = calendar(municipality)
    municipality.slug = "horsens-by"
    with django_capture_on_commit_callbacks(execute=True):
        municipality.save_revision().publish()
    municipality.refresh_from_db()
    conference.refresh_from_db()
    assert sorted(purged) == sorted(
        [
            old_municipality,
            url(municipality),
            old_conference,
            url(conference),
            url(tree.municipality_index),
            url(tree.home),
            SITEMAP,
            old_calendar,
            calendar(municipality),
            DISTRICT_CALENDAR,
            old_municipality.rstrip("/"),  # wagtail.contrib.redirects
            old_conference.rstrip("/"),
        ]
    )
