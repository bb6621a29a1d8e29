"""Slugs follow the site's Danish rule (æ -> ae, ø -> oe, å -> aa, then ASCII)."""

import datetime
import json

import pytest
from django.urls import reverse

from home.forms import BasePageForm
from home.slugs import danish_slugify
from municipalities.models import ConferencePage
from news.models import NewsPage
from tests.factories import build_page_tree
from tests.formdata import news_form


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Lokalråd+ konference i Århus", "lokalraad-konference-i-aarhus"),
        ("Tryghed på Ærø og i Søndergård", "tryghed-paa-aeroe-og-i-soendergaard"),
        ("ÆØÅ", "aeoeaa"),
        ("Café 2026", "cafe-2026"),
    ],
)
def test_danish_slugify(title, slug):
    assert danish_slugify(title) == slug


@pytest.mark.django_db
def test_a_page_saved_without_a_slug_gets_the_danish_one():
    tree = build_page_tree()
    conference = tree.municipality.add_child(
        instance=ConferencePage(title="Lokalråd+ konference på Rådhuset", slug="")
    )
    assert conference.slug == "lokalraad-konference-paa-raadhuset"
    assert conference.url.endswith("/lokalraad-konference-paa-raadhuset/")
    second = tree.municipality.add_child(
        instance=ConferencePage(title="Lokalråd+ konference på Rådhuset", slug="")
    )
    assert second.slug == "lokalraad-konference-paa-raadhuset-2"


@pytest.mark.django_db
def test_full_clean_keeps_a_slug_given():
    tree = build_page_tree()
    news = tree.news_index.add_child(
        instance=NewsPage(title="Året der gik", slug="aaret", date=datetime.date(2026, 1, 2))
    )
    news.full_clean()
    assert news.slug == "aaret"


@pytest.mark.django_db
def test_the_admin_refuses_a_unicode_slug(admin_client):
    tree = build_page_tree()
    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", tree.news_index.pk]),
        news_form(title="Året der gik", slug="året-der-gik"),
    )
    assert response.status_code == 200
    assert not NewsPage.objects.filter(title="Året der gik").exists()
    html = response.content.decode()
    assert "skriv æ, ø og å som ae, oe og aa" in html
    assert 'value="året-der-gik"' in html  # kept as typed, to be corrected


@pytest.mark.django_db
def test_the_editor_slug_widget_spells_out_the_danish_letters():
    form_class = NewsPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, BasePageForm)
    widget = form_class().fields["slug"].widget
    attrs = widget.attrs
    assert attrs["data-controller"] == "w-slug"
    assert attrs["data-w-slug-allow-unicode-value"] is False
    formatters = json.loads(attrs["data-w-slug-formatters-value"])
    assert [["å", "gu"], "aa"] in formatters and [["ø", "gu"], "oe"] in formatters
