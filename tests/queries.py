"""Rendering a page under a bound on its database queries."""

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
