from django import template

from plans.blocks import anchor_for_number, display_number
from plans.comparison import segments_html

register = template.Library()


@register.filter
def section_anchor(number):
    """ "6.4" -> "6-4", the anchor of a plan section."""
    return anchor_for_number(str(number))


@register.filter
def section_display(number):
    """ "3" -> "3.", "3.1" -> "3.1": a section number as the plan prints it."""
    return display_number(str(number)) if number else ""


@register.filter
def diff_html(segments):
    """Word-diff segments (plans/comparison.py) as <ins>/<del>."""
    return segments_html(segments)
