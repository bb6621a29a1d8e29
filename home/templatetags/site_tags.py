"""Navigation and breadcrumbs: one query each, whatever the size of the tree."""

from django import template
from wagtail.models import Site

from home.plan_blocks import anchor_for_number
from home.request_memo import breadcrumb_items, menu_items

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context, current_page=None):
    current_page = current_page or None  # views without a page pass ""
    root = site_root(context)
    request = context.get("request")
    # The request memo (home/request_memo.py) has read the menu once per cache generation.
    menu = getattr(request, "kredsraad_menu", None)
    if menu is None:
        menu = menu_items(root) if root else []
    current_path = current_page.path if current_page else ""
    items = [
        {
            **item,
            "is_current": current_page is not None and current_page.pk == item["pk"],
            "in_section": current_path.startswith(item["path"]),
        }
        for item in menu
    ]
    is_home = current_page is not None and root is not None and current_page.pk == root.pk
    return {
        "root": root,
        "items": items,
        "is_home": is_home,
        # The header's search field keeps the query on the results page.
        "search_query": context.get("search_query", ""),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    # Depth 1 is Wagtail's invisible root; the site's home page is depth 2.
    if not page or page.depth <= 2:
        return {"ancestors": [], "page": page}
    return {"ancestors": breadcrumb_items(context.get("request"), page), "page": page}


@register.filter
def section_anchor(number):
    """ "6.4" -> "6-4", the anchor of a plan section."""
    return anchor_for_number(str(number))
