"""Shared fixtures: uploaded files go to a temporary folder, and every test starts with an
empty cache (Wagtail caches the site root paths, which a rolled-back transaction would leave
stale). Browser tests share one Chromium (Playwright's sync API allows one per thread)."""

import os
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import build_page_tree

# The property-based tests drive whole requests through Django: no per-example deadline (a
# shared machine's pauses are not failures), and Django's function-scoped fixtures (client,
# settings, db) are meant to be shared by every example.
hypothesis_settings.register_profile(
    "kredsraad",
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("kredsraad")


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _clear_caches():
    """Every cache empty before and after each test: Wagtail caches the site root paths, which
    a rolled-back transaction would leave stale, and the request form counts submissions."""
    for each in caches.all():
        each.clear()
    yield
    for each in caches.all():
        each.clear()


@pytest.fixture
def page_tree(db):
    """The whole page tree, one page of each type, built with the factories."""
    return build_page_tree()


@pytest.fixture(params=[10, 200], ids=lambda count: f"{count}-children")
def child_count(request):
    """The listing tests run with 10 and with 200 children."""
    return request.param


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, one for the whole run (never a downloaded one)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright missing: pip install -e '.[dev]'"
    )
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install chromium")
    # Playwright's sync API keeps an event loop in the test thread; Django's ORM refuses to run
    # beside one unless told that this test-only use is safe. Restored afterwards, so that later
    # subprocesses (check --deploy) do not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def wagtail_base_data(transactional_db):
    """What Wagtail's migrations create and a transactional test's flush removes: the default
    locale, the root page and the root collection. Recreated when missing."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")


@pytest.fixture
def purged(settings):
    """The URLs the frontend cache is asked to purge from now on, in order (repeats kept):
    Wagtail's frontend cache with the recording backend of tests/frontend_cache.py."""
    from tests.frontend_cache import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {"rec": {"BACKEND": "tests.frontend_cache.RecordingBackend"}}
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()
