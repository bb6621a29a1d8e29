"""A small public site: one page of each type the public features need, built directly."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page, Site

from focus.models import AdviceIndexPage, AdvicePage
from home.models import HomePage, StandardPage
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage
from news.models import NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage


@pytest.fixture
def public_site(db):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Kredsrådet", slug="forside", summary="Kredsrådets forside.")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    plans = home.add_child(instance=PlanIndexPage(title="Samarbejdsplaner", slug="samarbejdsplan"))
    plan = plans.add_child(
        instance=PlanPage(
            title="Samarbejdsplan 2017",
            slug="2017",
            year=2017,
            summary="Planen for 2017.",
            parties_text="Horsens\nVejle",
            body=[
                ("part", {"label_text": "DEL I"}),
                ("section", {"number": "1", "title": "Indledning"}),
                ("paragraph", "<p>Samarbejdet mellem politi og kommuner.</p>"),
                ("section", {"number": "1.1", "title": "Mål"}),
            ],
        )
    )
    advice_index = home.add_child(
        instance=AdviceIndexPage(title="Forebyggelse", slug="forebyggelse")
    )
    advice = advice_index.add_child(
        instance=AdvicePage(
            title="Trygheds- og Indbrudsprojektet",
            slug="tryghed-og-indbrud",
            topic=AdvicePage.Topic.BURGLARY,
            summary="Besøg og råd om sikring mod indbrud.",
        )
    )
    municipalities = home.add_child(
        instance=MunicipalityIndexPage(title="Kommuner", slug="kommuner")
    )
    horsens = municipalities.add_child(
        instance=MunicipalityPage(title="Horsens Kommune", slug="horsens", name="Horsens")
    )
    vejle = municipalities.add_child(
        instance=MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    )
    now = timezone.now().replace(microsecond=0)
    upcoming = horsens.add_child(
        instance=ConferencePage(
            title="Lokalråd+ konference 2099",
            slug="lokalraad-plus-2099",
            start=now + datetime.timedelta(days=30),
            end=now + datetime.timedelta(days=30, hours=3),
            venue="Horsens Rådhus, Torvet 1, 8700 Horsens",
            theme="Tryghed i boligområder; unge & fællesskab",
            summary="Årets konference om tryghed, <med> tegn der skal escapes.",
            registration_url="https://example.org/tilmelding",
        )
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
    news_index = home.add_child(instance=NewsIndexPage(title="Nyheder", slug="nyheder"))
    news = news_index.add_child(
        instance=NewsPage(
            title="Ny samarbejdsplan",
            slug="ny-plan",
            date=datetime.date(2017, 1, 2),
            summary="Nyt.",
        )
    )
    statement = home.add_child(
        instance=StandardPage(title="Tilgængelighedserklæring", slug="tilgaengelighedserklaering")
    )
    return SimpleNamespace(
        home=home,
        plan=plan,
        advice=advice,
        horsens=horsens,
        vejle=vejle,
        upcoming=upcoming,
        past=past,
        news=news,
        statement=statement,
    )
