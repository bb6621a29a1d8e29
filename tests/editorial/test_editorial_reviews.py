"""Content that stays current: review dates shown to readers, the admin report of pages due
for review, and the e-mail to their owners."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from home.models import add_months
from tests.editorial.admin_actions import edit
from tests.editorial.conftest import advice_form

LONG_AGO = datetime.date(2020, 3, 1)


def mark_reviewed(page, day, interval=12, owner=None):
    page.last_reviewed = day
    page.review_interval_months = interval
    if owner is not None:
        page.owner = owner
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 3, 1), 12, datetime.date(2027, 3, 1)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 15), 3, datetime.date(2027, 2, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_readers_see_when_a_page_was_last_reviewed(site, client):
    mark_reviewed(site.page("advice"), datetime.date(2026, 3, 1))
    mark_reviewed(site.page("horsens"), datetime.date(2026, 3, 1))
    mark_reviewed(site.page("focus_area"), datetime.date(2026, 3, 1))
    for url in ["/forebyggelse/nabohjaelp/", "/kommuner/horsens/", "/fokusomraader/"]:
        response = client.get(url)
        assert response.status_code == 200
    for key in ["advice", "horsens", "focus_area"]:
        html = client.get(site.page(key).url).content.decode()
        assert 'Sidst gennemgået <time datetime="2026-03-01">1. marts 2026</time>' in html, key
    # A page never reviewed says nothing rather than something untrue.
    assert "Sidst gennemgået" not in client.get(site.page("vejle").url).content.decode()


def test_page_is_due_after_its_interval(site):
    advice = mark_reviewed(
        site.page("advice"), timezone.localdate() - datetime.timedelta(days=40), 1
    )
    assert advice.review_is_due()
    advice = mark_reviewed(site.page("advice"), timezone.localdate(), 1)
    assert not advice.review_is_due()
    # Never reviewed: counted from its first publication (today), so not due yet.
    assert not site.page("vejle").review_is_due()


def test_report_lists_overdue_pages_for_those_who_may_edit_them(site, login):
    mark_reviewed(site.page("horsens"), LONG_AGO)
    mark_reviewed(site.page("advice"), LONG_AGO)
    mark_reviewed(site.page("vejle"), timezone.localdate())
    response = login(site.user("redaktion")).get("/admin/reports/sider-til-gennemgang/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sider til gennemgang" in html
    assert "Horsens Kommune" in html and "Nabohjælp" in html
    assert "Vejle Kommune" not in html
    assert "1. marts 2020" in html

    # The Horsens editor sees Horsens only.
    html = login(site.user("horsens")).get("/admin/reports/sider-til-gennemgang/").content.decode()
    assert "Horsens Kommune" in html
    assert "Nabohjælp" not in html

    # The report is in the Reports menu for editors, and closed to those without page rights.
    response = login(site.user("kredsraadet")).get("/admin/reports/sider-til-gennemgang/")
    assert response.status_code in (302, 403)


def test_report_exports_csv(site, login):
    mark_reviewed(site.page("advice"), LONG_AGO)
    response = login(site.user("redaktion")).get("/admin/reports/sider-til-gennemgang/?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0] == "Side,Adresse,Sidst gennemgået,Skal gennemgås,Ejer"
    assert "Nabohjælp" in content


def test_owners_of_overdue_pages_get_one_email_each(site):
    horsens_editor = site.user("horsens")
    mark_reviewed(site.page("horsens"), LONG_AGO, owner=horsens_editor)
    mark_reviewed(site.page("advice"), LONG_AGO, owner=site.user("kommunikation"))
    mark_reviewed(site.page("focus_area"), timezone.localdate(), owner=site.user("kommunikation"))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("notify_overdue_reviews", stdout=out)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"horsens@kredsraad.test", "kommunikation@kredsraad.test"}
    to_horsens = by_recipient["horsens@kredsraad.test"]
    assert to_horsens.subject == "1 side skal gennemgås"
    assert "Horsens Kommune (sidst gennemgået: 1. marts 2020; skulle gennemgås 1. marts 2021)" in (
        to_horsens.body
    )
    assert f"/admin/pages/{site.page('horsens').pk}/edit/" in to_horsens.body
    assert "Indbrud i privat beboelse" not in by_recipient["kommunikation@kredsraad.test"].body


def test_pages_without_owner_go_to_redaktion(site):
    advice = site.page("advice")
    advice.owner = None
    mark_reviewed(advice, LONG_AGO)
    mail.outbox.clear()
    call_command("notify_overdue_reviews", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [["redaktion@kredsraad.test"]]


def test_dry_run_sends_nothing(site):
    mark_reviewed(site.page("advice"), LONG_AGO, owner=site.user("kommunikation"))
    mail.outbox.clear()
    out = io.StringIO()
    call_command("notify_overdue_reviews", "--dry-run", stdout=out)
    assert mail.outbox == []
    assert "kommunikation@kredsraad.test: 1 side" in out.getvalue()


@pytest.mark.parametrize("posted", [None, ""], ids=["left-out", "empty"])
def test_review_interval_defaults_to_twelve_months(site, login, posted):
    advice = site.page("advice")
    data = advice_form(advice, title="Nabohjælp (ny)")
    if posted is None:
        del data["review_interval_months"]
    else:
        data["review_interval_months"] = posted
    response = edit(login(site.user("redaktion")), advice, data, "publish")
    assert response.status_code == 302, response.content[:3000]
    advice = site.page("advice")
    assert advice.title == "Nabohjælp (ny)"
    assert advice.review_interval_months == 12
