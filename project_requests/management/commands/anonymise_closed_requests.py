"""Blank the personal data (ProjectRequest.ANONYMISED_FIELDS, the list the privacy page is
written from) of requests closed (gennemført or afvist) longer ago than the retention period,
and of requests nobody answered (still "modtaget") that long after they arrived. Municipality,
dates, status and the parts wanted stay for statistics. Run daily from cron."""

import calendar

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from project_requests.models import ProjectRequest


def months_before(moment, months):
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def requests_to_anonymise(months, now=None):
    cutoff = months_before(now or timezone.now(), months)
    closed = Q(status__in=ProjectRequest.CLOSED_STATUSES, closed_at__lte=cutoff)
    unanswered = Q(status=ProjectRequest.Status.RECEIVED, created_at__lte=cutoff)
    return ProjectRequest.objects.filter(closed | unanswered, anonymised_at__isnull=True)


class Command(BaseCommand):
    help = "Anonymisér afsluttede og ubesvarede henvendelser efter opbevaringsperioden."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=getattr(settings, "PROJECT_REQUEST_RETENTION_MONTHS", 24),
            help="Måneder efter afslutning eller modtagelse (standard: %(default)s, "
            "indstillingen PROJECT_REQUEST_RETENTION_MONTHS).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis kun, hvad der ville blive anonymiseret."
        )

    def handle(self, *args, **options):
        requests = requests_to_anonymise(options["months"])
        count = 0
        for project_request in requests:
            count += 1
            if not options["dry_run"]:
                project_request.anonymise()
            self.stdout.write(f"Anonymiseret: {project_request.reference}")
        verb = "ville blive" if options["dry_run"] else "blev"
        self.stdout.write(f"{count} henvendelser {verb} anonymiseret.")
