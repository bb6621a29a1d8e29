"""Fixtures for the Trygheds- og Indbrudsprojekt request tests: a small page tree with the
project page and two municipalities (one with a prevention contact, one without)."""

import re
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale, Page, Site

from focus.models import AdviceIndexPage, ProjectRequest, ProjectRequestPage
from focus.project_requests import create_request, new_submission_token
from home.models import ContactSettings, HomePage
from municipalities.models import MunicipalityIndexPage, MunicipalityPage

HORSENS_CONTACT = "forebyggelse@horsens.example"
DKS_EMAIL = "dks@politi.example"
PAGE_URL = "/forebyggelse/tryghed-og-indbrud/"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def build_site_tree():
    """Root → forside → forebyggelse/tryghed-og-indbrud and kommuner/{horsens,vejle}."""
    Locale.objects.get_or_create(language_code="da")
    root = Page.get_first_root_node()
    if root is None:  # a transactional test's flush removed the tree the migrations built
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage(title="Forside", slug="forside")
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.save()
    settings_ = ContactSettings.for_site(site)
    settings_.prevention_email = DKS_EMAIL
    settings_.save()

    advice = AdviceIndexPage(title="Forebyggelse", slug="forebyggelse")
    home.add_child(instance=advice)
    project = ProjectRequestPage(
        title="Trygheds- og Indbrudsprojektet",
        slug="tryghed-og-indbrud",
        topic="indbrud",
        body='[{"type": "paragraph", "value": "<p>Trygheds- og Indbrudsprojekt</p>"}]',
    )
    advice.add_child(instance=project)
    municipalities = MunicipalityIndexPage(title="Kommuner", slug="kommuner")
    home.add_child(instance=municipalities)
    horsens = MunicipalityPage(
        title="Horsens Kommune",
        slug="horsens",
        name="Horsens",
        prevention_contact_email=HORSENS_CONTACT,
    )
    municipalities.add_child(instance=horsens)
    vejle = MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    municipalities.add_child(instance=vejle)
    return {"site": site, "home": home, "project": project, "horsens": horsens, "vejle": vejle}


@contextmanager
def module_transaction(django_db_blocker):
    """An open transaction for everything a module builds once, rolled back after the module.

    pytest-django runs every `django_db` test inside its own atomic block; opened inside this
    one it becomes a savepoint, so each test still starts from exactly what the module built
    and whatever it writes is undone. Only for non-transactional tests: other connections
    (threads, the live server) cannot see uncommitted rows, so those use committed_site_tree.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def shared_site_tree(django_db_setup, django_db_blocker):
    """The page tree, built once per module (building it per test took most of the run)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            tree = build_site_tree()
        yield {name: (type(obj), obj.pk) for name, obj in tree.items()}


@pytest.fixture
def site_tree(shared_site_tree, db):
    """Fresh instances of the shared tree, so in-memory changes in one test stay in it."""
    return {name: model.objects.get(pk=pk) for name, (model, pk) in shared_site_tree.items()}


@pytest.fixture
def committed_site_tree(wagtail_base_data):
    """The same tree, committed, for tests whose other threads must see it."""
    return build_site_tree()


@pytest.fixture
def horsens(site_tree):
    return site_tree["horsens"]


@pytest.fixture
def vejle(site_tree):
    return site_tree["vejle"]


def valid_data(municipality_page, /, **overrides):
    data = {
        "association_name": "Grundejerforeningen Solsiden",
        "contact_name": "Anna Jensen",
        "email": "anna@example.dk",
        "phone": "12 34 56 78",
        "area": "Solvej og Månevej",
        "postcode": "8700",
        "town": "Horsens",
        "municipality": str(municipality_page.pk),
        "households": "42",
        "parts": ["skalsikring", "nabohjaelp"],
        "preferred_period": "Efteråret",
        "message": "Vi har haft flere indbrud.",
        "consent": "on",
        "submission_token": new_submission_token(),
        "website": "",
    }
    data.update(overrides)
    return data


def token_from(html):
    return re.search(r'name="submission_token" value="([^"]+)"', html).group(1)


def make_request(municipality, **fields):
    values = {
        "association_name": "GF Test",
        "contact_name": "Bo Hansen",
        "email": "bo@example.dk",
        "phone": "87654321",
        "area": "Testvej",
        "postcode": "8700",
        "town": "Horsens",
        "municipality": municipality,
        "wants_safety_walk": True,
        "message": "Hej",
        "consent": True,
    }
    values.update(fields)
    project_request, _created = create_request(ProjectRequest(**values))
    return project_request
