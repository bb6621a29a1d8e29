"""Rich text cleaned against an allow-list before it reaches a reader.

Wagtail's editor only stores what the field's features allow, but rich text written straight
into the database (an import, a script, a migration, the API) is rendered as it was written:
`<script>`, `on*=` handlers, `style` and `<iframe srcdoc>` included. Every rendering path ends
in `clean_rich_text`: the override of `wagtailcore/shared/richtext.html` (the `|richtext` filter
and RichText.__html__, see home/rich_text_links.py) and the API's `?rich_text_format=html`
(home/api_fields.py). nh3 (the Rust html5ever-based ammonia) parses as a browser does and keeps
only the elements and attributes below; anything else loses its tag (its text stays), and the
elements whose content is code lose their content too.
"""

import nh3

from home.rich_text_links import SAFE_SCHEMES, neutralise_link_schemes

# What the site's rich-text features produce (home.blocks.RICH_TEXT_FEATURES, the fields'
# feature lists) and Wagtail's other built-in text features, so that enabling one later does
# not silently lose markup. No images, embeds or iframes: no feature here uses them.
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code", "blockquote",
        "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
# Dropped with their content: what is inside is code, not text for the reader.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
)

_cleaner = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    url_schemes=set(SAFE_SCHEMES),
    # Wagtail's own markup carries no rel; adding one would change every link for nothing.
    link_rel=None,
    strip_comments=True,
)


def clean_rich_text(html):
    """Wagtail's rendered (front-end) rich text, restricted to the allow-list."""
    if not html:
        return html
    return _cleaner.clean(neutralise_link_schemes(str(html)))
