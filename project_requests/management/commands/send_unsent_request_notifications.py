"""Retry the e-mails that could not be sent when a request arrived (run from cron, e.g. every
15 minutes): the notification to the municipality (notification_sent_at NULL) and the receipt
to the sender (receipt_sent_at NULL). Receipts only within PROJECT_REQUEST_RECEIPT_RETRY_DAYS
of the request, and never for an anonymised request: there is no address left to send to.

Each e-mail is marked sent as it goes out, so a second run sends nothing again. The exit status
is 1 when any e-mail of either kind still could not be sent, so cron reports it."""

from django.core.management.base import BaseCommand

from project_requests.services import (
    send_notification,
    send_receipt,
    unsent_notifications,
    unsent_receipts,
)


class Command(BaseCommand):
    help = (
        "Send de beskeder til kommunen og de kvitteringer til afsenderen, der ikke blev sendt, "
        "da henvendelsen kom (til cron). Kvitteringer kun for henvendelser fra de seneste "
        "PROJECT_REQUEST_RECEIPT_RETRY_DAYS dage (standard: 7)."
    )

    def handle(self, *args, **options):
        failed = 0
        for label, summary, requests, send in (
            ("Besked", "Beskeder til kommunen", unsent_notifications(), send_notification),
            ("Kvittering", "Kvitteringer til afsendere", unsent_receipts(), send_receipt),
        ):
            sent = not_sent = 0
            for project_request in requests:
                if send(project_request):
                    sent += 1
                    self.stdout.write(f"{label} sendt: {project_request.reference}")
                else:
                    not_sent += 1
                    self.stderr.write(f"{label} ikke sendt: {project_request.reference}")
            self.stdout.write(f"{summary}: {sent} sendt, {not_sent} kunne stadig ikke sendes.")
            failed += not_sent
        if failed:
            # A non-zero exit status makes cron report the failure.
            raise SystemExit(1)
