"""What the search keeps in the cache between searches (the view restrictions, the municipality
filter, the site, the breadcrumbs, the snippet texts) changes as soon as what it was read from
does: each test searches once to fill the cache, changes the pages as an editor would, and
searches again."""

import pytest
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.usefixtures("site")

NABOHJAELP = "/forebyggelse/nabohjaelp/"


def search(client, **params):
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    return response


def result(response, url):
    return next((r for r in response.context["results"] if r["url"] == url), None)


def test_a_page_restricted_after_a_search_is_no_longer_found(client):
    assert result(search(client, q="nabohjælp"), NABOHJAELP)
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert result(search(client, q="nabohjælp"), NABOHJAELP) is None
    restriction.delete()
    assert result(search(client, q="nabohjælp"), NABOHJAELP)


def test_a_restricted_section_hides_the_pages_below_it(client):
    assert result(search(client, q="nabohjælp"), NABOHJAELP)
    section = Page.objects.get(url_path="/forside/forebyggelse/")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    urls = [r["url"] for r in search(client, q="nabohjælp").context["results"]]
    assert not any(url.startswith("/forebyggelse/") for url in urls)


def test_the_snippet_shows_the_text_published_since(client):
    before = result(search(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/").specific
    page.summary = "Nabohjælp gør opgangen tryggere for alle beboere."
    page.save_revision().publish()
    after = result(search(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    assert after != before
    assert "gør opgangen tryggere for alle beboere" in after


def test_a_draft_leaves_the_snippet_as_published(client):
    before = result(search(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/").specific
    page.summary = "Nabohjælp i en kladde, som ingen læser endnu."
    page.save_revision()
    assert result(search(client, q="nabohjælp"), NABOHJAELP)["snippet"] == before


def test_a_renamed_section_renames_the_breadcrumb(client):
    crumbs = result(search(client, q="nabohjælp"), NABOHJAELP)["breadcrumbs"]
    assert [crumb["title"] for crumb in crumbs] == ["Forside", "Forebyggelse"]
    section = Page.objects.get(url_path="/forside/forebyggelse/").specific
    section.title = "Forebyg indbrud"
    section.save_revision().publish()
    crumbs = result(search(client, q="nabohjælp"), NABOHJAELP)["breadcrumbs"]
    assert [crumb["title"] for crumb in crumbs] == ["Forside", "Forebyg indbrud"]


def test_an_unpublished_municipality_leaves_the_filter(client):
    slugs = [m.slug for m in search(client, q="kommune").context["municipalities"]]
    assert "vejle" in slugs
    Page.objects.get(url_path="/forside/kommuner/vejle/").unpublish()
    slugs = [m.slug for m in search(client, q="kommune").context["municipalities"]]
    assert "vejle" not in slugs
    # Its slug is now an unknown filter value: ignored, not an error.
    response = search(client, q="kommune", kommune="vejle")
    assert response.context["selected_municipality"] is None
