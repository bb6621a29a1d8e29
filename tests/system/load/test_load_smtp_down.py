"""SMTP down under load: every request is kept and gets its receipt page, the
notifications and the receipt e-mails are recorded as unsent, and the retry command delivers
both, each once, when a real SMTP server answers again.
"""

import email
import email.policy
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiosmtpd.controller import Controller

from tests.system.load import stack

pytestmark = pytest.mark.load

SUBMISSIONS = 50


class Inbox:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, str(message["Subject"])))
        return "250 OK"


def retry(env):
    return stack.manage(env, "send_unsent_request_notifications", check=False)


def test_smtp_down_keeps_every_request_and_the_retry_delivers(launch, site_database):
    # Nothing listens on this port until the SMTP server is started on it below.
    smtp_port = stack.free_port()
    server = launch(
        PROJECT_REQUEST_RATE_LIMIT=SUBMISSIONS * 2,
        EMAIL_HOST=stack.HOST,
        EMAIL_PORT=smtp_port,
        EMAIL_USE_TLS=0,
        EMAIL_TIMEOUT=5,
        LOG_LEVEL="ERROR",
    )
    names = [f"Grundejerforeningen Postnedbrud {number:02d}" for number in range(SUBMISSIONS)]
    with ThreadPoolExecutor(SUBMISSIONS) as pool:
        results = list(pool.map(lambda name: stack.submit(server.port, name), names))
    assert [r for r in results if not r.received] == [], server.log_tail()

    for result in results:
        receipt = stack.request("GET", server.port, result.location)
        assert receipt.status == 200
        assert "Henvendelsen er modtaget" in receipt.body
        assert f"<strong>{result.reference}</strong>" in receipt.body

    rows = stack.query(
        site_database,
        "SELECT reference, association_name, notification_sent_at, receipt_sent_at "
        "FROM project_requests_projectrequest",
    )
    assert sorted(name for _ref, name, *_sent in rows) == sorted(names)
    assert {ref for ref, _name, *_sent in rows} == {r.reference for r in results}
    assert all(sent == [None, None] for _ref, _name, *sent in rows)
    log = server.log_path.read_text()
    assert log.count("Could not send the notification") == SUBMISSIONS
    assert log.count("Could not send the receipt") == SUBMISSIONS

    # The cron job while the server is still down: nothing is marked sent, cron hears of it.
    still_down = retry(server.env)
    assert still_down.returncode == 1
    for kind in ("Beskeder til kommunen", "Kvitteringer til afsendere"):
        assert f"{kind}: 0 sendt, {SUBMISSIONS} kunne stadig ikke sendes." in still_down.stdout

    inbox = Inbox()
    smtp = Controller(inbox, hostname=stack.HOST, port=smtp_port)
    # aiosmtpd logs every SMTP command at INFO.
    smtp_log = logging.getLogger("mail.log")
    level = smtp_log.level
    smtp_log.setLevel(logging.WARNING)
    smtp.start()
    try:
        delivered = retry(server.env)
        assert delivered.returncode == 0, delivered.stderr
        for kind in ("Beskeder til kommunen", "Kvitteringer til afsendere"):
            assert f"{kind}: {SUBMISSIONS} sendt, 0 kunne stadig ikke sendes." in delivered.stdout
        # Counted at the SMTP server: one notification and one receipt per request.
        assert len(inbox.messages) == 2 * SUBMISSIONS
        references = sorted(r.reference for r in results)
        notifications = [m for m in inbox.messages if m[1].startswith("Ny henvendelse")]
        receipts = [m for m in inbox.messages if m[1].startswith("Kvittering")]
        assert all(recipients == [stack.DKS_EMAIL] for recipients, _subject in notifications)
        assert all(recipients == ["anna@example.dk"] for recipients, _subject in receipts)
        for sent in (notifications, receipts):
            # "Ny henvendelse TIP-…:" and "Kvittering: henvendelse TIP-… om …"
            assert sorted(subject.split()[2].rstrip(":") for _to, subject in sent) == references
        assert stack.query(
            site_database,
            "SELECT count(*) FROM project_requests_projectrequest "
            "WHERE notification_sent_at IS NULL OR receipt_sent_at IS NULL",
        ) == [(0,)]

        again = retry(server.env)
        assert again.returncode == 0
        for kind in ("Beskeder til kommunen", "Kvitteringer til afsendere"):
            assert f"{kind}: 0 sendt, 0 kunne stadig ikke sendes." in again.stdout
        assert len(inbox.messages) == 2 * SUBMISSIONS
    finally:
        smtp.stop()
        smtp_log.setLevel(level)
