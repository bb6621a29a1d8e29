"""What a citizen sees first, and the plan's table of contents, in Debian's Chromium."""

import pytest

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TASKS = ["råd mod indbrud", "anmode om et besøg", "din kommune", "samarbejdsplanen"]


def in_first_screen(locator, viewport):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_the_home_pages_tasks_and_the_plans_contents(chromium, live_server, built_site):
    context = chromium.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        # Home on a phone: every main task is on the first screen, without scrolling.
        page.goto(live_server.url + "/")
        for task in TASKS:
            link = page.locator(".home-hero a", has_text=task)
            assert in_first_screen(link, PHONE), f"{task!r} is below the first screen"
        button = page.locator(".home-hero .button", has_text="Anmod om et besøg")
        assert in_first_screen(button, PHONE)

        # The plan on a phone: the contents are a closed disclosure, opened by a tap.
        page.goto(live_server.url + "/samarbejdsplan/2017/")
        toc_link = page.locator('.plan-toc a[href="#3-1-2"]')
        assert toc_link.is_hidden()
        page.locator(".plan-toc summary").click()
        assert toc_link.is_visible()
        toc_link.click()
        page.wait_for_function("location.hash === '#3-1-2'")
        # Back to the contents from after a section.
        back = page.locator(".plan-back-to-toc a").first
        assert back.get_attribute("href") == "#plan-toc"
        assert page.locator(".plan-back-to-toc").count() > 10
        # Nested bullets are indented further than their parents.
        indents = page.evaluate(
            """() => {
                const sub = document.querySelector('.bullet-list ul li');
                const item = sub.parentElement.closest('li');
                return [item.getBoundingClientRect().left, sub.getBoundingClientRect().left];
            }"""
        )
        assert indents[1] > indents[0] + 10
    finally:
        context.close()

    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        # On a wide screen the contents stand open, and mark the section being read.
        page.goto(live_server.url + "/samarbejdsplan/2017/")
        assert page.locator('.plan-toc a[href="#3-1-2"]').is_visible()
        page.locator('[id="3-1-2"]').scroll_into_view_if_needed()
        page.evaluate("document.getElementById('3-1-2').scrollIntoView({block: 'start'})")
        page.wait_for_function(
            "document.querySelector('.plan-toc a[aria-current]')?.getAttribute('href') === '#3-1-2'"
        )
        assert page.locator(".plan-toc a[aria-current]").count() == 1
        # The PDF is linked from the page.
        href = page.locator(".plan-header__document a").get_attribute("href")
        assert href == "/samarbejdsplan/2017/pdf/"
    finally:
        context.close()
