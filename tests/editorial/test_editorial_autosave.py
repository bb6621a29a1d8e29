"""A publish that crosses the autosave of a new page publishes on the next click or says in
Danish why it did not; never the form again with the page silently left a draft."""

from django.urls import reverse
from wagtail.models import Page

from tests.admin_language import english_in_html
from tests.editorial.conftest import news_form


def test_publish_crossing_the_autosave_of_a_new_page_is_answered_in_danish(site, login):
    editor = login(site.user("kommunikation"))
    add_url = reverse(
        "wagtailadmin_pages:add", args=["news", "newspage", site.page("news_index").pk]
    )
    form = news_form(title="Nabohjælp i Hedensted", slug="nabohjaelp-i-hedensted")

    # The autosave ("Gemmer…") reaches the server first and creates the page as a draft ...
    autosave = editor.post(add_url, form, HTTP_ACCEPT="application/json")
    assert autosave.json()["success"] is True
    draft = Page.objects.get(slug="nabohjaelp-i-hedensted")
    assert not draft.live

    # ... then the "Udgiv" the editor clicked meanwhile, still aimed at the create view.
    response = editor.post(add_url, {**form, "action-publish": "1"}, follow=True)
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert response.redirect_chain == [(edit_url, 302)]
    html = response.content.decode()
    assert "gemt automatisk som kladde, mens du klikkede på" in html
    assert "ikke udgivet endnu" in html
    assert not english_in_html(html)
    assert Page.objects.filter(slug__startswith="nabohjaelp-i-hedensted").count() == 1

    # The next "Udgiv" from the draft's editor publishes.
    published = editor.post(edit_url, {**news_form(draft.specific), "action-publish": "1"})
    assert published.status_code == 302
    assert Page.objects.get(pk=draft.pk).live


def test_a_slug_taken_by_an_older_page_is_still_the_form_error(site, login):
    """Only a fresh, unpublished page of the same editor counts as the crossed autosave."""
    editor = login(site.user("kommunikation"))
    news = site.page("news")
    add_url = reverse(
        "wagtailadmin_pages:add", args=["news", "newspage", site.page("news_index").pk]
    )
    response = editor.post(
        add_url, {**news_form(title="Igen", slug=news.slug), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert "Siden kunne ikke oprettes" in response.content.decode() or "fejl" in (
        response.content.decode()
    )
