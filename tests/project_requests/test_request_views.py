import re

import pytest
from django.core import mail

from project_requests.models import ProjectRequest

from .conftest import PAGE_URL, token_from, valid_data

pytestmark = pytest.mark.django_db


def test_get_shows_the_plan_text_and_an_empty_form(client, site_tree):
    response = client.get(PAGE_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trygheds- og Indbrudsprojekt" in html
    assert 'name="submission_token"' in html
    assert '<form method="post"' in html
    assert 'href="/privatliv/"' in html
    assert "novalidate" in html
    # The honeypot is out of the tab order: keyboard users never land in the hidden field.
    assert re.search(r'<input type="text" name="website"[^>]*tabindex="-1"', html)


def test_kommune_parameter_preselects_the_municipality(client, horsens):
    html = client.get(PAGE_URL, {"kommune": "horsens"}).content.decode()
    assert f'<option value="{horsens.pk}" selected>Horsens</option>' in html


def test_unknown_kommune_parameter_is_ignored(client, site_tree):
    response = client.get(PAGE_URL, {"kommune": "atlantis"})
    assert response.status_code == 200
    assert '<option value="" selected>Vælg kommune</option>' in response.content.decode()


def test_valid_post_stores_and_redirects_to_the_receipt(client, horsens):
    response = client.post(PAGE_URL, valid_data(horsens))
    assert response.status_code == 302
    request = ProjectRequest.objects.get()
    assert response["Location"].startswith(f"{PAGE_URL}?kvittering=")
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert request.reference in html
    assert "Hvad sker der nu?" in html
    assert request.association_name == "Grundejerforeningen Solsiden"
    assert request.municipality == horsens
    assert request.households == 42
    assert request.status == ProjectRequest.Status.RECEIVED


def test_a_forged_receipt_code_shows_nothing(client, horsens):
    client.post(PAGE_URL, valid_data(horsens))
    response = client.get(PAGE_URL, {"kvittering": "TIP-2026-0001"})
    assert response.status_code == 404
    assert "TIP-" not in response.content.decode()


def test_get_form_token_then_post_twice_creates_one_request(client, horsens):
    token = token_from(client.get(PAGE_URL).content.decode())
    data = valid_data(horsens, submission_token=token)
    first = client.post(PAGE_URL, data)
    second = client.post(PAGE_URL, data)
    assert ProjectRequest.objects.count() == 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert len(mail.outbox) == 2  # one receipt, one notification: not repeated


@pytest.mark.parametrize(
    "field,value",
    [
        ("association_name", ""),
        ("contact_name", ""),
        ("email", "forkert"),
        ("area", ""),
        ("postcode", "abc"),
        ("town", ""),
        ("municipality", ""),
        ("households", "mange"),
        ("parts", []),
        ("consent", ""),
        ("message", "x" * 2001),
    ],
)
def test_invalid_field_re_renders_with_everything_typed_kept(client, horsens, field, value):
    data = valid_data(horsens, **{field: value})
    response = client.post(PAGE_URL, data)
    assert response.status_code == 200
    assert ProjectRequest.objects.count() == 0
    html = response.content.decode()
    # The error summary at the top, linking to the field.
    assert 'role="alert"' in html
    assert html.index('id="error-summary"') < html.index('<form method="post"')
    anchor = "id_parts_0" if field == "parts" else f"id_{field}"
    assert f'class="function-link" href="#{anchor}"' in html
    # dkfds.js moves the focus to the summary (tested in the browser, test_browser_forms.py).
    assert 'data-module="error-summary" tabindex="-1"' in html
    # The message next to the field, tied to it for screen readers.
    assert f'id="id_{field}-error"' in html
    if field not in ("parts",):
        # The long text fields' character counter (dkfds form-limit) is described last.
        assert f'aria-describedby="id_{field}-error' in html or (
            f'aria-describedby="id_{field}-hint id_{field}-error' in html
        )
        assert 'aria-invalid="true"' in html
    # Everything else typed is kept.
    for kept, typed in (
        ("association_name", "Grundejerforeningen Solsiden"),
        ("contact_name", "Anna Jensen"),
        ("email", "anna@example.dk"),
        ("town", "Horsens"),
        ("area", "Solvej og Månevej"),
        ("preferred_period", "Efteråret"),
    ):
        if kept != field:
            assert typed in html
    if field != "parts":
        assert 'value="skalsikring" id="id_parts_0" checked' in html
    if field != "municipality":
        assert f'<option value="{horsens.pk}" selected>' in html
    if field != "consent":
        assert 'name="consent" id="id_consent" checked' in html
    # The same one-time token, so the corrected form still creates one request.
    assert data["submission_token"] in html


def test_oversized_input_is_refused_with_a_clear_message(client, horsens):
    response = client.post(PAGE_URL, valid_data(horsens, association_name="x" * 201))
    assert response.status_code == 200
    assert "»Foreningens navn« må højst være 200 tegn (du har skrevet 201)." in (
        response.content.decode()
    )
    assert ProjectRequest.objects.count() == 0


def test_tampered_token_gets_a_fresh_one(client, horsens):
    response = client.post(PAGE_URL, valid_data(horsens, submission_token="forfalsket"))
    html = response.content.decode()
    assert "Formularen er udløbet" in html
    new_token = token_from(html)
    assert new_token != "forfalsket"
    assert client.post(PAGE_URL, valid_data(horsens, submission_token=new_token)).status_code == (
        302
    )
    assert ProjectRequest.objects.count() == 1


def test_honeypot_pretends_success_and_stores_nothing(client, horsens):
    response = client.post(PAGE_URL, valid_data(horsens, website="http://spam.example"))
    assert response.status_code == 200
    assert "Tak for jeres henvendelse" in response.content.decode()
    assert ProjectRequest.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_answers_429_in_danish(client, horsens, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (3, 600)
    for _ in range(3):
        assert client.post(PAGE_URL, valid_data(horsens)).status_code == 302
    response = client.post(PAGE_URL, valid_data(horsens))
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange henvendelser" in html
    assert "Vent lidt, og prøv igen" in html
    assert ProjectRequest.objects.count() == 3


def test_rate_limit_is_per_client_ip(client, horsens, settings):
    settings.PROJECT_REQUEST_RATE_LIMIT = (1, 600)
    assert client.post(PAGE_URL, valid_data(horsens), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(PAGE_URL, valid_data(horsens), REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(PAGE_URL, valid_data(horsens), REMOTE_ADDR="10.0.0.2").status_code == 302


def test_behind_the_proxies_the_limit_is_per_forwarded_address(client, horsens, settings):
    """nginx and Varnish in front: every request comes from 127.0.0.1, and the client's own
    X-Forwarded-For entries (a forged "1.2.3.4") are not believed."""
    settings.PROJECT_REQUEST_RATE_LIMIT = (1, 600)
    settings.TRUSTED_PROXY_COUNT = 2

    def post(forwarded_for):
        return client.post(
            PAGE_URL,
            valid_data(horsens),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).status_code

    assert post("198.51.100.7, 127.0.0.1") == 302
    assert post("1.2.3.4, 198.51.100.7, 127.0.0.1") == 429
    assert post("198.51.100.8, 127.0.0.1") == 302


def test_resubmitting_the_same_token_does_not_count_against_the_rate_limit(
    client, horsens, settings
):
    settings.PROJECT_REQUEST_RATE_LIMIT = (2, 600)
    data = valid_data(horsens)
    client.post(PAGE_URL, data)
    client.post(PAGE_URL, data)
    assert client.post(PAGE_URL, valid_data(horsens)).status_code == 302


def test_long_text_fields_have_a_character_counter_and_the_select_is_styled(client, horsens):
    html = client.get(PAGE_URL).content.decode()
    # dkfds's character counter: the limit on the group, the messages it updates inside it.
    assert 'class="form-group form-limit" data-maxlength="2000"' in html
    assert 'class="form-group form-limit" data-maxlength="1000"' in html
    assert 'id="id_message-limit-message" class="sr-only">Du kan indtaste op til 2000 tegn' in html
    assert 'aria-describedby="id_message-limit-message"' in html
    assert html.count('class="character-limit-sr-only sr-only" aria-live="polite"') == 2
    # The Kommune select gets dkfds's select style (its chevron), not a text input's.
    assert re.search(r'<select name="municipality"[^>]* class="form-select"', html)
