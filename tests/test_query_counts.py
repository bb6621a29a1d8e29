"""The SQL queries of every public page type, exactly, with 10 and with 200 children.

The one place query counts are asserted. Each count is the second request to the page (the
first warms Wagtail's site root paths and Django's content types), with every listing of the
tree grown by that many items (tests.queries.add_listing_children): a listing that cost a query
per item would not give the same count at both sizes.

What every page below the home page shares, 6 queries:
- Wagtail's serving: the site, the home page's row, the page found by its URL path and its
  specific row (HomePage.route: the same at any depth), and the view-restriction check (the
  ancestors, then their restrictions).
- The layout (header, menu, breadcrumbs, footer) is a {% wagtailcache %} fragment under the
  layout's version (home/layout.py): a render after the first reads none of it; a publish
  renews it. public() is one SQL condition (home.pages.SitePageQuerySet), not a query.
An index page adds its listing: the paginator's count and the page of items.
The first render after a publish reads the fragments' content too: COLD_QUERIES.
"""

import re

import pytest
from django.db import connection

from tests.factories import build_page_tree
from tests.queries import add_listing_children, count_queries, public_urls

# On SQLite the search expands Danish inflections from the full-text index's vocabulary
# (search/stemming.py): the vocabulary table, then its words.
SEARCH_VOCABULARY = 2 if connection.vendor == "sqlite" else 0
# The search page records the search for the popular-queries report (Wagtail's Query.get and
# add_hit: the query, its day's hits, their update) and reads the editors' promotions.
SEARCH_RECORDING = 4
# On PostgreSQL in a transaction of its own that does not wait for the disk: the savepoint (a
# transaction outside the tests), SET LOCAL synchronous_commit and the release.
if connection.vendor == "postgresql":
    SEARCH_RECORDING += 3

QUERIES = {
    # The sections are a cached fragment: only the serving and the navigation's request page.
    "home": 6,
    "plan_index": 8,
    # The plan it replaces.
    "plan": 7,
    # The plan in force, which tells current focus areas from earlier ones.
    "focus_index": 9,
    # The related advice and news are a cached fragment; the plan it quotes; the plan in force.
    "focus_area": 8,
    # The listing holds two types, the advice and the project page: one query each.
    "advice_index": 10,
    # The focus areas linking to it (from the reference index) and the plan it quotes.
    "advice": 8,
    # The form's municipalities and the privacy page it links to.
    "project": 9,
    "municipality_index": 8,
    # Councils, action plans and conferences are a cached fragment; the request page.
    "municipality": 8,
    "conference": 8,
    "news_index": 8,
    # Its news index, and the related pages (the links, their pages, their type).
    "news": 10,
    "standard": 8,
    # Not a page: the ranked count and a page of results, read as plain pages. The municipality
    # filter, the view restrictions, the site and the results' breadcrumbs are kept with the
    # layout, and their snippet texts until they are published again.
    "search": 2 + SEARCH_RECORDING + SEARCH_VOCABULARY,
}

# The first render after a publish: the fragments' content read too (the layout: contact and
# navigation settings, the menu, the breadcrumbs, the navigation pages; and each page's own
# cached sections).
COLD_QUERIES = {
    "home": 22,
    "plan_index": 13,
    # The municipalities' action plans for the plan's year (its cached fragment): two queries.
    "plan": 14,
    "focus_index": 14,
    "focus_area": 18,
    "advice_index": 15,
    "advice": 13,
    "project": 12,
    "municipality_index": 13,
    "municipality": 16,
    "conference": 13,
    "news_index": 13,
    "news": 15,
    "standard": 13,
    # The municipality filter, the view restrictions, the site and the breadcrumbs read again,
    # and the layout's four; the snippet texts stay (nothing was published again).
    "search": 10 + SEARCH_RECORDING + SEARCH_VOCABULARY,
}


def short(sql):
    """The SQL without its column list, which says least about where a query comes from."""
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1)


@pytest.mark.django_db
@pytest.mark.parametrize("children", [10, 200])
@pytest.mark.parametrize(
    ("expected", "cold_fragments"), [(QUERIES, False), (COLD_QUERIES, True)], ids=["warm", "cold"]
)
def test_queries_per_page_type(client, children, expected, cold_fragments):
    tree = add_listing_children(build_page_tree(), children)
    urls = public_urls(tree)
    assert set(urls) == set(expected)

    failures = []
    for name, url in urls.items():
        _, queries = count_queries(client, url, cold_fragments=cold_fragments)
        if len(queries) != expected[name]:
            listing = "\n".join(f"  {n}. {short(sql)}" for n, sql in enumerate(queries, 1))
            failures.append(
                f"{name} ({url}): {len(queries)} queries, expected {expected[name]}:\n{listing}"
            )
    assert not failures, f"With {children} children:\n\n" + "\n\n".join(failures)
