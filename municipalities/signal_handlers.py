"""The iCalendar feeds in the frontend cache: a conference is in the district's calendar and in
its municipality's, a municipality names its own calendar (and its conferences' URLs).

Added to the PurgeBatch that home/signal_handlers.py fills for the page's publish, unpublish
(or deletion), move or rename (home.frontend_cache.collecting_purge_urls), so each URL is
purged once per event.
"""

from django.urls import reverse

from home.frontend_cache import collecting_purge_urls, site_urls
from municipalities.models import ConferencePage, MunicipalityPage


def district_calendar_urls(*url_paths):
    return site_urls(reverse("conference-calendar"), *url_paths)


def municipality_calendar_urls(slug, *url_paths):
    return site_urls(reverse("municipality-calendar", args=[slug]), *url_paths)


def purge_conference_calendars(sender, page, batch, parents, url_paths, **kwargs):
    """Both calendars the conference is (or was) in; on a move the old municipality's too.
    A rename has no parents here: its publish, which follows, purges the calendars."""
    if not parents:
        return
    batch.add_urls(district_calendar_urls(*url_paths))
    for parent in parents:
        if isinstance(parent.specific_deferred, MunicipalityPage):
            batch.add_urls(municipality_calendar_urls(parent.slug, parent.url_path))


def purge_municipality_calendar(sender, page, batch, event, url_paths, page_before=None, **kwargs):
    """The municipality's calendar (its name is in it). After a rename, the calendar at the old
    slug (the new one was never cached, and the publish that follows purges it) and the district
    calendar, whose events link to the conferences under the municipality; after a move the
    district calendar too."""
    if event == "slug_change":
        batch.add_urls(municipality_calendar_urls(page_before.slug, *url_paths))
    else:
        batch.add_urls(municipality_calendar_urls(page.slug, *url_paths))
    if event in ("move", "slug_change"):
        batch.add_urls(district_calendar_urls(*url_paths))


def register_signal_handlers():
    collecting_purge_urls.connect(
        purge_conference_calendars,
        sender=ConferencePage,
        dispatch_uid="municipalities.purge_conference_calendars",
    )
    collecting_purge_urls.connect(
        purge_municipality_calendar,
        sender=MunicipalityPage,
        dispatch_uid="municipalities.purge_municipality_calendar",
    )
