"""Rendering a page under a bound on its database queries."""

import re

from tests.pagetext import link_hrefs


def get_within_query_bound(client, url, bound, django_assert_max_num_queries):
    """GET `url` twice and bound the second request's queries.

    The first request warms what a running site keeps warm between requests (Wagtail's cached
    site root paths, Django's content-type cache), so the bound counts the page's own queries
    and does not depend on which test ran before.
    """
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(bound) as captured:
        response = client.get(url)
    assert response.status_code == 200
    response.query_count = len(captured.captured_queries)
    return response


def links_to(response, pages):
    """How many of `pages` the response links to."""
    hrefs = set(link_hrefs(response.content.decode()))
    return sum(1 for page in pages if page.url in hrefs)


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
        match = re.search(r'href="\?([^"]*side=\d+)">Næste side', response.content.decode())
        next_url = f"{url}?{match[1].replace('&amp;', '&')}" if match else None
    return first, total
