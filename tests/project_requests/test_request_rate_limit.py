"""The rate limit's counter is one atomic step: 20 parallel submissions against a limit of 5
let exactly 5 through, in the local-memory cache and in the real Redis (REDIS_URL); and end to
end through the form on PostgreSQL."""

import os
import threading

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connections
from django.test import Client, RequestFactory, override_settings

from project_requests.models import ProjectRequest
from project_requests.services import release_submission, reserve_submission

from .conftest import PAGE_URL, valid_data

THREADS = 20
LIMIT = 5
REDIS_URL = os.environ.get("REDIS_URL", "")


def run_together(work):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def parallel_reservations():
    request = RequestFactory().post(PAGE_URL, REMOTE_ADDR="198.51.100.9")
    return run_together(lambda: reserve_submission(request))


def test_exactly_the_limit_gets_through_in_the_local_memory_cache(settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (LIMIT, 600)
    assert parallel_reservations().count(True) == LIMIT


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="needs the Redis server from REDIS_URL")
def test_exactly_the_limit_gets_through_in_redis(settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (LIMIT, 600)
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"kr-test-rate-{os.getpid()}",
        }
    }
    with override_settings(CACHES=redis_cache):
        from django.core.cache import caches

        caches["default"].clear()
        try:
            assert parallel_reservations().count(True) == LIMIT
            # A submission that stored nothing gives its place back.
            request = RequestFactory().post(PAGE_URL, REMOTE_ADDR="198.51.100.10")
            settings.PROJECT_REQUEST_RATE_LIMIT = (1, 600)
            assert reserve_submission(request)
            release_submission(request)
            assert reserve_submission(request)
            assert not reserve_submission(request)
        finally:
            caches["default"].clear()


def test_an_invalid_form_does_not_use_up_the_limit(client, horsens, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (1, 600)
    for _ in range(3):
        assert client.post(PAGE_URL, valid_data(horsens, email="forkert")).status_code == 200
    assert client.post(PAGE_URL, valid_data(horsens)).status_code == 302
    assert client.post(PAGE_URL, valid_data(horsens)).status_code == 429
    cache.clear()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="needs PostgreSQL (set DATABASE_URL): SQLite serialises all writers",
)
def test_twenty_parallel_submissions_store_exactly_five(committed_site_tree, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (LIMIT, 600)
    horsens = committed_site_tree["horsens"]
    payloads = iter([valid_data(horsens, association_name=f"GF {n}") for n in range(THREADS)])
    lock = threading.Lock()

    def submit():
        with lock:
            data = next(payloads)
        return Client(REMOTE_ADDR="192.0.2.7").post(PAGE_URL, data).status_code

    statuses = run_together(submit)
    assert sorted(statuses) == [302] * LIMIT + [429] * (THREADS - LIMIT)
    assert ProjectRequest.objects.count() == LIMIT
