"""The association follows its request: the receipt shows the current status and when it
changed, and the sender gets an e-mail with the reference number when the staff change it.
Nothing of the internal notes reaches the sender."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils.html import strip_tags

from project_requests.management.commands.setup_request_groups import setup_request_groups
from project_requests.models import ProjectRequest
from project_requests.services import receipt_code

from .conftest import PAGE_URL, make_request, valid_data

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Formanden virker besværlig"


@pytest.fixture
def staff(site_tree):
    setup_request_groups(report=lambda _message: None)
    user = User.objects.create_user("dks", "dks@example.dk", "pw", first_name="Dorte")
    user.groups.add(Group.objects.get(name="Forebyggelse"))
    return user


def receipt_text(client, project_request):
    response = client.get(PAGE_URL, {"kvittering": receipt_code(project_request)})
    assert response.status_code == 200
    return " ".join(strip_tags(response.content.decode()).split())


def change_status(client, staff, project_request, status, capture):
    client.force_login(staff)
    with capture(execute=True):
        response = client.post(
            f"/admin/henvendelser/edit/{project_request.pk}/",
            {"status": status, "internal_notes": SECRET_NOTE},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def test_the_receipt_names_the_address_the_receipt_went_to(client, horsens):
    location = client.post(PAGE_URL, valid_data(horsens))["Location"]
    text = " ".join(strip_tags(client.get(location).content.decode()).split())
    assert "Vi har sendt en kvittering til anna@example.dk." in text
    assert "Status: Modtaget, siden" in text


def test_the_receipt_shows_each_status_change_and_when(
    client, horsens, staff, django_capture_on_commit_callbacks
):
    project_request = make_request(horsens)
    change_status(client, staff, project_request, "kontaktet", django_capture_on_commit_callbacks)
    text = receipt_text(client, project_request)
    assert "Status: Kontaktet, siden" in text
    # The history: arrival first, then the change, each with its time.
    history = re.findall(r"(Modtaget|Kontaktet) ?(\d+\. \w+ \d{4} kl\. \d\d\.\d\d)", text)
    assert [label for label, _when in history] == ["Modtaget", "Kontaktet"]
    assert SECRET_NOTE not in text
    assert "Dorte" not in text and "dks" not in text  # not who changed it


def test_a_status_change_mails_the_sender_with_the_reference(
    client, horsens, staff, django_capture_on_commit_callbacks
):
    project_request = make_request(horsens)
    mail.outbox.clear()
    change_status(client, staff, project_request, "gennemfoert", django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bo@example.dk"]
    assert project_request.reference in message.subject
    assert "Gennemført" in message.subject
    assert f"Referencenummer: {project_request.reference}" in message.body
    assert "Ny status: Gennemført" in message.body
    assert SECRET_NOTE not in message.body
    # The link in the e-mail opens the receipt with the new status.
    link = re.search(r"http://\S+\?kvittering=\S+", message.body).group(0)
    text = " ".join(
        strip_tags(client.get(link.replace("http://localhost", "")).content.decode()).split()
    )
    assert "Status: Gennemført, siden" in text


def test_saving_without_a_status_change_mails_nobody(
    client, horsens, staff, django_capture_on_commit_callbacks
):
    project_request = make_request(horsens)
    mail.outbox.clear()
    change_status(client, staff, project_request, "modtaget", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_failing_status_mail_keeps_the_change(
    client, horsens, staff, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.project_requests.failing_backend.FailingEmailBackend"
    project_request = make_request(horsens)
    change_status(client, staff, project_request, "afvist", django_capture_on_commit_callbacks)
    project_request.refresh_from_db()
    assert project_request.status == ProjectRequest.Status.REJECTED
    assert project_request.status_changes.get().new_status == "afvist"


def test_an_anonymised_request_gets_no_status_mail(
    client, horsens, staff, django_capture_on_commit_callbacks
):
    project_request = make_request(horsens)
    project_request.anonymise()
    mail.outbox.clear()
    change_status(client, staff, project_request, "afvist", django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_the_response_time_is_an_editable_text_on_the_page(client, horsens, site_tree):
    project = site_tree["project"]
    project.response_time = "inden for 14 dage"
    project.save_revision().publish()
    location = client.post(PAGE_URL, valid_data(horsens))["Location"]
    text = " ".join(strip_tags(client.get(location).content.decode()).split())
    assert "I kan forvente at høre fra os inden for 14 dage." in text
    assert "I kan forvente at høre fra os inden for 14 dage." in mail.outbox[0].body


def test_the_form_asks_for_the_phone_as_a_phone_number(client, site_tree):
    html = client.get(PAGE_URL).content.decode()
    phone = re.search(r"<input[^>]*name=\"phone\"[^>]*>", html).group(0)
    assert 'type="tel"' in phone and 'autocomplete="tel"' in phone
    assert 'autocomplete="email"' in html
    # One name for the one action: the heading and the button say the same.
    assert html.count("Anmod om et besøg") >= 2
    assert "Send henvendelsen" not in html and "Bestil projektet" not in html
