"""No loss: 500 request forms submitted at once through gunicorn to PostgreSQL.

Each client does what a browser does (GET the form for the CSRF cookie and the one-time token,
POST it) and must get the redirect to its own receipt; the database must then hold exactly one
request per submission, each with its own reference number.
"""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.system.load import stack

pytestmark = pytest.mark.load

SUBMISSIONS = 500
CLIENTS = 64


def outcome_summary(results):
    return Counter((r.step, r.status, r.error) for r in results).most_common(10)


def test_500_concurrent_submissions_are_all_stored_once(launch, site_database):
    # Every client is 127.0.0.1: the per-IP limit is raised through its setting for this run
    # only, the production default (5 per 10 minutes) stays as it is.
    server = launch(PROJECT_REQUEST_RATE_LIMIT=SUBMISSIONS * 2)
    names = [f"Grundejerforeningen Last {number:03d}" for number in range(SUBMISSIONS)]

    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda name: stack.submit(server.port, name), names))
    seconds = time.monotonic() - started
    print(
        f"\n{SUBMISSIONS} submissions from {CLIENTS} clients in {seconds:.1f} s: "
        f"{SUBMISSIONS / seconds:.1f} submissions/s (each a GET of the form and a POST)"
    )

    not_received = [r for r in results if not r.received]
    assert not_received == [], (outcome_summary(not_received), server.log_tail())

    rows = stack.query(
        site_database,
        "SELECT association_name, reference, notification_sent_at "
        "FROM project_requests_projectrequest",
    )
    assert len(rows) == SUBMISSIONS
    stored = {name: reference for name, reference, _sent in rows}
    assert len(set(stored.values())) == SUBMISSIONS
    assert sorted(stored) == sorted(names)
    # Every client's receipt names the request stored for its own submission.
    assert {r.association_name: r.reference for r in results} == stored
    year = time.localtime().tm_year
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in stored.values())
    assert numbers == list(range(1, SUBMISSIONS + 1))
    assert stack.query(
        site_database,
        "SELECT last_number FROM project_requests_projectrequestcounter WHERE year = %s",
        [year],
    ) == [(SUBMISSIONS,)]
    assert all(sent is not None for _name, _reference, sent in rows)
