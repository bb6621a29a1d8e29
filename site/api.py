"""The Wagtail API v2, read-only: others can reuse the plan and the public pages.

Only the pages endpoint is exposed (no images or documents listing); the API viewsets accept
GET only, and the pages endpoint lists live, public pages only.

SitePagesAPIViewSet answers every parameter Wagtail's own checks let through but the database
or the search backend cannot take (a number beyond any id, an unknown search operator, a NUL
character) with 400 and a message, as Wagtail does for the others (BadRequestError); and rich
text asked for as `?rich_text_format=html` is cleaned like the pages' own
(home/rich_text_cleaning.py).
"""

from django.core.exceptions import ValidationError
from django.db import DataError
from wagtail.api.rich_text import APIRichText
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, RichTextFieldSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.fields import RichTextField

from home.rich_text_cleaning import clean_rich_text

# Page ids, depths and offsets are stored in (at least) 32-bit integers.
LARGEST_NUMBER = 2**31 - 1
NUMBER_PARAMETERS = (
    "offset",
    "limit",
    "child_of",
    "ancestor_of",
    "descendant_of",
    "translation_of",
    "id",
    "depth",
    "numchild",
)
SEARCH_OPERATORS = ("and", "or")
FORMATS = ("json", "api")


class CleanRichTextFieldSerializer(RichTextFieldSerializer):
    def to_representation(self, value):
        representation = super().to_representation(value)
        # The parent resolved the format (the parameter, else WAGTAILAPI_RICH_TEXT_FORMAT).
        if self.context.get("_wagtail_rich_text_format") == APIRichText.FORMAT_HTML:
            return clean_rich_text(representation)
        return representation


class SitePageSerializer(PageSerializer):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: CleanRichTextFieldSerializer,
    }


class SitePagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = SitePageSerializer

    def initial(self, request, *args, **kwargs):
        # Before every action (listing, detail and find alike): the values no check of
        # Wagtail's sees before the database or the search backend does.
        super().initial(request, *args, **kwargs)
        parameters = request.GET
        for name, values in parameters.lists():
            if any("\x00" in value for value in values):
                raise BadRequestError(f"{name}: null characters are not allowed")
        for name in NUMBER_PARAMETERS:
            if name in parameters:
                check_number(name, parameters[name])
        if "id" in parameters and not is_number(parameters["id"]):
            raise BadRequestError("id must be an integer")
        operator = parameters.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")

    def perform_content_negotiation(self, request, force=False):
        # Django REST framework answers an unknown ?format= with an empty 404 before any check;
        # the error response itself is negotiated with force=True and gets JSON.
        if not force and request.query_params.get("format", "json") not in FORMATS:
            raise BadRequestError("format must be 'json' or 'api'")
        return super().perform_content_negotiation(request, force=force)

    def handle_exception(self, exc):
        # The last guard: a filter value the model field refuses (a date that is no date) or
        # the database finds out of range is the caller's mistake (400), not the server's.
        if isinstance(exc, ValidationError):
            exc = BadRequestError("invalid parameter value: " + " ".join(exc.messages))
        elif isinstance(exc, OverflowError | DataError):
            exc = BadRequestError("a query parameter is out of range")
        return super().handle_exception(exc)


def is_number(value):
    try:
        int(value)
    except ValueError:
        return False
    return True


def check_number(name, value):
    """A number parameter within what the database stores (other values are left to Wagtail's
    own checks, which answer them with 400 already)."""
    if is_number(value) and abs(int(value)) > LARGEST_NUMBER:
        raise BadRequestError(f"{name} must be at most {LARGEST_NUMBER}")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
