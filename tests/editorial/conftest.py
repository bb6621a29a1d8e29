"""The shared page tree (two municipalities here) with the editorial roles and workflows from
`setup_editorial`, built once per module and rolled back at its end, and one user per role.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from editorial import roles
from focus.models import AdvicePage
from municipalities.models import MunicipalityPage
from news.models import NewsPage
from tests.database import module_transaction
from tests.factories import build_page_tree
from tests.formdata import related_pages

PASSWORD = "redaktion-test-1"

PLAN_BODY = json.dumps(
    [
        {"type": "part", "value": {"label_text": "DEL I"}},
        {"type": "section", "value": {"number": "1", "title": "Indledning"}},
        {"type": "paragraph", "value": "<p>Planens tekst.</p>"},
    ]
)

ROLE_GROUPS = {
    "kommunikation": roles.KOMMUNIKATION,
    "redaktion": roles.REDAKTION,
    "sekretariat": roles.SEKRETARIAT,
    "kredsraadet": roles.KREDSRAADET,
    "horsens": "Horsens Kommune – redaktør",
    "vejle": "Vejle Kommune – redaktør",
}


def build_site():
    """The shared tree (tests.factories.build_page_tree) spelt as this area's tests read it, a
    second municipality, every page published through a revision (the workflow and history
    tests work on revisions), the roles and one user per role."""
    tree = build_page_tree(
        plan={
            "title": "Samarbejdsplan 2017",
            "slug": "2017",
            "approval_statement": (
                "Samarbejdsplan 2017 er godkendt af Kredsrådet på ordinært kredsrådsmøde "
                "december 2016 og har virkning fra 1. januar 2017."
            ),
            "body": PLAN_BODY,
        },
        focus_area={"title": "Indbrud i privat beboelse", "slug": "indbrud-i-privat-beboelse"},
        advice={
            "title": "Nabohjælp",
            "slug": "nabohjaelp",
            "topic": AdvicePage.Topic.NEIGHBOURHOOD,
        },
        municipality={"slug": "horsens"},
        conference={"title": "Lokalråd+ konference 2017", "slug": "lokalraad-plus-2017"},
        news={
            "title": "Planen er godkendt",
            "slug": "planen-er-godkendt",
            "date": datetime.date(2016, 12, 15),
        },
    )
    vejle = MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    tree.municipality_index.add_child(instance=vejle)
    pages = {
        "home": tree.home,
        "plan_index": tree.plan_index,
        "plan": tree.plan,
        "focus_index": tree.focus_index,
        "focus_area": tree.focus_area,
        "advice_index": tree.advice_index,
        "advice": tree.advice,
        "municipality_index": tree.municipality_index,
        "horsens": tree.municipality,
        "vejle": vejle,
        "horsens_conference": tree.conference,
        "news_index": tree.news_index,
        "news": tree.news,
        "about": tree.standard,
    }
    for page in pages.values():
        page.save_revision().publish()
    roles.setup_editorial()
    users = {}
    User = get_user_model()
    for key, group_name in ROLE_GROUPS.items():
        user = User.objects.create_user(
            username=key, email=f"{key}@kredsraad.test", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=group_name))
        users[key] = user
    users["admin"] = User.objects.create_superuser(
        username="admin", email="admin@kredsraad.test", password=PASSWORD
    )
    return pages, users


class EditorialSite:
    def __init__(self, pages, users):
        self._page_ids = {key: page.pk for key, page in pages.items()}
        self._user_ids = {key: user.pk for key, user in users.items()}

    def page(self, key):
        """A fresh copy from the database: tests change pages, and Wagtail caches on them."""
        return Page.objects.get(pk=self._page_ids[key]).specific

    def user(self, key):
        return get_user_model().objects.get(pk=self._user_ids[key])


@pytest.fixture(scope="module")
def editorial_site_data(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back afterwards; each test
    runs in a savepoint inside it (pytest-django's `db`)."""
    with module_transaction(django_db_blocker), django_db_blocker.unblock():
        pages, users = build_site()
        yield EditorialSite(pages, users)


@pytest.fixture
def site(editorial_site_data, db):
    return editorial_site_data


@pytest.fixture
def login(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def page_form(page, **fields):
    """The edit form of a page as the admin posts it: the page's current values plus changes."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(fields)
    return nested_form_data(data)


def plan_form(page, **fields):
    return page_form(
        page,
        year=str(page.year),
        subtitle=page.subtitle,
        parties_text=page.parties_text,
        approval_statement=page.approval_statement,
        in_force_from=page.in_force_from.strftime("%d.%m.%Y") if page.in_force_from else "",
        body=streamfield(
            [
                ("part", {"label_text": "DEL I"}),
                ("section", {"number": "1", "title": "Indledning"}),
                ("paragraph", rich_text(fields.pop("text", "<p>Planens tekst.</p>"))),
            ]
        ),
        **fields,
    )


def news_form(page=None, **fields):
    base = page or NewsPage(title="", slug="", summary="")
    return page_form(
        base,
        date=fields.pop("date", "20.11.2026"),
        related_pages=related_pages(fields.pop("related_pages", ())),
        body=streamfield([("paragraph", rich_text(fields.pop("text", "<p>Nyt.</p>")))]),
        **fields,
    )


def advice_form(page, **fields):
    return page_form(
        page,
        topic=page.topic,
        plan_page="",
        plan_section="",
        last_reviewed="",
        review_interval_months="12",
        body=streamfield([("paragraph", rich_text(fields.pop("text", "<p>Råd.</p>")))]),
        **fields,
    )


@pytest.fixture
def browser(chromium):
    """The run's shared Chromium (tests/conftest.py); contexts a test opens are closed after."""
    yield chromium
    for context in chromium.contexts:
        context.close()


@pytest.fixture
def news_index_id(wagtail_base_data):
    # Built before Playwright starts: its sync API runs an event loop, in which Django refuses
    # database calls.
    pages, _users = build_site()
    cache.clear()
    return pages["news_index"].pk
