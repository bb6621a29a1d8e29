"""In Chromium: "Udgiv" clicked on a new page while its autosave ("Gemmer…") is under way.

The autosave's request reaches the server (which creates the page as a draft) but its answer is
held back, as on a slow connection, so that the editor's form still points at the create view
when the publish is sent. The publish must then either publish or say in Danish why not."""

import pytest
from wagtail.models import Page

from tests.admin_language import english_in_html
from tests.browser_admin import admin_tab, set_date
from tests.editorial.conftest import PASSWORD


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_publish_while_the_autosave_runs_is_never_silent(live_server, news_index_id, browser):
    _context, editor = admin_tab(browser, live_server.url, "kommunikation", PASSWORD)

    held = []
    seen = []
    editor.on(
        "request",
        lambda r: r.method == "POST" and seen.append((r.url[-60:], r.headers.get("accept"))),
    )

    def hold_autosave_answer(route, request):
        # The autosave asks for JSON; the editor's own submit asks for HTML.
        if request.method == "POST" and "application/json" in request.headers.get("accept", ""):
            held.append((route, route.fetch()))
        else:
            route.continue_()

    add_url = f"{live_server.url}/admin/pages/add/news/newspage/{news_index_id}/"
    editor.route(f"{add_url}**", hold_autosave_answer)
    editor.goto(add_url)
    editor.fill("#id_title", "Nabohjælp i Hedensted")
    editor.fill("#id_summary", "Nu også i Hedensted.")
    set_date(editor, "#id_date", "27.11.2026")
    # The autosave follows real keystrokes (Wagtail's w-unsaved controller), not fill().
    editor.click("#id_summary")
    editor.keyboard.type(" Tilmeld dig.")
    for _attempt in range(300):
        if held:
            break
        if _attempt % 50 == 49:
            editor.keyboard.type(".")
        editor.wait_for_timeout(100)
    assert held, "no autosave started: " + repr(seen)
    draft = Page.objects.get(slug="nabohjaelp-i-hedensted")
    assert not draft.live

    editor.click("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']")
    editor.click("button[name=action-publish]")
    editor.wait_for_load_state("load")
    html = editor.content()
    edit_url = f"{live_server.url}/admin/pages/{draft.pk}/edit/"
    # Not published, and told so in Danish, in the draft's own editor ...
    assert editor.url == edit_url
    assert "gemt automatisk som kladde" in html
    assert not english_in_html(html)
    for route, response in held:
        route.fulfill(response=response)
    editor.unroute(f"{add_url}**")

    # ... where the next "Udgiv" publishes.
    editor.click("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']")
    editor.click("button[name=action-publish]")
    editor.wait_for_url(f"{live_server.url}/admin/pages/{news_index_id}/")
    assert Page.objects.get(pk=draft.pk).live
    assert Page.objects.filter(slug__startswith="nabohjaelp-i-hedensted").count() == 1
