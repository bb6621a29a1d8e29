"""Backup and restore (README "Backup and restore"): pg_dump, pg_restore into an empty database,
the same page tree and the same rendered HTML for every page."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres]


def _postgres_or_skip():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: set DATABASE_URL=$(bash scripts/postgres-url) "
            "(make test runs the suite a second time that way)"
        )
    for tool in ("pg_dump", "pg_restore"):
        if not shutil.which(tool):
            pytest.skip(f"needs {tool} on PATH (Debian package postgresql-client)")


def _url(settings_dict, name):
    return (
        f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
        f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}/{name}"
    )


def _tree(cursor):
    cursor.execute(
        "SELECT path, depth, title, slug, url_path, live, content_type_id "
        "FROM wagtailcore_page ORDER BY path"
    )
    return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
def test_dump_and_restore_gives_the_same_site(tmp_path, wagtail_base_data):
    _postgres_or_skip()
    import psycopg

    from tests.system.production.render_hashes import render_hashes
    from tests.system.production.tree import build_tree

    build_tree()
    settings_dict = connection.settings_dict
    source = _url(settings_dict, settings_dict["NAME"])
    restored_name = f"{settings_dict['NAME']}_restored"
    restored = _url(settings_dict, restored_name)
    dump = tmp_path / "kredsraad.dump"
    subprocess.run(  # noqa: S603
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", source],  # noqa: S607
        check=True,
        timeout=120,
    )
    admin_url = _url(settings_dict, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        subprocess.run(  # noqa: S603
            ["pg_restore", "--no-owner", f"--dbname={restored}", str(dump)],  # noqa: S607
            check=True,
            timeout=120,
        )
        with connection.cursor() as cursor:
            original_tree = _tree(cursor)
        with psycopg.connect(restored) as copy:
            restored_tree = _tree(copy.cursor())
        assert len(original_tree) > 10
        assert [list(row) for row in restored_tree] == [list(row) for row in original_tree]

        original_html = render_hashes()
        env = {**os.environ, "DATABASE_URL": restored}
        result = subprocess.run(  # noqa: S603
            [sys.executable, "tests/system/production/render_hashes.py"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        )
        restored_html = json.loads(result.stdout.strip().splitlines()[-1])
        assert all(status == 200 for status, _ in original_html.values())
        assert restored_html == original_html
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
