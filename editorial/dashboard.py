"""The editors' panels on the admin dashboard.

* Redaktion (DKS) and Kommunikation: pages due for review, pages waiting in a workflow task the
  user can act on, the next conferences, and which municipalities lack this year's conference or
  action plan.
* Kredsrådets sekretariat and Kredsrådet: where this year's (and next year's) plan stands in its
  approval.

Each panel is shown to its groups (and to administrators) only, and each list keeps to what the
user may see: due pages the user can edit, task states Wagtail says the user can review.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from editorial import roles
from editorial.reviews import pages_due_for_review_by
from municipalities.models import ConferencePage, MunicipalityActionPlan, MunicipalityPage
from plans.models import PlanPage

LIST_LENGTH = 5
# The dashboard's shared styles (site/static): the chart, the panels' headings and warnings.
DASHBOARD_CSS = "css/admin-dashboard.css"
EDITORIAL_GROUPS = {roles.REDAKTION, roles.KOMMUNIKATION}
PLAN_GROUPS = {roles.SEKRETARIAT, roles.KREDSRAADET}


def user_in_any_group(user, group_names):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=group_names).exists()


# -- what each municipality must have in a year -------------------------------------------------


@dataclass(frozen=True)
class YearlyItem:
    """Something every municipality should have each year. `have` gives the ids of the
    municipalities (of those passed in) that have it in the year. Another item (a plan cycle's
    own document, say) is one more entry in YEARLY_ITEMS."""

    label: str
    have: object


def municipalities_with_conference(year, municipalities):
    """A published Lokalråd+ conference starting in the year, found under the municipality."""
    by_path = {municipality.path: municipality.pk for municipality in municipalities}
    if not by_path:
        return set()
    path_length = len(next(iter(by_path)))
    paths = ConferencePage.objects.live().filter(start__year=year).values_list("path", flat=True)
    return {by_path[path[:path_length]] for path in paths if path[:path_length] in by_path}


def municipalities_with_action_plan(year, municipalities):
    return set(
        MunicipalityActionPlan.objects.filter(
            year=year, page__in=[municipality.pk for municipality in municipalities]
        ).values_list("page_id", flat=True)
    )


YEARLY_ITEMS = [
    YearlyItem("Lokalråd+ konference", municipalities_with_conference),
    YearlyItem("Handlingsplan", municipalities_with_action_plan),
]


def yearly_coverage(year, municipalities, items=None):
    """One row per municipality: (name, [(item label, has it)]), and the rows missing anything."""
    items = YEARLY_ITEMS if items is None else items
    found = [(item, item.have(year, municipalities)) for item in items]
    rows = [
        {
            "municipality": municipality,
            "items": [(item.label, municipality.pk in have) for item, have in found],
        }
        for municipality in municipalities
    ]
    for row in rows:
        row["missing"] = [label for label, has in row["items"] if not has]
    return rows


# -- the editorial panel ----------------------------------------------------------------------


def page_edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def tasks_for(user):
    """The task states waiting for this user, the longest waiting first (Wagtail's own rule of
    who may review a task)."""
    page_type = ContentType.objects.get_for_model(Page)
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(workflow_state__base_content_type=page_type)
        .select_related("task", "revision", "revision__user", "workflow_state")
        .order_by("started_at", "pk")
    )
    return states


def editorial_overview(user, today=None):
    now = timezone.now()
    today = today or timezone.localdate()
    due = pages_due_for_review_by(user, today)
    for page in due[:LIST_LENGTH]:
        page.admin_url = page_edit_url(page.pk)
        page.overdue_days = (today - page.next_review_due).days

    states = tasks_for(user)
    waiting = []
    for state in states[:LIST_LENGTH]:
        waiting.append(
            {
                "title": state.revision.object_str,
                "admin_url": page_edit_url(state.workflow_state.object_id),
                "task": state.task.name,
                "started_at": state.started_at,
                "submitted_by": state.revision.user,
            }
        )

    municipalities = list(
        MunicipalityPage.objects.live().order_by("name").only("pk", "path", "name")
    )
    by_path = {municipality.path: municipality for municipality in municipalities}
    conferences = list(
        ConferencePage.objects.live()
        .filter(start__gte=now)
        .defer_streamfields()
        .order_by("start", "pk")[:LIST_LENGTH]
    )
    for conference in conferences:
        conference.municipality = by_path.get(conference.path[: -conference.steplen])
        conference.admin_url = page_edit_url(conference.pk)

    coverage = yearly_coverage(today.year, municipalities)
    return {
        "due_pages": due[:LIST_LENGTH],
        "due_count": len(due),
        "review_report_url": reverse("editorial_review_due"),
        "waiting": waiting,
        "waiting_count": states.count(),
        "conferences": conferences,
        "year": today.year,
        "coverage": coverage,
        "coverage_items": [item.label for item in YEARLY_ITEMS],
        "missing_count": sum(1 for row in coverage if row["missing"]),
    }


class EditorialPanel(Component):
    name = "editorial_overview"
    template_name = "editorial/dashboard/editorial_panel.html"
    order = 95

    class Media:
        css = {"all": [DASHBOARD_CSS]}

    def get_context_data(self, parent_context):
        return editorial_overview(parent_context["request"].user)


# -- the plan's approval ----------------------------------------------------------------------


def plan_status(plan):
    """The plan's place in its life: a short Danish status line and, when the final approval
    scheduled it, the moment it goes live."""
    scheduled = plan.scheduled_revision if plan.approved_schedule else None
    if scheduled is not None:
        return "Godkendt, udgives automatisk", scheduled.approved_go_live_at
    if plan.live and not plan.has_unpublished_changes:
        return "Udgivet", None
    if plan.live:
        return "Udgivet, med ændringer der ikke er godkendt endnu", None
    return "Kladde, ikke udgivet", None


# The dashboard's own words for Wagtail's states, so the panel is Danish whatever Wagtail's
# catalogue holds.
WORKFLOW_STATUS = {
    WorkflowState.STATUS_IN_PROGRESS: "I gang",
    WorkflowState.STATUS_APPROVED: "Godkendt",
    WorkflowState.STATUS_NEEDS_CHANGES: "Skal rettes",
    WorkflowState.STATUS_CANCELLED: "Annulleret",
}
TASK_STATUS = {
    TaskState.STATUS_IN_PROGRESS: "I gang",
    TaskState.STATUS_APPROVED: "Godkendt",
    TaskState.STATUS_REJECTED: "Afvist",
    TaskState.STATUS_SKIPPED: "Sprunget over",
    TaskState.STATUS_CANCELLED: "Annulleret",
    None: "Ikke startet",
}


def plan_approval(plan):
    """The plan's newest workflow (in progress or finished) and each of its tasks: status, who
    finished it and when."""
    workflow_state = (
        WorkflowState.objects.for_instance(plan)
        .select_related("workflow", "requested_by", "current_task_state__task")
        .order_by("-created_at", "-pk")
        .first()
    )
    if workflow_state is None:
        return None
    finished = {}
    for task_state in (
        TaskState.objects.filter(workflow_state=workflow_state)
        .select_related("finished_by")
        .order_by("started_at", "pk")
    ):
        # A task done again after an edit: its newest state is the one that counts.
        finished[task_state.task_id] = task_state
    tasks = []
    for task in workflow_state.all_tasks_with_status():
        task_state = finished.get(task.pk)
        tasks.append(
            {
                "name": task.name,
                "status": TASK_STATUS.get(task.status, task.status_display),
                "finished_by": task_state.finished_by if task_state else None,
                "finished_at": task_state.finished_at if task_state else None,
                "started_at": task_state.started_at if task_state else None,
            }
        )
    return {
        "state": workflow_state,
        "status": WORKFLOW_STATUS.get(workflow_state.status, workflow_state.get_status_display()),
        "tasks": tasks,
    }


def plan_overview(today=None):
    today = today or timezone.localdate()
    plans = list(
        PlanPage.objects.filter(year__in=[today.year, today.year + 1])
        .defer_streamfields()
        .annotate_approved_schedule()
        .order_by("year")
    )
    rows = []
    for plan in plans:
        status, goes_live_at = plan_status(plan)
        rows.append(
            {
                "page": plan,
                "admin_url": page_edit_url(plan.pk),
                "status": status,
                "goes_live_at": goes_live_at,
                "approval": plan_approval(plan),
            }
        )
    in_force = None
    if not any(plan.year == today.year for plan in plans):
        # No plan of this year (yet): say which plan the site shows meanwhile.
        in_force = PlanPage.objects.live().filter(year__lt=today.year).order_by("-year").first()
    return {"year": today.year, "plans": rows, "in_force": in_force}


class PlanApprovalPanel(Component):
    name = "plan_approval"
    template_name = "editorial/dashboard/plan_panel.html"
    order = 96

    class Media:
        css = {"all": [DASHBOARD_CSS]}

    def get_context_data(self, parent_context):
        return plan_overview()
