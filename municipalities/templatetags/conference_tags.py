"""Template helpers for Lokalråd+ conferences: their schema.org data."""

import json
import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


# Same escaping as django.utils.html.json_script: the JSON cannot close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# "Rådhustorvet 4, 8700 Horsens": street, then a Danish postcode and town.
_DANISH_ADDRESS = re.compile(
    r"^(?P<street>.*?)[,\s]*\b(?P<postcode>\d{4})\s+(?P<town>[^,\d]+?)\s*$"
)


def postal_address(address):
    """schema.org PostalAddress of an address as an editor wrote it."""
    data = {"@type": "PostalAddress", "addressCountry": "DK"}
    match = _DANISH_ADDRESS.match(address)
    if match:
        if match["street"]:
            data["streetAddress"] = match["street"]
        data["postalCode"] = match["postcode"]
        data["addressLocality"] = match["town"]
    else:
        data["streetAddress"] = address
    return data


def place(conference):
    if not (conference.venue or conference.venue_address):
        return None
    data = {"@type": "Place", "name": conference.venue or conference.venue_address}
    if conference.venue_address:
        data["address"] = postal_address(conference.venue_address)
    return data


@register.simple_tag(takes_context=True)
def event_json_ld(context, conference):
    """schema.org Event data for a conference, as JSON-LD (data, not script: fine under CSP)."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": conference.title,
        "url": conference.get_full_url(request),
        "inLanguage": "da",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if conference.summary:
        data["description"] = conference.summary
    elif conference.theme:
        data["description"] = conference.theme
    if conference.start:
        data["startDate"] = timezone.localtime(conference.start).isoformat()
    if conference.end:
        data["endDate"] = timezone.localtime(conference.end).isoformat()
    location = place(conference)
    if location:
        data["location"] = location
    data["organizer"] = {
        "@type": "Organization",
        "name": conference.organiser or "Kredsrådet i Sydøstjyllands Politikreds",
    }
    # No "offers": a price (even 0 DKK) is claimed only where an editor could have entered one.
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
