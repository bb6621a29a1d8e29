"""/healthz: the load balancer's probe."""

import pytest
from django.db.utils import OperationalError


@pytest.mark.django_db
def test_healthz_reports_database_search_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["search"]["ok"] is True
    assert "backends" in body["checks"]["search"]["detail"]
    assert body["checks"]["cache"]["ok"] is True
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_503_without_database(client, monkeypatch):
    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr("kredsraad_site.health._check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert "connection refused" in body["checks"]["database"]["detail"]


@pytest.mark.django_db
def test_healthz_over_plain_http_in_production(production_security, client):
    # The load balancer probes over HTTP; the HTTPS redirect must not answer it.
    assert client.get("/healthz").status_code == 200
