"""A parsed plan as a draft PlanPage under the plan index (`manage.py import_plan`, the admin's
upload, and `setup_site` for the plan's body).

The import writes in one transaction and only where something changed: a plan whose text is
the same as the year's latest revision leaves the page untouched, so uploading the same file
twice makes one revision. The page is never published here; it goes live through the
"Godkendelse af samarbejdsplan" workflow and its scheduled go-live (PlanPage.clean).
"""

import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.html import escape

from plans.models import PlanIndexPage, PlanPage
from plans.plan_text import PlanSourceError
from plans.signals import plan_imported


def paragraph_html(text):
    return f"<p>{escape(text)}</p>"


def blocks_to_stream(blocks):
    """Plan blocks as raw StreamField data for the shared body (paragraphs, bullet lists)."""
    stream = []
    for block in blocks:
        if block.kind == "paragraph":
            stream.append({"type": "paragraph", "value": paragraph_html(block.text)})
        elif block.kind == "list":
            stream.append({"type": "bullet_list", "value": {"items": block.items}})
        elif block.kind == "signatories":
            stream.append({"type": "signatories", "value": {"names": block.items}})
    return stream


def plan_stream(plan):
    """The whole plan as the PlanPage body: parts, numbered section headings, their blocks."""
    stream, part = [], ""
    for section in plan.sections:
        if section.part and section.part != part:
            part = section.part
            stream.append({"type": "part", "value": {"label_text": part}})
        stream.append(
            {"type": "section", "value": {"number": section.number, "title": section.title}}
        )
        stream.extend(blocks_to_stream(section.blocks))
    return stream


def plan_page_fields(plan):
    """The PlanPage fields a plan's text gives: only what the text states."""
    introduction = plan.sections[0].paragraphs if plan.sections else []
    return {
        "title": f"Samarbejdsplan {plan.year}",
        "year": plan.year,
        "subtitle": " · ".join(plan.issuers),
        "parties_text": "\n".join(plan.parties),
        "approval_statement": plan.approval_statement,
        "in_force_from": plan.in_force_from,
        "summary": introduction[0] if introduction else "",
    }


def _without_ids(value):
    """Stream data without the ids Wagtail gives blocks and list items on every save."""
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def _comparable(page):
    body = _without_ids(
        [
            {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
            for block in page.body
        ]
    )
    return (
        page.title,
        page.subtitle,
        page.parties_text,
        page.approval_statement,
        page.in_force_from,
        page.summary,
        json.dumps(body, sort_keys=True, default=str),
    )


@dataclass
class ImportResult:
    page: PlanPage
    created: bool
    changed: bool  # a new revision was saved

    @property
    def message(self):
        if self.created:
            return f"{self.page.title} er oprettet som kladde."
        if self.changed:
            return f"{self.page.title}: en ny kladde (revision) er gemt."
        return f"{self.page.title}: teksten er den samme som i seneste version; intet er ændret."


def import_plan(plan, user=None, index=None):
    """Create the year's draft PlanPage, or a new revision of the year's page when the text
    differs from its latest revision. Returns an ImportResult."""
    with transaction.atomic():
        index = index or PlanIndexPage.objects.order_by("path").first()
        if index is None:
            raise PlanSourceError("Der findes ingen oversigt over samarbejdsplaner at oprette i.")
        fields = plan_page_fields(plan)
        body = json.dumps(plan_stream(plan))
        existing = PlanPage.objects.filter(year=plan.year).first()
        if existing is None:
            page = PlanPage(slug=str(plan.year), live=False, body=body, **fields)
            index.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
            result = ImportResult(page, created=True, changed=True)
        else:
            page = existing.get_latest_revision_as_object()
            before = _comparable(page)
            for name, value in fields.items():
                setattr(page, name, value)
            page.body = body
            if _comparable(page) == before:
                result = ImportResult(existing, created=False, changed=False)
            else:
                page.save_revision(user=user, log_action=True)
                result = ImportResult(page, created=False, changed=True)
        if result.changed:
            plan_imported.send(sender=PlanPage, page=result.page, plan=plan, user=user)
        return result
