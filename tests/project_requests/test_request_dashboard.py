"""The prevention staff's panel on the admin dashboard: who sees it, that each user sees only the
requests their groups may see (chart, table and lists), the e-mails not sent, the requests that
reach nobody, and a query count that does not grow with the requests."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import ContactSettings
from project_requests.dashboard import status_chart
from project_requests.management.commands.setup_request_groups import setup_request_groups
from project_requests.models import ProjectRequest

from .conftest import make_request

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/"
PANEL_HEADING = "Henvendelser om Trygheds- og Indbrudsprojektet"


def user_in(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.dk", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def staff(site_tree):
    setup_request_groups(report=lambda _message: None)
    kommunikation = Group.objects.create(name="Kommunikation")
    kommunikation.permissions.add(Permission.objects.get(codename="access_admin"))
    return {
        "dks": user_in("Forebyggelse", "dks"),
        "horsens": user_in("Forebyggelseskontakt Horsens", "horsens"),
        "vejle": user_in("Forebyggelseskontakt Vejle", "vejle"),
        "kommunikation": user_in("Kommunikation", "kommunikation"),
    }


@pytest.fixture
def requests_(horsens, vejle):
    now = timezone.now()
    made = {
        "horsens_old": make_request(horsens, association_name="GF Horsens Nord"),
        "horsens_new": make_request(horsens, association_name="GF Horsens Syd"),
        "vejle": make_request(vejle, association_name="GF Vejle Fjord"),
    }
    ProjectRequest.objects.filter(pk=made["horsens_old"].pk).update(
        created_at=now - timedelta(days=30), notification_sent_at=now, receipt_sent_at=now
    )
    ProjectRequest.objects.filter(pk=made["horsens_new"].pk).update(
        created_at=now - timedelta(days=2), receipt_sent_at=now
    )
    ProjectRequest.objects.filter(pk=made["vejle"].pk).update(
        created_at=now - timedelta(days=10), status=ProjectRequest.Status.PLANNED
    )
    return made


def panel_html(client, user):
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(
        r'<section[^>]*id="henvendelser-overblik-section".*?</section>', html, re.DOTALL
    )
    return match.group(0) if match else ""


def table_row(html, municipality):
    match = re.search(rf'<th scope="row">{municipality}</th>(.*?)</tr>', html, re.DOTALL)
    return [int(n) for n in re.findall(r"<td>(\d+)</td>", match.group(1))] if match else None


def test_forebyggelse_sees_every_municipality(client, staff, requests_):
    html = panel_html(client, staff["dks"])
    assert PANEL_HEADING in html
    # Modtaget, Kontaktet, Planlagt, Gennemført, Afvist, I alt
    assert table_row(html, "Horsens") == [2, 0, 0, 0, 0, 2]
    assert table_row(html, "Vejle") == [0, 0, 1, 0, 0, 1]
    assert table_row(html, "I alt") == [2, 0, 1, 0, 0, 3]
    for request in requests_.values():
        assert request.reference in html


def test_a_municipality_contact_never_sees_another_municipality(client, staff, requests_):
    html = panel_html(client, staff["horsens"])
    assert PANEL_HEADING in html
    assert table_row(html, "Horsens") == [2, 0, 0, 0, 0, 2]
    assert "Vejle" not in html
    assert requests_["vejle"].reference not in html
    assert "GF Vejle Fjord" not in html
    # The chart's own words say Horsens' figures only.
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html, re.DOTALL).group(1)
    assert "I alt 2 henvendelser" in desc
    assert "Vejle" not in desc

    vejle_html = panel_html(client, staff["vejle"])
    assert table_row(vejle_html, "Vejle") == [0, 0, 1, 0, 0, 1]
    assert "Horsens" not in vejle_html
    assert "GF Horsens" not in vejle_html


def test_the_panel_is_only_for_the_prevention_staff(client, staff, requests_):
    html = panel_html(client, staff["kommunikation"])
    assert html == ""
    client.force_login(staff["kommunikation"])
    page = client.get(DASHBOARD).content.decode()
    assert PANEL_HEADING not in page
    assert requests_["vejle"].reference not in page


def test_the_chart_is_accessible_svg_with_its_figures(client, staff, requests_):
    html = panel_html(client, staff["dks"])
    svg = re.search(r"<svg[^>]*role=\"img\".*?</svg>", html, re.DOTALL).group(0)
    assert 'aria-labelledby="kr-chart-title kr-chart-desc"' in svg
    assert '<title id="kr-chart-title">' in svg
    assert "Efter status: Modtaget 2, Kontaktet 0, Planlagt 1" in svg
    # Not colour alone: every status has a pattern and a legend entry with its name.
    assert svg.count("<pattern ") == len(ProjectRequest.Status.choices)
    legend = re.search(r'<figcaption class="kr-chart__legend">.*?</figcaption>', html, re.DOTALL)
    for _value, label in ProjectRequest.Status.choices:
        assert label in legend.group(0)
    assert "<caption>Antal henvendelser efter kommune og status</caption>" in html
    # Coordinates stay machine-readable in the Danish locale (no decimal comma).
    assert not re.search(r'(x|width)="\d+,\d', svg)


def test_the_bars_are_in_proportion():
    chart = status_chart(
        [(1, "Horsens"), (2, "Vejle")],
        {(1, "modtaget"): 3, (1, "afvist"): 1, (2, "planlagt"): 2},
    )
    horsens, vejle = chart.rows
    assert [segment.count for segment in horsens.segments] == [3, 1]
    assert sum(segment.width for segment in horsens.segments) == pytest.approx(360)
    assert vejle.segments[0].width == pytest.approx(180)
    assert vejle.segments[0].x == horsens.segments[0].x
    assert chart.total == 6


def test_waiting_longest_lists_open_requests_oldest_first_with_their_age(client, staff, requests_):
    html = panel_html(client, staff["dks"])
    waiting = re.search(r"Ventet længst.*?</table>", html, re.DOTALL).group(0)
    assert "(3 åbne)" in waiting
    references = re.findall(r"TIP-\d{4}-\d{4}", waiting)
    assert references == [
        requests_["horsens_old"].reference,
        requests_["vejle"].reference,
        requests_["horsens_new"].reference,
    ]
    assert "30 dage" in waiting
    assert "2 dage" in waiting
    # Django's Danish short date format, not a hand-made one.
    day = timezone.localdate(timezone.now() - timedelta(days=30))
    assert day.strftime("%d.%m.%Y") in waiting


def test_closed_requests_do_not_wait(client, staff, requests_):
    request = requests_["horsens_old"]
    request.status = ProjectRequest.Status.COMPLETED
    request.save()
    html = panel_html(client, staff["dks"])
    waiting = re.search(r"Ventet længst.*?</table>", html, re.DOTALL).group(0)
    assert request.reference not in waiting
    assert "(2 åbne)" in waiting


def test_emails_not_sent(client, staff, requests_):
    html = panel_html(client, staff["dks"])
    unsent = re.search(r"E-mails, der ikke er sendt.*?</table>", html, re.DOTALL).group(0)
    assert "(2)" in unsent
    assert requests_["horsens_new"].reference in unsent
    assert requests_["vejle"].reference in unsent
    assert requests_["horsens_old"].reference not in unsent  # both sent
    assert "ikke afsendt" in unsent

    horsens = panel_html(client, staff["horsens"])
    unsent = re.search(r"E-mails, der ikke er sendt.*?</table>", horsens, re.DOTALL).group(0)
    assert "(1)" in unsent
    assert requests_["vejle"].reference not in unsent


def test_no_recipient_while_the_dks_address_is_set(client, staff, requests_):
    html = panel_html(client, staff["dks"])
    assert "Henvendelser uden modtager (0)" in html
    assert "Alle kommuner har en modtager af henvendelser." in html


def test_requests_and_municipalities_with_no_recipient(client, staff, requests_, site_tree):
    settings_ = ContactSettings.for_site(site_tree["site"])
    settings_.prevention_email = ""
    settings_.save()

    html = panel_html(client, staff["dks"])
    section = html.split("Henvendelser uden modtager", 1)[1]
    assert section.startswith(" (1)")
    assert "Vejle har ingen e-mail til forebyggelseskontakt" in section
    assert requests_["vejle"].reference in section
    # Horsens has its own contact: its unsent notification will reach someone.
    assert requests_["horsens_new"].reference not in section

    horsens = panel_html(client, staff["horsens"])
    section = horsens.split("Henvendelser uden modtager", 1)[1]
    assert section.startswith(" (0)")
    assert "Vejle" not in section
    assert "Alle kommuner har en modtager af henvendelser." in section


def dashboard_queries(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_the_requests(client, staff, horsens, vejle):
    for municipality in (horsens, vejle):
        make_request(municipality)
    few = dashboard_queries(client, staff["dks"])
    few_contact = dashboard_queries(client, staff["horsens"])
    for index in range(20):
        make_request(horsens if index % 2 else vejle, status=ProjectRequest.Status.CONTACTED)
    assert dashboard_queries(client, staff["dks"]) == few
    assert dashboard_queries(client, staff["horsens"]) == few_contact
    # Wagtail's own dashboard and the session take about 20; the panel adds a fixed handful.
    assert few <= 40


REPORT = "/admin/reports/ventende-henvendelser/"


def test_the_waiting_report_lists_every_open_request_oldest_first(client, staff, requests_):
    request = requests_["horsens_new"]
    request.status = ProjectRequest.Status.REJECTED
    request.save()
    client.force_login(staff["dks"])
    html = client.get(REPORT).content.decode()
    assert re.findall(r"TIP-\d{4}-\d{4}", html) == [
        requests_["horsens_old"].reference,
        requests_["vejle"].reference,
    ]
    assert "30 dage" in html
    assert "ikke afsendt" in html


def test_the_waiting_report_keeps_to_the_users_municipality(client, staff, requests_):
    client.force_login(staff["horsens"])
    html = client.get(REPORT).content.decode()
    assert requests_["horsens_old"].reference in html
    assert requests_["vejle"].reference not in html
    assert "GF Vejle Fjord" not in html
    results = client.get(REPORT + "results/").content.decode()
    assert requests_["vejle"].reference not in results


def test_the_waiting_report_is_closed_to_others(client, staff, requests_):
    client.force_login(staff["kommunikation"])
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert requests_["vejle"].reference not in response.content.decode()
    home = client.get(DASHBOARD).content.decode()
    assert "Ventende henvendelser" not in home


def test_the_panel_links_to_the_report(client, staff, horsens):
    for _index in range(6):
        make_request(horsens)
    html = panel_html(client, staff["dks"])
    assert f'<a href="{REPORT}">Alle 6 ventende henvendelser</a>' in html
