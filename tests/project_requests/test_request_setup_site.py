"""setup_site builds the project page from the plan, the groups and the privacy text."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page

from focus.models import AdviceIndexPage, FocusAreaPage
from home.models import NavigationSettings, StandardPage
from project_requests.models import ProjectRequestPage
from tests.database import module_transaction

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
    # The plan's paragraph about the project, its lead not repeated in the body.
    assert "Trygheds- og Indbrudsprojekt" in project.summary
    assert "forebyggelsesprojekt" in str(project.body)
    assert project.plan_page is not None and project.plan_section
    # Listed with the advice, and linked from the focus area it belongs to.
    assert project.get_parent().specific_class is AdviceIndexPage
    assert FocusAreaPage.objects.filter(related_pages__page=project).exists()
    assert NavigationSettings.objects.get().request_page_id == project.pk
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
