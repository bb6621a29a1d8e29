"""Full-page cache for anonymous readers.

A reader without a session cookie who GETs a public page is served the stored response before
any middleware that touches the database (sessions, auth, Wagtail's redirects) runs: a hit costs
one or two cache reads and no SQL. Stored are only complete 200 HTML responses that set no
cookie and are not marked private or no-store: a page with a form that sets the CSRF cookie, an
editor's page with the user bar, the admin and POSTs are never stored.

Invalidation is by generation: every key includes a generation number kept in the same cache,
and publishing, unpublishing, moving or deleting a page, or saving the site settings, bumps it.
With Redis (production) the generation is shared by all app servers, so one bump invalidates
every server's view at once; old entries simply expire. PAGE_CACHE_SECONDS bounds how long an
entry lives (and so how stale a page can be after a change the signals do not see, such as
a scheduled publish on another machine's clock); 0 switches the cache off (the test settings
do, so tests see fresh renders unless they turn it on).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import cc_delim_re

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Query strings longer than this are not cached: nobody links to them, and they would only
# fill the cache.
MAX_QUERY_STRING = 300
HIT_HEADER = "X-Page-Cache"


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def excluded_prefixes():
    return tuple(
        getattr(
            settings,
            "PAGE_CACHE_EXCLUDED_PREFIXES",
            ["/admin/", "/django-admin/", "/healthz", "/static/", "/media/", "/dokumenter/"],
        )
    )


def _generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() does nothing if another process set it meanwhile; read back what won.
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def bump_generation(**kwargs):
    """Invalidate every cached page (on every app server sharing the cache)."""
    cache = page_cache()
    try:
        if cache.incr(GENERATION_KEY) is not None:
            return
    except ValueError:
        pass  # no generation yet: nothing is cached under a generation anyone will read
    except Exception:  # noqa: BLE001  an unreachable cache must not stop a publish
        logger.warning("page cache generation could not be bumped", exc_info=True)
        return
    cache.set(GENERATION_KEY, 2, None)


def _cache_key(request, generation):
    host = request.get_host()
    full_path = request.get_full_path()
    digest = hashlib.sha256(f"{host}{full_path}".encode()).hexdigest()
    return f"pagecache:{generation}:{request.method == 'HEAD' and 'GET' or request.method}:{digest}"


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Maybe logged in (editor's user bar, previews): always rendered fresh.
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    return not request.path_info.startswith(excluded_prefixes())


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    directives = cc_delim_re.split(response.get("Cache-Control", ""))
    cache_control = {part.split("=")[0].strip().lower() for part in directives}
    # "Vary: Cookie" alone is fine: the request carried no session cookie, and a response that
    # sets one (the CSRF cookie of a form) was refused above.
    return not cache_control & {"private", "no-store", "no-cache"}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)

        cache = page_cache()
        try:
            key = _cache_key(request, _generation(cache))
            stored = cache.get(key)
        except Exception:  # noqa: BLE001  the cache is an optimisation, never a failure
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            stored[HIT_HEADER] = "hit"
            return stored

        response = self.get_response(request)
        if _response_is_cacheable(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response[HIT_HEADER] = "miss"
            try:
                cache.set(key, response, seconds)
            except Exception:  # noqa: BLE001
                logger.warning("page cache could not store %s", request.path, exc_info=True)
        return response
