"""Build the site's page tree from a parsed plan (used by `manage.py setup_site`).

Every page is looked up by its slug under its parent before it is created, and an existing page
is left as it is: a second run changes nothing, and an editor's later changes are never
overwritten. The caller runs `build()` inside one transaction.
"""

import json
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.html import escape
from wagtail.models import Page, Site

from focus.models import (
    AdviceIndexPage,
    AdvicePage,
    FocusAreaIndexPage,
    FocusAreaPage,
    FocusAreaRelatedPage,
)
from home.models import HomePage, NavigationSettings, StandardPage
from home.slugs import danish_slugify
from home.text import danish_quotes
from municipalities.models import MunicipalityIndexPage, MunicipalityPage
from news.models import NewsIndexPage
from plans.importing import blocks_to_stream, paragraph_html, plan_page_fields, plan_stream
from plans.models import PlanIndexPage, PlanPage
from project_requests.models import ProjectRequestPage
from project_requests.privacy import retention_text

SENTENCE_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ”\"])")

# Advice pages for the burglary-prevention content of the plan: each takes the plan's paragraph
# that mentions its keyword. (keyword, title, slug, topic)
# Skalsikring, tryghedsvandring and nabohjælp share one sentence of the plan ("Projektet som er
# et forebyggelsesprojekt bestående af vejledning omkring hussikring (skalsikring),
# tryghedsvandring og nabohjælp, tilbydes grundejerforeninger og lignende gennem DKS …"): three
# cards with the same summary say nothing. Each gets that sentence's statement about its part.
SHARED_SENTENCE_SUMMARIES = {
    "sikring-af-hjemmet": "Vejledning om hussikring (skalsikring) er en del af Trygheds- og "
    "Indbrudsprojektet, som tilbydes grundejerforeninger og lignende.",
    "tryghedsvandring": "En tryghedsvandring er en del af Trygheds- og Indbrudsprojektet, som "
    "tilbydes grundejerforeninger og lignende.",
    "nabohjaelp": "Nabohjælp er en del af Trygheds- og Indbrudsprojektet, som tilbydes "
    "grundejerforeninger og lignende.",
}
ADVICE_PAGES = [
    (
        "Trygheds- og Indbrudsprojekt",
        "Trygheds- og Indbrudsprojektet",
        "tryghed-og-indbrud",
        AdvicePage.Topic.BURGLARY,
    ),
    ("skalsikring", "Sikring af hjemmet", "sikring-af-hjemmet", AdvicePage.Topic.BURGLARY),
    ("tryghedsvandring", "Tryghedsvandring", "tryghedsvandring", AdvicePage.Topic.NEIGHBOURHOOD),
    ("nabohjælp", "Nabohjælp", "nabohjaelp", AdvicePage.Topic.NEIGHBOURHOOD),
    (
        "genbesøg",
        "Genbesøg efter gentagne indbrud",
        "genbesoeg-efter-indbrud",
        AdvicePage.Topic.BURGLARY,
    ),
    ("hæleri", "Indsatsen mod hæleri", "haeleri", AdvicePage.Topic.BURGLARY),
    (
        "sociale medier",
        "Hensigtsmæssig omgang med sociale medier",
        "sociale-medier",
        AdvicePage.Topic.ONLINE,
    ),
]
PROJECT_SLUG = "tryghed-og-indbrud"


def privacy_body():
    """The privacy page: what the site processes, why, how long, and whom to contact. How long
    comes from project_requests.privacy, in the words anonymisation is built from."""
    retention = escape(retention_text(settings.PROJECT_REQUEST_RETENTION_MONTHS))
    return [
        {
            "type": "paragraph",
            "value": "<p>Hjemmesiden bruger ingen sporings- eller statistikcookies og henter "
            "intet fra andre websteder. Søgninger gemmes uden oplysninger om, hvem der har "
            "søgt.</p>",
        },
        {
            "type": "heading",
            "value": {"text": "Henvendelser om Trygheds- og Indbrudsprojektet", "level": "h2"},
        },
        {
            "type": "paragraph",
            "value": "<p><b>Formål:</b> Når en grundejerforening eller en anden forening "
            "bestiller Trygheds- og Indbrudsprojektet, gemmer vi foreningens navn, "
            "kontaktpersonens navn, e-mail og telefonnummer, området (adresse eller vejnavne, "
            "postnummer og by), kommunen, antal husstande, de ønskede dele af projektet, det "
            "ønskede tidspunkt og en eventuel besked. Oplysningerne bruges kun til at behandle "
            "henvendelsen: til at kontakte foreningen og planlægge skalsikring, "
            "tryghedsvandring eller nabohjælp. Behandlingen sker på grundlag af dit samtykke, "
            "som du giver i formularen.</p>"
            "<p><b>Modtagere:</b> Henvendelsen sendes til forebyggelseskontakten i den valgte "
            "kommune eller til politiets forebyggelsesenhed (DKS) og ses kun af de medarbejdere, "
            "der behandler henvendelser fra kommunen.</p>"
            f"<p><b>Opbevaring:</b> {retention}</p>"
            "<p><b>Dine rettigheder:</b> Du kan få indsigt i de oplysninger, vi har om dig, og "
            "bede om at få dem rettet eller slettet, og du kan til enhver tid trække dit "
            "samtykke tilbage. Du kan klage til Datatilsynet (datatilsynet.dk).</p>",
        },
        {"type": "heading", "value": {"text": "Kontakt", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Spørgsmål om behandlingen af personoplysninger, anmodninger om indsigt "
            "og sletning kan rettes til os; kontaktoplysningerne står herunder. Oplys "
            "gerne henvendelsens referencenummer (f.eks. TIP-2026-0042) og den e-mail, du "
            "brugte.</p>",
        },
    ]


def sentences(text):
    return SENTENCE_BOUNDARY.split(text.strip())


def first_sentence(text):
    return sentences(text)[0] if text else ""


def without_lead(paragraphs, lead):
    """The paragraphs after the page's lead: the lead stands above the body, so the body must
    not start with it word for word. A paragraph that is all lead is dropped."""
    if not paragraphs or not lead or not paragraphs[0].startswith(lead):
        return list(paragraphs)
    rest = paragraphs[0][len(lead) :].strip()
    return ([rest] if rest else []) + list(paragraphs[1:])


def blocks_after_lead(blocks, lead):
    """The section's blocks with the lead taken off the first paragraph (without_lead)."""
    for position, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        rest = without_lead([block.text], lead)
        replacement = [type(block)(kind="paragraph", text=rest[0])] if rest else []
        return [*blocks[:position], *replacement, *blocks[position + 1 :]]
    return list(blocks)


def section_heading(section, level="h2"):
    return {
        "type": "heading",
        "value": {"text": f"{section.number} {section.title}", "level": level},
    }


def with_site_quotes(plan):
    """The plan's text with the site's one style of quotation marks (»…«, home.text): the
    print mixes ”…” and "…"."""
    for section in plan.sections:
        section.title = danish_quotes(section.title)
        for block in section.blocks:
            block.text = danish_quotes(block.text)
            if block.kind == "list":
                block.items = [
                    {
                        **item,
                        "text": danish_quotes(item["text"]),
                        "sub_items": [danish_quotes(sub) for sub in item.get("sub_items", [])],
                    }
                    for item in block.items
                ]
    return plan


class SiteBuilder:
    def __init__(self, plan, report=print, page_done=None):
        self.plan = with_site_quotes(plan)
        self.report = report
        # Called with each page's URL path as it is created or found (a progress display);
        # without it each page is reported as a line of its own.
        self.page_done = page_done
        self.created = 0
        self.existing = 0

    # -- the tree -------------------------------------------------------------------------

    def build(self):
        home = self.build_home()
        plan_page = self.build_plan(home)
        advice_index, advice_by_section = self.build_advice(home, plan_page)
        focus_index = self.build_focus_areas(home, plan_page, advice_by_section)
        municipality_index = self.build_municipalities(home)
        news_index = self.ensure_page(
            home, NewsIndexPage, "nyheder", title="Nyheder", show_in_menus=True
        )
        about = self.build_organisation(home)
        accessibility, privacy = self.build_site_pages(home)
        self.build_home_sections(
            home,
            tasks=[advice_index, self.project_page, municipality_index, plan_page],
            focus_index=focus_index,
            news_index=news_index,
            municipality_index=municipality_index,
        )
        self.build_home_lead(
            home,
            advice_index=advice_index,
            project=self.project_page,
            municipality_index=municipality_index,
            plan_page=plan_page,
        )
        self.build_navigation(home, accessibility, privacy, about)
        return home

    def build_home_lead(self, home, advice_index, project, municipality_index, plan_page):
        """The home page's lead: what Kredsrådet is, in the plan's words, and what a visitor can
        do here, each task a link, so that all of it is on the first screen of a phone. Only
        while the home page has no lead: after that it is the editors'."""
        if home.intro:
            return
        strategic = self.section_titled("Det strategiske niveau")
        what = first_sentence(strategic.paragraphs[0]) if strategic and strategic.paragraphs else ""

        def link(page, text):
            return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>' if page else escape(text)

        tasks = (
            f"Her kan du få {link(advice_index, 'råd mod indbrud')}, "
            f"{link(project, 'anmode om et besøg')} af Trygheds- og Indbrudsprojektet, se hvad "
            f"der sker i {link(municipality_index, 'din kommune')}, og læse "
            f"{link(plan_page, 'samarbejdsplanen')}."
        )
        home.intro = (paragraph_html(what) if what else "") + f"<p>{tasks}</p>"
        home.summary = what or home.summary
        home.save_revision().publish()
        self.report("Forsidens indledning oprettet.")

    def build_home_sections(self, home, tasks, focus_index, news_index, municipality_index):
        """The home page's sections: what a visitor can do here, the focus areas, the latest
        news and the next conferences. Only while the home page has none: after that they are
        the editors'."""
        if home.sections.raw_data:
            return
        focus_areas = FocusAreaPage.objects.child_of(focus_index).order_by("-scope", "path")
        sections = [
            {
                "type": "featured_pages",
                "value": {"heading": "Det kan du gøre", "pages": [p.pk for p in tasks if p]},
            },
            {
                "type": "featured_pages",
                "value": {
                    "heading": "Fokusområder",
                    "pages": [area.pk for area in focus_areas],
                    "link": focus_index.pk,
                },
            },
            {
                "type": "latest_items",
                "value": {"heading": "Seneste nyheder", "index_page": news_index.pk, "count": 3},
            },
            {
                "type": "latest_items",
                "value": {
                    "heading": "Kommende konferencer",
                    "index_page": municipality_index.pk,
                    "count": 3,
                },
            },
        ]
        home.sections = json.dumps(sections)
        home.save_revision().publish()
        self.report("Forsidens sektioner oprettet.")

    def build_navigation(self, home, accessibility, privacy, about):
        """The pages the layout links to, while an editor has not chosen them."""
        site = Site.objects.get(root_page=home)
        navigation = NavigationSettings.for_site(site)
        changed = False
        for name, page in (
            ("request_page", self.project_page),
            ("privacy_page", privacy),
            ("accessibility_page", accessibility),
        ):
            if getattr(navigation, f"{name}_id") is None and page is not None:
                setattr(navigation, name, page)
                changed = True
        if not navigation.footer_links.raw_data and about is not None:
            navigation.footer_links = json.dumps([{"type": "page", "value": about.pk}])
            changed = True
        if changed:
            navigation.save()
            self.report("Navigationen er sat op.")

    def build_home(self):
        root = Page.get_first_root_node()
        # The lead and the summary come once the pages they link to exist (build_home_lead).
        home = self.ensure_page(
            root, HomePage, "forside", title="Kredsrådet i Sydøstjyllands Politikreds"
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name="Kredsrådet Sydøstjylland",
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = "Kredsrådet Sydøstjylland"
            site.save()
        # Wagtail's migrations leave a bare welcome page under the root; the site does not use it.
        bare_page_type = ContentType.objects.get_for_model(Page)
        for welcome in Page.objects.filter(depth=2, content_type=bare_page_type, numchild=0):
            self.report(f"Fjerner Wagtails velkomstside: {welcome.title}")
            welcome.delete()
        return home

    def build_plan(self, home):
        plan = self.plan
        _section, approval_intro = plan.find_paragraph("forelægges for Kredsrådet til godkendelse")
        index = self.ensure_page(
            home,
            PlanIndexPage,
            "samarbejdsplan",
            title="Samarbejdsplaner",
            show_in_menus=True,
            intro=paragraph_html(approval_intro) if approval_intro else "",
            summary=approval_intro or "",
        )
        return self.ensure_page(
            index,
            PlanPage,
            str(plan.year),
            **plan_page_fields(plan),
            body=json.dumps(plan_stream(plan)),
        )

    def build_advice(self, home, plan_page):
        index = self.ensure_page(
            home,
            AdviceIndexPage,
            "forebyggelse",
            title="Forebyggelse",
            show_in_menus=True,
            summary="Råd og vejledning om forebyggelse af indbrud og kriminalitet, "
            "med udgangspunkt i samarbejdsplanen.",
        )
        project = self.project_page = None
        advice_by_section = {}
        for keyword, title, slug, topic in ADVICE_PAGES:
            section, text = self.plan.find_paragraph(keyword)
            if text is None:
                self.report(f'Springer over "{title}": planen nævner ikke "{keyword}".')
                continue
            summary = SHARED_SENTENCE_SUMMARIES.get(slug) or next(
                (s for s in sentences(text) if keyword.lower() in s.lower()), first_sentence(text)
            )
            body = [
                {"type": "paragraph", "value": paragraph_html(rest)}
                for rest in without_lead([text], summary)
            ]
            if project is not None:
                body.append(
                    {
                        "type": "call_to_action",
                        "value": {
                            "title": project.title,
                            "text": first_sentence(project.summary),
                            "page": project.pk,
                            "url": "",
                            "link_text": "Læs om projektet",
                        },
                    }
                )
            page = self.ensure_page(
                index,
                ProjectRequestPage if slug == PROJECT_SLUG else AdvicePage,
                slug,
                title=title,
                **({} if slug == PROJECT_SLUG else {"topic": topic}),
                summary=summary,
                body=json.dumps(body),
                plan_page=plan_page,
                plan_section=section.number,
            )
            if slug == PROJECT_SLUG:
                project = self.project_page = page
            advice_by_section.setdefault(section.number, []).append(page)
        return index, advice_by_section

    def build_focus_areas(self, home, plan_page, advice_by_section):
        groups = [
            s for s in self.plan.sections if s.depth == 2 and "fokusområder" in s.title.lower()
        ]
        parent_number = groups[0].number.split(".")[0] if groups else None
        parent = self.plan.section(parent_number) if parent_number else None
        index = self.ensure_page(
            home,
            FocusAreaIndexPage,
            "fokusomraader",
            title="Fokusområder",
            show_in_menus=True,
            summary=first_sentence(parent.paragraphs[-1]) if parent and parent.paragraphs else "",
            body=json.dumps(blocks_to_stream(parent.blocks) if parent else []),
        )
        for group in groups:
            scope = (
                FocusAreaPage.Scope.LOCAL
                if group.title.lower().startswith("lokal")
                else FocusAreaPage.Scope.NATIONAL
            )
            years = re.findall(r"(?:19|20)\d{2}", group.title)
            period = "–".join(years) if years else ""
            for section in self.plan.subsections(group.number):
                title = section.title.rstrip(". ").strip()
                paragraphs = section.paragraphs
                summary = first_sentence(paragraphs[0]) if paragraphs else ""
                self.ensure_page(
                    index,
                    FocusAreaPage,
                    danish_slugify(title),
                    title=title,
                    scope=scope,
                    period=period,
                    summary=summary,
                    body=json.dumps(blocks_to_stream(blocks_after_lead(section.blocks, summary))),
                    plan_page=plan_page,
                    plan_section=section.number,
                    related_pages=[
                        FocusAreaRelatedPage(page=advice)
                        for advice in advice_by_section.get(section.number, [])
                    ],
                )
        return index

    def build_municipalities(self, home):
        local_council, _text = self.plan.find_paragraph("Lokalrådet i hver kommune")
        index = self.ensure_page(
            home,
            MunicipalityIndexPage,
            "kommuner",
            title="Kommuner",
            show_in_menus=True,
            intro=paragraph_html(local_council.paragraphs[0]) if local_council else "",
            summary=first_sentence(local_council.paragraphs[0]) if local_council else "",
        )
        for name in self.plan.parties:
            self.ensure_page(
                index,
                MunicipalityPage,
                danish_slugify(name),
                title=f"{name} Kommune",
                name=name,
                collaborations=json.dumps(self.collaborations_for(name, local_council)),
            )
        return index

    def collaborations_for(self, name, local_council):
        """The councils and collaborations the plan names for the municipality, in its words."""

        def collaboration(title, section, paragraphs):
            return {
                "type": "collaboration",
                "value": {
                    "name": title,
                    "description": "".join(paragraph_html(text) for text in paragraphs),
                    "plan_section": section.number,
                },
            }

        collaborations = []
        if local_council:
            collaborations.append(
                collaboration("Lokalråd", local_council, local_council.paragraphs[:2])
            )
        plus = self.section_titled("Lokalråd+", anywhere=True)
        if plus:
            texts = [plus.paragraphs[0]] + [t for t in plus.paragraphs[1:] if "konferencer" in t]
            collaborations.append(collaboration("Lokalråd+", plus, texts))
        for prefix, title in (("SSP", "SSP"), ("PSP", "PSP")):
            section = self.section_titled(prefix, exact_depth=2, exact=prefix == "SSP")
            if section:
                collaborations.append(collaboration(title, section, section.paragraphs))
        gangs = self.section_titled("Banderåd")
        if gangs and gangs.paragraphs and name in gangs.paragraphs[0]:
            collaborations.append(collaboration("Banderåd", gangs, gangs.paragraphs))
        licensing = self.section_titled("Bevillingsnævn")
        if licensing:
            collaborations.append(
                collaboration("Bevillingsnævn", licensing, licensing.paragraphs[:1])
            )
        emergency = self.section_titled("Beredskabskommission")
        if emergency:
            all_sentences = [s for text in emergency.paragraphs for s in sentences(text)]
            represented = [s for s in all_sentences if "repræsenteret i alle" in s]
            for sentence in all_sentences:
                if " dækker " in sentence and re.search(rf"\b{re.escape(name)}\b", sentence):
                    brigade = sentence.split(" dækker ")[0].strip()
                    collaborations.append(
                        collaboration(
                            f"Beredskabskommission: {brigade}", emergency, [sentence, *represented]
                        )
                    )
        environment = self.section_titled("Miljø")
        if environment:
            collaborations.append(
                collaboration("Miljøsamarbejdet", environment, environment.paragraphs)
            )
        return collaborations

    def section_titled(self, prefix, anywhere=False, exact_depth=None, exact=False):
        for section in self.plan.sections:
            title = section.title
            if exact_depth and section.depth != exact_depth:
                continue
            if (
                (exact and title == prefix)
                or (not exact and not anywhere and title.startswith(prefix))
                or (anywhere and prefix in title)
            ):
                return section
        return None

    def build_organisation(self, home):
        """DEL II (the structure of the collaboration): a page per top-level section under /om/."""
        strategic = self.section_titled("Det strategiske niveau")
        about = self.ensure_page(
            home,
            StandardPage,
            "om",
            title="Om Kredsrådet",
            show_in_menus=True,
            summary=first_sentence(strategic.paragraphs[0]) if strategic else "",
            body=json.dumps(blocks_to_stream(strategic.blocks) if strategic else []),
        )
        second_part = self.plan.parts[-1] if len(self.plan.parts) > 1 else None
        for section in self.plan.sections:
            if section.part != second_part or section.depth != 1:
                continue
            body = blocks_to_stream(section.blocks)
            for subsection in self.plan.subsections(section.number):
                body.append(section_heading(subsection))
                body.extend(blocks_to_stream(subsection.blocks))
            first_text = next(
                (
                    s.paragraphs[0]
                    for s in [section, *self.plan.subsections(section.number)]
                    if s.paragraphs
                ),
                "",
            )
            self.ensure_page(
                about,
                StandardPage,
                danish_slugify(section.title),
                title=section.title,
                summary=first_sentence(first_text),
                body=json.dumps(body),
            )
        return about

    def build_site_pages(self, home):
        """The pages every Danish public site has, about the site itself (not the plan)."""
        accessibility = self.ensure_page(
            home,
            StandardPage,
            "tilgaengelighedserklaering",
            title="Tilgængelighedserklæring",
            summary="Hvordan hjemmesiden lever op til kravene om webtilgængelighed, og hvordan "
            "du kan kontakte os om fejl.",
            body=json.dumps(
                [
                    {
                        "type": "paragraph",
                        "value": "<p>Hjemmesiden er bygget til at leve op til WCAG 2.1 på niveau "
                        "AA, som lov om tilgængelighed af offentlige organers websteder og "
                        "mobilapplikationer (webtilgængelighedsloven) kræver.</p>"
                        "<p>Hvis du møder indhold, du ikke kan bruge, så skriv eller ring til os; "
                        "kontaktoplysningerne står herunder. Fortæl, hvilken side det "
                        "drejer sig om, og hvad der ikke virker.</p>",
                    }
                ]
            ),
        )
        privacy = self.ensure_page(
            home,
            StandardPage,
            "privatliv",
            title="Privatlivspolitik",
            summary="Hvilke oplysninger hjemmesiden behandler om dig, hvorfor, hvor længe, og "
            "hvordan du får indsigt eller sletning.",
            body=json.dumps(privacy_body()),
        )
        return accessibility, privacy

    def _page_done(self, line, url_path):
        if self.page_done:
            self.page_done(url_path)
        else:
            self.report(line)

    # -- one page ---------------------------------------------------------------------------

    def ensure_page(self, parent, model, slug, **fields):
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            self.existing += 1
            self._page_done(f"Findes allerede: {existing.url_path}", existing.url_path)
            return existing.specific
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        self._page_done(f"Oprettet: {page.url_path}", page.url_path)
        return page
