"""The parser of the plan's text (home/plan_text.py), on small texts written here."""

import datetime
import textwrap

import pytest

from plans.plan_text import PlanSourceError, join_page_breaks, parse_plan, read_plan

COVER = (
    "Skanderborg\n\nHorsens\n\nSamarbejdsplan\n\nKREDSRÅDET\n\n2017\n\nSYDØSTJYLLANDS\n\nPOLITI\n\n"
)


def plan_text(toc, body):
    """A plan: the cover, "Indhold", the TOC lines (tab + page number), then the body."""
    return COVER + "Indhold\n\n" + textwrap.dedent(toc).lstrip("\n") + "\n" + textwrap.dedent(body)


SMALL_PLAN = plan_text(
    """\
    1. Indledning\t3
    3.1.2 Indbrud i privat beboelse\t5
    9. Iværksættelse og godkendelse\t13
    """,
    """
    1. Indledning

    Denne samarbejdsplan omfatter samarbejdet mellem kommuner og politi.

    - Forebyggelse og bekæmpelse af kriminalitet
    - Den generelle indsats
     - retter sig mod børn og unge.
     - og mod deres forældre.
    - Borgernær politibetjening

    Jørgen Gaarde

    Kirsten Terkilsen

    Peter Sørensen

    DEL I

    3.1.2 Indbrud i privat beboelse.

    Udviklingen i indbrudsstatistikken viser et fald.

    DEL II

    9. Iværksættelse og godkendelse

    Samarbejdsplan 2017 er godkendt af Kredsrådet på ordinært kredsrådsmøde december 2016 og \
har virkning fra 1. januar 2017.
    """,
)


@pytest.fixture
def plan():
    return parse_plan(SMALL_PLAN)


def test_toc_is_parsed_without_page_numbers(plan):
    assert plan.toc == [
        ("1", "Indledning"),
        ("3.1.2", "Indbrud i privat beboelse"),
        ("9", "Iværksættelse og godkendelse"),
    ]
    assert all("\t" not in title and not title[-1].isdigit() for _number, title in plan.toc)


def test_cover_gives_year_parties_and_issuers(plan):
    assert plan.year == 2017
    assert plan.parties == ["Skanderborg", "Horsens"]
    assert plan.issuers == ["Kredsrådet", "Sydøstjyllands Politi"]


def test_headings_and_parts(plan):
    assert [(s.number, s.title, s.part) for s in plan.sections] == [
        ("1", "Indledning", ""),
        ("3.1.2", "Indbrud i privat beboelse.", "DEL I"),
        ("9", "Iværksættelse og godkendelse", "DEL II"),
    ]
    assert plan.parts == ["DEL I", "DEL II"]
    assert plan.section("3.1.2").depth == 3
    with pytest.raises(KeyError):
        plan.section("4")


def test_paragraphs_bullets_and_nested_sub_bullets(plan):
    blocks = plan.section("1").blocks
    assert [block.kind for block in blocks] == ["paragraph", "list", "signatories"]
    assert blocks[0].text == "Denne samarbejdsplan omfatter samarbejdet mellem kommuner og politi."
    assert blocks[1].items == [
        {"text": "Forebyggelse og bekæmpelse af kriminalitet", "sub_items": []},
        {
            "text": "Den generelle indsats",
            "sub_items": ["retter sig mod børn og unge.", "og mod deres forældre."],
        },
        {"text": "Borgernær politibetjening", "sub_items": []},
    ]


def test_signatories_are_grouped(plan):
    signatories = plan.section("1").blocks[-1]
    assert signatories.kind == "signatories"
    assert signatories.items == ["Jørgen Gaarde", "Kirsten Terkilsen", "Peter Sørensen"]


def test_two_names_are_not_a_signature_list():
    text = plan_text(
        "1. Indledning\t3\n",
        "\n1. Indledning\n\nJørgen Gaarde\n\nKirsten Terkilsen\n\nEn afsluttende sætning.\n",
    )
    blocks = parse_plan(text).section("1").blocks
    assert [block.kind for block in blocks] == ["paragraph", "paragraph", "paragraph"]


def test_approval_and_date_in_force(plan):
    assert "december 2016" in plan.approval_statement
    assert plan.in_force_from == datetime.date(2017, 1, 1)


def _joined(body):
    text = plan_text("1. Indledning\t3\n", "\n1. Indledning\n\n" + textwrap.dedent(body))
    return parse_plan(text).section("1").paragraphs


def test_page_break_join_when_next_paragraph_starts_in_lower_case():
    paragraphs = _joined(
        """
        Ledelsessekretariatet udarbejder en redegørelse til Kredsrådet om politiets virksomhed

        i det forløbne år.
        """
    )
    assert paragraphs == [
        "Ledelsessekretariatet udarbejder en redegørelse til Kredsrådet om politiets "
        "virksomhed i det forløbne år."
    ]


def test_page_break_join_when_next_paragraph_starts_with_a_parenthesis():
    paragraphs = _joined(
        """
        Indsatsen omfatter håndtering af bekymringsanvisninger

        (bekymringssamtaler mv.), Infohusets virke.
        """
    )
    assert paragraphs == [
        "Indsatsen omfatter håndtering af bekymringsanvisninger (bekymringssamtaler mv.), "
        "Infohusets virke."
    ]


@pytest.mark.parametrize("word", ["mellem", "og"])
def test_page_break_join_after_a_function_word(word):
    paragraphs = _joined(
        f"""
        Et udkast til en plan for samarbejdet {word}

        Sydøstjyllands Politi og kommunerne.
        """
    )
    assert paragraphs == [
        f"Et udkast til en plan for samarbejdet {word} Sydøstjyllands Politi og kommunerne."
    ]


def test_no_join_for_a_capitalised_new_paragraph_after_a_paragraph_without_full_stop():
    paragraphs = _joined(
        """
        Der vil være fokus på den økonomiske dimension i efterforskninger af f.eks. \
narkotikakriminalitet

        Den lokale exit-enhed ved Sydøstjyllands Politi understøtter processen.
        """
    )
    assert paragraphs == [
        "Der vil være fokus på den økonomiske dimension i efterforskninger af f.eks. "
        "narkotikakriminalitet",
        "Den lokale exit-enhed ved Sydøstjyllands Politi understøtter processen.",
    ]


def test_no_join_after_a_full_stop_even_before_lower_case():
    from plans.plan_text import Block

    blocks = join_page_breaks(
        [Block("paragraph", text="Første afsnit."), Block("paragraph", text="andet afsnit.")]
    )
    assert [block.text for block in blocks] == ["Første afsnit.", "andet afsnit."]


# -- rejected input -------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(PlanSourceError, match="findes ikke"):
        read_plan(tmp_path / "findes-ikke.txt")


def test_no_indhold_line():
    with pytest.raises(PlanSourceError, match="indholdsfortegnelse"):
        parse_plan(SMALL_PLAN.replace("Indhold\n", "Indholdet\n"))


def test_empty_toc():
    text = COVER + "Indhold\n\n1. Indledning\n\nTekst.\n"
    with pytest.raises(PlanSourceError, match="Indholdsfortegnelsen er tom"):
        parse_plan(text)


def test_toc_number_missing_from_the_body_is_a_problem_with_its_line():
    text = plan_text("1. Indledning\t3\n2. Strategi\t4\n", "\n1. Indledning\n\nTekst.\n")
    plan = parse_plan(text)
    assert [s.number for s in plan.sections] == ["1"]
    toc_line = text.splitlines().index("2. Strategi\t4") + 1
    assert [str(p) for p in plan.problems] == [
        f'linje {toc_line}: Afsnit 2 "Strategi" står i indholdsfortegnelsen, men findes ikke '
        "i teksten."
    ]
    assert {
        "number": "2",
        "toc_title": "Strategi",
        "body_title": "",
        "status": "mangler i teksten",
    } in plan.toc_report


def test_duplicated_section_numbers():
    text = plan_text(
        "1. Indledning\t3\n", "\n1. Indledning\n\nTekst.\n\n1. Indledning igen\n\nMere.\n"
    )
    with pytest.raises(PlanSourceError, match=r"flere gange i teksten: 1 \(linje \d+, linje \d+\)"):
        parse_plan(text)


def test_sub_bullet_without_a_bullet_is_kept_as_a_bullet_and_reported():
    text = plan_text("1. Indledning\t3\n", "\n1. Indledning\n\nTekst.\n\n - et underpunkt\n")
    plan = parse_plan(text)
    assert plan.section("1").blocks[-1].items == [{"text": "et underpunkt", "sub_items": []}]
    (problem,) = plan.problems
    assert "underpunkt står uden et punkt" in problem.message
    assert problem.location.line == text.splitlines().index(" - et underpunkt") + 1


def test_non_utf8_bytes(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(SMALL_PLAN.encode("latin-1"))
    with pytest.raises(PlanSourceError, match="UTF-8"):
        read_plan(path)


def test_utf8_file_is_read(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(SMALL_PLAN.replace("\n", "\r\n"), encoding="utf-8")
    assert [s.number for s in read_plan(path).sections] == ["1", "3.1.2", "9"]
