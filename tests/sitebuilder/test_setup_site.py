"""`manage.py setup_site`: the site built from the approved plan's text.

The expectations come from the source text itself (read here, independently of the parser) and
from what the plan says in so many words; nothing is taken from the code under test.
"""

import datetime
import re
import shutil
import tempfile
from collections import Counter
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, TestCase
from wagtail.models import Page, Revision, Site

from focus.models import FocusAreaPage
from home.models import HomePage
from municipalities.models import ConferencePage, MunicipalityPage
from news.models import NewsPage
from plans.models import PlanPage
from sitebuilder.builder import SiteBuilder
from tests.pagetext import (
    element_ids,
    html_lang,
    link_hrefs,
    normalise,
    paragraph_texts,
    soup,
    visible_text,
)

SOURCE = Path(settings.PLAN_SOURCE_FILE)
# A line of the printed table of contents: number, title, tab, page number.
TOC_ENTRY = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>.+?)\t+\s*(?P<page>\d+)\s*$")

MUNICIPALITIES = {
    "Skanderborg",
    "Horsens",
    "Hedensted",
    "Vejle",
    "Billund",
    "Fredericia",
    "Kolding",
}
GANG_COUNCILS = {"Horsens", "Vejle", "Kolding", "Fredericia"}
FIRE_SERVICES = {
    "Billund": "Trekantsområdets Brandvæsen",
    "Vejle": "Trekantsområdets Brandvæsen",
    "Kolding": "Trekantsområdets Brandvæsen",
    "Fredericia": "Trekantsområdets Brandvæsen",
    "Hedensted": "Sydøstjyllands Brandvæsen",
    "Horsens": "Sydøstjyllands Brandvæsen",
    "Skanderborg": "Østjyllands Brandvæsen",
}
NATIONAL_FOCUS_AREAS = {
    "3.1.1": "Tryghed",
    "3.1.2": "Indbrud i privat beboelse",
    "3.1.3": "Rocker- og bandeområdet",
    "3.1.4": "Politiets indsats i de danske grænseområder",
    "3.1.5": "Økonomisk it-kriminalitet",
    "3.1.6": "Omrejsende kriminelle grupperinger",
    "3.1.7": "Terror og Sikkerhed",
    "3.1.8": "Politiets færdselsindsats",
}
LOCAL_FOCUS_AREAS = {"3.2.1": "PANTHER I", "3.2.2": "PANTHER II"}


def source_lines():
    return SOURCE.read_text(encoding="utf-8").splitlines()


def printed_toc():
    """[(number, title, page)] from the source's table of contents."""
    return [
        (m["number"], m["title"].strip(), m["page"])
        for m in map(TOC_ENTRY.match, source_lines())
        if m
    ]


NUMBERED_HEADING = re.compile(r"^\d+(\.\d+)*\.? \S.{0,120}[^.]\.$")


def same_quotes(text):
    return re.sub('[»«”“„"]', '"', text)


def source_body_lines():
    """Every non-empty line after the cover and the table of contents, normalised."""
    lines = source_lines()
    last_toc_line = max(index for index, line in enumerate(lines) if TOC_ENTRY.match(line))
    body = []
    for line in lines[last_toc_line + 1 :]:
        text = line.strip()
        if text.startswith("- "):
            text = text[2:]
        text = normalise(text)
        if text:
            body.append(text)
    return body


def run_setup_site(**options):
    out = StringIO()
    call_command("setup_site", stdout=out, **options)
    return out.getvalue()


def test_source_file_is_the_full_plan():
    """Guards the helpers above: the TOC and the body are where this module expects them."""
    toc = printed_toc()
    assert len(toc) == 37
    assert toc[0] == ("1", "Indledning", "3")
    assert toc[-1] == ("9", "Iværksættelse og godkendelse", "13")
    body = source_body_lines()
    assert body[0] == "1. Indledning"
    assert body[-1].startswith("Samarbejdsplan 2017 er godkendt af Kredsrådet")
    assert len(body) > 150


class SetupSiteContentTests(TestCase):
    """One run of setup_site; the tests read what it built."""

    @classmethod
    def setUpTestData(cls):
        cls.output = run_setup_site(skip_index=True)
        cls.plan = PlanPage.objects.get()
        client = Client()
        cls.plan_html = client.get(cls.plan.url).content.decode()
        home = client.get("/")
        cls.home_status, cls.home_html = home.status_code, home.content.decode()

    # -- the plan page: completeness ------------------------------------------------------

    def test_every_line_of_the_source_is_on_the_plan_page(self):
        # Two differences are the site's style, not lost text: one kind of quotation marks
        # (»…«, where the print mixes ”…” and "…"), and headings without the print's full stop.
        text = same_quotes(visible_text(self.plan_html))
        lines = [
            same_quotes(line[:-1] if NUMBERED_HEADING.match(line) else line)
            for line in source_body_lines()
        ]
        missing = [line for line in lines if line not in text]
        assert not missing, (
            f"{len(missing)} of {len(lines)} lines of {SOURCE.name} are not on the plan page:\n"
            + "\n".join(missing)
        )

    def test_table_of_contents_links_every_entry_to_its_anchor(self):
        page = soup(self.plan_html)
        ids = element_ids(self.plan_html)
        toc_links = {}
        for link in page.find_all("a", href=True):
            if link["href"].startswith("#"):
                toc_links.setdefault(link["href"][1:], []).append(normalise(link.get_text()))
        for number, _title, _page in printed_toc():
            anchor = number.replace(".", "-")
            with self.subTest(number=number):
                assert anchor in ids, f"no element with id={anchor!r}"
                texts = [
                    text
                    for text in toc_links.get(anchor, [])
                    if text.split(" ", 1)[0].rstrip(".") == number
                ]
                assert texts, f"no link to #{anchor} whose text starts with {number}"

    def test_table_of_contents_has_no_page_numbers(self):
        page = soup(self.plan_html)
        toc = printed_toc()
        # The contents' entry for section 1 (not the "#" link in the section's own heading).
        first_link = next(
            a for a in page.find_all("a", href="#1") if normalise(a.get_text()).startswith("1")
        )
        # The table of contents: the smallest element around the links to every entry.
        container = first_link.parent
        wanted = {"#" + number.replace(".", "-") for number, _t, _p in toc}
        while not wanted <= {a["href"] for a in container.find_all("a", href=True)}:
            container = container.parent
        link_texts = [normalise(a.get_text()) for a in container.find_all("a", href=True)]
        entry_texts = self._entry_texts(link_texts, toc)
        for (number, _title, page_number), text in zip(toc, entry_texts, strict=True):
            with self.subTest(number=number):
                assert not re.search(rf"\s{page_number}$", text), text
        # Outside the links, the contents holds no numbers at all (no page-number column).
        outside = normalise(container.get_text())
        for text in link_texts:
            outside = outside.replace(text, " ", 1)
        assert not re.search(r"\d", outside), outside

    @staticmethod
    def _entry_texts(link_texts, toc):
        by_number = {}
        for text in link_texts:
            by_number.setdefault(text.split(" ", 1)[0].rstrip("."), text)
        return [by_number[number] for number, _t, _p in toc]

    # -- the plan page: page breaks mended, and only where the text continues --------------

    def assert_in_one_paragraph(self, *fragments):
        paragraphs = [p for p in paragraph_texts(self.plan_html) if all(f in p for f in fragments)]
        assert len(paragraphs) == 1, f"{fragments} are not together in exactly one <p>"

    def test_page_break_inside_a_sentence_is_joined(self):
        self.assert_in_one_paragraph(
            "en redegørelse til Kredsrådet om politiets virksomhed i det forløbne år."
        )

    def test_page_break_before_a_parenthesis_is_joined(self):
        self.assert_in_one_paragraph("bekymringsanvisninger (bekymringssamtaler mv.)")

    def test_page_break_after_og_is_joined(self):
        self.assert_in_one_paragraph("også Vejen og Middelfart, hvilket betyder")

    def test_page_break_after_mellem_is_joined(self):
        self.assert_in_one_paragraph(
            "»Plan for samarbejdet mellem Sydøstjyllands Politi, kommunerne"
        )

    def test_paragraph_without_full_stop_before_a_new_paragraph_is_not_joined(self):
        paragraphs = paragraph_texts(self.plan_html)
        ending = [p for p in paragraphs if p.endswith("af f.eks. narkotikakriminalitet")]
        starting = [p for p in paragraphs if p.startswith("Den lokale exit-enhed ved")]
        assert len(ending) == 1
        assert len(starting) == 1

    # -- the plan's facts ------------------------------------------------------------------

    def test_approval_facts_come_from_the_plan(self):
        assert self.plan.year == 2017
        assert self.plan.in_force_from == datetime.date(2017, 1, 1)
        assert "december 2016" in self.plan.approval_statement
        assert self.plan.live
        assert set(self.plan.parties) == MUNICIPALITIES

    def test_no_invented_dates(self):
        assert ConferencePage.objects.count() == 0
        assert NewsPage.objects.count() == 0

    # -- focus areas -------------------------------------------------------------------------

    def test_national_and_local_focus_areas(self):
        areas = {page.plan_section: page for page in FocusAreaPage.objects.live()}
        assert set(areas) == set(NATIONAL_FOCUS_AREAS) | set(LOCAL_FOCUS_AREAS)
        for section, title in NATIONAL_FOCUS_AREAS.items():
            with self.subTest(section=section):
                page = areas[section]
                assert page.title == title
                assert page.scope == FocusAreaPage.Scope.NATIONAL
                assert page.period == "2017–2020"
        for section, title in LOCAL_FOCUS_AREAS.items():
            with self.subTest(section=section):
                page = areas[section]
                assert page.title.startswith(title)
                assert page.scope == FocusAreaPage.Scope.LOCAL
                assert page.period == "2017"

    def test_focus_areas_link_back_to_their_plan_section(self):
        ids = element_ids(self.plan_html)
        client = Client()
        for page in FocusAreaPage.objects.live():
            with self.subTest(section=page.plan_section):
                anchor = page.plan_section.replace(".", "-")
                assert page.plan_page_id == self.plan.pk
                assert page.plan_section_url == f"{self.plan.url}#{anchor}"
                assert anchor in ids
                assert page.plan_section_url in link_hrefs(client.get(page.url).content.decode())

    # -- municipalities ----------------------------------------------------------------------

    def collaborations(self):
        return {
            page.name: [block.value["name"] for block in page.collaborations]
            for page in MunicipalityPage.objects.live()
        }

    def test_seven_municipalities_without_an_invented_police_centre(self):
        pages = MunicipalityPage.objects.live()
        assert pages.count() == 7
        assert {page.name for page in pages} == MUNICIPALITIES
        assert all(page.police_centre == "" for page in pages)

    def test_gang_councils_only_where_the_plan_says(self):
        for name, collaborations in self.collaborations().items():
            with self.subTest(municipality=name):
                assert ("Banderåd" in collaborations) == (name in GANG_COUNCILS)

    def test_licensing_boards_in_all_seven(self):
        for name, collaborations in self.collaborations().items():
            with self.subTest(municipality=name):
                assert "Bevillingsnævn" in collaborations

    def test_fire_service_per_municipality(self):
        for name, collaborations in self.collaborations().items():
            with self.subTest(municipality=name):
                services = [c for c in collaborations if "Brandvæsen" in c]
                assert len(services) == 1, services
                assert FIRE_SERVICES[name] in services[0]

    def test_municipality_pages_show_their_councils(self):
        client = Client()
        for page in MunicipalityPage.objects.live():
            with self.subTest(municipality=page.name):
                text = visible_text(client.get(page.url).content.decode())
                assert FIRE_SERVICES[page.name] in text
                assert ("Banderåd" in text) == (page.name in GANG_COUNCILS)

    # -- every page is public ------------------------------------------------------------------

    def test_every_page_answers_anonymous_readers(self):
        pages = Page.objects.filter(depth__gt=1).live()
        assert pages.count() >= 30
        client = Client()
        for page in pages:
            with self.subTest(url=page.url):
                assert client.get(page.url).status_code == 200

    def test_home_page_is_the_site_root_in_danish(self):
        site = Site.objects.get(is_default_site=True)
        assert site.root_page.specific_class is HomePage
        assert self.home_status == 200
        assert html_lang(self.home_html) == "da"

    # -- content that helps a citizen act --------------------------------------------------

    def test_the_home_lead_says_what_kredsraadet_is_and_links_the_four_tasks(self):
        lead = soup(self.home_html).select_one(".home-hero .lead")
        text = normalise(lead.get_text(" "))
        assert text.startswith("Kredsrådet udgør det strategiske niveau for hele politikredsen")
        hrefs = [link["href"] for link in lead.find_all("a")]
        assert hrefs == [
            "/forebyggelse/",
            "/forebyggelse/tryghed-og-indbrud/",
            "/kommuner/",
            self.plan.url,
        ]

    def test_no_focus_area_or_advice_page_repeats_its_lead_in_the_body(self):
        from focus.models import AdvicePage

        client = Client()
        pages = [*FocusAreaPage.objects.all(), *AdvicePage.objects.all()]
        assert len(pages) > 10
        for page in pages:
            with self.subTest(page=page.title):
                html = soup(client.get(page.url).content.decode())
                lead = html.select_one("article p.lead")
                body = [
                    normalise(p.get_text())
                    for p in html.select("article p:not(.lead):not(.meta):not(.plan-reference)")
                ]
                if lead is not None:
                    assert not body or not body[0].startswith(normalise(lead.get_text()))
                else:
                    assert page.summary and page.summary in " ".join(body)

    def test_advice_cards_have_distinct_summaries(self):
        from focus.models import AdvicePage

        summaries = Counter(AdvicePage.objects.values_list("summary", flat=True))
        assert summaries and max(summaries.values()) == 1, summaries

    def test_headings_in_the_contents_and_cards_have_no_trailing_full_stop(self):
        toc = soup(self.plan_html).select(".plan-toc__list a")
        assert toc
        assert [a.get_text() for a in toc if a.get_text().strip().endswith(".")] == []
        focus_index = Client().get("/fokusomraader/").content.decode()
        cards = [h.get_text(strip=True) for h in soup(focus_index).select(".card-heading")]
        assert cards and not [title for title in cards if title.endswith(".")]

    def test_the_site_quotes_with_one_style(self):
        text = visible_text(self.plan_html)
        assert "»Community policing«" in text
        assert "”" not in text and "“" not in text and "„" not in text

    def test_wagtails_welcome_page_is_gone(self):
        assert not Page.objects.filter(depth=2).exclude(pk=HomePage.objects.get().pk).exists()


def write_temporary(test, name, content):
    directory = tempfile.mkdtemp()
    test.addCleanup(shutil.rmtree, directory, True)
    path = Path(directory) / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


class SetupSiteRerunTests(TestCase):
    """setup_site on a site it has already built."""

    @classmethod
    def setUpTestData(cls):
        run_setup_site(skip_index=True)
        cls.pages = Page.objects.count()
        cls.revisions = Revision.objects.count()
        cls.url_paths = set(Page.objects.values_list("url_path", flat=True))

    def test_a_second_run_changes_nothing(self):
        output = run_setup_site(skip_index=True)

        assert "0 sider oprettet" in output
        # One line per step, not one per page.
        lines = output.splitlines()
        assert len(lines) <= 8, output
        assert f"Sider: {self.pages - 1} klar." in lines or any(
            line.startswith("Sider: ") and line.endswith(" klar.") for line in lines
        )
        assert not [line for line in lines if line.startswith(("Oprettet:", "Findes allerede:"))]
        assert Page.objects.count() == self.pages
        assert Revision.objects.count() == self.revisions
        assert set(Page.objects.values_list("url_path", flat=True)) == self.url_paths
        slugs = Counter(Page.objects.values_list("slug", flat=True))
        assert not [slug for slug, count in slugs.items() if count > 1]

    def test_an_editors_change_survives_a_second_run(self):
        page = FocusAreaPage.objects.get(plan_section="3.1.2")
        page.title = "Indbrud – redigeret"
        page.save_revision().publish()

        run_setup_site(skip_index=True)

        assert FocusAreaPage.objects.get(plan_section="3.1.2").title == "Indbrud – redigeret"
        assert FocusAreaPage.objects.count() == 10

    def test_malformed_file_changes_nothing(self):
        # The plan cut short before DEL II: sections listed in the contents are missing.
        text = SOURCE.read_text(encoding="utf-8")
        path = write_temporary(self, "afkortet.txt", text[: text.index("\nDEL II\n")])
        with pytest.raises(CommandError, match="mangler i teksten"):
            run_setup_site(plan=str(path), skip_index=True)
        assert Page.objects.count() == self.pages
        assert Revision.objects.count() == self.revisions


class SetupSiteBrokenInputTests(TestCase):
    """setup_site on a fresh database (only Wagtail's root and welcome page) writes nothing
    when the plan cannot be used."""

    def assert_nothing_written(self, plan_path):
        pages = Page.objects.count()
        revisions = Revision.objects.count()
        with pytest.raises(CommandError, match="intet er skrevet"):
            run_setup_site(plan=str(plan_path), skip_index=True)
        assert Page.objects.count() == pages
        assert Revision.objects.count() == revisions
        assert not HomePage.objects.exists()

    def test_missing_file(self):
        self.assert_nothing_written(Path(settings.BASE_DIR) / "content" / "findes-ikke.txt")

    def test_file_without_table_of_contents(self):
        text = "Skanderborg\n\nSamarbejdsplan\n\n2017\n\n1. Indledning\n\nTekst.\n"
        self.assert_nothing_written(write_temporary(self, "uden-indhold.txt", text))

    def test_file_that_is_not_utf8(self):
        content = SOURCE.read_text(encoding="utf-8").encode("latin-1", "replace")
        self.assert_nothing_written(write_temporary(self, "latin1.txt", content))

    def test_a_failure_while_building_rolls_everything_back(self):
        pages = Page.objects.count()
        # Fails after the home page, the plan, the advice and the focus areas are created.
        with (
            mock.patch.object(
                SiteBuilder, "build_municipalities", side_effect=RuntimeError("stop")
            ),
            pytest.raises(RuntimeError, match="stop"),
        ):
            run_setup_site(skip_index=True)
        assert Page.objects.count() == pages
        assert not HomePage.objects.exists()
        assert not PlanPage.objects.exists()
