"""End to end in a real browser: an association sends a request, the police follow it up.

Drives Debian's Chromium (/usr/bin/chromium, apt package `chromium`) through Playwright against
pytest-django's live server; static files come from the finders (settings.test), so the Wagtail
admin's JavaScript runs as in production.
"""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.db import connections

from project_requests.management.commands.setup_request_groups import setup_request_groups
from project_requests.models import ProjectRequest, ProjectRequestStatusChange

from .conftest import PAGE_URL

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TIMEOUT_MS = 30_000  # a shared two-core machine: the admin's first page load can be slow


@pytest.fixture
def browser_page(chromium):
    """A fresh page on the run's shared Chromium (tests/conftest.py)."""
    context = chromium.new_context(locale="da-DK")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
        # Code inside sync_playwright() runs in a greenlet with its own context variables, so
        # Django gave the test body a second connection; left open, it keeps PostgreSQL from
        # dropping the test database at the end of the run.
        connections.close_all()


def focused_id(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id):
    page.keyboard.press("Tab")
    assert focused_id(page) == element_id


def test_association_requests_and_dks_marks_it_contacted(
    live_server, committed_site_tree, browser_page
):
    from playwright.sync_api import expect

    page = browser_page
    horsens = committed_site_tree["horsens"]
    setup_request_groups(report=lambda _message: None)
    dks = User.objects.create_user("dks", "dks@politi.example", "hemmeligt-kodeord")
    dks.groups.add(Group.objects.get(name="Forebyggelse"))
    assert not dks.is_superuser and not dks.is_staff

    # The association: the whole form with the keyboard, field after field with Tab.
    page.goto(f"{live_server.url}{PAGE_URL}")
    expect(page.locator("h1")).to_contain_text("Trygheds- og Indbrudsprojekt")
    page.focus("#id_association_name")
    page.keyboard.type("Grundejerforeningen Solsiden")
    for element_id, text in (
        ("id_contact_name", "Anna Jensen"),
        ("id_email", "anna@example.dk"),
        ("id_phone", "12 34 56 78"),
        ("id_area", "Solvej og Månevej"),
        ("id_postcode", "8700"),
        ("id_town", "Horsens"),
    ):
        tab_to(page, element_id)
        page.keyboard.type(text)
    tab_to(page, "id_municipality")
    page.keyboard.type("Horsens")  # a closed select jumps to the option typed
    expect(page.locator("#id_municipality")).to_have_value(str(horsens.pk))
    tab_to(page, "id_households")
    page.keyboard.type("42")
    tab_to(page, "id_parts_0")
    page.keyboard.press("Space")
    tab_to(page, "id_parts_1")
    tab_to(page, "id_parts_2")
    page.keyboard.press("Space")
    tab_to(page, "id_preferred_period")
    page.keyboard.type("Efteråret")
    tab_to(page, "id_message")
    page.keyboard.type("Vi har haft flere indbrud.")
    tab_to(page, "id_consent")  # the hidden honeypot is skipped
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    page.keyboard.press("Tab")  # the link to the privacy policy in the consent label
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/privatliv/"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Tak for jeres henvendelse")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Jeres referencenummer er")
    reference = status.locator("strong").inner_text()
    assert re.fullmatch(r"TIP-\d{4}-\d{4}", reference)
    request = ProjectRequest.objects.get()
    assert request.reference == reference
    assert (request.association_name, request.municipality_id) == (
        "Grundejerforeningen Solsiden",
        horsens.pk,
    )
    assert request.wants_house_securing and request.wants_neighbour_help
    assert not request.wants_safety_walk
    assert request.status == ProjectRequest.Status.RECEIVED
    expect(page.get_by_role("region", name="Henvendelsen", exact=True)).to_contain_text(
        "Vejledning om skalsikring, Nabohjælp"
    )

    # The police (DKS): log in, find the request in Henvendelser, mark it contacted.
    page.goto(f"{live_server.url}/admin/login/")
    page.focus("#id_username")
    page.keyboard.type("dks")
    page.keyboard.press("Tab")
    page.keyboard.type("hemmeligt-kodeord")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The sidebar is drawn by the admin's JavaScript: its menu item appears once that ran.
    menu_item = page.locator('a[href="/admin/henvendelser/"]').first
    menu_item.wait_for(state="visible")
    menu_item.click()
    page.wait_for_url(re.compile(r"/admin/henvendelser/$"))
    row = page.locator("table tbody tr", has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Grundejerforeningen Solsiden")
    expect(row).to_contain_text("Horsens")
    row.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(rf"/admin/henvendelser/edit/{request.pk}/$"))

    status_select = page.locator("#id_status")
    status_select.wait_for(state="visible")
    status_select.select_option("kontaktet")
    page.locator("#id_internal_notes").fill("Ringet til Anna")
    page.locator("footer button.action-save").click()  # "Gem" in the action menu
    page.wait_for_url(re.compile(r"/admin/henvendelser/$"))
    expect(page.locator(".messages")).to_contain_text(reference)

    request.refresh_from_db()
    assert request.status == ProjectRequest.Status.CONTACTED
    assert request.internal_notes == "Ringet til Anna"
    change = ProjectRequestStatusChange.objects.get(request=request)
    assert (change.old_status, change.new_status, change.changed_by) == (
        "modtaget",
        "kontaktet",
        dks,
    )
