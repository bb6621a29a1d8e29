"""The frontend cache purges a changed page and the pages that list it, and nothing else.

Wagtail purges the page's own URLs on publish and unpublish (at once); home/signal_handlers.py
adds the parent (with its cached paths), the home page and the sitemap when the transaction
commits, hence django_capture_on_commit_callbacks. Every URL is asked for once: `purged` is
compared as a sorted list, repeats included. Purges run through django-tasks' default
ImmediateBackend (no TASKS setting), so they happen inside the call that publishes.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from home.frontend_cache import page_urls
from tests.factories import StandardPageFactory
from tests.formdata import advice_form

ROOT = "http://localhost"
SITEMAP = f"{ROOT}/sitemap.xml"


def url(page, path=""):
    return page.get_full_url() + path


def redirect_purge(old_url):
    """wagtail.contrib.redirects creates a redirect for a moved or renamed page and purges its
    old_path, which Redirect.normalise_path keeps without the trailing slash."""
    return old_url.rstrip("/")


@pytest.fixture
def tree(page_tree, purged):
    return page_tree


def publish(page, capture, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    with capture(execute=True):
        page.save_revision().publish()


def test_publish_purges_the_page_its_parent_the_home_page_and_the_sitemap(
    tree, purged, django_capture_on_commit_callbacks
):
    publish(tree.advice, django_capture_on_commit_callbacks, title="Lås døren")
    assert sorted(purged) == sorted(
        [url(tree.advice), url(tree.advice_index), url(tree.home), SITEMAP]
    )


def test_publish_of_a_news_item_purges_the_news_index_with_its_feeds(
    tree, purged, django_capture_on_commit_callbacks
):
    publish(tree.news, django_capture_on_commit_callbacks, title="Ny nyhed")
    index = url(tree.news_index)
    assert sorted(purged) == sorted(
        [url(tree.news), index, index + "rss/", index + "atom/", url(tree.home), SITEMAP]
    )


def test_the_news_index_caches_its_feeds(tree):
    assert tree.news_index.get_cached_paths() == ["/", "rss/", "atom/"]
    assert page_urls(tree.news_index) == [
        f"{ROOT}/nyheder/",
        f"{ROOT}/nyheder/rss/",
        f"{ROOT}/nyheder/atom/",
    ]


def test_publish_of_an_index_purges_it_with_the_home_page_once(
    tree, purged, django_capture_on_commit_callbacks
):
    """The parent is the home page: one purge for both."""
    publish(tree.news_index, django_capture_on_commit_callbacks, title="Alle nyheder")
    index = url(tree.news_index)
    assert sorted(purged) == sorted(
        [index, index + "rss/", index + "atom/", url(tree.home), SITEMAP]
    )


def test_publish_of_the_home_page_purges_it_and_the_sitemap(
    tree, purged, django_capture_on_commit_callbacks
):
    """Its parent, the tree's root, has no URL."""
    publish(tree.home, django_capture_on_commit_callbacks, title="Kredsrådet")
    assert sorted(purged) == sorted([url(tree.home), SITEMAP])


def test_the_listings_wait_for_the_commit(tree, purged, django_capture_on_commit_callbacks):
    """Purged before the commit, a listing could be cached again from the old data."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        tree.advice.save_revision().publish()
    assert purged == [url(tree.advice)]  # Wagtail's own purge of the page
    for callback in callbacks:
        callback()
    assert sorted(purged) == sorted(
        [url(tree.advice), url(tree.advice_index), url(tree.home), SITEMAP]
    )


def test_unpublish_purges_the_page_its_parent_the_home_page_and_the_sitemap(
    tree, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.advice.unpublish()
    assert sorted(purged) == sorted(
        [url(tree.advice), url(tree.advice_index), url(tree.home), SITEMAP]
    )


def test_delete_of_a_live_page_purges_the_urls_it_had(
    tree, purged, django_capture_on_commit_callbacks
):
    expected = [url(tree.advice), url(tree.advice_index), url(tree.home), SITEMAP]
    with django_capture_on_commit_callbacks(execute=True):
        tree.advice.delete()
    assert sorted(purged) == sorted(expected)


def test_delete_of_a_draft_purges_nothing(tree, purged, django_capture_on_commit_callbacks):
    draft = StandardPageFactory(parent=tree.home, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        draft.delete()
    assert purged == []


def test_move_purges_the_old_and_new_urls_and_both_parents(
    tree, purged, django_capture_on_commit_callbacks
):
    page = tree.standard_child
    old = url(page)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(tree.home, pos="last-child")
    page.refresh_from_db()
    assert url(page) != old
    assert sorted(purged) == sorted(
        [
            old,
            url(page),
            url(tree.standard),  # the parent before
            url(tree.home),  # the parent after, and the home page
            SITEMAP,
            redirect_purge(old),
        ]
    )


def test_move_purges_the_old_and_new_urls_of_the_live_pages_below(
    tree, purged, django_capture_on_commit_callbacks
):
    other = StandardPageFactory(parent=tree.home, title="Andet", slug="andet")
    page, child = tree.standard, tree.standard_child
    old_page, old_child = url(page), url(child)
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    page.refresh_from_db()
    child.refresh_from_db()
    assert url(child) == f"{ROOT}/andet/om/{child.slug}/"
    assert sorted(purged) == sorted(
        [
            old_page,
            url(page),
            old_child,
            url(child),
            url(tree.home),  # the parent before, and the home page
            url(other),  # the parent after
            SITEMAP,
            redirect_purge(old_page),
            redirect_purge(old_child),
        ]
    )


def test_reorder_purges_the_listings_only(tree, purged, django_capture_on_commit_callbacks):
    """Among its siblings the page keeps its URL, so does every page below it."""
    with django_capture_on_commit_callbacks(execute=True):
        tree.standard.move(tree.home, pos="first-child")
    assert sorted(purged) == sorted([url(tree.standard), url(tree.home), SITEMAP])


def test_publish_of_a_new_slug_purges_the_old_url_too(
    tree, purged, django_capture_on_commit_callbacks
):
    page, child = tree.standard, tree.standard_child
    old_page, old_child = url(page), url(child)
    publish(page, django_capture_on_commit_callbacks, slug="om-raadet")
    page.refresh_from_db()
    child.refresh_from_db()
    assert url(child) == f"{ROOT}/om-raadet/{child.slug}/"
    assert sorted(purged) == sorted(
        [
            old_page,
            url(page),
            old_child,
            url(child),
            url(tree.home),
            SITEMAP,
            redirect_purge(old_page),
            redirect_purge(old_child),
        ]
    )


def test_save_revision_alone_purges_nothing(tree, purged, django_capture_on_commit_callbacks):
    tree.advice.title = "Kladde"
    with django_capture_on_commit_callbacks(execute=True):
        tree.advice.save_revision()
        tree.advice.save_revision(clean=False)
    assert purged == []


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_draft_saves_and_autosaves_in_the_admin_purge_nothing(
    tree, purged, admin_client, django_capture_on_commit_callbacks
):
    data = advice_form("Kladde", tree.advice.slug, plan_page_id=tree.plan.pk)
    with django_capture_on_commit_callbacks(execute=True):
        saved = admin_client.post(edit_url(tree.advice), data)
        autosaved = admin_client.post(edit_url(tree.advice), data, HTTP_ACCEPT="application/json")
    assert saved.status_code == 302
    assert autosaved.status_code == 200 and autosaved.json()["success"]
    tree.advice.refresh_from_db()
    assert tree.advice.has_unpublished_changes
    assert purged == []


def test_a_workflow_submission_purges_nothing_and_its_approval_publishes(
    tree, purged, admin_client, django_capture_on_commit_callbacks
):
    task = GroupApprovalTask.objects.create(name="Godkendelse")
    task.groups.add(Group.objects.get_or_create(name="Godkendere")[0])
    workflow = Workflow.objects.create(name="Godkendelse af vejledning")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=tree.advice_index, defaults={"workflow": workflow})
    data = {
        **advice_form("Til godkendelse", tree.advice.slug, plan_page_id=tree.plan.pk),
        "action-submit": "1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url(tree.advice), data)
    assert response.status_code == 302
    tree.advice.refresh_from_db()
    assert tree.advice.workflow_in_progress
    assert purged == []

    task_state = tree.advice.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[tree.advice.pk, "approve", task_state.pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(approve, {"comment": ""})
    tree.advice.refresh_from_db()
    assert tree.advice.title == "Til godkendelse" and not tree.advice.has_unpublished_changes
    assert sorted(purged) == sorted(
        [url(tree.advice), url(tree.advice_index), url(tree.home), SITEMAP]
    )


def test_without_a_frontend_cache_nothing_is_computed(
    page_tree, settings, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Development and most tests: WAGTAILFRONTENDCACHE is empty."""
    from home.signal_handlers import purge_listings_on_publish

    settings.WAGTAILFRONTENDCACHE = {}
    with django_assert_num_queries(0), django_capture_on_commit_callbacks() as callbacks:
        purge_listings_on_publish(type(page_tree.advice), page_tree.advice)
    assert callbacks == []
