"""A new year's local focus areas follow its plan: the plan's import creates them as drafts."""

import json

from django.utils.text import slugify

from focus.models import FocusAreaIndexPage, FocusAreaPage
from plans.importing import blocks_to_stream
from plans.signals import plan_imported

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})


def local_focus_sections(plan):
    """The subsections of the plan's local focus areas ("3.2 Lokale fokusområder 2017")."""
    groups = [
        s
        for s in plan.sections
        if s.depth == 2 and s.title.lower().startswith("lokal") and "fokusområde" in s.title.lower()
    ]
    return [section for group in groups for section in plan.subsections(group.number)]


def create_local_focus_area_drafts(sender, page, plan, user=None, **kwargs):
    index = FocusAreaIndexPage.objects.order_by("path").first()
    if index is None:
        return
    existing = set(
        FocusAreaPage.objects.filter(plan_page=page).values_list("plan_section", flat=True)
    )
    taken_slugs = set(index.get_children().values_list("slug", flat=True))
    for section in local_focus_sections(plan):
        if section.number in existing:
            continue
        title = section.title.rstrip(". ").strip()
        slug = slugify(f"{title} {plan.year}".lower().translate(DANISH_LETTERS))
        if slug in taken_slugs:
            continue
        paragraphs = section.paragraphs
        area = FocusAreaPage(
            title=title,
            slug=slug,
            live=False,
            scope=FocusAreaPage.Scope.LOCAL,
            period=str(plan.year),
            summary=paragraphs[0][:600] if paragraphs else "",
            body=json.dumps(blocks_to_stream(section.blocks)),
            plan_page=page,
            plan_section=section.number,
        )
        index.add_child(instance=area)
        area.save_revision(user=user, log_action=True)
        taken_slugs.add(slug)


def register_signal_handlers():
    plan_imported.connect(create_local_focus_area_drafts, dispatch_uid="focus-local-drafts")
