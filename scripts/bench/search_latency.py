#!/usr/bin/env python
"""Search latency benchmark (not a test): the site at ~40 pages, then with 10,000 more pages.

Builds the site with setup_site into a fresh database (a SQLite file in a temporary directory,
or the PostgreSQL database kredsraad_searchbench, dropped and created again), times update_index,
runs a fixed list of Danish queries through /soeg/ (URL routing, middleware, the search view with
the SQLite stemming expansion, the template) and reports p50/p95 latency in ms. Then it adds
10,000 pages (news and advice) of Danish text generated deterministically from the plan's
sentences and vocabulary, times update_index again and measures the same queries again.

    .venv/bin/python scripts/bench/search_latency.py --backend sqlite
    .venv/bin/python scripts/bench/search_latency.py --backend postgresql \
        --postgres-url "$(bash scripts/postgres-url)"

`make bench-search` runs both (PostgreSQL when scripts/postgres-url gives a reachable server).
With --bakerydemo PATH (a checkout of wagtail/bakerydemo, as for scripts/bench/run.py) it also
measures bakerydemo's own /search/ on its demo content in the same run, the same way, beside the
site's small size.
"""

import argparse
import datetime
import gc
import html
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
PLAN_FILE = BASE_DIR / "content" / "samarbejdsplan-2017.txt"
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "kredsraad_searchbench")

# Twenty queries from the relevance suite (tests/search/relevance.py): base forms, compounds,
# abbreviations, municipality names, inflections (expanded on SQLite), a compound miss.
QUERIES = [
    "indbrud",
    "nabohjælp",
    "tryghedsvandring",
    "sociale medier",
    "terror",
    "radikalisering",
    "omrejsende kriminelle",
    "sikring af hjemmet",
    "samarbejdsplan 2017",
    "færdselsindsats",
    "Det Kriminalpræventive Sekretariat",
    "it-kriminalitet",
    "SSP",
    "PANTHER II",
    "Vejle",
    "Horsens kommune",
    "indbruddene",
    "tryghedsvandringer",
    "bander",
    "cykel",
]


WARM_UP_ROUNDS = 3

# Words of bakerydemo's demo content (breads, recipes, blog posts, locations).
BAKERYDEMO_QUERIES = [
    "bread",
    "sourdough",
    "baguette",
    "italy",
    "chocolate",
    "recipe",
    "olive",
    "wheat",
    "croissant",
    "rye",
    "flour",
    "yeast",
    "cheese",
    "london",
    "paris",
    "oven",
    "butter",
    "salt",
    "cake",
    "pizza",
]
# Run in bakerydemo's venv with its production settings (DEBUG off): its /search/ through the
# test client, as measure() sends /soeg/, with the same warm-up and rounds.
BAKERYDEMO_SEARCH_SCRIPT = """
import json, os, time
from django.test import Client
from wagtail.models import Page

queries = json.loads(os.environ["BENCH_QUERIES"])
repeat, warm_up = int(os.environ["BENCH_REPEAT"]), int(os.environ["BENCH_WARM_UP"])
client = Client(HTTP_HOST="127.0.0.1")
for query in queries * warm_up:
    assert client.get("/search/", {"q": query}).status_code == 200
times, loads = [], []
for _ in range(repeat):
    for query in queries:
        start = time.perf_counter()
        assert client.get("/search/", {"q": query}).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    loads.append(os.getloadavg()[0])
pages = Page.objects.live().public().filter(depth__gt=1).count()
print("BAKERY-SEARCH " + json.dumps({"times": times, "loads": loads, "pages": pages}))
"""


def percentile(values, fraction):
    """Nearest-rank percentile (no interpolation: a reported figure is a measured one)."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


# --- Danish text from the plan -------------------------------------------------------------


class PlanText:
    """Sentences and a word-level Markov chain (order 2) from the plan, for realistic Danish:
    the plan's own inflections and compounds, recombined so that pages are not copies."""

    SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ])")

    def __init__(self, path):
        text = path.read_text(encoding="utf-8")
        paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
        self.sentences = [
            sentence
            for paragraph in paragraphs
            if "\t" not in paragraph
            for sentence in self.SENTENCE_END.split(paragraph)
            if len(sentence.split()) >= 6 and sentence[-1] in ".!?"
        ]
        self.chain = {}
        self.starts = []
        for sentence in self.sentences:
            words = sentence.split()
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:], strict=False):
                self.chain.setdefault((a, b), []).append(c)

    def generated_sentence(self, rng, max_words=40):
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < max_words:
            followers = self.chain.get((a, b))
            if not followers:
                break
            a, b = b, rng.choice(followers)
            words.append(b)
            if b[-1] in ".!?" and len(words) >= 6:
                break
        sentence = " ".join(words)
        return sentence if sentence[-1] in ".!?" else sentence.rstrip(",;:–-") + "."

    def sentence(self, rng):
        """Half the plan's own sentences, half recombined ones."""
        if rng.random() < 0.5:
            return rng.choice(self.sentences)
        return self.generated_sentence(rng)

    def title(self, rng):
        words = [w.strip(".,;:()\"'–") for w in rng.choice(self.sentences).split()]
        words = [w for w in words if w]
        length = rng.randint(3, 7)
        start = rng.randint(0, max(0, len(words) - length))
        title = " ".join(words[start : start + length])
        return title[:1].upper() + title[1:]

    def body(self, rng):
        blocks = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.3:
                heading = {"text": self.title(rng), "level": "h2"}
                blocks.append({"type": "heading", "value": heading})
            paragraph = " ".join(self.sentence(rng) for _ in range(rng.randint(2, 5)))
            blocks.append({"type": "paragraph", "value": f"<p>{html.escape(paragraph)}</p>"})
        return json.dumps(blocks, ensure_ascii=False)


# --- Database -----------------------------------------------------------------------------


def postgres_bench_url(server_url):
    """The server URL with the benchmark's own database name; the database is made afresh."""
    import psycopg

    parts = urlsplit(server_url)
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def configure(args, tmpdir):
    if args.backend == "sqlite":
        url = f"sqlite:///{Path(args.sqlite_file or Path(tmpdir) / 'searchbench.sqlite3')}"
    else:
        url = postgres_bench_url(args.postgres_url)
    os.environ["DATABASE_URL"] = url
    # The benchmark measures the database backends; never an Elasticsearch from the environment.
    os.environ.pop("ELASTICSEARCH_URL", None)
    # Test settings: DEBUG off (no query log growing per request), static files from finders.
    os.environ["DJANGO_SETTINGS_MODULE"] = "kredsraad_site.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Production keeps its database connections (site/settings/production.py); the test
    # settings' default of one per request would add PostgreSQL's login (27 ms) to every search.
    os.environ.setdefault("CONN_MAX_AGE", "600")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    return url


# --- Steps --------------------------------------------------------------------------------


@contextmanager
def timed(results, key):
    start = time.perf_counter()
    yield
    results[key] = round(time.perf_counter() - start, 2)
    print(f"  {key}: {results[key]:.2f} s", flush=True)


@contextmanager
def without_index_updates():
    """Pages are saved without search/reference index updates: update_index is timed apart."""
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with (
        disable_reference_index_auto_update(),
        mock.patch("modelsearch.signal_handlers.insert_or_update_object_task"),
    ):
        yield


def add_pages(parent, model, count, make_fields):
    """`count` live pages under `parent`: the first through treebeard's add_child, the rest as
    its next siblings in the materialised path (as tests/factories.py add_children does)."""
    from django.db import transaction
    from django.db.models import F
    from wagtail.models import Page

    with transaction.atomic(), without_index_updates():
        first = parent.add_child(instance=model(**make_fields(0)))
        previous = first
        for n in range(1, count):
            page = model(**make_fields(n))
            page.path = previous._inc_path()
            page.depth = first.depth
            page.numchild = 0
            page.locale_id = first.locale_id
            page._cached_parent_obj = parent
            page._is_site_root = False
            page.save(clean=False, log_action=None)
            previous = page
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + (count - 1))


def add_corpus(total, seed):
    from focus.models import AdviceIndexPage, AdvicePage
    from news.models import NewsIndexPage, NewsPage

    text = PlanText(PLAN_FILE)
    rng = random.Random(seed)  # noqa: S311 - reproducible text, not secrets
    topics = [choice.value for choice in AdvicePage.Topic]
    day0 = datetime.date(2017, 1, 1)

    def common(prefix, n):
        return {
            "title": text.title(rng),
            "slug": f"{prefix}-{n:05d}",
            "summary": text.generated_sentence(rng)[:600],
            "body": text.body(rng),
        }

    news_count = total // 2
    add_pages(
        NewsIndexPage.objects.get(),
        NewsPage,
        news_count,
        lambda n: {**common("maaling-nyhed", n), "date": day0 + datetime.timedelta(days=n % 3000)},
    )
    add_pages(
        AdviceIndexPage.objects.get(),
        AdvicePage,
        total - news_count,
        lambda n: {**common("maaling-raad", n), "topic": topics[n % len(topics)]},
    )


def settle():
    """What a running site has done by the time readers search after such a write: PostgreSQL's
    autovacuum has vacuumed and analysed the tables (left to itself it starts during the
    measurement, and the planner's row estimates of a fresh bulk load are guesses), and the
    serving process holds none of the build's objects (frozen here, so that the garbage
    collector does not walk them again on every collection of a request)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    gc.collect()
    gc.freeze()


def measure(repeat, budget):
    """p50/p95 over every (query, repetition) through the whole request path of /soeg/."""
    from django.test import Client

    client = Client()
    # Warm-up (caches, the stemmer's memo, the database's pages); one query when that alone
    # is slow, so that the budget is left for measured requests.
    deadline = time.perf_counter() + budget
    first_round = []
    for n, query in enumerate(QUERIES * WARM_UP_ROUNDS):
        start = time.perf_counter()
        assert client.get("/soeg/", {"q": query}).status_code == 200
        if n < len(QUERIES):
            first_round.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline - budget / 2:
            break
    deadline = time.perf_counter() + budget
    times = []
    per_query = {}
    loads = []
    for _ in range(repeat):
        for query in QUERIES:
            if times and time.perf_counter() > deadline:
                break
            start = time.perf_counter()
            response = client.get("/soeg/", {"q": query})
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code == 200, (query, response.status_code)
            times.append(elapsed)
            per_query.setdefault(query, []).append(elapsed)
        loads.append(os.getloadavg()[0])
        if time.perf_counter() > deadline:
            print(f"    time budget of {budget} s used up after {len(times)} requests")
            break
        print(
            f"    round {len(loads)}/{repeat}: median {statistics.median(times):.0f} ms", flush=True
        )
    return {
        "requests": len(times),
        "budget_exhausted": time.perf_counter() > deadline,
        # Each query's first search at this size, before the warm-up.
        "first_round_p50_ms": round(percentile(first_round, 0.50), 1),
        "first_round_max_ms": round(max(first_round), 1),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "max_ms": round(max(times), 1),
        "load_avg_1min": round(statistics.mean(loads), 2),
        "per_query_median_ms": {q: round(statistics.median(t), 1) for q, t in per_query.items()},
    }


def plain_full_text(repeat, budget):
    """The baseline in the same run: the database's own ranked full-text query over the same
    index rows, top 10 (FTS5 bm25() on SQLite, ts_rank on the GIN-indexed title || body on
    PostgreSQL), without the site around it."""
    from django.db import connection

    if connection.vendor == "sqlite":
        sql = (
            "SELECT rowid FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts "
            "MATCH %s ORDER BY bm25(wagtailsearch_indexentry_fts) LIMIT 10"
        )

        def param(query):
            return " AND ".join(f'"{word}"' for word in query.replace('"', " ").split())
    else:
        sql = (
            "SELECT id FROM wagtailsearch_indexentry WHERE (title || body) @@ "
            "plainto_tsquery('danish', %s) ORDER BY ts_rank(title || body, "
            "plainto_tsquery('danish', %s)) DESC LIMIT 10"
        )

        def param(query):
            return query

    times = []
    deadline = time.perf_counter() + budget
    with connection.cursor() as cursor:
        for _ in range(repeat):
            for query in QUERIES:
                params = [param(query)] * (1 if connection.vendor == "sqlite" else 2)
                start = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                times.append((time.perf_counter() - start) * 1000)
            if time.perf_counter() > deadline:
                break
    return {
        "p50_ms": round(percentile(times, 0.50), 2),
        "p95_ms": round(percentile(times, 0.95), 2),
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }


def bakerydemo_search(args, run_dir):
    """bakerydemo's /search/ on its demo content (SQLite, as its demo runs), measured like
    measure(): the whole request path of Wagtail's reference site's search, beside the site's."""
    import subprocess

    import bakerydemo

    print(f"  bakerydemo: preparing {args.bakerydemo} ...", flush=True)
    try:
        bakery = bakerydemo.prepare(args.bakerydemo, args.bakerydemo_python, run_dir)
        env = {
            **bakery.env,
            "BENCH_QUERIES": json.dumps(BAKERYDEMO_QUERIES),
            "BENCH_REPEAT": str(args.repeat),
            "BENCH_WARM_UP": str(WARM_UP_ROUNDS),
        }
        print("  bakerydemo: measuring /search/", flush=True)
        out = bakerydemo.run(
            [str(bakery.python), "manage.py", "shell", "-c", BAKERYDEMO_SEARCH_SCRIPT],
            timeout=900,
            cwd=bakery.checkout,
            env=env,
        )
    except (bakerydemo.BakerydemoFailed, subprocess.TimeoutExpired) as error:
        print(f"  bakerydemo could not be measured: {error}", flush=True)
        return None
    line = next(ln for ln in out.splitlines() if ln.startswith("BAKERY-SEARCH "))
    measured = json.loads(line.removeprefix("BAKERY-SEARCH "))
    return {
        "commit": bakery.commit,
        "pages": measured["pages"],
        "requests": len(measured["times"]),
        "p50_ms": round(percentile(measured["times"], 0.50), 1),
        "p95_ms": round(percentile(measured["times"], 0.95), 1),
        "load_avg_1min": round(statistics.mean(measured["loads"]), 2),
    }


def page_count():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1).count()


def run(args):
    results = {
        "backend": args.backend,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}",
        "load_avg_start": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory(prefix="searchbench-") as tmpdir:
        configure(args, tmpdir)
        from django.core.management import call_command

        print(f"Search benchmark, {args.backend}", flush=True)
        with open(os.devnull, "w") as quiet:
            with timed(results, "migrate_s"):
                call_command("migrate", verbosity=0)
            with timed(results, "setup_site_s"):
                call_command("setup_site", "--skip-index", stdout=quiet)
            with timed(results, "baseline_update_index_s"):
                call_command("update_index", verbosity=0, stdout=quiet)
            results["baseline_pages"] = page_count()
            print(f"  baseline: {results['baseline_pages']} pages, measuring", flush=True)
            settle()
            results["baseline"] = measure(args.repeat, args.budget)
            results["baseline_plain"] = plain_full_text(args.repeat, args.budget)
            if args.bakerydemo:
                results["bakerydemo"] = bakerydemo_search(args, tmpdir)
            with timed(results, "add_pages_s"):
                add_corpus(args.pages, args.seed)
            with timed(results, "update_index_s"):
                call_command("update_index", verbosity=0, stdout=quiet)
            results["pages"] = page_count()
            print(f"  large: {results['pages']} pages, measuring", flush=True)
            settle()
            results["large"] = measure(args.repeat, args.budget)
            results["large_plain"] = plain_full_text(args.repeat, args.budget)
        if args.backend == "postgresql" and not args.keep_database:
            import psycopg
            from django.db import connections

            connections.close_all()
            with psycopg.connect(args.postgres_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)')
    results["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    for key in ("p50_ms", "p95_ms"):
        results[f"ratio_{key[:3]}"] = round(results["large"][key] / results["baseline"][key], 1)
    return results


def report(results):
    base, large = results["baseline"], results["large"]
    print()
    print(f"Backend {results['backend']}, {results['date']}, {results['machine']}")
    print(
        f"load average at start {results['load_avg_start']}, at end {results['load_avg_end']}; "
        f"during the measurements {base['load_avg_1min']} / {large['load_avg_1min']}"
    )
    print(f"{'':24}{'pages':>8}{'p50 ms':>9}{'p95 ms':>9}{'index s':>9}")
    print(
        f"{'setup_site site':24}{results['baseline_pages']:>8}{base['p50_ms']:>9}"
        f"{base['p95_ms']:>9}{results['baseline_update_index_s']:>9}"
    )
    print(
        f"{'+ generated pages':24}{results['pages']:>8}{large['p50_ms']:>9}"
        f"{large['p95_ms']:>9}{results['update_index_s']:>9}"
    )
    print(
        f"ratio large/baseline: p50 {results['ratio_p50']}x, p95 {results['ratio_p95']}x; "
        f"{base['requests']}/{large['requests']} requests; added in {results['add_pages_s']}s"
    )
    for size in ("baseline", "large"):
        first = results[size]
        print(
            f"first search of each query ({size}, before the warm-up): "
            f"p50 {first['first_round_p50_ms']} ms, max {first['first_round_max_ms']} ms"
        )
    for size in ("baseline", "large"):
        plain = results[f"{size}_plain"]
        print(
            f"plain full-text query ({size}): p50 {plain['p50_ms']} ms, p95 {plain['p95_ms']} ms "
            f"(load {plain['load_avg_1min']}); /soeg/ is p50 "
            f"{results[size]['p50_ms'] / max(plain['p50_ms'], 0.01):.0f}x, p95 "
            f"{results[size]['p95_ms'] / max(plain['p95_ms'], 0.01):.0f}x of it"
        )
    bakery = results.get("bakerydemo")
    if bakery:
        print(
            f"bakerydemo /search/ ({bakery['commit'][:12]}, {bakery['pages']} pages, SQLite): "
            f"p50 {bakery['p50_ms']} ms, p95 {bakery['p95_ms']} ms (load "
            f"{bakery['load_avg_1min']}, {bakery['requests']} requests); /soeg/ at "
            f"{results['baseline_pages']} pages is p50 {base['p50_ms'] / bakery['p50_ms']:.2f}x, "
            f"p95 {base['p95_ms'] / bakery['p95_ms']:.2f}x of it"
        )
    print("median per query at the large size (ms):")
    for query, ms in large["per_query_median_ms"].items():
        print(f"  {ms:>8}  {query}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", ""),
        help="postgres://role:password@host:port/db of a server where the role may CREATEDB "
        "(default: BENCH_POSTGRES_URL)",
    )
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages to add")
    parser.add_argument("--repeat", type=int, default=10, help="rounds over the query list")
    parser.add_argument(
        "--budget",
        type=float,
        default=240,
        help="seconds of measuring per size; fewer rounds are run when it is used up",
    )
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep-database", action="store_true", help="PostgreSQL: keep it")
    parser.add_argument(
        "--bakerydemo", metavar="PATH", help="also measure this wagtail/bakerydemo checkout"
    )
    parser.add_argument("--bakerydemo-python", default="python3.12", metavar="PYTHON")
    parser.add_argument("--sqlite-file", help="SQLite: build the database in this file (kept)")
    args = parser.parse_args()
    if args.backend == "postgresql" and not args.postgres_url:
        parser.error("--postgres-url (or BENCH_POSTGRES_URL) is needed for PostgreSQL")
    results = run(args)
    report(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
