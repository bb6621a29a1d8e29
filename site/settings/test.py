"""Test settings: the same stack as dev, fast password hashing, mail kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the finders (no collectstatic before the tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
# Tests see fresh renders; the page-cache tests switch it on (tests/production).
PAGE_CACHE_SECONDS = 0
# No process-local tier by default: `cache.clear()` in a test then empties the page cache too.
PAGE_CACHE_LOCAL_SECONDS = 0
# Tests hold one connection inside long-lived transactions (package-scoped fixtures); Django's
# per-request health check must not close it between requests.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = False  # noqa: F405
# Most tests log in with client.login(), which passes no request to authenticate() as django-axes
# needs, and use admin users without a TOTP device; the login-security tests switch both on
# (tests/site/test_admin_login_security.py).
AXES_ENABLED = False
# Wagtail's page test helpers log in with the first backend, which must be one that loads users;
# the login-security tests put django-axes's back in front.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "axes.backends.AxesStandaloneBackend",
]
ADMIN_TWO_FACTOR_REQUIRED = False
