"""The municipalities' part of a plan's page: which of them have published their action plan
for the plan's year (plan section 6.1: each Lokalråd's samordnede handlingsplan)."""

from django.utils.functional import SimpleLazyObject
from wagtail import hooks

from municipalities.models import action_plan_overview


@hooks.register("plan_page_extras")
def action_plans_for_plan_year(plan_page):
    return {
        "template": "municipalities/includes/action_plan_overview.html",
        "year": plan_page.year,
        # Read only when the plan page's cached fragment is rendered.
        "rows": SimpleLazyObject(lambda: action_plan_overview(plan_page.year)),
    }
