"""Focus areas (national 2017–2020 and local) and the burglary-prevention advice."""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from focus.blocks import AdviceStreamBlock
from home.blocks import BodyStreamBlock
from home.models import BasePage, PlanReferenceMixin


class FocusAreaIndexPage(BasePage):
    search_type_label = "Oversigt"
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["home.HomePage"]
    subpage_types = ["focus.FocusAreaPage"]
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("body")]

    class Meta:
        verbose_name = "oversigt over fokusområder"
        verbose_name_plural = "oversigter over fokusområder"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = FocusAreaPage.objects.child_of(self).live().public().order_by("path")
        context["national_areas"] = [a for a in areas if a.scope == FocusAreaPage.Scope.NATIONAL]
        context["local_areas"] = [a for a in areas if a.scope == FocusAreaPage.Scope.LOCAL]
        return context


class FocusAreaPage(PlanReferenceMixin, BasePage):
    search_type_label = "Fokusområde"

    class Scope(models.TextChoices):
        NATIONAL = "national", "Nationalt fokusområde"
        LOCAL = "local", "Lokalt fokusområde"

    scope = models.CharField("type", max_length=20, choices=Scope.choices)
    period = models.CharField(
        "periode", max_length=40, help_text='F.eks. "2017–2020" eller "2017".'
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="planens tekst")
    related_advice = ParentalManyToManyField(
        "focus.AdvicePage",
        blank=True,
        verbose_name="relateret vejledning",
        related_name="focus_areas",
    )

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
        FieldPanel("related_advice"),
    ]

    class Meta:
        verbose_name = "fokusområde"
        verbose_name_plural = "fokusområder"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related = self.related_advice.all()
        if not hasattr(related, "live"):
            # In a preview the relation is modelcluster's in-memory list, not a page queryset:
            # look the chosen pages up again to apply the live/public filters.
            related = AdvicePage.objects.filter(pk__in=[advice.pk for advice in related])
        context["advice_pages"] = related.live().public().order_by("path")
        return context


class AdviceIndexPage(BasePage):
    search_type_label = "Oversigt"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])

    parent_page_types = ["home.HomePage"]
    subpage_types = ["focus.AdvicePage"]
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "oversigt over forebyggelse"
        verbose_name_plural = "oversigter over forebyggelse"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["advice_pages"] = AdvicePage.objects.child_of(self).live().public().order_by("path")
        return context


class AdvicePage(PlanReferenceMixin, BasePage):
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

    class Meta:
        verbose_name = "vejledning"
        verbose_name_plural = "vejledninger"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_focus_areas"] = self.focus_areas.live().public().order_by("path")
        return context
