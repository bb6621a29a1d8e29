"""Rich text written straight into the database (an import, a script, a migration) cannot bring a
javascript:, vbscript: or data: link onto a public page, however it is spelt; safe links render
exactly as Wagtail renders them."""

import html
import re
from html.parser import HTMLParser

import pytest
from django.template import engines
from wagtail.rich_text import RichText, expand_db_html
from wagtail_factories import DocumentFactory

from home.rich_text_links import is_safe_url, neutralise_link_schemes
from tests.factories import stream

# Opening tags as an import could write them; each link's text is "lenke <n>".
UNSAFE_LINKS = [
    '<a href="javascript:alert(1)">',
    '<a href="JAVASCRIPT:alert(1)">',
    '<a href="JaVaScRiPt:alert(1)">',
    '<a href="  javascript:alert(1)">',
    '<a href="&#1;&#31;javascript:alert(1)">',
    '<a href="java&#x09;script:alert(1)">',
    '<a href="java&#9;script:alert(1)">',
    '<a href="jav&NewLine;ascript:alert(1)">',
    '<a href="&#106;avascript:alert(1)">',
    '<a href="&#x6A;&#x61;vascript&#x3A;alert(1)">',
    '<a href="&#106&#97vascript:alert(1)">',
    '<a href="javascript&colon;alert(1)">',
    '<a href="java\tscript:alert(1)">',
    '<a href="java\nscript:alert(1)">',
    '<a href="java\rscript:alert(1)">',
    "<a href='javascript:alert(1)'>",
    "<a href=javascript:alert(1)>",
    '<a/href="javascript:alert(1)">',
    '<a title=">" href="javascript:alert(1)">',
    '<a linktype="external" href="javascript:alert(1)">',
    '<a href="vbscript:msgbox(1)">',
    '<a href="VBScript:msgbox(1)">',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<a href=" DATA:text/html,<script>alert(1)</script>">',
]

SAFE_LINKS = [
    '<a href="http://example.org/">',
    '<a href="https://politi.dk/sydoestjylland?side=1&amp;vis=alle">',
    '<a href="mailto:kredsraad@example.org">',
    '<a href="tel:+4512345678">',
    '<a href="/forebyggelse/">',
    '<a href="om/kredsraadet/">',
    '<a href="#afsnit-3">',
]


def links(tags):
    return "".join(f"<p>{tag}lenke {number}</a></p>" for number, tag in enumerate(tags))


def without_entities_and_blanks(page_html):
    """The page text as a browser judges a URL: entities decoded, controls and blanks gone."""
    return re.sub(r"[\x00-\x20\s]+", "", html.unescape(page_html)).lower()


class HrefCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        self.hrefs.extend(value for name, value in attrs if name == "href")


def hrefs(page_html):
    collector = HrefCollector()
    collector.feed(page_html)
    return collector.hrefs


def assert_no_unsafe_link(page_html):
    judged = without_entities_and_blanks(page_html)
    for scheme in ("javascript:", "vbscript:", "data:text"):
        assert scheme not in judged
    for number in range(len(UNSAFE_LINKS)):
        assert f">lenke {number}</a>" in page_html, f"the text of link {number} is kept"


@pytest.mark.parametrize("tag", UNSAFE_LINKS)
def test_unsafe_link_loses_its_href_and_keeps_its_text(tag):
    rendered = neutralise_link_schemes(f"<p>{tag}lenke</a> efter</p>")
    assert rendered.startswith("<p><a")
    assert rendered.endswith(">lenke</a> efter</p>")
    assert hrefs(rendered) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/",
        "HTTPS://example.org/",
        "mailto:a@example.org",
        "tel:+45 12 34 56 78",
        "/forebyggelse/",
        "om/a:b",
        "//example.org/",
        "#top",
        "",
    ],
)
def test_safe_urls(url):
    assert is_safe_url(url)


def test_safe_rich_text_is_left_byte_for_byte():
    source = links(SAFE_LINKS) + '<p><a id="anker">anker</a> <b>fed</b><br/>a &lt; b &amp; c</p>'
    assert neutralise_link_schemes(source) == source


def test_a_tag_left_open_at_the_end_becomes_text():
    # Unclosed, it would take the page's next markup as its attributes and could end as a link.
    rendered = neutralise_link_schemes('<p>slut</p><a href="javascript:alert(1)"')
    assert rendered == "<p>slut</p>&lt;a href=&quot;javascript:alert(1)&quot;"


def test_both_wagtail_rendering_paths_use_the_override():
    """RichTextField (|richtext) and RichTextBlock (RichText.__html__) both end in
    wagtailcore/shared/richtext.html; if a Wagtail upgrade renders elsewhere, this fails."""
    source = '<p><a href="javascript:alert(1)">lenke</a></p>'
    assert "javascript" in expand_db_html(source), "Wagtail's rewriter now drops it itself"
    as_block = str(RichText(source))
    as_field = engines["django"].from_string("{% load wagtailcore_tags %}{{ v|richtext }}")
    as_field = as_field.render({"v": source})
    for rendered in (as_block, as_field):
        assert rendered == "<p><a>lenke</a></p>"


@pytest.mark.django_db
def test_unsafe_links_in_a_streamfield_paragraph_are_neutralised(page_tree, client):
    standard = page_tree.standard
    standard.body = stream(("paragraph", links(UNSAFE_LINKS)))
    standard.save()
    page_html = client.get(standard.url).content.decode()
    assert_no_unsafe_link(page_html)


@pytest.mark.django_db
def test_unsafe_links_in_a_rich_text_field_are_neutralised(page_tree, client):
    home = page_tree.home
    home.intro = links(UNSAFE_LINKS)
    home.save()
    page_html = client.get(home.url).content.decode()
    assert_no_unsafe_link(page_html)


@pytest.mark.django_db
def test_safe_links_render_unchanged(page_tree, client):
    document = DocumentFactory(title="Samarbejdsplan 2017")
    internal = [
        f'<a linktype="page" id="{page_tree.advice.pk}">',
        f'<a linktype="document" id="{document.pk}">',
    ]
    home = page_tree.home
    home.intro = links(SAFE_LINKS + internal)
    home.save()
    standard = page_tree.standard
    standard.body = stream(("paragraph", links(SAFE_LINKS + internal)))
    standard.save()

    expected = [
        *SAFE_LINKS,
        f'<a href="{page_tree.advice.url}">',
        f'<a href="{document.url}">',
    ]
    for page in (home, standard):
        page_html = client.get(page.url).content.decode()
        for number, tag in enumerate(expected):
            assert f"{tag}lenke {number}</a>" in page_html


# Editor-entered URLs outside rich text: the admin validates them, a raw write does not.
UNSAFE_URL = "java\tscript:alert(1)"


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "shown"), [(UNSAFE_URL, False), ("https://example.org/", True)])
def test_call_to_action_url(page_tree, client, url, shown):
    standard = page_tree.standard
    block = {"title": "Læs planen", "text": "", "page": None, "url": url, "link_text": "Til planen"}
    standard.body = stream(("call_to_action", block))
    standard.save()
    page_html = client.get(standard.url).content.decode()
    assert ">Til planen</a>" in page_html
    assert "javascript" not in without_entities_and_blanks(page_html)
    assert (f'href="{url}"' in page_html) is shown


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "shown"), [(UNSAFE_URL, False), ("https://example.org/", True)])
def test_conference_registration_url(page_tree, client, url, shown):
    conference = page_tree.conference
    # Page.save() validates the URL; an import writing the row directly does not.
    type(conference).objects.filter(pk=conference.pk).update(registration_url=url)
    page_html = client.get(conference.url).content.decode()
    assert "javascript" not in without_entities_and_blanks(page_html)
    assert ("Tilmeld dig konferencen" in page_html) is shown
    assert (f'"url": "{url}"' in page_html or f'href="{url}"' in page_html) is shown
