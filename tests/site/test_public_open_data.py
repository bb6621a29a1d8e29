"""Open data and metadata: sitemap, robots.txt, canonical URL, Open Graph, schema.org Event,
the read-only API, the /was redirect and the caching headers."""

import datetime
import json
import re

from django.contrib.auth import get_user_model
from django.utils import timezone


def test_sitemap_lists_the_live_pages(client, public_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<loc>http://testserver/samarbejdsplan/2017/</loc>" in body
    assert "<loc>http://testserver/kommuner/horsens/lokalraad-plus-2099/</loc>" in body
    public_site.news.unpublish()
    assert "/nyheder/ny-plan/" not in client.get("/sitemap.xml").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_was_redirects_permanently_to_the_accessibility_statement(client, public_site):
    for path in ("/was", "/was/"):
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == "/tilgaengelighedserklaering/"
    assert client.get("/tilgaengelighedserklaering/").status_code == 200


def test_footer_links_the_accessibility_statement(client, public_site):
    html = client.get("/").content.decode()
    assert '<a href="/tilgaengelighedserklaering/">Tilgængelighedserklæring</a>' in html


def test_canonical_and_open_graph(client, public_site):
    html = client.get("/samarbejdsplan/2017/").content.decode()
    assert '<html lang="da">' in html
    assert '<link rel="canonical" href="http://testserver/samarbejdsplan/2017/">' in html
    assert '<meta property="og:title" content="Samarbejdsplan 2017">' in html
    assert '<meta property="og:description" content="Planen for 2017.">' in html
    assert '<meta property="og:url" content="http://testserver/samarbejdsplan/2017/">' in html
    news = client.get("/nyheder/ny-plan/").content.decode()
    assert '<meta property="og:type" content="article">' in news


def test_conference_page_carries_schema_org_event(client, public_site):
    html = client.get("/kommuner/horsens/lokalraad-plus-2099/").content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the conference page"
    # The summary contains "<med>": it must be escaped inside the script element.
    assert "<med>" not in match.group(1)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["name"] == "Lokalråd+ konference 2099"
    assert data["description"] == public_site.upcoming.summary
    # The place's name and its postal address apart; no price nobody entered.
    assert data["location"] == {
        "@type": "Place",
        "name": "Horsens Rådhus",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "DK",
            "streetAddress": "Torvet 1",
            "postalCode": "8700",
            "addressLocality": "Horsens",
        },
    }
    assert "offers" not in data and "price" not in match.group(1)
    # The same moment, in Danish local time (comparing a UTC date with it fails around midnight).
    start = datetime.datetime.fromisoformat(data["startDate"])
    assert start == public_site.upcoming.start
    assert start.utcoffset() == timezone.localtime(public_site.upcoming.start).utcoffset()
    assert data["url"] == "http://testserver/kommuner/horsens/lokalraad-plus-2099/"
    assert "Kommende konference" in html
    past = client.get("/kommuner/vejle/lokalraad-plus-2017/").content.decode()
    assert "Afholdt konference" in past
    # No executable inline script anywhere (a Content-Security-Policy forbids it).
    assert not re.search(r"<script(?![^>]*(src=|application/ld\+json))", past)


def test_api_lists_public_pages_with_their_fields(client, public_site):
    response = client.get(
        "/api/v2/pages/?type=plans.PlanPage&fields=year,body,summary,parties,approval_statement"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 1
    plan = data["items"][0]
    assert plan["year"] == 2017
    assert plan["summary"] == "Planen for 2017."
    assert plan["parties"] == ["Horsens", "Vejle"]
    assert plan["body"][1]["type"] == "section"
    assert plan["body"][1]["value"]["number"] == "1"
    detail = client.get(f"/api/v2/pages/{public_site.upcoming.pk}/").json()
    assert (detail["venue"], detail["venue_address"]) == (
        "Horsens Rådhus",
        "Torvet 1, 8700 Horsens",
    )


def test_api_is_read_only_and_hides_unpublished_pages(client, public_site):
    assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    public_site.news.unpublish()
    response = client.get(f"/api/v2/pages/{public_site.news.pk}/")
    assert response.status_code == 404


def test_anonymous_pages_are_publicly_cacheable(client, public_site):
    response = client.get("/samarbejdsplan/2017/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "s-maxage=" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_logged_in_users_and_the_admin_are_not_cached(client, public_site):
    user = get_user_model().objects.create_superuser("redaktoer", "r@example.org", "pw")
    client.force_login(user)
    page = client.get("/samarbejdsplan/2017/")
    assert "private" in page["Cache-Control"]
    assert "no-store" in page["Cache-Control"]
    client.logout()
    client.cookies["sessionid"] = "an-anonymous-session"
    assert "private" in client.get("/samarbejdsplan/2017/")["Cache-Control"]
    admin = client.get("/admin/")
    assert "public" not in admin["Cache-Control"]
    assert "s-maxage" not in admin["Cache-Control"]


def test_home_page_leads_to_the_project_conferences_and_municipalities(client, public_site):
    html = client.get("/").content.decode()
    assert 'href="/forebyggelse/tryghed-og-indbrud/"' in html
    assert "Lokalråd+ konference 2099" in html  # upcoming
    assert "Lokalråd+ konference 2017" not in html  # past conferences are not "coming"
    assert 'href="/kommuner/"' in html
    assert 'href="/kalender/konferencer.ics"' in html


def test_site_uses_no_inline_or_third_party_script(client, public_site):
    for path in ("/", "/samarbejdsplan/2017/", "/kommuner/horsens/lokalraad-plus-2099/"):
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script[^>]*>", html)
        # JSON-LD data, or a first-party file (dkfds.js and its start): never inline code.
        assert all(
            'type="application/ld+json"' in tag
            or re.fullmatch(r'<script src="/static/[^"]+" defer>', tag)
            for tag in scripts
        ), scripts
        assert '<script src="/static/dkfds/js/dkfds.min.js" defer>' in scripts
        assert not re.search(r'(src|href)="(https?:)?//(?!testserver)', html.split("<body")[0])


def test_a_venue_without_an_address_is_a_place_by_name(client, public_site):
    from municipalities.templatetags.conference_tags import place, postal_address

    public_site.upcoming.venue_address = ""
    assert place(public_site.upcoming) == {"@type": "Place", "name": "Horsens Rådhus"}
    assert postal_address("Kirkegade 3") == {
        "@type": "PostalAddress",
        "addressCountry": "DK",
        "streetAddress": "Kirkegade 3",
    }
