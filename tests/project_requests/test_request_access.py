"""Every admin URL that can show a request, as every kind of admin user: the prevention staff
see all, a municipality's contact its own municipality's, communications editors none; the
chooser, the audit-log reports and the request's own history included."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.log_actions import log

from project_requests.management.commands.setup_request_groups import setup_request_groups

from .conftest import make_request

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/snippets/choose/project_requests/projectrequest/"


@pytest.fixture
def people(site_tree):
    setup_request_groups(report=lambda _message: None)
    horsens_request = make_request(site_tree["horsens"], association_name="GF Horsens Nord")
    vejle_request = make_request(site_tree["vejle"], association_name="GF Vejle Syd")
    admin = User.objects.create_superuser("admin", "admin@example.dk", "pw")
    # Each request was edited once: the audit log holds an entry labelled with it.
    for request in (horsens_request, vejle_request):
        log(request, "wagtail.edit", user=admin)

    def member(name, group):
        user = User.objects.create_user(name, f"{name}@example.dk", "pw")
        user.groups.add(group)
        return user

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    users = {
        "dks": member("dks", Group.objects.get(name="Forebyggelse")),
        "horsens": member("horsens", Group.objects.get(name="Forebyggelseskontakt Horsens")),
        "editor": member("redaktoer", editors),
        "admin": admin,
    }
    return {"horsens": horsens_request, "vejle": vejle_request}, users


def object_urls(request):
    pk = request.pk
    return [
        f"/admin/henvendelser/edit/{pk}/",
        f"/admin/henvendelser/delete/{pk}/",
        f"/admin/henvendelser/history/{pk}/",
        f"/admin/henvendelser/history-results/{pk}/",
        f"/admin/henvendelser/usage/{pk}/",
        f"/admin/henvendelser/inspect/{pk}/",
        f"{CHOOSER}chosen/{pk}/",
        f"{CHOOSER}chosen-multiple/?id={pk}",
    ]


LIST_URLS = [
    "/admin/henvendelser/",
    "/admin/henvendelser/results/",
    "/admin/henvendelser/?export=csv",
    "/admin/henvendelser/?export=xlsx",
    "/admin/henvendelser/?q=GF",
    CHOOSER,
    f"{CHOOSER}results/",
    f"{CHOOSER}results/?q=GF",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
]


def shows(response, request):
    """Whether the answer names the request (a streamed export can be read only once)."""
    if response.status_code != 200:
        return False
    if not hasattr(response, "shown_text"):
        response.shown_text = text_of(response)
    return request.reference in response.shown_text or (
        request.association_name in response.shown_text
    )


def text_of(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(BytesIO(body)).active
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    return body.decode()


# Who may see which request: everything else must show neither its reference nor its name.
MAY_SEE = {
    "admin": {"horsens", "vejle"},
    "dks": {"horsens", "vejle"},
    "horsens": {"horsens"},
    "editor": set(),
}


@pytest.mark.parametrize("who", sorted(MAY_SEE))
def test_listings_choosers_and_reports_show_only_what_the_user_may_see(client, people, who):
    requests, users = people
    client.force_login(users[who])
    for url in LIST_URLS:
        response = client.get(url)
        assert response.status_code < 500, url
        for name, request in requests.items():
            assert shows(response, request) == (
                name in MAY_SEE[who] and response.status_code == 200
            ), f"{who} {url} {name}"


@pytest.mark.parametrize("who", sorted(MAY_SEE))
def test_each_requests_own_urls_answer_only_for_users_who_may_see_it(client, people, who):
    requests, users = people
    client.force_login(users[who])
    for name, request in requests.items():
        for url in object_urls(request):
            response = client.get(url)
            assert response.status_code < 500, url
            if name not in MAY_SEE[who]:
                assert not shows(response, request), f"{who} sees {url}"
                if "chosen-multiple" not in url:  # that one answers 200 with an empty list
                    assert response.status_code in (302, 403, 404), f"{who} {url}"


def test_the_prevention_staff_can_use_the_chooser(client, people):
    requests, users = people
    client.force_login(users["dks"])
    response = client.get(f"{CHOOSER}chosen/{requests['vejle'].pk}/")
    assert response.status_code == 200
    assert requests["vejle"].association_name in response.content.decode()


def test_a_requests_history_lists_its_edit_for_those_who_see_it(client, people):
    requests, users = people
    client.force_login(users["horsens"])
    history = client.get(f"/admin/henvendelser/history/{requests['horsens'].pk}/")
    assert history.status_code == 200
    assert "admin" in history.content.decode()


def test_page_history_shows_no_request_label(client, people, site_tree):
    requests, users = people
    client.force_login(users["horsens"])
    url = reverse("wagtailadmin_pages:history", args=[site_tree["vejle"].pk])
    response = client.get(url)
    assert not shows(response, requests["vejle"])


def test_a_municipality_pages_usage_lists_no_request(client, people, site_tree):
    requests, users = people
    client.force_login(users["admin"])
    url = reverse("wagtailadmin_pages:usage", args=[site_tree["vejle"].pk])
    response = client.get(url)
    assert response.status_code == 200
    assert not shows(response, requests["vejle"])
