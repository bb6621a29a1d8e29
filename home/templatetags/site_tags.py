"""Navigation and breadcrumbs: one query each, whatever the size of the tree."""

from django import template
from wagtail.models import Site

from home import text as text_helpers
from home.layout import layout_version as read_layout_version
from home.pages import site_pages

register = template.Library()


@register.simple_tag
def layout_version():
    """What the layout's cached fragments are keyed on (home.layout)."""
    return read_layout_version()


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def menu_items(root):
    """The main menu: the home page's live, public children marked "show in menus"."""
    pages = (
        site_pages()
        .child_of(root)
        .live()
        .public()
        .in_menu()
        .only("id", "title", "path", "url_path")
    )
    return [
        {"pk": page.pk, "title": page.title, "path": page.path, "url": page.get_url()}
        for page in pages
    ]


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context, current_page=None):
    current_page = current_page or None  # views without a page pass ""
    root = site_root(context)
    current_path = current_page.path if current_page else ""
    items = [
        {
            **item,
            "is_current": current_page is not None and current_page.pk == item["pk"],
            "in_section": current_path.startswith(item["path"]),
        }
        for item in (menu_items(root) if root else [])
    ]
    is_home = current_page is not None and root is not None and current_page.pk == root.pk
    return {
        "root": root,
        "items": items,
        "is_home": is_home,
        # The header's search field keeps the query on the results page.
        "search_query": context.get("search_query", ""),
        "show_search": not context.get("is_search_page", False),
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    # Depth 1 is Wagtail's invisible root; the site's home page is depth 2.
    if not page or page.depth <= 2:
        return {"ancestors": [], "page": page}
    request = context.get("request")
    # url_path too: get_url reads it, and a deferred url_path costs a query per ancestor.
    ancestors = (
        page.get_ancestors().filter(depth__gt=1).only("id", "title", "depth", "path", "url_path")
    )
    return {
        "ancestors": [
            {"title": a.title, "url": a.get_url(request), "depth": a.depth} for a in ancestors
        ],
        "page": page,
    }


@register.filter
def excerpt(text, limit=200):
    """A summary cut at a sentence or a word boundary (home.text.excerpt)."""
    return text_helpers.excerpt(text, int(limit))


@register.filter
def possessive(name):
    """ "Horsens" -> "Horsens'", "Kolding" -> "Koldings" (home.text.possessive)."""
    return text_helpers.possessive(name)
