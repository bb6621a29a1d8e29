"""The public site's fixtures: the shared tree (tests.factories.build_page_tree) spelt the way
these tests read it, plus a second municipality with a past conference and the accessibility
statement chosen in the navigation."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Site

from home.models import NavigationSettings, StandardPage
from municipalities.models import ConferencePage, MunicipalityPage


@pytest.fixture
def public_site(db):
    from tests.factories import build_page_tree

    now = timezone.now().replace(microsecond=0)
    tree = build_page_tree(
        plan={
            "summary": "Planen for 2017.",
            "parties_text": "Horsens\nVejle",
            "body": json.dumps(
                [
                    {"type": "part", "value": {"label_text": "DEL I"}},
                    {"type": "section", "value": {"number": "1", "title": "Indledning"}},
                    {
                        "type": "paragraph",
                        "value": "<p>Samarbejdet mellem politi og kommuner.</p>",
                    },
                    {"type": "section", "value": {"number": "1.1", "title": "Mål"}},
                ]
            ),
        },
        municipality={"slug": "horsens"},
        conference={
            "title": "Lokalråd+ konference 2099",
            "slug": "lokalraad-plus-2099",
            "start": now + datetime.timedelta(days=30),
            "end": now + datetime.timedelta(days=30, hours=3),
            "venue": "Horsens Rådhus",
            "venue_address": "Torvet 1, 8700 Horsens",
            "theme": "Tryghed i boligområder; unge & fællesskab",
            "summary": "Årets konference om tryghed, <med> tegn der skal escapes.",
            "registration_url": "https://example.org/tilmelding",
        },
        news={
            "title": "Ny samarbejdsplan",
            "slug": "ny-plan",
            "date": datetime.date(2017, 1, 2),
            "summary": "Nyt.",
        },
    )
    # Full URLs (sitemap, canonical, calendars) under the test client's host.
    tree.site.hostname = "testserver"
    tree.site.save()
    Site.clear_site_root_paths_cache()
    vejle = tree.municipality_index.add_child(
        instance=MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    )
    past = vejle.add_child(
        instance=ConferencePage(
            title="Lokalråd+ konference 2017",
            slug="lokalraad-plus-2017",
            start=now - datetime.timedelta(days=300),
            end=now - datetime.timedelta(days=300, hours=-3),
            venue="Vejle",
        )
    )
    statement = tree.home.add_child(
        instance=StandardPage(title="Tilgængelighedserklæring", slug="tilgaengelighedserklaering")
    )
    navigation = NavigationSettings.for_site(tree.site)
    navigation.accessibility_page = statement
    navigation.save()
    return SimpleNamespace(
        home=tree.home,
        plan=tree.plan,
        advice=tree.advice,
        project=tree.project,
        horsens=tree.municipality,
        vejle=vejle,
        upcoming=tree.conference,
        past=past,
        news=tree.news,
        statement=statement,
    )
