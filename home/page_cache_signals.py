"""What invalidates the full-page cache (home/page_cache.py): any change a reader could see on
any page. The menu, breadcrumbs, listings and footer show other pages' titles and the site
settings, so a change to one page bumps the generation of all of them rather than guessing
which pages show it."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.page_cache import bump_generation

page_published.connect(bump_generation, dispatch_uid="pagecache-published")
page_unpublished.connect(bump_generation, dispatch_uid="pagecache-unpublished")
post_page_move.connect(bump_generation, dispatch_uid="pagecache-moved")


@receiver(post_delete, dispatch_uid="pagecache-deleted")
def _page_deleted(sender, instance, **kwargs):
    # A Site is read from the cache too (home/request_memo.py).
    if isinstance(instance, Page | Site):
        bump_generation()


@receiver(post_save, sender=Site, dispatch_uid="pagecache-site")
def _site_saved(sender, instance, **kwargs):
    bump_generation()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-deleted")
def _restriction_changed(sender, instance, **kwargs):
    # A page made private must leave the cache (and the cached menus) at once; the restriction
    # is saved on its own, without a publish.
    bump_generation()


@receiver(post_save, dispatch_uid="pagecache-page-saved")
def _page_saved(sender, instance, **kwargs):
    # Also a save outside publishing (a slug changed in code, an import): the cached routes
    # (home/request_memo.py) map URL paths to pages and must follow.
    if isinstance(instance, Page):
        bump_generation()


@receiver(post_save, dispatch_uid="pagecache-settings")
def _settings_saved(sender, instance, created, **kwargs):
    # A settings row created on first read holds the defaults the page was rendered with.
    if isinstance(instance, BaseSiteSetting) and not created:
        bump_generation()
