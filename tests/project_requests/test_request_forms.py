import pytest

from project_requests.forms import ProjectRequestForm
from project_requests.models import ProjectRequest

from .conftest import valid_data

pytestmark = pytest.mark.django_db


def test_valid_form_saves_parts_consent_and_token(horsens):
    data = valid_data(horsens)
    form = ProjectRequestForm(data)
    assert form.is_valid(), form.errors
    instance = form.save(commit=False)
    assert instance.wants_house_securing and instance.wants_neighbour_help
    assert not instance.wants_safety_walk
    assert instance.consent is True
    assert instance.submission_token == data["submission_token"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("association_name", "", "Udfyld feltet »Foreningens navn«."),
        ("contact_name", "", "Udfyld feltet »Kontaktperson«."),
        ("email", "ikke-en-mail", "Skriv en gyldig e-mailadresse, f.eks. navn@eksempel.dk."),
        ("area", "", "Udfyld feltet »Område (adresse eller vejnavne)«."),
        ("postcode", "87", "Skriv postnummeret med 4 cifre, f.eks. 8700."),
        ("town", "", "Udfyld feltet »By«."),
        ("municipality", "", "Vælg den kommune, foreningen ligger i."),
        # Found by test_request_property: too large for SQLite's integer, once a 500.
        ("municipality", "9223372036854775808", "Vælg en af kommunerne på listen."),
        ("municipality", "-9223372036854775809", "Vælg en af kommunerne på listen."),
        ("municipality", "abc", "Vælg en af kommunerne på listen."),
        ("households", "mange", "Skriv antallet af husstande som et tal."),
        ("phone", "ring til mig", "Skriv telefonnummeret med cifre, f.eks. 12 34 56 78."),
        (
            "parts",
            [],
            "Vælg mindst én af delene: skalsikring, tryghedsvandring eller nabohjælp.",
        ),
        ("consent", "", "Du skal give samtykke, før vi kan behandle henvendelsen."),
        ("submission_token", "forfalsket", "Formularen er udløbet. Indsend den venligst igen."),
    ],
)
def test_invalid_fields_have_danish_messages(horsens, field, value, message):
    form = ProjectRequestForm(valid_data(horsens, **{field: value}))
    assert not form.is_valid()
    assert form.errors[field] == [message]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("association_name", 200),
        ("contact_name", 200),
        ("area", 1000),
        ("town", 100),
        ("preferred_period", 200),
        ("message", 2000),
    ],
)
def test_oversized_input_is_refused_with_a_clear_message(horsens, field, limit):
    form = ProjectRequestForm(valid_data(horsens, **{field: "x" * (limit + 1)}))
    assert not form.is_valid()
    (error,) = form.errors[field]
    assert f"højst være {limit} tegn" in error
    assert f"du har skrevet {limit + 1}" in error


def test_optional_fields_may_be_empty(horsens):
    form = ProjectRequestForm(
        valid_data(horsens, phone="", households="", preferred_period="", message="")
    )
    assert form.is_valid(), form.errors


def test_unknown_part_is_refused(horsens):
    form = ProjectRequestForm(valid_data(horsens, parts=["helikopter"]))
    assert not form.is_valid()
    assert "parts" in form.errors


def test_honeypot_marks_spam(horsens):
    form = ProjectRequestForm(valid_data(horsens, website="http://spam.example"))
    assert form.is_valid()
    assert form.is_spam


def test_only_live_municipalities_are_offered(horsens, vejle):
    vejle.unpublish()
    form = ProjectRequestForm()
    assert list(form.fields["municipality"].queryset) == [horsens]
    assert ProjectRequest.objects.count() == 0
