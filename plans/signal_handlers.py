"""The plan's PDF is made again whenever the plan is published (plans/pdf.py)."""

import logging

from django.db import transaction
from wagtail.signals import page_published

from plans.models import PlanPage
from plans.pdf import store_plan_pdf

logger = logging.getLogger(__name__)


def generate_pdf_after_publish(sender, instance, **kwargs):
    # After the commit, so the PDF is made from what was published; store_plan_pdf never
    # raises, so a failure cannot undo or break the publish.
    transaction.on_commit(lambda: store_plan_pdf(instance))


def register_signal_handlers():
    page_published.connect(
        generate_pdf_after_publish, sender=PlanPage, dispatch_uid="plans-pdf-on-publish"
    )
