"""The municipalities app's page types: where they may sit, creation, rendering, preview."""

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from municipalities.models import ConferencePage, MunicipalityIndexPage, MunicipalityPage
from tests import formdata
from tests.factories import build_page_tree


class MunicipalityAppHierarchyTests(WagtailPageTestCase):
    def test_municipality_index_page(self):
        self.assertAllowedParentPageTypes(MunicipalityIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(MunicipalityIndexPage, {MunicipalityPage})

    def test_municipality_page(self):
        self.assertAllowedParentPageTypes(MunicipalityPage, {MunicipalityIndexPage})
        self.assertAllowedSubpageTypes(MunicipalityPage, {ConferencePage})

    def test_conference_page(self):
        self.assertAllowedParentPageTypes(ConferencePage, {MunicipalityPage})
        self.assertAllowedSubpageTypes(ConferencePage, set())

    def test_municipality_index_is_a_singleton(self):
        tree = build_page_tree()
        assert MunicipalityIndexPage.max_count == 1
        assert not MunicipalityIndexPage.can_create_at(tree.home)
        assert MunicipalityPage.can_create_at(tree.municipality_index)
        tree.municipality_index.delete()
        assert MunicipalityIndexPage.can_create_at(tree.home)


class MunicipalityAppEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def setUp(self):
        self.login()

    def test_create_municipality_index_page(self):
        self.tree.municipality_index.delete()
        self.assertCanCreate(
            self.tree.home, MunicipalityIndexPage, formdata.intro_index_form("Kommuner", "kommuner")
        )
        assert MunicipalityIndexPage.objects.get().slug == "kommuner"

    def test_create_municipality_page_with_an_action_plan(self):
        self.assertCanCreate(
            self.tree.municipality_index,
            MunicipalityPage,
            formdata.municipality_form("Vejle", "vejle"),
        )
        page = MunicipalityPage.objects.get(slug="vejle")
        assert page.name == "Vejle"
        assert page.collaborations[0].value["name"] == "SSP"
        assert [plan.year for plan in page.action_plans.all()] == [2017]

    def test_create_conference_page(self):
        self.assertCanCreate(
            self.tree.municipality,
            ConferencePage,
            formdata.conference_form("Lokalråd+ konference 2030", "lokalraad-plus-2030"),
        )
        page = ConferencePage.objects.get(slug="lokalraad-plus-2030")
        assert page.is_upcoming
        assert page.programme[0].value["title"] == "Velkomst"

    def test_conference_cannot_end_before_it_starts(self):
        data = formdata.conference_form(
            "Baglæns konference", "baglaens", start="01.05.2030 15:00", end="01.05.2030 09:00"
        )
        with self.assertRaisesMessage(
            AssertionError, "Konferencen kan ikke slutte, før den starter"
        ):
            self.assertCanCreate(self.tree.municipality, ConferencePage, data)
        assert not ConferencePage.objects.filter(slug="baglaens").exists()


class MunicipalityAppRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def test_pages_render(self):
        for name in ("municipality_index", "municipality", "conference"):
            with self.subTest(page=name):
                self.assertPageIsRenderable(getattr(self.tree, name))

    def test_municipality_page_lists_its_upcoming_conference(self):
        html = self.client.get(self.tree.municipality.url).content.decode()
        assert f'href="{self.tree.conference.url}"' in html

    def test_pages_preview(self):
        tree = self.tree
        cases = [
            (
                tree.municipality_index,
                formdata.intro_index_form(
                    tree.municipality_index.title, tree.municipality_index.slug
                ),
            ),
            (
                tree.municipality,
                formdata.municipality_form(tree.municipality.name, tree.municipality.slug),
            ),
            (
                tree.conference,
                formdata.conference_form(tree.conference.title, tree.conference.slug),
            ),
        ]
        for page, data in cases:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=data)
