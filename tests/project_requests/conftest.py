"""Fixtures for the Trygheds- og Indbrudsprojekt request tests: the shared page tree with the
project page and two municipalities (one with a prevention contact, one without)."""

import re

import pytest
from wagtail.models import Locale, Page

from home.models import ContactSettings, NavigationSettings, StandardPage
from municipalities.models import MunicipalityPage
from project_requests.models import ProjectRequest
from project_requests.services import create_request, new_submission_token
from tests.database import module_transaction
from tests.factories import build_page_tree

HORSENS_CONTACT = "forebyggelse@horsens.example"
DKS_EMAIL = "dks@politi.example"
PAGE_URL = "/forebyggelse/tryghed-og-indbrud/"


def build_site_tree():
    """The shared tree (tests.factories.build_page_tree) with the project page at
    forebyggelse/tryghed-og-indbrud and two municipalities under kommuner/: Horsens with a
    prevention contact, Vejle without."""
    Locale.objects.get_or_create(language_code="da")
    if Page.get_first_root_node() is None:  # a transactional test's flush removed the tree
        Page.add_root(instance=Page(title="Root", slug="root"))
    tree = build_page_tree(
        municipality={"slug": "horsens", "prevention_contact_email": HORSENS_CONTACT}
    )
    settings_ = ContactSettings.for_site(tree.site)
    settings_.prevention_email = DKS_EMAIL
    settings_.save()

    project = tree.project
    privacy = StandardPage(title="Privatlivspolitik", slug="privatliv")
    tree.home.add_child(instance=privacy)
    navigation = NavigationSettings.for_site(tree.site)
    navigation.privacy_page = privacy
    navigation.save()
    vejle = MunicipalityPage(title="Vejle Kommune", slug="vejle", name="Vejle")
    tree.municipality_index.add_child(instance=vejle)
    return {
        "site": tree.site,
        "home": tree.home,
        "project": project,
        "horsens": tree.municipality,
        "vejle": vejle,
    }


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


# A complete, valid request form as a browser posts it, without the municipality and the
# one-time token (they depend on the database and the secret key). Also posted through gunicorn
# by tests/system/load.
VALID_REQUEST_FIELDS = {
    "association_name": "Grundejerforeningen Solsiden",
    "contact_name": "Anna Jensen",
    "email": "anna@example.dk",
    "phone": "12 34 56 78",
    "area": "Solvej og Månevej",
    "postcode": "8700",
    "town": "Horsens",
    "households": "42",
    "parts": ["skalsikring", "nabohjaelp"],
    "preferred_period": "Efteråret",
    "message": "Vi har haft flere indbrud.",
    "consent": "on",
    "website": "",
}


def valid_data(municipality_page, /, **overrides):
    return {
        **VALID_REQUEST_FIELDS,
        "municipality": str(municipality_page.pk),
        "submission_token": new_submission_token(),
        **overrides,
    }


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
