"""Reading rendered pages the way a reader sees them: visible text, paragraphs, links."""

import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup

# Tags that do not break a line of text; every other tag separates words.
INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "cite",
    "code",
    "em",
    "i",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
INVISIBLE_TAGS = {"head", "script", "style", "template", "noscript"}


def normalise(text):
    """Collapse every run of whitespace (also non-breaking spaces) to one space."""
    return " ".join(text.split())


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)  # entities come out unescaped
        self.parts = []
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in INVISIBLE_TAGS:
            self.hidden_depth += 1
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in INVISIBLE_TAGS:
            self.hidden_depth = max(0, self.hidden_depth - 1)
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden_depth:
            self.parts.append(data)


def visible_text(html):
    """The page's text without tags, with entities unescaped and whitespace collapsed."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


def soup(html):
    return BeautifulSoup(html, "html.parser")


def paragraph_texts(html):
    return [normalise(p.get_text()) for p in soup(html).find_all("p")]


def element_ids(html):
    return {element["id"] for element in soup(html).find_all(id=True)}


def link_hrefs(html):
    return [a["href"] for a in soup(html).find_all("a", href=True)]


def html_lang(html):
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", html)
    return match.group(1) if match else None
