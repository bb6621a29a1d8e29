"""The version of what the layout shows (menu, breadcrumbs, header and footer), for the
template fragment cache of those parts ({% wagtailcache %} in templates/base.html).

The version changes when a reader could see the layout change: a page published, unpublished,
moved or deleted (a title in the menu or the breadcrumbs, a page the footer links to), a view
restriction added or removed, or a site setting or Site saved. A draft save, an autosave or a
workflow step changes nothing. The version lives in the default cache (Redis in production,
shared by every app server), so a change made through one server renews the fragments of all
of them; a cache that is down gives no version, and the fragments are rendered afresh.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "layout-version"
VERSION_SECONDS = 24 * 60 * 60


def layout_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, VERSION_SECONDS):
            version = cache.get(VERSION_KEY, version)
    return version


def renew_layout(**kwargs):
    # At once, and again after the commit: a render in between, which still reads the old
    # rows, would otherwise keep the old layout under the new version.
    cache.delete(VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_KEY), robust=True)


# Besides the pages: what the layout reads that an administrator changes in the admin.
LAYOUT_MODELS = (BaseSiteSetting, Site, PageViewRestriction)


def renew_layout_on_save(sender, created=False, **kwargs):
    # A site setting is created with its defaults by the first render that reads it: that
    # render showed the defaults already.
    if issubclass(sender, LAYOUT_MODELS) and not (created and issubclass(sender, BaseSiteSetting)):
        renew_layout()


def register_signal_handlers():
    from django.db.models.signals import post_delete, post_save

    page_published.connect(renew_layout, dispatch_uid="layout-published")
    page_unpublished.connect(renew_layout, dispatch_uid="layout-unpublished")
    post_page_move.connect(renew_layout, dispatch_uid="layout-moved")
    post_delete.connect(renew_layout_on_delete, dispatch_uid="layout-deleted")
    post_save.connect(renew_layout_on_save, dispatch_uid="layout-saved")


def renew_layout_on_delete(sender, **kwargs):
    if issubclass(sender, (Page, *LAYOUT_MODELS)):
        renew_layout()
