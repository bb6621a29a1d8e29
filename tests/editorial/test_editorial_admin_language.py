"""The admin a Danish editor meets shows none of Wagtail's English strings.

Each view is rendered as a Danish user; any msgid of Wagtail's catalogues that the Danish
catalogue (Wagtail's plus the project's locale/da) leaves untranslated and that appears in the
text shown fails the test (tests/admin_language.py).
"""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from wagtail.models import Page, Workflow

from focus.models import AdviceIndexPage
from home.models import ContactSettings, NavigationSettings
from project_requests.models import ProjectRequestPage
from tests.admin_language import (
    english_in_html,
    message_pattern,
    shown_texts,
    untranslated_messages,
)
from tests.editorial.conftest import news_form
from tests.project_requests.conftest import make_request


def assert_danish(response, what):
    assert response.status_code == 200, f"{what}: {response.status_code}"
    english = english_in_html(response.content.decode())
    assert not english, f"{what} shows Wagtail's English: " + "; ".join(
        f"{msgid!r} in {text!r}" for msgid, text in sorted(english.items())
    )


def test_the_check_finds_an_untranslated_msgid():
    """The check itself: an English msgid Wagtail leaves untranslated is found in a label,
    a placeholder and a sentence, and not inside a longer word or a Danish sentence."""
    pattern = message_pattern("Page '%(page_title)s' created and published.")
    assert pattern.search("Page 'Nyt' created and published.")
    single = message_pattern("Images")
    assert single.search("Images") and single.search(" Images* ")
    assert not single.search("Images of the plan")
    texts = shown_texts('<input placeholder="Search all pages…"><script>"Help"</script><b>Ok</b>')
    assert texts == ["Search all pages…", "Ok"]
    assert untranslated_messages(), "every Wagtail string translated: the check reads nothing"


def _messages(catalogue):
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items())))
        for entry in catalogue
        if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
    }


def test_the_committed_catalogues_are_compiled():
    """The .mo Django reads says what the .po says (`manage.py compilemessages` after editing)."""
    po_files = list(Path(settings.LOCALE_PATHS[0]).glob("da/LC_MESSAGES/*.po"))
    assert po_files
    for po_file in po_files:
        mo_file = po_file.with_suffix(".mo")
        assert mo_file.exists(), f"{mo_file} missing: run manage.py compilemessages"
        assert _messages(polib.mofile(str(mo_file))) == _messages(polib.pofile(str(po_file))), (
            f"{mo_file} is older than {po_file.name}: run manage.py compilemessages"
        )


def test_the_project_catalogue_fills_the_known_gaps():
    """Strings editors reported in English, and the odd Danish, now read as Danish."""

    with translation.override("da"):
        assert translation.gettext("Save draft") == "Gem kladde"
        assert translation.gettext("Promote") == "Søgning og menuer"
        script_catalogue = DjangoTranslation("da", domain="djangojs")
        assert script_catalogue.gettext("Collapse all") == "Fold alle sammen"
        assert script_catalogue.gettext("Autosave in progress…") == "Gemmer automatisk…"
        assert translation.gettext("Images") == "Billeder"
        assert translation.gettext("Page title") != "Page title"
        submitted = translation.gettext("Page '%(page_title)s' has been submitted for moderation.")
        assert submitted == "Siden '%(page_title)s' er sendt til godkendelse."


@pytest.fixture
def admin_views(site):
    """Every view to check, as (description, url), for the superuser and a municipality
    editor."""
    pages = {key: site.page(key) for key in site._page_ids}
    project_page = ProjectRequestPage.objects.first()
    advice_index = AdviceIndexPage.objects.get()
    request = make_request(pages["horsens"])
    views = [
        ("dashboard", reverse("wagtailadmin_home")),
        ("explorer root", reverse("wagtailadmin_explore_root")),
        ("search", reverse("wagtailadmin_pages:search") + "?q=plan"),
        ("images", reverse("wagtailimages:index")),
        ("documents", reverse("wagtaildocs:index")),
        ("snippets", reverse("wagtailsnippets:index")),
        ("requests", reverse("wagtailsnippets_project_requests_projectrequest:list")),
        (
            "request edit",
            reverse("wagtailsnippets_project_requests_projectrequest:edit", args=[request.pk]),
        ),
        (
            "request inspect",
            reverse("wagtailsnippets_project_requests_projectrequest:inspect", args=[request.pk]),
        ),
        ("workflows", reverse("wagtailadmin_workflows:index")),
        (
            "workflow edit",
            reverse("wagtailadmin_workflows:edit", args=[Workflow.objects.first().pk]),
        ),
        ("tasks", reverse("wagtailadmin_workflows:task_index")),
        ("report locked", reverse("wagtailadmin_reports:locked_pages")),
        ("report workflow", reverse("wagtailadmin_reports:workflow")),
        ("report workflow tasks", reverse("wagtailadmin_reports:workflow_tasks")),
        ("report site history", reverse("wagtailadmin_reports:site_history")),
        ("report aging pages", reverse("wagtailadmin_reports:aging_pages")),
        ("report review due", reverse("editorial_review_due")),
        (
            "settings contact",
            reverse("wagtailsettings:edit", args=["home", ContactSettings._meta.model_name, 1]),
        ),
        (
            "settings navigation",
            reverse("wagtailsettings:edit", args=["home", NavigationSettings._meta.model_name, 1]),
        ),
    ]
    for key, page in {**pages, "project": project_page, "advice_index": advice_index}.items():
        views.append((f"edit {key}", reverse("wagtailadmin_pages:edit", args=[page.pk])))
        views.append((f"listing {key}", reverse("wagtailadmin_explore", args=[page.pk])))
        views.append((f"history {key}", reverse("wagtailadmin_pages:history", args=[page.pk])))
    creatable = [
        ("news", "newspage", pages["news_index"]),
        ("municipalities", "conferencepage", pages["horsens"]),
        ("municipalities", "municipalitypage", pages["municipality_index"]),
        ("focus", "focusareapage", pages["focus_index"]),
        ("focus", "advicepage", advice_index),
        ("home", "standardpage", pages["home"]),
        ("plans", "planpage", pages["plan_index"]),
    ]
    for app, model, parent in creatable:
        views.append(
            (f"add {model}", reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]))
        )
    views.append(
        ("add subpage", reverse("wagtailadmin_pages:add_subpage", args=[pages["home"].pk]))
    )
    return views


def test_admin_views_are_danish_for_the_superuser(site, login, admin_views):
    client = login(site.user("admin"))
    failures = []
    for what, url in admin_views:
        try:
            assert_danish(client.get(url, follow=True), what)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures)


def test_municipality_editor_sees_danish_through_the_workflow(site, login):
    """The Horsens editor adds a conference and submits it; the reviewer sees the task; every
    page and message on the way is Danish."""
    horsens = site.page("horsens")
    editor = login(site.user("horsens"))
    assert_danish(editor.get(reverse("wagtailadmin_home")), "editor dashboard")
    assert_danish(editor.get(reverse("wagtailadmin_explore", args=[horsens.pk])), "editor listing")
    news = site.page("news")
    news_edit = reverse("wagtailadmin_pages:edit", args=[news.pk])
    assert_danish(editor.get(news_edit, follow=True), "editor on a page it may not edit")

    kommunikation = login(site.user("kommunikation"))
    response = kommunikation.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", site.page("news_index").pk]),
        {**news_form(title="Nabohjælp virker", slug="nabohjaelp-virker"), "action-publish": "1"},
        follow=True,
    )
    assert_danish(response, "message after create and publish")
    assert Page.objects.filter(slug="nabohjaelp-virker").live().exists()

    response = kommunikation.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", site.page("news_index").pk]),
        news_form(title="Kladde om tryghed", slug="kladde-om-tryghed"),
        follow=True,
    )
    assert_danish(response, "message after saving a draft")
    draft = Page.objects.get(slug="kladde-om-tryghed")
    response = kommunikation.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {**news_form(draft.specific, title="Kladde om tryghed"), "action-submit": "1"},
        follow=True,
    )
    assert_danish(response, "message after submitting for moderation")

    redaktion = login(site.user("redaktion"))
    assert_danish(redaktion.get(reverse("wagtailadmin_home")), "reviewer dashboard")
    assert_danish(
        redaktion.get(reverse("wagtailadmin_pages:workflow_history", args=[draft.pk])),
        "workflow history",
    )
    assert_danish(
        redaktion.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])),
        "editing a page in moderation",
    )
