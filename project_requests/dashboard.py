"""The prevention staff's panels on the admin dashboard: the requests by status and municipality
(an SVG chart with its figures as a table), the requests waiting longest, the e-mails not sent
and the requests that reach nobody.

Every figure starts from models.requests_visible_to (and municipalities_visible_to, the same
rule for the municipalities), so a Forebyggelseskontakt sees only its own municipality. The
queries are a fixed handful whatever the number of requests: the counts are aggregated in the
database and the lists are cut to a few rows.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from project_requests.models import (
    ProjectRequest,
    municipalities_visible_to,
    requests_visible_to,
)
from project_requests.services import (
    municipalities_without_recipient,
    unsent_notifications,
    unsent_receipts,
)

LIST_LENGTH = 5

# One fill and one pattern per status, so the chart does not rely on colour alone; every colour
# has at least 3:1 contrast against the admin's white and dark backgrounds' text colour.
STATUS_STYLES = {
    ProjectRequest.Status.RECEIVED: {"colour": "#1d4f91", "pattern": "solid"},
    ProjectRequest.Status.CONTACTED: {"colour": "#8a4a00", "pattern": "diagonal"},
    ProjectRequest.Status.PLANNED: {"colour": "#006b5e", "pattern": "dots"},
    ProjectRequest.Status.COMPLETED: {"colour": "#2f6f1f", "pattern": "grid"},
    ProjectRequest.Status.REJECTED: {"colour": "#5c5c66", "pattern": "horizontal"},
}

CHART_WIDTH = 560
LABEL_WIDTH = 120
BAR_AREA = 360
ROW_HEIGHT = 30
BAR_HEIGHT = 20
TOP = 8


def user_sees_requests(user):
    """The panels are for the prevention staff (and administrators): whoever may view requests."""
    return user.is_active and (
        user.is_superuser or user.has_perm("project_requests.view_projectrequest")
    )


def edit_url(project_request):
    return reverse(ProjectRequest.snippet_viewset.get_url_name("edit"), args=[project_request.pk])


@dataclass
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float
    pattern_id: str


@dataclass
class Row:
    municipality: str
    counts: list
    total: int
    y: float = 0
    segments: list = field(default_factory=list)


@dataclass
class StatusChart:
    """Stacked bars, one per municipality, split by status; and the same figures as a table."""

    statuses: list
    rows: list
    totals: list
    total: int
    height: int

    @property
    def description(self):
        by_status = ", ".join(f"{status['label']} {count}" for status, count in self.totals)
        by_municipality = ", ".join(f"{row.municipality} {row.total}" for row in self.rows)
        return (
            f"I alt {self.total} henvendelser. Efter status: {by_status}. "
            f"Efter kommune: {by_municipality}."
        )


def status_chart(municipalities, counts):
    """counts: {(municipality_id, status): n}; municipalities: [(id, name)] in display order."""
    statuses = [
        {
            "value": value,
            "label": label,
            "pattern_id": f"kr-status-{value}",
            **STATUS_STYLES[value],
        }
        for value, label in ProjectRequest.Status.choices
    ]
    rows = []
    for municipality_id, name in municipalities:
        row_counts = [counts.get((municipality_id, status["value"]), 0) for status in statuses]
        rows.append(Row(municipality=name, counts=row_counts, total=sum(row_counts)))
    largest = max([row.total for row in rows] + [1])
    for index, row in enumerate(rows):
        row.y = TOP + index * ROW_HEIGHT
        x = LABEL_WIDTH
        for status, count in zip(statuses, row.counts, strict=True):
            if count:
                width = BAR_AREA * count / largest
                row.segments.append(
                    Segment(
                        status=status["value"],
                        label=status["label"],
                        count=count,
                        x=round(x, 1),
                        width=round(width, 1),
                        pattern_id=status["pattern_id"],
                    )
                )
                x += width
        row.total_x = round(x + 6, 1)
    totals = [(status, sum(row.counts[i] for row in rows)) for i, status in enumerate(statuses)]
    return StatusChart(
        statuses=statuses,
        rows=rows,
        totals=totals,
        total=sum(row.total for row in rows),
        height=TOP * 2 + max(len(rows), 1) * ROW_HEIGHT,
    )


def age_in_days(moment, today):
    return (today - timezone.localdate(moment)).days


def prevention_overview(user, today=None):
    """Everything the prevention panel shows, for this user only."""
    today = today or timezone.localdate()
    visible = requests_visible_to(user)
    municipalities = municipalities_visible_to(user).live().order_by("name")

    counts = {
        (row["municipality_id"], row["status"]): row["n"]
        for row in visible.values("municipality_id", "status").annotate(n=Count("pk"))
    }
    # distinct: a user in two groups of the same municipality still gets one row.
    municipality_rows = list(municipalities.values_list("pk", "name").distinct())
    chart = status_chart(municipality_rows, counts)

    waiting = list(
        visible.exclude(status__in=ProjectRequest.CLOSED_STATUSES)
        .select_related("municipality")
        .order_by("created_at", "pk")[:LIST_LENGTH]
    )
    for project_request in waiting:
        project_request.age_days = age_in_days(project_request.created_at, today)
        project_request.admin_url = edit_url(project_request)
    open_count = sum(
        count
        for (_municipality, status), count in counts.items()
        if status not in ProjectRequest.CLOSED_STATUSES
    )

    unsent = visible.filter(
        Q(pk__in=unsent_notifications().values("pk")) | Q(pk__in=unsent_receipts().values("pk"))
    )
    unsent_list = list(
        unsent.select_related("municipality").order_by("created_at", "pk")[:LIST_LENGTH]
    )
    for project_request in unsent_list:
        project_request.admin_url = edit_url(project_request)
        project_request.notification_unsent = project_request.notification_sent_at is None
        project_request.receipt_unsent = project_request.receipt_sent_at is None

    unrouted_municipalities = list(
        municipalities_without_recipient(municipalities).values_list("name", flat=True)
    )
    unrouted = visible.filter(
        pk__in=unsent_notifications().values("pk"),
        municipality__in=municipalities_without_recipient(municipalities).values("pk"),
    )
    unrouted_list = list(
        unrouted.select_related("municipality").order_by("created_at", "pk")[:LIST_LENGTH]
    )

    return {
        "chart": chart,
        "open_count": open_count,
        "waiting": waiting,
        "unsent": unsent_list,
        "unsent_count": unsent.count(),
        "unrouted_municipalities": unrouted_municipalities,
        "unrouted": [
            {"request": project_request, "admin_url": edit_url(project_request)}
            for project_request in unrouted_list
        ],
        "unrouted_count": unrouted.count(),
        "list_url": reverse("project_requests_waiting"),
        "list_length": LIST_LENGTH,
    }


class PreventionPanel(Component):
    """The requests at a glance, for Forebyggelse and the Forebyggelseskontakter."""

    name = "prevention_requests"
    template_name = "project_requests/dashboard/prevention_panel.html"
    order = 90

    class Media:
        css = {"all": ["css/admin-dashboard.css"]}

    def get_context_data(self, parent_context):
        return prevention_overview(parent_context["request"].user)
