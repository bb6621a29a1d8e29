"""Reliability: Redis down, bad search input, the known Wagtail XSS payloads."""

import json
import os

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.system.production.conftest import load_production_settings

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL,
    reason="needs a Redis server: run `bash scripts/start-redis` and set "
    "REDIS_URL=$(bash scripts/redis-url) (make test does both)",
)


def redis_caches(monkeypatch, location):
    """The CACHES production.py builds for REDIS_URL=location."""
    return load_production_settings(monkeypatch, REDIS_URL=location).CACHES


@needs_redis
@pytest.mark.redis
def test_production_cache_is_shared_through_redis(settings, monkeypatch):
    settings.CACHES = redis_caches(monkeypatch, REDIS_URL)
    from django.core.cache import caches

    cache = caches.create_connection("default")
    cache.set("kredsraad-test-key", "delt", 10)
    # A second client, as a second app server would open: it sees the same value.
    assert caches.create_connection("default").get("kredsraad-test-key") == "delt"
    cache.delete("kredsraad-test-key")


@pytest.mark.django_db
def test_redis_down_pages_still_served(settings, monkeypatch, tree, client):
    # Nothing listens on port 1: every cache call fails to connect, as when Redis is down.
    settings.CACHES = redis_caches(monkeypatch, "redis://127.0.0.1:1/0")
    for url in [tree.home.url, tree.advice.url, tree.plan.url, "/soeg/?q=indbrud"]:
        assert client.get(url).status_code == 200, url
        assert client.get(url).status_code == 200, url
    tree.advice.save_revision().publish()
    health = client.get("/healthz")
    assert health.status_code == 200
    body = json.loads(health.content)
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
@hypothesis_settings(max_examples=60)
@given(
    q=st.one_of(st.text(max_size=300), st.sampled_from(['"', '"indbrud', "AND OR NOT", "*", "\\"])),
    side=st.one_of(st.none(), st.text(max_size=20), st.integers().map(str)),
)
def test_search_never_answers_5xx(client, q, side):
    params = {"q": q}
    if side is not None:
        params["side"] = side
    response = client.get("/soeg/", params)
    assert response.status_code < 500


@pytest.mark.django_db
def test_suggest_endpoint_never_answers_5xx(client):
    for q in ["", "i", "indbr", '"', "\x00", "a" * 5000, "<script>"]:
        response = client.get("/soeg/forslag/", {"q": q})
        assert response.status_code < 500, q


PAYLOAD = '<script>alert("xss")</script>'


@pytest.mark.django_db
def test_xss_payloads_render_escaped(tree, client):
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    from home.models import ContactSettings

    # A javascript: link in rich text, as the admin's editor saves it (Draftail's contentstate
    # goes through Wagtail's converter, which drops it), and as an import writes it straight
    # into the database (Wagtail renders that unchanged; the site's richtext.html override
    # drops the href, home/rich_text_links.py). The CSP (no 'unsafe-inline') is the second line.
    contentstate = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "depth": 0,
                "text": "klik her",
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
        },
    }
    rich_text = ContentstateConverter(["link", "bold"]).to_database_format(json.dumps(contentstate))
    tree.standard.body = [
        ("paragraph", rich_text),
        ("paragraph", '<p><a href="java&#x09;script:alert(3)">importeret</a></p>'),
        # Markup in plain-text blocks.
        ("heading", {"text": PAYLOAD, "level": "h2"}),
        ("quote", {"quote": PAYLOAD, "attribution": '"><img src=x onerror=alert(1)>'}),
    ]
    # Markup in plain-text fields: the title (also in the menu, breadcrumbs, <title>), the summary.
    tree.standard.title = PAYLOAD
    tree.standard.summary = f'"><script>alert(2)</script>{PAYLOAD}'
    tree.standard.save_revision().publish()
    contact = ContactSettings.for_site(tree.site)
    contact.emergency_notice = PAYLOAD
    contact.save()

    html = client.get(tree.standard.url).content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert "klik" in html
    assert "<a>importeret</a>" in html
    assert "alert(3)" not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.django_db
def test_html_in_help_text_is_escaped_in_the_admin(tree, client, django_user_model, monkeypatch):
    """Wagtail's advisories: help text with markup must not run in the admin's editor."""
    from home.models import StandardPage

    field = StandardPage._meta.get_field("summary")
    monkeypatch.setattr(field, "help_text", PAYLOAD)
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.org", "kodeord")
    client.force_login(user)
    response = client.get(f"/admin/pages/{tree.standard.pk}/edit/")
    assert response.status_code == 200
    assert PAYLOAD not in response.content.decode()
