"""Create the editorial groups, their page and collection permissions and the two workflows,
and remove Wagtail's default groups while they are empty. Safe to run again: it only adds what
is missing."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.roles import setup_editorial


class Command(BaseCommand):
    help = "Opret redaktionens grupper, rettigheder og arbejdsgange (kan køres flere gange)."

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                report = setup_editorial()
        except LookupError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            for line in report.created:
                self.stdout.write(f"  {line}")
        for line in report.removed:
            self.stdout.write(f"Fjernet: {line}")
        for line in report.warnings:
            self.stdout.write(self.style.WARNING(f"Advarsel: {line}"))
        self.stdout.write(
            self.style.SUCCESS(f"Redaktionen er sat op: {len(report.created)} ting tilføjet.")
        )
