"""The migration that gives a conference's place a name and an address splits only venues
written as "name, address ending in postcode and town"."""

import importlib

import pytest

migration = importlib.import_module("municipalities.migrations.0002_conference_venue_address")


@pytest.mark.parametrize(
    ("venue", "name", "address"),
    [
        (
            "Horsens Rådhus, Rådhustorvet 4, 8700 Horsens",
            "Horsens Rådhus",
            "Rådhustorvet 4, 8700 Horsens",
        ),
        ("Kulturhuset, 7100 Vejle", "Kulturhuset", "7100 Vejle"),
    ],
)
def test_a_venue_with_an_address_is_split(venue, name, address):
    match = migration.VENUE_WITH_ADDRESS.match(venue)
    assert (match["name"], match["address"]) == (name, address)


@pytest.mark.parametrize("venue", ["Horsens Rådhus", "Rådhuset, sal 2", "Torvet 1"])
def test_anything_else_stays_the_name(venue):
    assert migration.VENUE_WITH_ADDRESS.match(venue) is None
