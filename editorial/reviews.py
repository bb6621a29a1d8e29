"""Pages due for review: every page type with ReviewedContentMixin (advice, focus areas,
municipality pages, the project page)."""

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.models import ReviewedContentMixin


def reviewed_page_models():
    """The concrete page models that carry review dates, whichever app defines them."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, ReviewedContentMixin)
    ]


def pages_due_for_review(today=None, queryset_filter=None):
    """Every reviewed page whose review date has come, the longest overdue first.

    The due date depends on each page's own interval, so it is computed per page rather than in
    the database; there are tens of such pages, not thousands.
    """
    today = today or timezone.localdate()
    due = []
    for model in reviewed_page_models():
        pages = model.objects.live().select_related("owner")
        if queryset_filter is not None:
            pages = pages.filter(queryset_filter)
        due.extend(page for page in pages if page.review_is_due(today))
    return sorted(due, key=lambda page: (page.next_review_due, page.path))


def pages_due_for_review_by(user, today=None):
    """The due pages this user can edit: what the report and the dashboard show them."""
    pages = pages_due_for_review(today)
    editable_ids = set(
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .filter(pk__in=[page.pk for page in pages])
        .values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk in editable_ids]
