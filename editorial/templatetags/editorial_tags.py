from django import template

from editorial.readability import lix, lix_level, page_text

register = template.Library()


@register.simple_tag
def page_lix(page):
    """LIX and its level for a saved page, or None for a page without text."""
    if page is None or not getattr(page, "pk", None):
        return None
    score = lix(page_text(page.specific))
    if score is None:
        return None
    return {"score": score, "level": lix_level(score)}
