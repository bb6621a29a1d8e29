"""The municipality index shows what each municipality page holds, and a municipality page puts
its conferences before the councils in the plan's words."""

import datetime

import pytest
from django.utils import timezone

from municipalities.models import MunicipalityActionPlan
from tests.factories import ConferencePageFactory, MunicipalityPageFactory, build_page_tree
from tests.pagetext import normalise, soup, visible_text

pytestmark = pytest.mark.django_db


def card_for(html, title):
    for card in soup(html).select(".municipality-card"):
        if card.find("a").get_text(strip=True) == title:
            return normalise(card.get_text(" "))
    raise AssertionError(f"no card for {title}")


def test_cards_show_the_next_conference_and_this_years_action_plan(client):
    tree = build_page_tree()
    horsens = tree.municipality
    # The next of its conferences: the soonest upcoming, not a past one or a later one.
    soon = timezone.now() + datetime.timedelta(days=3)
    ConferencePageFactory(parent=horsens, title="Tryghed i byen", start=soon)
    ConferencePageFactory(
        parent=horsens, title="Sidste år", start=timezone.now() - datetime.timedelta(days=300)
    )
    MunicipalityActionPlan.objects.create(page=horsens, year=timezone.localdate().year)
    vejle = MunicipalityPageFactory(parent=tree.municipality_index, name="Vejle")
    MunicipalityActionPlan.objects.create(page=vejle, year=timezone.localdate().year - 1)

    html = client.get(tree.municipality_index.url).content.decode()

    year = timezone.localdate().year
    horsens_card = card_for(html, horsens.title)
    assert f"Næste Lokalråd+ konference {timezone.localtime(soon):%-d}." in horsens_card
    assert "Tryghed i byen" in horsens_card and "Sidste år" not in horsens_card
    assert f"Handlingsplan {year} Offentliggjort" in horsens_card
    vejle_card = card_for(html, vejle.title)
    assert "Næste Lokalråd+ konference Ingen offentliggjort" in vejle_card
    assert f"Handlingsplan {year} Ikke offentliggjort endnu" in vejle_card


def test_a_municipality_page_lists_its_conferences_before_the_councils(client):
    tree = build_page_tree()
    html = client.get(tree.municipality.url).content.decode()
    assert html.index('id="conferences-title"') < html.index('id="collaborations-title"')
    assert html.index('id="conferences-title"') < html.index('id="action-plans-title"')


def test_the_calendar_link_uses_the_danish_genitive(client):
    tree = build_page_tree()  # its municipality is Horsens
    kolding = MunicipalityPageFactory(parent=tree.municipality_index, name="Kolding")
    for municipality, genitive in ((tree.municipality, "Horsens'"), (kolding, "Koldings")):
        text = visible_text(client.get(municipality.url).content.decode())
        assert f"Abonnér på {genitive} konferencer (iCalendar)" in text
