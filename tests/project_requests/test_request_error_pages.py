"""What a visitor meets when something goes wrong around the request form: a CSRF failure
shows the form again with what was typed, and a 500 reaches ADMINS without it."""

import logging
import sys

import pytest
from django.core import mail
from django.test import Client, RequestFactory

from project_requests.models import ProjectRequest

from .conftest import PAGE_URL, valid_data

pytestmark = pytest.mark.django_db


def test_a_csrf_failure_shows_the_form_again_with_what_was_typed(site_tree):
    client = Client(enforce_csrf_checks=True)
    response = client.post(PAGE_URL, valid_data(site_tree["horsens"]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formularen er ikke sendt" in html
    assert 'value="Grundejerforeningen Solsiden"' in html
    assert "Vi har haft flere indbrud." in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert ProjectRequest.objects.count() == 0
    # The form now carries a token: sent again, it is stored.
    token = response.cookies["csrftoken"].value
    client.cookies["csrftoken"] = token
    resent = client.post(
        PAGE_URL, {**valid_data(site_tree["horsens"]), "csrfmiddlewaretoken": token}
    )
    assert resent.status_code == 302
    assert ProjectRequest.objects.count() == 1


def test_a_csrf_failure_elsewhere_is_a_danish_page(site_tree):
    response = Client(enforce_csrf_checks=True).post("/soeg/", {"q": "x"})
    assert response.status_code == 403
    assert "Formularen er ikke sendt" in response.content.decode()
    assert '<html lang="da"' in response.content.decode()


def test_a_500_on_the_request_form_reaches_admins_without_the_typed_data(settings, site_tree):
    settings.ADMINS = [("Drift", "drift@politi.example")]
    data = valid_data(site_tree["horsens"])
    request = RequestFactory().post(PAGE_URL, data)

    def failing_view(form_data):  # the typed data as a frame's local variable
        raise RuntimeError("the database went away")

    try:
        failing_view(dict(request.POST))
    except RuntimeError:
        # What django.core.handlers.exception does with an unhandled exception.
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.path,
            exc_info=sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )
    reports = [message for message in mail.outbox if message.to == ["drift@politi.example"]]
    assert reports
    for report in reports:
        text = report.body + "".join(str(content) for content, _type in report.alternatives)
        assert "RuntimeError" in text
        for typed in ("Anna Jensen", "anna@example.dk", "12 34 56 78", "Solvej", "Solsiden"):
            assert typed not in text, typed
