"""`check --deploy --database default` fails while a live municipality's requests reach nobody."""

import logging

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from home.models import ContactSettings
from project_requests.routing import unrouted_municipalities
from project_requests.services import send_notification

from .conftest import make_request

pytestmark = pytest.mark.django_db


def deploy_check():
    call_command("check", "--deploy", "--database", "default", "--tag", "database")


def test_an_empty_database_passes():
    deploy_check()


def test_a_live_municipality_without_any_recipient_is_an_error(site_tree):
    settings_ = ContactSettings.for_site(site_tree["site"])
    settings_.prevention_email = ""
    settings_.save()
    assert list(unrouted_municipalities()) == [site_tree["vejle"]]
    with pytest.raises(SystemCheckError, match="Henvendelser fra Vejle når ingen"):
        deploy_check()


def test_the_fallback_address_routes_them_all(site_tree):
    assert list(unrouted_municipalities()) == []
    deploy_check()


def test_the_no_recipient_log_is_danish(site_tree, caplog):
    settings_ = ContactSettings.for_site(site_tree["site"])
    settings_.prevention_email = ""
    settings_.save()
    with caplog.at_level(logging.ERROR):
        assert send_notification(make_request(site_tree["vejle"])) is False
    assert "Ingen modtager af beskeden" in caplog.text
