"""setup_site builds the project page from the plan, the groups and the privacy text."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from focus.models import AdvicePage, FocusAreaPage
from home.models import StandardPage
from project_requests.models import ProjectRequestPage

from .conftest import module_transaction

pytestmark = pytest.mark.django_db


def setup_site():
    out = StringIO()
    call_command("setup_site", "--skip-index", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module", autouse=True)
def built_site(django_db_setup, django_db_blocker):
    """One full setup_site run for the module (about ten seconds); each test starts from it."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            output = setup_site()
        yield output


def test_setup_site_creates_the_project_page_groups_and_privacy_text(client, built_site):
    assert re.search(r"Færdig: [1-9]\d* sider oprettet, 0 fandtes allerede", built_site)
    project = ProjectRequestPage.objects.get()
    assert project.url_path.endswith("/forebyggelse/tryghed-og-indbrud/")
    assert project.live
    assert "Trygheds- og Indbrudsprojekt" in str(project.body)
    assert project.plan_page is not None and project.plan_section
    # Still an advice page: the focus areas' links to it keep working.
    assert AdvicePage.objects.filter(pk=project.pk).exists()
    assert FocusAreaPage.objects.filter(related_advice=project).exists()
    assert {"Forebyggelse", "Forebyggelseskontakt Horsens"} <= set(
        Group.objects.values_list("name", flat=True)
    )
    privacy = StandardPage.objects.get(slug="privatliv")
    text = str(privacy.body)
    for words in ("Formål", "Opbevaring", "24 måneder", "Kontakt", "Datatilsynet"):
        assert words in text
    response = client.get("/forebyggelse/tryghed-og-indbrud/?kommune=horsens")
    assert response.status_code == 200
    assert "Trygheds- og Indbrudsprojekt" in response.content.decode()


def test_setup_site_is_idempotent():
    pages, groups = Page.objects.count(), Group.objects.count()
    output = setup_site()
    assert "Færdig: 0 sider oprettet" in output
    assert Page.objects.count() == pages
    assert Group.objects.count() == groups
    assert ProjectRequestPage.objects.count() == 1


def test_an_older_advice_page_at_the_slug_becomes_the_project_page(client):
    project = ProjectRequestPage.objects.get()
    page_id = project.pk
    # Simulate a site built before this page type existed: only the AdvicePage row remains.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM focus_projectrequestpage WHERE advicepage_ptr_id = %s",
            [page_id],
        )
    Page.objects.filter(pk=page_id).update(
        content_type=ContentType.objects.get_for_model(AdvicePage)
    )
    assert type(Page.objects.get(pk=page_id).specific) is AdvicePage

    setup_site()

    upgraded = Page.objects.get(pk=page_id).specific
    assert isinstance(upgraded, ProjectRequestPage)
    assert "Trygheds- og Indbrudsprojekt" in str(upgraded.body)
    assert FocusAreaPage.objects.filter(related_advice__pk=page_id).exists()
    response = client.get("/forebyggelse/tryghed-og-indbrud/")
    assert 'name="submission_token"' in response.content.decode()
