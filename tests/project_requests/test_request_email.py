import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from project_requests.models import ProjectRequest
from project_requests.services import send_notification, send_receipt

from .conftest import DKS_EMAIL, HORSENS_CONTACT, PAGE_URL, make_request, valid_data

pytestmark = pytest.mark.django_db

FAILING = "tests.project_requests.failing_backend.FailingEmailBackend"


def test_receipt_and_notification_are_sent(client, horsens):
    client.post(PAGE_URL, valid_data(horsens))
    request = ProjectRequest.objects.get()
    receipt, notification = mail.outbox
    assert receipt.to == ["anna@example.dk"]
    assert request.reference in receipt.subject
    assert request.reference in receipt.body
    assert "Hvad sker der nu?" in receipt.body
    assert "Vejledning om skalsikring, Nabohjælp" in receipt.body
    assert notification.to == [HORSENS_CONTACT]
    assert notification.reply_to == ["anna@example.dk"]
    assert request.reference in notification.subject
    for text in ("Grundejerforeningen Solsiden", "Anna Jensen", "12 34 56 78", "Solvej"):
        assert text in notification.body
    assert f"http://testserver/admin/henvendelser/edit/{request.pk}/" in notification.body
    request.refresh_from_db()
    assert request.notification_sent_at is not None
    assert request.receipt_sent_at is not None


def test_notification_falls_back_to_the_dks_address(client, vejle):
    client.post(PAGE_URL, valid_data(vejle))
    assert mail.outbox[1].to == [DKS_EMAIL]
    assert ProjectRequest.objects.get().notification_sent_at is not None


def test_no_recipient_at_all_leaves_the_notification_unsent(client, site_tree, vejle, caplog):
    from home.models import ContactSettings

    contact = ContactSettings.for_site(site_tree["site"])
    contact.prevention_email = ""
    contact.save()
    response = client.post(PAGE_URL, valid_data(vejle))
    assert response.status_code == 302
    assert len(mail.outbox) == 1  # the receipt
    assert ProjectRequest.objects.get().notification_sent_at is None
    assert "Ingen modtager" in caplog.text


def test_failing_mail_server_keeps_the_request_and_shows_the_receipt(
    client, horsens, settings, caplog
):
    settings.EMAIL_BACKEND = FAILING
    with caplog.at_level(logging.ERROR, logger="project_requests.services"):
        response = client.post(PAGE_URL, valid_data(horsens))
    assert response.status_code == 302
    request = ProjectRequest.objects.get()
    assert request.notification_sent_at is None
    assert request.notification_status() == "ikke afsendt"
    assert request.receipt_sent_at is None
    assert request.receipt_status() == "ikke afsendt"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert request.reference in receipt.content.decode()
    assert "Could not send the notification" in caplog.text
    assert "Could not send the receipt" in caplog.text
    assert "SMTPException" in caplog.text


def test_retry_command_sends_unsent_notifications(horsens, vejle, settings):
    settings.EMAIL_BACKEND = FAILING
    unsent = make_request(horsens)
    unsent_dks = make_request(vejle)

    assert send_notification(unsent) is False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    already = make_request(horsens)
    assert send_notification(already) is True
    # Only the notifications are missing here; the receipts have tests of their own below.
    ProjectRequest.objects.update(receipt_sent_at=timezone.now())
    mail.outbox.clear()

    call_command("send_unsent_request_notifications")

    assert sorted(m.to[0] for m in mail.outbox) == sorted([HORSENS_CONTACT, DKS_EMAIL])
    assert all(m.subject.startswith("Ny henvendelse") for m in mail.outbox)
    assert {m.subject.split()[2].rstrip(":") for m in mail.outbox} == {
        unsent.reference,
        unsent_dks.reference,
    }
    assert not ProjectRequest.objects.filter(notification_sent_at__isnull=True).exists()
    mail.outbox.clear()
    call_command("send_unsent_request_notifications")
    assert mail.outbox == []


def test_retry_command_with_the_server_still_down_exits_non_zero(horsens, settings):
    settings.EMAIL_BACKEND = FAILING
    request = make_request(horsens)
    with pytest.raises(SystemExit) as exit_info:
        call_command("send_unsent_request_notifications")
    assert exit_info.value.code == 1
    request.refresh_from_db()
    assert request.notification_sent_at is None
    assert request.receipt_sent_at is None


def test_receipt_sent_is_recorded(horsens):
    request = make_request(horsens)
    before = timezone.now()
    assert send_receipt(request) is True
    assert [m.to for m in mail.outbox] == [["bo@example.dk"]]
    assert request.receipt_sent_at is not None
    request.refresh_from_db()
    assert before <= request.receipt_sent_at <= timezone.now()


def retry():
    """Run the cron command; (exit status, stdout)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("send_unsent_request_notifications", stdout=out, stderr=err)
    except SystemExit as exit_info:
        return exit_info.code, out.getvalue()
    return 0, out.getvalue()


def test_smtp_down_at_submit_then_the_retry_sends_receipt_and_notification_once(
    client, horsens, settings
):
    settings.EMAIL_BACKEND = FAILING
    response = client.post(PAGE_URL, valid_data(horsens))
    request = ProjectRequest.objects.get()
    assert (request.receipt_sent_at, request.notification_sent_at) == (None, None)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert request.reference in page.content.decode()

    # Still down: nothing is marked, cron hears of it.
    status, output = retry()
    assert status == 1
    assert "Kvitteringer til afsendere: 0 sendt, 1 kunne stadig ikke sendes." in output
    request.refresh_from_db()
    assert (request.receipt_sent_at, request.notification_sent_at) == (None, None)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    status, output = retry()
    assert status == 0
    assert "Beskeder til kommunen: 1 sendt, 0 kunne stadig ikke sendes." in output
    assert "Kvitteringer til afsendere: 1 sendt, 0 kunne stadig ikke sendes." in output
    assert f"Kvittering sendt: {request.reference}" in output
    notifications = [m for m in mail.outbox if m.subject.startswith("Ny henvendelse")]
    receipts = [m for m in mail.outbox if m.subject.startswith("Kvittering")]
    assert len(mail.outbox) == 2
    assert [m.to for m in notifications] == [[HORSENS_CONTACT]]
    assert [m.to for m in receipts] == [["anna@example.dk"]]
    assert request.reference in receipts[0].subject
    assert request.reference in receipts[0].body
    request.refresh_from_db()
    assert request.receipt_sent_at is not None
    assert request.notification_sent_at is not None

    mail.outbox.clear()
    status, output = retry()
    assert status == 0
    assert mail.outbox == []
    assert "Kvitteringer til afsendere: 0 sendt, 0 kunne stadig ikke sendes." in output


def unsent_receipt_request(municipality, age):
    """A request whose notification went out and whose receipt did not, made `age` ago."""
    request = make_request(municipality)
    ProjectRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - age, notification_sent_at=timezone.now()
    )
    return request


def test_no_receipt_later_than_the_bound(horsens, settings):
    assert settings.PROJECT_REQUEST_RECEIPT_RETRY_DAYS == 7
    too_old = unsent_receipt_request(horsens, timedelta(days=8))
    recent = unsent_receipt_request(horsens, timedelta(days=6))

    status, _output = retry()

    # A receipt past the bound is not a failure: cron stays quiet about it.
    assert status == 0
    assert [m.subject for m in mail.outbox] == [
        f"Kvittering: henvendelse {recent.reference} om Trygheds- og Indbrudsprojektet"
    ]
    too_old.refresh_from_db()
    assert too_old.receipt_sent_at is None
    assert too_old.receipt_status() == "ikke afsendt"


def test_the_bound_is_a_setting(horsens, settings):
    settings.PROJECT_REQUEST_RECEIPT_RETRY_DAYS = 10
    request = unsent_receipt_request(horsens, timedelta(days=8))
    assert retry()[0] == 0
    assert [m.to for m in mail.outbox] == [["bo@example.dk"]]
    request.refresh_from_db()
    assert request.receipt_sent_at is not None


def test_no_receipt_for_an_anonymised_request(horsens, settings):
    settings.EMAIL_BACKEND = FAILING
    request = make_request(horsens)
    assert send_receipt(request) is False
    call_command("personal_data", "bo@example.dk", "--delete", stdout=StringIO())
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    status, output = retry()

    assert status == 0
    assert mail.outbox == []
    assert "Kvitteringer til afsendere: 0 sendt, 0 kunne stadig ikke sendes." in output
    request.refresh_from_db()
    assert request.email == ""
    assert request.receipt_sent_at is None
    assert request.notification_sent_at is None
    # Called directly all the same (the form is its only other caller): nothing to send to.
    assert send_receipt(request) is False
    assert mail.outbox == []


def test_a_failing_receipt_alone_makes_the_retry_exit_non_zero(horsens, settings):
    settings.EMAIL_BACKEND = FAILING
    request = unsent_receipt_request(horsens, timedelta(hours=1))
    status, output = retry()
    assert status == 1
    assert "Beskeder til kommunen: 0 sendt, 0 kunne stadig ikke sendes." in output
    assert "Kvitteringer til afsendere: 0 sendt, 1 kunne stadig ikke sendes." in output
    request.refresh_from_db()
    assert request.receipt_sent_at is None
