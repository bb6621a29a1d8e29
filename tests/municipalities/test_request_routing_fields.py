"""Where requests (with their personal data) are sent is changed only by the prevention staff
or administrators: a municipality's editors neither see nor can post the address."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from municipalities.models import MunicipalityPage
from tests.factories import build_page_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality(db):
    return build_page_tree(
        municipality={"slug": "horsens", "prevention_contact_email": "fk@horsens.example"}
    ).municipality


def user_with(name, *codenames, page=None):
    group = Group.objects.create(name=f"gruppe {name}")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    if page is not None:
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
    user = User.objects.create_user(name, f"{name}@example.dk", "pw")
    user.groups.add(group)
    return user


def edit_form(page, user, data=None):
    form_class = MunicipalityPage.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)


def test_a_municipality_editor_does_not_get_the_field(client, municipality):
    editor = user_with("kommuneredaktoer", page=municipality)
    client.force_login(editor)
    response = client.get(f"/admin/pages/{municipality.pk}/edit/")
    assert response.status_code == 200
    assert 'name="prevention_contact_email"' not in response.content.decode()
    assert "prevention_contact_email" not in edit_form(municipality, editor).fields


def test_a_posted_address_from_a_municipality_editor_is_ignored(client, municipality):
    editor = user_with("kommuneredaktoer", page=municipality)
    client.force_login(editor)
    data = nested_form_data(
        {
            "title": municipality.title,
            "slug": municipality.slug,
            "name": municipality.name,
            "prevention_contact_email": "angriber@evil.example",
            "collaborations": streamfield([]),
            "body": streamfield([]),
            "action_plans": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/{municipality.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    municipality.refresh_from_db()
    assert municipality.prevention_contact_email == "fk@horsens.example"
    latest = municipality.get_latest_revision_as_object()
    assert latest.prevention_contact_email == "fk@horsens.example"


def test_the_prevention_staff_and_administrators_get_the_field(municipality):
    staff = user_with("dks", "view_all_projectrequests", page=municipality)
    admin = User.objects.create_superuser("admin", "admin@example.dk", "pw")
    assert "prevention_contact_email" in edit_form(municipality, staff).fields
    assert "prevention_contact_email" in edit_form(municipality, admin).fields


def test_the_fallback_address_in_the_contact_settings_likewise(client, municipality):
    editor = user_with("kommunikation", "change_contactsettings")
    client.force_login(editor)
    settings_url = f"/admin/settings/home/contactsettings/{municipality.get_site().pk}/"
    response = client.get(settings_url)
    assert response.status_code == 200
    assert 'name="prevention_email"' not in response.content.decode()
