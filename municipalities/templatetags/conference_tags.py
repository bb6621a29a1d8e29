"""Template helpers for Lokalråd+ conferences: their schema.org data."""

import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from home.rich_text_links import is_safe_url

register = template.Library()


# Same escaping as django.utils.html.json_script: the JSON cannot close the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


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
    if conference.venue:
        data["location"] = {"@type": "Place", "name": conference.venue, "address": conference.venue}
    data["organizer"] = {
        "@type": "Organization",
        "name": conference.organiser or "Kredsrådet i Sydøstjyllands Politikreds",
    }
    if conference.registration_url and is_safe_url(conference.registration_url):
        data["offers"] = {
            "@type": "Offer",
            "url": conference.registration_url,
            "price": "0",
            "priceCurrency": "DKK",
        }
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
