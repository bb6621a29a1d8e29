from django import template

from plans.blocks import anchor_for_number

register = template.Library()


@register.filter
def section_anchor(number):
    """ "6.4" -> "6-4", the anchor of a plan section."""
    return anchor_for_number(str(number))
