"""The editorial roles and workflows, built with Wagtail's own permissions and workflows.

`setup_editorial` (called at the end of `setup_site`) creates them. It only adds what is missing:
an administrator's later additions (more members, more permissions) are kept. The one thing it
removes is Wagtail's default "Editors" and "Moderators" groups while they have no members.

Page permissions inherit down the tree and cannot be taken away below a page, so "everywhere
except the plan" is granted on each of the home page's children other than the plan index.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import HomePage
from municipalities.models import MunicipalityPage
from news.models import NewsIndexPage
from plans.models import PlanIndexPage

KOMMUNIKATION = "Kommunikation"
REDAKTION = "Redaktion (DKS)"
SEKRETARIAT = "Kredsrådets sekretariat"
KREDSRAADET = "Kredsrådet"

PLAN_WORKFLOW = "Godkendelse af samarbejdsplan"
PLAN_REVIEW_TASK = "Faglig gennemgang"
PLAN_APPROVAL_TASK = "Godkendelse i Kredsrådet"
EDITORIAL_WORKFLOW = "Redaktionel godkendelse"
EDITORIAL_TASK = "Redaktionel godkendelse"

# Wagtail's migrations create these with add/edit (Moderators also publish) on the whole tree;
# the site's roles replace them, and a person put in one by mistake would see everything.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]

# Images and documents: editors upload into collections; municipality editors into their own.
MEDIA_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]


def municipality_group_name(municipality):
    return f"{municipality.name} Kommune – redaktør"


@dataclass
class Report:
    created: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def add(self, text):
        self.created.append(text)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_group(name, report):
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.add(f"Gruppe: {name}")
    # Every role works in the admin; without this Wagtail refuses the login.
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    return group


def grant_page(group, page, permission_types, report):
    page_type = ContentType.objects.get_for_model(Page)
    for permission_type in permission_types:
        permission = Permission.objects.get(
            content_type=page_type, codename=f"{permission_type}_page"
        )
        _perm, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
        if created:
            report.add(f"{group.name}: {permission_type} på {page.title}")


def grant_collection(group, collection, report):
    for app_label, _model, codenames in MEDIA_PERMISSIONS:
        for codename in codenames:
            _perm, created = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, codename)
            )
            if created:
                report.add(f"{group.name}: {codename} i samlingen {collection.name}")


def ensure_collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def ensure_task(name, groups, report):
    task = GroupApprovalTask.objects.filter(name=name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=name)
        report.add(f"Opgave: {name}")
    task.groups.add(*groups)
    return task


def ensure_workflow(name, tasks, page, report):
    workflow, created = Workflow.objects.get_or_create(name=name)
    if created:
        report.add(f"Arbejdsgang: {name}")
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    # Assign only where the page has no workflow of its own yet: an administrator's choice stays.
    _assignment, assigned = WorkflowPage.objects.get_or_create(
        page=page, defaults={"workflow": workflow}
    )
    if assigned:
        report.add(f"{name} gælder for {page.title} og undersider")
    return workflow


def remove_wagtail_default_groups(report):
    """Delete Wagtail's default groups while nobody is in them; with members, warn instead:
    taking people's access away is an administrator's decision."""
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).order_by("name"):
        members = group.user_set.count()
        if members:
            noun = "medlem" if members == 1 else "medlemmer"
            report.warnings.append(
                f'Wagtails standardgruppe "{group.name}" har {members} {noun} og er ikke '
                "fjernet. Den giver adgang til hele sidetræet: flyt medlemmerne til sitets egne "
                "grupper og kør setup_editorial igen."
            )
        else:
            group.delete()
            report.removed.append(f'Wagtails standardgruppe "{group.name}" (uden medlemmer)')


def setup_editorial():
    """Create the groups, their permissions and the two workflows. Returns what was added."""
    report = Report()
    home = HomePage.objects.first()
    if home is None:
        raise LookupError("Forsiden findes ikke: kør setup_site først.")
    plan_index = PlanIndexPage.objects.child_of(home).first()
    news_index = NewsIndexPage.objects.child_of(home).first()
    sections_but_plan = [
        page for page in home.get_children() if plan_index is None or page.pk != plan_index.pk
    ]
    root_collection = Collection.get_first_root_node()

    kommunikation = ensure_group(KOMMUNIKATION, report)
    for page in sections_but_plan:
        grant_page(kommunikation, page, ["add", "change"], report)
    if news_index is not None:
        # News goes out when Kommunikation says so: publish permission skips the moderation.
        grant_page(kommunikation, news_index, ["add", "change", "publish"], report)
    grant_collection(kommunikation, root_collection, report)

    redaktion = ensure_group(REDAKTION, report)
    for page in sections_but_plan:
        if news_index is not None and page.pk == news_index.pk:
            continue
        grant_page(redaktion, page, ["add", "change", "publish", "lock", "unlock"], report)
    grant_collection(redaktion, root_collection, report)

    sekretariat = ensure_group(SEKRETARIAT, report)
    kredsraadet = ensure_group(KREDSRAADET, report)
    if plan_index is not None:
        # Drafts of next year's plan, never publication: a plan goes live only through approval.
        grant_page(sekretariat, plan_index, ["add", "change"], report)

    for municipality in MunicipalityPage.objects.order_by("path"):
        group = ensure_group(municipality_group_name(municipality), report)
        grant_page(group, municipality, ["add", "change"], report)
        grant_collection(group, ensure_collection(f"{municipality.name} Kommune"), report)

    if plan_index is not None:
        ensure_workflow(
            PLAN_WORKFLOW,
            [
                ensure_task(PLAN_REVIEW_TASK, [sekretariat], report),
                ensure_task(PLAN_APPROVAL_TASK, [kredsraadet], report),
            ],
            plan_index,
            report,
        )
    ensure_workflow(
        EDITORIAL_WORKFLOW, [ensure_task(EDITORIAL_TASK, [redaktion], report)], home, report
    )
    remove_wagtail_default_groups(report)
    return report
