"""The admin's CSV and XLSX exports: no cell a spreadsheet runs as a formula, CSV that Danish
Excel opens in columns, and no stored value (control characters included) that breaks them."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import User

from project_requests.models import ProjectRequest

from .conftest import make_request

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/henvendelser/"
FORMULAS = ['=HYPERLINK("http://x","klik")', "=1+1", "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3"]


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("admin", "admin@example.dk", "pw"))
    return client


@pytest.fixture
def hostile_requests(horsens):
    stored = [make_request(horsens, association_name=value) for value in FORMULAS]
    # Stored before the form refused control characters (or written by a script).
    bad = make_request(horsens)
    ProjectRequest.objects.filter(pk=bad.pk).update(
        association_name="GF \x07\x1b Klokke", message="\tstart", town="\rby"
    )
    return [*stored, bad]


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_a_bom_semicolons_and_no_formulas(admin_client, hostile_requests):
    response = admin_client.get(LIST_URL, {"export": "csv"})
    assert response.status_code == 200
    rows = csv_rows(response)
    heading = rows[0]
    assert heading[:3] == ["Referencenummer", "Modtaget", "Status"]
    names = [row[heading.index("Forening")] for row in rows[1:]]
    for formula in FORMULAS:
        assert "'" + formula in names
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "GF  Klokke" in names
    bad = next(row for row in rows[1:] if row[heading.index("Forening")] == "GF  Klokke")
    assert bad[heading.index("Besked")] == "'\tstart"
    assert bad[heading.index("By")] == "'\rby"


def test_xlsx_never_fails_and_holds_no_formula(admin_client, hostile_requests):
    response = admin_client.get(LIST_URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=False))
    heading = [cell.value for cell in rows[0]]
    names = [row[heading.index("Forening")].value for row in rows[1:]]
    assert "GF  Klokke" in names
    for formula in FORMULAS:
        assert "'" + formula in names
    for row in rows[1:]:
        for cell in row:
            assert cell.data_type != "f"
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))
