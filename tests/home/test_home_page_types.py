"""The home app's page types: where they may sit, that editors can create them, that they render."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from focus.models import AdviceIndexPage, FocusAreaIndexPage
from home.models import HomePage, StandardPage
from municipalities.models import MunicipalityIndexPage
from news.models import NewsIndexPage, NewsPage
from plans.models import PlanIndexPage, PlanPage
from tests import formdata
from tests.factories import HomePageFactory, build_page_tree


class HomeAppHierarchyTests(WagtailPageTestCase):
    def test_home_page(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # HomePage names no subpage types (it knows no app): its children declare it as their
        # parent, and those are what an editor can create under it.
        assert set(HomePage.creatable_subpage_models()) == {
            PlanIndexPage,
            FocusAreaIndexPage,
            AdviceIndexPage,
            MunicipalityIndexPage,
            NewsIndexPage,
            StandardPage,
        }

    def test_plan_index_page(self):
        self.assertAllowedParentPageTypes(PlanIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PlanIndexPage, {PlanPage})

    def test_plan_page(self):
        self.assertAllowedParentPageTypes(PlanPage, {PlanIndexPage})
        self.assertAllowedSubpageTypes(PlanPage, set())

    def test_standard_page(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_news_index_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})

    def test_news_page(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())


class SingletonTests(WagtailPageTestCase):
    """Home, plan index and news index exist once: a second cannot be created."""

    def test_a_first_home_page_can_be_created_on_an_empty_site(self):
        root = Page.get_first_root_node()
        assert HomePage.can_create_at(root)

    def test_second_home_page_cannot_be_created(self):
        root = Page.get_first_root_node()
        HomePageFactory(parent=root)
        assert HomePage.max_count == 1
        assert not HomePage.can_create_at(root)

    def test_second_index_pages_cannot_be_created(self):
        tree = build_page_tree()
        for model in (PlanIndexPage, NewsIndexPage):
            with self.subTest(model=model.__name__):
                assert model.max_count == 1
                assert not model.can_create_at(tree.home)

    def test_repeatable_page_types_have_no_max_count(self):
        tree = build_page_tree()
        assert StandardPage.can_create_at(tree.home)
        assert PlanPage.can_create_at(tree.plan_index)
        assert NewsPage.can_create_at(tree.news_index)


class HomeAppEditorTests(WagtailPageTestCase):
    """The editor's path: each page type is created and published through the admin form."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def setUp(self):
        self.login()

    def test_create_home_page(self):
        # A home page can be created only where none exists: remove the tree's first.
        self.tree.home.delete()
        self.assertCanCreate(
            Page.get_first_root_node(), HomePage, formdata.home_form("Ny forside", "ny-forside")
        )
        home = HomePage.objects.get()
        assert home.title == "Ny forside"
        assert [block.block_type for block in home.body] == ["heading", "paragraph", "key_facts"]

    def test_create_plan_index_page(self):
        self.tree.plan_index.delete()
        self.assertCanCreate(
            self.tree.home,
            PlanIndexPage,
            formdata.intro_index_form("Samarbejdsplaner", "samarbejdsplan"),
        )
        assert PlanIndexPage.objects.get().live

    def test_create_plan_page(self):
        self.assertCanCreate(self.tree.plan_index, PlanPage, formdata.plan_form(2018))
        plan = PlanPage.objects.get(year=2018)
        assert plan.live
        assert [entry["anchor"] for entry in plan.table_of_contents] == ["del-i", "1"]
        assert plan.parties == ["Skanderborg", "Horsens"]
        assert str(plan.in_force_from) == "2018-01-01"
        assert list(plan.body[-1].value["names"]) == ["Jørgen Gaarde", "Kirsten Terkilsen"]

    def test_create_standard_page_under_home_and_under_standard_page(self):
        for parent in (self.tree.home, self.tree.standard):
            with self.subTest(parent=parent.title):
                self.assertCanCreate(
                    parent,
                    StandardPage,
                    formdata.standard_form(
                        f"Under {parent.title}",
                        f"under-{parent.slug}",
                        cta_page_id=self.tree.plan.pk,
                    ),
                )
        created = StandardPage.objects.filter(title__startswith="Under ")
        assert created.count() == 2
        assert all(page.body[1].value["page"].pk == self.tree.plan.pk for page in created)

    def test_call_to_action_with_both_page_and_url_is_refused_by_the_form(self):
        data = formdata.standard_form(
            "Forkert opfordring", "forkert", cta_page_id=self.tree.plan.pk, cta_url="https://a.dk/"
        )
        with self.assertRaisesMessage(AssertionError, "Validation errors"):
            self.assertCanCreate(self.tree.home, StandardPage, data)
        assert not StandardPage.objects.filter(slug="forkert").exists()

    def test_create_news_index_page(self):
        self.tree.news_index.delete()
        self.assertCanCreate(
            self.tree.home, NewsIndexPage, formdata.intro_index_form("Nyheder", "nyheder")
        )
        assert NewsIndexPage.objects.get().slug == "nyheder"

    def test_create_news_page(self):
        self.assertCanCreate(self.tree.news_index, NewsPage, formdata.news_form())
        news = NewsPage.objects.get(slug="planen-er-godkendt")
        assert str(news.date) == "2016-12-15"
        item = news.body[0].value["items"][0]
        assert item["text"] == "Punkt"
        assert list(item["sub_items"]) == ["Under"]


class HomeAppRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_page_tree()

    def test_pages_render(self):
        for name in (
            "home",
            "plan_index",
            "plan",
            "standard",
            "standard_child",
            "news_index",
            "news",
        ):
            with self.subTest(page=name):
                self.assertPageIsRenderable(getattr(self.tree, name))

    def test_pages_preview(self):
        tree = self.tree
        cases = [
            (tree.home, formdata.home_form(tree.home.title, tree.home.slug)),
            (
                tree.plan_index,
                formdata.intro_index_form(tree.plan_index.title, tree.plan_index.slug),
            ),
            (tree.plan, formdata.plan_form(tree.plan.year)),
            (
                tree.standard,
                formdata.standard_form(
                    tree.standard.title, tree.standard.slug, cta_url="https://example.org/"
                ),
            ),
            (
                tree.news_index,
                formdata.intro_index_form(tree.news_index.title, tree.news_index.slug),
            ),
            (tree.news, formdata.news_form(tree.news.title, tree.news.slug)),
        ]
        for page, data in cases:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsPreviewable(page, post_data=data)
