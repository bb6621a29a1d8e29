"""The full-page cache for anonymous readers (home/page_cache.py)."""

import pytest
from django.test import Client

from home.page_cache import HIT_HEADER


@pytest.mark.django_db
def test_hit_costs_zero_queries(page_cache_on, tree, client, django_assert_num_queries):
    first = client.get(tree.advice.url)
    assert first.status_code == 200
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(tree.advice.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content


@pytest.mark.django_db
def test_search_results_are_cached_per_query(page_cache_on, tree, client):
    assert client.get("/soeg/?q=indbrud")[HIT_HEADER] == "miss"
    assert client.get("/soeg/?q=indbrud")[HIT_HEADER] == "hit"
    assert client.get("/soeg/?q=nabohjælp")[HIT_HEADER] == "miss"


@pytest.mark.django_db
def test_tracking_parameters_share_the_cached_page(page_cache_on, tree, client):
    """A post shared on social media brings a new fbclid on every click."""
    assert client.get(tree.advice.url, {"fbclid": "IwAR0abc"})[HIT_HEADER] == "miss"
    assert client.get(tree.advice.url, {"fbclid": "IwAR1xyz"})[HIT_HEADER] == "hit"
    assert client.get(tree.advice.url)[HIT_HEADER] == "hit"
    assert client.get(tree.advice.url, {"utm_source": "nyhedsbrev"})[HIT_HEADER] == "hit"
    # Parameters the site reads still make pages of their own.
    assert client.get("/soeg/", {"q": "indbrud", "utm_medium": "x"})[HIT_HEADER] == "miss"
    assert client.get("/soeg/", {"q": "indbrud", "gclid": "y"})[HIT_HEADER] == "hit"
    assert client.get("/soeg/", {"q": "nabohjælp"})[HIT_HEADER] == "miss"


@pytest.mark.django_db
def test_publish_invalidates(page_cache_on, tree, client):
    client.get(tree.advice.url)
    client.get(tree.home.url)
    tree.advice.title = "Sådan sikrer du dit hjem"
    tree.advice.save_revision().publish()
    response = client.get(tree.advice.url)
    assert response[HIT_HEADER] == "miss"
    assert "Sådan sikrer du dit hjem" in response.content.decode()
    # Other pages list the title too (menus, listings): they are renewed as well.
    assert client.get(tree.home.url)[HIT_HEADER] == "miss"


@pytest.mark.django_db
def test_unpublish_invalidates(page_cache_on, tree, client):
    assert client.get(tree.news.url).status_code == 200
    assert client.get(tree.news.url)[HIT_HEADER] == "hit"
    tree.news.unpublish()
    assert client.get(tree.news.url).status_code == 404


@pytest.mark.django_db
def test_move_invalidates(page_cache_on, tree, client):
    old_url = tree.standard.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url)[HIT_HEADER] == "hit"
    tree.standard.move(tree.news_index, pos="last-child")
    # Wagtail's automatic redirect, not the cached page.
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/nyheder/om/"


@pytest.mark.django_db
def test_settings_change_invalidates(page_cache_on, tree, client):
    from home.models import ContactSettings

    client.get(tree.home.url)
    contact = ContactSettings.for_site(tree.site)
    contact.emergency_notice = "Ring 112 ved akut fare."
    contact.save()
    response = client.get(tree.home.url)
    assert response[HIT_HEADER] == "miss"
    assert "Ring 112 ved akut fare." in response.content.decode()


@pytest.mark.django_db
def test_logged_in_users_are_never_served_from_cache(
    page_cache_on, tree, client, django_user_model
):
    client.get(tree.advice.url)
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.org", "kodeord")
    editor = Client()
    editor.force_login(user)
    first = editor.get(tree.advice.url)
    assert HIT_HEADER not in first
    assert HIT_HEADER not in editor.get(tree.advice.url)


@pytest.mark.django_db
def test_post_is_never_cached(page_cache_on, tree, client):
    client.get("/soeg/?q=indbrud")
    response = client.post("/soeg/?q=indbrud")
    assert response.get(HIT_HEADER) != "hit"


@pytest.mark.django_db
def test_responses_that_set_cookies_are_not_stored(page_cache_on, tree, client, monkeypatch):
    from home import page_cache

    def view_with_cookie(request):
        from django.http import HttpResponse

        response = HttpResponse("<p>form</p>", content_type="text/html")
        response.set_cookie("csrftoken", "abc")
        return response

    middleware = page_cache.PageCacheMiddleware(view_with_cookie)
    from django.test import RequestFactory

    request = RequestFactory().get("/formular/")
    middleware(request)
    assert HIT_HEADER not in middleware(RequestFactory().get("/formular/"))


@pytest.mark.django_db
def test_not_found_is_not_stored(page_cache_on, tree, client):
    client.get("/findes-ikke/")
    assert HIT_HEADER not in client.get("/findes-ikke/")


@pytest.mark.django_db
def test_switched_off_by_default_in_tests(tree, client):
    client.get(tree.advice.url)
    assert HIT_HEADER not in client.get(tree.advice.url)


@pytest.mark.django_db
def test_broken_cache_still_serves_pages(page_cache_on, tree, client, monkeypatch):
    from home import page_cache

    class Broken:
        def __getattr__(self, name):
            def fail(*args, **kwargs):
                raise ConnectionError("cache down")

            return fail

    monkeypatch.setattr(page_cache, "page_cache", lambda: Broken())
    response = client.get(tree.advice.url)
    assert response.status_code == 200
    tree.advice.save_revision().publish()  # bumping a dead cache does not stop a publish
