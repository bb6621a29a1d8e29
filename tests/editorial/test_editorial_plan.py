"""The yearly plan: drafted and approved in December, live on its "in force from" date through
Wagtail's scheduled publishing, showing its approval status and the plan it replaced."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from plans.models import PlanPage
from tests.editorial.admin_actions import workflow_action
from tests.editorial.conftest import plan_form
from tests.scheduling import publish_scheduled_at


def next_new_year():
    today = timezone.localdate()
    return datetime.date(today.year + 1, 1, 1)


def test_approved_plan_goes_live_at_its_in_force_date(site, login, monkeypatch):
    in_force = next_new_year()
    year = in_force.year
    go_live = timezone.make_aware(datetime.datetime.combine(in_force, datetime.time(0, 0)))
    plan_index = site.page("plan_index")
    draft = PlanPage(
        title=f"Samarbejdsplan {year}",
        slug=str(year),
        year=year,
        summary="",
        approval_statement=(
            f"Samarbejdsplan {year} er godkendt af Kredsrådet på ordinært kredsrådsmøde "
            f"december {year - 1} og har virkning fra 1. januar {year}."
        ),
        in_force_from=in_force,
    )
    # No go-live date: it follows "in force from" (PlanPage.clean).
    data = plan_form(draft)
    data["action-submit"] = "1"
    client = login(site.user("sekretariat"))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["plans", "planpage", plan_index.pk]), data
    )
    assert response.status_code == 302, response.content[:3000]
    plan = PlanPage.objects.get(year=year)
    assert plan.current_workflow_task.name == "Faglig gennemgang"

    workflow_action(login(site.user("sekretariat")), plan, "approve")
    workflow_action(login(site.user("kredsraadet")), PlanPage.objects.get(pk=plan.pk), "approve")
    plan = PlanPage.objects.get(pk=plan.pk)
    # Approved in December, scheduled: not live before 1 January.
    assert not plan.live
    scheduled = Revision.page_revisions.filter(object_id=str(plan.pk)).exclude(
        approved_go_live_at=None
    )
    assert scheduled.get().approved_go_live_at == go_live
    client.logout()
    assert client.get(f"/samarbejdsplan/{year}/").status_code == 404

    publish_scheduled_at(monkeypatch)
    assert not PlanPage.objects.get(pk=plan.pk).live

    # Midnight on 1 January: cron runs publish_scheduled.
    publish_scheduled_at(monkeypatch, go_live + datetime.timedelta(minutes=1))
    plan = PlanPage.objects.get(pk=plan.pk)
    assert plan.live

    html = client.get(f"/samarbejdsplan/{year}/").content.decode()
    assert f"Godkendt af Kredsrådet, december {year - 1} · gældende fra 1. januar {year}" in html
    # The new plan replaces 2017's, and links to it.
    assert 'Planen afløser <a href="/samarbejdsplan/2017/">Samarbejdsplan 2017</a>' in html


def test_go_live_follows_in_force_from_only_when_unset(site):
    draft = PlanPage(title="Samarbejdsplan 2030", slug="2030", year=2030, live=False)
    draft.in_force_from = datetime.date(2030, 1, 1)
    draft.schedule_for_in_force_date()
    assert timezone.localtime(draft.go_live_at) == timezone.make_aware(
        datetime.datetime(2030, 1, 1, 0, 0)
    )
    chosen = timezone.make_aware(datetime.datetime(2029, 12, 20, 12, 0))
    draft.go_live_at = chosen
    draft.schedule_for_in_force_date()
    assert draft.go_live_at == chosen
    # A live plan is never rescheduled.
    live_plan = site.page("plan")
    live_plan.schedule_for_in_force_date()
    assert live_plan.go_live_at is None


def test_plan_page_shows_its_approval_status(site, client):
    html = client.get("/samarbejdsplan/2017/").content.decode()
    assert "Godkendt af Kredsrådet, december 2016 · gældende fra 1. januar 2017" in html
    # The first plan replaced none.
    assert "Planen afløser" not in html


def test_no_status_is_invented_when_the_statement_names_no_month(site):
    plan = site.page("plan")
    plan.approval_statement = "Planen er vedtaget."
    assert plan.approval_status == ""
    plan.approval_statement = "Godkendt af Kredsrådet i december 2019."
    assert plan.approval_status == "Godkendt af Kredsrådet, december 2019"
