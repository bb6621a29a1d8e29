"""Rich text written straight into the database loses scripts, event handlers, styles and
frames on every path that renders it: the page (|richtext and RichTextBlock) and the API's
?rich_text_format=html. Harmless markup stays."""

import json

import pytest

from home.models import HomePage
from home.rich_text_cleaning import clean_rich_text
from tests.factories import stream

HOSTILE = (
    '<p onclick="alert(1)" style="position:fixed;inset:0">tekst 1</p>'
    "<script>alert(2)</script>"
    '<p><img src="x" onerror="alert(3)">tekst 2</p>'
    '<iframe srcdoc="&lt;script&gt;alert(4)&lt;/script&gt;">ramme</iframe>'
    "<style>body{display:none}</style>"
    '<p><a href="/om/" onmouseover="alert(5)" style="color:red">lenke</a></p>'
    '<svg><script>alert(6)</script></svg><object data="x.swf">objekt</object>'
)
MARKERS = (
    "alert(",
    "onclick",
    "onerror",
    "onmouseover",
    " style=",
    "<style",
    "<iframe",
    "srcdoc",
    "<img",
)


def assert_clean(html):
    for marker in MARKERS:
        assert marker not in html, marker
    assert "tekst 1" in html and "tekst 2" in html
    assert '<a href="/om/">lenke</a>' in html


def test_the_allow_list_keeps_the_site_s_markup():
    source = (
        '<h2 id="a">Overskrift</h2><p><b>fed</b> <i>kursiv</i> <strong>s</strong> <em>e</em>'
        '<br><a href="https://politi.dk/?a=1&amp;b=2" title="Politiet">lenke</a></p>'
        "<ul><li>et</li></ul><ol><li>to</li></ol>"
    )
    assert clean_rich_text(source) == source


def test_hostile_markup_is_removed():
    assert_clean(clean_rich_text(HOSTILE))


@pytest.mark.django_db
def test_a_streamfield_paragraph_and_a_rich_text_field_on_the_page(page_tree, client):
    home = page_tree.home
    HomePage.objects.filter(pk=home.pk).update(intro=HOSTILE)
    standard = page_tree.standard
    type(standard).objects.filter(pk=standard.pk).update(body=stream(("paragraph", HOSTILE)))
    for url in (home.url, standard.url):
        page_html = client.get(url).content.decode()
        main = page_html[page_html.index("<main") :]
        assert_clean(main)


@pytest.mark.django_db
@pytest.mark.parametrize("rich_text_format", ["html", None])
def test_the_api_cleans_html_rich_text(page_tree, client, rich_text_format):
    home = page_tree.home
    HomePage.objects.filter(pk=home.pk).update(intro=HOSTILE, body=stream(("paragraph", HOSTILE)))
    params = {"fields": "intro,body"}
    if rich_text_format:
        params["rich_text_format"] = rich_text_format
    response = client.get(f"/api/v2/pages/{home.pk}/", params)
    assert response.status_code == 200
    data = response.json()
    paragraph = next(block for block in data["body"] if block["type"] == "paragraph")
    if rich_text_format == "html":
        assert_clean(data["intro"])
        assert_clean(paragraph["value"])
    else:
        # The database format is the source as stored, for reuse, not for display.
        assert data["intro"] == HOSTILE
        assert json.dumps(paragraph["value"]) == json.dumps(HOSTILE)
