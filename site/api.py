"""The Wagtail API v2, read-only: others can reuse the plan and the public pages.

Only the pages endpoint is exposed (no images or documents listing); the API viewsets accept
GET only, and the pages endpoint lists live, public pages only.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
