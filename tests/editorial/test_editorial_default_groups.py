"""Wagtail's default groups "Editors" and "Moderators" (add/edit, and for Moderators publish, on
the whole tree) go when nobody is in them; with members they stay and setup_editorial warns."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page

from editorial import roles


@pytest.mark.django_db
def test_wagtails_migrations_create_the_default_groups_on_the_whole_tree():
    """What the clean-up guards against (this module's first test, before its site is built)."""
    root = Page.get_first_root_node()
    for name in roles.WAGTAIL_DEFAULT_GROUPS:
        group = Group.objects.get(name=name)
        assert GroupPagePermission.objects.filter(group=group, page=root).exists()


def wagtail_default_group(name):
    """The group as Wagtail's migration makes it (the module's site has already removed it)."""
    group, _created = Group.objects.get_or_create(name=name)
    root = Page.get_first_root_node()
    GroupPagePermission.objects.get_or_create(
        group=group, page=root, permission=roles._permission("wagtailcore", "change_page")
    )
    return group


def run_setup_editorial():
    out = io.StringIO()
    call_command("setup_editorial", stdout=out)
    return out.getvalue()


def test_empty_default_groups_are_removed(site):
    for name in roles.WAGTAIL_DEFAULT_GROUPS:
        wagtail_default_group(name)

    output = run_setup_editorial()

    assert not Group.objects.filter(name__in=roles.WAGTAIL_DEFAULT_GROUPS).exists()
    assert not GroupPagePermission.objects.filter(page=Page.get_first_root_node()).exists()
    assert 'Fjernet: Wagtails standardgruppe "Editors" (uden medlemmer)' in output
    assert 'Fjernet: Wagtails standardgruppe "Moderators" (uden medlemmer)' in output
    assert "Advarsel" not in output


def test_a_default_group_with_members_stays_and_is_named_in_a_warning(site):
    editors = wagtail_default_group("Editors")
    wagtail_default_group("Moderators")
    User = get_user_model()
    people = [User.objects.create_user(username=f"person{n}") for n in range(2)]
    editors.user_set.add(*people)

    output = run_setup_editorial()

    assert set(Group.objects.get(name="Editors").user_set.all()) == set(people)
    assert GroupPagePermission.objects.filter(group=editors).exists()
    assert not Group.objects.filter(name="Moderators").exists()
    assert (
        'Advarsel: Wagtails standardgruppe "Editors" har 2 medlemmer og er ikke fjernet.' in output
    )
    assert "Moderators" in output and '"Moderators" har' not in output


def test_a_single_member_is_counted_in_the_singular(site):
    moderators = wagtail_default_group("Moderators")
    moderators.user_set.add(get_user_model().objects.create_user(username="moderator"))
    output = run_setup_editorial()
    assert 'standardgruppe "Moderators" har 1 medlem og er ikke fjernet' in output


def test_the_clean_up_is_idempotent(site):
    editors = wagtail_default_group("Editors")
    editors.user_set.add(get_user_model().objects.create_user(username="redaktoer"))
    wagtail_default_group("Moderators")
    run_setup_editorial()
    groups = sorted(Group.objects.values_list("name", flat=True))

    second = run_setup_editorial()

    assert sorted(Group.objects.values_list("name", flat=True)) == groups
    assert "Fjernet" not in second
    # The warning repeats for as long as people are in the group.
    assert 'standardgruppe "Editors" har 1 medlem' in second
    assert Group.objects.get(name="Editors").user_set.count() == 1
