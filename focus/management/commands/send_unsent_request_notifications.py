"""Retry the notifications that could not be sent when a request arrived (run from cron,
e.g. every 15 minutes). Requests whose notification_sent_at is NULL are tried again."""

from django.core.management.base import BaseCommand

from focus.models import ProjectRequest
from focus.project_requests import send_notification


class Command(BaseCommand):
    help = "Send de beskeder om henvendelser, der ikke blev sendt (til cron)."

    def handle(self, *args, **options):
        unsent = (
            ProjectRequest.objects.filter(notification_sent_at__isnull=True, anonymised_at=None)
            .select_related("municipality")
            .order_by("created_at", "pk")
        )
        sent = failed = 0
        for project_request in unsent:
            if send_notification(project_request):
                sent += 1
                self.stdout.write(f"Sendt: {project_request.reference}")
            else:
                failed += 1
                self.stderr.write(f"Ikke sendt: {project_request.reference}")
        self.stdout.write(f"{sent} sendt, {failed} kunne stadig ikke sendes.")
        if failed:
            # A non-zero exit status makes cron report the failure.
            raise SystemExit(1)
