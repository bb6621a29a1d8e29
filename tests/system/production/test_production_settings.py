"""Production settings: required variables, deploy checks, the environment they read."""

import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.system.production.conftest import load_production_settings, subprocess_env


@pytest.mark.parametrize(
    "variable", ["SECRET_KEY", "ALLOWED_HOSTS", "WAGTAILADMIN_BASE_URL", "DATABASE_URL"]
)
def test_missing_required_variable_fails_naming_it(monkeypatch, variable):
    with pytest.raises(ImproperlyConfigured, match=variable):
        load_production_settings(monkeypatch, **{variable: None})


def test_check_deploy_has_zero_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_manage_py_without_secret_key_names_the_variable():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=subprocess_env(SECRET_KEY=None),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set in production." in result.stderr


def test_environment_configures_services(monkeypatch):
    production = load_production_settings(
        monkeypatch,
        ALLOWED_HOSTS="a.example, b.example",
        REDIS_URL="redis://127.0.0.1:6399/2",
        EMAIL_HOST="smtp.example",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="sender",
        EMAIL_HOST_PASSWORD="pw",
        DEFAULT_FROM_EMAIL="kredsraad@example.org",
        MEDIA_ROOT="/srv/shared/media",
        CONN_MAX_AGE="120",
    )
    assert production.DEBUG is False
    assert production.ALLOWED_HOSTS == ["a.example", "b.example"]
    assert production.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert production.CACHES["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert production.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6399/2"
    assert production.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert production.EMAIL_BACKEND == "django.core.mail.backends.smtp.EmailBackend"
    assert (production.EMAIL_HOST, production.EMAIL_PORT) == ("smtp.example", 2525)
    assert production.DEFAULT_FROM_EMAIL == "kredsraad@example.org"
    assert production.DATABASES["default"]["CONN_MAX_AGE"] == 120
    assert production.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert production.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert production.LOGGING["handlers"]["stdout"]["formatter"] == "json"


def test_json_log_lines():
    import json
    import logging

    from kredsraad_site.logging import JSONFormatter

    record = logging.makeLogRecord(
        {"name": "kredsraad", "levelname": "WARNING", "msg": "side %s", "args": ("æøå",)}
    )
    record.status_code = 503
    entry = json.loads(JSONFormatter().format(record))
    assert entry["message"] == "side æøå"
    assert entry["level"] == "WARNING"
    assert entry["status"] == 503
    assert entry["time"].endswith("+00:00")
