"""Admin extensions for the editorial work: the review report and the content checks."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy

from editorial.views import ReviewDueReportView


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/sider-til-gennemgang/",
            ReviewDueReportView.as_view(),
            name="editorial_review_due",
        ),
        path(
            "reports/sider-til-gennemgang/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="editorial_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewDueMenuItem(
        "Sider til gennemgang",
        reverse("editorial_review_due"),
        name="sider-til-gennemgang",
        icon_name="time",
        order=750,
    )
