"""The database connection lost after a request was committed (a PostgreSQL restart at the
wrong moment; found by tests/system/load/test_load_postgres_restart.py): the request is stored,
so the sender must get the receipt, not the error page."""

import logging

import pytest
from django.conf import settings
from django.db import connection

from project_requests.models import ProjectRequest

from .conftest import PAGE_URL, valid_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="needs PostgreSQL (set DATABASE_URL): the test terminates the server connection",
    ),
]


@pytest.fixture
def reconnect_after(committed_site_tree):
    yield
    # The terminated connection, also when the test failed before closing it; the flush after
    # the test then reconnects.
    connection.close()


@pytest.mark.parametrize(
    ("backend", "log_texts", "receipt_recorded"),
    [
        # The receipt went out, the connection went with it: neither e-mail is recorded.
        (
            "DropOnReceipt",
            ["The receipt for TIP-", "sent but could not be recorded", "Could not send the notif"],
            False,
        ),
        (
            "DropOnNotification",
            ["The notification for TIP-", "sent but could not be recorded"],
            True,
        ),
    ],
)
def test_connection_lost_during_the_emails_still_shows_the_receipt(
    committed_site_tree,
    reconnect_after,
    client,
    settings,
    caplog,
    backend,
    log_texts,
    receipt_recorded,
):
    settings.EMAIL_BACKEND = f"tests.project_requests.dropping_backend.{backend}"
    with caplog.at_level(logging.ERROR, logger="project_requests.services"):
        response = client.post(PAGE_URL, valid_data(committed_site_tree["horsens"]))
    assert response.status_code == 302
    assert "?kvittering=TIP-" in response["Location"]
    connection.close()  # the terminated one; the next query reconnects
    request = ProjectRequest.objects.get()
    assert request.reference in response["Location"]
    # Not recorded as sent: the cron job will try again.
    assert request.notification_sent_at is None
    assert (request.receipt_sent_at is not None) is receipt_recorded
    for text in log_texts:
        assert text in caplog.text
