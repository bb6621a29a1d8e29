"""Create (or reset) the development admin user and print its credentials. Refuses to run
unless DEBUG is on, so production never gets a known password."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Opret udviklingsbrugeren til administrationen (kun når DEBUG er slået til)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Udviklingsbrugeren oprettes kun med DEBUG slået til (dev-indstillinger)."
            )
        username = os.environ.get("DEV_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEV_ADMIN_PASSWORD", "kredsraad-udvikling")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": "admin@kredsraad.localhost"}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Udviklingsbruger {'oprettet' if created else 'opdateret'}: "
                f"http://127.0.0.1:8000/admin/  brugernavn: {username}  adgangskode: {password}"
            )
        )
