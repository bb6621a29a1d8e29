"""Production: every deploy-time value comes from the environment, and the values without a
safe default are required (start-up fails naming the missing variable).

The exact list of variables is in README.md ("Deploy"). Several app servers can run these
settings side by side: they share PostgreSQL (DATABASE_URL), the search cluster
(ELASTICSEARCH_URL, configured in base.py), Redis (REDIS_URL: the cache behind sessions and rate
limits) and the media storage (MEDIA_ROOT on a shared volume); nothing is kept on the app
server itself. Pages are cached in front of them by Varnish (WAGTAILFRONTENDCACHE_LOCATION).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    LOG_FILTERS,
    LOG_LEVEL,
    MAIL_ADMINS_HANDLER,
    MIDDLEWARE,
    PROGRESS_LOGGERS,
    env_bool,
    env_list,
)


def required_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required_env("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = required_env("WAGTAILADMIN_BASE_URL")

# --- Database ---------------------------------------------------------------------------------
# base.py already builds DATABASES from DATABASE_URL; production has no SQLite fallback (a
# second app server could not share it), so the variable is required here. Connections are
# kept open between requests (CONN_MAX_AGE, 60 s unless set) and checked before reuse, so a
# restarted PostgreSQL costs the requests made while it is down and nothing after.
required_env("DATABASE_URL")
DATABASES = {
    "default": {
        **DATABASES["default"],  # noqa: F405
        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "60")),
        "CONN_HEALTH_CHECKS": True,
    }
}

# --- Cache and sessions -----------------------------------------------------------------------
# REDIS_URL: one Redis shared by all app servers holds the session cache and the request
# form's rate limit. Without it each process keeps its own local-memory cache (fine on one
# machine with one worker).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    _redis_timeout = float(os.environ.get("REDIS_TIMEOUT", "0.5"))
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kredsraad"),
            "OPTIONS": {
                # A Redis that is down must cost milliseconds, not the worker's timeout, and
                # answer "miss" instead of an error page.
                "SOCKET_CONNECT_TIMEOUT": _redis_timeout,
                "SOCKET_TIMEOUT": _redis_timeout,
                "IGNORE_EXCEPTIONS": True,
            },
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions are written to PostgreSQL and read through the cache: shared by every app server,
# and a lost Redis logs out nobody (Django's cached_db store logs cache errors and falls back
# to the database).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Static and media files -------------------------------------------------------------------
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# MEDIA_ROOT (base.py) must be a volume every app server mounts (NFS or similar) when more
# than one runs; media URLs are served by the front web server or the CDN, not by Django.
WHITENOISE_MAX_AGE = 60 * 60  # unhashed files; hashed ones are cached "forever" by whitenoise

# --- E-mail -----------------------------------------------------------------------------------
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if os.environ.get("DEFAULT_FROM_EMAIL"):
    DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ["DEFAULT_FROM_EMAIL"]

# --- Security ---------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer probes /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): the public pages load only their own scripts and
# styles (no inline script, no eval); the admin gets the relaxations Wagtail's admin needs from
# kredsraad_site.security.SiteCSPMiddleware. PERMISSIONS_POLICY switches off the browser features
# the site never uses (kredsraad_site.security.PermissionsPolicyMiddleware).
MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE[MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1 : 0] = [
    "kredsraad_site.security.SiteCSPMiddleware",
    "kredsraad_site.security.PermissionsPolicyMiddleware",
]
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405  (system checks for the CSP settings)
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        # data: for the design system's inline SVG icons; MEDIA_HOST when media come from a CDN.
        "img-src": [_SELF, "data:", *env_list("CSP_MEDIA_HOSTS")],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "frame-src": [_NONE],
        "media-src": [_SELF, *env_list("CSP_MEDIA_HOSTS")],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        "upgrade-insecure-requests": True,
    },
}

# --- Logging ----------------------------------------------------------------------------------
# One JSON object per line on stdout: the process manager or container runtime collects it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kredsraad_site.logging.JSONFormatter"}},
    "filters": LOG_FILTERS,
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "level": LOG_LEVEL,
        },
        # 500s also by mail to ADMINS (DJANGO_ADMINS), without typed personal data.
        "mail_admins": MAIL_ADMINS_HANDLER,
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        **PROGRESS_LOGGERS,
        # Request errors are logged once, with the traceback, by django.request.
        "django.server": {"level": "WARNING"},
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR"},
    },
}

# --- Error reporting --------------------------------------------------------------------------
# Sentry when SENTRY_DSN is set: no personal data (no user, cookies, form data or frame
# variables; kredsraad_site/error_reports.py).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk

    from kredsraad_site.error_reports import sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        include_local_variables=False,
        before_send=sentry_before_send,
        traces_sample_rate=0.0,
    )
