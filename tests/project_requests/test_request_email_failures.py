"""An e-mail that can never be sent (a header Django refuses, a permanent refusal by the mail
server) is marked failed for staff to see and is not retried for ever; subjects never carry a
line break from a stored value."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

from project_requests.models import ProjectRequest
from project_requests.services import send_notification

from .conftest import make_request

pytestmark = pytest.mark.django_db

REFUSING = "tests.project_requests.failing_backend.RefusingEmailBackend"


def retry(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("send_unsent_request_notifications", *args, stdout=out, stderr=err)
    except SystemExit as exit_info:
        return exit_info.code, out.getvalue()
    return 0, out.getvalue()


def stored_unsent(horsens, **fields):
    request = make_request(horsens)
    ProjectRequest.objects.filter(pk=request.pk).update(**fields)
    request.refresh_from_db()
    return request


def test_a_line_break_stored_in_the_name_still_gives_a_one_line_subject(horsens):
    request = stored_unsent(horsens, association_name="GF Sol\r\nBcc: spam@example.org")
    assert send_notification(request) is True
    (notification,) = mail.outbox
    expected = f"Ny henvendelse {request.reference}: GF Sol Bcc: spam@example.org (Horsens)"
    assert notification.subject == expected
    assert "Bcc" not in str(notification.message()["Bcc"] or "")


def test_a_header_django_refuses_is_marked_failed_and_skipped(horsens, caplog):
    # A reply-to address with a line break: Django raises BadHeaderError building the message.
    request = stored_unsent(horsens, email="bo@example.dk\nBcc: spam@example.org")
    status, output = retry()
    assert status == 0
    request.refresh_from_db()
    assert request.notification_failed_at is not None
    assert request.notification_sent_at is None
    assert request.notification_status() == "kunne ikke sendes (forsøges ikke igen)"
    assert "can never be sent" in caplog.text
    assert "Beskeder til kommunen: 1 kan aldrig sendes og er markeret som fejlet" in output

    mail.outbox.clear()
    status, output = retry()
    assert status == 0
    assert f"Besked sprunget over (markeret som fejlet): {request.reference}" in output
    assert "Beskeder til kommunen: 0 sendt, 0 kunne stadig ikke sendes." in output


def test_a_permanent_smtp_refusal_is_marked_failed_and_retry_failed_tries_again(horsens, settings):
    settings.EMAIL_BACKEND = REFUSING
    request = make_request(horsens)
    assert retry()[0] == 0
    request.refresh_from_db()
    assert request.notification_failed_at is not None
    assert request.receipt_failed_at is not None
    assert request.receipt_status() == "kunne ikke sendes (forsøges ikke igen)"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert retry()[0] == 0
    assert mail.outbox == []
    status, output = retry("--retry-failed")
    assert status == 0
    assert len(mail.outbox) == 2
    request.refresh_from_db()
    assert request.notification_sent_at is not None and request.receipt_sent_at is not None


def test_the_failure_shows_in_the_admin_listing_and_on_the_request(client, horsens):
    request = stored_unsent(horsens, email="bo@example.dk\nBcc: x@example.org")
    retry()
    client.force_login(User.objects.create_superuser("admin", "admin@example.dk", "pw"))
    listing = client.get("/admin/henvendelser/").content.decode()
    assert "kunne ikke sendes (forsøges ikke igen)" in listing
    edit = client.get(f"/admin/henvendelser/edit/{request.pk}/").content.decode()
    assert "kunne ikke sendes (forsøges ikke igen)" in edit
