"""The admin report "Sider til gennemgang": published pages whose review date has come."""

from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from editorial.reviews import pages_due_for_review_by


class ReviewDueReportView(ReportView):
    model = Page
    page_title = "Sider til gennemgang"
    header_icon = "time"
    index_url_name = "editorial_review_due"
    index_results_url_name = "editorial_review_due_results"
    results_template_name = "editorial/review_due_results.html"
    paginate_by = 100
    # Editors of any page may open it; each sees only the pages they can edit.
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "full_url", "last_reviewed", "next_review_due", "owner_email"]
    export_headings = {
        "title": "Side",
        "full_url": "Adresse",
        "last_reviewed": "Sidst gennemgået",
        "next_review_due": "Skal gennemgås",
        "owner_email": "Ejer",
    }

    def get_filename(self):
        return "sider-til-gennemgang"

    def get_queryset(self):
        rows = pages_due_for_review_by(self.request.user)
        for page in rows:
            page.owner_email = page.owner.email if page.owner_id else ""
        return rows

    def filter_queryset(self, queryset):
        return queryset
