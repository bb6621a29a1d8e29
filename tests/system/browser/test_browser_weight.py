"""Only first-party requests, and the pages stay within the weight and script budget."""

import gzip
from urllib.parse import urlsplit

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS

from .conftest import DESKTOP, MOBILE, page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_BYTES = 150 * 1024  # compressed, images excluded
# The scripts a page may load, compressed: dkfds.min.js (~20 KB), site.js and, on the search
# page, the suggestions. Bytes, not Chromium's script time, which on a shared 2-core machine
# varies tenfold from run to run (66-490 ms measured for the same pages).
BUDGET_SCRIPT_BYTES = 30 * 1024


def compressed_size(response):
    body = response.body()
    content_type = response.headers.get("content-type", "")
    if "font" in content_type or content_type.startswith("image/"):
        return len(body)  # already compressed formats
    return len(gzip.compress(body, 6))


def test_first_party_only_and_within_budget(chromium, live_server, built_site):
    # A browser process of its own: what a first-time reader downloads, with nothing left in
    # memory by the tests that ran before in the shared Chromium.
    fresh = chromium.browser_type.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        # Every page type at both widths: dkfds's JavaScript and the fonts count in the budget.
        for viewport in (DESKTOP, MOBILE):
            for path in page_paths(built_site).values():
                check_page(fresh, live_server, path, viewport)
    finally:
        fresh.close()


def check_page(chromium, live_server, path, viewport):
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    requests, responses = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    unanswered = []
    page.on("requestfailed", lambda request: unanswered.append(request.url))
    try:
        response = page.goto(live_server.url + path, wait_until="load")
        expected_status = 404 if path == "/findes-ikke/" else 200
        assert response.status == expected_status, path
        page.wait_for_load_state("networkidle")
        origin = urlsplit(live_server.url)
        foreign = [url for url in requests if urlsplit(url)[:2] != origin[:2]]
        assert foreign == []
        assert len(requests) >= 3  # the page, its styles and fonts were seen
        # A stylesheet that failed to arrive would change which fonts load: fail on it first.
        assert unanswered == []
        failed = [
            (response.url, response.status)
            for response in responses
            if response.status >= 400 and response.url != live_server.url + path
        ]
        assert failed == []
        sizes = {
            response.url: compressed_size(response)
            for response in responses
            if not response.headers.get("content-type", "").startswith("image/")
        }
        # The theme's Latin-1 faces (site/assets/scss/_fonts.scss), never dkfds's complete files.
        complete_fonts = [url for url in sizes if "/fonts/" in url and "/complete/" in url]
        assert complete_fonts == [], f"{path} loads the complete fonts: {complete_fonts}"
        weight = sum(sizes.values())
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        print(
            f"{viewport['width']} px {path}: {weight / 1024:.1f} KB, "
            f"script {metrics['ScriptDuration'] * 1000:.1f} ms"
        )
        assert weight < BUDGET_BYTES, f"{path} weighs {weight} bytes: {sizes}"
        scripts = {url: size for url, size in sizes.items() if url.endswith(".js")}
        assert sum(scripts.values()) < BUDGET_SCRIPT_BYTES, f"{path} loads {scripts}"
        assert any("/dkfds/js/dkfds.min.js" in url for url in scripts), path
    finally:
        context.close()
