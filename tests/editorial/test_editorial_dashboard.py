"""The editors' panels on the admin dashboard: which group gets which panel, what each shows
(due reviews, tasks waiting, next conferences, municipalities missing this year's conference or
action plan, the plan's approval), and that their queries do not grow with the content."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from editorial.dashboard import YEARLY_ITEMS, YearlyItem, yearly_coverage
from editorial.reviews import pages_due_for_review_by
from municipalities.models import ConferencePage, MunicipalityActionPlan, MunicipalityPage
from plans.models import PlanPage
from tests.editorial.admin_actions import edit, workflow_action
from tests.editorial.conftest import advice_form, plan_form

EDITORIAL = "Redaktionens overblik"
PLAN = "Samarbejdsplanens godkendelse"
PREVENTION = "Henvendelser om Trygheds- og Indbrudsprojektet"


def dashboard(login, user):
    response = login(user).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.DOTALL)
    return match.group(0) if match else ""


def editorial_panel(login, user):
    return panel(dashboard(login, user), "redaktionens-overblik")


def plan_panel(login, user):
    return panel(dashboard(login, user), "samarbejdsplanens-godkendelse")


@pytest.mark.parametrize(
    "role, panels",
    [
        ("redaktion", {EDITORIAL}),
        ("kommunikation", {EDITORIAL}),
        ("sekretariat", {PLAN}),
        ("kredsraadet", {PLAN}),
        ("horsens", set()),
        ("admin", {EDITORIAL, PLAN, PREVENTION}),
    ],
)
def test_each_group_gets_its_own_panels(site, login, role, panels):
    html = dashboard(login, site.user(role))
    shown = {heading for heading in (EDITORIAL, PLAN, PREVENTION) if heading in html}
    assert shown == panels


def make_due(page_key, site, years=2):
    page = site.page(page_key)
    type(page).objects.filter(pk=page.pk).update(
        last_reviewed=timezone.localdate() - datetime.timedelta(days=365 * years)
    )


def test_pages_due_for_review(site, login):
    make_due("advice", site)
    html = editorial_panel(login, site.user("redaktion"))
    section = html.split("Sider til gennemgang", 1)[1].split("</table>", 1)[0]
    assert "Nabohjælp" in section
    assert section.startswith(" (1)")
    last_reviewed = timezone.localdate() - datetime.timedelta(days=730)
    assert formats.date_format(last_reviewed, "SHORT_DATE_FORMAT") in section
    assert reverse("editorial_review_due") in html


def test_due_pages_are_those_the_user_can_edit(site):
    make_due("horsens", site)
    make_due("vejle", site)
    horsens_editor = [page.slug for page in pages_due_for_review_by(site.user("horsens"))]
    assert horsens_editor == ["horsens"]
    assert {page.slug for page in pages_due_for_review_by(site.user("redaktion"))} >= {
        "horsens",
        "vejle",
    }
    assert pages_due_for_review_by(site.user("kredsraadet")) == []


def test_a_page_waiting_in_the_users_task(site, login):
    advice = site.page("advice")
    response = edit(
        login(site.user("kommunikation")),
        advice,
        advice_form(advice, title="Nabohjælp nu"),
        "submit",
    )
    assert response.status_code == 302

    waiting = editorial_panel(login, site.user("redaktion"))
    section = waiting.split("Venter på dig", 1)[1].split("</table>", 1)[0]
    assert section.startswith(" (1)")
    assert "Nabohjælp nu" in section
    assert "Redaktionel godkendelse" in section
    assert "kommunikation" in section
    assert reverse("wagtailadmin_pages:edit", args=[advice.pk]) in section

    # Kommunikation sent it, but cannot approve it.
    mine = editorial_panel(login, site.user("kommunikation"))
    assert "Venter på dig (0)" in mine
    assert "Ingen sider venter på din godkendelse." in mine


def test_the_next_conferences_with_their_municipality(site, login):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    site.page("vejle").add_child(
        instance=ConferencePage(
            title="Lokalråd+ konference i Vejle", slug="lokalraad-vejle", start=start
        )
    )
    site.page("vejle").add_child(
        instance=ConferencePage(title="Kladdekonference", slug="kladde", start=start, live=False)
    )
    html = editorial_panel(login, site.user("kommunikation"))
    section = html.split("Næste konferencer", 1)[1].split("</table>", 1)[0]
    row = re.search(r"Lokalråd\+ konference i Vejle.*?</tr>", section, re.DOTALL).group(0)
    assert "<td>Vejle</td>" in row
    assert formats.date_format(timezone.localtime(start), "DATETIME_FORMAT") in row
    assert "Kladdekonference" not in section


def coverage_row(html, municipality):
    match = re.search(rf'<th scope="row">{municipality}</th>(.*?)</tr>', html, re.DOTALL)
    return re.findall(r"Ja|Mangler", match.group(1))


def test_municipalities_missing_this_years_conference_or_action_plan(site, login):
    year = timezone.localdate().year
    ConferencePage.objects.update(start=timezone.make_aware(datetime.datetime(2017, 5, 1, 18)))
    site.page("vejle").add_child(
        instance=ConferencePage(
            title="Vejle",
            slug="vejle-i-aar",
            start=timezone.make_aware(datetime.datetime(year, 1, 2, 18)),
        )
    )
    MunicipalityActionPlan.objects.create(page=site.page("horsens"), year=year)
    MunicipalityActionPlan.objects.create(page=site.page("vejle"), year=year - 1)

    html = editorial_panel(login, site.user("redaktion"))
    assert f"Kommunerne i {year} (2 mangler noget)" in html
    assert coverage_row(html, "Horsens") == ["Mangler", "Ja"]
    assert coverage_row(html, "Vejle") == ["Ja", "Mangler"]


def test_another_yearly_item_plugs_in(site):
    municipalities = list(MunicipalityPage.objects.order_by("name"))
    horsens = municipalities[0]
    item = YearlyItem("Plancyklus", lambda year, pages: {horsens.pk})
    rows = yearly_coverage(2026, municipalities, [*YEARLY_ITEMS, item])
    assert rows[0]["items"][-1] == ("Plancyklus", True)
    assert rows[1]["items"][-1] == ("Plancyklus", False)
    assert "Plancyklus" in rows[1]["missing"]


def next_years_plan(site, login):
    year = timezone.localdate().year + 1
    draft = PlanPage(
        title=f"Samarbejdsplan {year}",
        slug=str(year),
        year=year,
        summary="",
        approval_statement="",
        in_force_from=datetime.date(year, 1, 1),
    )
    data = plan_form(draft)
    data["action-submit"] = "1"
    response = login(site.user("sekretariat")).post(
        reverse("wagtailadmin_pages:add", args=["plans", "planpage", site.page("plan_index").pk]),
        data,
    )
    assert response.status_code == 302
    return PlanPage.objects.get(year=year)


def task_row(html, task):
    return re.search(rf"<td>{task}</td>(.*?)</tr>", html, re.DOTALL).group(1)


def test_where_the_plan_stands_in_its_approval(site, login):
    plan = next_years_plan(site, login)
    html = plan_panel(login, site.user("kredsraadet"))
    assert plan.title in html
    this_year = timezone.localdate().year
    assert f"Der er ingen samarbejdsplan for {this_year}. Sitet viser Samarbejdsplan 2017" in html
    assert "Kladde, ikke udgivet" in html
    assert "Godkendelse af samarbejdsplan: I gang, sendt af sekretariat" in html
    assert "I gang" in task_row(html, "Faglig gennemgang")
    assert "Ikke startet" in task_row(html, "Godkendelse i Kredsrådet")

    workflow_action(login(site.user("sekretariat")), plan, "approve")
    html = plan_panel(login, site.user("kredsraadet"))
    review = task_row(html, "Faglig gennemgang")
    assert "Godkendt" in review
    assert "sekretariat" in review
    assert "I gang" in task_row(html, "Godkendelse i Kredsrådet")

    workflow_action(login(site.user("kredsraadet")), PlanPage.objects.get(pk=plan.pk), "approve")
    html = plan_panel(login, site.user("sekretariat"))
    go_live = timezone.make_aware(datetime.datetime(plan.year, 1, 1))
    assert (
        "Godkendt, udgives automatisk</strong> – udgives "
        + formats.date_format(go_live, "DATETIME_FORMAT")
    ) in html
    approval = task_row(html, "Godkendelse i Kredsrådet")
    assert "Godkendt" in approval and "kredsraadet" in approval


def test_no_plan_for_the_year(site, login):
    PlanPage.objects.update(year=2017)
    html = plan_panel(login, site.user("sekretariat"))
    year = timezone.localdate().year
    assert f"Der er ingen samarbejdsplan for {year} eller {year + 1} endnu." in html
    assert "Sitet viser Samarbejdsplan 2017." in html


def dashboard_queries(login, user):
    client = login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return len(queries)


def test_the_editorial_panels_queries_do_not_grow_with_the_content(site, login):
    admin = site.user("admin")
    make_due("advice", site)  # with none due, Django skips the permission query altogether
    dashboard_queries(login, admin)  # warm the content types and the site's caches
    before = dashboard_queries(login, admin)
    start = timezone.now() + datetime.timedelta(days=10)
    for index in range(6):
        site.page("horsens").add_child(
            instance=ConferencePage(title=f"Konference {index}", slug=f"k-{index}", start=start)
        )
    make_due("horsens", site)
    make_due("vejle", site)
    assert dashboard_queries(login, admin) == before
