"""LIX, the Danish readability index (Björnsson): words per sentence plus the share of long
words (more than six letters) in percent. Under 25: very easy; 25–34 easy; 35–44 medium
(newspapers); 45–54 hard; 55 and over: very hard (legal and academic text)."""

import html
import re

from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField

WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
# Full stops, colons, question and exclamation marks end a "sentence" in LIX.
SENTENCE_END = re.compile(r"[.:!?]+(?=\s|$)")

LEVELS = [
    (25, "meget let"),
    (35, "let"),
    (45, "middel"),
    (55, "svær"),
]


def lix(text):
    words = WORD.findall(text)
    if not words:
        return None
    sentences = max(len(SENTENCE_END.findall(text)), 1)
    long_words = sum(1 for word in words if len(word) > 6)
    return round(len(words) / sentences + 100 * long_words / len(words))


def lix_level(score):
    for limit, label in LEVELS:
        if score < limit:
            return label
    return "meget svær"


def page_text(page):
    """The page's own text: its title, summary, rich text and StreamField content."""
    parts = [page.title, getattr(page, "summary", "")]
    for field in page._meta.get_fields():
        if isinstance(field, StreamField | RichTextField):
            value = getattr(page, field.name, None)
            if not value:
                continue
            rendered = value.render_as_block() if isinstance(field, StreamField) else str(value)
            parts.append(strip_tags(str(rendered).replace("<", " <")))
    return html.unescape(" \n".join(part for part in parts if part))
