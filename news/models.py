"""News: the news index with its RSS and Atom feeds, and the news pages."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import BodyStreamBlock
from home.models import BasePage, ListingPage, RelatedPage, live_related_pages
from news.feeds import NewsAtomFeed, NewsRssFeed


class NewsIndexPage(RoutablePageMixin, ListingPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    items_per_page = 10

    class Meta:
        verbose_name = "nyhedsoversigt"
        verbose_name_plural = "nyhedsoversigter"

    def get_listing(self):
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-date", "-pk")
        )

    def get_cached_paths(self):
        # The feeds are purged with the index (wagtail.contrib.frontend_cache): whenever a news
        # item is published, unpublished or moved, home/signal_handlers.py purges its parent.
        return ["/", "rss/", "atom/"]

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
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)


class NewsPage(BasePage):
    search_type_label = "Nyhed"
    date = models.DateField("dato")
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="indhold")

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("body"),
        InlinePanel("related_pages", label="Relateret side", heading="Relaterede sider"),
    ]
    api_fields = BasePage.api_fields + [APIField("date"), APIField("body")]

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"

    @property
    def card_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query for the specific parent (get_parent().specific would take two).
        context["news_index"] = NewsIndexPage.objects.parent_of(self).first()
        context["related_pages"] = live_related_pages(self.related_pages)
        return context


class NewsPageRelatedPage(RelatedPage):
    source = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_pages")
