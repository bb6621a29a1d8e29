"""The filter templates/wagtailcore/shared/richtext.html applies to Wagtail's rendered rich text."""

from django import template
from django.utils.safestring import mark_safe

from home.rich_text_cleaning import clean_rich_text

register = template.Library()


@register.filter(is_safe=True)
def cleaned_rich_text(html):
    """Wagtail's front-end HTML, cleaned against the allow-list (home/rich_text_cleaning.py)."""
    return mark_safe(clean_rich_text(str(html)))  # noqa: S308 - cleaned by nh3 just now
