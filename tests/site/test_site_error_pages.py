"""Danish pages in the site's layout for what Django and Wagtail answer in English, safe
redirects after the front-end login and the password form, and /healthz's details."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db


def test_a_password_protected_page_asks_in_danish(public_site):
    page = public_site.statement
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig"
    )
    client = Client()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Siden kræver en adgangskode" in html
    assert "Password required" not in html
    assert '<html lang="da"' in html
    restriction = PageViewRestriction.objects.get(page=page)
    action = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    answer = client.post(action, {"password": "hemmelig", "return_url": "https://evil.example/"})
    assert answer.status_code == 302
    assert answer["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_the_login_for_private_pages_never_sends_to_accounts_profile(public_site):
    User.objects.create_user("borger", "b@example.dk", "pw")
    client = Client()
    response = client.post(
        "/_util/login/?next=https://evil.example/",
        {"username": "borger", "password": "pw", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_bad_request_is_a_danish_page():
    response = Client().get("/", HTTP_HOST="ugyldig vært")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Forespørgslen kan ikke bruges" in html
    assert '<html lang="da"' in html


def test_not_found_is_danish_with_the_search_label_above_its_field(public_site):
    html = Client().get("/findes-ikke/").content.decode()
    assert "Siden findes ikke" in html
    assert html.index('<label for="notfound-search-q"') < html.index('id="notfound-search-q"')


def test_healthz_tells_the_public_only_ok():
    public = Client(REMOTE_ADDR="203.0.113.5").get("/healthz")
    assert public.json() == {"status": "ok"}
    forwarded = Client().get("/healthz", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert forwarded.json() == {"status": "ok"}
    probe = Client().get("/healthz").json()
    assert probe["checks"]["database"]["ok"] is True


def test_healthz_details_for_staff():
    client = Client(REMOTE_ADDR="203.0.113.5")
    client.force_login(User.objects.create_user("drift", "d@example.dk", "pw", is_staff=True))
    assert "checks" in client.get("/healthz").json()
