"""Screenshots of the admin dashboard as each role sees it (`make screenshots-admin`).

Builds a throwaway SQLite site (migrate, setup_site) in a temporary folder, adds example data
that gives every panel something to show (requests of every status in several municipalities,
unsent e-mails, a municipality with no recipient, pages due for review, a page waiting for
Redaktion, a conference, an action plan, next year's plan half-way through its approval), one
user per role with a password made up for this run, serves it with runserver on loopback and
photographs /admin/ in Debian's Chromium (Playwright). The development database is not
touched.

    .venv/bin/python scripts/screenshots/dashboards.py [--out DIR] [--port N]
"""

import argparse
import contextlib
import datetime
import io
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"

# (file name, user name, group; None for a superuser)
ROLES = [
    ("forebyggelse", "forebyggelse", "Forebyggelse"),
    ("forebyggelseskontakt-horsens", "kontakt-horsens", "Forebyggelseskontakt Horsens"),
    ("redaktion", "redaktion", "Redaktion (DKS)"),
    ("kommunikation", "kommunikation", "Kommunikation"),
    ("sekretariat", "sekretariat", "Kredsrådets sekretariat"),
    ("kredsraadet", "kredsraadet", "Kredsrådet"),
    ("kommuneredaktoer-horsens", "redaktoer-horsens", "Horsens Kommune – redaktør"),
    ("administrator", "administrator", None),
]


def manage(env, *args):
    subprocess.run(  # noqa: S603  (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def seed(password):
    """Example content and one user per role. Runs in this process (django.setup())."""
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.utils import timezone
    from wagtail.models import Site

    from focus.models import AdvicePage
    from home.models import ContactSettings
    from municipalities.models import ConferencePage, MunicipalityActionPlan, MunicipalityPage
    from plans.models import PlanIndexPage, PlanPage
    from project_requests.models import ProjectRequest
    from project_requests.services import create_request

    users = {}
    for _file, username, group in ROLES:
        user = User.objects.create_user(username, f"{username}@kredsraad.localhost", password)
        if group is None:
            user.is_staff = user.is_superuser = True
            user.save()
        else:
            user.groups.add(Group.objects.get(name=group))
        users[username] = user

    contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
    contact.prevention_email = ""  # as setup_site leaves it: Vejle's requests reach nobody
    contact.save()
    municipalities = {page.name: page for page in MunicipalityPage.objects.all()}
    for name in ("Horsens", "Skanderborg", "Hedensted"):
        if name in municipalities:
            page = municipalities[name]
            page.prevention_contact_email = f"forebyggelse@{name.lower()}.example"
            page.save_revision().publish()

    now = timezone.now()
    statuses = ProjectRequest.Status.values
    names = sorted(municipalities)
    for index in range(24):
        municipality = municipalities[names[index % len(names)]]
        project_request, _created = create_request(
            ProjectRequest(
                association_name=f"Grundejerforeningen {index + 1}",
                contact_name="Anna Jensen",
                email="anna@example.dk",
                area="Solvej og Månevej",
                postcode="8700",
                town=municipality.name,
                municipality=municipality,
                wants_safety_walk=True,
                consent=True,
            )
        )
        ProjectRequest.objects.filter(pk=project_request.pk).update(
            status=statuses[(index * 7) % len(statuses)] if index > 5 else statuses[0],
            created_at=now - datetime.timedelta(days=3 * index + 1),
            notification_sent_at=None if index % 5 == 0 else now,
            receipt_sent_at=None if index % 7 == 0 else now,
        )

    long_ago = timezone.localdate() - datetime.timedelta(days=500)
    for page in list(AdvicePage.objects.all()[:3]):
        AdvicePage.objects.filter(pk=page.pk).update(last_reviewed=long_ago)
    advice = AdvicePage.objects.order_by("path").first()
    if advice is not None:
        advice.title = f"{advice.title} (ny udgave)"
        revision = advice.save_revision(user=users["kommunikation"])
        advice.get_workflow().start(advice, users["kommunikation"])
        del revision

    horsens = municipalities.get("Horsens")
    if horsens is not None:
        start = now.replace(microsecond=0, second=0, minute=0) + datetime.timedelta(days=14)
        horsens.add_child(
            instance=ConferencePage(
                title="Lokalråd+ konference: tryghed i boligområder",
                slug="lokalraad-plus-tryghed",
                start=start,
                end=start + datetime.timedelta(hours=3),
                venue="Horsens Rådhus",
            )
        )
        MunicipalityActionPlan.objects.create(page=horsens, year=timezone.localdate().year)

    year = timezone.localdate().year + 1
    plan_index = PlanIndexPage.objects.first()
    template = PlanPage.objects.order_by("-year").first()
    plan = PlanPage(
        title=f"Samarbejdsplan {year}",
        slug=str(year),
        year=year,
        body=template.body.raw_data if template else [],
        in_force_from=datetime.date(year, 1, 1),
        live=False,
    )
    plan_index.add_child(instance=plan)
    plan.save_revision(user=users["sekretariat"])
    plan.get_workflow().start(plan, users["sekretariat"])
    plan.current_workflow_state.current_task_state.approve(user=users["sekretariat"])


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310  (our loopback server)
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Serveren svarede ikke på {url}")


def photograph(base_url, password, out):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        for file_name, username, _group in ROLES:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
            page = context.new_page()
            page.goto(f"{base_url}/admin/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", password)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base_url}/admin/")
            # The admin scrolls inside its main area, not the document: make the window as
            # tall as that area so the whole dashboard is in the picture.
            height = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('main, .content-wrapper')]"
                ".map((element) => element.scrollHeight), 900)"
            )
            page.set_viewport_size({"width": 1280, "height": height + 40})
            path = out / f"dashboard-{file_name}.png"
            page.screenshot(path=str(path), full_page=True)
            print(path)
            context.close()
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots" / "admin")
    parser.add_argument("--port", type=int, default=8600)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} mangler: apt-get install chromium")

    password = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="kredsraad-screenshots-") as folder:
        os.environ.update(
            DJANGO_SETTINGS_MODULE="kredsraad_site.settings.dev",
            DATABASE_URL=f"sqlite:///{Path(folder) / 'db.sqlite3'}",
        )
        os.environ.pop("REDIS_URL", None)
        env = dict(os.environ)
        manage(env, "migrate", "--noinput")
        manage(env, "setup_site", "--skip-index")
        sys.path.insert(0, str(ROOT))
        # The development settings print e-mails (workflow notifications) to the console.
        with contextlib.redirect_stdout(io.StringIO()):
            seed(password)
        base_url = f"http://127.0.0.1:{args.port}"
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{args.port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{base_url}/admin/login/")
            photograph(base_url, password, args.out.resolve())
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
