"""axe-core on every page type, desktop and mobile: zero WCAG 2.1 A/AA violations."""

import pytest

from .conftest import DESKTOP, MOBILE, page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_path):
    page.add_script_tag(path=axe_path)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return result["violations"], len(result["passes"])


def test_every_page_type_has_no_wcag_violations(chromium, axe_path, live_server, built_site):
    problems = []
    # Both viewports in one test: building the site from the plan is the slow part.
    for viewport_name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
        problems += check_viewport(
            chromium, axe_path, live_server, built_site, viewport_name, viewport
        )
    assert problems == []
    check_plan_prints_cleanly(chromium, live_server)


def check_plan_prints_cleanly(chromium, live_server):
    """The print stylesheet: the whole plan with its section numbers and its table of contents
    (as in the plan's PDF), no navigation."""
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/samarbejdsplan/2017/")
        page.emulate_media(media="print")
        for hidden in (".site-header", ".site-footer", ".breadcrumbs", ".anchor-link"):
            assert page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
        assert page.locator(".plan-toc").is_visible()
        numbers = page.locator(".plan-section__number")
        assert numbers.count() > 20
        assert numbers.first.is_visible()
        section = page.locator('[id="6-4"]')
        assert section.is_visible()
        assert "6.4" in section.inner_text()
        # The plan body is not squeezed into the screen layout's text column.
        width = page.evaluate("document.querySelector('.plan-body').getBoundingClientRect().width")
        assert width > 700
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    finally:
        context.close()


def check_viewport(chromium, axe_path, live_server, built_site, viewport_name, viewport):
    context = chromium.new_context(viewport=viewport, locale="da-DK")
    page = context.new_page()
    problems = []
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        for name, path in page_paths(built_site).items():
            script_errors.clear()
            response = page.goto(live_server.url + path)
            expected = 404 if name == "404" else 200
            assert response.status == expected, f"{name} ({path}) answered {response.status}"
            assert page.locator("html").get_attribute("lang") == "da"
            assert page.locator("h1").count() == 1, f"{name}: one h1 expected"
            # Responsive: nothing wider than the screen (WCAG 1.4.10 reflow at 320 CSS px).
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > viewport["width"]:
                problems.append(f"{viewport_name} {name} {path}: {scroll_width}px wide")
            # The theme's script (dkfds) runs on every page; an exception stops its components.
            problems += [f"{viewport_name} {name} {path}: script error {e}" for e in script_errors]
            violations, passes = axe_violations(page, axe_path)
            assert passes > 10, f"{name}: axe ran no checks"
            for violation in violations:
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(
                    f"{viewport_name} {name} {path}: {violation['id']} ({violation['help']}) "
                    f"{targets}"
                )
    finally:
        context.close()
    return problems
