"""The public search at /soeg/, over the site that setup_site builds."""

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from focus.models import FocusAreaPage
from plans.models import PlanPage
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
        assert "Indexing" in self.output or "indexed" in self.output.lower()

    def test_a_query_finds_the_burglary_pages(self):
        response = self.client.get(SEARCH_URL, {"q": "indbrud"})
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        results_page = response.context["results_page"]
        assert results_page.paginator.count > 0
        titles = {result.title for result in results_page.paginator.object_list}
        assert "Indbrud i privat beboelse" in titles or "Samarbejdsplan 2017" in titles
        hrefs = link_hrefs(response.content.decode())
        burglary = FocusAreaPage.objects.get(plan_section="3.1.2")
        assert burglary.url in hrefs or PlanPage.objects.get().url in hrefs

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
        for parameter in ("side", "page"):
            for value in ("abc", "0", "-1", "99999", ""):
                with self.subTest(parameter=parameter, value=value):
                    response = self.client.get(SEARCH_URL, {"q": "politi", parameter: value})
                    assert response.status_code == 200
                    results_page = response.context["results_page"]
                    assert results_page is not None
                    assert 1 <= results_page.number <= results_page.paginator.num_pages

    def test_second_page_of_results(self):
        first = self.client.get(SEARCH_URL, {"q": "politi"}).context["results_page"]
        assert first.paginator.num_pages >= 2, "the plan mentions politi on many pages"
        second = self.client.get(SEARCH_URL, {"q": "politi", "side": "2"}).context["results_page"]
        assert second.number == 2
        assert {p.pk for p in first.object_list}.isdisjoint({p.pk for p in second.object_list})
