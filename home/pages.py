"""Pages as a reader may see them: the view-restriction filter in one SQL condition, and the
lookup of the pages an editor chose."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


class SitePageQuerySet(PageQuerySet):
    """Wagtail's PageQuerySet, with public() and private() as one SQL condition.

    Wagtail reads every view restriction in a query of its own each time public() is called
    (two to eight times on a page of this site); here the restriction lookup is a subquery of
    the page query itself. The same pages: a page is private when a restriction is on it or on
    an ancestor, that is on a page whose path begins the page's own path.
    """

    def private_q(self):
        return Q(
            Exists(
                PageViewRestriction.objects.filter(
                    page__path=Substr(OuterRef("path"), 1, Length("page__path"))
                )
            )
        )


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def site_pages():
    """Pages of every type, with the site's public()."""
    return SitePageQuerySet(Page)


def live_pages_in_order(page_ids, page_model=Page):
    """The live, public pages among `page_ids`, specific, in the order given, in one query.
    A chosen page since unpublished or restricted is left out."""
    page_ids = [pk for pk in page_ids if pk]
    if not page_ids:
        return []
    queryset = site_pages() if page_model is Page else page_model.objects
    found = queryset.filter(pk__in=page_ids).live().public().defer_streamfields()
    pages = {page.pk: page for page in specific_pages(found, page_model)}
    return [pages[pk] for pk in page_ids if pk in pages]


def specific_pages(pages, page_model):
    """`pages` as their specific types: specific() for pages of any type; a query of one page
    type gives its rows already, where specific() would read them a second time."""
    return pages.specific() if page_model is Page else pages
