"""The plans in the admin: the menu item to import next year's plan, its views, and the
"compare with the plan in force" button on a plan's editor for its reviewers."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from plans import views
from plans.models import PlanPage


class PlanImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.user_can_import(request.user)


@hooks.register("register_admin_urls")
def register_plan_urls():
    return [
        path("samarbejdsplan/importer/", views.upload, name="plans_import"),
        path("samarbejdsplan/<int:page_id>/sammenlign/", views.compare, name="plans_compare"),
    ]


@hooks.register("register_admin_menu_item")
def register_plan_import_menu_item():
    return PlanImportMenuItem(
        "Importér samarbejdsplan",
        reverse("plans_import"),
        name="importer-samarbejdsplan",
        icon_name="upload",
        order=250,
    )


@hooks.register("register_page_header_buttons")
def plan_compare_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, PlanPage) and views.user_can_review(page, user):
        yield Button(
            "Sammenlign med gældende plan",
            reverse("plans_compare", args=[page.pk]),
            icon_name="doc-full",
            priority=80,
        )
