"""RSS and Atom feeds of the news, served as routes of NewsIndexPage (/nyheder/rss/, /atom/)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, news_index):
        super().__init__()
        self.news_index = news_index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.news_index

    def title(self, index):
        return f"{index.title} – Kredsrådet Sydøstjylland"

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.summary or "Nyheder fra Kredsrådet i Sydøstjyllands Politikreds."

    def items(self, index):
        return index.feed_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        # The editor's date is the news date; the time of day comes from the first publication
        # so that two items of the same day keep their order in feed readers.
        published = item.first_published_at or timezone.now()
        local = timezone.localtime(published)
        return timezone.make_aware(
            datetime.datetime.combine(item.date, local.time()), timezone.get_current_timezone()
        )

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
