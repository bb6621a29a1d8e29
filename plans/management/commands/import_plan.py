"""Import a plan file (.txt, .pdf, .docx) as the year's draft Samarbejdsplan."""

from django.core.management.base import BaseCommand, CommandError

from plans.importing import import_plan
from plans.plan_files import read_plan_file
from plans.plan_text import PlanSourceError


class Command(BaseCommand):
    help = (
        "Læs en samarbejdsplan (PDF, Word eller tekst) og opret eller opdatér årets plan som "
        "kladde. Samme fil igen ændrer intet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Planens fil: .pdf, .docx eller .txt.")
        parser.add_argument(
            "--year", type=int, help="Planens år, hvis det ikke er det, forsiden nævner."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis kun, hvad der blev læst; gem intet."
        )

    def handle(self, *args, **options):
        try:
            plan = read_plan_file(options["file"], year=options["year"])
        except PlanSourceError as error:
            raise CommandError(f"Planen kan ikke læses, intet er gemt: {error}") from error
        verbose = options["verbosity"] > 1 or options["dry_run"]
        if verbose:
            self.stdout.write(
                f"Samarbejdsplan {plan.year}: {len(plan.sections)} afsnit, "
                f"{len(plan.toc_entries)} i indholdsfortegnelsen."
            )
            for row in plan.toc_report:
                self.stdout.write(
                    f"  {row['number']:<8} {row['body_title'] or row['toc_title']}"
                    f" – {row['status']}"
                )
        # Problems are always shown: they are what an editor must look at in the draft.
        for problem in plan.problems:
            self.stderr.write(f"Advarsel, {problem}")
        if options["dry_run"]:
            return
        try:
            result = import_plan(plan)
        except PlanSourceError as error:
            raise CommandError(f"Planen kan ikke gemmes, intet er gemt: {error}") from error
        if verbose or result.changed:
            self.stdout.write(result.message)
