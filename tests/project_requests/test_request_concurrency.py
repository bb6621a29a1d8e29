"""Many associations submitting at the same moment, on a real PostgreSQL server.

SQLite serialises writers on the whole file, so the race this guards against (two requests
taking the same reference number) only exists on PostgreSQL.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client

from project_requests.models import ProjectRequest

from .conftest import PAGE_URL, valid_data

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="needs PostgreSQL (set DATABASE_URL): SQLite serialises all writers",
    ),
]

THREADS = 24


def submit_all(payloads):
    barrier = threading.Barrier(len(payloads))
    results, errors = [], []

    def submit(data):
        try:
            client = Client(REMOTE_ADDR="192.0.2.1")
            barrier.wait()
            results.append(client.post(PAGE_URL, data))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_concurrent_submissions_get_unique_reference_numbers(committed_site_tree, settings):
    assert connection.vendor == "postgresql"
    settings.PROJECT_REQUEST_RATE_LIMIT = (1000, 600)
    horsens = committed_site_tree["horsens"]
    payloads = [
        valid_data(horsens, association_name=f"Forening {number}") for number in range(THREADS)
    ]
    results = submit_all(payloads)
    assert [response.status_code for response in results] == [302] * THREADS
    references = list(ProjectRequest.objects.values_list("reference", flat=True))
    assert len(references) == THREADS
    assert len(set(references)) == THREADS
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(1, THREADS + 1))


def test_concurrent_resubmissions_of_one_form_store_one_request(committed_site_tree, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (1000, 600)
    data = valid_data(committed_site_tree["horsens"])
    results = submit_all([data] * 12)
    assert {response.status_code for response in results} == {302}
    assert len({response["Location"] for response in results}) == 1
    assert ProjectRequest.objects.count() == 1
