"""Build the whole site from the approved plan's text. Safe to run again: it only adds what is
missing, in one transaction, and ends with update_index."""

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
        builder = SiteBuilder(plan, report=self.stdout.write)
        with transaction.atomic():
            builder.build()
            setup_request_groups(report=self.stdout.write)
            # The editorial roles and workflows need the pages they are granted on; inside the
            # transaction so that a failure leaves neither pages nor half the roles behind.
            call_command("setup_editorial", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Færdig: {builder.created} sider oprettet, {builder.existing} fandtes allerede."
            )
        )
        if not options["skip_index"]:
            call_command("update_index", stdout=self.stdout)
