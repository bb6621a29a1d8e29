from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from kredsraad_site.health import healthz
from search import views as search_views

urlpatterns = [
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

urlpatterns += [path("", include(wagtail_urls))]
