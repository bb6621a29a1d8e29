"""Publishing through a real Varnish: the production stack of tests/system/load (gunicorn with
production settings on a throwaway PostgreSQL copy of the built site) behind
deploy/varnish/default.vcl (tests/system/varnish.py), with WAGTAILFRONTENDCACHE_LOCATION
pointing at that Varnish.

An editor logs in and edits through Varnish in Chromium, as in production. A published title
must be visible through Varnish on the page, its parent's listing and the home page within a
second of the publish answering; a draft save (the admin's, its autosave, and a bare
save_revision()) must leave every cached copy a hit and varnishd's purge counter unchanged.

Needs PostgreSQL (DATABASE_URL, see tests/system/conftest.py), /usr/sbin/varnishd and
Debian's Chromium.
"""

import html
import http.client
import re
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django_otp.oath import totp

from tests.system.load import stack
from tests.system.varnish import run_varnish

pytestmark = pytest.mark.load

EDITOR, PASSWORD = "redaktoer", "varnish-redaktoer-" + "x" * 12
# The editor's TOTP device key (hex, as django-otp stores it): a fixed test secret.
TOTP_KEY = "3132333435363738393031323334353637383930"
# The Host of the VCL probe (backend app's .host_header): /healthz must not answer it with 400.
PROBE_HOST = "kredsraad.dk"
VISIBLE_WITHIN = 1.0  # seconds from the publish's answer
TIMEOUT = 20.0

# Prints what the test works on: a focus area, shown on its own page, in the focus index's
# listing and in the home page's "Fokusområder" section (setup_site).
FOCUS_AREA = """
from focus.models import FocusAreaPage
page = FocusAreaPage.objects.live().order_by("path").first()
print(page.pk, page.url, page.get_parent().url, page.title, sep="\\t")
"""


def point_site_at(port):
    """The default site on the address readers (and the editor) use: Varnish's. Wagtail
    purges the page's host, localhost:<port>, which is also what the browser sends."""
    return f"""
from django.contrib.auth import get_user_model
from wagtail.models import Site
site = Site.objects.get(is_default_site=True)
site.hostname, site.port = "localhost", {port}
site.save()
from django_otp.plugins.otp_totp.models import TOTPDevice
editor = get_user_model().objects.create_superuser(
    "{EDITOR}", "redaktoer@example.org", "{PASSWORD}"
)
TOTPDevice.objects.create(user=editor, name="test", key="{TOTP_KEY}", confirmed=True)
"""


def save_revision(page_id, title):
    return f"""
from wagtail.models import Page
page = Page.objects.get(pk={page_id}).specific
page.title = {title!r}
page.save_revision()
"""


class Reader:
    """Anonymous GETs through Varnish with the site's Host."""

    def __init__(self, varnish):
        self.varnish = varnish
        self.host = f"localhost:{varnish.port}"

    def get(self, path):
        connection = http.client.HTTPConnection("127.0.0.1", self.varnish.port, timeout=TIMEOUT)
        try:
            connection.request("GET", path, headers={"Host": self.host})
            response = connection.getresponse()
            body = response.read().decode("utf-8", "replace")
            return response.status, response.headers, body
        finally:
            connection.close()

    def is_hit(self, path):
        status, headers, _body = self.get(path)
        assert status == 200, f"{path}: {status}"
        # X-Varnish names this request and, on a hit, the request that stored the object.
        return len(headers["X-Varnish"].split()) == 2

    def shows(self, path, title):
        status, _headers, body = self.get(path)
        return status == 200 and shown(title, body)


def shown(title, body):
    return html.escape(title, quote=False) in body or html.escape(title) in body


def n_purges(varnish):
    output = subprocess.run(  # noqa: S603
        ["varnishstat", "-n", str(varnish.workdir), "-1", "-f", "MAIN.n_purges"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout
    match = re.search(r"^MAIN\.n_purges\s+(\d+)", output, flags=re.MULTILINE)
    assert match, output
    return int(match.group(1))


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def site(site_database, static_root, tmp_path_factory):
    """Varnish in front of gunicorn (production settings, purging that Varnish); both stopped
    at the end. Varnish starts first, so gunicorn's environment can name it."""
    backend_port = stack.free_port()
    with run_varnish(backend_port, wait_healthy=False) as varnish:
        env = stack.app_env(
            site_database,
            static_root,
            ALLOWED_HOSTS=f"{stack.HOST},localhost,{PROBE_HOST}",
            WAGTAILFRONTENDCACHE_LOCATION=varnish.url,
            WAGTAILADMIN_BASE_URL=f"http://localhost:{varnish.port}",
        )
        stack.manage(env, "shell", "--no-imports", "-c", point_site_at(varnish.port))
        printed = stack.manage(env, "shell", "--no-imports", "-c", FOCUS_AREA).stdout
        page_id, path, parent_path, title = printed.strip().splitlines()[-1].split("\t")
        gunicorn = stack.Gunicorn(
            env, tmp_path_factory.mktemp("gunicorn") / "gunicorn.log", port=backend_port
        )
        try:
            gunicorn.start()
            wait_until(varnish.backend_healthy, TIMEOUT, "Varnish's probe calls gunicorn healthy")
            yield {
                "varnish": varnish,
                "gunicorn": gunicorn,
                "env": env,
                "database": site_database,
                "page_id": int(page_id),
                "paths": [path, parent_path, "/"],
                "title": title,
            }
        finally:
            gunicorn.stop()


@pytest.fixture
def reader(site):
    return Reader(site["varnish"])


def warm(reader, paths, title):
    """Every path cached: the second GET is a hit and shows `title`."""
    for path in paths:
        reader.get(path)
        assert reader.is_hit(path), f"{path} is not cached"
        assert reader.shows(path, title), f"{path} does not show {title!r}"


LOGINS = []


def next_totp_code():
    """The TOTP code for this login. django-otp accepts a code once and one step ahead, so the
    second login of the module (within the same 30 s) uses the next step's code."""
    LOGINS.append(time.time())
    return f"{totp(bytes.fromhex(TOTP_KEY), drift=len(LOGINS) - 1):06d}"


@pytest.fixture
def editor(site, chromium):
    """A logged-in editor's browser tab, on Varnish's address."""
    base = f"http://localhost:{site['varnish'].port}"
    context = chromium.new_context(base_url=base)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT * 1000)
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", EDITOR)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    # Production settings ask superusers for their second factor (TOTP) after the password.
    tab.wait_for_url("**/admin/totp/**")
    tab.fill("input[name=otp_token]", next_totp_code())
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{base}/admin/")
    yield tab
    context.close()


def edit_title(tab, page_id, title):
    tab.goto(f"/admin/pages/{page_id}/edit/")
    tab.fill("#id_title", title)


def current_title(site, reader):
    """The published title, as readers see it on the page."""
    _status, _headers, body = reader.get(site["paths"][0])
    return html.unescape(re.search(r"<h1[^>]*>\s*(.*?)\s*</h1>", body, flags=re.S).group(1))


def test_a_draft_save_purges_nothing(site, reader, editor):
    title = current_title(site, reader)
    warm(reader, site["paths"], title)
    purges = n_purges(site["varnish"])

    draft = f"Kladde {uuid.uuid4().hex[:8]}"
    edit_title(editor, site["page_id"], draft)
    with editor.expect_response(
        lambda response: response.request.method == "POST" and "/edit/" in response.url
    ):
        editor.click("footer button.action-save")
    editor.wait_for_load_state()
    assert draft in editor.content()  # the editor sees the draft
    stack.manage(
        site["env"], "shell", "--no-imports", "-c", save_revision(site["page_id"], draft + " 2")
    )

    drafts = stack.query(
        site["database"],
        "SELECT content->>'title' FROM wagtailcore_revision WHERE object_id = %s",
        [str(site["page_id"])],
    )
    assert {(draft,), (draft + " 2",)} <= set(drafts)  # both drafts were saved
    for path in site["paths"]:
        assert reader.is_hit(path), f"{path} was purged by a draft save"
        assert reader.shows(path, title)
    assert n_purges(site["varnish"]) == purges


def test_a_published_title_is_visible_through_varnish_within_a_second(
    site, reader, editor, record_property
):
    old_title = current_title(site, reader)
    warm(reader, site["paths"], old_title)
    purges = n_purges(site["varnish"])

    new_title = f"Fokusområde {uuid.uuid4().hex[:8]}"
    edit_title(editor, site["page_id"], new_title)
    clicked = time.monotonic()
    with editor.expect_response(
        lambda response: response.request.method == "POST" and "/edit/" in response.url
    ) as publish:
        # "Publicér" sits in the action menu's dropdown under "Gem kladde".
        editor.click("footer .dropdown-toggle, footer [data-w-dropdown-target='toggle']")
        editor.click("button[name=action-publish]")
    answered = time.monotonic()
    assert publish.value.status == 302, f"the publish answered {publish.value.status}"

    def first_seen(path):
        """Seconds from the publish's answer until `path` shows the new title, polled
        through Varnish; None past the deadline."""
        deadline, polls = answered + VISIBLE_WITHIN, 0
        while time.monotonic() < deadline:
            polls += 1
            if reader.shows(path, new_title):
                return time.monotonic() - answered, polls
            time.sleep(0.02)
        return None, polls

    # The three pages polled side by side: each one's delay is its own.
    with ThreadPoolExecutor(max_workers=len(site["paths"])) as pool:
        delays = dict(zip(site["paths"], pool.map(first_seen, site["paths"]), strict=True))
    seen = {path: delay for path, delay in delays.items() if delay[0] is not None}
    report = ", ".join(
        f"{path} {delay * 1000:.0f} ms ({polls} GET)" for path, (delay, polls) in seen.items()
    )
    purged = n_purges(site["varnish"]) - purges
    record_property("publish_to_visible", report)
    print(
        f"\npublish answered {(answered - clicked) * 1000:.0f} ms after the click; "
        f"visible after the answer: {report}; {purged} purges"
    )
    assert sorted(seen) == sorted(site["paths"]), (
        f"not visible within {VISIBLE_WITHIN} s: {sorted(set(site['paths']) - set(seen))}"
    )
    assert purged >= len(site["paths"])
    # Cached again, with the new title.
    for path in site["paths"]:
        assert reader.is_hit(path) and reader.shows(path, new_title)
