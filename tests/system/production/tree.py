"""The production area's page tree: the shared one (tests.factories.build_page_tree) as the
only site, grown with the same bulk children the query counts are measured with
(tests.queries). Also used by the benchmarks (scripts/bench), which import build_tree,
add_children and public_urls from here."""

from wagtail.models import Page

from home.models import HomePage
from tests.factories import build_page_tree
from tests.queries import add_listing_children, public_urls

__all__ = ["add_children", "build_tree", "public_urls"]


def build_tree():
    """The shared tree, and no other page under the root."""
    for page in Page.get_first_root_node().get_children():
        # Wagtail's welcome page (the migrations add it) would otherwise hold the site.
        if not isinstance(page.specific, HomePage):
            page.delete()
    return build_page_tree()


def add_children(tree, count, start=0):
    """`count` more items in every listing of the tree (tests.queries.add_listing_children).

    `start` is accepted for the benchmarks, which grow the tree in two steps; the factories
    number the new pages themselves, so it changes nothing."""
    return add_listing_children(tree, count)
