"""Storing requests for the Trygheds- og Indbrudsprojekt and telling people about them.

The request is saved (in its own transaction) before any e-mail is sent; sending never raises:
a failure is logged and the request keeps notification_sent_at or receipt_sent_at = NULL for
`manage.py send_unsent_request_notifications` to retry (receipts only for
PROJECT_REQUEST_RECEIPT_RETRY_DAYS after the request arrived).
"""

import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import DatabaseError, IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from home.models import ContactSettings
from project_requests.models import ProjectRequest, ProjectRequestCounter, ProjectRequestPage

logger = logging.getLogger(__name__)

REFERENCE_PREFIX = "TIP"
TOKEN_SALT = "project_requests.project-request.token"  # noqa: S105 - a signing salt, not a secret
RECEIPT_SALT = "project_requests.project-request.receipt"


# -- reference numbers and idempotent creation ----------------------------------------------


def next_reference(year):
    """The next reference number of the year. Must run inside a transaction: the counter row
    stays locked until it commits, so two requests can never get the same number."""
    ProjectRequestCounter.objects.bulk_create(
        [ProjectRequestCounter(year=year, last_number=0)], ignore_conflicts=True
    )
    counter = ProjectRequestCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{REFERENCE_PREFIX}-{year}-{counter.last_number:04d}"


def create_request(instance):
    """Store a new request with its reference number; returns (request, created).

    A second submission with the same token (a double click, the browser resending the form)
    returns the request stored by the first one instead of creating another.
    """
    token = instance.submission_token
    if token:
        existing = ProjectRequest.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            instance.created_at = timezone.now()
            instance.reference = next_reference(timezone.localtime(instance.created_at).year)
            instance.save()
    except IntegrityError:
        # A concurrent submission with the same token won the race: show its receipt.
        existing = ProjectRequest.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        instance.pk = None
        return existing, False
    return instance, True


# -- one-time form tokens and receipt links -------------------------------------------------


def new_submission_token():
    return signing.Signer(salt=TOKEN_SALT).sign(secrets.token_urlsafe(24))


def submission_token_is_valid(token):
    try:
        signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature:
        return False
    return True


def receipt_code(project_request):
    """The signed reference in the receipt URL: the same request always gets the same URL (a
    resubmitted form shows the same receipt), and nobody can guess another request's."""
    return signing.Signer(salt=RECEIPT_SALT).sign(project_request.reference)


def request_for_receipt_code(code):
    try:
        reference = signing.Signer(salt=RECEIPT_SALT).unsign(code)
    except signing.BadSignature:
        return None
    return ProjectRequest.objects.filter(reference=reference).select_related("municipality").first()


# -- rate limit -----------------------------------------------------------------------------


def rate_limit():
    """(submissions, seconds) allowed per client IP address."""
    return getattr(settings, "PROJECT_REQUEST_RATE_LIMIT", (5, 600))


def client_ip(request):
    """The sender's address. Behind TRUSTED_PROXY_COUNT proxies (a TLS proxy and Varnish) it is
    the one the first of them added to X-Forwarded-For; anything to its left the client wrote
    itself and is not believed. Without proxies, REMOTE_ADDR."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_key(request):
    return f"project-request-rate:{client_ip(request)}"


def is_rate_limited(request):
    limit, _seconds = rate_limit()
    return (cache.get(rate_limit_key(request)) or 0) >= limit


def count_submission(request):
    _limit, seconds = rate_limit()
    key = rate_limit_key(request)
    if not cache.add(key, 1, timeout=seconds):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=seconds)


# -- e-mail ---------------------------------------------------------------------------------


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def notification_recipient(project_request):
    """The municipality's prevention contact, else the DKS address in the contact settings."""
    if project_request.municipality.prevention_contact_email:
        return project_request.municipality.prevention_contact_email
    site = default_site()
    if site is not None:
        return ContactSettings.for_site(site).prevention_email
    return ""


def email_context(project_request, page=None):
    site = default_site()
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return {
        "request": project_request,
        "page": page,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "admin_url": base_url
        + reverse(ProjectRequest.snippet_viewset.get_url_name("edit"), args=[project_request.pk]),
        "privacy_url": f"{base_url}/privatliv/",
        "site": site,
    }


def mark_sent(project_request, field_name, what):
    """Record that an e-mail went out. Never raises: the e-mail is sent, and the database may
    be gone by now; unrecorded, the retry command sends it a second time, which is better than
    never."""
    try:
        ProjectRequest.objects.filter(pk=project_request.pk).update(**{field_name: timezone.now()})
        project_request.refresh_from_db(fields=[field_name])
    except DatabaseError:
        logger.exception(
            "The %s for %s was sent but could not be recorded; "
            "send_unsent_request_notifications will send it again.",
            what,
            project_request.reference,
        )


def send_receipt(project_request, page=None):
    """The receipt to the sender. Sets receipt_sent_at when sent; a failure is logged, never
    raised, and leaves receipt_sent_at NULL."""
    if not project_request.email:
        # Anonymised (the form requires an address): there is nobody to send it to.
        logger.warning("No e-mail address for the receipt for %s.", project_request.reference)
        return False
    try:
        # Inside the try: building the message reads the database, which may be gone by now
        # (the request is already committed).
        context = email_context(project_request, page)
        context["receipt_url"] = receipt_page_url(project_request, page)
        message = EmailMessage(
            subject=f"Kvittering: henvendelse {project_request.reference} om "
            "Trygheds- og Indbrudsprojektet",
            body=render_to_string("project_requests/emails/request_receipt.txt", context),
            to=[project_request.email],
        )
        message.send()
    except Exception:
        logger.exception("Could not send the receipt for %s", project_request.reference)
        return False
    mark_sent(project_request, "receipt_sent_at", "receipt")
    return True


def send_notification(project_request):
    """The notification to the municipality (or DKS). Sets notification_sent_at when sent;
    a failure is logged, never raised, and leaves notification_sent_at NULL."""
    try:
        # The recipient and the context come from the database, which may be gone by now.
        recipient = notification_recipient(project_request)
        if not recipient:
            logger.error(
                "No recipient for the notification about %s: the municipality has no "
                "prevention contact and the contact settings have no prevention e-mail.",
                project_request.reference,
            )
            return False
        context = email_context(project_request)
        message = EmailMessage(
            subject=f"Ny henvendelse {project_request.reference}: "
            f"{project_request.association_name} ({project_request.municipality.name})",
            body=render_to_string("project_requests/emails/request_notification.txt", context),
            to=[recipient],
            reply_to=[project_request.email] if project_request.email else None,
        )
        message.send()
    except Exception:
        logger.exception("Could not send the notification about %s", project_request.reference)
        return False
    mark_sent(project_request, "notification_sent_at", "notification")
    return True


def receipt_page_url(project_request, page=None):
    """The absolute address of the request's receipt, which shows its current status."""
    page = page or ProjectRequestPage.objects.live().first()
    if page is None:
        return ""
    return f"{page.full_url}?kvittering={receipt_code(project_request)}"


def send_status_update(project_request, status_change):
    """Tell the sender that the staff changed the request's status: the reference number, the
    new status and the link to the receipt. Never the internal notes. Sent after the change is
    committed; a failure is logged, never raised (the change itself stands)."""
    if not project_request.email:
        return False
    try:
        context = email_context(project_request)
        context.update(status_change=status_change, receipt_url=receipt_page_url(project_request))
        message = EmailMessage(
            subject=f"Ny status for henvendelse {project_request.reference}: "
            f"{status_change.get_new_status_display()}",
            body=render_to_string("project_requests/emails/request_status_update.txt", context),
            to=[project_request.email],
        )
        message.send()
    except Exception:
        logger.exception("Could not send the status update for %s", project_request.reference)
        return False
    return True


def unsent_notifications():
    """Notifications to retry; an anonymised request's is not sent any more."""
    return (
        ProjectRequest.objects.filter(notification_sent_at__isnull=True, anonymised_at=None)
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


def unsent_receipts(now=None):
    """Receipts to retry: only for requests from the last PROJECT_REQUEST_RECEIPT_RETRY_DAYS
    days, and only where there still is an address to send to (anonymisation blanks it)."""
    days = getattr(settings, "PROJECT_REQUEST_RECEIPT_RETRY_DAYS", 7)
    since = (now or timezone.now()) - timedelta(days=days)
    return (
        ProjectRequest.objects.filter(
            receipt_sent_at__isnull=True, anonymised_at=None, created_at__gte=since
        )
        .exclude(email="")
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


# -- who sees which requests in the admin ---------------------------------------------------


def requests_visible_to(user, queryset=None):
    queryset = ProjectRequest.objects.all() if queryset is None else queryset
    if not user.is_active:
        return queryset.none()
    if user.is_superuser or user.has_perm("project_requests.view_all_projectrequests"):
        return queryset
    return queryset.filter(municipality__prevention_groups__group__user=user).distinct()


def user_can_see_request(user, project_request):
    return requests_visible_to(user).filter(pk=project_request.pk).exists()
