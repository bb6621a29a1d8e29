"""A small page tree of every public page type, built without the factories of the main suite
(so this area runs on its own), and the bulk children the query-count bounds are tested with.
Also used by the benchmarks (scripts/bench)."""

import datetime
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from focus.models import AdviceIndexPage, AdvicePage, FocusAreaIndexPage, FocusAreaPage
from home.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    PlanIndexPage,
    PlanPage,
    StandardPage,
)
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage

RICH_BODY = [
    ("paragraph", "<p>Lås døren, når du går. Se <a href='/'>forsiden</a>.</p>"),
]


def _add(parent, page):
    parent.add_child(instance=page)
    return page


def build_tree():
    """One page of every public type under a home page that is the default site's root."""
    root = Page.get_first_root_node()
    for page in root.get_children():
        # Wagtail's welcome page (the migrations add it) would otherwise hold the site.
        if not isinstance(page.specific, HomePage):
            page.delete()
    home = _add(root, HomePage(title="Kredsrådet", slug="forside", summary="Forsiden."))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True, root_page=home)
    site.root_page = home
    site.save()
    Site.clear_site_root_paths_cache()
    plan_index = _add(home, PlanIndexPage(title="Samarbejdsplaner", slug="samarbejdsplan"))
    plan = _add(plan_index, PlanPage(title="Samarbejdsplan 2017", slug="2017", year=2017))
    focus_index = _add(home, FocusAreaIndexPage(title="Fokusområder", slug="fokusomraader"))
    advice_index = _add(home, AdviceIndexPage(title="Forebyggelse", slug="forebyggelse"))
    advice = _add(
        advice_index,
        AdvicePage(
            title="Sikring af hjemmet",
            slug="sikring-af-hjemmet",
            topic="indbrud",
            plan_page=plan,
            plan_section="3.1.2",
        ),
    )
    focus_area = _add(
        focus_index,
        FocusAreaPage(
            title="Indbrud", slug="indbrud", scope="national", period="2017–2020", plan_page=plan
        ),
    )
    focus_area.related_advice = [advice]
    focus_area.save()
    municipality_index = _add(home, MunicipalityIndexPage(title="Kommuner", slug="kommuner"))
    municipality = _add(
        municipality_index, MunicipalityPage(title="Horsens", slug="horsens", name="Horsens")
    )
    conference = _add(
        municipality,
        ConferencePage(
            title="Lokalråd+ 2018",
            slug="lokalraad-2018",
            start=timezone.now() + datetime.timedelta(days=30),
            theme="Tryghed",
        ),
    )
    news_index = _add(home, NewsIndexPage(title="Nyheder", slug="nyheder"))
    news = _add(
        news_index, NewsPage(title="Nyt fra Kredsrådet", slug="nyt", date=datetime.date(2018, 1, 5))
    )
    standard = _add(home, StandardPage(title="Om Kredsrådet", slug="om"))
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
        municipality_index=municipality_index,
        municipality=municipality,
        conference=conference,
        news_index=news_index,
        news=news,
        standard=standard,
    )


def add_children(tree, count, start=0):
    """`count` children under every listing page (advice, news, focus areas, municipalities'
    conferences, sub-pages of the standard page), and as many related advice pages."""
    stamp = timezone.now()
    with disable_reference_index_auto_update():
        advice = [
            _add(tree.advice_index, AdvicePage(title=f"Råd {i}", slug=f"raad-{i}", topic="indbrud"))
            for i in range(start, start + count)
        ]
        for i in range(start, start + count):
            _add(
                tree.news_index,
                NewsPage(title=f"Nyhed {i}", slug=f"nyhed-{i}", date=stamp.date()),
            )
            _add(
                tree.focus_index,
                FocusAreaPage(title=f"Fokus {i}", slug=f"fokus-{i}", scope="local", period="2017"),
            )
            _add(
                tree.municipality,
                ConferencePage(
                    title=f"Konference {i}",
                    slug=f"konference-{i}",
                    start=stamp + datetime.timedelta(days=i - count // 2),
                ),
            )
            _add(tree.standard, StandardPage(title=f"Underside {i}", slug=f"underside-{i}"))
            _add(
                tree.municipality_index,
                MunicipalityPage(title=f"Kommune {i}", slug=f"kommune-{i}", name=f"Kommune {i}"),
            )
    tree.focus_area.related_advice = [tree.advice, *advice]
    tree.focus_area.save()
    return tree


def public_urls(tree):
    """Every public page type's URL, keyed by its type."""
    return {
        "home": tree.home.url,
        "plan_index": tree.plan_index.url,
        "plan": tree.plan.url,
        "focus_index": tree.focus_index.url,
        "focus_area": tree.focus_area.url,
        "advice_index": tree.advice_index.url,
        "advice": tree.advice.url,
        "municipality_index": tree.municipality_index.url,
        "municipality": tree.municipality.url,
        "conference": tree.conference.url,
        "news_index": tree.news_index.url,
        "news": tree.news.url,
        "standard": tree.standard.url,
        "search": "/soeg/?q=indbrud",
    }
