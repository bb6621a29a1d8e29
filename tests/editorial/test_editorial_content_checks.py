"""Wagtail's content checker runs with the Danish checks in the userbar and the editor."""

import json
import re

from wagtail.admin.ui.side_panels import ChecksSidePanel

from editorial.readability import lix, lix_level, page_text
from editorial.wagtail_hooks import DanishContentCheckerItem


def axe_configuration(html):
    match = re.search(
        r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
        html,
        re.DOTALL,
    )
    assert match, "the userbar's content checker is missing"
    return json.loads(match.group(1))


def test_userbar_checker_has_the_danish_checks(site, login):
    html = login(site.user("redaktion")).get(site.page("advice").url).content.decode()
    config = axe_configuration(html)
    rules = config["options"]["runOnly"]
    for rule in ["image-alt", "alt-text-quality", "heading-order", "link-name"]:
        assert rule in rules
    assert config["messages"]["image-alt"]["error_name"] == "Billedet mangler alternativ tekst"
    assert "klik her" in config["messages"]["link-name"]["help_text"]
    assert config["messages"]["heading-order"]["error_name"] == (
        "Overskrifterne springer et niveau over"
    )


def test_editor_checks_panel_uses_the_same_configuration(site, rf):
    request = rf.get("/")
    request.user = site.user("redaktion")
    panel = ChecksSidePanel(object=site.page("advice"), request=request)
    config = panel.get_axe_configuration()
    assert config == DanishContentCheckerItem(in_editor=True).get_axe_configuration(request)
    assert "image-alt" in config["options"]["runOnly"]
    assert config["messages"]["image-alt"]["error_name"] == "Billedet mangler alternativ tekst"
    # The "klik her" test is JavaScript registered on the userbar: not in the admin's panel.
    assert "link-text-specific" not in config["options"]["runOnly"]
    assert "check-link-text-specific" not in [check["id"] for check in config["spec"]["checks"]]
    userbar = DanishContentCheckerItem().get_axe_configuration(request)
    assert "link-text-specific" in userbar["options"]["runOnly"]


def test_lix():
    easy = "Lås døren. Luk vinduet. Sig det til naboen."
    assert lix(easy) < 25
    hard = (
        "Kriminalpræventive samarbejdsrelationer vedrørende tryghedsskabende "
        "foranstaltninger koordineres tværkommunalt."
    )
    assert lix(hard) >= 55
    # 9 words, 2 sentences, 3 long words: 9/2 + 100*3/9 = 37.8.
    assert lix("Politiet og kommunen arbejder sammen. De mødes hver måned.") == 38
    assert lix("") is None
    assert lix_level(29) == "let"


def test_editor_checks_panel_shows_lix(site, login):
    advice = site.page("advice")
    advice.body = json.dumps([{"type": "paragraph", "value": "<p>Lås døren. Luk vinduet.</p>"}])
    advice.save_revision().publish()
    html = login(site.user("redaktion")).get(f"/admin/pages/{advice.pk}/edit/").content.decode()
    assert "LIX (senest gemte version)" in html
    score = lix(page_text(site.page("advice")))
    assert f"data-content-lix>{score} · {lix_level(score)}</p>" in html
