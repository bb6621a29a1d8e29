"""What the home app's pages list, with 10 and with 200 children: the home page's sections,
the plans, the news and a standard page's sub-pages, a page at a time where they are long.
(Their query counts: tests/test_query_counts.py.)"""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    ConferencePageFactory,
    FocusAreaPageFactory,
    NewsPageFactory,
    PlanPageFactory,
    StandardPageFactory,
    add_children,
    build_page_tree,
)
from tests.pagetext import soup
from tests.queries import linked_in_order, links_across_pages, links_to, set_home_sections

pytestmark = pytest.mark.django_db


def section(response, heading):
    """The HTML of the home page's section under `heading`."""
    title = soup(response.content.decode()).find("h2", string=heading)
    assert title is not None, heading
    return str(title.find_parent("section"))


def test_home_page_sections(client, child_count):
    tree = build_page_tree()
    areas = [tree.focus_area, *add_children(tree.focus_index, FocusAreaPageFactory, child_count)]
    news = [tree.news, *add_children(tree.news_index, NewsPageFactory, child_count)]
    upcoming = [tree.conference, *add_children(tree.municipality, ConferencePageFactory, 4)]
    past = add_children(
        tree.municipality,
        ConferencePageFactory,
        child_count,
        start=timezone.now() - datetime.timedelta(days=400),
    )
    menu_pages = add_children(tree.home, StandardPageFactory, child_count, show_in_menus=True)
    unpublished = areas.pop(1)
    unpublished.unpublish()
    set_home_sections(tree)

    response = client.get(tree.home.url)

    assert response.status_code == 200
    # "Det kan du gøre": the pages the editors chose, in their order.
    tasks = [tree.advice_index, tree.project, tree.municipality_index, tree.plan]
    assert linked_in_order(section(response, "Det kan du gøre"), tasks) == tasks
    # Every chosen focus area a reader may open, in the editors' order, and the full list.
    focus = section(response, "Fokusområder")
    assert linked_in_order(focus, areas) == areas
    assert links_to(response, [unpublished]) == 0
    assert f'<a href="{tree.focus_index.url}">Alle fokusområder</a>' in focus
    # The three newest news, newest first (the factory dates each news a day after the last).
    latest = section(response, "Seneste nyheder")
    assert linked_in_order(latest, news) == news[:-4:-1]
    assert f'<a href="{tree.news_index.url}">Alle nyheder</a>' in latest
    # The next three conferences, soonest first; never a past one.
    coming = section(response, "Kommende konferencer")
    assert linked_in_order(coming, upcoming + past) == upcoming[:3]
    assert links_to(response, past) == 0
    assert f'<a href="{tree.municipality_index.url}">Alle kommuner</a>' in coming
    # The menu: every page of the home page shown in menus.
    assert links_to(response, menu_pages) == child_count


def test_plan_index_page(client, child_count):
    tree = build_page_tree()
    plans = [tree.plan, *add_children(tree.plan_index, PlanPageFactory, child_count - 1)]
    this_year = timezone.localdate().year
    # The plans whose year has begun, newest first, then those published before their year.
    newest_first = sorted(plans, key=lambda plan: (plan.year > this_year, -plan.year))

    response = client.get(tree.plan_index.url)

    # 20 to a page, the plan in force (the newest year begun) first and marked as such.
    assert linked_in_order(response, plans) == newest_first[:20]
    assert links_across_pages(client, tree.plan_index.url, plans) == (
        min(child_count, 20),
        child_count,
    )
    assert response.content.decode().count("Gældende plan") == 1
    if child_count > 20:
        second = client.get(tree.plan_index.url, {"side": 2}).content.decode()
        assert "Gældende plan" not in second


def test_news_index_page(client, child_count):
    tree = build_page_tree()
    news = [tree.news, *add_children(tree.news_index, NewsPageFactory, child_count - 1)]

    response = client.get(tree.news_index.url)

    # Ten to a page, newest first.
    listing = response.context["listing"]
    assert listing.paginator.count == child_count
    assert linked_in_order(response, news) == news[::-1][:10]
    assert links_across_pages(client, tree.news_index.url, news) == (
        min(child_count, 10),
        child_count,
    )


def test_standard_page_with_subpages(client, child_count):
    tree = build_page_tree()
    subpages = [
        tree.standard_child,
        *add_children(tree.standard, StandardPageFactory, child_count - 1),
    ]

    response = client.get(tree.standard.url)

    # 20 to a page, in the editors' order.
    assert linked_in_order(response, subpages) == subpages[:20]
    assert links_across_pages(client, tree.standard.url, subpages) == (
        min(child_count, 20),
        child_count,
    )


def test_plan_page_with_many_sections(client, child_count):
    tree = build_page_tree()
    body = []
    for number in range(1, child_count + 1):
        body.append(
            {"type": "section", "value": {"number": str(number), "title": f"Afsnit {number}"}}
        )
        body.append({"type": "paragraph", "value": f"<p>Tekst {number}.</p>"})
    tree.plan.body = body
    tree.plan.save()

    response = client.get(tree.plan.url)

    # The table of contents links every section.
    assert response.status_code == 200
    assert response.content.decode().count('href="#') >= child_count
