"""The in-process part of the benchmark: builds the bench database and counts SQL queries.

    DJANGO_SETTINGS_MODULE=bench_settings python scripts/bench/queries.py OUT.json

Run by run.py in a child process with the bench environment (bench_settings, an empty SQLite
database). It migrates, collects the static files, builds the site (tree.py) with 10 extra
children per listing and counts the queries of every public page type, grows the listings to
200 children and counts again. Each count is that of a page's second request through Django's
test client (the first one warms the process). The database is left with 200 children for the
HTTP part; OUT.json gets the counts, the SQL of every request over SQL_SHOWN_OVER queries and
the measured URLs.
"""

import json
import sys

import django

SIZES = (10, 200)
SQL_SHOWN_OVER = 10


def count_queries(client, urls):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, sql = {}, {}
    for name, url in urls.items():
        warm = client.get(url)
        if warm.status_code != 200:
            raise RuntimeError(f"{url} answered {warm.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[name] = len(captured.captured_queries)
        if counts[name] > SQL_SHOWN_OVER:
            sql[name] = [query["sql"] for query in captured.captured_queries]
    return counts, sql


def main(out_path):
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from tree import add_children, build_site

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    tree = build_site()
    client = Client()
    result = {"queries": {}, "sql": {}}
    for size in SIZES:
        add_children(tree, size)
        counts, sql = count_queries(client, tree.public_urls())
        result["queries"][size] = counts
        result["sql"][size] = sql
    result["urls"] = tree.public_urls()
    with open(out_path, "w") as out:
        json.dump(result, out, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
