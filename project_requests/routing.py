"""Who receives a municipality's requests, and which live municipalities have nobody.

A request is sent to its municipality's prevention contact, else to the prevention (DKS)
address in the contact settings; with neither, it is stored and nobody hears of it. The system
check below makes that a deploy error, and unrouted_municipalities() is the query for an admin
panel that lists them.
"""

from django.core import checks
from django.db import DatabaseError
from wagtail.models import Site

from home.models import ContactSettings
from municipalities.models import MunicipalityPage


def fallback_recipient():
    """The contact settings' prevention e-mail of the default site ("" when none)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return ContactSettings.for_site(site).prevention_email


def unrouted_municipalities():
    """The live municipality pages whose requests would reach nobody."""
    if fallback_recipient():
        return MunicipalityPage.objects.none()
    return MunicipalityPage.objects.live().filter(prevention_contact_email="").order_by("name")


@checks.register(checks.Tags.database, deploy=True)
def check_request_recipients(app_configs=None, databases=None, **kwargs):
    """Only with `check --deploy --database default`: it reads the pages."""
    if not databases or "default" not in databases:
        return []
    try:
        names = list(unrouted_municipalities().values_list("name", flat=True))
    except DatabaseError:
        # Not migrated yet: there is nothing to route, and migrate reports the database.
        return []
    if not names:
        return []
    return [
        checks.Error(
            "Henvendelser fra "
            + ", ".join(names)
            + " når ingen: kommunesiden har ingen e-mail til forebyggelseskontakt, og "
            "kontaktoplysningerne har ingen e-mail til forebyggelse (DKS).",
            hint="Udfyld e-mail til forebyggelseskontakt på kommunesiden eller e-mail til "
            "forebyggelse (DKS) under Indstillinger > Kontaktoplysninger.",
            id="project_requests.E001",
        )
    ]
