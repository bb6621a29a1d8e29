"""Focus areas (national 2017–2020 and local) and the burglary-prevention advice."""

import re

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from focus.blocks import AdviceStreamBlock
from home.blocks import BodyStreamBlock
from home.models import (
    BasePage,
    ListingPage,
    RelatedPage,
    ReviewedContentMixin,
    linking_pages,
    live_related_pages,
)
from plans.models import PlanPage, PlanReferenceMixin


def current_plan():
    """The plan in force: the newest published plan whose year has begun (one query)."""
    return (
        PlanPage.objects.live()
        .filter(year__lte=timezone.localdate().year)
        .defer_streamfields()
        .order_by("-year")
        .first()
    )


class FocusAreaIndexPage(ListingPage):
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["focus.FocusAreaPage"]

    search_fields = ListingPage.search_fields + [index.SearchField("body")]
    content_panels = ListingPage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "oversigt over fokusområder"
        verbose_name_plural = "oversigter over fokusområder"

    def get_listing(self):
        # National areas first ("national" > "local"), each group in the editors' order.
        return (
            FocusAreaPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-scope", "path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        in_force = current_plan()
        areas = list(context["listing"])
        current = [area for area in areas if not area.is_earlier(in_force)]
        context["plan_in_force"] = in_force
        context["national_areas"] = [a for a in current if a.scope == FocusAreaPage.Scope.NATIONAL]
        context["local_areas"] = [a for a in current if a.scope == FocusAreaPage.Scope.LOCAL]
        context["earlier_areas"] = [area for area in areas if area.is_earlier(in_force)]
        return context


class FocusAreaPage(ReviewedContentMixin, PlanReferenceMixin, BasePage):
    search_type_label = "Fokusområde"

    class Scope(models.TextChoices):
        NATIONAL = "national", "Nationalt fokusområde"
        LOCAL = "local", "Lokalt fokusområde"

    scope = models.CharField("type", max_length=20, choices=Scope.choices)
    period = models.CharField(
        "periode", max_length=40, help_text='F.eks. "2017–2020" eller "2017".'
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="planens tekst")

    parent_page_types = ["focus.FocusAreaIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("scope"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("period"),
                FieldPanel("plan_page"),
                FieldPanel("plan_section"),
            ],
            heading="Fokusområde",
        ),
        FieldPanel("body"),
        InlinePanel("related_pages", label="Relateret side", heading="Råd og vejledning"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("scope"),
        APIField("period"),
        APIField("plan_section"),
        APIField("body"),
    ]
    settings_panels = BasePage.settings_panels + ReviewedContentMixin.review_panels

    class Meta:
        verbose_name = "fokusområde"
        verbose_name_plural = "fokusområder"

    @property
    def card_subheading(self):
        # Word joiners around the dash: "2017–2020" never breaks into "2017–" and "2020".
        period = self.period.replace("–", "\u2060–\u2060")
        return f"{self.get_scope_display()} {period}".strip()

    @property
    def period_years(self):
        """The years of its period: "2017–2020" -> (2017, 2020), "2017" -> (2017, 2017)."""
        years = [int(year) for year in re.findall(r"(?:19|20)\d{2}", self.period or "")]
        return (min(years), max(years)) if years else None

    def is_earlier(self, plan_in_force):
        """Not in the plan in force: a local area of an earlier year's plan, or a national one
        whose period has ended before the plan's year. Kept and shown as an earlier one."""
        if plan_in_force is None:
            return False
        if self.plan_page_id == plan_in_force.pk:
            return False
        years = self.period_years
        if self.scope == self.Scope.NATIONAL and years:
            return not years[0] <= plan_in_force.year <= years[1]
        if years:
            return years[1] < plan_in_force.year
        return self.plan_page_id is not None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached fragment of them is rendered (focus_area_page.html).
        advice_pages = context["advice_pages"] = SimpleLazyObject(
            lambda: live_related_pages(self.related_pages)
        )
        in_force = context["plan_in_force"] = current_plan()
        context["is_earlier"] = self.is_earlier(in_force)
        # Pages that list this focus area among their related pages (news, above all).
        context["related_news"] = SimpleLazyObject(lambda: linking_pages(self, limit=5))
        # The link to all advice stands in for the related advice, so only read when there is none.
        context["advice_index"] = SimpleLazyObject(
            lambda: None if advice_pages else AdviceIndexPage.objects.live().public().first()
        )
        return context


class AdviceIndexPage(ListingPage):
    """The advice pages, and the Trygheds- og Indbrudsprojekt's page beside them."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["focus.AdvicePage", "project_requests.ProjectRequestPage"]

    class Meta:
        verbose_name = "oversigt over forebyggelse"
        verbose_name_plural = "oversigter over forebyggelse"


class AdvicePage(ReviewedContentMixin, PlanReferenceMixin, BasePage):
    search_type_label = "Råd og vejledning"

    class Topic(models.TextChoices):
        BURGLARY = "indbrud", "Indbrud og sikring af hjemmet"
        NEIGHBOURHOOD = "tryghed", "Tryghed i lokalområdet"
        ONLINE = "it", "Internet og sociale medier"

    topic = models.CharField("emne", max_length=20, choices=Topic.choices)
    body = StreamField(AdviceStreamBlock(), blank=True, verbose_name="vejledning")

    parent_page_types = ["focus.AdviceIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("topic")]
    content_panels = BasePage.content_panels + [
        FieldPanel("topic"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("plan_page"), FieldPanel("plan_section")], heading="Kilde"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("topic"),
        APIField("plan_section"),
        APIField("body"),
    ]
    settings_panels = BasePage.settings_panels + ReviewedContentMixin.review_panels

    class Meta:
        verbose_name = "vejledning"
        verbose_name_plural = "vejledninger"

    @property
    def card_subheading(self):
        return self.get_topic_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_focus_areas"] = linking_pages(self, page_model=FocusAreaPage)
        return context


class FocusAreaRelatedPage(RelatedPage):
    source = ParentalKey(FocusAreaPage, on_delete=models.CASCADE, related_name="related_pages")
