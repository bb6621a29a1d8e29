"""The cached URLs that go stale when a page changes, besides the page's own.

Wagtail's frontend cache (wagtail.contrib.frontend_cache) purges a page's own URLs, with its
get_cached_paths(), on page_published and page_unpublished. The pages that show the page keep
their copy until their s-maxage runs out; home/signal_handlers.py purges them too: the parent
(with its get_cached_paths(), e.g. the news index's feeds), the site's home page and the
sitemap. An app whose own URLs show pages (the calendars of municipalities) adds them through
`collecting_purge_urls`, so that one event is one PurgeBatch and home imports no other app.
"""

import copy

from django.dispatch import Signal
from django.urls import reverse
from wagtail.models import Page, Site

# Sent while the PurgeBatch of one event is filled, before it is purged. Receivers add full
# URLs to `batch` (see site_urls). Arguments:
#   sender       the page's specific class
#   page         the page that was published, unpublished (or deleted), moved or renamed
#   batch        the wagtail.contrib.frontend_cache.utils.PurgeBatch
#   event        "publish", "unpublish" (a deletion too), "move" or "slug_change"
#   parents      the pages whose listing changed: the parent, or the parents before and after
#                a move; empty for "slug_change" (its publish purges the listings)
#   url_paths    the page's url_path, or before and after a move or a rename
#   page_before  "slug_change" only: the page as it was before (its old slug)
collecting_purge_urls = Signal()


def page_urls(page, cache_object=None, url_path=None):
    """The page's full URLs, one per get_cached_paths() entry: where the page is now or, given
    `url_path`, where it was before a move or a rename. Empty when the page has no URL."""
    located = page
    if url_path is not None and url_path != page.url_path:
        located = copy.copy(page)  # in memory only: never saved
        located.url_path = url_path
    base = located.get_full_url(cache_object)
    if base is None:
        return []
    return [base + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def site_root_paths(*url_paths):
    """The sites (Site.get_site_root_paths entries) whose page tree holds one of url_paths."""
    return [
        root
        for root in Site.get_site_root_paths()
        if any(url_path.startswith(root.root_path) for url_path in url_paths)
    ]


def site_urls(path, *url_paths):
    """A path outside the page tree (e.g. reverse("sitemap")) as a full URL on every site whose
    tree holds one of url_paths: the host a reader asked for, which is what the cache keys on."""
    return sorted({root.root_url + path for root in site_root_paths(*url_paths)})


def add_listings(batch, parents, url_paths):
    """The parents (with their cached paths), the home page of every site the page is or was
    in, and those sites' sitemaps."""
    batch.add_pages(parent for parent in parents if parent is not None)
    roots = site_root_paths(*url_paths)
    batch.add_pages(
        Page.objects.filter(sites_rooted_here__in=[root.site_id for root in roots]).distinct()
    )
    batch.add_urls(site_urls(reverse("sitemap"), *url_paths))


def live_descendants_moved(page, url_path_before):
    """(descendant, its url_path before) for every live page below `page`, whose url_path
    changed with the page's from url_path_before to page.url_path."""
    prefix_length = len(page.url_path)
    return [
        (descendant, url_path_before + descendant.url_path[prefix_length:])
        for descendant in page.get_descendants().live().defer_streamfields()
    ]
