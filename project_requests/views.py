"""GET/POST handling of the Trygheds- og Indbrudsprojekt page (ProjectRequestPage.serve).

GET shows the page and an empty form; POST stores the request (once, however often the form is
sent) and redirects to the receipt (?kvittering=<signed reference>). Works without JavaScript.
"""

import logging

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse

from home.navigation import navigation_pages
from municipalities.models import MunicipalityPage
from project_requests.forms import ProjectRequestForm
from project_requests.services import (
    count_submission,
    create_request,
    is_rate_limited,
    new_submission_token,
    rate_limit,
    receipt_code,
    request_for_receipt_code,
    send_notification,
    send_receipt,
)

logger = logging.getLogger(__name__)

RECEIPT_PARAMETER = "kvittering"


def privacy_url(request):
    privacy_page = navigation_pages(request).privacy_page
    return privacy_page.get_url(request) if privacy_page else None


def render_page(page, request, context, status=200):
    full_context = page.get_context(request)
    full_context.update(context)
    return TemplateResponse(request, page.get_template(request), full_context, status=status)


def initial_data(request):
    initial = {"submission_token": new_submission_token()}
    slug = request.GET.get("kommune", "").strip()
    if slug:
        municipality = MunicipalityPage.objects.live().filter(slug=slug).first()
        if municipality is not None:
            initial["municipality"] = municipality.pk
    return initial


def serve_project_request_page(page, request, *args, **kwargs):
    if request.method == "POST":
        return handle_post(page, request)
    code = request.GET.get(RECEIPT_PARAMETER)
    if code is not None:
        project_request = request_for_receipt_code(code)
        return render_page(
            page,
            request,
            {"receipt": True, "project_request": project_request},
            status=200 if project_request else 404,
        )
    return render_page(
        page,
        request,
        {
            "form": ProjectRequestForm(
                initial=initial_data(request), privacy_url=privacy_url(request)
            )
        },
    )


def handle_post(page, request):
    if is_rate_limited(request):
        limit, seconds = rate_limit()
        return render_page(
            page,
            request,
            {"rate_limited": True, "limit": limit, "minutes": seconds // 60},
            status=429,
        )
    form = ProjectRequestForm(request.POST, privacy_url=privacy_url(request))
    if not form.is_valid():
        if "submission_token" in form.errors:
            # A missing or tampered token: give the re-rendered form a fresh, valid one.
            data = request.POST.copy()
            data["submission_token"] = new_submission_token()
            errors = form.errors
            form = ProjectRequestForm(data, privacy_url=privacy_url(request))
            form.is_valid()
            form._errors = errors
        return render_page(page, request, {"form": form})
    if form.is_spam:
        count_submission(request)
        logger.info("Discarded a request with the honeypot field filled in.")
        return render_page(page, request, {"receipt": True, "project_request": None})

    project_request, created = create_request(form.save(commit=False))
    # Before the e-mails: from the commit on, the sender must get the receipt even when the
    # database goes away meanwhile.
    receipt_url = f"{page.url}?{RECEIPT_PARAMETER}={receipt_code(project_request)}"
    if created:
        count_submission(request)
        # The request is committed; e-mail failures are logged and never reach the sender.
        send_receipt(project_request, page)
        send_notification(project_request)
    return HttpResponseRedirect(receipt_url)


CSRF_FAILED_MESSAGE = (
    "Formularen er ikke sendt, fordi siden havde været åben for længe, eller din browser ikke "
    "tillader cookies fra siden. Det, du skrev, står herunder: send formularen igen."
)


def render_form_after_csrf_failure(page, request):
    """The form again, with what was typed and a fresh token, when Django's CSRF check refused
    the POST (kredsraad_site.views.csrf_failure); nothing is stored."""
    data = request.POST.copy()
    data["submission_token"] = new_submission_token()
    form = ProjectRequestForm(data=data, privacy_url=privacy_url(request))
    form.add_error(None, CSRF_FAILED_MESSAGE)
    return render_page(page, request, {"form": form}, status=403)
