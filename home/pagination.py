"""Long listings are split into pages of ?side=N, the same parameter everywhere on the site."""

from django.core.paginator import Paginator

PAGE_PARAMETER = "side"


def paginate(request, items, per_page):
    """The page of `items` the reader asked for. Anything that is not a page number gives the
    first page and a number past the end the last, never an error: the links are shared and
    bookmarked, and a listing that shrank must still answer."""
    return Paginator(items, per_page).get_page(request.GET.get(PAGE_PARAMETER))
