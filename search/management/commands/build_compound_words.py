"""Write the Danish compound parts Elasticsearch's decompounder uses (search/compound_words.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.compound_words import compound_parts, render, source_texts


class Command(BaseCommand):
    help = (
        "Find de sammensatte ords dele i planerne (content/*.txt) og skriv dem til "
        "Elasticsearchs ordliste (search/data/compound_words_da.txt). Samme planer igen ændrer "
        "intet; --check skriver intet og fejler, hvis listen ikke er, hvad planerne giver."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Skriv intet; fejl, hvis den gemte liste ikke svarer til planerne.",
        )

    def handle(self, *args, **options):
        source_dir = settings.SEARCH_COMPOUND_SOURCE_DIR
        texts = source_texts(source_dir)
        if not texts:
            raise CommandError(f"Ingen planer (*.txt) i {source_dir}: listen er ikke ændret.")
        parts = compound_parts(
            texts,
            min_length=settings.SEARCH_COMPOUND_MIN_PART,
            max_length=settings.SEARCH_COMPOUND_MAX_PART,
        )
        path = settings.SEARCH_COMPOUND_WORDS_FILE
        wanted = render(parts)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == wanted:
            return
        if options["check"]:
            raise CommandError(
                f"{path} svarer ikke til planerne: kør manage.py build_compound_words."
            )
        path.write_text(wanted, encoding="utf-8")
        if options["verbosity"] > 1:
            self.stdout.write(f"{len(parts)} orddele skrevet til {path}.")
