"""The focus app's page types: where they may sit, their admin forms, rendering, preview."""

from wagtail.test.utils import WagtailPageTestCase

from focus.models import AdviceIndexPage, AdvicePage, FocusAreaIndexPage, FocusAreaPage
from home.models import HomePage
from project_requests.models import ProjectRequestPage
from tests import formdata
from tests.factories import build_page_tree


class FocusAppHierarchyTests(WagtailPageTestCase):
    def test_focus_area_index_page(self):
        self.assertAllowedParentPageTypes(FocusAreaIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(FocusAreaIndexPage, {FocusAreaPage})

    def test_focus_area_page(self):
        self.assertAllowedParentPageTypes(FocusAreaPage, {FocusAreaIndexPage})
        self.assertAllowedSubpageTypes(FocusAreaPage, set())

    def test_advice_index_page(self):
        self.assertAllowedParentPageTypes(AdviceIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(AdviceIndexPage, {AdvicePage, ProjectRequestPage})

    def test_advice_page(self):
        self.assertAllowedParentPageTypes(AdvicePage, {AdviceIndexPage})
        self.assertAllowedSubpageTypes(AdvicePage, set())


class FocusAppSingletonTests(WagtailPageTestCase):
    def test_index_pages_are_singletons(self):
        tree = build_page_tree()
        for model in (FocusAreaIndexPage, AdviceIndexPage):
            with self.subTest(model=model.__name__):
                assert model.max_count == 1
                assert not model.can_create_at(tree.home)
        assert FocusAreaPage.can_create_at(tree.focus_index)
        assert AdvicePage.can_create_at(tree.advice_index)

    def test_index_page_can_be_created_while_none_exists(self):
        tree = build_page_tree()
        tree.focus_index.delete()
        tree.advice_index.delete()
        assert FocusAreaIndexPage.can_create_at(tree.home)
        assert AdviceIndexPage.can_create_at(tree.home)


class FocusAppEditorTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def setUp(self):
        self.login()

    def test_create_focus_area_index_page(self):
        self.tree.focus_index.delete()
        self.assertCanCreate(self.tree.home, FocusAreaIndexPage, formdata.focus_index_form())
        assert FocusAreaIndexPage.objects.get().slug == "fokusomraader"

    def test_create_focus_area_page(self):
        self.assertCanCreate(
            self.tree.focus_index,
            FocusAreaPage,
            formdata.focus_area_form(
                "Indbrud i privat beboelse",
                "indbrud-i-privat-beboelse",
                plan_page_id=self.tree.plan.pk,
                advice_ids=[self.tree.advice.pk],
            ),
        )
        page = FocusAreaPage.objects.get(slug="indbrud-i-privat-beboelse")
        assert page.scope == FocusAreaPage.Scope.NATIONAL
        assert page.plan_section_url == f"{self.tree.plan.url}#3-1-2"
        assert [link.page.specific for link in page.related_pages.all()] == [self.tree.advice]

    def test_create_advice_index_page(self):
        self.tree.advice_index.delete()
        self.assertCanCreate(
            self.tree.home,
            AdviceIndexPage,
            formdata.intro_index_form("Forebyggelse", "forebyggelse"),
        )
        assert AdviceIndexPage.objects.get().slug == "forebyggelse"

    def test_create_advice_page(self):
        self.assertCanCreate(
            self.tree.advice_index,
            AdvicePage,
            formdata.advice_form("Sikring af hjemmet", "sikring-af-hjemmet", self.tree.plan.pk),
        )
        page = AdvicePage.objects.get(slug="sikring-af-hjemmet")
        assert [block.block_type for block in page.body] == ["paragraph", "steps", "checklist"]
        assert page.plan_page_id == self.tree.plan.pk


class FocusAppRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def test_pages_render(self):
        for name in ("focus_index", "focus_area", "advice_index", "advice"):
            with self.subTest(page=name):
                self.assertPageIsRenderable(getattr(self.tree, name))

    def test_focus_area_links_to_its_advice_and_back_to_the_plan(self):
        html = self.client.get(self.tree.focus_area.url).content.decode()
        assert f'href="{self.tree.advice.url}"' in html
        assert f'href="{self.tree.plan.url}#3-1-2"' in html

    def test_pages_preview(self):
        tree = self.tree
        cases = [
            (
                tree.focus_index,
                formdata.focus_index_form(tree.focus_index.title, tree.focus_index.slug),
            ),
            (
                tree.focus_area,
                formdata.focus_area_form(tree.focus_area.title, tree.focus_area.slug, tree.plan.pk),
            ),
            (
                tree.advice_index,
                formdata.intro_index_form(tree.advice_index.title, tree.advice_index.slug),
            ),
            (tree.advice, formdata.advice_form(tree.advice.title, tree.advice.slug, tree.plan.pk)),
        ]
        for page, data in cases:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=data)
