"""A small site (the real page types, two municipalities) with the editorial roles and workflows
from `setup_editorial`, built once per module and rolled back at its end, and one user per role.
"""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from editorial import roles
from focus.models import AdviceIndexPage, AdvicePage, FocusAreaIndexPage, FocusAreaPage
from home.models import HomePage, NewsIndexPage, NewsPage, PlanIndexPage, PlanPage, StandardPage
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage

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


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_site():
    root = Page.get_first_root_node()
    home = add(root, HomePage(title="Kredsrådet i Sydøstjyllands Politikreds", slug="forside"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Kredsrådet"},
    )
    plan_index = add(home, PlanIndexPage(title="Samarbejdsplaner", slug="samarbejdsplan"))
    plan = add(
        plan_index,
        PlanPage(
            title="Samarbejdsplan 2017",
            slug="2017",
            year=2017,
            approval_statement=(
                "Samarbejdsplan 2017 er godkendt af Kredsrådet på ordinært kredsrådsmøde "
                "december 2016 og har virkning fra 1. januar 2017."
            ),
            in_force_from=datetime.date(2017, 1, 1),
            body=PLAN_BODY,
        ),
    )
    focus_index = add(home, FocusAreaIndexPage(title="Fokusområder", slug="fokusomraader"))
    focus_area = add(
        focus_index,
        FocusAreaPage(
            title="Indbrud i privat beboelse",
            slug="indbrud-i-privat-beboelse",
            scope=FocusAreaPage.Scope.NATIONAL,
            period="2017–2020",
        ),
    )
    advice_index = add(home, AdviceIndexPage(title="Forebyggelse", slug="forebyggelse"))
    advice = add(
        advice_index,
        AdvicePage(title="Nabohjælp", slug="nabohjaelp", topic=AdvicePage.Topic.NEIGHBOURHOOD),
    )
    municipality_index = add(home, MunicipalityIndexPage(title="Kommuner", slug="kommuner"))
    horsens = add(
        municipality_index,
        MunicipalityPage(title="Horsens Kommune", slug="horsens", name="Horsens"),
    )
    vejle = add(
        municipality_index, MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    )
    horsens_conference = add(
        horsens, ConferencePage(title="Lokalråd+ konference 2017", slug="lokalraad-plus-2017")
    )
    news_index = add(home, NewsIndexPage(title="Nyheder", slug="nyheder"))
    news = add(
        news_index,
        NewsPage(
            title="Planen er godkendt", slug="planen-er-godkendt", date=datetime.date(2016, 12, 15)
        ),
    )
    about = add(home, StandardPage(title="Om Kredsrådet", slug="om"))
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
    pages = {
        "home": home,
        "plan_index": plan_index,
        "plan": plan,
        "focus_index": focus_index,
        "focus_area": focus_area,
        "advice_index": advice_index,
        "advice": advice,
        "municipality_index": municipality_index,
        "horsens": horsens,
        "vejle": vejle,
        "horsens_conference": horsens_conference,
        "news_index": news_index,
        "news": news,
        "about": about,
    }
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
    with django_db_blocker.unblock(), transaction.atomic():
        pages, users = build_site()
        yield EditorialSite(pages, users)
        transaction.set_rollback(True)


@pytest.fixture
def site(editorial_site_data, db):
    cache.clear()
    yield editorial_site_data
    cache.clear()


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
