"""Purge the pages that list a page when it is published, unpublished, deleted or moved.

Only these events purge: a draft save, a revision, an autosave or a workflow submission
changes nothing readers see, and sends none of the signals below. Wagtail's frontend cache
already purges the page's own URLs on publish and unpublish, so those are left out here; on a
move or a rename (which Wagtail does not purge) the page's and its live descendants' old and
new URLs are purged as well.

A live page that is deleted is unpublished first (Wagtail's pre_delete handler on Page), while
it and its parent still exist: page_unpublished covers the deletion, with the URLs it had.

Each event fills one PurgeBatch (a set: every URL once) and purges it when the transaction
commits, so that no reader can put the old version back into the cache in between; outside a
transaction (the admin's publish) that is at once. Without a frontend cache configured
(WAGTAILFRONTENDCACHE empty: development, the tests) nothing is computed.
"""

from django.db import transaction
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.frontend_cache import (
    add_listings,
    collecting_purge_urls,
    live_descendants_moved,
    page_urls,
)

# Wagtail's own handlers (wagtail.contrib.frontend_cache.signal_handlers) purge these.
OWN_URLS_PURGED_BY_WAGTAIL = {"publish", "unpublish"}


def purge(page, event, batch, parents=(), url_paths=None, listings=True, **extra):
    """Complete the event's batch with the listings and what other apps add, then purge it
    once the transaction commits."""
    parents = [parent for parent in parents if parent is not None]
    url_paths = url_paths or [page.url_path]
    page = page.specific_deferred  # post_page_move sends a plain Page
    if listings:
        add_listings(batch, parents, url_paths)
    collecting_purge_urls.send(
        sender=page.specific_class or type(page),
        page=page,
        batch=batch,
        event=event,
        parents=parents,
        url_paths=url_paths,
        **extra,
    )
    if event in OWN_URLS_PURGED_BY_WAGTAIL:
        batch.urls.difference_update(page_urls(page, batch))
    if batch.urls:
        transaction.on_commit(batch.purge, robust=True)


def frontend_cache_configured():
    return bool(get_backends())


def purge_listings_on_publish(sender, instance, **kwargs):
    if frontend_cache_configured():
        purge(instance, "publish", PurgeBatch(), parents=[instance.get_parent()])


def purge_listings_on_unpublish(sender, instance, **kwargs):
    if frontend_cache_configured():
        purge(instance, "unpublish", PurgeBatch(), parents=[instance.get_parent()])


def purge_on_move(
    sender,
    instance,
    parent_page_before,
    parent_page_after,
    url_path_before,
    url_path_after,
    **kwargs,
):
    """A move (or a reorder among siblings): the old and new URLs of the page and its live
    descendants, both parents' listings, the home pages and the sitemaps."""
    if not frontend_cache_configured():
        return
    batch = PurgeBatch()
    # A reorder among siblings keeps every URL: only the listings' order changes.
    moved = (
        live_descendants_moved(instance, url_path_before)
        if url_path_before != url_path_after
        else []
    )
    if instance.live:
        moved.append((instance, url_path_before))
    if not moved:
        return  # a draft with no live page below it: nothing readers see has changed
    for page, before in moved:
        batch.add_urls(page_urls(page, batch, url_path=before))
        batch.add_urls(page_urls(page, batch))
    purge(
        instance,
        "move",
        batch,
        # A draft is in no listing; its live descendants are in the sitemap.
        parents=[parent_page_before, parent_page_after] if instance.live else [],
        url_paths=[url_path_before, url_path_after],
    )


def purge_on_slug_change(sender, instance, instance_before, **kwargs):
    """A new slug is published (a live page's slug changes only when it is published): the
    old URLs of the page and its live descendants, and the descendants' new ones. The publish
    that follows purges the page's new URLs and its listings."""
    if not instance.live or not frontend_cache_configured():
        return
    batch = PurgeBatch()
    batch.add_urls(page_urls(instance, batch, url_path=instance_before.url_path))
    for page, before in live_descendants_moved(instance, instance_before.url_path):
        batch.add_urls(page_urls(page, batch, url_path=before))
        batch.add_urls(page_urls(page, batch))
    purge(
        instance,
        "slug_change",
        batch,
        url_paths=[instance_before.url_path, instance.url_path],
        listings=False,
        page_before=instance_before,
    )


def register_signal_handlers():
    """For every page type: the signals are sent with the page's specific class as sender."""
    page_published.connect(purge_listings_on_publish, dispatch_uid="home.purge_on_publish")
    page_unpublished.connect(purge_listings_on_unpublish, dispatch_uid="home.purge_on_unpublish")
    post_page_move.connect(purge_on_move, dispatch_uid="home.purge_on_move")
    page_slug_changed.connect(purge_on_slug_change, dispatch_uid="home.purge_on_slug_change")
