"""iCalendar feeds of the Lokalråd+ conferences: one per municipality and one for the district.

Built with the icalendar library so escaping, line folding and time zones follow RFC 5545.
"""

from django.http import Http404, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.models import Site

from municipalities.models import ConferencePage, MunicipalityPage

PRODID = "-//Kredsrådet i Sydøstjyllands Politikreds//Lokalråd+ konferencer//DA"


def build_calendar(conferences, name, request):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    site = Site.find_for_request(request)
    host = site.hostname if site else "kredsraad.localhost"
    stamp = timezone.now()
    for conference in conferences:
        if not conference.start:
            continue  # A conference without a date yet has no place in a calendar.
        event = Event()
        # Stable across edits and renames: the page id never changes.
        event.add("uid", f"conference-{conference.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", conference.start)
        if conference.end:
            event.add("dtend", conference.end)
        event.add("summary", conference.title)
        description = conference.summary or conference.theme
        if description:
            event.add("description", description)
        if conference.place:
            # The name first, then the address: what calendar apps show and look up on a map.
            event.add("location", conference.place)
        url = conference.get_full_url(request)
        if url:
            event.add("url", url)
        event.add("last-modified", conference.last_published_at or stamp)
        calendar.add_component(event)
    return calendar


def calendar_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _public_conferences():
    return ConferencePage.objects.live().public().order_by("start")


def district_calendar(request):
    calendar = build_calendar(
        _public_conferences(), "Lokalråd+ konferencer i Sydøstjyllands Politikreds", request
    )
    return calendar_response(calendar, "konferencer.ics")


def municipality_calendar(request, slug):
    municipality = MunicipalityPage.objects.live().public().filter(slug=slug).first()
    if municipality is None:
        raise Http404("Kommunen findes ikke.")
    conferences = _public_conferences().child_of(municipality)
    calendar = build_calendar(conferences, f"Lokalråd+ konferencer i {municipality.name}", request)
    return calendar_response(calendar, f"konferencer-{slug}.ics")
