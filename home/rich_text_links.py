"""Dangerous URL schemes out of rendered rich text.

Wagtail's editor (Draftail and its contentstate converter) drops `javascript:` links when an
editor saves, but rich text written straight into the database (an import, a script, the API,
a migration, `setup_site`) keeps them, and Wagtail's front-end rewriter passes a link without a
linktype whose href is not http(s), mailto or # through unchanged. Wagtail has no extension
point for that case (link handlers only see links it has classified, and the rewriter list in
wagtail.rich_text.get_rewriter is fixed), so the site overrides the template both rendering
paths end in, `wagtailcore/shared/richtext.html` (the `|richtext` filter for RichTextField and
RichText.__html__ for RichTextBlock), and passes Wagtail's expanded HTML through
`neutralise_link_schemes`.

Only start tags with an unsafe URL are rewritten (without that attribute, the element and its
text kept); everything else stays byte for byte as Wagtail rendered it.
"""

import logging
import re
from html.parser import HTMLParser

from django.utils.html import escape

logger = logging.getLogger(__name__)

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# The attributes a browser follows or runs: links, form targets, frames and scripts.
URL_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "action", "formaction"})

# Browsers drop leading C0 controls and spaces and every tab or newline inside a URL
# ("java\tscript:" runs); dropping all controls and white space judges at least as strictly.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\xa0\s\u200b-\u200f\u2028\u2029\ufeff]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Cheap test before parsing: HTML without any of these names has no URL attribute.
_MAY_HOLD_URL = re.compile(r"href|src|action", re.IGNORECASE)


def is_safe_url(value):
    """Whether a URL attribute's value (entities already decoded, as the browser sees it) is
    http(s), mailto, tel, relative or a #fragment."""
    url = _IGNORED_IN_URL.sub("", value).lower()
    match = _SCHEME.match(url)
    return match is None or match.group(1) in SAFE_SCHEMES


class _UnsafeTagFinder(HTMLParser):
    """Collects the start tags that carry an unsafe URL, as written and rewritten."""

    def __init__(self):
        # convert_charrefs decodes entities in attribute values the way a browser does
        # ("&#106;avascript:", "java&#x09;script:").
        super().__init__(convert_charrefs=True)
        self.replacements = {}

    def handle_starttag(self, tag, attrs):
        unsafe = {
            name
            for name, value in attrs
            if name in URL_ATTRIBUTES and value is not None and not is_safe_url(value)
        }
        if unsafe:
            kept = "".join(
                f' {name}="{escape(value)}"' if value is not None else f" {name}"
                for name, value in attrs
                if name not in unsafe
            )
            self.replacements[self.get_starttag_text()] = f"<{tag}{kept}>"


def neutralise_link_schemes(html):
    """Rendered rich text with every unsafe URL attribute removed (see the module docstring)."""
    if not html or not _MAY_HOLD_URL.search(html):
        return html
    finder = _UnsafeTagFinder()
    try:
        finder.feed(html)
    except Exception:
        # Fail closed: markup the parser cannot read is shown as text.
        logger.exception("Rich text could not be parsed; rendered escaped")
        return escape(html)
    # A tag still open at the end would swallow the page's next markup in the browser and could
    # become a link there; as text it is harmless.
    unfinished = finder.rawdata
    if unfinished:
        html = html[: len(html) - len(unfinished)] + escape(unfinished)
    for written, rewritten in finder.replacements.items():
        if written != rewritten:
            html = html.replace(written, rewritten)
    return html
