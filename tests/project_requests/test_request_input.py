"""The form refuses what breaks exports, mail headers or how a name reads: control characters
(tabs and line breaks only in the multi-line fields), line breaks in one-line fields and bidi
overrides. Each gets a Danish message, the form keeps what was typed, nothing is stored."""

import pytest

from project_requests.models import ProjectRequest

from .conftest import PAGE_URL, valid_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "association_name",
            "GF \x07\x1b Sol",
            "„Foreningens navn“ indeholder et usynligt styretegn",
        ),
        ("contact_name", "Anna\x00Jensen", "„Kontaktperson“ indeholder et usynligt styretegn"),
        ("association_name", "GF\r\nBcc: x@example.org", "„Foreningens navn“ skal stå på én linje"),
        ("town", "Hor\nsens", "„By“ skal stå på én linje"),
        ("preferred_period", "efterår\tvinter", "„Hvornår passer det jer?“ indeholder et usynligt"),
        (
            "contact_name",
            "Anna \u202egpj.exe",
            "„Kontaktperson“ indeholder et usynligt tegn, der vender",
        ),
        (
            "association_name",
            "GF \u2066Sol\u2069",
            "„Foreningens navn“ indeholder et usynligt tegn, der",
        ),
        ("message", "Hej\x1b[31m", "„Besked“ indeholder et usynligt styretegn"),
        (
            "area",
            "Sol\x0bvej",
            "„Område (adresse eller vejnavne)“ indeholder et usynligt styretegn",
        ),
    ],
)
def test_refused_with_a_danish_message(client, horsens, field, value, message):
    response = client.post(PAGE_URL, valid_data(horsens, **{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert "Anna Jensen" in html or field == "contact_name"
    assert ProjectRequest.objects.count() == 0


def test_multi_line_fields_keep_tabs_and_line_breaks(client, horsens):
    data = valid_data(horsens, area="Solvej 1-9\r\nMånevej\t2", message="Hej\r\n\r\nVi ses")
    assert client.post(PAGE_URL, data).status_code == 302
    stored = ProjectRequest.objects.get()
    assert stored.area == "Solvej 1-9\r\nMånevej\t2"
    assert stored.message == "Hej\r\n\r\nVi ses"
