"""A form sent again, a token reused with other data, and the receipt link: a resend shows its
receipt before any rate limit; a token never shows a receipt for data it was not stored with;
receipts are never cached and their links expire."""

from datetime import timedelta

import pytest
from django.utils import timezone

from project_requests.models import ProjectRequest
from project_requests.services import receipt_code

from .conftest import PAGE_URL, valid_data

pytestmark = pytest.mark.django_db


def test_a_resent_request_at_the_limit_shows_its_receipt(client, horsens, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (2, 600)
    client.post(PAGE_URL, valid_data(horsens))
    data = valid_data(horsens)
    first = client.post(PAGE_URL, data)
    assert first.status_code == 302
    again = client.post(PAGE_URL, data)  # the double click, the reload
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert ProjectRequest.objects.count() == 2
    # A new request is still refused.
    assert client.post(PAGE_URL, valid_data(horsens)).status_code == 429


@pytest.mark.parametrize(
    "changes",
    [
        {"association_name": "GF Nabo"},
        {"email": "other@example.dk"},
        {"parts": ["tryghedsvandring"]},
    ],
)
def test_the_same_token_with_other_data_gets_the_form_back(client, horsens, changes):
    data = valid_data(horsens)
    client.post(PAGE_URL, data)
    response = client.post(PAGE_URL, {**data, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Formularen er allerede sendt én gang med andre oplysninger" in html
    assert "TIP-" not in html  # nobody's receipt
    for typed in changes.values():
        assert (typed[0] if isinstance(typed, list) else typed) in html
    token = html.split('name="submission_token" value="', 1)[1].split('"', 1)[0]
    assert token != data["submission_token"]
    # The fresh form, sent, is a request of its own.
    assert client.post(PAGE_URL, {**data, **changes, "submission_token": token}).status_code == 302
    assert ProjectRequest.objects.count() == 2


def test_another_visitor_s_token_never_shows_that_visitor_s_receipt(client, horsens):
    data = valid_data(horsens)
    client.post(PAGE_URL, data)
    stranger = valid_data(horsens, association_name="GF Fremmed", contact_name="Eve")
    stranger["submission_token"] = data["submission_token"]
    html = client.post(PAGE_URL, stranger).content.decode()
    assert "Grundejerforeningen Solsiden" not in html
    assert "GF Fremmed" in html


def test_an_invalid_form_with_a_known_token_gets_the_form_back(client, horsens):
    data = valid_data(horsens)
    client.post(PAGE_URL, data)
    response = client.post(PAGE_URL, {**data, "email": "forkert"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Formularen er allerede sendt én gang" in html
    assert "Skriv en gyldig e-mailadresse" in html


def test_the_receipt_is_private_and_not_stored(client, horsens):
    location = client.post(PAGE_URL, valid_data(horsens))["Location"]
    response = client.get(location)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    assert "public" not in cache_control and "max-age" not in cache_control
    forged = client.get(PAGE_URL, {"kvittering": "TIP-2026-0001:abc:def"})
    assert forged.status_code == 404
    assert "no-store" in forged["Cache-Control"]


def test_the_receipt_link_expires(client, horsens, settings):
    settings.PROJECT_REQUEST_RECEIPT_LINK_DAYS = 30
    location = client.post(PAGE_URL, valid_data(horsens))["Location"]
    request = ProjectRequest.objects.get()
    reference = request.reference

    def arrived(days_ago):
        ProjectRequest.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
        request.refresh_from_db()
        return f"{PAGE_URL}?kvittering={receipt_code(request)}"

    # The same request, the same link (stamped with its arrival, to the second).
    assert location == f"{PAGE_URL}?kvittering={receipt_code(request)}"
    assert reference in client.get(arrived(0)).content.decode()
    assert reference in client.get(arrived(29)).content.decode()
    response = client.get(arrived(31))
    assert response.status_code == 410
    html = response.content.decode()
    assert "Linket til kvitteringen er udløbet: det virker i 30 dage." in html
    assert reference not in html and "Solsiden" not in html
    assert "no-store" in response["Cache-Control"]
