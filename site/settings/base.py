"""Settings shared by every environment.

Deploy-time values come from environment variables; the defaults here are the safe ones for
the embedded run (SQLite, Wagtail's database search, e-mail to the console). production.py
refuses to start without the values that have no safe default.
"""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    # First, so that its Danish moderation e-mail templates take precedence over Wagtail's
    # (whose Danish translation does not cover the workflow e-mails).
    "editorial",
    "home",
    "plans",
    "news",
    "focus",
    "municipalities",
    "project_requests",
    "search",
    "sitebuilder",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Wagtail's admin shows times with humanize's naturaltime ("for 2 sekunder siden"); listed so
    # that humanize's Danish catalogue is loaded.
    "django.contrib.humanize",
    # The public site's open data: sitemap.xml and the read-only API v2.
    "django.contrib.sitemaps",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    # Admin login: failed attempts counted and locked out (axes), a TOTP second factor
    # (django-otp) for everybody who can see requests' personal data (kredsraad_site.two_factor).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache-Control: public (with s-maxage for Varnish or a CDN) for what every reader gets the
    # same, private for anything personal (kredsraad_site/cache_control.py).
    "kredsraad_site.cache_control.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kredsraad_site.two_factor.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kredsraad_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "kredsraad_site.wsgi.application"

# DATABASE_URL selects PostgreSQL (postgres://user:pass@host:5432/name); without it the
# embedded run uses a SQLite file next to the project.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Write-ahead logging: readers do not wait for a writer, and a commit appends to the log
    # instead of syncing the database file (every search records its query, so that was a
    # sync per search). With WAL, synchronous=NORMAL cannot corrupt the file; a power cut can
    # lose the last commits, which the embedded default accepts (production is PostgreSQL).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
if DATABASE_IS_POSTGRES:
    # Needed by Wagtail's database search backend to use PostgreSQL full-text search.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out user name or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed admin logins are counted per user name and, separately, per client address (the one
# the first trusted proxy saw, as for the request form's rate limit: TRUSTED_PROXY_COUNT), and
# logged by axes (logger "axes"). AXES_FAILURE_LIMIT failures lock that name or address out for
# AXES_COOLOFF_HOURS; an administrator unlocks it sooner (docs/security.md).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "kredsraad_site.two_factor.login_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Its start-up banner would print on every manage.py command.
AXES_VERBOSE = False
# A second factor (TOTP) for superusers and everybody who can see requests; see
# kredsraad_site/two_factor.py. Only the dev and test settings may switch it off.
ADMIN_TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "Kredsrådet Sydøstjylland"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The public site and the admin are Danish.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
# Danish date formats ("1. januar 2017") come from Django's da locale; this folder only adds
# what the locale leaves out.
FORMAT_MODULE_PATH = ["kredsraad_site.formats"]
# Danish for what Wagtail's own Danish catalogue leaves in English or words oddly ("Gem kladde"
# for "Save draft"); looked up before the apps' catalogues. docs/admin-language.md.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Det Fælles Designsystem comes from npm (package.json): its fonts, icons and JavaScript are
# served as they are, under /static/dkfds/; its Sass is built with the site's theme into
# build/static/css/kredsraad.css by `npm run build` (make install). No design-system CSS is
# copied into the repository.
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    BASE_DIR / "build" / "static",
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# After /_util/login/ (private pages) with a missing or foreign `next`: the front page, not
# Django's /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "/"
# Danish pages in the site's layout instead of Django's and Wagtail's English ones.
CSRF_FAILURE_VIEW = "kredsraad_site.views.csrf_failure"
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "password_required.html"  # noqa: S105 - a template name

# Wagtail
WAGTAIL_SITE_NAME = "Kredsrådet Sydøstjylland"
# The read-only public API v2 (site/api.py) answers at most this many pages per request.
WAGTAILAPI_LIMIT_MAX = 100
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Slugs are ASCII with the Danish letters spelt out (home/slugs.py): no %C3%A5 in URLs, feeds and
# calendars.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# Search: Elasticsearch when ELASTICSEARCH_URL is set, otherwise Wagtail's database backend
# (PostgreSQL full-text search with the Danish configuration, or SQLite FTS5 without stemming).
# Wagtail 8 delegates both to the modelsearch package; wagtail.search.backends.elasticsearch9
# re-exports modelsearch.backends.elasticsearch9.

# Danish analysis for every text field (the index-wide "default" analyzer): lower case, compound
# parts, Danish stop words, Snowball Danish stemmer ("indbruddene" -> "indbrud"), then one token
# per word and position. The decompounder adds, at the compound's position, every word of the
# project's list (search/data/, made from the plans by `manage.py build_compound_words`) that it
# finds inside a longer word: "indbrudsprojektet" is also indexed as "indbrud" and "projektet",
# whatever linking letter joins them. The list is inline because the Elasticsearch server's
# config directory (word_list_path) is not the project's. Queries are analysed without the
# decompounder ("default_search"): a query for "tryghedsvandring" must not match every page
# that only says "tryghed". The autocomplete analyzers keep æ, ø and å (no asciifolding), so
# that they agree with the "standard" analyzer modelsearch uses to analyse autocomplete queries.
SEARCH_COMPOUND_WORDS_FILE = BASE_DIR / "search" / "data" / "compound_words_da.txt"
SEARCH_COMPOUND_SOURCE_DIR = BASE_DIR / "content"
# Parts shorter than four letters are found inside too many unrelated words ("bil" in "mobil");
# twenty letters take the longest compound heads of the plans ("færdselssikkerhed").
SEARCH_COMPOUND_MIN_PART, SEARCH_COMPOUND_MAX_PART = 4, 20
ELASTICSEARCH_DANISH_DECOMPOUNDER = {
    "type": "dictionary_decompounder",
    # One word a line, "#" comments (the format of search/compound_words.py, which the settings
    # may not import).
    "word_list": [
        line.strip()
        for line in SEARCH_COMPOUND_WORDS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ],
    # Two parts of four letters: shorter words are not compounds worth cutting.
    "min_word_size": 2 * SEARCH_COMPOUND_MIN_PART,
    "min_subword_size": SEARCH_COMPOUND_MIN_PART,
    "max_subword_size": SEARCH_COMPOUND_MAX_PART,
    # Every part found, not only the longest at each place: "politikredsen" needs "politi" and
    # "kreds"; the longest match ("politik") would hide the second part.
    "only_longest_match": False,
}
ELASTICSEARCH_DANISH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "filter": {
                "danish_decompounder": ELASTICSEARCH_DANISH_DECOMPOUNDER,
                "danish_stop": {"type": "stop", "stopwords": "_danish_"},
                "danish_stemmer": {"type": "stemmer", "language": "danish"},
                # "sikkerheden" also holds the part "sikkerhed": both stem to "sikker", and one
                # token keeps the word's frequency (and its score) what it was.
                "same_position_unique": {"type": "unique", "only_on_same_position": True},
            },
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "danish_decompounder",
                        "danish_stop",
                        "danish_stemmer",
                        "same_position_unique",
                    ],
                },
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "danish_stop", "danish_stemmer"],
                },
                "ngram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "ngram"],
                },
                "edgengram_analyzer": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "edgengram"],
                },
            },
        }
    }
}


def elasticsearch_backend(urls, index_prefix="kredsraad_", timeout=10, api_key=""):
    """The WAGTAILSEARCH_BACKENDS entry for Elasticsearch 9 (credentials in the URLs or API key)."""
    options = {"api_key": api_key} if api_key else {}
    return {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": urls,
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        "OPTIONS": options,
        "INDEX_SETTINGS": ELASTICSEARCH_DANISH_INDEX_SETTINGS,
    }


ELASTICSEARCH_URLS = env_list("ELASTICSEARCH_URL")
if ELASTICSEARCH_URLS:
    WAGTAILSEARCH_BACKENDS = {
        "default": elasticsearch_backend(
            ELASTICSEARCH_URLS,
            index_prefix=os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kredsraad_"),
            timeout=int(os.environ.get("ELASTICSEARCH_TIMEOUT", "10")),
            api_key=os.environ.get("ELASTICSEARCH_API_KEY", ""),
        )
    }
else:
    # Wagtail's database backend with cheaper ranking and counting (search/backends/).
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
    if DATABASE_IS_POSTGRES:
        # PostgreSQL's Danish text search configuration stems words ("indbruddene" -> "indbrud").
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"

# The plan text the site is built from (setup_site).
PLAN_SOURCE_FILE = BASE_DIR / "content" / "samarbejdsplan-2017.txt"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@kredsraad.localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Who hears of a 500 (Django's mail_admins through the django.request logger):
# DJANGO_ADMINS="Navn <a@example.dk>, b@example.dk". The report leaves out what was typed into
# forms (kredsraad_site/error_reports.py).
ADMINS = [
    (name, address)
    for name, address in getaddresses([os.environ.get("DJANGO_ADMINS", "")])
    if address
]
DEFAULT_EXCEPTION_REPORTER_FILTER = (
    "kredsraad_site.error_reports.PersonalDataExceptionReporterFilter"
)
MAIL_ADMINS_HANDLER = {
    "level": "ERROR",
    "class": "django.utils.log.AdminEmailHandler",
    "filters": ["require_debug_false"],
}

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
# The libraries whose INFO lines are progress, not news: at debug level (kredsraad_site/logging.py).
LOG_FILTERS = {
    "progress_as_debug": {"()": "kredsraad_site.logging.ProgressAsDebug"},
    "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
}
PROGRESS_LOGGERS = {
    name: {"filters": ["progress_as_debug"]} for name in ("django_tasks", "wagtail")
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": LOG_FILTERS,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": LOG_LEVEL},
        "mail_admins": MAIL_ADMINS_HANDLER,
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        **PROGRESS_LOGGERS,
        # WeasyPrint (the plan's PDF) reports every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR"},
    },
}

# --- Editorial workflow: roles, workflows, moderation e-mails --------------------------------
# Wagtail's moderation e-mails (submitted / approved / changes requested) go to the reviewing
# group and to the author, in Danish (editorial/templates/wagtailadmin/notifications/).
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get(
    "WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL
)
WAGTAILADMIN_NOTIFICATION_USE_HTML = False
# Administrators are not reviewers: only the task's group hears about a submission.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# An edit during moderation sends the page back through every task: Kredsrådet approves exactly
# the text that was reviewed.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The last approval publishes (or schedules) the revision; the approver needs no publish right.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.workflows.publish_approved_revision"

# Requests for the Trygheds- og Indbrudsprojekt (project_requests/services.py).
# Submissions per client IP address and window in seconds; the default cache is per process,
# so production with several workers should configure a shared cache (CACHES).
PROJECT_REQUEST_RATE_LIMIT = (
    int(os.environ.get("PROJECT_REQUEST_RATE_LIMIT", 5)),
    int(os.environ.get("PROJECT_REQUEST_RATE_WINDOW", 600)),
)
# How many proxies in front of the app append to X-Forwarded-For (nginx for TLS, then Varnish:
# 2). The request form's rate limit counts the address the first of them saw; 0 = no proxy,
# REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Months after a request is closed before anonymise_closed_requests blanks its personal data.
PROJECT_REQUEST_RETENTION_MONTHS = int(os.environ.get("PROJECT_REQUEST_RETENTION_MONTHS", 24))
# Days after a request arrived during which send_unsent_request_notifications still sends a
# receipt that failed: a receipt weeks late confuses more than it helps (the sender had the
# receipt page with the reference number, and the municipality may have called meanwhile).
PROJECT_REQUEST_RECEIPT_RETRY_DAYS = int(os.environ.get("PROJECT_REQUEST_RECEIPT_RETRY_DAYS", 7))
# Days a receipt link (?kvittering=…, it names the association) keeps working.
PROJECT_REQUEST_RECEIPT_LINK_DAYS = int(os.environ.get("PROJECT_REQUEST_RECEIPT_LINK_DAYS", 30))
# --- Cache ----------------------------------------------------------------------------------
# Local memory per process by default; production.py switches to the shared Redis (REDIS_URL).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# Cache-Control of what every reader gets the same (kredsraad_site/cache_control.py), seconds.
# Browsers keep a page CACHE_CONTROL_MAX_AGE; a shared cache (Varnish, a CDN) keeps it
# CACHE_CONTROL_S_MAXAGE, because Wagtail's frontend cache purges it when it changes; it may
# answer with a stale copy while it fetches a fresh one, and for a day when the app is down.
CACHE_CONTROL_MAX_AGE = int(os.environ.get("CACHE_CONTROL_MAX_AGE", "120"))
CACHE_CONTROL_S_MAXAGE = int(os.environ.get("CACHE_CONTROL_S_MAXAGE", "3600"))
CACHE_CONTROL_STALE_WHILE_REVALIDATE = int(
    os.environ.get("CACHE_CONTROL_STALE_WHILE_REVALIDATE", "60")
)
CACHE_CONTROL_STALE_IF_ERROR = int(os.environ.get("CACHE_CONTROL_STALE_IF_ERROR", "86400"))
# Wagtail's frontend cache: where to purge a page when it is published, unpublished, moved or
# deleted. Varnish in front of gunicorn (deploy/varnish/default.vcl) by default in production;
# empty here, so the embedded run purges nothing. See docs/varnish.md for a CDN.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("WAGTAILFRONTENDCACHE_LOCATION"):
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["WAGTAILFRONTENDCACHE_LOCATION"],
    }
# No avatar requests to a third party from the admin (privacy, and the admin's CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
