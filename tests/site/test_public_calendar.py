"""The conference calendars are valid iCalendar: parsed back with the same library."""

from icalendar import Calendar


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_district_calendar_has_every_dated_conference(client, public_site):
    calendar = parse(client.get("/kalender/konferencer.ics"))
    assert str(calendar["VERSION"]) == "2.0"
    assert "Kredsrådet" in str(calendar["PRODID"])
    found = events(calendar)
    assert set(found) == {"Lokalråd+ konference 2099", "Lokalråd+ konference 2017"}
    upcoming = found["Lokalråd+ konference 2099"]
    assert upcoming["DTSTART"].dt == public_site.upcoming.start
    assert upcoming["DTEND"].dt == public_site.upcoming.end
    assert str(upcoming["LOCATION"]) == "Horsens Rådhus, Torvet 1, 8700 Horsens"
    assert str(upcoming["URL"]).endswith("/kommuner/horsens/lokalraad-plus-2099/")
    assert str(upcoming["UID"]) == f"conference-{public_site.upcoming.pk}@testserver"


def test_municipality_calendar_only_has_its_own_conferences(client, public_site):
    horsens = events(parse(client.get("/kalender/horsens.ics")))
    vejle = events(parse(client.get("/kalender/vejle.ics")))
    assert set(horsens) == {"Lokalråd+ konference 2099"}
    assert set(vejle) == {"Lokalråd+ konference 2017"}


def test_special_characters_survive_the_round_trip(client, public_site):
    upcoming = events(parse(client.get("/kalender/horsens.ics")))["Lokalråd+ konference 2099"]
    assert str(upcoming["DESCRIPTION"]) == public_site.upcoming.summary


def test_unpublished_and_undated_conferences_are_left_out(client, public_site):
    public_site.past.unpublish()
    public_site.upcoming.start = None
    public_site.upcoming.end = None
    public_site.upcoming.save_revision().publish()
    assert events(parse(client.get("/kalender/konferencer.ics"))) == {}


def test_unknown_municipality_calendar_is_404(client, public_site):
    assert client.get("/kalender/findes-ikke.ics").status_code == 404


def test_municipality_page_links_its_calendar_and_the_request_form(client, public_site):
    html = client.get("/kommuner/horsens/").content.decode()
    assert 'href="/kalender/horsens.ics"' in html
    assert 'href="/forebyggelse/tryghed-og-indbrud/?kommune=horsens"' in html
    # Upcoming and past are told apart by date.
    assert "Lokalråd+ konference 2099" in html
    vejle = client.get("/kommuner/vejle/").content.decode()
    assert "Tidligere konferencer" in vejle
    assert "Lokalråd+ konference 2017" in vejle.split("Tidligere konferencer")[1]
