"""News: RSS and Atom feeds (parsed with the standard library), their alternate links, related
focus areas and municipalities, and the latest three on the home page."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from news.models import NewsPage, NewsPageRelatedPage
from tests.editorial.conftest import news_form

# Feeds link with the Site's own address (hostname "localhost" on the test site).
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_items(site):
    index = site.page("news_index")
    items = []
    for day in range(1, 5):
        item = NewsPage(
            title=f"Nyhed {day}",
            slug=f"nyhed-{day}",
            summary=f"Resumé {day} – æøå",
            date=datetime.date(2026, 11, day),
        )
        index.add_child(instance=item)
        item.save_revision().publish()
        items.append(item)
    draft = NewsPage(title="Kladde", slug="kladde", date=datetime.date(2026, 11, 20), live=False)
    index.add_child(instance=draft)
    return items


def test_rss_feed_lists_published_news_newest_first(site, client, news_items):
    response = client.get("/nyheder/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    assert channel.findtext("title") == "Nyheder – Kredsrådet Sydøstjylland"
    assert channel.findtext("link") == "http://localhost/nyheder/"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[:4] == ["Nyhed 4", "Nyhed 3", "Nyhed 2", "Nyhed 1"]
    assert "Kladde" not in titles
    first = channel.find("item")
    assert first.findtext("link") == "http://localhost/nyheder/nyhed-4/"
    assert first.findtext("description") == "Resumé 4 – æøå"
    assert "04 Nov 2026" in first.findtext("pubDate")


def test_atom_feed(site, client, news_items):
    response = client.get("/nyheder/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries][:4] == [
        "Nyhed 4",
        "Nyhed 3",
        "Nyhed 2",
        "Nyhed 1",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://localhost/nyheder/nyhed-4/"


def test_news_pages_link_to_the_feeds(site, client, news_items):
    for url in ["/nyheder/", "/nyheder/nyhed-1/"]:
        html = client.get(url).content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Nyheder (RSS)" '
            'href="/nyheder/rss/">' in html
        ), url
        assert 'type="application/atom+xml"' in html and 'href="/nyheder/atom/"' in html


def test_news_index_paginates(site, client, news_items, monkeypatch):
    monkeypatch.setattr("news.models.NewsIndexPage.items_per_page", 2)
    first = client.get("/nyheder/").content.decode()
    assert "Nyhed 4" in first and "Nyhed 2" not in first
    second = client.get("/nyheder/?side=2").content.decode()
    assert "Nyhed 2" in second and "Nyhed 4" not in second


def test_home_page_shows_the_latest_three(site, client, news_items):
    html = client.get("/").content.decode()
    for title in ["Nyhed 4", "Nyhed 3", "Nyhed 2"]:
        assert title in html
    assert "Nyhed 1" not in html


def test_news_page_shows_its_related_pages(site, client, news_items):
    item = NewsPage.objects.get(slug="nyhed-1")
    item.related_pages = [
        NewsPageRelatedPage(page=site.page("focus_area")),
        NewsPageRelatedPage(page=site.page("horsens")),
    ]
    item.save_revision().publish()
    html = client.get("/nyheder/nyhed-1/").content.decode()
    assert (
        '<a href="/fokusomraader/indbrud-i-privat-beboelse/">Indbrud i privat beboelse</a>' in html
    )
    assert '<a href="/kommuner/horsens/">Horsens Kommune</a>' in html
    # And nothing related where nothing is chosen.
    assert "Relateret" not in client.get("/nyheder/nyhed-2/").content.decode()


def test_preview_shows_the_chosen_related_pages(site, login):
    """In the editor's preview the relations are in memory only (not yet saved)."""
    news = site.page("news")
    client = login(site.user("kommunikation"))
    data = news_form(
        news,
        title=news.title,
        related_pages=[site.page("focus_area").pk, site.page("horsens").pk],
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[news.pk])
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Indbrud i privat beboelse" in html
    assert "Horsens Kommune" in html
    # Nothing was saved by previewing.
    assert not site.page("news").related_pages.exists()
