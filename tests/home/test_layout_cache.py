"""The layout's cached fragments (home/layout.py): renewed by what readers see change, and
by nothing else."""

import pytest
from wagtail.models import PageViewRestriction

from home.models import ContactSettings
from tests.factories import build_page_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_page_tree(standard={"show_in_menus": True})


def menu_of(client, page):
    return client.get(page.url).content.decode().split("</header>")[0]


def test_a_draft_leaves_the_menu_and_a_publish_renews_it(client, tree):
    assert "<span>Om Kredsrådet</span>" in menu_of(client, tree.advice)
    tree.standard.title = "Om rådet"
    tree.standard.save_revision()
    assert "<span>Om Kredsrådet</span>" in menu_of(client, tree.advice)
    tree.standard.get_latest_revision().publish()
    menu = menu_of(client, tree.advice)
    assert "<span>Om rådet</span>" in menu and "Om Kredsrådet" not in menu


def test_a_changed_setting_shows_at_once(client, tree):
    client.get(tree.advice.url)
    contact = ContactSettings.for_site(tree.site)
    contact.emergency_notice = "Ring 112 ved fare."
    contact.save()
    assert "Ring 112 ved fare." in client.get(tree.advice.url).content.decode()


def test_a_restricted_page_leaves_the_menu_at_once(client, tree):
    assert f'href="{tree.standard.url}"' in menu_of(client, tree.advice)
    PageViewRestriction.objects.create(page=tree.standard, restriction_type="login")
    assert f'href="{tree.standard.url}"' not in menu_of(client, tree.advice)
