"""The home page, the plan, news, generic pages and the site-wide contact settings."""

import calendar
import datetime
import re

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.pagination import first_items, paginate
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
    # Fields the read-only API v2 (/api/v2/pages/) exposes; subclasses add their own.
    api_fields = [APIField("summary")]

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


def add_months(day, months):
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


DEFAULT_REVIEW_INTERVAL_MONTHS = 12


class ReviewedContentMixin(models.Model):
    """Content that must stay current: when an editor last checked it, and how often to check.

    A page never reviewed counts from its first publication, so new pages are not due at once.
    """

    last_reviewed = models.DateField(
        "sidst gennemgået",
        null=True,
        blank=True,
        help_text="Den dato, hvor en redaktør sidst har kontrolleret, at indholdet er korrekt.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "gennemgås hver (måneder)",
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        # Optional in forms (forms that predate the field leave it out): empty means the default.
        blank=True,
        help_text="Hvor ofte siden skal gennemgås (standard: hver 12. måned). Siden vises på "
        "rapporten, når tiden er gået.",
    )

    review_panels = [
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("review_interval_months")],
            heading="Gennemgang af indhold",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.review_interval_months:
            self.review_interval_months = DEFAULT_REVIEW_INTERVAL_MONTHS

    @property
    def review_reference_date(self):
        if self.last_reviewed:
            return self.last_reviewed
        if getattr(self, "first_published_at", None):
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def next_review_due(self):
        reference = self.review_reference_date
        if reference is None:
            return None
        return add_months(reference, self.review_interval_months or DEFAULT_REVIEW_INTERVAL_MONTHS)

    def review_is_due(self, today=None):
        due = self.next_review_due
        return due is not None and due <= (today or timezone.localdate())


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
    api_fields = BasePage.api_fields + [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = "forside"
        verbose_name_plural = "forsider"

    # The plan has ten focus areas and seven municipalities; beyond this many the home page
    # shows the first ones and links to the full list.
    items_shown = 12

    def get_context(self, request, *args, **kwargs):
        from focus.models import FocusAreaIndexPage, FocusAreaPage
        from municipalities.models import MunicipalityIndexPage, MunicipalityPage

        context = super().get_context(request, *args, **kwargs)
        # National areas first, as on the focus areas' own page.
        context["focus_areas"], more_focus_areas = first_items(
            FocusAreaPage.objects.live().public().defer_streamfields().order_by("-scope", "path"),
            self.items_shown,
        )
        context["municipalities"], more_municipalities = first_items(
            MunicipalityPage.objects.live().public().defer_streamfields().order_by("path"),
            self.items_shown,
        )
        # The pages with the full lists in one query, asked for always so the page's query
        # count does not depend on how many items there are.
        index_pages = {}
        for index_page in (
            Page.objects.live()
            .public()
            .type(FocusAreaIndexPage, MunicipalityIndexPage, NewsIndexPage)
            .order_by("path")
        ):
            index_pages.setdefault(index_page.content_type_id, index_page)

        def index_of(model):
            return index_pages.get(ContentType.objects.get_for_model(model).pk)

        context["news_index"] = index_of(NewsIndexPage)
        if more_focus_areas:
            context["all_focus_areas"] = index_of(FocusAreaIndexPage)
        if more_municipalities:
            context["all_municipalities"] = index_of(MunicipalityIndexPage)
        context["latest_news"] = (
            NewsPage.objects.live().public().defer_streamfields().order_by("-date", "-pk")[:3]
        )
        context["current_plan"] = (
            PlanPage.objects.live().public().defer_streamfields().order_by("-year").first()
        )
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
        context["plans"] = (
            PlanPage.objects.child_of(self).live().public().defer_streamfields().order_by("-year")
        )
        return context


DANISH_MONTHS = (
    "januar februar marts april maj juni juli august september oktober november december".split()
)
APPROVAL_MONTH = re.compile(
    r"godkendt af Kredsrådet\b.*?\b(" + "|".join(DANISH_MONTHS) + r")\s+((?:19|20)\d{2})",
    re.IGNORECASE | re.DOTALL,
)


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
    api_fields = BasePage.api_fields + [
        APIField("year"),
        APIField("subtitle"),
        APIField("parties"),
        APIField("approval_statement"),
        APIField("in_force_from"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = "samarbejdsplan"
        verbose_name_plural = "samarbejdsplaner"

    def clean(self):
        super().clean()
        self.schedule_for_in_force_date()

    def schedule_for_in_force_date(self):
        """A plan approved in December takes effect on 1 January: unless the editor chose
        otherwise, a plan not yet live goes live at midnight on its "in force from" date, so the
        final approval schedules it (publish_scheduled) instead of publishing it at once."""
        if self.in_force_from and not self.go_live_at and not self.live:
            self.go_live_at = timezone.make_aware(
                datetime.datetime.combine(self.in_force_from, datetime.time.min)
            )

    @property
    def approval_status(self):
        """The short status line ("Godkendt af Kredsrådet, december 2016"), taken from the plan's
        own approval statement; empty when the statement does not name Kredsrådet and a month."""
        match = APPROVAL_MONTH.search(self.approval_statement or "")
        if match is None:
            return ""
        return f"Godkendt af Kredsrådet, {match.group(1).lower()} {match.group(2)}"

    @cached_property
    def previous_plan(self):
        """The published plan this one replaced: the newest one of an earlier year.

        One query: plans are public documents, so no view-restriction lookup (public(), a
        second query) on every plan page view."""
        return PlanPage.objects.live().filter(year__lt=self.year).order_by("-year").first()

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
    items_per_page = 20

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    class Meta:
        verbose_name = "standardside"
        verbose_name_plural = "standardsider"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = paginate(
            request,
            self.get_children().live().public().specific().defer_streamfields(),
            self.items_per_page,
        )
        return context


class NewsIndexPage(RoutablePageMixin, BasePage):
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
        news = (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
        context["news_page"] = paginate(request, news, self.items_per_page)
        return context

    # The feeds are routes of the index page, so they follow the page if editors move or rename it.
    def feed_items(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    @property
    def rss_url(self):
        return self.url + self.reverse_subpage("rss")

    @property
    def atom_url(self):
        return self.url + self.reverse_subpage("atom")

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from home.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from home.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(BasePage):
    search_type_label = "Nyhed"
    date = models.DateField("dato")
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")
    related_focus_areas = ParentalManyToManyField(
        "focus.FocusAreaPage",
        blank=True,
        verbose_name="relaterede fokusområder",
        related_name="news_pages",
    )
    related_municipalities = ParentalManyToManyField(
        "municipalities.MunicipalityPage",
        blank=True,
        verbose_name="relaterede kommuner",
        related_name="news_pages",
    )

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("related_focus_areas"), FieldPanel("related_municipalities")],
            heading="Relateret",
        ),
    ]
    api_fields = BasePage.api_fields + [APIField("date"), APIField("body")]

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the specific parent (get_parent().specific would take two).
        context["news_index"] = NewsIndexPage.objects.parent_of(self).first()
        context["focus_areas"] = self.live_related(self.related_focus_areas)
        context["municipalities"] = self.live_related(self.related_municipalities)
        return context

    @staticmethod
    def live_related(relation):
        chosen = relation.all()
        if isinstance(chosen, PageQuerySet):
            # A saved page: one query through the relation's join table.
            return chosen.live().public().defer_streamfields().order_by("path")
        # In a preview the relation is modelcluster's in-memory FakeQuerySet, which has no
        # live(): look the chosen pages up again in the database.
        ids = [page.pk for page in chosen]
        return relation.model.objects.filter(pk__in=ids).live().public().order_by("path")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Contact details and the emergency notice shown in every page's footer and header."""

    organisation_name = models.CharField(
        "organisation", max_length=200, default="Kredsrådet i Sydøstjyllands Politikreds"
    )
    address = models.TextField("adresse", blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)
    prevention_email = models.EmailField(
        "e-mail til forebyggelse (DKS)",
        blank=True,
        help_text="Modtager henvendelser om Trygheds- og Indbrudsprojektet, når kommunen ikke "
        "har en forebyggelseskontakt.",
    )
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
        FieldPanel("prevention_email"),
        FieldPanel("emergency_notice"),
    ]

    class Meta:
        verbose_name = "kontaktoplysninger"
        verbose_name_plural = "kontaktoplysninger"
