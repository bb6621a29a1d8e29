"""Years side by side: the comparison of a known pair of plans, the public "Hvad er nyt" page,
earlier plans marked as such, the plan index in order, the API's sections and comparison."""

import datetime
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from plans.comparison import compare_sections
from plans.importing import plan_stream
from plans.models import PlanPage
from plans.plan_text import parse_plan
from plans.yearly_cycle import yearly_cycle
from tests.plans import plan_documents as documents
from tests.plans.test_plan_import import run_import


def model_2018():
    model = documents.with_year(documents.read_model(), 2018)
    model = documents.remove_section(model, "3.1.4")
    model = documents.add_section(
        model, "3.2.2", "3.2.3", "Tryghed i nattelivet", ["Indsatsen i nattelivet fortsætter."]
    )
    model = documents.renumber(model, "9", "10")
    return documents.change_paragraph(
        model, "3.1.5", "I 2017 vil vi fortsat arbejde", "I 2018 vil vi fortsat arbejde"
    )


def sections_of(text):
    return PlanPage(body=json.dumps(plan_stream(parse_plan(text)))).sections


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker):
    # Reading the stream may look up content types (a read of the test database, no writes).
    with django_db_blocker.unblock():
        old = sections_of(documents.render_text(documents.read_model()))
        new = sections_of(documents.render_text(model_2018()))
        return compare_sections(old, new, 2017, 2018)


def test_the_comparison_lists_exactly_what_changed(pair):
    assert [s.new_number for s in pair.added] == ["3.2.3"]
    assert [s.old_number for s in pair.removed] == ["3.1.4"]
    assert [(s.old_number, s.new_number) for s in pair.renumbered] == [("9", "10")]
    assert [s.number for s in pair.changed] == ["3.1.5"]
    assert len(pair.differences) == 4
    # The removed section stands where it stood: after 3.1.3, before 3.1.5.
    numbers = [s.number for s in pair.sections]
    assert numbers.index("3.1.4") == numbers.index("3.1.3") + 1


def test_changed_words_are_marked_inside_the_paragraph(pair):
    (change,) = pair.changed
    (paragraph,) = change.paragraphs
    assert paragraph.kind == "changed"
    assert {"op": "delete", "text": "2017"} in paragraph.segments
    assert {"op": "insert", "text": "2018"} in paragraph.segments
    # The rest of the paragraph is unchanged text.
    equal = "".join(s["text"] for s in paragraph.segments if s["op"] == "equal")
    assert equal.startswith("I  vil vi fortsat arbejde med at bekæmpe")


def test_a_renumbered_section_with_the_same_text_has_no_paragraph_changes(pair):
    (renumbered,) = pair.renumbered
    assert renumbered.paragraphs == [] and not renumbered.text_changed


@pytest.fixture
def two_years(page_tree, tmp_path):
    """2017 (the whole plan) and 2018 (the known changes), both published."""
    for model in (documents.read_model(), model_2018()):
        path = tmp_path / f"plan-{model.year}.txt"
        path.write_text(documents.render_text(model), encoding="utf-8")
        run_import(path)
        page = PlanPage.objects.get(year=model.year)
        page.go_live_at = None
        page.get_latest_revision().publish()
    return PlanPage.objects.get(year=2017), PlanPage.objects.get(year=2018)


@pytest.mark.django_db
def test_the_public_what_changed_page(client, two_years):
    _old, new = two_years
    html = client.get("/samarbejdsplan/2018/").content.decode()
    link = '<a href="/samarbejdsplan/2018/hvad-er-nyt/">Hvad er nyt i Samarbejdsplan 2018</a>'
    assert link in html
    response = client.get("/samarbejdsplan/2018/hvad-er-nyt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Hvad er nyt i Samarbejdsplan 2018</h1>" in html
    assert "1 nye afsnit" in html and "1 udgåede afsnit" in html
    assert "1 afsnit med nyt nummer" in html and "1 afsnit med ændret tekst" in html
    assert (
        '<del><span class="sr-only">[slettet: </span>2017<span class="sr-only">]</span></del>'
        '<ins><span class="sr-only">[indsat: </span>2018<span class="sr-only">]</span></ins>'
    ) in html
    assert '<a href="/samarbejdsplan/2018/#3-2-3">' in html
    # The first plan replaced none: no such page.
    assert client.get("/samarbejdsplan/2017/hvad-er-nyt/").status_code == 404


@pytest.mark.django_db
def test_the_earlier_plan_stays_published_and_points_to_the_plan_in_force(client, two_years):
    html = client.get("/samarbejdsplan/2017/").content.decode()
    assert "Tidligere plan – gældende 2017." in html
    assert 'Den gældende plan er <a href="/samarbejdsplan/2018/">Samarbejdsplan 2018</a>' in html
    assert "Tidligere plan" not in client.get("/samarbejdsplan/2018/").content.decode()


@pytest.mark.django_db
def test_the_index_lists_every_year_plan_in_force_first(client, two_years, tmp_path):
    # A plan for next year, published early: listed after the one in force, as coming.
    next_year = timezone.localdate().year + 1
    path = tmp_path / f"plan-{next_year}.txt"
    model = documents.with_year(documents.read_model(), next_year)
    path.write_text(documents.render_text(model), "utf-8")
    run_import(path)
    coming = PlanPage.objects.get(year=next_year)
    coming.go_live_at = None
    coming.get_latest_revision().publish()
    html = client.get("/samarbejdsplan/").content.decode()
    titles = [f"Samarbejdsplan {year}" for year in (2018, 2017, next_year)]
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert "Gældende plan" in html[positions[0] : positions[1]]
    assert "Tidligere plan – gældende 2017" in html[positions[1] : positions[2]]
    assert "Kommende plan" in html[positions[2] :]


@pytest.mark.django_db
def test_the_api_gives_sections_and_the_comparison(client, two_years):
    _old, new = two_years
    data = client.get(f"/api/v2/pages/{new.pk}/").json()
    sections = {section["number"]: section for section in data["sections"]}
    assert sections["2.1"]["anchor"] == "2-1"
    assert sections["2.1"]["title"] == "Det kriminalitetsforebyggende samarbejde, SSP og SSP+"
    bullets = [b for b in sections["2.1"]["blocks"] if b["kind"] == "list"][0]["items"]
    assert bullets[0]["text"] == "Den generelle indsats"
    changes = data["changes_from_previous"]
    assert (changes["old_year"], changes["new_year"]) == (2017, 2018)
    assert sorted((s["status"], s["old_number"], s["new_number"]) for s in changes["sections"]) == [
        ("added", "", "3.2.3"),
        ("changed", "3.1.5", "3.1.5"),
        ("removed", "3.1.4", ""),
        ("renumbered", "9", "10"),
    ]


@pytest.fixture
def editorial_roles(page_tree):
    call_command("setup_editorial", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = {}
    for key, group in (
        ("sekretariat", "Kredsrådets sekretariat"),
        ("kredsraadet", "Kredsrådet"),
        ("kommunikation", "Kommunikation"),
    ):
        user = get_user_model().objects.create_user(key, f"{key}@example.org", "x-test-123")
        user.groups.add(Group.objects.get(name=group))
        users[key] = user
    return users


@pytest.mark.django_db
def test_the_admin_upload_previews_then_creates_the_draft_in_the_workflow(
    client, editorial_roles, tmp_path
):
    client.force_login(editorial_roles["sekretariat"])
    url = reverse("plans_import")
    # The sidebar menu is JSON in the page: its item's name and URL.
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"importer-samarbejdsplan"' in admin_home and url in admin_home
    document = documents.render_docx(model_2018())
    upload = SimpleUploadedFile("samarbejdsplan-2018.docx", document)
    response = client.post(url, {"file": upload, "year": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Samarbejdsplan 2018: det, der blev læst" in html
    assert "står i teksten, men ikke i indholdsfortegnelsen" in html
    # Nothing yet.
    assert not PlanPage.objects.filter(year=2018).exists()
    token = html.split('name="token" value="')[1].split('"')[0]
    response = client.post(url, {"token": token, "submit_for_approval": "1"})
    page = PlanPage.objects.get(year=2018)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.current_workflow_task.name == "Faglig gennemgang"
    # The same again: no new revision.
    revisions = page.revisions.count()
    client.post(url, {"token": token, "submit_for_approval": "1"})
    assert page.revisions.count() == revisions


@pytest.mark.django_db
def test_a_bad_upload_keeps_the_form_and_writes_nothing(client, editorial_roles):
    client.force_login(editorial_roles["sekretariat"])
    response = client.post(
        reverse("plans_import"),
        {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ikke en pdf"), "year": "2018"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "PDF-filen kan ikke læses" in html and 'value="2018"' in html
    assert not PlanPage.objects.filter(year=2018).exists()
    tampered = client.post(reverse("plans_import"), {"token": "falsk"}, follow=True)
    assert "Forhåndsvisningen er udløbet eller ugyldig" in tampered.content.decode()


@pytest.mark.django_db
def test_only_those_who_may_add_plans_can_upload(client, editorial_roles):
    client.force_login(editorial_roles["kommunikation"])
    # Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard.
    response = client.get(reverse("plans_import"))
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"importer-samarbejdsplan"' not in admin_home


@pytest.mark.django_db
def test_reviewers_compare_the_draft_with_the_plan_in_force(
    client, editorial_roles, two_years, tmp_path
):
    path = tmp_path / "plan-2019.txt"
    changed = documents.change_paragraph(
        documents.with_year(model_2018(), 2019), "8.1", "alle 7 kommuner", "alle syv kommuner"
    )
    path.write_text(documents.render_text(changed), "utf-8")
    run_import(path)
    draft = PlanPage.objects.get(year=2019)
    draft.get_workflow().start(draft, editorial_roles["sekretariat"])
    url = reverse("plans_compare", args=[draft.pk])
    refused = (302, reverse("wagtailadmin_home"))  # Wagtail's answer to PermissionDenied
    client.force_login(editorial_roles["kommunikation"])
    response = client.get(url)
    assert (response.status_code, response["Location"]) == refused
    # Kredsrådet has no page permission: the comparison only once its approval task is due.
    client.force_login(editorial_roles["kredsraadet"])
    response = client.get(url)
    assert (response.status_code, response["Location"]) == refused
    draft.current_workflow_state.current_task_state.specific.approve(
        user=editorial_roles["sekretariat"]
    )
    assert client.get(url).status_code == 200
    client.force_login(editorial_roles["sekretariat"])
    html = client.get(url).content.decode()
    assert "den gældende plan, Samarbejdsplan 2018" in html
    assert '<ins><span class="sr-only">[indsat: </span>syv' in html
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Sammenlign med gældende plan" in edit


@pytest.mark.django_db
def test_the_plan_page_says_which_municipalities_published_their_action_plan(
    client, two_years, page_tree
):
    from municipalities.models import MunicipalityActionPlan

    html = client.get("/samarbejdsplan/2018/").content.decode()
    assert "Lokalrådenes handlingsplaner 2018" in html
    horsens = page_tree.municipality
    row = html.split(f'<a href="{horsens.url}">Horsens</a>')[1].split("</tr>")[0]
    assert "Ikke offentliggjort endnu" in row
    assert horsens.action_plan_for(2018) is None

    horsens.action_plans = [MunicipalityActionPlan(year=2018, summary="<p>Planen.</p>")]
    horsens.save_revision().publish()
    assert horsens.action_plan_for(2018).year == 2018
    html = client.get("/samarbejdsplan/2018/").content.decode()
    row = html.split(f'<a href="{horsens.url}">Horsens</a>')[1].split("</tr>")[0]
    assert "Offentliggjort" in row and "Ikke" not in row


@pytest.mark.parametrize(
    ("today", "current"),
    [
        (datetime.date(2026, 12, 1), "Kredsrådet godkender planen"),
        (datetime.date(2027, 1, 15), "Planen træder i kraft"),
        (datetime.date(2026, 10, 3), "Udkast til næste års plan"),
        (datetime.date(2026, 5, 1), None),
    ],
)
def test_the_yearly_cycle_marks_where_the_year_stands(today, current):
    html = render_to_string("plans/includes/yearly_cycle.html", {"cycle": yearly_cycle(today)})
    assert 'role="img"' in html and "<title id=" in html
    assert len(re.findall(r"<li[ >]", html)) == 4  # the same four steps as text
    marked = re.findall(r'<li aria-current="step"[^>]*>\s*<strong>([^<]+)</strong>', html)
    assert marked == ([current] if current else [])
    if current is None:
        assert f"planen for {today.year} gælder" in html
    # Coordinates with a decimal point whatever the locale (Danish prints a comma).
    assert re.search(r'<line x1="\d+\.\d" y1="\d+\.\d"', html)
    assert not re.search(r'(?:x|y|x1|y1|x2|y2|cx|cy)="\d+,\d', html)


@pytest.mark.django_db
def test_the_plan_index_shows_the_yearly_cycle(client, page_tree):
    html = client.get("/samarbejdsplan/").content.decode()
    assert "Årshjul for samarbejdsplanen" in html and "<svg" in html
