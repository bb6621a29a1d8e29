"""Editor-entered URLs (URLField, URLBlock) in href attributes.

The admin's forms accept only http(s) and ftp(s) there, but a value written straight into the
database (an import, a script) is not validated, and autoescaping does not stop a javascript:
URL. The same judgement as for rich text links (home/rich_text_links.py).
"""

from django import template

from home.rich_text_links import is_safe_url

register = template.Library()


@register.filter
def safe_url(value):
    """The URL when its scheme is safe (or it has none), otherwise an empty string."""
    value = str(value or "")
    return value if is_safe_url(value) else ""
