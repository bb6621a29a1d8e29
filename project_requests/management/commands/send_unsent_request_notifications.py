"""Retry the e-mails that could not be sent when a request arrived (run from cron, e.g. every
15 minutes): the notification to the municipality (notification_sent_at NULL) and the receipt
to the sender (receipt_sent_at NULL). Receipts only within PROJECT_REQUEST_RECEIPT_RETRY_DAYS
of the request, and never for an anonymised request: there is no address left to send to.

Each e-mail is marked sent as it goes out, so a second run sends nothing again. An e-mail that
can never be sent (a permanent mail-server refusal, a header Django refuses) is marked failed,
shown as such in the admin and skipped by later runs, which list it; --retry-failed tries those
again (after the cause is fixed). The exit status is 1 only when an e-mail failed for a reason
that may pass (the mail server down), so cron reports what a retry can still mend."""

from django.core.management.base import BaseCommand

from project_requests.services import (
    failed_notifications,
    failed_receipts,
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

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Prøv også de e-mails igen, der er markeret som umulige at sende.",
        )

    def handle(self, *args, retry_failed=False, **options):
        if retry_failed:
            failed_notifications().update(notification_failed_at=None)
            failed_receipts().update(receipt_failed_at=None)
        retry_later = 0
        for label, summary, requests, send, failed, failed_field in (
            (
                "Besked",
                "Beskeder til kommunen",
                unsent_notifications(),
                send_notification,
                failed_notifications(),
                "notification_failed_at",
            ),
            (
                "Kvittering",
                "Kvitteringer til afsendere",
                unsent_receipts(),
                send_receipt,
                failed_receipts(),
                "receipt_failed_at",
            ),
        ):
            skipped = list(failed.values_list("reference", flat=True))
            sent = not_sent = gave_up = 0
            for project_request in requests:
                if send(project_request):
                    sent += 1
                    self.stdout.write(f"{label} sendt: {project_request.reference}")
                elif getattr(project_request, failed_field) is not None:
                    gave_up += 1
                    self.stderr.write(
                        f"{label} kan ikke sendes og er markeret som fejlet: "
                        f"{project_request.reference}"
                    )
                else:
                    not_sent += 1
                    self.stderr.write(f"{label} ikke sendt: {project_request.reference}")
            for reference in skipped:
                self.stdout.write(f"{label} sprunget over (markeret som fejlet): {reference}")
            self.stdout.write(f"{summary}: {sent} sendt, {not_sent} kunne stadig ikke sendes.")
            if gave_up or skipped:
                self.stdout.write(
                    f"{summary}: {gave_up + len(skipped)} kan aldrig sendes og er markeret som "
                    "fejlet (se henvendelsen i administrationen)."
                )
            retry_later += not_sent
        if retry_later:
            # A non-zero exit status makes cron report the failure.
            raise SystemExit(1)
