"""Keyboard journeys: skip link, navigation, search and the plan's table of contents work
without a mouse, and the focused element always shows a visible outline."""

import pytest

from .conftest import DESKTOP, MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUS_STYLE = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
        tag: element.tagName,
        text: (element.textContent || element.value || '').trim().slice(0, 40),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
    };
}"""


def assert_focus_visible(page):
    focus = page.evaluate(FOCUS_STYLE)
    visible = (focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2) or (
        focus["boxShadow"] not in ("none", "")
    )
    assert visible, f"focus not visible on {focus}"
    return focus


def tab_until(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate(predicate_js):
            return
    pytest.fail(f"not reached by Tab within {limit} steps: {predicate_js}")


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def test_keyboard_journeys(page, live_server, built_site):
    # Skip link: the first Tab stop, and it moves focus to the main content.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focus = assert_focus_visible(page)
    assert focus["text"] == "Gå til sidens indhold"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    # The main menu is reachable and follows like a link.
    page.goto(live_server.url + "/")
    tab_until(
        page,
        "document.activeElement.matches('.navigation-menu .nav-link')"
        " && document.activeElement.textContent.trim() === 'Kommuner'",
    )
    page.keyboard.press("Enter")
    page.wait_for_url("**/kommuner/")

    # Search from the header, by keyboard only.
    tab_until(page, "document.activeElement.id === 'site-search-q'")
    page.keyboard.type("indbrud")
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?q=indbrud")
    assert page.locator("main a", has_text="Indbrud").count() > 0

    # Every Tab stop on the home page shows its focus (checked inside tab_until).
    page.goto(live_server.url + "/")
    tab_until(page, "document.activeElement.closest('footer') !== null", limit=120)

    # The plan's table of contents.
    check_plan_table_of_contents(page, live_server)

    # The mobile menu, by keyboard and with JavaScript switched off.
    check_mobile_menu_without_javascript(page.context.browser, live_server)


def check_plan_table_of_contents(page, live_server):
    page.goto(live_server.url + "/samarbejdsplan/2017/")
    toc_link = page.locator('.plan-toc a[href="#3-1-2"]')
    toc_link.focus()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#3-1-2'")
    heading = page.locator('[id="3-1-2"]')
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 200, f"section not scrolled into view: {box}"
    # The next Tab continues from the section (the anchor link inside its heading), not from
    # the table of contents.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#3-1-2"
    assert page.evaluate("document.activeElement.closest('.plan-toc')") is None


def check_mobile_menu_without_javascript(chromium, live_server):
    context = chromium.new_context(viewport=MOBILE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/samarbejdsplan/2017/")
        assert page.locator(".navigation-menu .nav").is_hidden()
        menu_link = page.locator(".mobile-menu .nav-link", has_text="Kommuner")
        assert menu_link.is_hidden()
        toggle = page.locator(".mobile-menu > summary")
        for _ in range(10):
            page.keyboard.press("Tab")
            if toggle.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail("the menu button was not reached by Tab")
        page.keyboard.press("Enter")
        assert menu_link.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Forside"
        # The current section is marked for screen readers too.
        current = page.locator('.mobile-menu [aria-current="true"]')
        assert current.inner_text().strip() == "Samarbejdsplaner"
        menu_link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/kommuner/")
        assert page.locator("h1").inner_text().strip() == "Kommuner"
    finally:
        context.close()
