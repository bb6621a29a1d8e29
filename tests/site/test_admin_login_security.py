"""Admin login: failed attempts locked out per user name and per address (django-axes), the
Danish lock-out page, unlocking, and the TOTP second factor for those who may see requests."""

from io import StringIO

import pytest
from axes.models import AccessFailureLog
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "Rigtig-adgangskode-42"  # noqa: S105 - a test user's password


@pytest.fixture
def login_security(settings):
    settings.AXES_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.ADMIN_TWO_FACTOR_REQUIRED = True
    return settings


def prevention_user(name="dks"):
    group, _ = Group.objects.get_or_create(name="Forebyggelse")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_projectrequest"),
        Permission.objects.get(codename="view_all_projectrequests"),
    )
    user = User.objects.create_user(name, f"{name}@example.dk", PASSWORD)
    user.groups.add(group)
    return user


def editor_user():
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = User.objects.create_user("redaktoer", "redaktoer@example.dk", PASSWORD)
    user.groups.add(group)
    return user


def log_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_lock_the_user_out_even_with_the_right_one(client, login_security):
    prevention_user()
    for _attempt in range(30):
        log_in(client, "dks", "forkert")
    refused = log_in(client, "dks", PASSWORD)
    assert not logged_in(client)
    assert refused.status_code == 429
    assert "Log ind er spærret" in refused.content.decode()
    assert '<html lang="da"' in refused.content.decode()


def test_the_lock_is_per_user_name_from_any_address(client, login_security):
    prevention_user()
    for number in range(login_security.AXES_FAILURE_LIMIT):
        log_in(client, "dks", "forkert", REMOTE_ADDR=f"10.0.0.{number + 1}")
    log_in(client, "dks", PASSWORD, REMOTE_ADDR="10.0.1.1")
    assert not logged_in(client)


def test_the_lock_is_per_client_address_behind_the_trusted_proxy(client, login_security):
    login_security.TRUSTED_PROXY_COUNT = 1
    prevention_user()
    for number in range(login_security.AXES_FAILURE_LIMIT):
        log_in(client, f"gaet{number}", "forkert", HTTP_X_FORWARDED_FOR="198.51.100.7")
    log_in(client, "dks", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert not logged_in(client), "the attacker's address is locked"
    # Another citizen behind the same proxy (same REMOTE_ADDR) is not.
    log_in(client, "dks", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert logged_in(client)


def test_failed_logins_are_logged(client, login_security, caplog):
    prevention_user()
    with caplog.at_level("WARNING", logger="axes"):
        log_in(client, "dks", "forkert")
    # The log line masks the name and address (axes' AXES_SENSITIVE_PARAMETERS); the record an
    # administrator reads in the database keeps them.
    assert any("login failure" in record.getMessage() for record in caplog.records)
    assert AccessFailureLog.objects.filter(username="dks", path_info=LOGIN).exists()


def test_an_administrator_unlocks_with_a_management_command(client, login_security):
    prevention_user()
    for _attempt in range(login_security.AXES_FAILURE_LIMIT):
        log_in(client, "dks", "forkert")
    call_command("axes_reset_username", "dks", stdout=StringIO())
    log_in(client, "dks", PASSWORD)
    assert logged_in(client)


def test_prevention_staff_without_a_device_are_sent_to_enrolment(client, login_security):
    client.force_login(prevention_user())
    for url in ("/admin/", "/admin/henvendelser/", "/admin/pages/", "/admin/reports/site-history/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/totp/tilmeld/"), url
    enrolment = client.get("/admin/totp/tilmeld/")
    assert enrolment.status_code == 200
    html = enrolment.content.decode()
    assert "<svg" in html and "Tilmeld en autentificeringsapp" in html


def test_enrolment_with_the_apps_first_code_opens_the_admin(client, login_security):
    user = prevention_user()
    client.force_login(user)
    client.get("/admin/totp/tilmeld/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/admin/totp/tilmeld/", {"otp_token": "000000", "next": "/admin/"})
    assert "Koden er forkert" in wrong.content.decode()
    # django-otp delays the next try after a wrong code; the test does not wait for it.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(
        "/admin/totp/tilmeld/", {"otp_token": f"{totp(device.bin_key):06d}", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/henvendelser/").status_code == 200


def test_a_user_with_a_device_must_give_a_code_after_the_password(client, login_security):
    user = prevention_user()
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    log_in(client, "dks", PASSWORD)
    assert logged_in(client)
    blocked = client.get("/admin/henvendelser/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/admin/totp/?next=")
    assert client.post("/admin/totp/", {"otp_token": "123456"}).status_code == 200
    assert client.get("/admin/henvendelser/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    token = f"{totp(device.bin_key):06d}"
    verified = client.post("/admin/totp/", {"otp_token": token, "next": "https://evil.example/"})
    assert verified["Location"] == "/admin/"
    assert client.get("/admin/henvendelser/").status_code == 200


def test_superusers_need_the_second_factor_too(client, login_security):
    client.force_login(User.objects.create_superuser("admin", "a@example.dk", PASSWORD))
    assert client.get("/admin/").status_code == 302


def test_communications_editors_log_in_with_the_password(client, login_security):
    editor_user()
    log_in(client, "redaktoer", PASSWORD)
    assert client.get("/admin/").status_code == 200
