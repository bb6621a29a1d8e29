"""The site's own answers to what Django and Wagtail would answer in English or outside the
site's layout: the CSRF failure (the request form shown again with what was typed), and the
view-restriction password form's target."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page
from wagtail.views import authenticate_with_password as wagtail_authenticate_with_password

from project_requests.models import ProjectRequestPage
from project_requests.views import render_form_after_csrf_failure


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW. Django's reason is for developers; the reader gets Danish."""
    if request.method == "POST":
        page = Page.find_for_request(request, request.path)
        if page is not None and isinstance(page.specific, ProjectRequestPage):
            return render_form_after_csrf_failure(page.specific, request)
    return TemplateResponse(request, "403_csrf.html", status=403)


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form, but an unsafe return address (another site) leads to the
    restricted page itself instead of LOGIN_REDIRECT_URL."""
    if request.method == "POST":
        return_url = request.POST.get("return_url", "")
        if not url_has_allowed_host_and_scheme(
            return_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            page = get_object_or_404(Page, id=page_id)
            request.POST = request.POST.copy()
            request.POST["return_url"] = page.get_url(request) or "/"
    return wagtail_authenticate_with_password(request, page_view_restriction_id, page_id)
