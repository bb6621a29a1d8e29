"""The admin's second factor (TOTP through django-otp) and the client address django-axes
counts failed logins by.

Superusers and everybody who may see requests (their personal data) must, after the password,
give a code from an authenticator app before any admin URL answers; the first time they enrol
the app from a QR code. Other admin users (communications editors) log in with the password.
The session remembers the verified device (django_otp.login) until logout.
"""

import ipaddress
from base64 import b32encode
from io import BytesIO
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access

from project_requests.services import client_ip

# Anybody holding one of these may see requests' personal data.
REQUEST_PERMISSIONS = (
    "project_requests.view_projectrequest",
    "project_requests.view_all_projectrequests",
)
DEVICE_NAME = "Autentificeringsapp"


def login_client_ip(request):
    """The address axes counts failures by: the same one the request form's rate limit uses
    (the address the first trusted proxy saw, TRUSTED_PROXY_COUNT). None when there is none
    (a request built without REMOTE_ADDR): axes stores the address in an inet column on
    PostgreSQL, which refuses the rate limit's "unknown" key."""
    address = client_ip(request)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return None
    return address


def requires_two_factor(user):
    if not settings.ADMIN_TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(name) for name in REQUEST_PERMISSIONS)


def safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class TwoFactorRequiredMiddleware:
    """Every admin URL, for a user who needs the second factor and has not given it this
    session, answers with a redirect to the code (or, without an enrolled app, the enrolment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_home = reverse("wagtailadmin_home")
        if (
            request.path.startswith(admin_home)
            and requires_two_factor(request.user)
            and not request.user.is_verified()
            and request.path not in self.exempt_paths()
        ):
            target = "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def exempt_paths():
        return {
            reverse(name)
            for name in (
                "wagtailadmin_login",
                "wagtailadmin_logout",
                "two_factor_verify",
                "two_factor_setup",
            )
        }


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label="Kode fra autentificeringsappen",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": "Skriv den sekscifrede kode fra appen."},
    )

    def clean_otp_token(self):
        return self.cleaned_data["otp_token"].replace(" ", "")


WRONG_CODE = "Koden er forkert eller udløbet. Prøv med den nye kode, appen viser."


@never_cache
@require_admin_access
def verify(request):
    """The code after the password."""
    home = reverse("wagtailadmin_home")
    if not requires_two_factor(request.user) or request.user.is_verified():
        return redirect(safe_next(request, home))
    if not user_has_device(request.user):
        return redirect(reverse("two_factor_setup"))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["otp_token"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request, home))
        form.add_error("otp_token", WRONG_CODE)
    return render(
        request,
        "two_factor/verify.html",
        {"form": form, "next": safe_next(request, home)},
    )


def qr_code_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # The XML declaration cannot stand inside HTML.
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - generated by qrcode, no user input


@never_cache
@require_admin_access
def setup(request):
    """Enrolment: a new, unconfirmed TOTP device shown as a QR code, confirmed by its first
    code. Only for a user without a confirmed device (a lost phone is reset by an
    administrator, docs/security.md)."""
    home = reverse("wagtailadmin_home")
    if not requires_two_factor(request.user) or user_has_device(request.user):
        return redirect(reverse("two_factor_verify"))
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(safe_next(request, home))
        form.add_error("otp_token", WRONG_CODE)
    return render(
        request,
        "two_factor/setup.html",
        {
            "form": form,
            "next": safe_next(request, home),
            "qr_code": qr_code_svg(device.config_url),
            "secret": b32encode(device.bin_key).decode(),
        },
    )
