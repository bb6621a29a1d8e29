"""The plan as a document: the PDF made from the plan page (WeasyPrint), read back with pypdf."""

import io
import logging
import re

import pytest
from pypdf import PdfReader

from plans import pdf as plan_pdf
from plans.models import PlanDocument
from tests.factories import PlanPageFactory, build_page_tree, paragraph, stream

pytestmark = pytest.mark.django_db

BODY = stream(
    ("section", {"number": "1", "title": "Indledning"}),
    paragraph("Samarbejdsplanen beskriver samarbejdet mellem politiet og kommunerne."),
    ("signatories", {"names": ["Jørgen Gaarde", "Kirsten Terkilsen"]}),
    ("part", {"label_text": "DEL I"}),
    ("section", {"number": "3", "title": "Særlige Indsatsområder"}),
    paragraph("Politiet vil forebygge og bekæmpe den kriminalitet, der rammer borgerne."),
    ("section", {"number": "3.1.2", "title": "Indbrud i privat beboelse."}),
    paragraph("Udviklingen i indbrudsstatistikken."),
    (
        "bullet_list",
        {"items": [{"text": "Den generelle indsats", "sub_items": ["retter sig mod unge"]}]},
    ),
)
SECTIONS = [
    "1. Indledning",
    "DEL I",
    "3. Særlige Indsatsområder",
    "3.1.2 Indbrud i privat beboelse",
]


@pytest.fixture
def plan(db):
    tree = build_page_tree()
    plan = tree.plan
    plan.body = BODY
    plan.save_revision().publish()
    return plan


def bookmarks(reader):
    titles = []

    def walk(outline):
        for item in outline:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title.strip())

    walk(reader.outline)
    return titles


def pdf_text(reader):
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_a_bookmark_per_part_and_section_and_the_text(plan):
    reader = PdfReader(io.BytesIO(plan_pdf.render_plan_pdf(plan)))
    assert bookmarks(reader) == SECTIONS
    text = pdf_text(reader)
    assert "Samarbejdsplanen beskriver samarbejdet mellem politiet og kommunerne." in text
    assert "Udviklingen i indbrudsstatistikken." in text
    assert "retter sig mod unge" in text
    assert "Jørgen Gaarde" in text


def test_the_pdf_has_contents_page_numbers_and_the_plans_address_and_date(plan):
    reader = PdfReader(io.BytesIO(plan_pdf.render_plan_pdf(plan)))
    pages = len(reader.pages)
    assert pages >= 3  # the cover, the contents, the text
    contents = " ".join(reader.pages[1].extract_text().split())
    assert "Indholdsfortegnelse" in contents
    # Each entry with the page its section starts on.
    listed = re.search(r"3\.1\.2 Indbrud i privat beboelse \.+ ?(\d+)", contents)
    assert listed, contents
    starts_on = next(
        number
        for number, page in enumerate(reader.pages[2:], start=3)
        if "Udviklingen i indbrudsstatistikken" in page.extract_text()
    )
    assert int(listed.group(1)) == starts_on
    for number in range(1, pages + 1):
        assert f"Side {number} af {pages}" in reader.pages[number - 1].extract_text()
    text = pdf_text(reader)
    assert "http://localhost/samarbejdsplan/2017/" in text
    assert "Gældende fra 1. januar 2017" in text


def test_publishing_the_plan_stores_its_pdf(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        revision = plan.save_revision()
        revision.publish()
    document = PlanDocument.objects.get(page=plan)
    assert document.revision_id == revision.pk
    assert document.file.name.endswith(".pdf")
    with document.file.open("rb") as stored:
        assert bookmarks(PdfReader(stored)) == SECTIONS


def test_a_failing_pdf_does_not_break_publishing(
    plan, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(page):
        # Stands for WeasyPrint failing (a missing Pango, a bad stylesheet).
        raise OSError("cannot load library 'pango-1.0-0'")

    monkeypatch.setattr(plan_pdf, "render_plan_pdf", broken)
    plan.title = "Samarbejdsplan 2017 (rettet)"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    plan.refresh_from_db()
    assert plan.title == "Samarbejdsplan 2017 (rettet)" and plan.live
    assert not PlanDocument.objects.filter(page=plan).exists()
    assert "Could not generate the PDF" in caplog.text


def test_the_plan_page_links_its_pdf_which_is_served_and_kept(client, plan):
    html = client.get(plan.url).content.decode()
    assert f'href="{plan.url}pdf/"' in html
    response = client.get(f"{plan.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "samarbejdsplan-2017.pdf" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert bookmarks(PdfReader(io.BytesIO(body))) == SECTIONS
    made = PlanDocument.objects.get(page=plan).generated_at
    client.get(f"{plan.url}pdf/")
    assert PlanDocument.objects.get(page=plan).generated_at == made  # served, not made again


def test_a_new_revision_gets_a_new_pdf_on_request(client, plan):
    client.get(f"{plan.url}pdf/")
    plan.body = stream(
        ("section", {"number": "1", "title": "Indledning"}), paragraph("En ny tekst.")
    )
    plan.save_revision().publish()  # in the test's transaction: no on-commit generation
    response = client.get(f"{plan.url}pdf/")
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert bookmarks(reader) == ["1. Indledning"]
    assert "En ny tekst." in pdf_text(reader)


def test_a_draft_plan_has_no_pdf(client, db):
    tree = build_page_tree()
    draft = PlanPageFactory(parent=tree.plan_index, year=2030, live=False)
    assert client.get(f"{draft.url_path}pdf/").status_code == 404
