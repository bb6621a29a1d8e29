"""The SQL queries of every public page type, exactly, with 10 and with 200 children.

The one place query counts are asserted. Each count is the second request to the page (the
first warms Wagtail's site root paths and Django's content types), with every listing of the
tree grown by that many items (tests.queries.add_listing_children): a listing that cost a query
per item would not give the same count at both sizes.

What every page below the home page shares, 10 queries at the index pages:
- Wagtail's serving: the site, the home page's row, the page found by its URL path and its
  specific row (HomePage.route: the same at any depth), and the view-restriction check (the
  ancestors, then their restrictions).
- The layout: the contact settings; the menu; the breadcrumbs; the navigation settings and
  their pages. public() is one SQL condition (home.pages.SitePageQuerySet), not a query.
An index page adds its listing: the paginator's count and the page of items.
"""

import re

import pytest
from django.db import connection

from tests.factories import build_page_tree
from tests.queries import add_listing_children, count_queries, public_urls

# On SQLite the search expands Danish inflections from the full-text index's vocabulary
# (search/stemming.py): the vocabulary table, then its words.
SEARCH_VOCABULARY = 2 if connection.vendor == "sqlite" else 0

QUERIES = {
    # No breadcrumbs, but the sections the site builder makes: the page choosers' pages, each
    # featured block's pages and one query per type of them ("Det kan du gøre" four, the
    # focus areas one); each latest items block's index page, then its items.
    "home": 22,
    "plan_index": 13,
    # The plan it replaces.
    "plan": 12,
    "focus_index": 13,
    # The related advice (the links, their pages, their type), the news linking to it (from
    # the reference index) and the plan it quotes.
    "focus_area": 17,
    # The listing holds two types, the advice and the project page: one query each.
    "advice_index": 15,
    # The focus areas linking to it (from the reference index) and the plan it quotes.
    "advice": 13,
    # The form's municipalities.
    "project": 12,
    "municipality_index": 13,
    # The coming conferences, a counted page of past ones, the action plans, and the current
    # plan its collaborations link to.
    "municipality": 16,
    "conference": 13,
    "news_index": 13,
    # Its news index, and the related pages (the links, their pages, their type).
    "news": 15,
    "standard": 13,
    # Not a page: the municipality filter, the count and a page of results (one query per
    # result type), the results' breadcrumbs and site; no routing and no breadcrumbs.
    "search": 12 + SEARCH_VOCABULARY,
}


def short(sql):
    """The SQL without its column list, which says least about where a query comes from."""
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql, count=1)


@pytest.mark.django_db
@pytest.mark.parametrize("children", [10, 200])
def test_queries_per_page_type(client, children):
    tree = add_listing_children(build_page_tree(), children)
    urls = public_urls(tree)
    assert set(urls) == set(QUERIES)

    failures = []
    for name, url in urls.items():
        _, queries = count_queries(client, url)
        if len(queries) != QUERIES[name]:
            listing = "\n".join(f"  {n}. {short(sql)}" for n, sql in enumerate(queries, 1))
            failures.append(
                f"{name} ({url}): {len(queries)} queries, expected {QUERIES[name]}:\n{listing}"
            )
    assert not failures, f"With {children} children:\n\n" + "\n\n".join(failures)
