"""Answer a data subject's request: export (--export, JSON on stdout) or erase (--delete) the
personal data held about an e-mail address in requests for the Trygheds- og Indbrudsprojekt.

--delete blanks the personal fields (as anonymise_closed_requests does); what remains
(municipality, dates, status, parts wanted) no longer identifies anyone.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from project_requests.models import ProjectRequest

# Technical fields that say nothing about the person: the row id and the one-time form token.
NOT_EXPORTED = {"id", "submission_token"}


def export_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_request(project_request):
    """Every stored field of the request (internal notes and e-mail times included), the
    municipality by name, the parts wanted and the status history without the staff's names."""
    data = {}
    for field in project_request._meta.concrete_fields:
        if field.name in NOT_EXPORTED or field.is_relation:
            continue
        data[field.name] = export_value(getattr(project_request, field.attname))
    data["municipality"] = project_request.municipality.name
    data["parts"] = [str(part.label) for part in project_request.parts]
    data["status_changes"] = [
        {
            "old_status": change.old_status,
            "new_status": change.new_status,
            "changed_at": change.changed_at.isoformat(),
        }
        for change in project_request.status_changes.all()
    ]
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
            requests = requests.prefetch_related("status_changes")
            data = {"email": email, "requests": [export_request(r) for r in requests]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        with transaction.atomic():
            count = 0
            for project_request in requests.select_for_update(of=("self",)):
                project_request.anonymise()
                count += 1
        self.stdout.write(f"Personoplysninger slettet i {count} henvendelser.")
