"""Uncached serving follows every change at once: a view restriction on a section applies to
its pages and to the listings that link to them, and routing follows moved and unpublished
pages. (The pages' query counts: tests/test_query_counts.py.)"""

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.queries import set_home_sections

pytestmark = pytest.mark.django_db


def test_a_restricted_section_hides_its_pages_everywhere(tree, client):
    set_home_sections(tree)
    home_html = client.get(tree.home.url).content.decode()
    assert client.get(tree.news.url).status_code == 200
    assert f'href="{tree.news.url}"' in home_html  # the latest news on the home page
    assert f'href="{tree.news_index.url}"' in home_html

    PageViewRestriction.objects.create(page=tree.news_index, restriction_type="login")

    response = client.get(tree.news.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    home_html = client.get(tree.home.url).content.decode()
    assert f'href="{tree.news.url}"' not in home_html
    assert f'href="{tree.news_index.url}"' not in home_html


def test_routing_follows_moves_and_unpublishing(tree, client):
    old_url = tree.standard_child.url
    assert client.get(old_url).status_code == 200
    tree.standard_child.move(tree.home, pos="last-child")
    new_url = Page.objects.get(pk=tree.standard_child.pk).url
    assert new_url != old_url
    assert client.get(new_url).status_code == 200
    # Wagtail leaves a redirect from the old address.
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith(new_url)

    assert client.get(tree.standard.url).status_code == 200
    tree.standard.unpublish()
    assert client.get(tree.standard.url).status_code == 404
    assert client.get("/findes/ikke/").status_code == 404
