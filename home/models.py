"""The home page, the plan, news, generic pages and the site-wide contact settings."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.plan_blocks import PlanBodyStreamBlock, anchor_for_number, display_number


class BasePage(Page):
    """Fields every public page shares: a short summary used in listings, search and meta tags."""

    search_type_label = "Side"
    summary = models.TextField(
        "resumé",
        blank=True,
        max_length=600,
        help_text="Kort tekst til oversigter, søgeresultater og delinger.",
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    content_panels = Page.content_panels + [FieldPanel("summary")]

    class Meta:
        abstract = True


class PlanReferenceMixin(models.Model):
    """A page whose text comes from a section of a plan, and links back to it."""

    plan_page = models.ForeignKey(
        "home.PlanPage",
        verbose_name="samarbejdsplan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plan_section = models.CharField(
        "afsnit i planen", max_length=20, blank=True, help_text='Afsnittets nummer, f.eks. "3.1.2".'
    )

    class Meta:
        abstract = True

    @property
    def plan_section_url(self):
        if self.plan_page_id and self.plan_section:
            return f"{self.plan_page.url}#{anchor_for_number(self.plan_section)}"
        return ""


class HomePage(BasePage):
    search_type_label = "Forside"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.PlanIndexPage",
        "focus.FocusAreaIndexPage",
        "focus.AdviceIndexPage",
        "municipalities.MunicipalityIndexPage",
        "home.NewsIndexPage",
        "home.StandardPage",
    ]
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "forside"
        verbose_name_plural = "forsider"

    def get_context(self, request, *args, **kwargs):
        from focus.models import FocusAreaPage
        from municipalities.models import MunicipalityPage

        context = super().get_context(request, *args, **kwargs)
        context["focus_areas"] = FocusAreaPage.objects.live().public().order_by("path")
        context["municipalities"] = MunicipalityPage.objects.live().public().order_by("path")
        context["latest_news"] = NewsPage.objects.live().public().order_by("-date", "-pk")[:3]
        context["current_plan"] = PlanPage.objects.live().public().order_by("-year").first()
        return context


class PlanIndexPage(BasePage):
    search_type_label = "Oversigt"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PlanPage"]
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "oversigt over samarbejdsplaner"
        verbose_name_plural = "oversigter over samarbejdsplaner"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The current plan first: the newest year.
        context["plans"] = PlanPage.objects.child_of(self).live().public().order_by("-year")
        return context


class PlanPage(BasePage):
    """One year's collaboration plan, in the plan's own structure (parts, numbered sections)."""

    search_type_label = "Samarbejdsplan"
    year = models.PositiveSmallIntegerField("år", unique=True)
    subtitle = models.CharField(
        "undertitel",
        max_length=200,
        blank=True,
        help_text='F.eks. "Kredsrådet · Sydøstjyllands Politi".',
    )
    parties_text = models.TextField(
        "parter",
        blank=True,
        help_text="Kommunerne på planens forside, én pr. linje.",
    )
    approval_statement = models.TextField(
        "godkendelse",
        blank=True,
        help_text="Godkendelsen, som planen selv formulerer den.",
    )
    in_force_from = models.DateField("gældende fra", null=True, blank=True)
    body = StreamField(PlanBodyStreamBlock(), verbose_name="planens tekst")

    parent_page_types = ["home.PlanIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("approval_statement"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldPanel("subtitle"),
                FieldPanel("parties_text"),
                FieldPanel("approval_statement"),
                FieldPanel("in_force_from"),
            ],
            heading="Planen",
        ),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "samarbejdsplan"
        verbose_name_plural = "samarbejdsplaner"

    @property
    def parties(self):
        return [line.strip() for line in self.parties_text.splitlines() if line.strip()]

    @cached_property
    def table_of_contents(self):
        """The contents, built from the part and section blocks (not copied from the print)."""
        entries = []
        for block in self.body:
            if block.block_type == "part":
                entries.append(
                    {
                        "kind": "part",
                        "title": block.value["label_text"],
                        "anchor": block.value["label_text"].lower().replace(" ", "-"),
                        "level": 0,
                    }
                )
            elif block.block_type == "section":
                number = block.value["number"]
                entries.append(
                    {
                        "kind": "section",
                        "number": display_number(number),
                        "title": block.value["title"],
                        "anchor": anchor_for_number(number),
                        "level": number.count(".") + 1,
                    }
                )
        return entries

    def section_url(self, number):
        return f"{self.url}#{anchor_for_number(number)}"


class StandardPage(BasePage):
    """Generic pages: about, organisation, accessibility statement, privacy."""

    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "standardside"
        verbose_name_plural = "standardsider"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context


class NewsIndexPage(BasePage):
    search_type_label = "Oversigt"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    items_per_page = 10

    class Meta:
        verbose_name = "nyhedsoversigt"
        verbose_name_plural = "nyhedsoversigter"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")
        paginator = Paginator(news, self.items_per_page)
        try:
            context["news_page"] = paginator.page(request.GET.get("side", 1))
        except (PageNotAnInteger, EmptyPage):
            context["news_page"] = paginator.page(1)
        return context


class NewsPage(BasePage):
    search_type_label = "Nyhed"
    date = models.DateField("dato")
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    content_panels = BasePage.content_panels + [FieldPanel("date"), FieldPanel("body")]

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Contact details and the emergency notice shown in every page's footer and header."""

    organisation_name = models.CharField(
        "organisation", max_length=200, default="Kredsrådet i Sydøstjyllands Politikreds"
    )
    address = models.TextField("adresse", blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)
    emergency_notice = models.CharField(
        "nødopkald",
        max_length=200,
        default="Ring 112, hvis det er akut. Ring 114 til politiet i andre tilfælde.",
        help_text="Vises øverst på alle sider.",
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("emergency_notice"),
    ]

    class Meta:
        verbose_name = "kontaktoplysninger"
        verbose_name_plural = "kontaktoplysninger"
