"""Det Fælles Designsystem's icons, inline as its documentation writes them.

dkfds references its icons as `<use href="#name">` into a sprite of all 158 icons (56 KB) placed
in the page. A page here uses two or three, so the tag inlines just the one icon's path from
dkfds's single-icon files (node_modules/dkfds/dist/img/svg-icons/), a few hundred bytes each.
"""

import re
from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

SVG_PARTS = re.compile(r"<svg[^>]*viewBox=\"(?P<viewbox>[^\"]+)\"[^>]*>(?P<body>.*)</svg>", re.S)


@lru_cache(maxsize=64)
def icon_parts(name):
    if not re.fullmatch(r"[a-z0-9-]+", name):
        raise template.TemplateSyntaxError(f"Not a dkfds icon name: {name!r}")
    path = finders.find(f"dkfds/img/svg-icons/{name}.svg")
    if path is None:
        raise template.TemplateSyntaxError(f"dkfds has no icon {name!r} (npm ci?)")
    with open(path, encoding="utf-8") as svg_file:
        match = SVG_PARTS.search(svg_file.read())
    return match["viewbox"], match["body"]


@register.simple_tag
def icon(name, label="", classes=""):
    """`{% icon "info" label="Information" classes="alert-icon" %}`: dkfds's .icon-svg markup.

    With a label the icon is an image with that name (dkfds's alerts); without, decoration.
    """
    viewbox, body = icon_parts(name)
    css_class = f"icon-svg {classes}".strip()
    if label:
        return format_html(
            '<svg class="{}" viewBox="{}" role="img" aria-label="{}" focusable="false">{}</svg>',
            css_class,
            viewbox,
            label,
            mark_safe(body),  # noqa: S308 - dkfds's own icon file, not user input
        )
    return format_html(
        '<svg class="{}" viewBox="{}" aria-hidden="true" focusable="false">{}</svg>',
        css_class,
        viewbox,
        mark_safe(body),  # noqa: S308 - dkfds's own icon file, not user input
    )
