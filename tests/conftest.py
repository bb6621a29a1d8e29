"""Shared fixtures: uploaded files go to a temporary folder, and every test starts with an
empty cache (Wagtail caches the site root paths, which a rolled-back transaction would leave
stale)."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import build_page_tree


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_tree(db):
    """The whole page tree, one page of each type, built with the factories."""
    return build_page_tree()


@pytest.fixture(params=[10, 200], ids=lambda count: f"{count}-children")
def child_count(request):
    """The query-count tests run with 10 and with 200 children under the same bound."""
    return request.param
