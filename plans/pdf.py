"""The plan as a document: a PDF of each published plan, generated from the page's content with
WeasyPrint when the plan is published (signal_handlers.py) and served at <plan URL>pdf/.

The PDF has the table of contents with page numbers, page numbers on every page, a PDF bookmark
per part and section (WeasyPrint makes them from the headings), and the plan's address and date.
Generating it never breaks publishing: a failure is logged and the previous PDF, if any, stays
until the next publish or `manage.py generate_plan_pdfs`.
"""

import logging

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)

STYLESHEET = "plans/css/plan-pdf.css"


def render_plan_pdf(page):
    """The plan page's live content as PDF bytes."""
    # Imported here: WeasyPrint loads Pango through cffi, which the web pages never need.
    from weasyprint import CSS, HTML

    html = render_to_string(
        "plans/plan_pdf.html",
        {"page": page, "plan_url": page.full_url, "generated_at": timezone.localtime()},
    )
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    return HTML(string=html, base_url=page.full_url).write_pdf(stylesheets=[stylesheet])


def pdf_filename(page):
    return f"samarbejdsplan-{page.year}.pdf"


def store_plan_pdf(page):
    """Generate the plan's PDF and keep it (PlanDocument). Returns the PlanDocument, or None
    when generation failed; never raises."""
    from plans.models import PlanDocument

    try:
        content = render_plan_pdf(page)
    except Exception:
        logger.exception("Could not generate the PDF of %s", page.url_path)
        return None
    document, _created = PlanDocument.objects.get_or_create(page=page)
    old_name = document.file.name if document.file else ""
    document.file.save(pdf_filename(page), ContentFile(content), save=False)
    document.revision_id = page.live_revision_id
    document.generated_at = timezone.now()
    document.save()
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)
    return document
