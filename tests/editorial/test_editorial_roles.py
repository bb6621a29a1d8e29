"""The roles: groups, their Wagtail page permissions (a matrix per group) and idempotency."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial import roles
from tests.editorial.conftest import ROLE_GROUPS

# (role, page, can edit, can publish, can add a subpage).
# "Edit" is Wagtail's can_edit(); the plan's publication is reserved to the workflow.
MATRIX = [
    ("kommunikation", "news_index", True, True, True),
    ("kommunikation", "news", True, True, False),
    ("kommunikation", "advice", True, False, False),
    ("kommunikation", "focus_area", True, False, False),
    ("kommunikation", "horsens", True, False, True),
    ("kommunikation", "about", True, False, True),
    ("kommunikation", "plan_index", False, False, False),
    ("kommunikation", "plan", False, False, False),
    ("redaktion", "advice", True, True, False),
    ("redaktion", "focus_area", True, True, False),
    ("redaktion", "horsens", True, True, True),
    ("redaktion", "horsens_conference", True, True, False),
    ("redaktion", "about", True, True, True),
    ("redaktion", "plan", False, False, False),
    ("redaktion", "news", False, False, False),
    ("sekretariat", "plan", True, False, False),
    ("sekretariat", "plan_index", True, False, True),
    ("sekretariat", "news", False, False, False),
    ("sekretariat", "advice", False, False, False),
    ("kredsraadet", "plan", False, False, False),
    ("kredsraadet", "news", False, False, False),
    ("horsens", "horsens", True, False, True),
    ("horsens", "horsens_conference", True, False, False),
    ("horsens", "vejle", False, False, False),
    ("horsens", "municipality_index", False, False, False),
    ("horsens", "news", False, False, False),
    ("horsens", "plan", False, False, False),
    ("vejle", "vejle", True, False, True),
    ("vejle", "horsens", False, False, False),
    ("vejle", "horsens_conference", False, False, False),
]


@pytest.mark.parametrize(
    ("role", "page_key", "can_edit", "can_publish", "can_add"),
    MATRIX,
    ids=[f"{role}-{page}" for role, page, *_ in MATRIX],
)
def test_permission_matrix(site, role, page_key, can_edit, can_publish, can_add):
    page = site.page(page_key)
    permissions = page.permissions_for_user(site.user(role))
    assert permissions.can_edit() is can_edit
    assert permissions.can_publish() is can_publish
    assert permissions.can_add_subpage() is can_add


# Which pages each role sees in the admin's page explorer (any page permission there).
SEES = {
    "kommunikation": {"news", "advice", "horsens", "about"},
    "redaktion": {"advice", "focus_area", "horsens", "horsens_conference"},
    "sekretariat": {"plan"},
    "kredsraadet": set(),
    "horsens": {"horsens", "horsens_conference"},
    "vejle": {"vejle"},
}
ALL_KEYS = [
    "plan",
    "news",
    "advice",
    "focus_area",
    "horsens",
    "vejle",
    "horsens_conference",
    "about",
]


@pytest.mark.parametrize("role", list(SEES))
def test_each_role_sees_only_its_pages(site, role):
    explorable = PagePermissionPolicy().explorable_instances(site.user(role))
    visible = {key for key in ALL_KEYS if explorable.filter(pk=site.page(key).pk).exists()}
    # Explorable includes ancestors of permitted pages (to navigate to them), never siblings.
    assert SEES[role] <= visible
    forbidden = {
        "kommunikation": {"plan"},
        "redaktion": {"plan", "news"},
        "sekretariat": {"news", "advice", "horsens"},
        "kredsraadet": set(ALL_KEYS),
        "horsens": {"vejle", "plan", "news", "advice"},
        "vejle": {"horsens", "horsens_conference", "plan", "news"},
    }[role]
    assert not (visible & forbidden)


def test_every_group_can_log_in_to_the_admin(site, client):
    for key in ROLE_GROUPS:
        client.force_login(site.user(key))
        response = client.get("/admin/")
        assert response.status_code == 200, key


def test_municipality_editor_cannot_open_another_municipality(site, login):
    client = login(site.user("horsens"))
    assert client.get(f"/admin/pages/{site.page('horsens').pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{site.page('vejle').pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.get(
        f"/admin/pages/add/municipalities/conferencepage/{site.page('vejle').pk}/"
    )
    assert response.status_code in (302, 403)


def test_the_workflows_are_assigned(site):
    plan_workflow = Workflow.objects.get(name=roles.PLAN_WORKFLOW)
    assert [task.name for task in plan_workflow.tasks] == [
        roles.PLAN_REVIEW_TASK,
        roles.PLAN_APPROVAL_TASK,
    ]
    assert [g.name for g in plan_workflow.tasks[0].specific.groups.all()] == [roles.SEKRETARIAT]
    assert [g.name for g in plan_workflow.tasks[1].specific.groups.all()] == [roles.KREDSRAADET]
    assert site.page("plan").get_workflow() == plan_workflow
    editorial = Workflow.objects.get(name=roles.EDITORIAL_WORKFLOW)
    for key in ["advice", "focus_area", "horsens", "horsens_conference", "about", "news"]:
        assert site.page(key).get_workflow() == editorial, key
    assert WorkflowPage.objects.get(page=site.page("home")).workflow == editorial


def test_setup_editorial_is_idempotent(site):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    report = roles.setup_editorial()
    assert report.created == []
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
    )


def test_setup_editorial_keeps_an_administrators_workflow_choice(site):
    other = Workflow.objects.create(name="Anden arbejdsgang")
    WorkflowPage.objects.filter(page=site.page("plan_index")).update(workflow=other)
    roles.setup_editorial()
    assert site.page("plan").get_workflow() == other


def test_setup_site_ends_with_setup_editorial(site, monkeypatch):
    """setup_site calls setup_editorial after its build (the build itself is stubbed: the
    module's small site already stands)."""

    class NoBuild:
        created = existing = 0

        def __init__(self, plan, report, page_done=None):
            pass

        def build(self):
            return None

    monkeypatch.setattr("sitebuilder.management.commands.setup_site.SiteBuilder", NoBuild)
    Group.objects.filter(name=roles.KREDSRAADET).delete()
    out = io.StringIO()
    call_command("setup_site", "--skip-index", stdout=out)
    assert "Redaktionelle roller og arbejdsgange er sat op." in out.getvalue()
    assert Group.objects.filter(name=roles.KREDSRAADET).exists()


def test_no_role_creates_the_prevention_groups(site):
    # The project requests app owns "Forebyggelse" and its contact groups.
    assert not Group.objects.filter(name="Forebyggelse").exists()


@pytest.mark.parametrize("role", list(ROLE_GROUPS))
def test_roles_see_no_administration_menus(site, client, role):
    """Users, groups, sites and workflows are for administrators: no role reaches them."""
    client.force_login(site.user(role))
    for url in ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/workflows/list/"]:
        assert client.get(url).status_code in (302, 403), (role, url)
    menu = client.get("/admin/").content.decode()
    assert "/admin/users/" not in menu
