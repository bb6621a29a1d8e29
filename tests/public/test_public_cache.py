"""The Cache-Control middleware on its own: what makes a response personal."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse

from kredsraad_site.cache import PageCacheControlMiddleware


def respond(rf, set_cookie=False, path="/", cookies=None, status=200):
    def view(request):
        response = HttpResponse("<p>side</p>", status=status)
        if set_cookie:
            # Django re-sends the CSRF cookie whenever a form used the token.
            response.set_cookie("csrftoken", "token")
        return response

    request = rf.get(path)
    request.user = AnonymousUser()
    request.COOKIES.update(cookies or {})
    return PageCacheControlMiddleware(view)(request)


def test_anonymous_page_is_public(rf):
    assert respond(rf)["Cache-Control"] == "public, max-age=300"


def test_a_page_with_a_form_token_is_private(rf):
    cache_control = respond(rf, set_cookie=True)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_a_request_with_a_session_is_private(rf):
    assert "private" in respond(rf, cookies={"sessionid": "abc"})["Cache-Control"]


def test_errors_are_not_made_cacheable(rf):
    assert not respond(rf, status=404).has_header("Cache-Control")
