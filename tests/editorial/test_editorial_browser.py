"""In Chromium: an editor from Kommunikation logs in, writes a news item and publishes it; an
anonymous reader then sees it on the home page and in the RSS feed."""

import json

import pytest
from django.core.cache import cache

from tests.browser_admin import admin_tab, set_date
from tests.editorial.conftest import PASSWORD, build_site


@pytest.mark.browser
# A transactional test: the fixtures recreate what an earlier test's flush removed
# (wagtail_base_data).
@pytest.mark.django_db(transaction=True)
def test_editor_publishes_news_that_readers_see(live_server, news_index_id, browser):

    _context, editor = admin_tab(browser, live_server.url, "kommunikation", PASSWORD)

    editor.goto(f"{live_server.url}/admin/pages/add/news/newspage/{news_index_id}/")
    set_date(editor, "#id_date", "27.11.2026")
    editor.fill("#id_title", "Nabohjælp i Horsens")
    editor.fill("#id_summary", "Nu kan alle i Horsens tilmelde sig Nabohjælp.")
    # "Publicér" sits in the action menu's dropdown under "Gem kladde".
    editor.click("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']")
    editor.click("button[name=action-publish]")
    editor.wait_for_url(f"{live_server.url}/admin/pages/{news_index_id}/")
    assert "Nabohjælp i Horsens" in editor.content()

    reader = browser.new_context().new_page()
    reader.goto(f"{live_server.url}/")
    assert reader.get_by_role("link", name="Nabohjælp i Horsens").is_visible()
    reader.get_by_role("link", name="Nabohjælp i Horsens").click()
    assert reader.locator("h1").inner_text() == "Nabohjælp i Horsens"
    feed = reader.request.get(f"{live_server.url}/nyheder/rss/")
    assert feed.ok
    assert "<title>Nabohjælp i Horsens</title>" in feed.text()


@pytest.fixture
def news_with_vague_link(wagtail_base_data):
    pages, _users = build_site()
    news = pages["news"]
    news.body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": '<p>Planen er godkendt. <a href="/samarbejdsplan/">Klik her</a>.</p>',
            }
        ]
    )
    news.save_revision().publish()
    cache.clear()
    return news.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_content_checker_flags_klik_her(live_server, news_with_vague_link, browser):
    _context, editor = admin_tab(browser, live_server.url, "kommunikation", PASSWORD)

    editor.goto(f"{live_server.url}{news_with_vague_link}")
    editor.wait_for_load_state("load")
    editor.click("#wagtail-userbar-trigger")
    editor.click("#checker-trigger")
    results = editor.locator("#checker-results")
    results.get_by_text("Linkteksten siger ikke, hvor linket fører hen").wait_for()
    assert "Linkteksten siger ikke" in results.inner_text()
