"""The public search at /soeg/, over the site that setup_site builds."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from focus.models import FocusAreaPage
from tests.pagetext import link_hrefs

SEARCH_URL = "/soeg/"


class SearchViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Without --skip-index: setup_site ends with update_index.
        out = StringIO()
        call_command("setup_site", stdout=out)
        cls.output = out.getvalue()

    def test_the_index_was_updated(self):
        assert "Færdig:" in self.output
        assert "Søgeindeks: opdateret" in self.output

    def test_a_query_finds_the_burglary_pages(self):
        response = self.client.get(SEARCH_URL, {"q": "indbrud"})
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        results_page = response.context["results_page"]
        assert results_page.paginator.count > 0
        # The focus area on burglary is on the first page of results, and linked from it.
        burglary = FocusAreaPage.objects.get(plan_section="3.1.2")
        assert burglary.title in {result.title for result in results_page.object_list}
        assert burglary.url in link_hrefs(response.content.decode())

    def test_a_query_with_no_match_says_so(self):
        response = self.client.get(SEARCH_URL, {"q": "xyzzyqwerty"})
        assert response.status_code == 200
        assert response.context["results_page"].paginator.count == 0
        assert "Ingen resultater" in response.content.decode()

    def test_empty_query(self):
        for query in ("", "   "):
            with self.subTest(query=repr(query)):
                response = self.client.get(SEARCH_URL, {"q": query})
                assert response.status_code == 200
                assert response.context["search_query"] == ""
                assert response.context["results_page"] is None

    def test_no_query_parameter(self):
        response = self.client.get(SEARCH_URL)
        assert response.status_code == 200
        assert response.context["results_page"] is None

    def test_very_long_query_is_cut(self):
        response = self.client.get(SEARCH_URL, {"q": "indbrud " + "a" * 5000})
        assert response.status_code == 200
        assert len(response.context["search_query"]) <= 200
        assert response.context["search_query"].startswith("indbrud")

    def test_odd_page_numbers(self):
        """Not a number: the first page; out of range: the last. Never an error."""
        last = self.client.get(SEARCH_URL, {"q": "politi"}).context["results_page"]
        last = last.paginator.num_pages
        assert last >= 2
        for value, expected in [("abc", 1), ("", 1), ("1.5", 1), ("0", last), ("-1", last)]:
            with self.subTest(value=value):
                response = self.client.get(SEARCH_URL, {"q": "politi", "side": value})
                assert response.status_code == 200
                assert response.context["results_page"].number == expected
        response = self.client.get(SEARCH_URL, {"q": "politi", "side": "99999"})
        assert response.context["results_page"].number == last

    def test_second_page_of_results(self):
        first = self.client.get(SEARCH_URL, {"q": "politi"}).context["results_page"]
        assert first.paginator.num_pages >= 2, "the plan mentions politi on many pages"
        second = self.client.get(SEARCH_URL, {"q": "politi", "side": "2"}).context["results_page"]
        assert second.number == 2
        assert {p.pk for p in first.object_list}.isdisjoint({p.pk for p in second.object_list})
