"""Playwright driving Debian's Chromium (/usr/bin/chromium) against pytest-django's live_server.

Nothing is downloaded at run time: the browser comes from apt, axe-core from npm (package.json).
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture
def axe_path():
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} missing: run `npm ci` (axe-core is in package.json)")
    return str(AXE_PATH)


@pytest.fixture
def built_site(wagtail_base_data):
    """The whole site from the plan (setup_site), plus one conference and one news item.

    A transactional test starts from an empty database (the previous test's flush removed even
    the tree root and the default locale that Wagtail's migrations create): wagtail_base_data
    brings them back first.
    """
    from municipalities.models import ConferencePage, MunicipalityPage
    from news.models import NewsIndexPage, NewsPage

    call_command("setup_site", "--skip-index", verbosity=0)

    horsens = MunicipalityPage.objects.get(slug="horsens")
    start = timezone.now().replace(microsecond=0, second=0, minute=0) + datetime.timedelta(days=40)
    conference = horsens.add_child(
        instance=ConferencePage(
            title="Lokalråd+ konference om tryghed",
            slug="lokalraad-plus-tryghed",
            start=start,
            end=start + datetime.timedelta(hours=3),
            venue="Horsens Rådhus",
            theme="Tryghed i boligområder",
            summary="Årets Lokalråd+ konference i Horsens.",
        )
    )
    news = NewsIndexPage.objects.get().add_child(
        instance=NewsPage(
            title="Samarbejdsplan 2017 er godkendt",
            slug="samarbejdsplan-2017-godkendt",
            date=datetime.date(2017, 1, 2),
            summary="Kredsrådet har godkendt planen.",
        )
    )
    return {"conference": conference, "news": news}


def page_paths(site):
    """One address of each page type the public meets."""
    return {
        "forside": "/",
        "planoversigt": "/samarbejdsplan/",
        "plan": "/samarbejdsplan/2017/",
        "fokusoversigt": "/fokusomraader/",
        "fokusområde": "/fokusomraader/tryghed/",
        "forebyggelse": "/forebyggelse/",
        "vejledning": "/forebyggelse/tryghed-og-indbrud/",
        "kommuneoversigt": "/kommuner/",
        "kommune": "/kommuner/horsens/",
        "konference": site["conference"].url,
        "nyhedsoversigt": "/nyheder/",
        "nyhed": site["news"].url,
        "standardside": "/tilgaengelighedserklaering/",
        "søgeresultater": "/soeg/?q=indbrud",
        "søgning med stavefejl": "/soeg/?q=indbrut",
        "404": "/findes-ikke/",
    }
