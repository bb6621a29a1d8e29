"""The request form with dkfds's JavaScript: the error summary takes the focus when the form comes
back with errors, its links focus the field, and the long text fields count characters."""

import pytest

from .conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = "/forebyggelse/tryghed-og-indbrud/"


def test_error_summary_takes_focus_and_counters_count(chromium, live_server, built_site):
    for viewport in (DESKTOP, MOBILE):
        context = chromium.new_context(viewport=viewport, locale="da-DK")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        try:
            page.goto(live_server.url + FORM)
            # The character counter (dkfds form-limit) replaces the static hint as one types.
            # dkfds counts on keyup, as a reader types.
            page.locator("#id_message").press_sequentially("Hej")
            counter = page.locator("#id_message").locator("xpath=..").locator(".character-limit")
            counter.filter(has_text="1997").wait_for(timeout=10_000)
            page.fill("#id_association_name", "Grundejerforeningen Solsikken")
            page.click(".request-form button[type=submit]")
            page.wait_for_load_state("load")
            summary = page.locator('[data-module="error-summary"]')
            assert summary.is_visible()
            focused = page.evaluate("document.activeElement.id")
            assert focused == "error-summary", f"focus on {focused!r} at {viewport['width']} px"
            # What was typed is kept, and a link in the summary moves the focus to its field.
            assert page.input_value("#id_association_name") == "Grundejerforeningen Solsikken"
            summary.locator('a[href="#id_contact_name"]').click()
            assert page.evaluate("document.activeElement.id") == "id_contact_name"
            assert errors == []
        finally:
            context.close()
