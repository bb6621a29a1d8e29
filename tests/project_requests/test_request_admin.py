"""Who sees which requests in the Wagtail admin, the listing, export and status history."""

import re
from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from django.utils.html import strip_tags

from project_requests.management.commands.setup_request_groups import setup_request_groups
from project_requests.models import ProjectRequest, ProjectRequestStatusChange

from .conftest import make_request

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/henvendelser/"


def edit_url(request):
    return f"/admin/henvendelser/edit/{request.pk}/"


def user_in(group_name, username):
    user = User.objects.create_user(username, f"{username}@example.dk", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture(scope="module")
def shared_admin_data(shared_site_tree, django_db_blocker):
    """Groups, two requests and the users, made once inside the module's tree transaction."""
    with django_db_blocker.unblock():
        setup_request_groups(report=lambda _message: None)
        horsens, vejle = (
            model.objects.get(pk=pk)
            for model, pk in (shared_site_tree[name] for name in ("horsens", "vejle"))
        )
        requests = {
            "horsens": make_request(horsens, association_name="GF Horsens Nord"),
            "vejle": make_request(vejle, association_name="GF Vejle Syd"),
        }
        users = {
            "dks": user_in("Forebyggelse", "dks"),
            "horsens": user_in("Forebyggelseskontakt Horsens", "horsens"),
        }
        # A communications editor: Wagtail's Editors group, with admin access and page rights.
        editor = User.objects.create_user("redaktoer", "redaktoer@example.dk", "pw")
        group, _ = Group.objects.get_or_create(name="Editors")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        editor.groups.add(group)
        users["editor"] = editor
    return {
        "requests": {name: request.pk for name, request in requests.items()},
        "users": {name: user.pk for name, user in users.items()},
    }


@pytest.fixture
def requests_(shared_admin_data, site_tree):
    return {
        name: ProjectRequest.objects.get(pk=pk)
        for name, pk in shared_admin_data["requests"].items()
    }


@pytest.fixture
def users(shared_admin_data, db):
    return {name: User.objects.get(pk=pk) for name, pk in shared_admin_data["users"].items()}


def test_groups_are_created_idempotently(horsens, vejle):
    setup_request_groups(report=lambda _message: None)
    setup_request_groups(report=lambda _message: None)
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Forebyggelse", "Forebyggelseskontakt Horsens", "Forebyggelseskontakt Vejle"} <= names
    assert Group.objects.filter(name="Forebyggelseskontakt Horsens").count() == 1
    everything = Group.objects.get(name="Forebyggelse")
    assert everything.permissions.filter(codename="view_all_projectrequests").exists()
    contact = Group.objects.get(name="Forebyggelseskontakt Horsens")
    assert not contact.permissions.filter(codename="view_all_projectrequests").exists()
    assert contact.prevention_municipality.municipality == horsens
    assert not everything.permissions.filter(codename="delete_projectrequest").exists()


def test_forebyggelse_sees_all_requests(client, requests_, users):
    client.force_login(users["dks"])
    html = client.get(LIST_URL).content.decode()
    assert requests_["horsens"].reference in html
    assert requests_["vejle"].reference in html
    assert client.get(edit_url(requests_["vejle"])).status_code == 200


def test_municipality_contact_sees_only_its_municipality(client, requests_, users):
    client.force_login(users["horsens"])
    response = client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert requests_["horsens"].reference in html
    assert requests_["vejle"].reference not in html
    assert client.get(edit_url(requests_["horsens"])).status_code == 200
    other = client.get(edit_url(requests_["vejle"]))
    assert other.status_code in (302, 403)
    assert b"GF Vejle Syd" not in other.content
    inspect = client.get(f"/admin/henvendelser/inspect/{requests_['vejle'].pk}/")
    assert inspect.status_code in (302, 403)
    history = client.get(f"/admin/henvendelser/history/{requests_['vejle'].pk}/")
    assert history.status_code in (302, 403)


def test_communications_editor_sees_no_requests(client, requests_, users):
    client.force_login(users["editor"])
    listing = client.get(LIST_URL)
    assert listing.status_code in (302, 403)
    assert requests_["horsens"].reference.encode() not in listing.content
    assert client.get(edit_url(requests_["horsens"])).status_code in (302, 403)
    assert b"/admin/henvendelser/" not in client.get("/admin/").content


def test_nobody_but_superusers_can_create_or_delete(client, requests_, users):
    client.force_login(users["dks"])
    assert client.get("/admin/henvendelser/add/").status_code in (302, 403)
    response = client.post(f"/admin/henvendelser/delete/{requests_['horsens'].pk}/")
    assert response.status_code in (302, 403)
    assert ProjectRequest.objects.count() == 2


def test_listing_shows_ikke_afsendt_and_filters(client, requests_, users):
    ProjectRequest.objects.filter(pk=requests_["vejle"].pk).update(
        status=ProjectRequest.Status.CONTACTED
    )
    client.force_login(users["dks"])
    html = client.get(LIST_URL).content.decode()
    assert "ikke afsendt" in html
    filtered = client.get(LIST_URL, {"status": "kontaktet"}).content.decode()
    assert requests_["vejle"].reference in filtered
    assert requests_["horsens"].reference not in filtered
    by_municipality = client.get(
        LIST_URL, {"municipality": requests_["horsens"].municipality_id}
    ).content.decode()
    assert requests_["horsens"].reference in by_municipality
    assert requests_["vejle"].reference not in by_municipality
    searched = client.get(LIST_URL, {"q": "Vejle Syd"}).content.decode()
    assert requests_["vejle"].reference in searched
    assert requests_["horsens"].reference not in searched


def test_csv_export_is_limited_to_what_the_user_may_see(client, requests_, users):
    client.force_login(users["horsens"])
    response = client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header = body.splitlines()[0]
    assert "Referencenummer" in header
    assert "Besked til kommunen" in header
    assert requests_["horsens"].reference in body
    assert "ikke afsendt" in body
    assert requests_["vejle"].reference not in body


def test_status_change_is_recorded_with_who_and_when(client, requests_, users):
    user = users["horsens"]
    client.force_login(user)
    request = requests_["horsens"]
    response = client.post(
        edit_url(request), {"status": "kontaktet", "internal_notes": "Ringet til Bo"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    request.refresh_from_db()
    assert request.status == "kontaktet"
    assert request.internal_notes == "Ringet til Bo"
    assert request.association_name == "GF Horsens Nord"  # read-only fields are unchanged
    change = ProjectRequestStatusChange.objects.get()
    assert (change.old_status, change.new_status, change.changed_by) == (
        "modtaget",
        "kontaktet",
        user,
    )
    client.post(edit_url(request), {"status": "kontaktet", "internal_notes": "Mere"})
    assert ProjectRequestStatusChange.objects.count() == 1
    html = client.get(edit_url(request)).content.decode()
    assert "Modtaget → Kontaktet" in html


def test_listing_and_inspect_show_the_receipt_next_to_the_notification(client, requests_, users):
    sent = timezone.make_aware(datetime(2026, 11, 20, 10, 15))
    notified = timezone.make_aware(datetime(2026, 11, 21, 9, 0))
    ProjectRequest.objects.update(notification_sent_at=notified)
    ProjectRequest.objects.filter(pk=requests_["vejle"].pk).update(receipt_sent_at=sent)
    client.force_login(users["dks"])

    html = client.get(LIST_URL).content.decode()
    assert html.index("Besked til kommunen") < html.index("Kvittering til afsender")
    # The notifications are all sent: "ikke afsendt" can only be Horsens' receipt.
    assert html.count("ikke afsendt") == 1
    assert "20. november 2026 kl. 10:15" in html
    # The same Danish format as the "Modtaget" column beside it, never a hand-made one.
    assert "20.11.2026" not in html
    # "ikke afsendt" stands out as a status tag; a time sent is plain text.
    assert re.search(r'class="w-status w-status--primary"[^>]*>\s*ikke afsendt', html)
    assert not re.search(r'class="w-status[^"]*"[^>]*>\s*20\. november', html)

    def inspect(name):
        html = client.get(f"/admin/henvendelser/inspect/{requests_[name].pk}/").content.decode()
        return " ".join(strip_tags(html).split())

    assert (
        "Besked sendt til kommunen 21. november 2026 kl. 09:00 "
        "Kvittering sendt 20. november 2026 kl. 10:15"
    ) in (inspect("vejle"))
    assert "Kvittering sendt ikke afsendt" in inspect("horsens")

    export = client.get(LIST_URL, {"export": "csv"})
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert rows[0].endswith("Besked til kommunen;Kvittering til afsender")
    assert {row.split(";")[0]: row.rsplit(";", 1)[1] for row in rows[1:]} == {
        requests_["horsens"].reference: "ikke afsendt",
        requests_["vejle"].reference: "20. november 2026 kl. 10:15",
    }


def test_nobody_adds_a_request_in_the_admin_not_even_a_superuser(client, requests_, users):
    """Requests come from the public form only: no add button to cut the listing's title, and
    the add view refuses."""
    admin = User.objects.create_superuser("admin", "admin@example.dk", "pw")
    client.force_login(admin)
    html = client.get(LIST_URL).content.decode()
    assert requests_["horsens"].reference in html
    assert "/admin/henvendelser/add/" not in html
    assert "Tilføj henvendelse" not in html
    response = client.get("/admin/henvendelser/add/")
    assert response.status_code in {302, 403}
    assert ProjectRequest.objects.count() == 2


def test_status_history_dates_in_the_danish_format(client, requests_, users):
    client.force_login(users["horsens"])
    request = requests_["horsens"]
    client.post(edit_url(request), {"status": "kontaktet", "internal_notes": ""})
    change = ProjectRequestStatusChange.objects.get()
    html = client.get(edit_url(request)).content.decode()
    expected = timezone.localtime(change.changed_at)
    assert f"{expected.day}. " in html and f"{expected.year} kl. {expected:%H:%M}" in html
