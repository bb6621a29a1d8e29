"""Admin extensions for the editorial work: the review report and the content checks."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial.autosave import answer_publish_crossing_autosave
from editorial.dashboard import (
    EDITORIAL_GROUPS,
    PLAN_GROUPS,
    EditorialPanel,
    PlanApprovalPanel,
    user_in_any_group,
)
from editorial.views import ReviewDueReportView

hooks.register("before_create_page", answer_publish_crossing_autosave)


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/sider-til-gennemgang/",
            ReviewDueReportView.as_view(),
            name="editorial_review_due",
        ),
        path(
            "reports/sider-til-gennemgang/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewDueMenuItem(
        "Sider til gennemgang",
        reverse("editorial_review_due"),
        name="sider-til-gennemgang",
        icon_name="time",
        order=750,
    )


class DanishContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker (axe, in the userbar and the editor's preview panel), with the
    checks Danish editors need and the messages in Danish.

    Added to Wagtail's rules: "image-alt" (every image has an alt attribute; Wagtail's own
    "alt-text-quality" then rejects file names as alt text). Readability (LIX-like word and
    sentence counts) comes from Wagtail's content metrics in the same preview panel.
    """

    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "document-title",
        "html-has-lang",
        "link-text-specific",
    ]
    # "klik her": axe has no rule for vague link text, so the check's test is registered in
    # JavaScript (editorial/js/content-checks.js, through the userbar's registerCheck).
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "link-text-specific",
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": ["check-link-text-specific"],
            "enabled": True,
        },
    ]
    axe_custom_checks = [*ContentCheckerItem.axe_custom_checks, {"id": "check-link-text-specific"}]

    class Media:
        js = ["editorial/js/content-checks.js"]

    # The editor's checks panel configures axe in the admin page, where the JavaScript test of
    # "link-text-specific" is not registered: there the rule is left out, so the panel never
    # meets a check without a test. The userbar on the page (and in the preview) runs it.
    def get_axe_run_only(self, request):
        rules = super().get_axe_run_only(request)
        return [rule for rule in rules if rule != "link-text-specific"] if self.in_editor else rules

    def get_axe_custom_rules(self, request):
        rules = super().get_axe_custom_rules(request)
        if self.in_editor:
            return [rule for rule in rules if rule["id"] != "link-text-specific"]
        return rules

    def get_axe_custom_checks(self, request):
        checks = super().get_axe_custom_checks(request)
        if self.in_editor:
            return [check for check in checks if check["id"] != "check-link-text-specific"]
        return checks

    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "button-name": {
            "error_name": "Knappen har ingen tekst",
            "help_text": "Skriv en tekst, som skærmlæserbrugere kan forstå",
        },
        "empty-heading": {
            "error_name": "Tom overskrift",
            "help_text": "Skriv en overskrift, der siger, hvad afsnittet handler om",
        },
        "empty-table-header": {
            "error_name": "Tabellens overskrift er tom",
            "help_text": "Giv kolonnen en overskrift",
        },
        "frame-title": {
            "error_name": "Indlejret indhold uden titel",
            "help_text": "Giv det indlejrede indhold en sigende titel",
        },
        "heading-order": {
            "error_name": "Overskrifterne springer et niveau over",
            "help_text": "Brug overskrifterne i rækkefølge: H2, så H3, så H4",
        },
        "input-button-name": {
            "error_name": "Knappen har ingen tekst",
            "help_text": "Skriv en tekst, som skærmlæserbrugere kan forstå",
        },
        "link-name": {
            "error_name": "Linket har ingen tekst",
            "help_text": 'Skriv, hvor linket fører hen – ikke "klik her" eller "læs mere"',
        },
        "p-as-heading": {
            "error_name": "Fed tekst brugt som overskrift",
            "help_text": "Brug en rigtig overskrift i stedet for fed tekst",
        },
        "alt-text-quality": {
            "error_name": "Billedets alternative tekst er et filnavn",
            "help_text": "Beskriv, hvad billedet viser",
        },
        "image-alt": {
            "error_name": "Billedet mangler alternativ tekst",
            "help_text": "Beskriv, hvad billedet viser, så skærmlæserbrugere får det med",
        },
        "empty-meta-description": {
            "error_name": "Siden mangler et resumé",
            "help_text": "Skriv et kort resumé: det vises i søgeresultater og delinger",
        },
        "document-title": {
            "error_name": "Siden mangler en titel",
            "help_text": "Giv siden en titel",
        },
        "link-text-specific": {
            "error_name": 'Linkteksten siger ikke, hvor linket fører hen ("klik her")',
            "help_text": 'Skriv fx "Læs samarbejdsplanen" i stedet for "klik her" eller "læs mere"',
        },
        "html-has-lang": {
            "error_name": "Sidens sprog er ikke angivet",
            "help_text": 'Sæt lang="da" på siden',
        },
    }


@hooks.register("construct_wagtail_userbar")
def use_danish_content_checker(request, items, page):
    # Both the userbar and the editor's checks panel (in_editor=True) build their axe
    # configuration through this hook.
    items[:] = [
        DanishContentCheckerItem(in_editor=getattr(item, "in_editor", False))
        if isinstance(item, ContentCheckerItem) and not isinstance(item, DanishContentCheckerItem)
        else item
        for item in items
    ]


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    if user_in_any_group(request.user, EDITORIAL_GROUPS):
        panels.append(EditorialPanel())
    if user_in_any_group(request.user, PLAN_GROUPS):
        panels.append(PlanApprovalPanel())
