"""The site's slug rule: Danish letters spelt out (æ -> ae, ø -> oe, å -> aa), then ASCII.

The same rule in the admin as an editor types a title (the slug widget's formatters, run by
Wagtail's w-slug Stimulus controller before its own ASCII transliteration) and on the server
for pages saved without a slug (BasePage.full_clean).
"""

from django.utils.text import slugify

DANISH_LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
_DANISH_TABLE = str.maketrans(DANISH_LETTERS)

# For wagtail.admin.widgets.SlugInput(formatters=...): (regex, replacement) pairs.
DANISH_SLUG_FORMATTERS = list(DANISH_LETTERS.items())


def danish_slugify(text):
    """ "Lokalråd+ konference i Århus" -> "lokalraad-konference-i-aarhus"."""
    return slugify(text.translate(_DANISH_TABLE))


def unique_child_slug(parent, base_slug, page=None):
    """base_slug, or base_slug-2, -3 …: the first no other child of parent has."""
    taken = set(
        parent.get_children().exclude(pk=page.pk if page else None).values_list("slug", flat=True)
    )
    slug, number = base_slug, 1
    while slug in taken:
        number += 1
        slug = f"{base_slug}-{number}"
    return slug
