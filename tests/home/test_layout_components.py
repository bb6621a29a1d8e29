"""The layout's identity and shared components: wordmark, icons, favicon, theme, contact details,
pagination, alerts and summary lists as Det Fælles Designsystem builds them."""

import pytest
from django.template import Context, Template, TemplateSyntaxError

from home.models import ContactSettings, NavigationSettings
from tests.factories import build_page_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_page_tree()


def test_every_page_links_the_theme_icons_and_scripts_and_names_the_council(client, tree):
    html = client.get(tree.advice.url).content.decode()
    assert 'href="/static/css/kredsraad.css"' in html
    # dkfds's own stylesheets are not served on top of the theme built from its Sass.
    assert "dkfds/css/" not in html
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    assert 'rel="icon" href="/static/img/favicon.ico"' in html
    assert 'rel="apple-touch-icon" href="/static/img/apple-touch-icon.png"' in html
    # dkfds's JavaScript and the file that starts it: external, deferred (script-src 'self').
    assert '<script src="/static/dkfds/js/dkfds.min.js" defer></script>' in html
    assert '<script src="/static/js/site.js" defer></script>' in html
    assert "<script>" not in html
    header = html.split("</header>")[0]
    assert 'class="site-wordmark"' in header
    assert '<span class="site-wordmark__title">Kredsrådet</span>' in header
    # Only the Latin-1 faces are preloaded, never a complete font file.
    assert "IBMPlexSans-Regular-Latin1.woff2" in html
    assert "/complete/" not in html


def test_favicon_ico_is_answered_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"


def test_the_footer_shows_only_the_contact_details_that_are_set(client, tree):
    footer = client.get(tree.advice.url).content.decode().split("<footer")[1]
    assert "<address" not in footer and "Telefon:" not in footer and "mailto:" not in footer
    contact = ContactSettings.for_site(tree.site)
    contact.address = "Politigården\nOlof Palmes Allé 1\n8200 Aarhus N"
    contact.email = "kredsraad@example.dk"
    contact.save()
    footer = client.get(tree.advice.url).content.decode().split("<footer")[1]
    assert "Olof Palmes Allé 1<br>8200 Aarhus N</address>" in footer
    assert 'href="mailto:kredsraad@example.dk"' in footer
    assert "Telefon:" not in footer  # not filled in, so not promised


def test_accessibility_statement_carries_the_contact_details_or_the_police_number(client, tree):
    navigation = NavigationSettings.for_site(tree.site)
    navigation.accessibility_page = tree.standard
    navigation.save()
    html = client.get(tree.standard.url).content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert '<h2 id="contact-title">Kontaktoplysninger</h2>' in main
    assert "Du kan altid kontakte politiet på telefon 114." in main
    contact = ContactSettings.for_site(tree.site)
    contact.phone = "87 31 14 48"
    contact.save()
    main = client.get(tree.standard.url).content.decode().split("<main")[1]
    assert 'href="tel:87311448">87 31 14 48</a>' in main.split("</main>")[0]
    assert "telefon 114." not in main.split("</main>")[0]
    # Other standard pages say nothing about contact details.
    other = client.get(tree.standard_child.url).content.decode()
    assert "contact-title" not in other


def test_setup_site_texts_promise_no_contact_details_in_the_footer():
    from pathlib import Path

    from sitebuilder import builder

    source = Path(builder.__file__).read_text(encoding="utf-8")
    assert "nederst på siden" not in source
    assert source.count("kontaktoplysningerne står herunder") == 2


def render(source, **context):
    return Template("{% load component_tags icon_tags %}" + source).render(Context(context))


def test_alert_has_dkfds_icon_with_a_name():
    html = render(
        '{% alert "success" heading="Tak" %}<p class="alert-text">Modtaget</p>{% endalert %}'
    )
    assert html.strip().startswith('<div class="alert alert-success" role="status">')
    assert (
        'class="icon-svg alert-icon" viewBox="0 -960 960 960" role="img" aria-label="Succes"'
        in html
    )
    assert "<path " in html
    assert '<h2 class="alert-heading">Tak</h2>' in html
    assert '<p class="alert-text">Modtaget</p>' in html
    error = render('{% alert "error" %}x{% endalert %}')
    assert 'role="alert"' in error and 'aria-label="Fejl"' in error
    with pytest.raises(TemplateSyntaxError):
        render('{% alert "purple" %}x{% endalert %}')


def test_decorative_icon_is_hidden_and_unknown_icons_fail_loudly():
    html = render('{% icon "chevron-right" %}')
    assert 'aria-hidden="true" focusable="false"' in html and "aria-label" not in html
    with pytest.raises(TemplateSyntaxError):
        render('{% icon "no-such-icon" %}')
    with pytest.raises(TemplateSyntaxError):
        render('{% icon "../../etc/passwd" %}')


def test_summary_list_is_dkfds_structured_list():
    html = render(
        '{% summary_list "Forening" name "Kommune" "Horsens" label="Henvendelsen" %}', name="A & B"
    )
    assert 'class="table structured-list' in html
    assert '<th scope="row">Forening</th>' in html
    assert "<td>A &amp; B</td>" in html
    assert '<th scope="row">Kommune</th>' in html and "<td>Horsens</td>" in html


def test_pagination_numbers_are_elided_around_the_current_page():
    from django.core.paginator import Paginator

    from home.templatetags.component_tags import pagination_numbers

    page = Paginator(range(200), 10).page(10)
    assert pagination_numbers(page) == [1, None, 9, 10, 11, None, 20]
    assert pagination_numbers(Paginator(range(30), 10).page(1)) == [1, 2, 3]


def test_side_menu_is_dkfds_sidemenu_with_nested_items():
    items = [
        {
            "href": "#1",
            "text": "1. Indledning",
            "children": [{"href": "#1-1", "text": "1.1 Formål"}],
        },
        {"href": "#2", "text": "2. Organisation", "current": True, "aria_current": "location"},
    ]
    html = render(
        '{% include "components/side_menu.html" with items=items label="Indhold" %}', items=items
    )
    assert '<nav aria-label="Indhold">' in html and '<ul class="sidemenu">' in html
    assert '<li class="active">' in html  # a parent of a sub-list
    assert "<ul>\n" in html or "<ul>" in html.split('href="#1"')[1]
    assert 'href="#1-1" class="nav-link"><span>1.1 Formål</span>' in html
    assert 'class="active current"' in html and 'aria-current="location"' in html
