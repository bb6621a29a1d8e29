"""deploy/varnish/default.vcl through a real varnishd, in front of a small recording backend.

The backend stands in for gunicorn: it answers every path with the headers a test gives it
(by default a public page) and a body naming how many times that path was asked for, so a
test tells a cached copy from a fresh one and counts what got past Varnish.
"""

import http.client
import http.server
import logging
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend

from tests.system.varnish import DEFAULT_VCL, free_port, run_varnish

HOST = "kredsraad.test"
PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400"
TIMEOUT = 10


@dataclass
class Answer:
    status: int = 200
    headers: dict = field(default_factory=lambda: {"Cache-Control": PUBLIC})


@dataclass
class Seen:
    method: str
    path: str
    headers: dict
    body: bytes


class Backend:
    """A threaded http.server on loopback. Each connection is closed after its response, so
    once stopped the backend is really gone (no kept-alive connection still answers)."""

    def __init__(self):
        self.answers = {}
        self.seen = []
        self.lock = threading.Lock()
        backend = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                with backend.lock:
                    backend.seen.append(
                        Seen(self.command, self.path, dict(self.headers.items()), body)
                    )
                    count = sum(1 for seen in backend.seen if urlsplit(seen.path).path == path)
                    answer = backend.answers.get(path, Answer())
                payload = f"{path} #{count}".encode()
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.send_header("Connection", "close")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_HEAD = do_POST = do_PURGE = _answer

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, path, status=200, **headers):
        with self.lock:
            self.answers[path] = Answer(
                status, {name.replace("_", "-"): value for name, value in headers.items()}
            )

    def requests_for(self, path, host=HOST):
        """What reached the backend for `path` (without its query), the probe left out."""
        with self.lock:
            return [
                seen
                for seen in self.seen
                if urlsplit(seen.path).path == path and seen.headers.get("Host") == host
            ]

    def stop(self):
        if self.thread.is_alive():
            self.server.shutdown()
            self.thread.join(timeout=TIMEOUT)
        self.server.server_close()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def is_hit(self):
        # X-Varnish names this request and, on a hit, the request that stored the object.
        return len(self.headers["X-Varnish"].split()) == 2


def request(varnish, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", varnish.port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode())
    finally:
        connection.close()


def get(varnish, path, **headers):
    return request(varnish, "GET", path, {k.replace("_", "-"): v for k, v in headers.items()})


def wait_for(condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def backend():
    server = Backend()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def varnish(backend):
    with run_varnish(backend.port) as running:
        yield running


@pytest.fixture
def path():
    """A path no other test asks for: the module's tests share one cache."""
    return f"/t/{uuid.uuid4().hex}/"


def test_second_get_is_a_hit(varnish, backend, path):
    first, second = get(varnish, path), get(varnish, path)
    assert (first.status, second.status) == (200, 200)
    assert not first.is_hit and second.is_hit
    assert second.body == first.body == f"{path} #1"
    assert len(backend.requests_for(path)) == 1


def test_anonymous_cookies_are_stripped_and_do_not_split_the_cache(varnish, backend, path):
    get(varnish, path, Cookie="csrftoken=abc; _ga=GA1.1.1")
    assert get(varnish, path, Cookie="consent=yes").is_hit
    assert get(varnish, path).is_hit
    [seen] = backend.requests_for(path)
    assert "Cookie" not in seen.headers


def test_session_cookie_is_passed_to_the_backend_and_never_cached(varnish, backend, path):
    assert not get(varnish, path).is_hit  # the anonymous copy is now stored
    editor = {"Cookie": "csrftoken=abc; sessionid=editor-session"}
    first, second = get(varnish, path, **editor), get(varnish, path, **editor)
    assert not first.is_hit and not second.is_hit
    assert second.body == f"{path} #3"
    assert [seen.headers.get("Cookie") for seen in backend.requests_for(path)[1:]] == [
        editor["Cookie"]
    ] * 2
    # Nothing the editor saw was stored for the public.
    assert get(varnish, path).body == f"{path} #1"


def test_post_is_passed_with_its_body_and_cookies(varnish, backend, path):
    form = {"Cookie": "csrftoken=abc", "Content-Type": "application/x-www-form-urlencoded"}
    for _ in range(2):
        response = request(varnish, "POST", path, form, body=b"csrfmiddlewaretoken=abc&x=1")
        assert response.status == 200 and not response.is_hit
    seen = backend.requests_for(path)
    assert [(s.method, s.body, s.headers.get("Cookie")) for s in seen] == [
        ("POST", b"csrfmiddlewaretoken=abc&x=1", "csrftoken=abc")
    ] * 2


@pytest.mark.parametrize("prefix", ["/admin/pages/", "/healthz"])
def test_admin_and_healthz_are_passed_even_when_the_backend_says_public(varnish, backend, prefix):
    backend.answer(prefix, Cache_Control=PUBLIC)
    # Without any cookie, so it is the path that passes them (the builtin VCL passes cookies).
    responses = [get(varnish, prefix), get(varnish, prefix), get(varnish, prefix, Cookie="a=b")]
    assert [r.is_hit for r in responses] == [False] * 3
    seen = backend.requests_for(prefix)
    assert len(seen) == 3
    assert seen[2].headers.get("Cookie") == "a=b"  # the admin's own cookies are not stripped


def test_receipts_are_passed_even_when_the_backend_says_public(varnish, backend, path):
    backend.answer(path, Cache_Control=PUBLIC)
    url = f"{path}?kvittering=TIP-2026-0001:abc:def"
    responses = [get(varnish, url) for _ in range(3)]
    assert [r.is_hit for r in responses] == [False] * 3
    assert len(backend.requests_for(path)) == 3


@pytest.mark.parametrize(
    "headers",
    [
        {"Cache_Control": "private, no-store"},
        {"Cache_Control": "no-cache"},
        {"Cache_Control": PUBLIC, "Set_Cookie": "csrftoken=fresh; Path=/; SameSite=Lax"},
    ],
    ids=["private-no-store", "no-cache", "set-cookie"],
)
def test_personal_responses_are_never_cached(varnish, backend, path, headers):
    backend.answer(path, **headers)
    responses = [get(varnish, path) for _ in range(3)]
    assert [r.is_hit for r in responses] == [False] * 3
    assert [r.body for r in responses] == [f"{path} #{n}" for n in (1, 2, 3)]
    if "Set_Cookie" in headers:
        # The cookie reaches the reader it was meant for, every time.
        assert all(r.headers["Set-Cookie"] == headers["Set_Cookie"] for r in responses)


@pytest.mark.parametrize(
    "tracking",
    [
        "utm_source=x&fbclid=y",
        "gclid=1&utm_medium=email&utm_campaign=spring&msclkid=2",
        "mc_cid=1&mc_eid=2&_ga=3&_gl=4&gbraid=5&wbraid=6&yclid=7&igshid=8",
    ],
)
def test_tracking_parameters_share_the_object_of_the_bare_url(varnish, backend, path, tracking):
    get(varnish, path)
    assert get(varnish, f"{path}?{tracking}").is_hit
    assert get(varnish, f"{path}?page=2&{tracking}").body == f"{path} #2"
    assert get(varnish, f"{path}?{tracking}&page=2").is_hit
    assert [seen.path for seen in backend.requests_for(path)] == [path, f"{path}?page=2"]


def test_parameters_that_are_not_tracking_are_kept(varnish, backend, path):
    get(varnish, f"{path}?q=utm_source&_gac=1&page=2")
    assert [seen.path for seen in backend.requests_for(path)] == [
        f"{path}?_gac=1&page=2&q=utm_source"
    ]


def test_parameter_order_does_not_split_the_cache(varnish, backend, path):
    get(varnish, f"{path}?b=1&a=2")
    assert get(varnish, f"{path}?a=2&b=1").is_hit
    assert [seen.path for seen in backend.requests_for(path)] == [f"{path}?a=2&b=1"]


def test_accept_language_does_not_split_the_cache(varnish, backend, path):
    backend.answer(path, Cache_Control=PUBLIC, Vary="Cookie, Accept-Language")
    first = get(varnish, path, Accept_Language="da-DK,da;q=0.9,en;q=0.8")
    assert get(varnish, path, Accept_Language="en-GB").is_hit
    [seen] = backend.requests_for(path)
    assert "Accept-Language" not in seen.headers
    # Readers still see Django's Vary, not the scheme variant Varnish adds for itself.
    assert first.headers["Vary"] == "Cookie, Accept-Language"


def test_plain_http_and_https_are_separate_copies(varnish, backend, path):
    """Django redirects plain HTTP to HTTPS; the redirect must never be served over HTTPS."""
    https = get(varnish, path, X_Forwarded_Proto="https")
    plain = get(varnish, path)
    assert not plain.is_hit
    assert get(varnish, path, X_Forwarded_Proto="https").is_hit
    assert get(varnish, path, X_Forwarded_Proto="HTTPS").body == plain.body  # only "https"
    assert [seen.headers.get("X-Forwarded-Proto") for seen in backend.requests_for(path)] == [
        "https",
        "http",
    ]
    assert https.body != plain.body
    assert "Vary" not in https.headers


def proxied_get(port, client_ip, path, **headers):
    """A GET through a PROXY-protocol listener, as hitch sends it: the PROXY line names the
    reader's address (only text: every byte goes to 127.0.0.1)."""
    lines = [f"PROXY TCP4 {client_ip} 127.0.0.1 40000 443", f"GET {path} HTTP/1.1"]
    lines += [f"Host: {HOST}", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        connection.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    return int(response.split(b" ", 2)[1])


def test_x_forwarded_proto_is_believed_only_from_the_tls_terminator(backend):
    """Django takes X-Forwarded-Proto: https as "the reader used TLS"; a reader on plain HTTP
    must not be able to claim it, and hitch's listener is TLS without saying so."""
    tls_port, plain_port = free_port(), free_port()
    listeners = [
        "-a",
        f"tls=127.0.0.1:{tls_port},PROXY",
        "-a",
        f"other=127.0.0.1:{plain_port},PROXY",
    ]
    path = f"/t/{uuid.uuid4().hex}/"
    with run_varnish(backend.port, extra_args=listeners) as varnish:
        assert proxied_get(plain_port, "127.0.0.2", path, X_Forwarded_Proto="https") == 200
        assert proxied_get(tls_port, "127.0.0.2", f"{path}?tls=1") == 200
        assert get(varnish, f"{path}?nginx=1", X_Forwarded_Proto="https").status == 200
    assert [seen.headers.get("X-Forwarded-Proto") for seen in backend.requests_for(path)] == [
        "http",
        "https",
        "https",
    ]


def test_static_files_are_cached_for_editors_too(varnish, backend):
    asset = f"/static/css/site.{uuid.uuid4().hex[:12]}.css"
    backend.answer(asset, Cache_Control="max-age=315360000, public, immutable")
    get(varnish, asset, Cookie="sessionid=editor-session")
    assert get(varnish, asset, Cookie="sessionid=other-editor").is_hit
    [seen] = backend.requests_for(asset)
    assert "Cookie" not in seen.headers


@pytest.fixture
def purge_log(caplog):
    """HTTPBackend logs (and swallows) a purge Varnish refused."""
    logger = logging.getLogger("wagtail.frontendcache")
    logger.addHandler(caplog.handler)
    yield caplog
    logger.removeHandler(caplog.handler)


@pytest.fixture
def loopback_only(monkeypatch):
    # urllib (HTTPBackend) would hand the purge to a proxy named in the environment.
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def test_wagtail_purge_removes_every_copy_of_the_page(
    varnish, backend, path, purge_log, loopback_only
):
    for proto in ("https", "http"):
        get(varnish, path, X_Forwarded_Proto=proto)
    get(varnish, path, Host="other.test")
    assert len(backend.requests_for(path)) == 2

    # Exactly what Wagtail's frontend cache sends: PURGE <path> with the page's Host.
    HTTPBackend({"LOCATION": varnish.url}).purge(f"https://{HOST}{path}")
    assert not [r for r in purge_log.records if r.levelno >= logging.WARNING]

    assert not get(varnish, path, X_Forwarded_Proto="https").is_hit
    assert not get(varnish, path, X_Forwarded_Proto="http").is_hit
    assert get(varnish, path, Host="other.test").is_hit  # another site's page is untouched
    assert len(backend.requests_for(path)) == 4


def test_purge_of_a_url_with_a_query_finds_the_normalised_object(
    varnish, backend, path, loopback_only
):
    get(varnish, f"{path}?page=2&a=1")
    HTTPBackend({"LOCATION": varnish.url}).purge(f"https://{HOST}{path}?utm_source=x&page=2&a=1")
    assert not get(varnish, f"{path}?a=1&page=2").is_hit


def test_purge_from_outside_the_acl_is_refused(backend, tmp_path, path):
    vcl = tmp_path / "default.vcl"
    text = DEFAULT_VCL.read_text()
    start = text.index("acl purgers {")
    end = text.index("}", start)
    vcl.write_text(text[:start] + 'acl purgers {\n    "192.0.2.1";\n' + text[end:])
    with run_varnish(backend.port, vcl_path=vcl) as varnish:
        get(varnish, path)
        refused = request(varnish, "PURGE", path)
        assert refused.status == 403
        assert get(varnish, path).is_hit
    assert len(backend.requests_for(path)) == 1


def test_stale_within_stale_while_revalidate_is_served_and_refreshed(varnish, backend, path):
    backend.answer(path, Cache_Control="public, s-maxage=1, stale-while-revalidate=30")
    assert get(varnish, path).body == f"{path} #1"
    time.sleep(1.5)
    stale = get(varnish, path)
    assert stale.body == f"{path} #1" and int(stale.headers["Age"]) >= 1
    # The refresh happened behind the reader's back, not in its request.
    wait_for(lambda: len(backend.requests_for(path)) == 2)
    wait_for(lambda: get(varnish, path).body == f"{path} #2")


def test_beyond_stale_while_revalidate_a_healthy_backend_is_asked(varnish, backend, path):
    """The long stale-if-error window is for outages: a healthy app's reader gets a fresh page
    once stale-while-revalidate is over."""
    backend.answer(
        path, Cache_Control="public, s-maxage=1, stale-while-revalidate=1, stale-if-error=3600"
    )
    get(varnish, path)
    time.sleep(2.5)
    assert get(varnish, path).body == f"{path} #2"


def test_a_failing_backend_is_covered_by_the_stale_copy(varnish, backend, path):
    backend.answer(path, Cache_Control="public, s-maxage=1, stale-while-revalidate=1")
    get(varnish, path)
    backend.answer(path, status=500, Cache_Control="private, no-store")
    time.sleep(2.5)
    for _ in range(2):
        response = get(varnish, path)
        assert (response.status, response.body) == (200, f"{path} #1")
    assert len(backend.requests_for(path)) > 1  # the app was asked and failed
    backend.answer(path, Cache_Control=PUBLIC)
    wait_for(lambda: get(varnish, path).body != f"{path} #1")


def test_a_stopped_backend_is_covered_from_grace():
    backend = Backend()
    path = "/side/"
    try:
        backend.answer(path, Cache_Control="public, s-maxage=1, stale-while-revalidate=1")
        with run_varnish(backend.port) as varnish:
            assert get(varnish, path).body == f"{path} #1"
            backend.stop()
            time.sleep(2.5)
            # The probe has not noticed yet: the fetch is tried, fails, and the copy is served.
            assert varnish.backend_healthy()
            response = get(varnish, path)
            assert (response.status, response.body) == (200, f"{path} #1")
            assert get(varnish, "/never-cached/").status == 503

            # Once the probe calls the app sick, the copy is served without trying it.
            varnish.admin("backend.set_health", "app", "sick")
            assert not varnish.backend_healthy()
            response = get(varnish, path)
            assert (response.status, response.body) == (200, f"{path} #1")
            assert int(response.headers["Age"]) >= 2
    finally:
        backend.stop()
