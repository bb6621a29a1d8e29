"""{% navigation as nav %}: the pages the layout links to (home.navigation)."""

from types import SimpleNamespace

from django import template

from home.navigation import CHOSEN_PAGES, navigation_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    request = context.get("request")
    if request is None:
        return SimpleNamespace(footer_links=[], **dict.fromkeys(CHOSEN_PAGES))
    return navigation_pages(request)
