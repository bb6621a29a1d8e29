"""Retention (anonymise_closed_requests) and data subject requests (personal_data)."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from project_requests.management.commands.anonymise_closed_requests import months_before
from project_requests.models import ProjectRequest

from .conftest import make_request

pytestmark = pytest.mark.django_db


def closed(request, days_ago, status=ProjectRequest.Status.COMPLETED):
    ProjectRequest.objects.filter(pk=request.pk).update(
        status=status, closed_at=timezone.now() - timedelta(days=days_ago)
    )
    return request


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_months_before_handles_month_ends():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert months_before(moment, 24).date().isoformat() == "2024-03-31"


def test_closed_requests_are_anonymised_after_24_months(horsens):
    old = closed(make_request(horsens, email="old@example.dk"), days_ago=25 * 31)
    old_rejected = closed(
        make_request(horsens, email="rej@example.dk"),
        days_ago=25 * 31,
        status=ProjectRequest.Status.REJECTED,
    )
    recent = closed(make_request(horsens, email="recent@example.dk"), days_ago=23 * 30)
    # Answered (kontaktet) and still being handled: kept however old.
    still_open = make_request(horsens, email="open@example.dk")
    ProjectRequest.objects.filter(pk=still_open.pk).update(
        created_at=timezone.now() - timedelta(days=1000), status=ProjectRequest.Status.CONTACTED
    )

    output = run("anonymise_closed_requests")

    assert "2 henvendelser blev anonymiseret" in output
    for request in (old, old_rejected):
        request.refresh_from_db()
        assert (request.contact_name, request.email, request.phone, request.message) == (
            "",
            "",
            "",
            "",
        )
        assert request.anonymised_at is not None
        # What stays: municipality, dates, status, parts wanted.
        assert request.municipality == horsens
        assert request.created_at is not None
        assert request.status in ProjectRequest.CLOSED_STATUSES
        assert request.wants_safety_walk
    for request in (recent, still_open):
        request.refresh_from_db()
        assert request.email and request.anonymised_at is None
    # A second run changes nothing.
    assert "0 henvendelser blev anonymiseret" in run("anonymise_closed_requests")


def test_retention_is_configurable_by_argument_and_setting(horsens, settings):
    request = closed(make_request(horsens), days_ago=200)
    assert "0 henvendelser" in run("anonymise_closed_requests")
    assert "1 henvendelser ville blive" in run(
        "anonymise_closed_requests", "--months", "6", "--dry-run"
    )
    request.refresh_from_db()
    assert request.email
    settings.PROJECT_REQUEST_RETENTION_MONTHS = 6
    assert "1 henvendelser blev" in run("anonymise_closed_requests")
    request.refresh_from_db()
    assert request.email == ""


def test_export_personal_data(horsens, vejle):
    make_request(horsens, email="Anna@Example.dk", association_name="GF A")
    make_request(vejle, email="anna@example.dk", association_name="GF B", phone="11223344")
    make_request(horsens, email="other@example.dk")
    data = json.loads(run("personal_data", "anna@example.dk", "--export"))
    assert data["email"] == "anna@example.dk"
    assert sorted(r["association_name"] for r in data["requests"]) == ["GF A", "GF B"]
    entry = next(r for r in data["requests"] if r["association_name"] == "GF B")
    assert entry["municipality"] == "Vejle"
    assert entry["phone"] == "11223344"
    assert entry["parts"] == ["Tryghedsvandring"]
    assert entry["reference"].startswith("TIP-")


def test_delete_personal_data(horsens):
    mine = make_request(horsens, email="anna@example.dk", contact_name="Anna")
    other = make_request(horsens, email="other@example.dk")
    output = run("personal_data", "ANNA@example.dk", "--delete")
    assert "slettet i 1 henvendelser" in output
    assert not ProjectRequest.objects.filter(email__iexact="anna@example.dk").exists()
    assert not ProjectRequest.objects.filter(contact_name="Anna").exists()
    mine.refresh_from_db()
    assert mine.anonymised_at is not None and mine.municipality == horsens
    other.refresh_from_db()
    assert other.email == "other@example.dk"
    assert json.loads(run("personal_data", "anna@example.dk", "--export"))["requests"] == []


def test_personal_data_needs_exactly_one_action(horsens):
    with pytest.raises(CommandError):
        call_command("personal_data", "anna@example.dk")
    with pytest.raises(CommandError):
        call_command("personal_data", "anna@example.dk", "--export", "--delete")


def test_anonymisation_blanks_exactly_what_the_privacy_page_says(horsens):
    request = make_request(
        horsens,
        households=40,
        preferred_period="Foråret",
        internal_notes="Ring efter kl. 16",
        area="Solvej 1-9",
        postcode="8700",
        town="Horsens",
    )
    request.anonymise()
    request.refresh_from_db()
    for name in ProjectRequest.ANONYMISED_FIELDS:
        assert getattr(request, name) in ("", None), name
    # What the page says stays: municipality, dates, status and the parts wanted.
    assert request.municipality == horsens
    assert request.created_at and request.status == ProjectRequest.Status.RECEIVED
    assert request.wants_safety_walk
    # No other text field about the person is left filled in.
    person_fields = {
        field.name
        for field in ProjectRequest._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField", "EmailField")
    } - {"reference", "status", "submission_token"}
    assert person_fields <= set(ProjectRequest.ANONYMISED_FIELDS)


def test_the_privacy_page_and_the_docs_say_it_word_for_word(settings):
    from pathlib import Path

    from project_requests.privacy import retention_text
    from sitebuilder.builder import privacy_body

    text = retention_text(settings.PROJECT_REQUEST_RETENTION_MONTHS)
    for label in ProjectRequest.ANONYMISED_FIELDS.values():
        assert label in text
    assert any(text in block["value"] for block in privacy_body() if block["type"] == "paragraph")
    docs = Path(__file__).resolve().parents[2] / "docs" / "requests.md"
    lines = docs.read_text().splitlines()
    assert text in " ".join(" ".join(line.removeprefix(">").split()) for line in lines)


def test_unanswered_requests_are_anonymised_after_the_retention(horsens):
    unanswered = make_request(horsens, email="gammel@example.dk")
    recent = make_request(horsens, email="ny@example.dk")
    ProjectRequest.objects.filter(pk=unanswered.pk).update(
        created_at=timezone.now() - timedelta(days=25 * 31)
    )
    ProjectRequest.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - timedelta(days=23 * 30)
    )
    assert "1 henvendelser blev anonymiseret" in run("anonymise_closed_requests")
    unanswered.refresh_from_db()
    recent.refresh_from_db()
    assert unanswered.anonymised_at is not None and unanswered.email == ""
    assert recent.anonymised_at is None and recent.email == "ny@example.dk"


def test_the_export_holds_every_stored_field(horsens):
    request = make_request(horsens, email="anna@example.dk", internal_notes="Ring efter kl. 16")
    request.status = ProjectRequest.Status.CONTACTED
    request.save()
    ProjectRequest.status_changes.rel.related_model.objects.create(
        request=request, old_status="modtaget", new_status="kontaktet"
    )
    (entry,) = json.loads(run("personal_data", "anna@example.dk", "--export"))["requests"]
    assert entry["internal_notes"] == "Ring efter kl. 16"
    expected = {
        field.name
        for field in ProjectRequest._meta.concrete_fields
        if field.name not in ("id", "submission_token")
    }
    assert expected <= set(entry)
    assert entry["status_changes"][0]["new_status"] == "kontaktet"
    assert entry["municipality"] == "Horsens"
