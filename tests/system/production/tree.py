"""The production area's page tree: the shared one (tests.factories.build_page_tree) as the
only site. Its listings grow with tests.queries.add_listing_children."""

from wagtail.models import Page

from home.models import HomePage
from tests.factories import build_page_tree


def build_tree():
    """The shared tree, and no other page under the root."""
    for page in Page.get_first_root_node().get_children():
        # Wagtail's welcome page (the migrations add it) would otherwise hold the site.
        if not isinstance(page.specific, HomePage):
            page.delete()
    return build_page_tree()
