"""The Cache-Control middleware on its own: what a shared cache may keep, and what is personal."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from kredsraad_site.cache_control import CacheControlMiddleware


def respond(rf, set_cookie=False, path="/", cookies=None, status=200, method="get", **attrs):
    def view(request):
        response = HttpResponse("<p>side</p>", status=status)
        if set_cookie:
            # Django re-sends the CSRF cookie whenever a form used the token.
            response.set_cookie("csrftoken", "token")
        return response

    request = getattr(rf, method)(path)
    request.user = AnonymousUser()
    request.COOKIES.update(cookies or {})
    for name, value in attrs.items():
        setattr(request, name, value)
    return CacheControlMiddleware(view)(request)


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_page_is_public_for_browsers_and_shared_caches(rf, settings):
    settings.CACHE_CONTROL_MAX_AGE = 120
    settings.CACHE_CONTROL_S_MAXAGE = 3600
    settings.CACHE_CONTROL_STALE_WHILE_REVALIDATE = 60
    settings.CACHE_CONTROL_STALE_IF_ERROR = 86400
    response = respond(rf)
    assert directives(response) == {
        "public",
        "max-age=120",
        "s-maxage=3600",
        "stale-while-revalidate=60",
        "stale-if-error=86400",
    }
    assert "Cookie" in response["Vary"]


def test_a_page_with_a_form_token_is_private(rf):
    assert {"private", "no-store"} <= directives(respond(rf, set_cookie=True))


def test_a_request_with_a_session_is_private(rf):
    assert {"private", "no-store"} <= directives(respond(rf, cookies={"sessionid": "abc"}))


def test_the_admin_and_previews_are_private(rf):
    assert {"private", "no-store"} <= directives(respond(rf, path="/admin/"))
    assert {"private", "no-store"} <= directives(respond(rf, is_preview=True))


@pytest.mark.parametrize("status", [302, 404, 500, 503])
def test_errors_and_redirects_are_kept_by_no_cache(rf, status):
    assert directives(respond(rf, status=status)) == {"no-cache"}


def test_a_post_is_never_public(rf):
    assert directives(respond(rf, method="post")) == {"no-cache"}


def test_a_view_that_sets_its_own_cache_control_keeps_it(rf):
    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "max-age=5"
        return response

    request = rf.get("/")
    request.user = AnonymousUser()
    assert CacheControlMiddleware(view)(request)["Cache-Control"] == "max-age=5"
