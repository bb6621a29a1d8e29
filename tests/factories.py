"""One factory per page type (each defined once here), and the page tree every area builds on.

Pages are created with add_child, live and without revisions. `add_children` adds many siblings
at once, without the search and reference index updates, for the query-count tests.
"""

import datetime
import json
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import factory
import wagtail_factories
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from focus.models import (
    AdviceIndexPage,
    AdvicePage,
    FocusAreaIndexPage,
    FocusAreaPage,
    FocusAreaRelatedPage,
)
from home.models import HomePage, NavigationSettings, StandardPage
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage
from news.models import NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage
from project_requests.models import ProjectRequestPage


def stream(*blocks):
    """Raw StreamField data from (block_type, value) pairs."""
    return json.dumps([{"type": block_type, "value": value} for block_type, value in blocks])


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kredsrådet i Sydøstjyllands Politikreds"
    slug = "forside"
    summary = "Forsiden."
    intro = "<p>Samarbejdet mellem kommuner og politi.</p>"

    class Meta:
        model = HomePage


class PlanIndexPageFactory(wagtail_factories.PageFactory):
    title = "Samarbejdsplaner"
    slug = "samarbejdsplan"
    intro = "<p>Planerne, den gældende først.</p>"

    class Meta:
        model = PlanIndexPage


class PlanPageFactory(wagtail_factories.PageFactory):
    # The sequence runs across the whole suite (thousands of plans in the listing tests): wrap it
    # before it passes year 9999, which datetime.date refuses.
    year = factory.Sequence(lambda n: 2017 + n % 7000)
    title = factory.LazyAttribute(lambda obj: f"Samarbejdsplan {obj.year}")
    slug = factory.LazyAttribute(lambda obj: str(obj.year))
    subtitle = "Kredsrådet · Sydøstjyllands Politi"
    parties_text = "Skanderborg\nHorsens"
    approval_statement = "Godkendt af Kredsrådet i december."
    in_force_from = factory.LazyAttribute(lambda obj: datetime.date(obj.year, 1, 1))
    body = factory.LazyFunction(
        lambda: stream(
            ("part", {"label_text": "DEL I"}),
            ("section", {"number": "3.1.2", "title": "Indbrud i privat beboelse."}),
            paragraph("Udviklingen i indbrudsstatistikken."),
            (
                "bullet_list",
                {"items": [{"text": "Den generelle indsats", "sub_items": ["retter sig mod"]}]},
            ),
            ("signatories", {"names": ["Jørgen Gaarde", "Kirsten Terkilsen"]}),
        )
    )

    class Meta:
        model = PlanPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standardside {n}")
    summary = "En side om Kredsrådet."
    body = factory.LazyFunction(
        lambda: stream(
            ("heading", {"text": "Om rådet", "level": "h2"}),
            paragraph("Kredsrådet består af borgmestrene."),
            ("quote", {"quote": "Tryghed og sikkerhed", "attribution": "Planen"}),
            ("key_facts", {"title": "", "facts": [{"value": "7", "label": "kommuner"}]}),
            (
                "call_to_action",
                {
                    "title": "Læs planen",
                    "text": "",
                    "page": None,
                    "url": "https://example.org/",
                    "link_text": "Læs mere",
                },
            ),
        )
    )

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheder"
    slug = "nyheder"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhed {n}")
    date = factory.Sequence(lambda n: datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    summary = "En nyhed."
    body = factory.LazyFunction(lambda: stream(paragraph("Nyt fra Kredsrådet.")))

    class Meta:
        model = NewsPage


class FocusAreaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Fokusområder"
    slug = "fokusomraader"
    body = factory.LazyFunction(lambda: stream(paragraph("Nationale og lokale fokusområder.")))

    class Meta:
        model = FocusAreaIndexPage


class FocusAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Fokusområde {n}")
    scope = FocusAreaPage.Scope.NATIONAL
    period = "2017–2020"
    summary = "Et fokusområde."
    plan_section = "3.1.2"
    body = factory.LazyFunction(lambda: stream(paragraph("Indsatsen fortsætter.")))

    class Meta:
        model = FocusAreaPage


class AdviceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Forebyggelse"
    slug = "forebyggelse"

    class Meta:
        model = AdviceIndexPage


class AdvicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Vejledning {n}")
    topic = AdvicePage.Topic.BURGLARY
    summary = "Råd om sikring af hjemmet."
    body = factory.LazyFunction(
        lambda: stream(
            paragraph("Lås døre og vinduer."),
            ("steps", {"title": "Efter et indbrud", "steps": [{"title": "Ring 114", "text": ""}]}),
            ("checklist", {"title": "Før ferien", "items": ["Lås døren"]}),
        )
    )

    class Meta:
        model = AdvicePage


class ProjectRequestPageFactory(wagtail_factories.PageFactory):
    title = "Trygheds- og Indbrudsprojektet"
    slug = "tryghed-og-indbrud"
    summary = "Grundejerforeninger kan bestille projektet."
    body = factory.LazyFunction(lambda: stream(paragraph("Trygheds- og Indbrudsprojekt")))

    class Meta:
        model = ProjectRequestPage


class MunicipalityIndexPageFactory(wagtail_factories.PageFactory):
    title = "Kommuner"
    slug = "kommuner"

    class Meta:
        model = MunicipalityIndexPage


class MunicipalityPageFactory(wagtail_factories.PageFactory):
    name = factory.Sequence(lambda n: f"Kommune{n}")
    title = factory.LazyAttribute(lambda obj: f"{obj.name} Kommune")
    collaborations = factory.LazyFunction(
        lambda: stream(
            (
                "collaboration",
                {
                    "name": "SSP",
                    "description": "<p>Skole, sociale myndigheder og politi.</p>",
                    "plan_section": "6.2",
                },
            )
        )
    )

    class Meta:
        model = MunicipalityPage


class ConferencePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lokalråd+ konference {n}")
    theme = "Tryghed i nattelivet"
    venue = "Rådhuset"
    # Upcoming: a month or more from today.
    start = factory.Sequence(lambda n: timezone.now() + datetime.timedelta(days=30 + n))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=6))
    programme = factory.LazyFunction(
        lambda: stream(("item", {"time": "09:00", "title": "Velkomst", "speaker": ""}))
    )

    class Meta:
        model = ConferencePage


PAGE_NAMES = [
    "home",
    "plan_index",
    "plan",
    "focus_index",
    "advice_index",
    "advice",
    "project",
    "focus_area",
    "municipality_index",
    "municipality",
    "conference",
    "news_index",
    "news",
    "standard",
    "standard_child",
]


def point_default_site_at(root_page):
    """The default Site with root_page as its root; created when a transactional test's flush
    removed the one the migrations made."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = root_page
    site.save()
    Site.clear_site_root_paths_cache()
    return site


def build_page_tree(**fields):
    """One page of every type, under a home page that is the default site's root.

    The one tree every area builds on; an area that needs a page spelt its way passes that
    page's field values by its name here, e.g. build_page_tree(municipality={"slug": "horsens"}).
    """
    unknown = set(fields) - set(PAGE_NAMES)
    if unknown:
        raise TypeError(f"No such page in the tree: {', '.join(sorted(unknown))}")

    def page(key, page_factory, /, **values):
        return page_factory(**{**values, **fields.get(key, {})})

    root = Page.get_first_root_node()
    home = page("home", HomePageFactory, parent=root)
    site = point_default_site_at(home)
    plan_index = page("plan_index", PlanIndexPageFactory, parent=home)
    plan = page("plan", PlanPageFactory, parent=plan_index, year=2017)
    focus_index = page("focus_index", FocusAreaIndexPageFactory, parent=home)
    advice_index = page("advice_index", AdviceIndexPageFactory, parent=home)
    advice = page(
        "advice", AdvicePageFactory, parent=advice_index, plan_page=plan, plan_section="3.1.2"
    )
    project = page("project", ProjectRequestPageFactory, parent=advice_index, plan_page=plan)
    focus_area = page("focus_area", FocusAreaPageFactory, parent=focus_index, plan_page=plan)
    focus_area.related_pages = [FocusAreaRelatedPage(page=advice)]
    focus_area.save()
    municipality_index = page("municipality_index", MunicipalityIndexPageFactory, parent=home)
    municipality = page(
        "municipality", MunicipalityPageFactory, parent=municipality_index, name="Horsens"
    )
    conference = page("conference", ConferencePageFactory, parent=municipality)
    news_index = page("news_index", NewsIndexPageFactory, parent=home)
    news = page("news", NewsPageFactory, parent=news_index)
    standard = page("standard", StandardPageFactory, parent=home, title="Om Kredsrådet", slug="om")
    standard_child = page("standard_child", StandardPageFactory, parent=standard)
    # The home page's sections as setup_site makes them: tasks, the latest news and conferences.
    home.sections = stream(
        (
            "featured_pages",
            {
                "heading": "Det kan du gøre",
                "pages": [advice_index.pk, project.pk, municipality_index.pk, plan.pk],
                "link": None,
            },
        ),
        ("latest_items", {"heading": "Seneste nyheder", "index_page": news_index.pk, "count": 3}),
        (
            "latest_items",
            {"heading": "Kommende konferencer", "index_page": municipality_index.pk, "count": 3},
        ),
    )
    home.save()
    navigation = NavigationSettings.for_site(site)
    navigation.request_page = project
    navigation.footer_links = stream(("page", standard.pk))
    navigation.save()
    return SimpleNamespace(
        root=root,
        site=site,
        home=home,
        plan_index=plan_index,
        plan=plan,
        focus_index=focus_index,
        focus_area=focus_area,
        advice_index=advice_index,
        advice=advice,
        project=project,
        municipality_index=municipality_index,
        municipality=municipality,
        conference=conference,
        news_index=news_index,
        news=news,
        standard=standard,
        standard_child=standard_child,
    )


@contextmanager
def without_index_updates():
    """Saves skip the search index and Wagtail's reference index (neither is read by a render)."""
    with (
        disable_reference_index_auto_update(),
        mock.patch("modelsearch.signal_handlers.insert_or_update_object_task"),
    ):
        yield


def add_children(parent, page_factory, count, **fields):
    """Add `count` live pages under `parent`, quickly: the first through treebeard's add_child,
    the rest as its next siblings in the materialised path, saved without validation."""
    if count < 1:
        return []
    pages = []
    with without_index_updates():
        first = page_factory(parent=parent, **fields)
        pages.append(first)
        previous = first
        for _ in range(count - 1):
            page = page_factory.build(**fields)
            page.path = previous._inc_path()
            page.depth = first.depth
            page.numchild = 0
            page.locale_id = first.locale_id
            page._cached_parent_obj = parent  # spares treebeard's get_parent() a query
            page._is_site_root = False  # spares Page.save() the site-root lookup
            # Unvalidated, and without the audit-log entry every new page otherwise writes.
            page.save(clean=False, log_action=None)
            pages.append(page)
            previous = page
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + (count - 1))
    parent.refresh_from_db()
    return pages
