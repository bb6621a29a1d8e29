"""Fixtures for the search tests: the whole site built from the plan, once per test module.

The site is built inside a transaction that is rolled back at the end, so the other test
packages still see an empty database. Each test runs in a savepoint inside it (pytest-django's
``db`` fixture).
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from tests.database import module_transaction


@pytest.fixture(scope="module")
def search_site(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker), django_db_blocker.unblock():
        call_command("setup_site", stdout=StringIO())
        yield


@pytest.fixture
def site(search_site, db):
    """Use in a test to get the built site (and database access)."""
    return search_site


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
