"""Fewer queries per uncached page: what every page asks for and rarely changes is read once.

Wagtail asks the database for the same things on every page:

* the Site for the request's host (one query per request);
* the site settings (the footer's and header's ContactSettings: one query per request);
* the route to the page: Wagtail walks the tree from the site root, two queries per level (a
  conference page five levels down costs seven);
* the page view restrictions: every ``.public()`` in a menu, breadcrumb or listing runs
  ``SELECT * FROM wagtailcore_pageviewrestriction``, and serving a page runs two more queries
  to check the page's own restrictions.

This middleware keeps the Site and the site settings in the cache under the page cache's
generation (home/page_cache.py), so publishing, moving or deleting a page and saving a Site or
a setting renews them exactly when the cached pages are renewed. The route (URL path -> page id
and type) is kept the same way, so a page is fetched with one query whatever its depth; a path
that is not a page's URL (a RoutablePage's sub-route, a 404) is left to Wagtail's own routing.
The main menu, the breadcrumbs of each page and the view restrictions are kept the same way
(saving or deleting a restriction renews the generation too, home/page_cache_signals.py). When
the site has no restriction, which is the normal case, the serve-time check costs nothing.
Without a working cache everything is read from the database as Wagtail would.
"""

import contextvars
import hashlib
import logging

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from home.page_cache import _generation, page_cache

logger = logging.getLogger(__name__)

# The restrictions read during the current request: None outside a request, [] before the
# first read, then a one-element list holding the list of restrictions.
_restrictions = contextvars.ContextVar("kredsraad_view_restrictions", default=None)

MEMO_SECONDS = 600
# Part of the key: a memo stored by an older release (with other entries) is never read.
MEMO_FORMAT = "v2"


def request_restrictions():
    """The view restrictions, read once per request (None outside the middleware)."""
    memo = _restrictions.get()
    if memo is None:
        return None
    if not memo:
        memo.append(list(PageViewRestriction.objects.select_related("page")))
    return memo[0]


_original_private_q = PageQuerySet.private_q
_original_get_view_restrictions = Page.get_view_restrictions


def _private_q(self):
    restrictions = request_restrictions()
    if restrictions is None:
        return _original_private_q(self)
    from django.db.models import Q

    q = Q()
    for restriction in restrictions:
        q |= self.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def _get_view_restrictions(self):
    restrictions = request_restrictions()
    if restrictions is not None and not restrictions:
        # No restriction anywhere: nothing can apply to this page.
        return PageViewRestriction.objects.none()
    return _original_get_view_restrictions(self)


def install():
    """Called from HomeConfig.ready()."""
    PageQuerySet.private_q = _private_q
    Page.get_view_restrictions = _get_view_restrictions


# What the memo holds besides the site settings (stored under their cache attribute names).
MEMO_ENTRIES = {"site", "menu", "restrictions"}


def menu_items(root):
    """The main menu: the home page's live, public children marked "show in menus", as plain
    values (title, URL, tree path) that the cache stores cheaply."""
    pages = root.get_children().live().public().in_menu().only("id", "title", "path", "url_path")
    return [
        {"pk": page.pk, "title": page.title, "path": page.path, "url": page.get_url()}
        for page in pages
    ]


def breadcrumb_items(request, page):
    """The page's ancestors below Wagtail's root as plain values, kept under the request memo's
    key (so per cache generation) when the middleware ran; read from the database otherwise."""

    def read():
        ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "depth", "path")
        return [{"title": a.title, "url": a.get_url(request), "depth": a.depth} for a in ancestors]

    memo_key = getattr(request, "kredsraad_memo_key", None)
    # A preview may show a page that is not in the tree yet, or not where it will be.
    if memo_key is None or not page.pk or getattr(request, "is_preview", False):
        return read()
    key = f"{memo_key}:crumbs:{page.path}"
    cache = page_cache()
    items = cache.get(key)
    if items is None:
        items = read()
        cache.set(key, items, MEMO_SECONDS)
    return items


def _site_setting_models():
    return [model for model in apps.get_models() if issubclass(model, BaseSiteSetting)]


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _restrictions.set([])
        try:
            self._prefill(request)
            return self.get_response(request)
        finally:
            _restrictions.reset(token)

    def _prefill(self, request):
        try:
            cache = page_cache()
            site_address = f"{request.get_host()}:{request.get_port()}"
            key = f"requestmemo:{MEMO_FORMAT}:{_generation(cache)}:{site_address}"
            memo = cache.get(key)
        except Exception:  # noqa: BLE001  without the cache, Wagtail queries as usual
            logger.warning("request memo unavailable", exc_info=True)
            return
        request.kredsraad_memo_key = key
        if memo is None:
            site = Site.find_for_request(request)
            if site is None:
                return
            # Read first: the menu's public() below then uses them instead of reading again.
            restrictions = list(PageViewRestriction.objects.select_related("page"))
            _restrictions.get().append(restrictions)
            memo = {
                "site": site,
                "restrictions": restrictions,
                "menu": menu_items(site.root_page),
            }
            for model in _site_setting_models():
                memo[model.get_cache_attr_name()] = model.for_site(site)
            try:
                cache.set(key, memo, MEMO_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("request memo could not be stored", exc_info=True)
        else:
            request._wagtail_site = memo["site"]
            _restrictions.get().append(memo["restrictions"])
            for attr_name, setting in memo.items():
                if attr_name not in MEMO_ENTRIES:
                    setting._request = request
                    setattr(request, attr_name, setting)
        request.kredsraad_menu = memo["menu"]
        self._prefill_route(request, memo["site"], cache, key)

    def _prefill_route(self, request, site, cache, memo_key):
        try:
            if resolve(request.path_info).url_name != "wagtail_serve":
                return
        except Resolver404:
            return
        root = site.root_page
        url_path = root.url_path + request.path_info.lstrip("/")
        digest = hashlib.sha256(url_path.encode()).hexdigest()
        route_key = f"{memo_key}:route:{digest}"
        try:
            found = cache.get(route_key)
        except Exception:  # noqa: BLE001
            return
        if found is None:
            found = (
                Page.objects.filter(url_path=url_path, path__startswith=root.path)
                .values_list("pk", "content_type_id")
                .first()
            )
            if found is None:
                return
            try:
                cache.set(route_key, found, MEMO_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("route could not be stored", exc_info=True)
        pk, content_type_id = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            return
        page = model.objects.filter(pk=pk).first()
        if page is None:
            return
        try:
            request._wagtail_route_for_request = page.route(request, [])
        except Http404:
            request._wagtail_route_for_request = None
