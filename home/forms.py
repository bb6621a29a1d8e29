"""The page editor's form for every page of the site."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import SlugInput

from home.slugs import DANISH_SLUG_FORMATTERS


class BasePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Wagtail's slug widget with the Danish letters spelt out before its own ASCII
            # transliteration (which has no Danish rule and would make "å" an "a").
            self.fields["slug"].widget = SlugInput(formatters=DANISH_SLUG_FORMATTERS)

    def clean_slug(self):
        # Wagtail accepts a typed Unicode slug even with WAGTAIL_ALLOW_UNICODE_SLUGS off.
        slug = self.cleaned_data.get("slug")
        if slug and not slug.isascii():
            raise ValidationError(
                "Brug kun små bogstaver a-z, tal og bindestreger i adressen; skriv æ, ø og å "
                'som ae, oe og aa (f.eks. "lokalraad").'
            )
        return slug
