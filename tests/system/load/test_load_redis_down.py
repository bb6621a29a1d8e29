"""Redis down, through gunicorn: pages are still served from the database, the form
still stores requests, /healthz reports the cache without failing. The in-process variant is
tests/system/production/test_production_reliability.py."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.system.load import stack

pytestmark = pytest.mark.load


def test_redis_down_pages_and_requests_still_served(launch, site_database):
    # Nothing listens on the port: every cache call fails as with a stopped Redis.
    server = launch(
        REDIS_URL=f"redis://{stack.HOST}:{stack.free_port()}/0",
        PAGE_CACHE_SECONDS=300,
        PROJECT_REQUEST_RATE_LIMIT=100,
    )
    paths = stack.PUBLIC_PAGES * 4
    with ThreadPoolExecutor(8) as pool:
        views = list(pool.map(lambda path: stack.request("GET", server.port, path), paths))
        submissions = list(
            pool.map(lambda n: stack.submit(server.port, f"GF Redisnedbrud {n}"), range(8))
        )
    assert [(path, v.status) for path, v in zip(paths, views, strict=True) if v.status != 200] == []
    assert all(s.received for s in submissions), [(s.step, s.status) for s in submissions]
    assert stack.query(site_database, "SELECT count(*) FROM project_requests_projectrequest") == [
        (8,)
    ]

    health = stack.request("GET", server.port, "/healthz")
    assert health.status == 200
    checks = json.loads(health.body)["checks"]
    assert checks["cache"]["ok"] is False
    assert checks["database"]["ok"] is True
