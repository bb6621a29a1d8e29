from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kredsraad_site import two_factor, views
from kredsraad_site.health import healthz
from search import views as search_views

urlpatterns = [
    # The second factor, before Wagtail's admin URLs so they cannot shadow these.
    path("admin/totp/", two_factor.verify, name="two_factor_verify"),
    path("admin/totp/tilmeld/", two_factor.setup, name="two_factor_setup"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("soeg/", search_views.search, name="search"),
    path("soeg/forslag/", search_views.suggest, name="search_suggest"),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public extras: sitemap, robots.txt, the API, calendars, /was. Before Wagtail's
# catch-all so its page routing never shadows them.
urlpatterns += [path("", include("kredsraad_site.public_urls"))]

urlpatterns += [
    # Wagtail's own URL, answered by the site's wrapper so that a foreign return address leads
    # back to the page (kredsraad_site/views.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        views.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
]
