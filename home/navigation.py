"""The pages the layout links to (NavigationSettings), read once per request in one query."""

from types import SimpleNamespace

from home.models import NavigationSettings
from home.pages import site_pages

CHOSEN_PAGES = ("request_page", "privacy_page", "accessibility_page")


def navigation_pages(request):
    """The chosen pages that are live and public; a page since unpublished is left out.
    Kept on the request, so the header, footer and page share one lookup."""
    pages = getattr(request, "navigation_pages", None)
    if pages is None:
        pages = request.navigation_pages = read_navigation_pages(request)
    return pages


def read_navigation_pages(request):
    navigation = NavigationSettings.for_request(request)
    footer_ids = [item["value"] for item in navigation.footer_links.raw_data if item.get("value")]
    chosen_ids = [getattr(navigation, f"{name}_id") for name in CHOSEN_PAGES]
    wanted = {pk for pk in [*chosen_ids, *footer_ids] if pk}
    pages = (
        {page.pk: page for page in site_pages().filter(pk__in=wanted).live().public()}
        if wanted
        else {}
    )
    return SimpleNamespace(
        **{name: pages.get(pk) for name, pk in zip(CHOSEN_PAGES, chosen_ids, strict=True)},
        footer_links=[pages[pk] for pk in footer_ids if pk in pages],
    )
