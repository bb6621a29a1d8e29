"""Counting a page's SQL queries, the bulk children the counts are measured with, and reading
the links of a listing across its pages."""

import datetime
import json
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ReferenceIndex

from focus.models import FocusAreaRelatedPage
from home import layout
from news.models import NewsPageRelatedPage
from tests.factories import (
    AdvicePageFactory,
    ConferencePageFactory,
    FocusAreaPageFactory,
    MunicipalityPageFactory,
    NewsPageFactory,
    PlanPageFactory,
    StandardPageFactory,
    add_children,
)
from tests.pagetext import link_hrefs


def public_urls(tree):
    """Every public page type's URL, keyed by its type, and the search page's."""
    return {
        "home": tree.home.url,
        "plan_index": tree.plan_index.url,
        "plan": tree.plan.url,
        "focus_index": tree.focus_index.url,
        "focus_area": tree.focus_area.url,
        "advice_index": tree.advice_index.url,
        "advice": tree.advice.url,
        "project": tree.project.url,
        "municipality_index": tree.municipality_index.url,
        "municipality": tree.municipality.url,
        "conference": tree.conference.url,
        "news_index": tree.news_index.url,
        "news": tree.news.url,
        "standard": tree.standard.url,
        "search": "/soeg/?q=indbrud",
    }


def add_listing_children(tree, count):
    """`count` more items in every listing of the tree (tests.factories.build_page_tree): plans,
    advice, news, national and local focus areas, municipalities, past and coming conferences,
    sub-pages of the standard page; as many related pages on the focus area (the advice) and on
    the news page (the focus areas), every new focus area and news page linking back to the
    tree's advice page and focus area; and the home page's sections over all of them.

    May be called again to add more (the benchmarks grow the tree from 10 to 200)."""
    national = count // 2
    add_children(tree.plan_index, PlanPageFactory, count)
    advice = add_children(tree.advice_index, AdvicePageFactory, count)
    areas = [
        *add_children(tree.focus_index, FocusAreaPageFactory, national),
        *add_children(
            tree.focus_index, FocusAreaPageFactory, count - national, scope="local", period="2017"
        ),
    ]
    news = add_children(tree.news_index, NewsPageFactory, count)
    add_children(tree.municipality_index, MunicipalityPageFactory, count)
    past_start = timezone.now() - datetime.timedelta(days=400)
    add_children(tree.municipality, ConferencePageFactory, national)
    add_children(tree.municipality, ConferencePageFactory, count - national, start=past_start)
    add_children(tree.standard, StandardPageFactory, count)

    # The tree's focus area lists the new advice, and its news page the new focus areas, after
    # the pages they list already.
    first = FocusAreaRelatedPage.objects.filter(source=tree.focus_area).count()
    FocusAreaRelatedPage.objects.bulk_create(
        FocusAreaRelatedPage(source=tree.focus_area, page=page, sort_order=first + n)
        for n, page in enumerate(advice)
    )
    first = NewsPageRelatedPage.objects.filter(source=tree.news).count()
    NewsPageRelatedPage.objects.bulk_create(
        NewsPageRelatedPage(source=tree.news, page=page, sort_order=first + n)
        for n, page in enumerate(areas)
    )
    # Every new focus area links to the tree's advice page, every new news page to its focus
    # area: the reverse lookups read Wagtail's reference index, which add_children skips.
    FocusAreaRelatedPage.objects.bulk_create(
        FocusAreaRelatedPage(source=area, page=tree.advice, sort_order=0) for area in areas
    )
    NewsPageRelatedPage.objects.bulk_create(
        NewsPageRelatedPage(source=page, page=tree.focus_area, sort_order=0) for page in news
    )
    for page in [tree.focus_area, tree.news, *areas, *news]:
        ReferenceIndex.create_or_update_for_object(page)

    set_home_sections(tree)
    return tree


def set_home_sections(tree):
    """The sections the site builder gives the home page (sitebuilder/builder.py): what a
    visitor can do, every focus area, the latest news and the next conferences."""
    areas = tree.focus_index.get_children().order_by("path").values_list("pk", flat=True)
    tasks = [tree.advice_index, tree.project, tree.municipality_index, tree.plan]
    tree.home.sections = json.dumps(
        [
            {
                "type": "featured_pages",
                "value": {"heading": "Det kan du gøre", "pages": [page.pk for page in tasks]},
            },
            {
                "type": "featured_pages",
                "value": {
                    "heading": "Fokusområder",
                    "pages": list(areas),
                    "link": tree.focus_index.pk,
                },
            },
            {
                "type": "latest_items",
                "value": {
                    "heading": "Seneste nyheder",
                    "index_page": tree.news_index.pk,
                    "count": 3,
                },
            },
            {
                "type": "latest_items",
                "value": {
                    "heading": "Kommende konferencer",
                    "index_page": tree.municipality_index.pk,
                    "count": 3,
                },
            },
        ]
    )
    tree.home.save(update_fields=["sections"])


def count_queries(client, url, cold_fragments=False):
    """GET `url` twice; the second request's response and the SQL it ran.

    The first request warms what a running site keeps warm between requests (Wagtail's cached
    site root paths, Django's content-type cache), so the count is the page's own queries and
    does not depend on which test ran before. With `cold_fragments`, the layout's cached
    fragments are renewed in between, as a publish does (home/layout.py).
    """
    assert client.get(url).status_code == 200, url
    if cold_fragments:
        cache.delete(layout.VERSION_KEY)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [query["sql"] for query in captured.captured_queries]


def links_to(response, pages):
    """How many of `pages` the response links to."""
    hrefs = set(link_hrefs(response.content.decode()))
    return sum(1 for page in pages if page.url in hrefs)


def linked_in_order(response, pages):
    """The pages of `pages` the response (or a piece of HTML) links to, in the order of their
    first links."""
    html = response if isinstance(response, str) else response.content.decode()
    position = {}
    for n, href in enumerate(link_hrefs(html)):
        position.setdefault(href, n)
    linked = [page for page in pages if page.url in position]
    return sorted(linked, key=lambda page: position[page.url])


def links_across_pages(client, url, pages):
    """Follow a listing's "Næste side" links from `url`: how many of `pages` the first page
    links to, and how many all its pages together link to."""
    first = None
    total = 0
    next_url = url
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, next_url
        found = links_to(response, pages)
        first = found if first is None else first
        total += found
        match = re.search(
            r'class="button button-arrow button-next" href="\?([^"]*side=\d+)"',
            response.content.decode(),
        )
        next_url = f"{url}?{match[1].replace('&amp;', '&')}" if match else None
    return first, total
