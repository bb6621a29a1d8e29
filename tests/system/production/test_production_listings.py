"""Long listings come a page at a time (home/pagination.py), and what the request memo keeps
(home/request_memo.py: menu, breadcrumbs, view restrictions) follows every change."""

import pytest
from wagtail.models import PageViewRestriction

from tests.queries import add_listing_children

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("side", "shown"),
    [("", "Side 1 af 2"), ("2", "Side 2 af 2"), ("abc", "Side 1 af 2"), ("0", "Side 2 af 2")]
    + [("-1", "Side 2 af 2"), ("99999", "Side 2 af 2"), ("1.5", "Side 1 af 2")],
)
def test_any_page_number_answers_with_a_page_of_the_listing(tree, client, side, shown):
    # 21 advice pages: two pages of 20. Django's get_page gives the last page for numbers out
    # of range and the first for anything that is not a number.
    add_listing_children(tree, 20)
    response = client.get(tree.advice_index.url, {"side": side})
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_pagination_links_keep_their_place_for_screen_readers(tree, client):
    add_listing_children(tree, 20)
    html = client.get(tree.advice_index.url).content.decode()
    assert '<nav class="pagination" aria-label="Sider">' in html
    assert 'aria-label="Side 1 af 2" aria-current="page">1<' in html
    assert 'href="?side=2" aria-label="Næste side">' in html
    assert "button-previous" not in html  # no link back from the first page


def test_menu_follows_a_renamed_page(tree, client):
    assert "Om Kredsrådet" in client.get(tree.advice.url).content.decode()
    tree.standard.show_in_menus = True
    tree.standard.title = "Om rådet"
    tree.standard.save_revision().publish()
    html = client.get(tree.advice.url).content.decode()
    assert "<span>Om rådet</span>" in html


def test_breadcrumbs_follow_a_renamed_parent(tree, client):
    html = client.get(tree.news.url).content.decode()
    assert f'href="{tree.news_index.url}"' in html
    tree.news_index.title = "Nyt og noteret"
    tree.news_index.save_revision().publish()
    html = client.get(tree.news.url).content.decode()
    assert ">Nyt og noteret</a>" in html


def test_a_new_view_restriction_takes_effect_at_once(tree, client):
    assert client.get(tree.news.url).status_code == 200
    PageViewRestriction.objects.create(page=tree.news, restriction_type="login")
    response = client.get(tree.news.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert f'href="{tree.news.url}"' not in client.get(tree.home.url).content.decode()
