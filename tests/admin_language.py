"""Wagtail's strings that a rendered admin page shows in English.

Wagtail's English catalogues (`wagtail/**/locale/en/LC_MESSAGES/*.po`) list every msgid it can
show. A msgid counts as translated when the running Danish catalogue (Wagtail's own plus the
project's `locale/da`, through LOCALE_PATHS) answers with something else, or when a Danish
catalogue deliberately keeps the same word ("Status"). The text an editor sees (text nodes,
and the attributes read aloud or shown: title, aria-label, placeholder, alt, button values) is
then searched for the untranslated ones.
"""

import contextlib
import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from html.parser import HTMLParser
from pathlib import Path

import django.contrib.humanize
import polib
import wagtail
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

WAGTAIL_DIR = Path(wagtail.__file__).parent
# Wagtail's admin formats times with humanize's naturaltime, so its strings are Wagtail's too.
HUMANIZE_DIR = Path(django.contrib.humanize.__file__).parent
# Placeholders in Wagtail's msgids: %(name)s, %s, %d, {name}.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdi]|%[sdi]|\{[a-z_]*\}")
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
SKIPPED_ELEMENTS = {"script", "style", "textarea", "noscript"}


@dataclass(frozen=True)
class Message:
    domain: str
    context: str
    msgid: str
    plural: str

    @cached_property
    def pattern(self):
        return message_pattern(self.msgid)


def _placeholder_pattern(placeholder):
    return r"\d+" if placeholder.endswith("d") else r"[^.!?]{1,80}?"


def message_pattern(msgid):
    """A regex finding msgid in a text, its placeholders standing for a number or a short text;
    None when too little of it is fixed text to tell it apart ("%(site_setting)s for %(site)s")."""
    text = " ".join(msgid.split())
    parts = PLACEHOLDER.split(text)
    placeholders = PLACEHOLDER.findall(text)
    words = re.findall(r"[A-Za-z]{2,}", "".join(parts))
    if placeholders and len(words) < 2:
        return None
    # Wagtail capitalises labels it takes from verbose names ("title tag" -> "Title tag").
    first = parts[0][:1]
    lead = f"[{first.upper()}{first}]" if first.islower() else re.escape(first)
    body = (
        lead
        + re.escape(parts[0][1:])
        + "".join(
            _placeholder_pattern(placeholder) + re.escape(part)
            for placeholder, part in zip(placeholders, parts[1:], strict=True)
        )
    )
    if len(words) == 1 and not placeholders:
        # A single word only when it is the whole text shown (a label, a button, a tab), so
        # that "Live" in a sentence or a page title made of it is not taken for Wagtail's.
        return re.compile(rf"^\s*{body}\s*[*:]?\s*$")
    return re.compile(rf"(?<![A-Za-z]){body}(?![A-Za-z])")


def _entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete and entry.msgid]


@cache
def wagtail_messages():
    """Every message of Wagtail's catalogues (and humanize's) with an English word in it."""
    messages = set()
    paths = sorted(WAGTAIL_DIR.glob("**/locale/en/LC_MESSAGES/*.po"))
    paths.append(HUMANIZE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po")
    for path in paths:
        for entry in _entries(path):
            if re.search(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", entry.msgid)):
                messages.add(
                    Message(path.stem, entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
                )
    return frozenset(messages)


@cache
def kept_as_is():
    """(domain, context, msgid) a Danish catalogue translates to itself on purpose."""
    paths = list(WAGTAIL_DIR.glob("**/locale/da/LC_MESSAGES/*.po"))
    paths.append(HUMANIZE_DIR / "locale" / "da" / "LC_MESSAGES" / "django.po")
    for locale_path in settings.LOCALE_PATHS:
        paths += list(Path(locale_path).glob("da/LC_MESSAGES/*.po"))
    return frozenset(
        (path.stem, entry.msgctxt or "", entry.msgid)
        for path in paths
        for entry in _entries(path)
        if entry.msgstr == entry.msgid or entry.msgstr_plural.get(0) == entry.msgid
    )


@cache
def _catalogue(domain):
    return DjangoTranslation("da", domain=domain)


def is_translated(message):
    if (message.domain, message.context, message.msgid) in kept_as_is():
        return True
    with translation.override("da"):
        catalogue = _catalogue(message.domain)
        if message.context and message.plural:
            answer = catalogue.npgettext(message.context, message.msgid, message.plural, 1)
        elif message.context:
            answer = catalogue.pgettext(message.context, message.msgid)
        elif message.plural:
            answer = catalogue.ngettext(message.msgid, message.plural, 1)
        else:
            answer = catalogue.gettext(message.msgid)
    return answer != message.msgid


@cache
def untranslated_messages():
    return tuple(
        sorted(
            (message for message in wagtail_messages() if not is_translated(message)),
            key=lambda message: message.msgid,
        )
    )


def json_strings(value):
    """Every string in a JSON document (the sidebar's menu, the editor's panels are JSON)."""
    if isinstance(value, str):
        if "<" in value:
            yield from shown_texts(value)
        else:
            yield " ".join(value.split())
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


class _ShownText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._skipping = 0
        self._json = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/json":
            self._json = []
            return
        if tag in SKIPPED_ELEMENTS:
            self._skipping += 1
        for name in SHOWN_ATTRIBUTES:
            if values.get(name):
                self.texts.append(values[name])
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.texts.append(values["value"])

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            with contextlib.suppress(ValueError):
                self.texts.extend(json_strings(json.loads("".join(self._json))))
            self._json = None
        elif tag in SKIPPED_ELEMENTS and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)
        elif not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def shown_texts(html):
    parser = _ShownText()
    parser.feed(html)
    return parser.texts


def english_in_texts(texts):
    """The untranslated Wagtail msgids found in texts, each with the text it was found in."""
    found = {}
    for message in untranslated_messages():
        pattern = message.pattern
        if pattern is None:
            continue
        for text in texts:
            if pattern.search(text):
                found.setdefault(message.msgid, text)
                break
    return found


def english_in_html(html):
    return english_in_texts(shown_texts(html))
