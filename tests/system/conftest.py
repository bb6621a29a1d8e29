"""Fixtures of the production stack (tests/system/load/stack.py), for the load tests and the
publish-through-Varnish test (test_varnish_publish.py): the site built once per session into a
template database, a fresh copy of it per test module, gunicorn processes that are always
stopped. Only a test that asks for them needs PostgreSQL.

Migrating and running setup_site take about 35 s on the development machine; a copy of the
finished database (CREATE DATABASE ... TEMPLATE) takes a second, so every module still starts
from a freshly built site without paying for the build again.
"""

import os
import subprocess

import pytest

from tests.system.load import stack

SET_PREVENTION_EMAIL = f"""
from wagtail.models import Site
from home.models import ContactSettings
contact = ContactSettings.for_site(Site.objects.get(is_default_site=True))
contact.prevention_email = "{stack.DKS_EMAIL}"
contact.save()
"""


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic once: production's manifest storage needs it for every page, the 500
    page included."""
    if not stack.server_url():
        pytest.skip(
            "needs PostgreSQL: set DATABASE_URL=$(bash scripts/postgres-url) after "
            "`bash scripts/start-postgres` (make test does both)"
        )
    root = tmp_path_factory.mktemp("load") / "static"
    return root


@pytest.fixture(scope="session")
def template_database(static_root):
    name = f"kredsraad_load_template_{os.getpid()}"
    stack.drop_database(name)
    stack.create_database(name)
    env = stack.app_env(name, static_root)
    collectstatic = subprocess.Popen(  # noqa: S603  (needs no database: runs alongside)
        [str(stack.BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=stack.ROOT,
        env=env,
    )
    try:
        stack.manage(env, "migrate", "--noinput", "-v0")
        stack.manage(env, "setup_site")
        # setup_site leaves the contact settings to editors; notifications need a recipient.
        stack.manage(env, "shell", "-c", SET_PREVENTION_EMAIL)
        assert collectstatic.wait(timeout=300) == 0, "collectstatic failed"
        yield name
    finally:
        if collectstatic.poll() is None:
            collectstatic.kill()
        stack.drop_database(name)


@pytest.fixture(scope="module")
def site_database(template_database, request):
    name = f"kredsraad_load_{request.module.__name__.rsplit('.', 1)[-1]}_{os.getpid()}"[:63]
    stack.drop_database(name)
    stack.create_database(name, template=template_database)
    yield name
    stack.drop_database(name)


@pytest.fixture(scope="module")
def launch(site_database, static_root, tmp_path_factory):
    """launch(**env) starts gunicorn on the module's database with production settings (plus
    env) and waits for /healthz; every one started is stopped after the module."""
    started = []
    log_dir = tmp_path_factory.mktemp("gunicorn")

    def start(workers=2, threads=8, **env):
        server = stack.Gunicorn(
            stack.app_env(site_database, static_root, **env),
            log_path=log_dir / f"gunicorn-{len(started)}.log",
            workers=workers,
            threads=threads,
        )
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
