"""`manage.py import_plan`: variants of the 2017 plan, as real documents come, give the right
sections and all of their text on the year's draft; broken files write nothing; the same file
twice makes one revision. The documents are made here (tests/plans/plan_documents.py)."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from focus.models import FocusAreaPage
from plans.models import PlanPage
from plans.plan_files import parse_plan_file
from plans.signals import plan_imported
from tests.plans import plan_documents as documents

HEADER = "Samarbejdsplan 2018 – Sydøstjyllands Politi"


@pytest.fixture(scope="module")
def model_2018():
    return documents.with_year(documents.read_model(), 2018)


def run_import(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def draft_of(year):
    page = PlanPage.objects.get(year=year)
    return page, page.get_latest_revision_as_object()


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


TEXT_VARIANTS = {
    "crlf-and-nbsp": {"line_end": "\r\n", "nbsp": True},
    "bullet-glyph-and-dash-sub-bullets": {"glyph": "•", "sub_glyph": "–", "sub_indent": ""},
    "square-bullets-indented": {"glyph": "▪", "sub_glyph": "–", "sub_indent": "    "},
    "wrapped-hyphenated-with-headers-and-footers": {
        "wrap": 70,
        "hyphenate": True,
        "furniture": HEADER,
        "lines_per_page": 37,
    },
}


def _write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def _assert_draft_has(model, year=2018):
    page, draft = draft_of(year)
    assert not page.live
    assert documents.imported_sections(draft.sections) == documents.expected_sections(model)
    return page, draft


@pytest.mark.django_db
@pytest.mark.parametrize("variant", TEXT_VARIANTS)
def test_text_variants_give_every_section_and_all_their_text(
    page_tree, tmp_path, model_2018, variant
):
    path = _write(tmp_path, "plan.txt", documents.render_text(model_2018, **TEXT_VARIANTS[variant]))
    run_import(path)
    _page, draft = _assert_draft_has(model_2018)
    # The lists keep their nesting whatever the glyphs: 2.1 has three bullets with one sub each.
    section = next(s for s in draft.sections if s["number"] == "2.1")
    (bullets,) = [block for block in section["blocks"] if block["kind"] == "list"]
    assert [len(item["sub_items"]) for item in bullets["items"]] == [1, 1, 1]
    signatories = draft.sections[0]["blocks"][-1]
    assert signatories["kind"] == "signatories" and len(signatories["items"]) == 8


@pytest.mark.django_db
def test_page_headers_and_footers_are_taken_out_and_said(tmp_path, model_2018):
    text = documents.render_text(
        model_2018, **TEXT_VARIANTS["wrapped-hyphenated-with-headers-and-footers"]
    )
    plan = parse_plan_file(text.encode(), "plan.txt")
    assert plan.removed_lines[HEADER] >= 10
    assert plan.removed_lines["Side 2"] == 1
    all_text = " ".join(" ".join(s.paragraphs) for s in plan.sections)
    assert HEADER not in all_text and "Side 3" not in all_text
    # A word hyphenated at the line end is whole again, a Danish "rocker- og" keeps its hyphen.
    assert "kriminalitetsforebyggende" in all_text and "Rocker- og" not in all_text
    assert "rocker- og bandemedlemmer" in all_text


@pytest.mark.django_db
def test_pdf_variant(page_tree, tmp_path, model_2018):
    path = _write(tmp_path, "samarbejdsplan-2018.pdf", documents.render_pdf(model_2018))
    _out, err = run_import(path)
    _assert_draft_has(model_2018)
    # Problems name their page in a PDF: section 4 is missing from the 2017 contents.
    assert 'Advarsel, side 9: Afsnit 4 "Baggrunden for samarbejdet" står i teksten' in err


@pytest.mark.django_db
def test_word_variant(page_tree, tmp_path, model_2018):
    path = _write(tmp_path, "samarbejdsplan-2018.docx", documents.render_docx(model_2018))
    run_import(path)
    _page, draft = _assert_draft_has(model_2018)
    section = next(s for s in draft.sections if s["number"] == "2.1")
    (bullets,) = [block for block in section["blocks"] if block["kind"] == "list"]
    assert bullets["items"][0] == {
        "text": "Den generelle indsats",
        "sub_items": [
            "retter sig mod børn og unge, hvor der ikke har været tegn på kriminel adfærd."
        ],
    }


@pytest.mark.django_db
def test_renumbered_added_and_removed_sections(page_tree, tmp_path, model_2018):
    model = documents.remove_section(model_2018, "3.1.4")
    model = documents.renumber(model, "9", "10")
    model = documents.add_section(
        model, "8.4", "9", "Evaluering", ["Kredsrådet evaluerer planen i november."]
    )
    model = documents.retitle_in_toc(model, "7.1", "Ledelsessekretariatet")
    path = _write(tmp_path, "plan.txt", documents.render_text(model, wrap=80, hyphenate=True))
    _out, err = run_import(path)
    _page, draft = _assert_draft_has(model)
    numbers = [s["number"] for s in draft.sections]
    assert "3.1.4" not in numbers and numbers[-2:] == ["9", "10"]
    assert 'Afsnit 7.1 hedder "Ledelsessekretariatet" i indholdsfortegnelsen, men ' in err


@pytest.mark.django_db
def test_contents_entry_without_its_section_and_heading_out_of_order_are_reported(tmp_path):
    model = documents.read_model()
    # The body loses 3.1.4 but the contents keep it; 6.4 moves before 6.3.
    start, end = documents._section_range(model, "3.1.4")
    del model.body[start:end]
    start, end = documents._section_range(model, "6.4")
    moved = model.body[start:end]
    del model.body[start:end]
    at, _ = documents._section_range(model, "6.3")
    model.body[at:at] = moved
    text = documents.render_text(model)
    plan = parse_plan_file(text.encode(), "plan.txt")
    problems = [str(problem) for problem in plan.problems]
    toc_line = text.split("\n").index("3.1.4 Politiets indsats i de danske grænseområder.\t6") + 1
    heading_line = text.split("\n").index("6.3 PSP samarbejdet") + 1
    assert (
        f'linje {toc_line}: Afsnit 3.1.4 "Politiets indsats i de danske grænseområder." står i '
        "indholdsfortegnelsen, men findes ikke i teksten." in problems
    )
    assert (
        f"linje {heading_line}: Afsnit 6.3 står efter afsnit 6.4: overskriften står uden for "
        "nummerrækkefølgen." in problems
    )
    rows = {row["number"]: row["status"] for row in plan.toc_report}
    assert rows["3.1.4"] == "mangler i teksten" and rows["4"] == "står ikke i indholdsfortegnelsen"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"%PDF-1.4 ikke en rigtig pdf", "PDF-filen kan ikke læses"),
        ("plan.docx", b"PK\x03\x04 ikke et rigtigt dokument", "Word-filen kan ikke læses"),
        (
            "plan.txt",
            "Samarbejdsplan\n\n2018\n\nIngen indholdsfortegnelse.\n",
            "indholdsfortegnelse",
        ),
        ("plan.txt", "æøå".encode("latin-1"), "UTF-8"),
        ("plan.odt", b"noget", "Filtypen"),
    ],
)
def test_a_file_that_cannot_be_read_writes_nothing(page_tree, tmp_path, name, content, message):
    pages, revisions = PlanPage.objects.count(), Revision.objects.count()
    path = _write(tmp_path, name, content)
    with pytest.raises(CommandError, match=message):
        run_import(path)
    assert PlanPage.objects.count() == pages
    assert Revision.objects.count() == revisions


@pytest.mark.django_db
def test_same_file_twice_makes_one_revision_and_a_changed_text_another(
    page_tree, tmp_path, model_2018
):
    path = _write(tmp_path, "plan.txt", documents.render_text(model_2018))
    out, _err = run_import(path)
    assert out.strip() == "Samarbejdsplan 2018 er oprettet som kladde."
    page, _draft = draft_of(2018)
    assert revisions_of(page) == 1
    # Quiet when nothing changes.
    assert run_import(path)[0] == ""
    assert revisions_of(page) == 1
    changed = documents.change_paragraph(model_2018, "3.1.5", "I 2017 vil vi", "I 2018 vil vi")
    path.write_text(documents.render_text(changed), encoding="utf-8")
    assert "ny kladde" in run_import(path)[0]
    assert revisions_of(page) == 2
    _page, draft = draft_of(2018)
    assert documents.imported_sections(draft.sections) == documents.expected_sections(changed)
    assert PlanPage.objects.filter(year=2018).count() == 1


@pytest.mark.django_db
def test_import_over_a_live_plan_makes_a_draft_revision_and_leaves_the_live_text(
    page_tree, tmp_path
):
    live = page_tree.plan  # 2017, live, the factory's short body
    live_sections = live.sections
    path = _write(tmp_path, "plan.txt", documents.render_text(documents.read_model()))
    run_import(path)
    live = PlanPage.objects.get(pk=live.pk)
    assert live.live and live.has_unpublished_changes
    assert live.sections == live_sections
    assert len(live.get_latest_revision_as_object().sections) == 38


@pytest.mark.django_db
def test_the_year_can_be_given(page_tree, tmp_path):
    path = _write(tmp_path, "plan.txt", documents.render_text(documents.read_model()))
    _out, err = run_import(path, "--year", "2019")
    page, draft = draft_of(2019)
    assert draft.title == "Samarbejdsplan 2019" and page.slug == "2019"
    assert "Forsiden nævner 2017, men planen læses som plan for 2019." in err


@pytest.mark.django_db
def test_local_focus_areas_of_the_new_year_are_drafts(page_tree, tmp_path, model_2018):
    run_import(_write(tmp_path, "plan.txt", documents.render_text(model_2018)))
    page, _draft = draft_of(2018)
    areas = FocusAreaPage.objects.filter(plan_page=page).order_by("plan_section")
    assert [(a.title, a.period, a.scope, a.live, a.plan_section) for a in areas] == [
        ("PANTHER I (Pre-entry)", "2018", "local", False, "3.2.1"),
        ("PANTHER II (Antiradikalisering)", "2018", "local", False, "3.2.2"),
    ]
    # Again: no second set.
    changed = documents.change_paragraph(model_2018, "3.2.1", "videreføres", "fortsætter")
    run_import(_write(tmp_path, "plan.txt", documents.render_text(changed)))
    assert FocusAreaPage.objects.filter(plan_page=page).count() == 2


@pytest.mark.django_db
def test_a_failure_after_the_page_is_made_leaves_nothing(page_tree, tmp_path, model_2018):
    def fail(**kwargs):
        raise RuntimeError("fejl efter oprettelsen")

    plan_imported.connect(fail, dispatch_uid="test-fail")
    try:
        with pytest.raises(RuntimeError):
            run_import(_write(tmp_path, "plan.txt", documents.render_text(model_2018)))
    finally:
        plan_imported.disconnect(dispatch_uid="test-fail")
    assert not PlanPage.objects.filter(year=2018).exists()
    assert not FocusAreaPage.objects.filter(period="2018").exists()
