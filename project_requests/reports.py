"""The admin report "Ventende henvendelser": every open request the user may see, the one
that has waited longest first, with its age and whether its e-mails went out. The dashboard
shows the first few; this is the whole list, a page at a time."""

from django.utils import timezone
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from project_requests.dashboard import age_in_days, edit_url
from project_requests.models import ProjectRequest, requests_visible_to


class WaitingRequestsReportView(ReportView):
    model = ProjectRequest
    page_title = "Ventende henvendelser"
    header_icon = "mail"
    index_url_name = "project_requests_waiting"
    index_results_url_name = "project_requests_waiting_results"
    results_template_name = "project_requests/reports/waiting_results.html"
    paginate_by = 50
    permission_policy = ModelPermissionPolicy(ProjectRequest)
    any_permission_required = ["view"]
    # No spreadsheet export here: the requests listing has the export, with its safeguards.

    def get_queryset(self):
        return (
            requests_visible_to(self.request.user)
            .exclude(status__in=ProjectRequest.CLOSED_STATUSES)
            .select_related("municipality")
            .order_by("created_at", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for project_request in object_list:
            project_request.age_days = age_in_days(project_request.created_at, today)
            project_request.admin_url = edit_url(project_request)
        return object_list
