"""The 7 municipalities, their councils and collaborations, and their Lokalråd+ conferences."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from home.blocks import BodyStreamBlock, DocumentBlock
from home.models import BasePage, ListingPage, ReviewedContentMixin
from home.pagination import paginate
from municipalities.blocks import CollaborationBlock, ProgrammeItemBlock
from plans.models import PlanPage

# The prevention staff's permission (project_requests' "Forebyggelse" group; superusers have
# every permission): only they may change where requests, with their personal data, are sent.
REQUEST_ROUTING_PERMISSION = "project_requests.view_all_projectrequests"


class MunicipalityIndexPage(ListingPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["municipalities.MunicipalityPage"]

    class Meta:
        verbose_name = "oversigt over kommuner"
        verbose_name_plural = "oversigter over kommuner"

    def get_listing(self):
        """The municipalities, each with what its card tells: the next conference (its date
        and title) and whether this year's action plan is published. Annotated, so the cards
        cost no query each."""
        next_conference = (
            ConferencePage.objects.live()
            .public()
            .filter(
                path__startswith=OuterRef("path"),
                depth=OuterRef("depth") + 1,
                start__gte=timezone.now(),
            )
            .order_by("start")
        )
        return (
            MunicipalityPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .annotate(
                next_conference_start=Subquery(next_conference.values("start")[:1]),
                next_conference_title=Subquery(next_conference.values("title")[:1]),
                has_current_action_plan=Exists(
                    MunicipalityActionPlan.objects.filter(
                        page=OuterRef("pk"), year=timezone.localdate().year
                    )
                ),
            )
            .order_by("path")
        )

    def latest_items(self, count):
        """What is new under the municipalities: their next Lokalråd+ conferences."""
        return (
            ConferencePage.objects.descendant_of(self)
            .live()
            .public()
            .defer_streamfields()
            .filter(start__gte=timezone.now())
            .order_by("start")[:count]
        )


class MunicipalityPage(ReviewedContentMixin, BasePage):
    items_per_page = 10  # past conferences

    search_type_label = "Kommune"

    class PoliceCentre(models.TextChoices):
        NORTH = "nord", "Nord"
        MIDDLE = "midt", "Midt"
        SOUTH = "syd", "Syd"

    name = models.CharField("kommune", max_length=100, unique=True)
    police_centre = models.CharField(
        "politicenter",
        max_length=10,
        choices=PoliceCentre.choices,
        blank=True,
        help_text="Det center (nord, midt eller syd), hvis vicepolitiinspektør er formand for "
        "Lokalrådet.",
    )
    prevention_contact_email = models.EmailField(
        "e-mail til forebyggelseskontakt",
        blank=True,
        help_text="Modtager henvendelser om Trygheds- og Indbrudsprojektet fra kommunen.",
    )
    collaborations = StreamField(
        [("collaboration", CollaborationBlock())],
        blank=True,
        verbose_name="råd og samarbejder",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="øvrigt indhold")

    parent_page_types = ["municipalities.MunicipalityIndexPage"]
    subpage_types = ["municipalities.ConferencePage"]

    search_fields = BasePage.search_fields + [
        index.SearchField("name"),
        index.SearchField("collaborations"),
        index.SearchField("body"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("police_centre"),
                # Where the requests' personal data goes: not for the municipality's editors.
                FieldPanel("prevention_contact_email", permission=REQUEST_ROUTING_PERMISSION),
            ],
            heading="Kommunen",
        ),
        FieldPanel("collaborations"),
        InlinePanel("action_plans", label="Handlingsplaner", heading="Lokalrådets handlingsplaner"),
        FieldPanel("body"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("name"),
        APIField("police_centre"),
        APIField("collaborations"),
        APIField("body"),
    ]
    settings_panels = BasePage.settings_panels + ReviewedContentMixin.review_panels

    class Meta:
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def action_plan_for(self, year):
        """The Lokalråd's published action plan for the year, or None (one query)."""
        return self.action_plans.filter(year=year).select_related("document").first()

    @property
    def card_subheading(self):
        if self.police_centre:
            return f"Politicenter {self.get_police_centre_display()}"
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        conferences = ConferencePage.objects.child_of(self).live().public().defer_streamfields()
        now = timezone.now()
        context["upcoming_conferences"] = conferences.filter(start__gte=now).order_by("start")
        # Read only when the template's cached fragment of them is rendered.
        # The archive grows every year: the most recent first, a page at a time.
        context["past_conferences"] = SimpleLazyObject(
            lambda: paginate(
                request,
                conferences.exclude(start__gte=now).order_by("-start"),
                self.items_per_page,
            )
        )
        context["action_plans"] = self.action_plans.select_related("document").order_by("-year")
        context["current_plan"] = SimpleLazyObject(
            lambda: PlanPage.objects.live().public().defer_streamfields().order_by("-year").first()
        )
        return context


def action_plan_overview(year):
    """Every published municipality with its action plan for the year (None where it has not
    published one), in the tree's order: two queries."""
    municipalities = list(
        MunicipalityPage.objects.live().public().defer_streamfields().order_by("path")
    )
    plans = {
        plan.page_id: plan
        for plan in MunicipalityActionPlan.objects.filter(
            year=year, page__in=[m.pk for m in municipalities]
        ).select_related("document")
    }
    return [(municipality, plans.get(municipality.pk)) for municipality in municipalities]


class MunicipalityActionPlan(Orderable):
    """The Lokalråd's yearly coordinated action plan ("samordnet handlingsplan", plan 6.1)."""

    page = ParentalKey(MunicipalityPage, on_delete=models.CASCADE, related_name="action_plans")
    year = models.PositiveSmallIntegerField("år")
    summary = RichTextField("resumé", blank=True, features=["bold", "italic", "link", "ul", "ol"])
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="dokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("year"), FieldPanel("summary"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "handlingsplan"
        verbose_name_plural = "handlingsplaner"
        constraints = [
            models.UniqueConstraint(fields=["page", "year"], name="one_action_plan_per_year")
        ]

    def __str__(self):
        return f"Handlingsplan {self.year}"


class ConferencePage(BasePage):
    """A Lokalråd+ conference: yearly, on a crime-prevention theme chosen by the Lokalråd."""

    search_type_label = "Konference"
    start = models.DateTimeField("starter", null=True, blank=True)
    end = models.DateTimeField("slutter", null=True, blank=True)
    venue = models.CharField(
        "sted",
        max_length=250,
        blank=True,
        help_text='Stedets navn, f.eks. "Horsens Rådhus".',
    )
    venue_address = models.CharField(
        "stedets adresse",
        max_length=250,
        blank=True,
        help_text='Gade og nummer, postnummer og by, f.eks. "Rådhustorvet 4, 8700 Horsens".',
    )
    theme = models.CharField("tema", max_length=250, blank=True)
    organiser = models.CharField("arrangør", max_length=250, blank=True)
    registration_url = models.URLField(
        "tilmelding (webadresse)",
        blank=True,
        help_text="Webadressen (URL) på siden, hvor man tilmelder sig, f.eks. https://…",
    )
    registration_deadline = models.DateField("tilmeldingsfrist", null=True, blank=True)
    programme = StreamField([("item", ProgrammeItemBlock())], blank=True, verbose_name="program")
    documents = StreamField([("document", DocumentBlock())], blank=True, verbose_name="dokumenter")
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="beskrivelse")

    parent_page_types = ["municipalities.MunicipalityPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("theme"),
        index.SearchField("venue"),
        index.SearchField("venue_address"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("start"),
                FieldPanel("end"),
                FieldPanel("venue"),
                FieldPanel("venue_address"),
                FieldPanel("organiser"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
            ],
            heading="Konferencen",
        ),
        FieldPanel("body"),
        FieldPanel("programme"),
        FieldPanel("documents"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("start"),
        APIField("end"),
        APIField("venue"),
        APIField("venue_address"),
        APIField("theme"),
        APIField("organiser"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("programme"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = "Lokalråd+ konference"
        verbose_name_plural = "Lokalråd+ konferencer"

    @property
    def card_date(self):
        return self.start

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Konferencen kan ikke slutte, før den starter."})

    @property
    def place(self):
        """The venue's name and address as one line, for a calendar's LOCATION."""
        return ", ".join(part for part in (self.venue, self.venue_address) if part)

    @property
    def is_upcoming(self):
        return bool(self.start and self.start >= timezone.now())
