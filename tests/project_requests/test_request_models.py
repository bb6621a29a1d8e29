import re

import pytest
from django.db import IntegrityError
from django.utils import timezone

from focus.models import AdviceIndexPage
from project_requests.models import ProjectRequest, ProjectRequestPage
from project_requests.services import create_request

from .conftest import make_request

pytestmark = pytest.mark.django_db


def test_reference_numbers_count_up_per_year(horsens):
    first = make_request(horsens)
    second = make_request(horsens)
    year = timezone.localdate().year
    assert first.reference == f"TIP-{year}-0001"
    assert second.reference == f"TIP-{year}-0002"
    assert re.fullmatch(r"TIP-\d{4}-\d{4}", first.reference)


def test_reference_numbers_restart_in_a_new_year(horsens):
    from project_requests.models import ProjectRequestCounter
    from project_requests.services import next_reference

    ProjectRequestCounter.objects.create(year=2025, last_number=41)
    assert next_reference(2025) == "TIP-2025-0042"
    assert next_reference(2030) == "TIP-2030-0001"


def test_same_submission_token_creates_one_request(horsens):
    first = make_request(horsens, submission_token="abc")
    again, created = create_request(
        ProjectRequest(
            association_name="GF",
            contact_name="X",
            email="x@example.dk",
            area="Vej",
            postcode="8700",
            town="Horsens",
            municipality=horsens,
            submission_token="abc",
        )
    )
    assert created is False
    assert again.pk == first.pk
    assert ProjectRequest.objects.count() == 1


def test_submission_token_is_unique_in_the_database(horsens):
    make_request(horsens, submission_token="same")
    with pytest.raises(IntegrityError):
        ProjectRequest.objects.create(
            reference="TIP-1999-0001",
            association_name="GF",
            contact_name="X",
            email="x@example.dk",
            area="Vej",
            postcode="8700",
            town="Horsens",
            municipality=horsens,
            submission_token="same",
        )


def test_status_defaults_to_received_and_closing_sets_closed_at(horsens):
    request = make_request(horsens)
    assert request.status == ProjectRequest.Status.RECEIVED
    assert request.closed_at is None
    request.status = ProjectRequest.Status.COMPLETED
    request.save()
    assert request.closed_at is not None
    request.status = ProjectRequest.Status.PLANNED
    request.save()
    assert request.closed_at is None


def test_notification_status_says_ikke_afsendt_until_sent(horsens):
    request = make_request(horsens)
    assert request.notification_status() == "ikke afsendt"
    request.notification_sent_at = timezone.now()
    assert request.notification_status() != "ikke afsendt"


def test_receipt_status_says_ikke_afsendt_until_sent(horsens):
    request = make_request(horsens)
    assert request.receipt_status() == "ikke afsendt"
    request.receipt_sent_at = timezone.now()
    assert request.receipt_status() != "ikke afsendt"


def test_parts_display(horsens):
    request = make_request(horsens, wants_house_securing=True, wants_neighbour_help=True)
    assert request.parts_display() == "Vejledning om skalsikring, Tryghedsvandring, Nabohjælp"


def test_project_page_stands_among_the_advice_pages_and_is_a_singleton():
    assert ProjectRequestPage.max_count == 1
    assert ProjectRequestPage.subpage_types == []
    assert ProjectRequestPage.parent_page_types == ["focus.AdviceIndexPage"]
    assert "project_requests.ProjectRequestPage" in AdviceIndexPage.subpage_types


def test_anonymise_blanks_personal_data_and_keeps_statistics(horsens):
    request = make_request(horsens, internal_notes="Ringede til Bo")
    request.anonymise()
    request.refresh_from_db()
    assert (request.contact_name, request.email, request.phone, request.message) == ("", "", "", "")
    assert request.internal_notes == ""
    assert request.anonymised_at is not None
    assert request.municipality == horsens
    assert request.wants_safety_walk
    assert request.reference.startswith("TIP-")
