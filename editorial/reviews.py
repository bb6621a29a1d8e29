"""Pages due for review: advice, focus areas and municipality pages (ReviewedContentMixin)."""

from django.utils import timezone

from focus.models import AdvicePage, FocusAreaPage
from municipalities.models import MunicipalityPage

REVIEWED_PAGE_MODELS = [AdvicePage, FocusAreaPage, MunicipalityPage]


def pages_due_for_review(today=None, queryset_filter=None):
    """Every reviewed page whose review date has come, the longest overdue first.

    The due date depends on each page's own interval, so it is computed per page rather than in
    the database; there are tens of such pages, not thousands.
    """
    today = today or timezone.localdate()
    due = []
    for model in REVIEWED_PAGE_MODELS:
        pages = model.objects.live().select_related("owner")
        if queryset_filter is not None:
            pages = pages.filter(queryset_filter)
        due.extend(page for page in pages if page.review_is_due(today))
    return sorted(due, key=lambda page: (page.next_review_due, page.path))
