"""The admin dashboard in Chromium as a member of Forebyggelse: the requests chart is drawn,
named for screen readers, and axe finds no WCAG 2.1 A/AA violation on the page."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache

from project_requests.management.commands.setup_request_groups import setup_request_groups
from project_requests.models import ProjectRequest
from tests.project_requests.conftest import build_site_tree, make_request

from .conftest import DESKTOP, MOBILE
from .test_browser_accessibility import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "forebyggelse-test-1"


@pytest.fixture
def prevention_user(wagtail_base_data):
    # Built before the page opens: Playwright's sync API runs an event loop, in which Django
    # refuses database calls.
    tree = build_site_tree()
    setup_request_groups(report=lambda _message: None)
    for index, status in enumerate(ProjectRequest.Status.values * 2):
        municipality = tree["horsens"] if index % 3 else tree["vejle"]
        make_request(municipality, association_name=f"GF {index}", status=status)
    user = User.objects.create_user("forebyggelse", "forebyggelse@example.dk", PASSWORD)
    user.groups.add(Group.objects.get(name="Forebyggelse"))
    cache.clear()
    return user


def test_the_prevention_dashboard_is_accessible(chromium, axe_path, live_server, prevention_user):
    problems = []
    for viewport_name, viewport in (("desktop", DESKTOP), ("mobile", MOBILE)):
        context = chromium.new_context(viewport=viewport, locale="da-DK")
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("input[name=username]", "forebyggelse")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{live_server.url}/admin/")

            chart = page.locator("svg.kr-chart__svg")
            assert chart.is_visible()
            assert chart.get_attribute("role") == "img"
            name = page.evaluate(
                "() => document.getElementById('kr-chart-title').textContent"
                " + ' ' + document.getElementById('kr-chart-desc').textContent"
            )
            assert "Henvendelser efter kommune og status" in name
            assert "I alt 10 henvendelser" in name
            # Drawn: the bars have a size on screen.
            assert chart.locator("rect[fill^='url(#kr-status-']").count() > 0
            box = chart.bounding_box()
            assert box["width"] > 200 and box["height"] > 40
            assert page.get_by_role("table", name="Antal henvendelser efter kommune og status")

            violations, passes = axe_violations(page, axe_path)
            assert passes > 10, "axe ran no checks"
            for violation in violations:
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(
                    f"{viewport_name}: {violation['id']} ({violation['help']}) {targets}"
                )
        finally:
            context.close()
    assert problems == []
