"""Create the admin groups for requests (idempotent; setup_site runs it too).

- "Forebyggelse" sees and handles the requests from every municipality.
- "Forebyggelseskontakt <kommune>" (one per municipality) sees only its municipality's requests.
Communications editors get no permission on requests, so they see none.
"""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction

from municipalities.models import MunicipalityPage
from project_requests.models import MunicipalityPreventionGroup

ALL_MUNICIPALITIES_GROUP = "Forebyggelse"
MUNICIPALITY_GROUP_PREFIX = "Forebyggelseskontakt"
HANDLING = ["view_projectrequest", "change_projectrequest"]


def permissions(*codenames):
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(codename__in=codenames)
    }
    wanted = []
    for codename in codenames:
        app = "wagtailadmin" if codename == "access_admin" else "project_requests"
        wanted.append(found[(app, codename)])
    return wanted


def setup_request_groups(report=print):
    with transaction.atomic():
        everything, created = Group.objects.get_or_create(name=ALL_MUNICIPALITIES_GROUP)
        everything.permissions.add(
            *permissions("access_admin", *HANDLING, "view_all_projectrequests")
        )
        report(f"{'Oprettet' if created else 'Findes allerede'}: gruppen {everything.name}")
        contact_permissions = permissions("access_admin", *HANDLING)
        for municipality in MunicipalityPage.objects.order_by("name"):
            mapping = MunicipalityPreventionGroup.objects.filter(municipality=municipality).first()
            if mapping is None:
                group, created = Group.objects.get_or_create(
                    name=f"{MUNICIPALITY_GROUP_PREFIX} {municipality.name}"
                )
                MunicipalityPreventionGroup.objects.get_or_create(
                    group=group, defaults={"municipality": municipality}
                )
            else:
                group, created = mapping.group, False
            group.permissions.add(*contact_permissions)
            report(f"{'Oprettet' if created else 'Findes allerede'}: gruppen {group.name}")


class Command(BaseCommand):
    help = "Opret grupperne for behandling af henvendelser (kan køres flere gange)."

    def handle(self, *args, **options):
        setup_request_groups(report=self.stdout.write)
