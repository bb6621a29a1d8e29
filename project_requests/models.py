"""The Trygheds- og Indbrudsprojekt: its page with the request form, and the requests
homeowner associations send through it."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import BaseLogEntry, BaseLogEntryManager
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import BasePage, ReviewedContentMixin
from municipalities.models import MunicipalityPage
from plans.models import PlanReferenceMixin


class ProjectRequestPage(ReviewedContentMixin, PlanReferenceMixin, BasePage):
    """The Trygheds- og Indbrudsprojekt: what it offers, in the plan's words, and the form
    homeowner associations use to request it. It stands among the advice pages."""

    search_type_label = "Råd og vejledning"
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="om projektet")

    form_intro = RichTextField(
        "tekst over formularen",
        blank=True,
        features=["bold", "italic", "link"],
        default="<p>Udfyld formularen, så kontakter vi foreningen for at aftale det videre "
        "forløb.</p>",
    )
    receipt_text = RichTextField(
        "tekst på kvitteringen",
        blank=True,
        features=["bold", "italic", "link"],
        default="<p>Forebyggelsesmedarbejderen i jeres kommune kontakter jer for at aftale, "
        "hvad projektet skal omfatte, og hvornår det kan finde sted.</p>",
    )

    response_time = models.CharField(
        "hvornår foreningen hører fra os",
        max_length=200,
        blank=True,
        help_text='Vises på kvitteringen efter "I kan forvente at høre fra os", f.eks. '
        '"inden for 14 dage". Tom: kvitteringen nævner ingen tid.',
    )

    parent_page_types = ["focus.AdviceIndexPage"]
    subpage_types = []
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("plan_page"), FieldPanel("plan_section")], heading="Kilde"),
        MultiFieldPanel(
            [FieldPanel("form_intro"), FieldPanel("receipt_text"), FieldPanel("response_time")],
            heading="Henvendelser",
        ),
    ]
    api_fields = BasePage.api_fields + [APIField("plan_section"), APIField("body")]
    settings_panels = BasePage.settings_panels + ReviewedContentMixin.review_panels

    class Meta:
        verbose_name = "Trygheds- og Indbrudsprojektet"
        verbose_name_plural = "Trygheds- og Indbrudsprojektet"

    def serve(self, request, *args, **kwargs):
        # The views import the form, which imports this module: imported when first served.
        from project_requests.views import serve_project_request_page

        return serve_project_request_page(self, request, *args, **kwargs)


class ProjectRequestCounter(models.Model):
    """The last reference number handed out in a year. The row is locked (SELECT ... FOR
    UPDATE) while a request takes the next number, so concurrent requests never share one."""

    year = models.PositiveSmallIntegerField("år", primary_key=True)
    last_number = models.PositiveIntegerField("sidste nummer", default=0)

    class Meta:
        verbose_name = "løbenummer for henvendelser"
        verbose_name_plural = "løbenumre for henvendelser"

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ProjectRequest(models.Model):
    """A homeowner association's request for the Trygheds- og Indbrudsprojekt."""

    class Status(models.TextChoices):
        RECEIVED = "modtaget", "Modtaget"
        CONTACTED = "kontaktet", "Kontaktet"
        PLANNED = "planlagt", "Planlagt"
        COMPLETED = "gennemfoert", "Gennemført"
        REJECTED = "afvist", "Afvist"

    CLOSED_STATUSES = (Status.COMPLETED, Status.REJECTED)

    # Out of Wagtail's reference index: otherwise a municipality page's "usage" view lists its
    # requests ("TIP-… <forening>") to everybody who may edit the page.
    wagtail_reference_index_ignore = True

    class Part(models.TextChoices):
        HOUSE_SECURING = "skalsikring", "Vejledning om skalsikring"
        SAFETY_WALK = "tryghedsvandring", "Tryghedsvandring"
        NEIGHBOUR_HELP = "nabohjaelp", "Nabohjælp"

    reference = models.CharField("referencenummer", max_length=20, unique=True, editable=False)
    association_name = models.CharField("forening", max_length=200)
    contact_name = models.CharField("kontaktperson", max_length=200)
    email = models.EmailField("e-mail", max_length=254)
    phone = models.CharField("telefon", max_length=30, blank=True)
    area = models.TextField("område (adresse eller veje)", max_length=1000)
    postcode = models.CharField("postnummer", max_length=4)
    town = models.CharField("by", max_length=100)
    municipality = models.ForeignKey(
        "municipalities.MunicipalityPage",
        verbose_name="kommune",
        on_delete=models.PROTECT,
        related_name="project_requests",
    )
    households = models.PositiveIntegerField("antal husstande", null=True, blank=True)
    wants_house_securing = models.BooleanField("skalsikring", default=False)
    wants_safety_walk = models.BooleanField("tryghedsvandring", default=False)
    wants_neighbour_help = models.BooleanField("nabohjælp", default=False)
    preferred_period = models.CharField("ønsket tidspunkt", max_length=200, blank=True)
    message = models.TextField("besked", max_length=2000, blank=True)
    consent = models.BooleanField("samtykke", default=False)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    internal_notes = models.TextField(
        "interne noter", blank=True, help_text="Ses kun i administrationen."
    )
    created_at = models.DateTimeField("modtaget", default=timezone.now, editable=False)
    closed_at = models.DateTimeField("afsluttet", null=True, blank=True, editable=False)
    notification_sent_at = models.DateTimeField(
        "besked sendt til kommunen", null=True, blank=True, editable=False
    )
    receipt_sent_at = models.DateTimeField(
        "kvittering sendt", null=True, blank=True, editable=False
    )
    # Set when the mail server refused an e-mail for good (a permanent SMTP error, a header it
    # can never carry): the retry command leaves it alone, and staff see it in the admin.
    notification_failed_at = models.DateTimeField(
        "besked til kommunen kunne ikke sendes", null=True, blank=True, editable=False
    )
    receipt_failed_at = models.DateTimeField(
        "kvittering kunne ikke sendes", null=True, blank=True, editable=False
    )
    anonymised_at = models.DateTimeField("anonymiseret", null=True, blank=True, editable=False)
    submission_token = models.CharField(
        "indsendelsesnøgle", max_length=100, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "henvendelse om Trygheds- og Indbrudsprojektet"
        verbose_name_plural = "henvendelser om Trygheds- og Indbrudsprojektet"
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("view_all_projectrequests", "Kan se henvendelser fra alle kommuner"),
        ]

    def __str__(self):
        return f"{self.reference} {self.association_name}".strip()

    def save(self, *args, **kwargs):
        if self.status in self.CLOSED_STATUSES:
            if self.closed_at is None:
                self.closed_at = timezone.now()
        else:
            self.closed_at = None
        super().save(*args, **kwargs)

    @property
    def parts(self):
        chosen = []
        if self.wants_house_securing:
            chosen.append(self.Part.HOUSE_SECURING)
        if self.wants_safety_walk:
            chosen.append(self.Part.SAFETY_WALK)
        if self.wants_neighbour_help:
            chosen.append(self.Part.NEIGHBOUR_HELP)
        return chosen

    def parts_display(self):
        return ", ".join(str(part.label) for part in self.parts)

    parts_display.short_description = "ønskede dele"

    @staticmethod
    def _delivery_status(sent_at, failed_at):
        if sent_at is not None:
            return date_format(timezone.localtime(sent_at), "DATETIME_FORMAT")
        if failed_at is not None:
            return "kunne ikke sendes (forsøges ikke igen)"
        return "ikke afsendt"

    def notification_status(self):
        return self._delivery_status(self.notification_sent_at, self.notification_failed_at)

    notification_status.short_description = "besked til kommunen"

    def receipt_status(self):
        return self._delivery_status(self.receipt_sent_at, self.receipt_failed_at)

    receipt_status.short_description = "kvittering til afsender"

    # What anonymisation blanks, with the words the privacy page uses for each
    # (project_requests/privacy.py builds its text from this list). Everything else that stays,
    # municipality, dates, status and the parts wanted, identifies nobody.
    ANONYMISED_FIELDS = {
        "association_name": "foreningens navn",
        "contact_name": "kontaktpersonens navn",
        "email": "e-mail",
        "phone": "telefonnummer",
        "area": "området (adresse eller vejnavne)",
        "postcode": "postnummer",
        "town": "by",
        "households": "antal husstande",
        "preferred_period": "det ønskede tidspunkt",
        "message": "beskeden",
        "internal_notes": "medarbejdernes interne noter",
    }

    def public_status_history(self):
        """What the sender sees of the handling on the receipt: each status and when it was
        set, from the arrival on. Not who changed it, and never the internal notes."""
        history = [(self.Status.RECEIVED.label, self.created_at)]
        for change in self.status_changes.all():
            history.append((change.get_new_status_display(), change.changed_at))
        return history

    def anonymise(self):
        """Blank the personal data; municipality, dates, status and parts stay for statistics."""
        for name in self.ANONYMISED_FIELDS:
            field = self._meta.get_field(name)
            setattr(self, name, None if field.null else "")
        self.submission_token = None
        self.anonymised_at = timezone.now()
        self.save()


class ProjectRequestStatusChange(models.Model):
    """Who changed a request's status, and when."""

    request = models.ForeignKey(
        ProjectRequest,
        verbose_name="henvendelse",
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    old_status = models.CharField(
        "fra", max_length=20, choices=ProjectRequest.Status.choices, blank=True
    )
    new_status = models.CharField("til", max_length=20, choices=ProjectRequest.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ændret af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField("tidspunkt", default=timezone.now)

    class Meta:
        verbose_name = "statusændring"
        verbose_name_plural = "statusændringer"
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"


class MunicipalityPreventionGroup(models.Model):
    """A user group whose members see the requests from one municipality only."""

    group = models.OneToOneField(
        "auth.Group",
        verbose_name="gruppe",
        on_delete=models.CASCADE,
        related_name="prevention_municipality",
    )
    municipality = models.ForeignKey(
        "municipalities.MunicipalityPage",
        verbose_name="kommune",
        on_delete=models.CASCADE,
        related_name="prevention_groups",
    )

    class Meta:
        verbose_name = "forebyggelseskontakt-gruppe"
        verbose_name_plural = "forebyggelseskontakt-grupper"

    def __str__(self):
        return f"{self.group} ({self.municipality})"


VIEW_ALL_PERMISSION = "project_requests.view_all_projectrequests"


def sees_every_municipality(user):
    return user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL_PERMISSION))


def municipalities_visible_to(user):
    """The municipalities whose requests the user may see: all of them for the prevention staff
    and superusers, the group's own for a Forebyggelseskontakt, none for everybody else."""
    if not user.is_active:
        return MunicipalityPage.objects.none()
    if sees_every_municipality(user):
        return MunicipalityPage.objects.all()
    return MunicipalityPage.objects.filter(prevention_groups__group__user=user)


def requests_visible_to(user, queryset=None):
    """The requests a user may see anywhere in the admin: all for superusers and the prevention
    staff (view_all_projectrequests), a municipality's for its prevention-contact group, none
    for anybody else."""
    queryset = ProjectRequest.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    if sees_every_municipality(user):
        return queryset
    # A subquery rather than a join: no duplicate rows, so counts and aggregates stay right.
    return queryset.filter(municipality__in=municipalities_visible_to(user).values("pk"))


class ProjectRequestLogEntryManager(BaseLogEntryManager):
    """Wagtail's audit log for requests. Its own log model, because Wagtail's generic one shows
    an entry (labelled with the reference and the association) to everybody with any permission
    on the model, which would show one municipality's requests to another's contact."""

    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(object_id=str(instance.pk))

    def viewable_by_user(self, user):
        if user.is_active and (user.is_superuser or user.has_perm(VIEW_ALL_PERMISSION)):
            return self.all()
        visible_ids = (
            requests_visible_to(user)
            .annotate(id_text=Cast("pk", models.CharField(max_length=255)))
            .values("id_text")
        )
        return self.filter(object_id__in=visible_ids)


class ProjectRequestLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, db_index=True)

    objects = ProjectRequestLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = "logpost for henvendelse"
        verbose_name_plural = "logposter for henvendelser"

    def __str__(self):
        return f"{self.action} {self.object_id}"
