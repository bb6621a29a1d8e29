"""The requests for the Trygheds- og Indbrudsprojekt in the Wagtail admin.

Who sees what: users with project_requests.view_all_projectrequests (the "Forebyggelse" group)
see every request; members of a municipality's prevention-contact group see only that
municipality's; users without the model permissions (communications editors) see none.
Requests arrive only through the public form, so the admin cannot create them, and nobody but
superusers can delete.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from project_requests.models import ProjectRequest, ProjectRequestStatusChange
from project_requests.services import (
    requests_visible_to,
    send_status_update,
    user_can_see_request,
)


class ScopedObjectMixin:
    """Only the requests the user may see can be opened, edited, inspected or deleted."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not user_can_see_request(self.request.user, obj):
            raise PermissionDenied
        return obj


class ProjectRequestIndexView(IndexView):
    def get_base_queryset(self):
        return requests_visible_to(
            self.request.user, super().get_base_queryset().select_related("municipality")
        )


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
                timezone.localtime(change.changed_at).strftime("%d.%m.%Y %H:%M"),
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

    list_display = [
        "reference",
        "association_name",
        Column("municipality", label="Kommune", accessor="municipality.name"),
        "status",
        "created_at",
        Column("notification_status", label="Besked til kommunen"),
        Column("receipt_status", label="Kvittering til afsender"),
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
