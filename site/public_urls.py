"""URLs of the public site besides Wagtail's pages: open data, calendars, robots, redirects."""

from django.urls import path, re_path
from django.views.generic import RedirectView, TemplateView
from wagtail.contrib.sitemaps.views import sitemap

from municipalities import calendar

from .api import api_router

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    # The short address the accessibility statement is announced under (webtilgængelighed).
    re_path(
        r"^was/?$",
        RedirectView.as_view(url="/tilgaengelighedserklaering/", permanent=True),
        name="accessibility-statement-short",
    ),
    path("api/v2/", api_router.urls),
    path("kalender/konferencer.ics", calendar.district_calendar, name="conference-calendar"),
    path(
        "kalender/<slug:slug>.ics",
        calendar.municipality_calendar,
        name="municipality-calendar",
    ),
]
