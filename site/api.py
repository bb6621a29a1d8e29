"""The Wagtail API v2, read-only: others can reuse the plan and the public pages.

Only the pages endpoint is exposed (no images or documents listing); the API viewsets accept
GET only, and the pages endpoint lists live, public pages only.

SitePagesAPIViewSet answers every parameter Wagtail's own checks let through but the database
or the search backend cannot take (a number beyond any id, an unknown search operator, a NUL
character) with 400 and a message, as Wagtail does for the others (BadRequestError); and rich
text asked for as `?rich_text_format=html` is cleaned like the pages' own
(home/rich_text_cleaning.py).
"""

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

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        parameters = self.request.GET
        for name, values in parameters.lists():
            if any("\x00" in value for value in values):
                raise BadRequestError(f"{name}: null characters are not allowed")
        number_fields = {
            field.name
            for field in queryset.model._meta.concrete_fields
            if field.get_internal_type().endswith(("IntegerField", "AutoField"))
            or field.is_relation
        }
        for name in set(NUMBER_PARAMETERS) | (number_fields & set(parameters)):
            if name in parameters:
                check_number(name, parameters[name])
        if (
            "search_operator" in parameters
            and parameters["search_operator"] not in SEARCH_OPERATORS
        ):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        if "format" in parameters and parameters["format"] not in FORMATS:
            raise BadRequestError("format must be 'json' or 'api'")

    def handle_exception(self, exc):
        # The last guard: a value no check above foresaw that the database refuses as out of
        # range is the caller's mistake (400), not the server's.
        if isinstance(exc, OverflowError | DataError):
            exc = BadRequestError("a query parameter is out of range")
        return super().handle_exception(exc)


def check_number(name, value):
    """A number parameter within what the database stores (other values are left to Wagtail's
    own checks, which answer them with 400 already)."""
    try:
        number = int(value)
    except ValueError:
        return
    if abs(number) > LARGEST_NUMBER:
        raise BadRequestError(f"{name} must be at most {LARGEST_NUMBER}")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SitePagesAPIViewSet)
