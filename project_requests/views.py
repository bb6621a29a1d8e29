"""GET/POST handling of the Trygheds- og Indbrudsprojekt page (ProjectRequestPage.serve).

GET shows the page and an empty form; POST stores the request (once, however often the form is
sent) and redirects to the receipt (?kvittering=<signed, timestamped reference>). Works without
JavaScript.
"""

import logging

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control

from home.navigation import navigation_pages
from municipalities.models import MunicipalityPage
from project_requests.forms import ProjectRequestForm
from project_requests.services import (
    ReceiptLinkExpired,
    create_request,
    new_submission_token,
    rate_limit,
    receipt_code,
    receipt_link_days,
    release_submission,
    request_for_receipt_code,
    request_for_token,
    reserve_submission,
    same_submission,
    send_notification,
    send_receipt,
)

logger = logging.getLogger(__name__)

RECEIPT_PARAMETER = "kvittering"
RESUBMITTED_WITH_OTHER_DATA = (
    "Formularen er allerede sendt én gang med andre oplysninger, så den er ikke sendt igen. "
    "Tjek oplysningerne nedenfor, og send formularen, hvis I vil sende en ny henvendelse."
)


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
        return render_receipt(page, request, code)
    return render_page(
        page,
        request,
        {
            "form": ProjectRequestForm(
                initial=initial_data(request), privacy_url=privacy_url(request)
            )
        },
    )


def render_receipt(page, request, code):
    """The receipt names the association: never kept by a browser's or a shared cache."""
    context = {"receipt": True, "project_request": None}
    try:
        context["project_request"] = request_for_receipt_code(code)
        status = 200 if context["project_request"] else 404
    except ReceiptLinkExpired:
        context.update(receipt_expired=True, receipt_link_days=receipt_link_days())
        status = 410
    response = render_page(page, request, context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    return response


def redirect_to_receipt(page, project_request):
    return HttpResponseRedirect(f"{page.url}?{RECEIPT_PARAMETER}={receipt_code(project_request)}")


def form_with_fresh_token(page, request, errors=None, message=None):
    """The form again with what was typed and a new, unused token."""
    data = request.POST.copy()
    data["submission_token"] = new_submission_token()
    form = ProjectRequestForm(data, privacy_url=privacy_url(request))
    form.is_valid()
    if errors is not None:
        form._errors = errors
    if message:
        form.add_error(None, message)
    return render_page(page, request, {"form": form})


def handle_post(page, request):
    form = ProjectRequestForm(request.POST, privacy_url=privacy_url(request))
    # A form sent again (a double click, a reload) is answered before the rate limit: it stores
    # nothing new. Only with the values that were stored, though: another visitor holding the
    # token, or a changed form, gets the form back instead of someone's receipt.
    stored = request_for_token(request.POST.get("submission_token", ""))
    if stored is not None:
        if form.is_valid() and same_submission(stored, form.save(commit=False)):
            return redirect_to_receipt(page, stored)
        return form_with_fresh_token(page, request, message=RESUBMITTED_WITH_OTHER_DATA)

    if not reserve_submission(request):
        limit, seconds = rate_limit()
        return render_page(
            page,
            request,
            {"rate_limited": True, "limit": limit, "minutes": seconds // 60},
            status=429,
        )
    if not form.is_valid():
        release_submission(request)
        if "submission_token" in form.errors:
            # A missing or tampered token: give the re-rendered form a fresh, valid one.
            return form_with_fresh_token(page, request, errors=form.errors)
        return render_page(page, request, {"form": form})
    if form.is_spam:
        logger.info("Discarded a request with the honeypot field filled in.")
        return render_page(page, request, {"receipt": True, "project_request": None})

    submitted = form.save(commit=False)
    try:
        project_request, created = create_request(submitted)
    except Exception:
        release_submission(request)
        raise
    if not created:
        # A parallel submission of the same form stored it first.
        release_submission(request)
        if not same_submission(project_request, submitted):
            return form_with_fresh_token(page, request, message=RESUBMITTED_WITH_OTHER_DATA)
        return redirect_to_receipt(page, project_request)
    # The redirect is built before the e-mails: from the commit on, the sender must get the
    # receipt even when the database goes away meanwhile.
    response = redirect_to_receipt(page, project_request)
    # The request is committed; e-mail failures are logged and never reach the sender.
    send_receipt(project_request, page)
    send_notification(project_request)
    return response


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
