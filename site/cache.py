"""Cache-Control for the HTML pages.

Anonymous readers get `public, max-age=300`: the pages are the same for everyone, so browsers
and proxies may keep them a few minutes. Anything personal (a logged-in editor, the admin,
a request carrying a session cookie, a response setting a cookie such as the CSRF token of a
form) is `private, no-store`.
Views that set their own Cache-Control keep it. Static files are whitenoise's business.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers


class PageCacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if self._is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 300)
            )
            # An editor's session cookie must not be answered from a shared cache.
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _is_personal(request, response):
        if request.path.startswith("/admin/"):
            return True
        # A session (a login, or a password given for a restricted page) makes it personal.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return True
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        return bool(response.cookies)
