"""Full-page cache for anonymous readers.

A reader without a session cookie who GETs a public page is served the stored response before
any middleware that touches the database (sessions, auth, Wagtail's redirects) runs: a hit costs
no SQL. Stored are only complete 200 HTML responses that set no cookie and are not marked
private or no-store: a page with a form that sets the CSRF cookie, an editor's page with the
user bar, the admin and POSTs are never stored.

Invalidation is by generation: every key includes a generation number kept in the same cache,
and publishing, unpublishing, moving or deleting a page, or saving the site settings, bumps it.
With Redis (production) the generation is shared by all app servers, so one bump invalidates
every server's view at once; old entries simply expire. PAGE_CACHE_SECONDS bounds how long an
entry lives (and so how stale a page can be after a change the signals do not see, such as
a scheduled publish on another machine's clock); 0 switches the cache off (the test settings
do, so tests see fresh renders unless they turn it on).

Two tiers, so that a hit costs about what serving a static file costs: each process keeps the
pages it served last in its own memory (LocalPages, bounded by PAGE_CACHE_LOCAL_MAX_BYTES) in
front of the shared cache, and trusts the generation it read for PAGE_CACHE_LOCAL_SECONDS. A
hit then touches neither Redis nor the database; the price is that a change made through
another process or app server reaches this one up to PAGE_CACHE_LOCAL_SECONDS later (the
process that made the change sees it at once). PAGE_CACHE_LOCAL_SECONDS=0 switches the local
tier off: every request then reads the generation and the page from the shared cache.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.http import urlencode

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
# Bumped when the stored format changes, so entries written by an older release are ignored.
FORMAT = "v2"
# Query strings longer than this are not cached: nobody links to them, and they would only
# fill the cache.
MAX_QUERY_STRING = 300
HIT_HEADER = "X-Page-Cache"


def page_cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 300))


def local_seconds():
    """How long a process trusts the generation it last read (0: read it on every request)."""
    return float(getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0))


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


class LocalPages:
    """The most recently served pages of this process, least recently used dropped first once
    they hold more than `max_bytes` of HTML. Thread-safe (gunicorn's gthread workers)."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] <= time.time():
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def set(self, key, entry):
        size = len(entry[3])
        if size > self.max_bytes // 4:
            return  # one huge page must not push out everything else
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key):
        self._bytes -= len(self._entries.pop(key)[3])

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self):
        return len(self._entries)


local_pages = LocalPages(int(getattr(settings, "PAGE_CACHE_LOCAL_MAX_BYTES", 32 * 1024 * 1024)))


class _GenerationMemo:
    def __init__(self):
        self.value = None
        self.read_at = float("-inf")

    def reset(self):
        self.value = None
        self.read_at = float("-inf")


_generation_memo = _GenerationMemo()


@receiver(setting_changed)
def _forget_local_state(setting, **kwargs):
    # Tests switch caches and page-cache settings on and off; what this process remembers
    # belongs to the old configuration.
    if setting in {"CACHES", "PAGE_CACHE_ALIAS", "PAGE_CACHE_SECONDS", "PAGE_CACHE_LOCAL_SECONDS"}:
        forget_local_state()
    if setting == "PAGE_CACHE_LOCAL_MAX_BYTES":
        local_pages.max_bytes = int(kwargs["value"] or 32 * 1024 * 1024)
        local_pages.clear()


def forget_local_state():
    """Drop this process's copies (the shared cache is left as it is)."""
    _generation_memo.reset()
    local_pages.clear()


def _read_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # add() does nothing if another process set it meanwhile; read back what won.
        cache.add(GENERATION_KEY, 1, None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def _generation(cache):
    """The current generation, read from the shared cache at most every
    PAGE_CACHE_LOCAL_SECONDS (a change made on another app server shows that much later)."""
    seconds = local_seconds()
    if seconds > 0 and time.monotonic() - _generation_memo.read_at < seconds:
        return _generation_memo.value
    generation = _read_generation(cache)
    _generation_memo.value, _generation_memo.read_at = generation, time.monotonic()
    return generation


def bump_generation(**kwargs):
    """Invalidate every cached page (on every app server sharing the cache)."""
    cache = page_cache()
    _generation_memo.reset()  # this process sees its own change at once
    try:
        if cache.incr(GENERATION_KEY) is not None:
            return
    except ValueError:
        pass  # no generation yet: nothing is cached under a generation anyone will read
    except Exception:  # noqa: BLE001  an unreachable cache must not stop a publish
        logger.warning("page cache generation could not be bumped", exc_info=True)
        return
    cache.set(GENERATION_KEY, 2, None)


# Parameters that social media, newsletters and ad platforms append to links; the site never
# reads them. A link shared on Facebook arrives with a different fbclid on every click, so
# without this every reader coming from the local press's post would miss the cache.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "twclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl"}
)


def _is_tracking(name):
    return name in TRACKING_PARAMETERS or name.startswith("utm_")


def _cache_key(request, generation):
    host = request.get_host()
    query = [
        (name, value)
        for name, values in request.GET.lists()
        if not _is_tracking(name)
        for value in values
    ]
    full_path = request.path
    if query:
        full_path += "?" + urlencode(query)
    digest = hashlib.sha256(f"{host}{full_path}".encode()).hexdigest()
    method = "GET" if request.method == "HEAD" else request.method
    return f"pagecache:{FORMAT}:{generation}:{method}:{digest}"


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


def _entry(response, seconds):
    """What is stored: plain values (expiry, status, headers, body), not a pickled response
    object, so a hit is cheap to load and independent of Django's response internals."""
    return (time.time() + seconds, response.status_code, list(response.items()), response.content)


def _response(entry):
    _expires, status, headers, content = entry
    response = HttpResponse(content, status=status, headers=dict(headers))
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = page_cache_seconds()
        if seconds <= 0 or not _request_is_cacheable(request):
            return self.get_response(request)

        cache = page_cache()
        use_local = local_seconds() > 0
        try:
            key = _cache_key(request, _generation(cache))
            entry = local_pages.get(key) if use_local else None
            if entry is None:
                entry = cache.get(key)
                if entry is not None and use_local:
                    local_pages.set(key, entry)
        except Exception:  # noqa: BLE001  the cache is an optimisation, never a failure
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if entry is not None:
            return _response(entry)

        response = self.get_response(request)
        if _response_is_cacheable(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response[HIT_HEADER] = "miss"
            entry = _entry(response, seconds)
            if use_local:
                local_pages.set(key, entry)
            try:
                cache.set(key, entry, seconds)
            except Exception:  # noqa: BLE001
                logger.warning("page cache could not store %s", request.path, exc_info=True)
        return response
