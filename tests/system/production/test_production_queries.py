"""SQL queries per public page type, uncached: at most QUERY_BOUND, and the same number with 10
and with 200 children (a listing must not cost a query per item)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.system.production.tree import add_children, public_urls

QUERY_BOUND = 8
# The search page is not a page type: besides the shared queries it counts and fetches the
# results and turns them into their specific types (one query per type on the result page).
SEARCH_QUERY_BOUND = 10
BOUNDS = {"search": SEARCH_QUERY_BOUND}


def count_queries(client, url):
    # The first request warms what a running site keeps warm between requests (Wagtail's
    # site root paths, Django's content-type cache).
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries]


@pytest.fixture(scope="module")
def counts_by_size():
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize("children", [10, 200])
def test_queries_per_page_type(tree, client, children, counts_by_size):
    add_children(tree, children)
    counts = {}
    for name, url in public_urls(tree).items():
        counts[name], queries = count_queries(client, url)
        short = [q[:80] + " … " + q[-160:] for q in queries]
        bound = BOUNDS.get(name, QUERY_BOUND)
        assert counts[name] <= bound, f"{name}: {counts[name]} queries\n" + "\n".join(short)
    counts_by_size[children] = counts
    if len(counts_by_size) == 2:
        assert counts_by_size[10] == counts_by_size[200]


@pytest.mark.django_db
def test_view_restrictions_still_apply(tree, client):
    """The restrictions are read once per request (home/request_memo.py), not skipped."""
    from wagtail.models import PageViewRestriction

    assert client.get(tree.news.url).status_code == 200
    assert f'href="{tree.news.url}"' in client.get(tree.home.url).content.decode()
    PageViewRestriction.objects.create(page=tree.news_index, restriction_type="login")
    response = client.get(tree.news.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert f'href="{tree.news.url}"' not in client.get(tree.home.url).content.decode()


@pytest.mark.django_db
def test_routing_follows_moves_and_unpublishing(tree, client):
    assert client.get(tree.standard.url).status_code == 200
    tree.standard.unpublish()
    assert client.get("/om/").status_code == 404
    assert client.get("/findes/ikke/").status_code == 404
