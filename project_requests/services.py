"""Storing requests for the Trygheds- og Indbrudsprojekt and telling people about them.

The request is saved (in its own transaction) before any e-mail is sent; sending never raises:
a failure is logged and the request keeps notification_sent_at or receipt_sent_at = NULL for
`manage.py send_unsent_request_notifications` to retry (receipts only for
PROJECT_REQUEST_RECEIPT_RETRY_DAYS after the request arrived). An e-mail that can never be sent
(is_permanent) is marked notification_failed_at / receipt_failed_at instead and not retried.
"""

import contextlib
import logging
import re
import secrets
import smtplib
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
from project_requests.models import (
    ProjectRequest,
    ProjectRequestCounter,
    ProjectRequestPage,
    requests_visible_to,
)

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


class ReceiptLinkExpired(Exception):
    """A genuine receipt link older than PROJECT_REQUEST_RECEIPT_LINK_DAYS."""


def receipt_link_days():
    return getattr(settings, "PROJECT_REQUEST_RECEIPT_LINK_DAYS", 30)


class ReceiptSigner(signing.TimestampSigner):
    """A TimestampSigner whose time is the request's arrival rather than now: the same request
    always gets the same link (a form sent again lands on the same receipt), and the link stops
    working PROJECT_REQUEST_RECEIPT_LINK_DAYS after the request arrived. unsign(max_age=…) is
    TimestampSigner's own."""

    def __init__(self):
        super().__init__(salt=RECEIPT_SALT)

    def sign_at(self, value, moment):
        stamped = f"{value}{self.sep}{signing.b62_encode(int(moment.timestamp()))}"
        return signing.Signer.sign(self, stamped)


def receipt_code(project_request):
    """The signed, timestamped reference in the receipt URL: nobody can guess another request's,
    and it expires (it names the association)."""
    return ReceiptSigner().sign_at(project_request.reference, project_request.created_at)


def request_for_receipt_code(code):
    """The request a receipt link names, or None for a forged or unknown one; raises
    ReceiptLinkExpired for a genuine link that is too old."""
    try:
        reference = ReceiptSigner().unsign(code, max_age=timedelta(days=receipt_link_days()))
    except signing.SignatureExpired:
        raise ReceiptLinkExpired from None
    except signing.BadSignature:
        return None
    return ProjectRequest.objects.filter(reference=reference).select_related("municipality").first()


def request_for_token(token):
    """The request already stored with this one-time form token, if any."""
    if not token or not submission_token_is_valid(token):
        return None
    return ProjectRequest.objects.filter(submission_token=token).first()


# What the sender typed, as stored: a token sent again with other values is another submission.
SUBMITTED_FIELDS = (
    "association_name",
    "contact_name",
    "email",
    "phone",
    "area",
    "postcode",
    "town",
    "municipality_id",
    "households",
    "wants_house_securing",
    "wants_safety_walk",
    "wants_neighbour_help",
    "preferred_period",
    "message",
)


def same_submission(stored, submitted):
    return all(getattr(stored, name) == getattr(submitted, name) for name in SUBMITTED_FIELDS)


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


def reserve_submission(request):
    """Count a submission against the sender's limit and say whether it is within it.

    One atomic step (cache.add creates the counter, cache.incr raises it: both atomic in Redis
    and in the local-memory cache), so parallel submissions can never all read the same count
    and all get through. A submission that ends up storing nothing gives its place back
    (release_submission). With the cache down (django-redis ignoring the error) it is let
    through: losing a request is worse than a missing limit."""
    limit, seconds = rate_limit()
    key = rate_limit_key(request)
    if cache.add(key, 1, timeout=seconds):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:
        # The counter expired between add and incr: this submission starts a new window.
        cache.add(key, 1, timeout=seconds)
        return limit >= 1
    return count is None or count <= limit


def release_submission(request):
    with contextlib.suppress(ValueError):  # the window is over anyway
        cache.decr(rate_limit_key(request))


# -- e-mail ---------------------------------------------------------------------------------


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def fallback_prevention_email():
    """The DKS address in the contact settings: it receives the requests of every municipality
    without a prevention contact of its own."""
    site = default_site()
    if site is not None:
        return ContactSettings.for_site(site).prevention_email
    return ""


def notification_recipient(project_request):
    """The municipality's prevention contact, else the DKS address in the contact settings."""
    if project_request.municipality.prevention_contact_email:
        return project_request.municipality.prevention_contact_email
    return fallback_prevention_email()


def municipalities_without_recipient(municipalities):
    """Those of the municipalities whose requests would reach nobody: no prevention contact of
    their own, and no DKS address to fall back on."""
    if fallback_prevention_email():
        return municipalities.none()
    return municipalities.filter(prevention_contact_email="")


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


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def header_text(value):
    """A value as one line of a mail header: any line break, tab or other control character
    (possible in rows stored before the form refused them) becomes a space, so building the
    subject can never raise BadHeaderError."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(value)).split())


def is_permanent(error):
    """Whether sending again can never help: a message Django refuses to build (a header with
    a line break, an address it cannot parse: ValueError, BadHeaderError among them) or a 5xx
    answer from the mail server. Connection trouble and 4xx answers are worth a retry."""
    if isinstance(error, ValueError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(
            code >= 500 for code, _message in error.recipients.values()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def mark(project_request, field_name, what):
    """Record that an e-mail went out (or can never go out). Never raises: the e-mail is sent,
    and the database may be gone by now; unrecorded, the retry command sends it a second time,
    which is better than never."""
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


def record_failure(error, project_request, failed_field, description):
    """Log a failed e-mail; mark it failed for good when sending again cannot help."""
    if not is_permanent(error):
        logger.exception("Could not send %s", description)
        return
    logger.error(
        "Could not send %s; it can never be sent (%s: %s) and is marked as failed, not retried.",
        description,
        type(error).__name__,
        error,
    )
    try:
        ProjectRequest.objects.filter(pk=project_request.pk).update(
            **{failed_field: timezone.now()}
        )
        project_request.refresh_from_db(fields=[failed_field])
    except DatabaseError:
        logger.exception("The failure of %s could not be recorded", description)


def send_receipt(project_request, page=None):
    """The receipt to the sender. Sets receipt_sent_at when sent. A failure is logged, never
    raised, and leaves receipt_sent_at NULL; a permanent one sets receipt_failed_at."""
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
            subject=header_text(
                f"Kvittering: henvendelse {project_request.reference} om "
                "Trygheds- og Indbrudsprojektet"
            ),
            body=render_to_string("project_requests/emails/request_receipt.txt", context),
            to=[project_request.email],
        )
        message.send()
    except Exception as error:
        record_failure(
            error,
            project_request,
            "receipt_failed_at",
            f"the receipt for {project_request.reference}",
        )
        return False
    mark(project_request, "receipt_sent_at", "receipt")
    return True


def send_notification(project_request):
    """The notification to the municipality (or DKS). Sets notification_sent_at when sent. A
    failure is logged, never raised, and leaves notification_sent_at NULL; a permanent one sets
    notification_failed_at."""
    try:
        # The recipient and the context come from the database, which may be gone by now.
        recipient = notification_recipient(project_request)
        if not recipient:
            logger.error(
                "Ingen modtager af beskeden om %s: kommunen har ingen forebyggelseskontakt, og "
                "kontaktoplysningerne har ingen e-mail til forebyggelse (DKS).",
                project_request.reference,
            )
            return False
        context = email_context(project_request)
        message = EmailMessage(
            subject=header_text(
                f"Ny henvendelse {project_request.reference}: "
                f"{project_request.association_name} ({project_request.municipality.name})"
            ),
            body=render_to_string("project_requests/emails/request_notification.txt", context),
            to=[recipient],
            reply_to=[project_request.email] if project_request.email else None,
        )
        message.send()
    except Exception as error:
        record_failure(
            error,
            project_request,
            "notification_failed_at",
            f"the notification about {project_request.reference}",
        )
        return False
    mark(project_request, "notification_sent_at", "notification")
    return True


def failed_notifications():
    """Notifications the mail server refused for good: not retried, but reported."""
    return ProjectRequest.objects.filter(
        notification_sent_at=None, notification_failed_at__isnull=False, anonymised_at=None
    ).order_by("created_at", "pk")


def failed_receipts():
    return ProjectRequest.objects.filter(
        receipt_sent_at=None, receipt_failed_at__isnull=False, anonymised_at=None
    ).order_by("created_at", "pk")


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
        ProjectRequest.objects.filter(
            notification_sent_at__isnull=True, notification_failed_at=None, anonymised_at=None
        )
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
            receipt_sent_at__isnull=True,
            receipt_failed_at=None,
            anonymised_at=None,
            created_at__gte=since,
        )
        .exclude(email="")
        .select_related("municipality")
        .order_by("created_at", "pk")
    )


# -- who sees which requests in the admin ---------------------------------------------------


def user_can_see_request(user, project_request):
    return requests_visible_to(user).filter(pk=project_request.pk).exists()
