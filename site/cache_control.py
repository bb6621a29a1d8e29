"""Cache-Control on every response that does not set its own.

What every reader gets the same is `public`: browsers keep it CACHE_CONTROL_MAX_AGE seconds,
a shared cache (Varnish, a CDN) CACHE_CONTROL_S_MAXAGE, since Wagtail's frontend cache purges
it on publish; `stale-while-revalidate` and `stale-if-error` let the shared cache answer while it
fetches a fresh copy or while the app is down. Anything personal is `private, no-store`: the
admin, a logged-in editor, a request with a session (a password given for a restricted page),
a response setting a cookie (the CSRF token of a form), previews.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

# Errors and redirects to a login are left to expire at once (no-cache): no shared cache keeps them.
PUBLIC_STATUSES = {200, 301}


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        elif request.method in ("GET", "HEAD") and response.status_code in PUBLIC_STATUSES:
            patch_cache_control(
                response,
                public=True,
                max_age=settings.CACHE_CONTROL_MAX_AGE,
                s_maxage=settings.CACHE_CONTROL_S_MAXAGE,
                stale_while_revalidate=settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE,
                stale_if_error=settings.CACHE_CONTROL_STALE_IF_ERROR,
            )
            # An editor's session cookie must not be answered from a shared cache.
            patch_vary_headers(response, ["Cookie"])
        else:
            patch_cache_control(response, no_cache=True)
        return response


def is_personal(request, response):
    if request.path.startswith("/admin/") or getattr(request, "is_preview", False):
        return True
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return bool(response.cookies)
