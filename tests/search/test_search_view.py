"""The search page /soeg/: results, labels, snippets, breadcrumbs, filters, paging, noindex, and
what it keeps in the cache."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, get_page_models

from search.text import highlight, query_terms
from search.views import type_choices

pytestmark = pytest.mark.usefixtures("site")


def result_urls(response):
    return [result["url"] for result in response.context["results"]]


def test_search_page_without_query(client):
    response = client.get("/soeg/")
    assert response.status_code == 200
    assert response.context["results"] == []
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert '<label class="form-label" for="search-page-q">Søgeord</label>' in (
        response.content.decode()
    )


def test_results_have_title_label_snippet_and_breadcrumb(client):
    response = client.get("/soeg/", {"q": "indbrud"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results
    focus = next(r for r in results if r["url"] == "/fokusomraader/indbrud-i-privat-beboelse/")
    assert focus["type_label"] == "Fokusområde"
    assert "<mark>indbrud</mark>" in focus["snippet"].lower()
    assert [crumb["title"] for crumb in focus["breadcrumbs"]] == ["Forside", "Fokusområder"]
    html = response.content.decode()
    assert "<mark>" in html
    assert "Fokusområde" in html


def test_every_page_type_has_a_danish_label():
    labels = {
        getattr(model, "search_type_label", None) for model in get_page_models() if model != Page
    }
    assert None not in labels
    assert {"Fokusområde", "Råd og vejledning", "Kommune", "Konference", "Nyhed"} <= labels
    assert {"Samarbejdsplan", "Side"} <= labels


def test_only_live_public_pages_are_found(client):
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/")
    page.unpublish()
    response = client.get("/soeg/", {"q": "nabohjælp"})
    assert "/forebyggelse/nabohjaelp/" not in result_urls(response)


def test_filter_by_type(client):
    response = client.get("/soeg/", {"q": "indbrud", "type": "fokusomrade"})
    results = response.context["results"]
    assert results
    assert {r["type_label"] for r in results} == {"Fokusområde"}
    assert response.context["selected_type"] == "fokusomrade"
    assert 'value="fokusomrade" selected' in response.content.decode()


def test_filter_by_municipality_includes_the_municipality_and_descendants(client):
    response = client.get("/soeg/", {"q": "kommune", "kommune": "vejle"})
    urls = result_urls(response)
    assert urls
    assert all(url.startswith("/kommuner/vejle/") for url in urls)


def test_filters_combine_and_are_kept_in_pagination_links(client):
    response = client.get("/soeg/", {"q": "kommune", "kommune": "vejle", "type": "kommune"})
    assert result_urls(response) == ["/kommuner/vejle/"]
    assert response.context["query_string"] == "q=kommune&type=kommune&kommune=vejle"


def test_unknown_filter_values_are_ignored(client):
    plain = client.get("/soeg/", {"q": "indbrud"})
    odd = client.get("/soeg/", {"q": "indbrud", "type": "nope", "kommune": "atlantis"})
    assert odd.status_code == 200
    assert result_urls(odd) == result_urls(plain)
    assert odd.context["selected_type"] == ""
    assert odd.context["selected_municipality"] is None


def test_pagination_uses_side(client):
    first = client.get("/soeg/", {"q": "politi"})
    assert first.context["results_page"].paginator.num_pages > 1
    second = client.get("/soeg/", {"q": "politi", "side": 2})
    assert second.context["results_page"].number == 2
    assert set(result_urls(first)).isdisjoint(result_urls(second))
    assert "side=2" in first.content.decode()


def test_no_results_page_links_to_main_sections(client):
    response = client.get("/soeg/", {"q": "xyzzyqwertz"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ingen resultater" in html
    assert 'href="/fokusomraader/"' in html
    assert 'href="/kommuner/"' in html


def test_no_results_with_filters_offers_search_without_filters(client):
    response = client.get("/soeg/", {"q": "xyzzyqwertz", "kommune": "vejle"})
    assert "Søg uden afgrænsning" in response.content.decode()


def test_search_query_count_does_not_grow_with_results(client):
    with CaptureQueriesContext(connection) as few:
        client.get("/soeg/", {"q": "fokusområde", "type": "fokusomrade"})
    with CaptureQueriesContext(connection) as many:
        client.get("/soeg/", {"q": "politi"})
    assert len(many.captured_queries) <= len(few.captured_queries) + 6
    assert len(many.captured_queries) < 30


def test_suggestions_endpoint(client):
    response = client.get("/soeg/forslag/", {"q": "indb"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "indb"
    assert any(s["url"] == "/fokusomraader/indbrud-i-privat-beboelse/" for s in data["suggestions"])
    assert client.get("/soeg/forslag/", {"q": ""}).json()["suggestions"] == []


def test_suggestions_read_only_the_search_once_the_cache_is_warm(client):
    # Asked on every keystroke: the view restrictions and the site come from the cache.
    client.get("/soeg/forslag/", {"q": "indb"})
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/soeg/forslag/", {"q": "nabohj"}).json()
    assert data["suggestions"]
    # SQLite's backend ranks the index entries, then reads their pages.
    expected = 1 if connection.vendor == "postgresql" else 2
    assert len(queries.captured_queries) == expected, [
        q["sql"][:120] for q in queries.captured_queries
    ]


def test_search_page_works_without_javascript(client):
    html = client.get("/soeg/", {"q": "indbrud"}).content.decode()
    assert re.search(r'<form action="/soeg/" method="get"', html)
    assert "search/suggest.js" in html


def test_type_choices_come_from_the_models():
    choices = type_choices()
    assert choices["fokusomrade"][0] == "Fokusområde"
    assert choices["rad-og-vejledning"][0] == "Råd og vejledning"


def test_highlight_escapes_html():
    snippet = highlight("Brug <script>alert(1)</script> mod indbrud", query_terms("indbrud"))
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>indbrud</mark>" in snippet


def test_highlight_finds_inflections():
    snippet = highlight("Indbruddene faldt i kommunerne.", query_terms("indbrud kommune"))
    assert "<mark>Indbruddene</mark>" in snippet
    assert "<mark>kommunerne</mark>" in snippet


def test_search_engine_error_is_not_a_server_error(client, monkeypatch):
    from django.db import DatabaseError

    import search.views

    class BrokenPaginator(search.views.Paginator):
        def page(self, number):
            raise DatabaseError("fts5: syntax error")

    monkeypatch.setattr(search.views, "Paginator", BrokenPaginator)
    response = client.get("/soeg/", {"q": "indbrud"})
    assert response.status_code == 200
    assert "Søgningen kunne ikke gennemføres" in response.content.decode()


def test_sqlite_query_expansion_finds_inflections(client):
    from search.stemming import applies, expand_query

    if not applies():
        pytest.skip("query expansion is only used on SQLite")
    expanded = expand_query("indbruddene")
    assert "indbrud" in repr(expanded)
    assert expand_query("xyzzyqwertz") == "xyzzyqwertz"
    urls = [r["url"] for r in client.get("/soeg/", {"q": "indbruddene"}).context["results"]]
    assert "/fokusomraader/indbrud-i-privat-beboelse/" in urls


def test_each_search_is_recorded_for_the_popular_queries_report(client):
    from wagtail.contrib.search_promotions.models import Query

    client.get("/soeg/", {"q": "Nabohjælp"})
    client.get("/soeg/", {"q": "nabohjælp"})
    client.get("/soeg/", {"q": "nabohjælp", "side": 2})
    assert Query.get("nabohjælp").hits == 2
    assert Query.get_most_popular().first().query_string == "nabohjælp"


def test_promoted_results_come_first_and_only_while_public(client):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/")
    SearchPromotion.objects.create(
        query=Query.get("indbrud"), page=page, description="Hjælp hinanden.", sort_order=0
    )
    html = client.get("/soeg/", {"q": "indbrud"}).content.decode()
    assert "Anbefalet" in html
    promoted = html.index('href="/forebyggelse/nabohjaelp/"')
    assert promoted < html.index('class="search-results" start=')
    assert "Hjælp hinanden." in html
    page.unpublish()
    assert "Anbefalet" not in client.get("/soeg/", {"q": "indbrud"}).content.decode()


def test_results_page_has_one_search_box_breadcrumbs_and_a_description(client):
    html = client.get("/soeg/", {"q": "indbrud"}).content.decode()
    assert html.count('role="search"') == 1
    assert html.count('name="q"') == 1
    assert 'aria-label="Brødkrumme"' in html
    assert '<li class="breadcrumbs__list-item" aria-current="page">Søg</li>' in html
    assert re.search(r'<meta name="description" content="Søg i [^"]+">', html)
    # Every other page keeps the header's search field.
    assert 'id="site-search-q"' in client.get("/fokusomraader/").content.decode()


def test_elasticsearch_is_imported_only_where_it_is_configured():
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import sys, django; django.setup();"
        "import kredsraad_site.urls, search.views; search.views.search_errors();"
        "print('elasticsearch' in sys.modules)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "kredsraad_site.settings.test",
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "sqlite://:memory:",
    }
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert output.stdout.strip().splitlines()[-1] == "False", output.stderr[-2000:]


# What the search keeps in the cache between searches (the view restrictions, the municipality
# filter, the site, the breadcrumbs, the snippet texts) changes as soon as what it was read from
# does: each test searches once to fill the cache, changes the pages as an editor would, and
# searches again.

NABOHJAELP = "/forebyggelse/nabohjaelp/"


def searched(client, **params):
    response = client.get("/soeg/", params)
    assert response.status_code == 200
    return response


def result_for(response, url):
    return next((r for r in response.context["results"] if r["url"] == url), None)


def test_a_page_restricted_after_a_search_is_no_longer_found(client):
    assert result_for(searched(client, q="nabohjælp"), NABOHJAELP)
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert result_for(searched(client, q="nabohjælp"), NABOHJAELP) is None
    restriction.delete()
    assert result_for(searched(client, q="nabohjælp"), NABOHJAELP)


def test_a_page_restricted_after_a_suggestion_is_no_longer_suggested(client):
    def suggested():
        data = client.get("/soeg/forslag/", {"q": "nabohj"}).json()
        return [suggestion["url"] for suggestion in data["suggestions"]]

    assert NABOHJAELP in suggested()
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/")
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password")
    assert NABOHJAELP not in suggested()
    restriction.delete()
    assert NABOHJAELP in suggested()


def test_a_restricted_section_hides_the_pages_below_it(client):
    assert result_for(searched(client, q="nabohjælp"), NABOHJAELP)
    section = Page.objects.get(url_path="/forside/forebyggelse/")
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    urls = [r["url"] for r in searched(client, q="nabohjælp").context["results"]]
    assert not any(url.startswith("/forebyggelse/") for url in urls)


def test_the_snippet_shows_the_text_published_since(client):
    before = result_for(searched(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/").specific
    page.summary = "Nabohjælp gør opgangen tryggere for alle beboere."
    page.save_revision().publish()
    after = result_for(searched(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    assert after != before
    assert "gør opgangen tryggere for alle beboere" in after


def test_a_draft_leaves_the_snippet_as_published(client):
    before = result_for(searched(client, q="nabohjælp"), NABOHJAELP)["snippet"]
    page = Page.objects.get(url_path="/forside/forebyggelse/nabohjaelp/").specific
    page.summary = "Nabohjælp i en kladde, som ingen læser endnu."
    page.save_revision()
    assert result_for(searched(client, q="nabohjælp"), NABOHJAELP)["snippet"] == before


def test_a_renamed_section_renames_the_breadcrumb(client):
    crumbs = result_for(searched(client, q="nabohjælp"), NABOHJAELP)["breadcrumbs"]
    assert [crumb["title"] for crumb in crumbs] == ["Forside", "Forebyggelse"]
    section = Page.objects.get(url_path="/forside/forebyggelse/").specific
    section.title = "Forebyg indbrud"
    section.save_revision().publish()
    crumbs = result_for(searched(client, q="nabohjælp"), NABOHJAELP)["breadcrumbs"]
    assert [crumb["title"] for crumb in crumbs] == ["Forside", "Forebyg indbrud"]


def test_an_unpublished_municipality_leaves_the_filter(client):
    slugs = [m.slug for m in searched(client, q="kommune").context["municipalities"]]
    assert "vejle" in slugs
    Page.objects.get(url_path="/forside/kommuner/vejle/").unpublish()
    slugs = [m.slug for m in searched(client, q="kommune").context["municipalities"]]
    assert "vejle" not in slugs
    # Its slug is now an unknown filter value: ignored, not an error.
    response = searched(client, q="kommune", kommune="vejle")
    assert response.context["selected_municipality"] is None
