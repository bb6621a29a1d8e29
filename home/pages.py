"""Looking up the pages an editor chose, as a reader may see them."""

from wagtail.models import Page


def live_pages_in_order(page_ids, page_model=Page):
    """The live, public pages among `page_ids`, specific, in the order given, in one query.
    A chosen page since unpublished or restricted is left out."""
    page_ids = [pk for pk in page_ids if pk]
    if not page_ids:
        return []
    found = page_model.objects.filter(pk__in=page_ids).live().public().defer_streamfields()
    pages = {page.pk: page for page in specific_pages(found, page_model)}
    return [pages[pk] for pk in page_ids if pk in pages]


def specific_pages(pages, page_model):
    """`pages` as their specific types: specific() for pages of any type; a query of one page
    type gives its rows already, where specific() would read them a second time."""
    return pages.specific() if page_model is Page else pages
