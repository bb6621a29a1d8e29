"""Answer a data subject's request: export (--export, JSON on stdout) or erase (--delete) the
personal data held about an e-mail address in requests for the Trygheds- og Indbrudsprojekt.

--delete blanks the personal fields (as anonymise_closed_requests does); what remains
(municipality, dates, status, parts wanted) no longer identifies anyone.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from project_requests.models import ProjectRequest

EXPORTED_FIELDS = [
    "reference",
    "association_name",
    "contact_name",
    "email",
    "phone",
    "area",
    "postcode",
    "town",
    "households",
    "preferred_period",
    "message",
    "consent",
    "status",
]


def export_request(project_request):
    data = {name: getattr(project_request, name) for name in EXPORTED_FIELDS}
    data["municipality"] = project_request.municipality.name
    data["parts"] = [str(part.label) for part in project_request.parts]
    data["created_at"] = project_request.created_at.isoformat()
    return data


class Command(BaseCommand):
    help = "Udlevér (--export) eller slet (--delete) personoplysninger for en e-mailadresse."

    def add_arguments(self, parser):
        parser.add_argument("email")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", action="store_true", help="Skriv oplysningerne som JSON.")
        action.add_argument("--delete", action="store_true", help="Slet oplysningerne.")

    def handle(self, *args, email, export, delete, **options):
        email = email.strip()
        if not email:
            raise CommandError("Angiv en e-mailadresse.")
        requests = ProjectRequest.objects.filter(email__iexact=email).select_related("municipality")
        if export:
            data = {"email": email, "requests": [export_request(r) for r in requests]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        with transaction.atomic():
            count = 0
            for project_request in requests.select_for_update(of=("self",)):
                project_request.anonymise()
                count += 1
        self.stdout.write(f"Personoplysninger slettet i {count} henvendelser.")
