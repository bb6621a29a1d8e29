"""Build the whole site from the approved plan's text. Safe to run again: it only adds what is
missing, in one transaction, and ends with update_index."""

from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from plans.plan_text import PlanSourceError, read_plan
from project_requests.management.commands.setup_request_groups import setup_request_groups
from sitebuilder.builder import SiteBuilder


class Command(BaseCommand):
    help = "Byg hjemmesiden ud fra samarbejdsplanens tekst (kan køres flere gange)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--plan",
            default=str(settings.PLAN_SOURCE_FILE),
            help="Planens tekstfil (standard: %(default)s).",
        )
        parser.add_argument(
            "--skip-index", action="store_true", help="Spring update_index over til sidst."
        )

    def handle(self, *args, **options):
        self.stdout.write(f"Læser planen: {options['plan']}")
        try:
            plan = read_plan(options["plan"])
        except PlanSourceError as error:
            raise CommandError(f"Planen kan ikke bruges, intet er skrevet: {error}") from error
        # The site is published straight from this file: a plan whose body lacks sections of
        # its own contents is incomplete, not a draft to look at (import_plan makes drafts).
        if plan.missing_sections:
            raise CommandError(
                "Planen kan ikke bruges, intet er skrevet: afsnit fra indholdsfortegnelsen "
                f"mangler i teksten: {', '.join(plan.missing_sections)}"
            )
        self.stdout.write(
            f"Samarbejdsplan {plan.year}: {len(plan.sections)} afsnit, {len(plan.parts)} dele."
        )
        progress = Progress(self.stdout, "Sider")
        builder = SiteBuilder(plan, report=self.stdout.write, page_done=progress.step)
        with transaction.atomic():
            builder.build()
            progress.done()
            groups = []
            setup_request_groups(report=groups.append)
            self.stdout.write(f"Grupper til henvendelser: {len(groups)} kontrolleret.")
            # The editorial roles and workflows need the pages they are granted on; inside the
            # transaction so that a failure leaves neither pages nor half the roles behind.
            # Their details stay in setup_editorial's own output (run it alone to see them).
            call_command("setup_editorial", stdout=StringIO())
            self.stdout.write("Redaktionelle roller og arbejdsgange er sat op.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Færdig: {builder.created} sider oprettet, {builder.existing} fandtes allerede."
            )
        )
        if not options["skip_index"]:
            self.stdout.write("Søgeindeks: opdateres …")
            index_output = StringIO()
            call_command("update_index", stdout=index_output)
            indexed = sum(1 for line in index_output.getvalue().splitlines() if line.strip())
            self.stdout.write(f"Søgeindeks: opdateret ({indexed} trin).")


class Progress:
    """One line that counts up in place on a terminal ("Sider: 57"); elsewhere (a log, a
    pipe) only the final count is written, as one line."""

    def __init__(self, stdout, label):
        self.stdout = stdout
        self.label = label
        self.count = 0
        self.interactive = stdout.isatty()

    def step(self, _item=None):
        self.count += 1
        if self.interactive:
            self.stdout.write(f"\r{self.label}: {self.count}", ending="")
            self.stdout.flush()

    def done(self):
        prefix = "\r" if self.interactive else ""
        self.stdout.write(f"{prefix}{self.label}: {self.count} klar.")
