import logging

import pytest
from django.core import mail
from django.core.management import call_command

from focus.models import ProjectRequest

from .conftest import DKS_EMAIL, HORSENS_CONTACT, PAGE_URL, make_request, valid_data

pytestmark = pytest.mark.django_db

FAILING = "tests.focus_requests.failing_backend.FailingEmailBackend"


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
    assert "No recipient" in caplog.text


def test_failing_mail_server_keeps_the_request_and_shows_the_receipt(
    client, horsens, settings, caplog
):
    settings.EMAIL_BACKEND = FAILING
    with caplog.at_level(logging.ERROR, logger="focus.project_requests"):
        response = client.post(PAGE_URL, valid_data(horsens))
    assert response.status_code == 302
    request = ProjectRequest.objects.get()
    assert request.notification_sent_at is None
    assert request.notification_status() == "ikke afsendt"
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert request.reference in receipt.content.decode()
    assert "Could not send the notification" in caplog.text
    assert "SMTPException" in caplog.text


def test_retry_command_sends_unsent_notifications(horsens, vejle, settings):
    settings.EMAIL_BACKEND = FAILING
    unsent = make_request(horsens)
    unsent_dks = make_request(vejle)
    from focus.project_requests import send_notification

    assert send_notification(unsent) is False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    already = make_request(horsens)
    assert send_notification(already) is True
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
