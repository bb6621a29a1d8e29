"""Next year's plan in Chromium, from upload to the public "Hvad er nyt" page: Kredsrådets
sekretariat uploads a changed variant of the 2017 text, reads the preview and sends the draft
into "Godkendelse af samarbejdsplan"; each task's group approves it in the editor; the plan is
then scheduled for its in-force date, not live, until Wagtail's publish_scheduled runs."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from plans.models import PlanPage
from tests.browser_admin import admin_tab
from tests.plans import plan_documents as documents
from tests.scheduling import publish_scheduled_at

from .conftest import DESKTOP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "plan-cyklus-test-1"
CHANGED_SECTION = "3.1.5"


def next_year():
    return timezone.localdate().year + 1


def approval_sentence(year):
    return (
        f"Samarbejdsplan {year} er godkendt af Kredsrådet på ordinært kredsrådsmøde "
        f"december {year - 1} og har virkning fra 1. januar {year}."
    )


def next_years_text(year):
    """The 2017 text for next year: its year, its approval sentence and one paragraph changed."""
    model = documents.change_paragraph(
        documents.with_year(documents.read_model(), year),
        CHANGED_SECTION,
        "I 2017 vil vi fortsat arbejde",
        "I 2017 vil vi målrettet arbejde",
    )
    text = documents.render_text(model)
    assert approval_sentence(2017) in text
    return text.replace(approval_sentence(2017), approval_sentence(year))


@pytest.fixture
def plan_roles(built_site):
    # Made before the page opens: the test then only drives the browser and reads the database.
    users = {}
    for key, group in (("sekretariat", "Kredsrådets sekretariat"), ("kredsraadet", "Kredsrådet")):
        user = User.objects.create_user(key, f"{key}@example.dk", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[key] = user
    return users


def log_in(chromium, live_server, username):
    return admin_tab(chromium, live_server.url, username, PASSWORD)


def approve_on_dashboard(chromium, live_server, username, plan, task_name):
    """The reviewer's "Godkend" in the dashboard's list of what awaits their review.

    Not the editor's footer: there Wagtail's autosave posts the form too, beside the approval,
    and in trials the approval was lost to the plain save that followed it.
    """
    assert plan.current_workflow_task.name == task_name
    context, page = log_in(chromium, live_server, username)
    try:
        awaiting = page.get_by_role("region", name="Venter på din godkendelse")
        row = awaiting.locator("tr", has=page.get_by_text(plan.title, exact=True))
        approve = row.locator(
            "button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"
        )
        row.get_by_role("button", name="Handlinger").click()
        with page.expect_navigation():
            approve.click()
        page.wait_for_url(f"{live_server.url}/admin/")
    finally:
        context.close()
    return PlanPage.objects.get(pk=plan.pk)


def test_next_years_plan_from_upload_to_the_public_what_changed_page(
    chromium, live_server, plan_roles, monkeypatch
):
    year = next_year()
    context, page = log_in(chromium, live_server, "sekretariat")
    try:
        page.goto(f"{live_server.url}{reverse('plans_import')}")
        page.set_input_files(
            "input[name=file]",
            files=[
                {
                    "name": f"samarbejdsplan-{year}.txt",
                    "mimeType": "text/plain",
                    "buffer": next_years_text(year).encode("utf-8"),
                }
            ],
        )
        page.get_by_role("button", name="Læs planen").click()

        # The preview: what was read, its problems, the sections against the contents.
        page.get_by_role("heading", name=f"Samarbejdsplan {year}: det, der blev læst").wait_for()
        problems = page.get_by_role("list", name="Problemer")
        assert problems.locator("li").count() >= 1
        # The 2017 contents omit section 4: reported with its line.
        assert "linje" in problems.inner_text()
        rows = page.locator("table.listing tbody tr")
        assert rows.count() > 30
        changed_row = rows.filter(has=page.locator("td", has_text=CHANGED_SECTION)).first
        assert "fundet" in changed_row.inner_text()
        assert not PlanPage.objects.filter(year=year).exists()

        assert page.get_by_role("checkbox", name="Send kladden til godkendelse").is_checked()
        page.get_by_role("button", name="Opret kladden").click()
        page.wait_for_url(lambda url: "/admin/pages/" in url and "/edit/" in url)
    finally:
        context.close()

    plan = PlanPage.objects.get(year=year)
    assert not plan.live
    assert plan.current_workflow_task.name == "Faglig gennemgang"

    plan = approve_on_dashboard(chromium, live_server, "sekretariat", plan, "Faglig gennemgang")
    assert plan.current_workflow_task.name == "Godkendelse i Kredsrådet"
    plan = approve_on_dashboard(
        chromium, live_server, "kredsraadet", plan, "Godkendelse i Kredsrådet"
    )

    # Approved: scheduled for 1 January of its year, not live before.
    go_live = timezone.make_aware(datetime.datetime(year, 1, 1))
    assert plan.current_workflow_state is None
    assert not plan.live
    scheduled = Revision.page_revisions.filter(object_id=str(plan.pk)).exclude(
        approved_go_live_at=None
    )
    assert scheduled.get().approved_go_live_at == go_live
    context = chromium.new_context(viewport=DESKTOP, locale="da-DK")
    public = context.new_page()
    public.set_default_timeout(30_000)
    try:
        response = public.goto(f"{live_server.url}/samarbejdsplan/{year}/")
        assert response.status == 404
        publish_scheduled_at(monkeypatch)
        assert not PlanPage.objects.get(pk=plan.pk).live

        # Just after midnight on 1 January, cron runs publish_scheduled.
        publish_scheduled_at(monkeypatch, go_live + datetime.timedelta(minutes=1))
        assert PlanPage.objects.get(pk=plan.pk).live

        public.goto(f"{live_server.url}/samarbejdsplan/{year}/")
        public.get_by_role("heading", name=f"Samarbejdsplan {year}", level=1).wait_for()
        public.get_by_role("link", name=f"Hvad er nyt i Samarbejdsplan {year}").click()
        public.wait_for_url(f"{live_server.url}/samarbejdsplan/{year}/hvad-er-nyt/")
        public.get_by_role("heading", name=f"Hvad er nyt i Samarbejdsplan {year}").wait_for()
        inserted = public.locator("ins", has_text="målrettet")
        assert inserted.count() == 1 and inserted.is_visible()
        assert inserted.text_content().startswith("[indsat:")
        changed = inserted.locator("xpath=ancestor::article[1]")
        assert CHANGED_SECTION in changed.get_by_role("heading").inner_text()
        deleted = changed.locator("del", has_text="fortsat")
        assert deleted.count() == 1
        assert deleted.text_content().startswith("[slettet:")
        # Underline and strike-through, not colour alone.
        assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    finally:
        context.close()
