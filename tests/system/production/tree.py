"""The production area's page tree: the shared one (tests.factories.build_page_tree) as the
only site, and the bulk children the query-count bounds are tested with. Also used by the
benchmarks (scripts/bench), which import build_tree, add_children and public_urls from here."""

import datetime

from django.utils import timezone
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from focus.models import AdvicePage, FocusAreaPage
from home.models import HomePage, StandardPage
from municipalities.models import ConferencePage, MunicipalityPage
from news.models import NewsPage
from tests.factories import build_page_tree

RICH_BODY = [
    ("paragraph", "<p>Lås døren, når du går. Se <a href='/'>forsiden</a>.</p>"),
]


def _add(parent, page):
    parent.add_child(instance=page)
    return page


def build_tree():
    """One page of every public type under a home page that is the default site's root."""
    for page in Page.get_first_root_node().get_children():
        # Wagtail's welcome page (the migrations add it) would otherwise hold the site.
        if not isinstance(page.specific, HomePage):
            page.delete()
    return build_page_tree()


def add_children(tree, count, start=0):
    """`count` children under every listing page (advice, news, focus areas, municipalities'
    conferences, sub-pages of the standard page), and as many related advice pages."""
    stamp = timezone.now()
    with disable_reference_index_auto_update():
        advice = [
            _add(
                tree.advice_index,
                AdvicePage(title=f"Råd {i}", slug=f"ekstra-raad-{i}", topic="indbrud"),
            )
            for i in range(start, start + count)
        ]
        for i in range(start, start + count):
            _add(
                tree.news_index,
                NewsPage(title=f"Nyhed {i}", slug=f"ekstra-nyhed-{i}", date=stamp.date()),
            )
            _add(
                tree.focus_index,
                FocusAreaPage(
                    title=f"Fokus {i}", slug=f"ekstra-fokus-{i}", scope="local", period="2017"
                ),
            )
            _add(
                tree.municipality,
                ConferencePage(
                    title=f"Konference {i}",
                    slug=f"ekstra-konference-{i}",
                    start=stamp + datetime.timedelta(days=i - count // 2),
                ),
            )
            _add(tree.standard, StandardPage(title=f"Underside {i}", slug=f"ekstra-underside-{i}"))
            _add(
                tree.municipality_index,
                MunicipalityPage(
                    title=f"Kommune {i}", slug=f"ekstra-kommune-{i}", name=f"Kommune {i}"
                ),
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
