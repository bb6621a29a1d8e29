"""/healthz for the load balancer: 200 when this app server can serve pages, 503 when not.

The database is required (every page is read from it); the search backend and the cache are
reported but do not fail the check, because pages are still served without them (search then
answers with an error page, the cache with a miss).
"""

import ipaddress
import logging
import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def _timed(check):
    started = time.monotonic()
    try:
        detail = check()
        ok = True
    except Exception as error:  # noqa: BLE001  any failure is the answer, not a crash
        detail = f"{type(error).__name__}: {error}"
        ok = False
    return {"ok": ok, "ms": round((time.monotonic() - started) * 1000, 1), "detail": detail}


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _check_search():
    backend = get_search_backend()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    client = getattr(backend, "es", None)
    if client is not None and not client.ping():
        raise ConnectionError(f"{name} does not answer")
    return name


def _check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise ConnectionError(f"{type(cache).__name__} does not keep values")
    return type(cache).__name__


def may_see_details(request):
    """The backends' names and errors are for the operators: a probe on the machine itself
    (loopback, not forwarded by a proxy, whose own requests also come from loopback) or a
    logged-in staff user. Everybody else learns only ok or not ok."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
def healthz(request):
    checks = {
        "database": _timed(_check_database),
        "search": _timed(_check_search),
        "cache": _timed(_check_cache),
    }
    healthy = checks["database"]["ok"]
    if not healthy:
        logger.error("healthz: database unavailable: %s", checks["database"]["detail"])
    body = {"status": "ok" if healthy else "unavailable"}
    if may_see_details(request):
        body["checks"] = checks
    return JsonResponse(body, status=200 if healthy else 503)
