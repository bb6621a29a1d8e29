"""Security headers on public pages and on the admin, with production's settings."""

import re

import pytest

from tests.queries import public_urls


def directives(response):
    policy = response["Content-Security-Policy"]
    result = {}
    for part in policy.split(";"):
        name, *values = part.split()
        result[name] = values
    return result


@pytest.mark.django_db
def test_public_page_headers(production_security, tree, client):
    response = client.get(tree.advice.url, secure=True)
    assert response.status_code == 200
    assert int(re.search(r"max-age=(\d+)", response["Strict-Transport-Security"])[1]) >= 31_536_000
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    for values in csp.values():
        assert "'unsafe-inline'" not in values
        assert "'unsafe-eval'" not in values


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production_security, tree, client):
    response = client.get(tree.advice.url)
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


@pytest.mark.django_db
def test_admin_gets_only_the_relaxations_wagtail_needs(production_security, tree, client):
    response = client.get("/admin/login/", secure=True)
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "Permissions-Policy" in response


@pytest.mark.django_db
def test_cookies_are_secure_httponly_samesite(production_security, tree, client, django_user_model):
    django_user_model.objects.create_superuser("redaktoer", "r@example.org", "hemmeligt-kodeord")
    login = client.get("/admin/login/", secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', login.content)[1].decode()
    response = client.post(
        "/admin/login/",
        {"username": "redaktoer", "password": "hemmeligt-kodeord", "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_REFERER="https://testserver/admin/login/",
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


SCRIPT = re.compile(rb"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(rb"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(rb"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


@pytest.mark.django_db
def test_public_pages_need_no_inline_script_or_style(tree, client):
    """The strict policy blocks inline scripts, event-handler attributes and style attributes:
    no public page type may rely on them (it would silently break in production)."""
    for name, url in public_urls(tree).items():
        response = client.get(url)
        assert response.status_code == 200, name
        for attributes in SCRIPT.findall(response.content):
            if b"application/ld+json" in attributes:
                continue  # a data block (structured data), never executed
            assert b"src=" in attributes, f"{name}: inline <script{attributes.decode()}>"
        assert not EVENT_HANDLER.search(response.content), f"{name}: on...= handler"
        assert not STYLE_ATTRIBUTE.search(response.content), f"{name}: style= attribute"
        assert b"<style" not in response.content, f"{name}: <style> element"
