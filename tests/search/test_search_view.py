"""The search page /soeg/: results, labels, snippets, breadcrumbs, filters, paging, noindex."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, get_page_models

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
