"""Both workflows end to end through the real admin views (the Django test client), with the
moderation e-mails Wagtail sends at each step."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import streamfield

from tests.editorial.admin_actions import edit, mail_to, workflow_action
from tests.editorial.conftest import advice_form, news_form, page_form, plan_form


def test_plan_goes_live_only_after_review_and_kredsraadet(site, login):
    plan = site.page("plan")
    client = login(site.user("sekretariat"))
    response = edit(client, plan, plan_form(plan, text="<p>Revideret tekst.</p>"), "submit")
    assert response.status_code == 302, response.content[:2000]
    plan = site.page("plan")
    assert plan.has_unpublished_changes
    assert plan.current_workflow_task.name == "Faglig gennemgang"
    # Submission: the reviewing group hears about it (the submitter, a member, is left out);
    # administrators are not reviewers.
    assert mail_to("sekretariat@kredsraad.test") == []
    assert mail_to("admin@kredsraad.test") == []

    # The secretariat member who submitted is also a reviewer; another reviewer approves.
    mail.outbox.clear()
    response = workflow_action(login(site.user("sekretariat")), plan, "approve")
    assert response.status_code == 302
    plan = site.page("plan")
    assert plan.current_workflow_task.name == "Godkendelse i Kredsrådet"
    assert "Revideret tekst" not in client.get(plan.url).content.decode()
    # Kredsrådet is told a plan awaits its approval.
    [to_kredsraadet] = mail_to("kredsraadet@kredsraad.test")
    assert to_kredsraadet.subject == (
        '"Samarbejdsplan 2017" venter på din godkendelse: Godkendelse i Kredsrådet'
    )
    assert f"/admin/pages/{plan.pk}/edit/" in to_kredsraadet.body

    # Kommunikation cannot approve on Kredsrådet's behalf.
    response = workflow_action(login(site.user("kommunikation")), plan, "approve")
    assert response.status_code in (302, 403)
    assert site.page("plan").current_workflow_task.name == "Godkendelse i Kredsrådet"

    mail.outbox.clear()
    response = workflow_action(login(site.user("kredsraadet")), plan, "approve")
    assert response.status_code == 302
    plan = site.page("plan")
    assert not plan.has_unpublished_changes
    assert plan.current_workflow_task is None
    client.logout()
    assert "Revideret tekst" in client.get(plan.url).content.decode()
    # The author hears the plan was approved, in Danish.
    [to_author] = mail_to("sekretariat@kredsraad.test")
    assert to_author.subject == ('"Samarbejdsplan 2017" er godkendt: Godkendelse af samarbejdsplan')
    assert "Hej sekretariat" in to_author.body


def test_plan_rejected_by_kredsraadet_stays_unpublished(site, login):
    plan = site.page("plan")
    edit(
        login(site.user("sekretariat")),
        plan,
        plan_form(plan, text="<p>Forkert tekst.</p>"),
        "submit",
    )
    workflow_action(login(site.user("sekretariat")), site.page("plan"), "approve")
    mail.outbox.clear()
    response = workflow_action(
        login(site.user("kredsraadet")), site.page("plan"), "reject", comment="Afsnit 1 mangler."
    )
    assert response.status_code == 302
    plan = site.page("plan")
    assert plan.has_unpublished_changes
    assert plan.current_workflow_task is None
    assert "Forkert tekst" not in login(site.user("kredsraadet")).get(plan.url).content.decode()
    [to_author] = mail_to("sekretariat@kredsraad.test")
    assert "ønske om ændringer" in to_author.subject
    assert 'Kommentar: "Afsnit 1 mangler."' in to_author.body


def test_kommunikation_cannot_edit_or_publish_the_plan(site, login):
    plan = site.page("plan")
    client = login(site.user("kommunikation"))
    response = edit(client, plan, plan_form(plan, text="<p>Uden om.</p>"), "publish")
    assert response.status_code in (302, 403)
    plan = site.page("plan")
    assert not plan.has_unpublished_changes
    assert "Uden om" not in client.get(plan.url).content.decode()


def test_secretariat_cannot_publish_the_plan_directly(site, login):
    plan = site.page("plan")
    client = login(site.user("sekretariat"))
    edit(client, plan, plan_form(plan, text="<p>Direkte.</p>"), "publish")
    plan = site.page("plan")
    # Wagtail saves the draft but refuses the publication without publish permission.
    assert "Direkte" not in client.get(plan.url).content.decode()
    assert "Direkte" not in str(plan.live_revision.content)
    assert plan.has_unpublished_changes


def test_advice_change_by_kommunikation_approved_by_redaktion(site, login):
    advice = site.page("advice")
    response = edit(
        login(site.user("kommunikation")),
        advice,
        advice_form(advice, text="<p>Nye råd.</p>"),
        "submit",
    )
    assert response.status_code == 302, response.content[:2000]
    advice = site.page("advice")
    assert advice.current_workflow_task.name == "Redaktionel godkendelse"
    [to_redaktion] = mail_to("redaktion@kredsraad.test")
    assert to_redaktion.subject == '"Nabohjælp" venter på din godkendelse: Redaktionel godkendelse'
    assert to_redaktion.from_email == settings.WAGTAILADMIN_NOTIFICATION_FROM_EMAIL
    mail.outbox.clear()

    response = workflow_action(login(site.user("redaktion")), advice, "approve")
    assert response.status_code == 302
    advice = site.page("advice")
    assert not advice.has_unpublished_changes
    assert "Nye råd" in login(site.user("redaktion")).get(advice.url).content.decode()
    [to_author] = mail_to("kommunikation@kredsraad.test")
    assert to_author.subject == '"Nabohjælp" er godkendt: Redaktionel godkendelse'


def test_municipality_change_rejected_by_redaktion(site, login):
    horsens = site.page("horsens")
    data = {
        **page_form(horsens, body=streamfield([]), last_reviewed="", review_interval_months="12"),
        "name": "Horsens",
        "police_centre": "",
        "prevention_contact_email": "",
        "collaborations-count": "0",
        "action_plans-TOTAL_FORMS": "0",
        "action_plans-INITIAL_FORMS": "0",
        "action_plans-MIN_NUM_FORMS": "0",
        "action_plans-MAX_NUM_FORMS": "1000",
        "title": "Horsens Kommune (ny)",
    }
    response = edit(login(site.user("horsens")), horsens, data, "submit")
    assert response.status_code == 302, response.content[:3000]
    response = workflow_action(login(site.user("redaktion")), site.page("horsens"), "reject")
    assert response.status_code == 302
    horsens = site.page("horsens")
    assert horsens.title == "Horsens Kommune"
    assert horsens.has_unpublished_changes
    assert mail_to("horsens@kredsraad.test")


def test_kommunikation_publishes_news_without_moderation(site, login):
    client = login(site.user("kommunikation"))
    news_index = site.page("news_index")
    data = news_form(title="Ny nyhed", slug="ny-nyhed", summary="Kort.")
    data["action-publish"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    news = news_index.get_children().get(slug="ny-nyhed")
    assert news.live
    client.logout()
    assert client.get("/").status_code == 200
    assert "Ny nyhed" in client.get("/nyheder/").content.decode()


@pytest.mark.parametrize("key", ["vejle", "news", "plan"])
def test_municipality_editor_cannot_submit_elsewhere(site, login, key):
    page = site.page(key)
    response = edit(login(site.user("horsens")), page, page_form(page, title="Overtaget"), "submit")
    assert response.status_code in (302, 403)
    assert site.page(key).current_workflow_task is None
    assert not site.page(key).has_unpublished_changes
