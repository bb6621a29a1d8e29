"""The yearly collaboration plan: the index of every year's plan and the plan pages, in the
plan's own structure (parts, numbered sections), and the mixin for pages quoting a section."""

import datetime
import re

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.models import BasePage, ListingPage
from plans.blocks import PlanBodyStreamBlock, anchor_for_number, display_number, heading_text
from plans.sections import plan_sections


class PlanReferenceMixin(models.Model):
    """A page whose text comes from a section of a plan, and links back to it."""

    plan_page = models.ForeignKey(
        "plans.PlanPage",
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


class PlanIndexPage(ListingPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["plans.PlanPage"]

    class Meta:
        verbose_name = "oversigt over samarbejdsplaner"
        verbose_name_plural = "oversigter over samarbejdsplaner"

    def get_listing(self):
        """Every year's plan: the plan in force first (the newest of the years begun), then
        the earlier ones, newest first, and last a plan published before its year begins."""
        this_year = timezone.localdate().year
        return (
            PlanPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .annotate(
                is_coming=Case(
                    When(year__gt=this_year, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("is_coming", "-year")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from plans.yearly_cycle import yearly_cycle

        context["yearly_cycle"] = yearly_cycle(timezone.localdate())
        context["this_year"] = timezone.localdate().year
        return context


DANISH_MONTHS = (
    "januar februar marts april maj juni juli august september oktober november december".split()
)
APPROVAL_MONTH = re.compile(
    r"godkendt af Kredsrådet\b.*?\b(" + "|".join(DANISH_MONTHS) + r")\s+((?:19|20)\d{2})",
    re.IGNORECASE | re.DOTALL,
)


def plan_in_force(plans, today=None):
    """Of these live plans, the one in force: the newest whose year has begun."""
    this_year = (today or timezone.localdate()).year
    begun = [plan for plan in plans if plan.year <= this_year]
    return max(begun, key=lambda plan: plan.year) if begun else None


class PlanPage(RoutablePageMixin, BasePage):
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

    parent_page_types = ["plans.PlanIndexPage"]
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
        APIField("sections"),
        APIField("changes_from_previous"),
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
    def other_plans(self):
        """Every other published plan, newest first: a handful of rows, one query.

        Plans are public documents, so no view-restriction lookup (public(), a second query)
        on every plan page view."""
        return list(
            PlanPage.objects.live()
            .exclude(pk=self.pk)
            .defer_streamfields()
            .only("id", "title", "slug", "url_path", "year", "in_force_from", "live")
            .order_by("-year")
        )

    @property
    def previous_plan(self):
        """The published plan this one replaced: the newest one of an earlier year."""
        return next((plan for plan in self.other_plans if plan.year < self.year), None)

    @property
    def plan_in_force(self):
        """The plan in force today among the published ones (this one included, when live)."""
        return plan_in_force([*self.other_plans, *([self] if self.live else [])])

    @property
    def is_in_force(self):
        in_force = self.plan_in_force
        return in_force is not None and in_force.pk == self.pk

    @property
    def is_earlier_plan(self):
        """Replaced by a newer plan whose year has begun: "Tidligere plan – gældende 2017"."""
        in_force = self.plan_in_force
        return in_force is not None and in_force.year > self.year

    @property
    def is_coming_plan(self):
        return self.year > timezone.localdate().year

    @cached_property
    def sections(self):
        """The plan's numbered sections as data (plans/sections.py): the API and comparisons."""
        return plan_sections(self.body)

    @cached_property
    def comparison_with_previous(self):
        from plans.comparison import compare_plans

        previous = self.previous_plan
        if previous is None:
            return None
        return compare_plans(PlanPage.objects.get(pk=previous.pk), self)

    @property
    def changes_from_previous(self):
        """For the API: what changed since the previous published plan, as data."""
        comparison = self.comparison_with_previous
        return comparison.as_data() if comparison else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What other apps show on a plan for its year (hook "plan_page_extras": a function of
        # the page returning {"template", ...} or None); read lazily inside a cached fragment.
        context["plan_page_extras"] = [
            extra for extra in (hook(self) for hook in hooks.get_hooks("plan_page_extras")) if extra
        ]
        return context

    @path("hvad-er-nyt/", name="changes")
    def changes_view(self, request):
        """ "Hvad er nyt i Samarbejdsplan 2018": the plan against the one it replaced."""
        if self.previous_plan is None:
            raise Http404("Planen afløser ingen tidligere plan.")
        return self.render(
            request,
            template="plans/plan_changes.html",
            context_overrides={"comparison": self.comparison_with_previous},
        )

    @property
    def changes_url(self):
        return self.url + self.reverse_subpage("changes")

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
                        "title": heading_text(block.value["title"]),
                        "anchor": anchor_for_number(number),
                        "level": number.count(".") + 1,
                    }
                )
        return entries

    def section_url(self, number):
        return f"{self.url}#{anchor_for_number(number)}"

    def get_cached_paths(self):
        # The PDF changes with the page: the frontend cache purges both on publish.
        return ["/", "/pdf/"]

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The published plan as PDF: the one made on publish, or made now when it is missing
        or older than the live revision (its generation failed, or predates the feature)."""
        from plans.pdf import pdf_filename, store_plan_pdf

        document = PlanDocument.objects.filter(page=self).first()
        if document is None or not document.file or document.revision_id != self.live_revision_id:
            document = store_plan_pdf(self)
        if document is None:
            raise Http404("PDF-udgaven af planen kan ikke dannes lige nu.")
        return FileResponse(
            document.file.open("rb"), content_type="application/pdf", filename=pdf_filename(self)
        )


class PlanDocument(models.Model):
    """The PDF of a published plan (plans/pdf.py), made from the revision it names."""

    page = models.OneToOneField(
        PlanPage,
        verbose_name="samarbejdsplan",
        on_delete=models.CASCADE,
        related_name="pdf_document",
    )
    file = models.FileField("fil", upload_to="samarbejdsplaner/", blank=True)
    revision_id = models.PositiveBigIntegerField("revision", null=True, blank=True)
    generated_at = models.DateTimeField("dannet", null=True, blank=True)

    class Meta:
        verbose_name = "PDF af samarbejdsplan"
        verbose_name_plural = "PDF'er af samarbejdsplaner"

    def __str__(self):
        return self.file.name or f"PDF af {self.page_id}"
