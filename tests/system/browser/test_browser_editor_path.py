"""The editors' path in Chromium, through the real admin: the Horsens editor's Lokalråd+
conference goes through Redaktion's approval to the public Horsens page, and Kommunikation's
news goes straight to the news index. Every admin page on the way is checked for Wagtail's
English (tests/admin_language.py) as the editor sees it, after the page's scripts have run."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from editorial import roles
from municipalities.models import ConferencePage, MunicipalityPage
from news.models import NewsIndexPage, NewsPage
from tests.admin_language import english_in_html
from tests.browser_admin import admin_tab, set_date

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-test-1"
TIMEOUT_MS = 30_000


@pytest.fixture
def editors(wagtail_base_data, settings):
    """The site as setup_site builds it (groups and workflows included), one user per role.

    Built before a tab opens: Playwright's sync API runs an event loop in this thread.
    """
    # Autosave and the editing-session ping write in the background, beside the editor's own
    # actions; the live server's shared in-memory SQLite answers two writers at once with
    # "database table is locked". Both off here: an action crossing the autosave is
    # tests/editorial/test_editorial_autosave_browser.py's subject, the path is this one's.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    call_command("setup_site", "--skip-index", verbosity=0)
    horsens = MunicipalityPage.objects.get(slug="horsens")
    groups = {
        "horsens": roles.municipality_group_name(horsens),
        "redaktion": roles.REDAKTION,
        "kommunikation": roles.KOMMUNIKATION,
    }
    for username, group_name in groups.items():
        user = User.objects.create_user(username, f"{username}@kredsraad.test", PASSWORD)
        user.groups.add(Group.objects.get(name=group_name))
    cache.clear()
    return {"horsens": horsens, "news_index": NewsIndexPage.objects.get()}


class AdminTab:
    """One logged-in editor's tab; every admin page it lands on is checked for English."""

    def __init__(self, browser, base_url, username):
        self.base_url = base_url
        self.context, self.page = admin_tab(browser, base_url, username, PASSWORD, TIMEOUT_MS)
        self.english = []
        self.check_danish(f"{username}: dashboard")

    def check_danish(self, what):
        self.page.wait_for_load_state("load")
        found = english_in_html(self.page.content())
        self.english += [f"{what}: {msgid!r} in {text!r}" for msgid, text in sorted(found.items())]

    def visit(self, path, what):
        self.page.goto(path)
        self.check_danish(what)

    def choose_action(self, selector):
        """Click an action of the editor's footer menu, opening its dropdown when it sits
        there, and wait for the answer's page (Wagtail redirects to the parent's listing)."""
        action = self.page.locator(f"footer {selector}").first
        if not action.is_visible():
            self.page.locator("footer [data-w-dropdown-target='toggle']").first.click()
        action.wait_for(state="visible")
        with self.page.expect_navigation():
            action.click()

    def messages(self):
        return self.page.locator(".messages").inner_text()

    def close(self):
        self.context.close()


@pytest.fixture
def open_tab(chromium, live_server):
    tabs = []

    def open_as(username):
        tab = AdminTab(chromium, live_server.url, username)
        tabs.append(tab)
        return tab

    yield open_as
    for tab in tabs:
        tab.close()


@pytest.fixture
def reader(chromium):
    """A citizen's tab: no login, so the public pages are seen as everyone sees them."""
    context = chromium.new_context(viewport=DESKTOP, locale="da-DK")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def follow_link(reader, base_url, listing_path, title, page_path):
    """A reader finds the page by its title on the listing and opens it."""
    reader.goto(base_url + listing_path)
    link = reader.get_by_role("link", name=title)
    link.wait_for()
    link.click()
    reader.wait_for_url(base_url + page_path)
    assert reader.locator("h1").inner_text().strip() == title


def test_a_horsens_conference_goes_through_approval_to_the_public_page(
    open_tab, reader, live_server, editors
):
    horsens = editors["horsens"]
    title = "Lokalråd+ konference om nabohjælp"
    start = timezone.localtime() + datetime.timedelta(days=30)

    editor = open_tab("horsens")
    editor.visit(f"/admin/pages/{horsens.pk}/", "editor: Horsens listing")
    editor.visit(
        f"/admin/pages/add/municipalities/conferencepage/{horsens.pk}/", "editor: new conference"
    )
    page = editor.page
    page.fill("#id_title", title)
    set_date(page, "#id_start", start.strftime("%d.%m.%Y 17:00"))
    set_date(page, "#id_end", start.strftime("%d.%m.%Y 20:00"))
    page.fill("#id_theme", "Nabohjælp")
    page.fill("#id_venue", "Horsens Rådhus")
    page.fill("#id_summary", "Lokalrådet inviterer til konference om nabohjælp.")
    editor.check_danish("editor: conference form filled in")
    editor.choose_action("button[name=action-submit]")
    page.wait_for_url(re.compile(rf"/admin/pages/{horsens.pk}/$"))
    editor.check_danish("editor: after submitting")
    assert f"'{title}' er oprettet og sendt til godkendelse" in editor.messages()

    conference = ConferencePage.objects.get(title=title)
    assert conference.slug == "lokalraad-konference-om-nabohjaelp"
    assert not conference.live
    assert conference.current_workflow_task.name == roles.EDITORIAL_TASK

    public = reader

    approver = open_tab("redaktion")
    assert title in approver.page.content(), "the task is not on the approver's dashboard"
    approver.visit(f"/admin/pages/{conference.pk}/edit/", "approver: conference in moderation")
    approver.choose_action("[data-workflow-action-name=approve]")
    approver.page.wait_for_url(re.compile(rf"/admin/pages/{horsens.pk}/$"))
    approver.check_danish("approver: after approving")

    conference.refresh_from_db()
    assert conference.live
    follow_link(public, live_server.url, "/kommuner/horsens/", title, conference.url)
    assert "Horsens Rådhus" in public.content()

    assert editor.english + approver.english == []


def test_kommunikation_publishes_news_that_reaches_the_news_index(
    open_tab, reader, live_server, editors
):
    news_index = editors["news_index"]
    title = "Nabohjælp halverer indbrud på Østerbro"

    writer = open_tab("kommunikation")
    writer.visit(f"/admin/pages/{news_index.pk}/", "kommunikation: news listing")
    writer.visit(f"/admin/pages/add/news/newspage/{news_index.pk}/", "kommunikation: new news")
    page = writer.page
    set_date(page, "#id_date", timezone.localdate().strftime("%d.%m.%Y"))
    page.fill("#id_title", title)
    page.fill("#id_summary", "Færre indbrud, hvor naboerne holder øje.")
    writer.check_danish("kommunikation: news form filled in")
    writer.choose_action("button[name=action-publish]")
    page.wait_for_url(re.compile(rf"/admin/pages/{news_index.pk}/$"))
    writer.check_danish("kommunikation: after publishing")
    assert title in writer.messages()

    news = NewsPage.objects.get(title=title)
    assert news.live
    follow_link(reader, live_server.url, "/nyheder/", title, news.url)

    assert writer.english == []
