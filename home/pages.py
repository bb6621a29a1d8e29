"""Looking up the pages an editor chose, as a reader may see them."""

from wagtail.models import Page


def live_pages_in_order(page_ids, page_model=Page):
    """The live, public pages among `page_ids`, specific, in the order given, in one query.
    A chosen page since unpublished or restricted is left out."""
    page_ids = [pk for pk in page_ids if pk]
    if not page_ids:
        return []
    pages = {
        page.pk: page
        for page in page_model.objects.filter(pk__in=page_ids)
        .live()
        .public()
        .specific()
        .defer_streamfields()
    }
    return [pages[pk] for pk in page_ids if pk in pages]
