"""The production stack for the load tests: throwaway PostgreSQL databases, manage.py and
gunicorn subprocesses with the production settings, and a small HTTP client that submits the
request form the way a browser does (GET for the CSRF cookie and the one-time token, then POST).

Nothing here uses pytest-django's test database: the app runs in gunicorn's processes and the
tests read the throwaway database with psycopg.
"""

import html
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from tests.project_requests.conftest import VALID_REQUEST_FIELDS

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
SECRET_KEY = "load-test-only-" + "k" * 50
REQUEST_PAGE = "/forebyggelse/tryghed-og-indbrud/"
DKS_EMAIL = "forebyggelse@dks.example"
# Uncached public pages of different types for the steady load.
PUBLIC_PAGES = [
    "/",
    "/samarbejdsplan/2017/",
    "/forebyggelse/",
    "/forebyggelse/tryghed-og-indbrud/",
    "/kommuner/horsens/",
    "/fokusomraader/",
]
# templates/500.html: what a reader must see instead of a traceback.
ERROR_PAGE_TEXT = "Der opstod en fejl"


# --- PostgreSQL ---------------------------------------------------------------------------------


def server_url():
    """DATABASE_URL of the test server (scripts/postgres-url), or "" when it is not PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def database_url(name):
    return urllib.parse.urlparse(server_url())._replace(path=f"/{name}").geturl()


def connect(name=None, **kwargs):
    return psycopg.connect(database_url(name) if name else server_url(), **kwargs)


def create_database(name, template=None):
    with connect(autocommit=True) as conn:
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        conn.execute(query)


def drop_database(name):
    """Drop it even when a stopped gunicorn or a killed thread left connections behind."""
    with connect(autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def query(name, statement, params=None):
    with connect(name) as conn:
        return conn.execute(statement, params).fetchall()


# --- manage.py and gunicorn ---------------------------------------------------------------------


def app_env(database, static_root, **overrides):
    """The production settings' environment, as a deploy would set it (README "Deploy"), on
    loopback over plain HTTP. Values of None remove a variable."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EMAIL_", "PYTEST_")) and key != "REDIS_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "kredsraad_site.settings.production",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}",
            "DATABASE_URL": database_url(database),
            "STATIC_ROOT": str(static_root),
            "MEDIA_ROOT": str(Path(static_root).parent / "media"),
            "SECURE_SSL_REDIRECT": "0",
            "PAGE_CACHE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            # Nothing leaves the machine unless a test points EMAIL_HOST at its own server.
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    # The shared Redis when the run has one (make test does), under a key prefix of its own.
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
        env["CACHE_KEY_PREFIX"] = f"kredsraad-load-{database}"
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def manage(env, *args, check=True, timeout=300):
    result = subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} exited with {result.returncode}:\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def free_port():
    """A port nothing listens on right now (gunicorn cannot bind port 0 and report it)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Gunicorn:
    env: dict
    log_path: Path
    workers: int = 2
    threads: int = 8
    port: int = field(default_factory=free_port)
    process: subprocess.Popen = None

    @property
    def base(self):
        return f"http://{HOST}:{self.port}"

    def start(self, timeout=90):
        self._log = open(self.log_path, "ab")  # noqa: SIM115  closed in stop()
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "kredsraad_site.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--worker-class",
                "gthread",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                # The backlog holds the bursts the tests send while every thread is busy.
                "--backlog",
                "2048",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                if request("GET", self.port, "/healthz", timeout=10).status == 200:
                    return self
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn not healthy after {timeout} s:\n{self.log_tail()}")
            time.sleep(0.3)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._log.close()

    def log_tail(self, lines=40):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str


def request(method, port, path, body=None, headers=None, timeout=60):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        raw = conn.getresponse()
        return Response(raw.status, raw.headers, raw.read().decode("utf-8", "replace"))
    finally:
        conn.close()


def form_data(municipality_pk, association_name, token, csrf_token):
    return {
        **VALID_REQUEST_FIELDS,
        "csrfmiddlewaretoken": csrf_token,
        "association_name": association_name,
        "municipality": str(municipality_pk),
        "submission_token": token,
    }


def hidden_value(page, name):
    match = re.search(rf'name="{name}" value="([^"]+)"', page)
    return html.unescape(match.group(1)) if match else None


def first_municipality(page):
    match = re.search(r'<option value="(\d+)"', page)
    return match.group(1) if match else None


@dataclass
class Submission:
    """One form submission: what the client sent and saw, with times for the outage window."""

    association_name: str
    started: float = 0.0
    ended: float = 0.0
    step: str = ""  # "get" or "post": where it stopped
    status: int | None = None  # the last HTTP status, None after a connection error
    error: str = ""
    location: str = ""
    body: str = ""
    post_body: str = ""
    cookie: str = ""

    @property
    def received(self):
        return self.status == 302 and "?kvittering=" in self.location

    @property
    def reference(self):
        """The signed reference in the receipt URL starts with the reference itself."""
        code = urllib.parse.parse_qs(urllib.parse.urlparse(self.location).query)["kvittering"][0]
        return code.split(":", 1)[0]


def submit(port, association_name, timeout=60):
    """GET the form (CSRF cookie, CSRF token, one-time token), POST it, do not follow the
    redirect. Never raises: the outcome is in the returned Submission."""
    result = Submission(association_name, started=time.monotonic())
    try:
        result.step = "get"
        page = request("GET", port, REQUEST_PAGE, timeout=timeout)
        result.status, result.body = page.status, page.body
        if page.status != 200:
            return result
        cookie = page.headers.get("Set-Cookie", "")
        csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        data = form_data(
            first_municipality(page.body),
            association_name,
            hidden_value(page.body, "submission_token"),
            hidden_value(page.body, "csrfmiddlewaretoken"),
        )
        result.step = "post"
        result.post_body = urllib.parse.urlencode(data, doseq=True)
        result.cookie = f"csrftoken={csrf_cookie}"
        post(port, result, timeout)
    except (OSError, http.client.HTTPException) as error:
        result.status = None
        result.error = f"{type(error).__name__}: {error}"
    finally:
        result.ended = time.monotonic()
    return result


def post(port, submission, timeout=60):
    response = request(
        "POST",
        port,
        REQUEST_PAGE,
        body=submission.post_body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": submission.cookie,
        },
        timeout=timeout,
    )
    submission.status, submission.body = response.status, response.body
    submission.location = response.headers.get("Location", "")


def resubmit(port, submission):
    """The same form sent again (the browser's "send again"): same tokens, same cookie."""
    again = Submission(submission.association_name, started=time.monotonic(), step="post")
    again.post_body, again.cookie = submission.post_body, submission.cookie
    post(port, again)
    again.ended = time.monotonic()
    return again


# --- the PostgreSQL cluster (for the restart test) ----------------------------------------------


def clusters():
    """pg_lsclusters' rows: [version, cluster, port, status, ...]."""
    out = subprocess.run(  # noqa: S603
        ["pg_lsclusters", "-h"],  # noqa: S607  Debian's postgresql-common, on PATH
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line.split() for line in out.splitlines()]


def local_cluster():
    """(version, port) of the newest Debian cluster "main", as scripts/start-postgres picks it,
    or None without Debian's postgresql-common."""
    if not shutil.which("pg_lsclusters") or not Path("/usr/lib/postgresql").is_dir():
        return None
    versions = sorted(
        (p.name for p in Path("/usr/lib/postgresql").iterdir()),
        key=lambda v: [int(x) for x in v.split(".") if x.isdigit()],
    )
    for row in clusters():
        if versions and row[:2] == [versions[-1], "main"]:
            return versions[-1], int(row[2])
    return None


def cluster_online(version):
    return any(row[:2] == [version, "main"] and "online" in row[3] for row in clusters())


def pg_ctlcluster(version, action):
    subprocess.run(  # noqa: S603
        ["pg_ctlcluster", version, "main", action],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=120,
    )


def wait_for_database(timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with connect(connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
