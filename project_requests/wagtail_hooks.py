"""The requests for the Trygheds- og Indbrudsprojekt in the Wagtail admin.

Who sees what: users with project_requests.view_all_projectrequests (the "Forebyggelse" group)
see every request; members of a municipality's prevention-contact group see only that
municipality's; users without the model permissions (communications editors) see none.
Requests arrive only through the public form, so the admin cannot create them, and nobody but
superusers can delete.
"""

import csv
import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.mixins import Echo
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from project_requests.dashboard import PreventionPanel, user_sees_requests
from project_requests.models import (
    ProjectRequest,
    ProjectRequestLogEntry,
    ProjectRequestStatusChange,
    requests_visible_to,
)
from project_requests.reports import WaitingRequestsReportView
from project_requests.services import (
    send_status_update,
    user_can_see_request,
)


class ProjectRequestPermissionPolicy(ModelPermissionPolicy):
    """The model permissions, but nobody adds a request in the admin, not even a superuser: they
    come from the public form, with its consent and reference number (and the listing gets
    no "Tilføj henvendelse" button)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a != "add"])


register_permission_policy(ProjectRequest, ProjectRequestPermissionPolicy(ProjectRequest))


class EmailStatusColumn(StatusTagColumn):
    """When an e-mail went, or "ikke afsendt" as a highlighted tag: the one value to act on."""

    cell_template_name = "project_requests/tables/email_status_cell.html"


class ScopedObjectMixin:
    """Only the requests the user may see can be opened, edited, inspected or deleted."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not user_can_see_request(self.request.user, obj):
            raise PermissionDenied
        return obj


# openpyxl refuses these in a cell (IllegalCharacterError): one stored value would make the
# whole XLSX export fail. Tab and line breaks are kept.
UNWRITABLE_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A cell starting with one of these is read as a formula by Excel and LibreOffice (OWASP,
# "CSV injection"): such a value gets a leading apostrophe, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """A string as it may go into an exported cell: never a formula, never unwritable."""
    if not isinstance(value, str):
        return value
    value = UNWRITABLE_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    return value


class ProjectRequestIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_text(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        """CSV as Danish Excel opens it in columns: a UTF-8 byte-order mark and semicolons."""
        yield "\ufeff"
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        yield writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


class VisibleRequestsMixin:
    """The chooser's list, search results and chosen items hold only the requests the user may
    see (Wagtail's chooser knows only the model permissions, and every admin user may open it)."""

    def get_object_list(self):
        return requests_visible_to(self.request.user, super().get_object_list())


class ProjectRequestChooseView(VisibleRequestsMixin, ChooseView):
    pass


class ProjectRequestChooseResultsView(VisibleRequestsMixin, ChooseResultsView):
    pass


class ProjectRequestChosenView(SnippetChosenView):
    def get_object(self, pk):
        return requests_visible_to(self.request.user).get(pk=pk)


class ProjectRequestChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return requests_visible_to(self.request.user).filter(pk__in=pks)


class ProjectRequestChooserViewSet(SnippetChooserViewSet):
    choose_view_class = ProjectRequestChooseView
    choose_results_view_class = ProjectRequestChooseResultsView
    chosen_view_class = ProjectRequestChosenView
    chosen_multiple_view_class = ProjectRequestChosenMultipleView


class ProjectRequestEditView(ScopedObjectMixin, EditView):
    def save_instance(self):
        old_status = ProjectRequest.objects.values_list("status", flat=True).get(pk=self.object.pk)
        instance = super().save_instance()
        if instance.status != old_status:
            change = ProjectRequestStatusChange.objects.create(
                request=instance,
                old_status=old_status,
                new_status=instance.status,
                changed_by=self.request.user,
                changed_at=timezone.now(),
            )
            # Only once the change is committed: a rolled-back edit must not be announced.
            transaction.on_commit(lambda: send_status_update(instance, change))
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = self.object.status_changes.select_related("changed_by")
        return context


class ProjectRequestDeleteView(ScopedObjectMixin, DeleteView):
    pass


class ProjectRequestHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ProjectRequestUsageView(ScopedObjectMixin, UsageView):
    pass


class ProjectRequestInspectView(ScopedObjectMixin, InspectView):
    # The e-mail times as in the listing: "ikke afsendt" rather than the generic "None".
    def get_notification_sent_at_display_value(self):
        return self.object.notification_status()

    def get_receipt_sent_at_display_value(self):
        return self.object.receipt_status()

    def get_notification_failed_at_display_value(self):
        return self.object.notification_status()

    def get_receipt_failed_at_display_value(self):
        return self.object.receipt_status()


def status_history_html(instance):
    if instance is None or instance.pk is None:
        return ""
    changes = instance.status_changes.select_related("changed_by")
    if not changes:
        return format_html("<p>{}</p>", "Status er ikke ændret endnu.")
    rows = format_html_join(
        "",
        "<li>{} → {}: {} ({})</li>",
        (
            (
                change.get_old_status_display() or "–",
                change.get_new_status_display(),
                change.changed_by.get_full_name() or change.changed_by.get_username()
                if change.changed_by
                else "ukendt",
                date_format(timezone.localtime(change.changed_at), "DATETIME_FORMAT"),
            )
            for change in changes
        ),
    )
    return format_html("<ul>{}</ul>", rows)


class StatusHistoryPanel(HelpPanel):
    """Read-only list of the request's status changes (who and when)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = status_history_html(self.instance)


def delivery_html(instance):
    if instance is None or instance.pk is None:
        return ""
    return format_html(
        "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        "Besked til kommunen",
        instance.notification_status(),
        "Kvittering til afsender",
        instance.receipt_status(),
    )


class DeliveryPanel(HelpPanel):
    """Whether the e-mails went out, or could never be sent (then staff must call instead)."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.content = delivery_html(self.instance)


class ProjectRequestViewSet(SnippetViewSet):
    model = ProjectRequest
    icon = "mail"
    menu_label = "Henvendelser"
    menu_name = "project-requests"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "henvendelser"
    inspect_view_enabled = True

    index_view_class = ProjectRequestIndexView
    edit_view_class = ProjectRequestEditView
    delete_view_class = ProjectRequestDeleteView
    history_view_class = ProjectRequestHistoryView
    usage_view_class = ProjectRequestUsageView
    inspect_view_class = ProjectRequestInspectView
    chooser_viewset_class = ProjectRequestChooserViewSet

    def get_queryset(self, request):
        return requests_visible_to(
            request.user, ProjectRequest.objects.select_related("municipality")
        )

    list_display = [
        "reference",
        "association_name",
        Column("municipality", label="Kommune", accessor="municipality.name"),
        "status",
        "created_at",
        EmailStatusColumn(
            "notification_status",
            label="Besked til kommunen",
            primary=lambda request: request.notification_sent_at is None,
        ),
        EmailStatusColumn(
            "receipt_status",
            label="Kvittering til afsender",
            primary=lambda request: request.receipt_sent_at is None,
        ),
    ]
    list_filter = ["status", "municipality", "created_at"]
    list_export = [
        "reference",
        "created_at",
        "status",
        "association_name",
        "contact_name",
        "email",
        "phone",
        "area",
        "postcode",
        "town",
        "municipality",
        "households",
        "parts_display",
        "preferred_period",
        "message",
        "notification_status",
        "receipt_status",
    ]
    export_headings = {
        "reference": "Referencenummer",
        "created_at": "Modtaget",
        "status": "Status",
        "association_name": "Forening",
        "contact_name": "Kontaktperson",
        "email": "E-mail",
        "phone": "Telefon",
        "area": "Område",
        "postcode": "Postnummer",
        "town": "By",
        "municipality": "Kommune",
        "households": "Antal husstande",
        "parts_display": "Ønskede dele",
        "preferred_period": "Ønsket tidspunkt",
        "message": "Besked",
        "notification_status": "Besked til kommunen",
        "receipt_status": "Kvittering til afsender",
    }
    export_filename = "henvendelser-tryghed-og-indbrud"
    search_fields = ["reference", "association_name", "contact_name", "email", "area", "town"]
    search_backend_name = None
    ordering = ["-created_at"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("internal_notes")],
            heading="Behandling",
        ),
        StatusHistoryPanel(heading="Statusændringer"),
        DeliveryPanel(heading="E-mails"),
        MultiFieldPanel(
            [
                FieldPanel("association_name", read_only=True),
                FieldPanel("contact_name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("phone", read_only=True),
            ],
            heading="Foreningen",
        ),
        MultiFieldPanel(
            [
                FieldPanel("area", read_only=True),
                FieldPanel("postcode", read_only=True),
                FieldPanel("town", read_only=True),
                FieldPanel("municipality", read_only=True),
                FieldPanel("households", read_only=True),
                FieldPanel("wants_house_securing", read_only=True),
                FieldPanel("wants_safety_walk", read_only=True),
                FieldPanel("wants_neighbour_help", read_only=True),
                FieldPanel("preferred_period", read_only=True),
                FieldPanel("message", read_only=True),
            ],
            heading="Henvendelsen",
        ),
    ]


register_snippet(ProjectRequestViewSet)


@hooks.register("construct_homepage_panels")
def add_prevention_panel(request, panels):
    if user_sees_requests(request.user):
        panels.append(PreventionPanel())


class WaitingRequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_sees_requests(request.user)


@hooks.register("register_admin_urls")
def register_waiting_requests_report_urls():
    return [
        path(
            "reports/ventende-henvendelser/",
            WaitingRequestsReportView.as_view(),
            name="project_requests_waiting",
        ),
        path(
            "reports/ventende-henvendelser/results/",
            WaitingRequestsReportView.as_view(results_only=True),
            name="project_requests_waiting_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_waiting_requests_menu_item():
    return WaitingRequestsMenuItem(
        "Ventende henvendelser",
        reverse("project_requests_waiting"),
        name="ventende-henvendelser",
        icon_name="mail",
        order=760,
    )


@hooks.register("register_log_actions")
def register_request_log_model(actions):
    actions.register_model(ProjectRequest, ProjectRequestLogEntry)
