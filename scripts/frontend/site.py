"""A throwaway copy of the site for the front-end audits and screenshots.

`running_site()` builds the whole site from the plan (setup_site) in a SQLite file of its own,
adds one news item and one conference so that every page type exists, creates the development
admin user, and serves it with runserver on 127.0.0.1 (FRONTEND_PORT, default 8765). It never
touches db.sqlite3 or a database of the tests. FRONTEND_BASE_URL points the scripts at a site
already running instead (quicker while working on the templates).

PAGES lists what is looked at: (name, path, role). role None is an anonymous reader; "admin" is
the development superuser (ensure_dev_admin), so admin screens can be added as
("admin-dashboard", "/admin/", "admin").
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# Every page type the public meets. The conference and the news item are added by seed().
PAGES = [
    ("forside", "/", None),
    ("planoversigt", "/samarbejdsplan/", None),
    ("plan", "/samarbejdsplan/2017/", None),
    ("fokusoversigt", "/fokusomraader/", None),
    ("fokusomraade", "/fokusomraader/tryghed/", None),
    ("forebyggelse", "/forebyggelse/", None),
    ("vejledning", "/forebyggelse/sikring-af-hjemmet/", None),
    ("anmodning", "/forebyggelse/tryghed-og-indbrud/", None),
    ("kommuneoversigt", "/kommuner/", None),
    ("kommune", "/kommuner/horsens/", None),
    ("konference", "/kommuner/horsens/lokalraad-plus-tryghed/", None),
    ("nyhedsoversigt", "/nyheder/", None),
    ("nyhed", "/nyheder/samarbejdsplan-2017-godkendt/", None),
    ("standardside", "/tilgaengelighedserklaering/", None),
    ("soegning", "/soeg/?q=indbrud", None),
    ("404", "/findes-ikke/", None),
]

SEED = """
import datetime
from django.utils import timezone
from municipalities.models import ConferencePage, MunicipalityPage
from news.models import NewsIndexPage, NewsPage

horsens = MunicipalityPage.objects.get(slug="horsens")
if not ConferencePage.objects.filter(slug="lokalraad-plus-tryghed").exists():
    start = timezone.now().replace(microsecond=0, second=0, minute=0) + datetime.timedelta(days=40)
    horsens.add_child(instance=ConferencePage(
        title="Lokalråd+ konference om tryghed", slug="lokalraad-plus-tryghed", start=start,
        end=start + datetime.timedelta(hours=3), venue="Horsens Rådhus",
        theme="Tryghed i boligområder", summary="Årets Lokalråd+ konference i Horsens."))
if not NewsPage.objects.filter(slug="samarbejdsplan-2017-godkendt").exists():
    NewsIndexPage.objects.get().add_child(instance=NewsPage(
        title="Samarbejdsplan 2017 er godkendt", slug="samarbejdsplan-2017-godkendt",
        date=datetime.date(2017, 1, 2), summary="Kredsrådet har godkendt planen."))
"""


def environment(database):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kredsraad_site.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }


def manage(env, *args):
    subprocess.run(  # noqa: S603 - manage.py of this checkout, fixed arguments
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def running_site():
    if os.environ.get("FRONTEND_BASE_URL"):  # a site already running, built the same way
        yield os.environ["FRONTEND_BASE_URL"].rstrip("/")
        return
    port = int(os.environ.get("FRONTEND_PORT", "8765"))
    with tempfile.TemporaryDirectory(prefix="kredsraad-frontend-") as folder:
        env = environment(Path(folder) / "db.sqlite3")
        manage(env, "migrate", "--noinput")
        manage(env, "setup_site")
        manage(env, "shell", "-c", SEED)
        manage(env, "ensure_dev_admin")
        server = subprocess.Popen(  # noqa: S603 - manage.py of this checkout
            [PYTHON, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)
