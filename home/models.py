"""The shared base every app builds on, the home page, generic pages and the site settings.

Nothing here knows a feature app: the home page shows what editors choose, and the listings of
the index pages come from the pages themselves (ListingPage).
"""

import calendar
import datetime
import html

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from home import text as site_text
from home.blocks import BodyStreamBlock, HomeSectionsBlock
from home.forms import BasePageForm
from home.pages import SitePageManager, live_pages_in_order, site_pages, specific_pages
from home.pagination import paginate
from home.slugs import danish_slugify, unique_child_slug


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

    base_form_class = BasePageForm

    class Meta:
        abstract = True

    objects = SitePageManager()

    def full_clean(self, *args, **kwargs):
        # Wagtail makes a missing slug from the title with Django's slugify, which drops "æ" and
        # "ø" once Unicode slugs are off; the site's rule spells them out first. Only once the
        # page has its place in the tree (Wagtail calls this again on save), where the
        # siblings' slugs are known.
        if not self.slug and self.title and self.path:
            self.slug = unique_child_slug(self.get_parent(), danish_slugify(self.title), self)
        super().full_clean(*args, **kwargs)

    # What a card in a listing shows above the title (templates/components/card.html).
    card_date = None
    card_subheading = ""

    @property
    def shows_lead(self):
        """Whether the page shows its summary as the lead above the body: not when the body's
        first paragraph opens with the same words, or the page would say it twice."""
        if not self.summary:
            return False
        first = next(iter(getattr(self, "body", None) or []), None)
        if first is None or first.block_type != "paragraph":
            return True
        opening = html.unescape(strip_tags(first.value.source))
        return not site_text.starts_with(opening, self.summary)


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


class ListingPage(BasePage):
    """An index page listing its children, a page of them at a time.

    Subclasses say what they list (get_listing) and what their newest items are for the home
    page's "Nyeste indhold" block (latest_items); the template shows `listing`.
    """

    search_type_label = "Oversigt"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])
    items_per_page = 20
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True

    def get_listing(self):
        pages = site_pages().child_of(self).live().public().order_by("path")
        return pages.specific().defer_streamfields()

    def latest_items(self, count):
        return self.get_listing()[:count]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = paginate(request, self.get_listing(), self.items_per_page)
        return context


class RelatedPage(Orderable):
    """One page linked from another ("Relateret"); a concrete subclass adds the ParentalKey."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="side", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "relateret side"
        verbose_name_plural = "relaterede sider"


def live_related_pages(relation, page_model=Page):
    """The live, public pages a RelatedPage relation links to, in the editors' order.

    Works for a saved page and for a preview, where the relation is modelcluster's in-memory
    list: the chosen ids are looked up in the database either way.
    """
    return live_pages_in_order([link.page_id for link in relation.all()], page_model)


class HomePage(BasePage):
    """The front page: a lead and the sections editors put together (featured pages, the
    newest items of an index page)."""

    search_type_label = "Forside"
    intro = RichTextField("introduktion", blank=True, features=["bold", "italic", "link"])
    sections = StreamField(HomeSectionsBlock(), blank=True, verbose_name="sektioner")
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    search_fields = BasePage.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("sections"),
        FieldPanel("body"),
    ]
    api_fields = BasePage.api_fields + [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = "forside"
        verbose_name_plural = "forsider"

    def route(self, request, path_components):
        """The page at a URL in one lookup by its URL path (two queries at any depth), where
        Wagtail's walk down the tree costs two queries per level. A path that is no page's
        (a sub-route of a RoutablePage such as /nyheder/rss/, or a 404) takes Wagtail's walk."""
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)


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
        # Sub-pages are standard pages only (subpage_types): one query for their rows.
        context["subpages"] = paginate(
            request,
            StandardPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("path"),
            self.items_per_page,
        )
        return context


def linking_pages(page, page_model=Page, limit=None):
    """The live, public pages that list `page` among their related pages (RelatedPage),
    newest first: the reverse of a related-pages relation, whichever app defines it.

    Read from Wagtail's reference index, which records every page's relations on save.
    """
    if not page.pk:  # a preview before the first save: nothing can link to it yet
        return []
    referring = (
        ReferenceIndex.get_references_to(page)
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            model_path="related_pages.item.page",
        )
        .values_list(Cast("object_id", models.BigIntegerField()), flat=True)
    )
    pages = specific_pages(
        (site_pages() if page_model is Page else page_model.objects)
        .filter(pk__in=referring)
        .live()
        .public()
        .defer_streamfields()
        .order_by("-first_published_at", "-pk"),
        page_model,
    )
    return list(pages[:limit] if limit else pages)


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
        # Where the requests' personal data goes when a municipality has no contact: only the
        # prevention staff (the project_requests app's permission) and superusers may change it.
        FieldPanel("prevention_email", permission="project_requests.view_all_projectrequests"),
        FieldPanel("emergency_notice"),
    ]

    class Meta:
        verbose_name = "kontaktoplysninger"
        verbose_name_plural = "kontaktoplysninger"


def chosen_page(verbose_name, **kwargs):
    """An optional link to a page an editor chooses; emptied if that page is deleted."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The pages the header, footer and error pages link to, chosen by editors (so that a
    moved or renamed page never leaves a dead link in the layout)."""

    request_page = chosen_page(
        "side for anmodning om besøg",
        help_text="Siden med formularen til Trygheds- og Indbrudsprojektet; knapperne "
        '"Anmod om et besøg" linker hertil.',
    )
    privacy_page = chosen_page("privatlivspolitik")
    accessibility_page = chosen_page("tilgængelighedserklæring")
    footer_links = StreamField(
        [("page", blocks.PageChooserBlock(label="Side"))],
        blank=True,
        verbose_name="links i sidefoden",
        help_text="Sider, der vises som links nederst på alle sider.",
    )

    panels = [
        PageChooserPanel("request_page"),
        PageChooserPanel("privacy_page"),
        PageChooserPanel("accessibility_page"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = "navigation"
        verbose_name_plural = "navigation"
