"""URLs of the public site besides Wagtail's pages: open data, calendars, robots, redirects."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import path, re_path
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps.views import sitemap

from home.navigation import navigation_pages
from municipalities import calendar

from .api import api_router


def accessibility_statement(request):
    """The short address the accessibility statement is announced under (webtilgængelighed),
    pointing at the page chosen in the navigation settings."""
    page = navigation_pages(request).accessibility_page
    if page is None:
        raise Http404("Ingen tilgængelighedserklæring er valgt.")
    return HttpResponsePermanentRedirect(page.get_url(request))


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links: send them to the
    static (hashed, long-cached) icon instead of a 404 in every log."""
    return HttpResponsePermanentRedirect(static("img/favicon.ico"))


urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain; charset=utf-8"),
        name="robots",
    ),
    re_path(r"^was/?$", accessibility_statement, name="accessibility-statement-short"),
    path("api/v2/", api_router.urls),
    path("kalender/konferencer.ics", calendar.district_calendar, name="conference-calendar"),
    path(
        "kalender/<slug:slug>.ics",
        calendar.municipality_calendar,
        name="municipality-calendar",
    ),
]
