"""Fixtures of the production area: a page tree of every type, and the production settings
loaded under a complete test environment."""

import importlib
import os
import sys

import pytest

PRODUCTION_ENV = {
    "SECRET_KEY": "production-test-key-" + "x" * 50,
    "ALLOWED_HOSTS": "kredsraad.example,testserver",
    "WAGTAILADMIN_BASE_URL": "https://kredsraad.example",
    "DATABASE_URL": "postgres://kredsraad:secret@127.0.0.1:5432/kredsraad",
}


@pytest.fixture
def tree(db):
    from tests.system.production.tree import build_tree

    return build_tree()


def load_production_settings(monkeypatch, **env):
    """Import site/settings/production.py afresh under a complete environment (plus `env`)."""
    for name, value in {**PRODUCTION_ENV, **env}.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    sys.modules.pop("kredsraad_site.settings.production", None)
    try:
        return importlib.import_module("kredsraad_site.settings.production")
    finally:
        sys.modules.pop("kredsraad_site.settings.production", None)


# Settings that production changes and that the header tests need in the test process.
SECURITY_SETTINGS = [
    "MIDDLEWARE",
    "CONTENT_SECURITY_POLICY",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
]


@pytest.fixture
def production_security(settings, monkeypatch):
    """The test settings with production's security settings (headers, cookies, redirects)."""
    production = load_production_settings(monkeypatch)
    for name in SECURITY_SETTINGS:
        setattr(settings, name, getattr(production, name))
    return settings


def subprocess_env(**env):
    """The environment for a manage.py subprocess running the production settings."""
    # Test-only switches (e.g. DJANGO_ALLOW_ASYNC_UNSAFE from the browser tests) are not part of
    # a production environment.
    result = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result.update(PRODUCTION_ENV)
    result["DJANGO_SETTINGS_MODULE"] = "kredsraad_site.settings.production"
    for name, value in env.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result
