"""Benchmarks of the production stack, each figure beside its baseline from the same run.

    python scripts/bench/run.py [--seconds 10] [--rounds 2] [--vcl deploy/varnish/default.vcl]
                                [--bakerydemo PATH [--bakerydemo-python python3.12]]

1. SQL queries per public page type, uncached, with 10 and with 200 children per listing
   (Django's test client in-process: queries.py; the tree: tree.py).
2. Cache hits through Varnish against nginx: gunicorn (the bench settings, 2 sync workers)
   behind varnishd with the project's VCL, and nginx serving the exact bytes of the home and
   plan pages as fetched through Varnish, as static files. Requests per second and the ratio
   Varnish ÷ nginx; every Varnish answer must be a hit (checked on a response and with
   varnishstat's counters over the run).
3. Uncached pages, straight to gunicorn, against wagtail/bakerydemo (--bakerydemo PATH) under
   the same conditions: 2 sync gunicorn workers, DEBUG off, SQLite, the local-memory cache,
   8 connections. Without --bakerydemo only the project's side is measured.
4. Memory (RSS) per gunicorn worker after the load.

wrk runs 2 threads and 8 connections for --seconds per measurement; each pair of targets is
measured --rounds times in the order A B B A ..., so both see the same load from whatever else
runs on the machine; req/s is the mean of a target's rounds. Every server binds 127.0.0.1 and
is stopped at the end, however the run ends. The run fails (exit 1) only when a server does not
start, a page answers an error, or wrk sees a non-2xx/3xx answer or a socket error; figures are
reported, never judged. Everything is written under BENCH_DIR (default /tmp/kredsraad-bench).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import bakerydemo
from servers import (
    ServerFailed,
    Servers,
    free_port,
    get,
    gunicorn_command,
    is_hit,
    nginx_command,
    varnish_command,
    varnish_counters,
    vcl_for_backend,
    worker_rss_mib,
    wrk,
)

ROOT = Path(__file__).resolve().parents[2]
BENCH = Path(__file__).resolve().parent
BENCH_DIR = Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "kredsraad-bench"))
RUN_DIR = BENCH_DIR / "run"
CACHED_PAGES = ["home", "plan"]
# (project page, bakerydemo page) compared uncached.
PAIRS = [
    ("home", "home"),
    ("plan", "blog_page"),
    ("news", "blog_page"),
    ("advice", "bread_page"),
    ("focus_area", "location_page"),
    ("plan_index", "blog_index"),
    ("news_index", "blog_index"),
    ("advice_index", "breads_index"),
    ("focus_index", "breads_index"),
]
VARNISH_TARGET = 0.5


def project_env():
    """The bench settings' environment: production settings on a SQLite file in RUN_DIR, the
    local-memory cache, and this tree's code (the editable install may point elsewhere)."""
    code = RUN_DIR / "python"
    code.mkdir(parents=True, exist_ok=True)
    if not (code / "kredsraad_site").exists():
        # The package lives in site/ and is importable only through the install's mapping.
        (code / "kredsraad_site").symlink_to(ROOT / "site")
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "WAGTAILFRONTENDCACHE_LOCATION"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join(map(str, [BENCH, code, ROOT])),
            "SECRET_KEY": "bench-only-" + "k" * 50,
            "ALLOWED_HOSTS": "*",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": f"sqlite:///{RUN_DIR / 'bench.sqlite3'}",
            "STATIC_ROOT": str(RUN_DIR / "static"),
            "MEDIA_ROOT": str(RUN_DIR / "media"),
            "SECURE_SSL_REDIRECT": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


class Run:
    """What the run measured, and what went wrong (each problem makes the exit code 1)."""

    def __init__(self, args):
        self.args = args
        self.problems = []
        self.notes = []

    def check_page(self, label, url):
        status, headers, body = get(url)
        if status != 200:
            self.problems.append(f"{label}: {url} answered {status}")
        return headers, body

    def measure(self, url, label):
        result = wrk(url, self.args.seconds)
        if result["non_2xx"] or result["socket_errors"]:
            self.problems.append(
                f"{label}: {result['non_2xx']} non-2xx/3xx answers, socket errors "
                f"{result['socket_errors'] or 'none'} ({url})"
            )
        return result

    def alternate(self, first, second):
        """Mean req/s of two (label, url) targets measured in the order A B B A A B ..."""
        totals = {first[0]: [], second[0]: []}
        for round_ in range(self.args.rounds):
            order = (first, second) if round_ % 2 == 0 else (second, first)
            for label, url in order:
                totals[label].append(self.measure(url, label))
        return tuple(
            {
                "rps": sum(r["rps"] for r in totals[label]) / len(totals[label]),
                "requests": sum(r["requests"] for r in totals[label]),
            }
            for label in (first[0], second[0])
        )


# --- 1. queries ----------------------------------------------------------------------------------


def count_queries(env):
    out = RUN_DIR / "queries.json"
    child = subprocess.run(  # noqa: S603
        [sys.executable, str(BENCH / "queries.py"), str(out)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if child.returncode:
        sys.stderr.write(child.stdout[-4000:] + child.stderr[-4000:])
        raise ServerFailed("building the bench site and counting queries failed")
    return json.loads(out.read_text())


# --- 2. Varnish against nginx ---------------------------------------------------------------------


def varnish_vs_nginx(run, servers, app_port, urls):
    vcl_source = Path(run.args.vcl)
    if not vcl_source.exists():
        run.notes.append(
            f"Varnish ÷ nginx skipped: no VCL at {vcl_source} (pass --vcl PATH; make bench VCL=…)."
        )
        return None
    varnish_dir, nginx_dir = RUN_DIR / "varnish", RUN_DIR / "nginx"
    docroot = nginx_dir / "html"
    docroot.mkdir(parents=True)
    varnish_dir.mkdir()
    vcl = RUN_DIR / "bench.vcl"
    vcl.write_text(vcl_for_backend(vcl_source.read_text(), app_port))
    varnish_port, nginx_port = free_port(), free_port()
    servers.start(
        "varnish", varnish_command(varnish_port, vcl, varnish_dir), varnish_port, "/healthz"
    )
    varnish = f"http://127.0.0.1:{varnish_port}"
    wait_until_ok(f"{varnish}/", "Varnish's backend")
    hits = {}
    for name in CACHED_PAGES:
        run.check_page(f"{name} via Varnish", varnish + urls[name])
        headers, body = run.check_page(f"{name} via Varnish", varnish + urls[name])
        hits[name] = is_hit(headers)
        if not hits[name]:
            run.notes.append(
                f"WARNING: {name} through Varnish is not a hit (X-Varnish "
                f"{headers.get('X-Varnish')!r}, Age {headers.get('Age')!r}, Cache-Control "
                f"{headers.get('Cache-Control')!r}): its figure is not that of a cache hit."
            )
        (docroot / f"{name}.html").write_bytes(body)
    servers.start("nginx", nginx_command(nginx_port, nginx_dir, docroot), nginx_port, "/home.html")
    nginx = f"http://127.0.0.1:{nginx_port}"
    results = {}
    for name in CACHED_PAGES:
        targets = (
            (f"varnish:{name}", varnish + urls[name]),
            (f"nginx:{name}", f"{nginx}/{name}.html"),
        )
        for label, url in targets:
            run.check_page(label, url)
            wrk(url, 1)  # warm-up, not counted
        before = varnish_counters(varnish_dir)
        varnish_result, nginx_result = run.alternate(*targets)
        after = varnish_counters(varnish_dir)
        delta = {key: after.get(key, 0) - before.get(key, 0) for key in after}
        served = delta.get("cache_hit", 0) + delta.get("cache_miss", 0) + delta.get("s_pass", 0)
        results[name] = {
            "varnish": varnish_result,
            "nginx": nginx_result,
            "hit_share": delta.get("cache_hit", 0) / served if served else 0.0,
            "backend_requests": delta.get("backend_req", 0),
            "hit_header": hits[name],
            "bytes": len((docroot / f"{name}.html").read_bytes()),
        }
    return results


def wait_until_ok(url, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(url, timeout=10)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise ServerFailed(f"{what} never answered 200 at {url}")


# --- 3. uncached against bakerydemo ---------------------------------------------------------------


def uncached(run, servers, app_base, urls, bakery):
    results = []
    if bakery is None:
        for name in dict.fromkeys(name for name, _ in PAIRS):
            url = app_base + urls[name]
            run.check_page(name, url)
            wrk(url, 1)
            rps = sum(run.measure(url, name)["rps"] for _ in range(run.args.rounds))
            results.append((name, {"rps": rps / run.args.rounds}, None, None))
        return results
    port = free_port()
    run.bakery_server = servers.start(
        "bakerydemo",
        gunicorn_command(bakery.gunicorn, "bakerydemo.wsgi:application", port),
        port,
        "/",
        cwd=bakery.checkout,
        env=bakery.env,
    )
    bakery_base = f"http://127.0.0.1:{port}"
    warm_up = {name: app_base + urls[name] for name, _ in PAIRS}
    warm_up |= {f"bakerydemo {name}": bakery_base + bakery.urls[name] for _, name in PAIRS}
    for label, url in warm_up.items():
        run.check_page(label, url)
        wrk(url, 1)  # warm-up, not counted
    for name, bakery_name in PAIRS:
        ours, theirs = run.alternate(
            (name, app_base + urls[name]),
            (f"bakerydemo {bakery_name}", bakery_base + bakery.urls[bakery_name]),
        )
        results.append((name, ours, bakery_name, theirs))
    return results


# --- the report -----------------------------------------------------------------------------------


def abbreviate(sql, width=170):
    """One query on one line, unquoted, the column list of a SELECT elided, cut at `width`."""
    sql = " ".join(sql.replace('"', "").split())
    sql = re.sub(r"^SELECT (.{40,}?) FROM ", "SELECT … FROM ", sql)
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def ratio(value, baseline):
    return f"{value / baseline:.2f}" if baseline else "–"


def report(run, data, cached, uncached_results, memory, bakery):
    args = run.args
    queries = data["queries"]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on this machine "
        f"({os.cpu_count()} cores; wrk, the servers and anything else share them): SQLite, "
        "local-memory cache, DEBUG off; gunicorn 2 sync workers; wrk 2 threads, 8 connections, "
        f"{args.seconds} s × {args.rounds} rounds per figure (A B B A); HTTP figures with 200 "
        "children per listing.",
        "",
        "1. SQL queries per page, uncached (second request through the test client)",
        "",
        "| page | URL | 10 children | 200 children |",
        "| --- | --- | ---: | ---: |",
    ]
    for name, url in data["urls"].items():
        lines.append(f"| {name} | {url} | {queries['10'][name]} | {queries['200'][name]} |")
    over = data["sql"]["200"]
    if over:
        lines += [
            "",
            "Queries of the pages over 10 (200 children; identical ones counted, the column "
            f"lists shortened; the full SQL is in {RUN_DIR / 'queries.json'}):",
        ]
        for name, sql in over.items():
            lines.append(f"- {name} ({len(sql)}):")
            for query, times in Counter(map(abbreviate, sql)).items():
                lines.append(f"    {times}× {query}")

    lines += [
        "",
        "2. Cache hits: Varnish against nginx serving the same bytes as a static file",
        "",
    ]
    if cached is None:
        lines.append("skipped (see the notes)")
    else:
        lines += [
            f"| page | bytes | Varnish req/s | nginx req/s | Varnish ÷ nginx (target ≥ "
            f"{VARNISH_TARGET}) | hits in run | backend requests in run | hit header |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for name, result in cached.items():
            v, n = result["varnish"]["rps"], result["nginx"]["rps"]
            lines.append(
                f"| {name} | {result['bytes']} | {v:.0f} | {n:.0f} | {ratio(v, n)} "
                f"{'(met)' if n and v / n >= VARNISH_TARGET else '(NOT met)'} "
                f"| {result['hit_share']:.1%} | {result['backend_requests']} "
                f"| {'yes' if result['hit_header'] else 'NO'} |"
            )

    lines += ["", "3. Uncached pages straight to gunicorn, against wagtail/bakerydemo", ""]
    if bakery is None:
        lines += [
            "bakerydemo: not given, so only the project's side is measured. Provide a checkout "
            "with `--bakerydemo PATH` (make bench BAKERYDEMO=PATH), e.g. "
            "`git -C <bare clone> worktree add /tmp/bakerydemo <commit>`; its venv is made with "
            "`--bakerydemo-python` (default python3.12).",
            "",
            "| page | req/s |",
            "| --- | ---: |",
        ]
        lines += [f"| {name} | {ours['rps']:.1f} |" for name, ours, _, _ in uncached_results]
    else:
        lines += [
            f"bakerydemo {bakery.commit[:12]} (Python {bakery.python_version}, its production "
            "settings, demo content from load_initial_data).",
            "",
            "| page | req/s | bakerydemo page | req/s | page ÷ bakerydemo |",
            "| --- | ---: | --- | ---: | ---: |",
        ]
        for name, ours, bakery_name, theirs in uncached_results:
            lines.append(
                f"| {name} | {ours['rps']:.1f} | {bakery_name} ({bakery.urls[bakery_name]}) "
                f"| {theirs['rps']:.1f} | {ratio(ours['rps'], theirs['rps'])} |"
            )

    lines += ["", "4. Memory (RSS) per gunicorn worker after the load", ""]
    for label, values in memory.items():
        lines.append(f"- {label}: " + ", ".join(f"{value:.0f} MiB" for value in values))
    if run.notes:
        lines += ["", "Notes:", *(f"- {note}" for note in run.notes)]
    if run.problems:
        lines += ["", "PROBLEMS (exit 1):", *(f"- {problem}" for problem in run.problems)]
    return "\n".join(lines)


# --- main -----------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 2)))
    parser.add_argument("--vcl", default=str(ROOT / "deploy" / "varnish" / "default.vcl"))
    parser.add_argument("--bakerydemo", metavar="PATH", help="a checkout of wagtail/bakerydemo")
    parser.add_argument("--bakerydemo-python", default="python3.12", metavar="PYTHON")
    return parser.parse_args()


def main():
    args = parse_args()
    missing = [
        tool for tool in ("varnishd", "varnishstat", "nginx", "wrk") if not shutil.which(tool)
    ]
    if missing:
        sys.exit(f"missing: {', '.join(missing)} (apt-get install varnish nginx wrk; make bench)")
    # SIGTERM ends the run like Ctrl-C: the servers are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    run = Run(args)
    env = project_env()
    try:
        print("1. Building the bench site (setup_site + children) and counting queries ...")
        data = count_queries(env)
        bakery = None
        if args.bakerydemo:
            print(f"   preparing bakerydemo from {args.bakerydemo} ...", flush=True)
            try:
                bakery = bakerydemo.prepare(args.bakerydemo, args.bakerydemo_python, RUN_DIR)
            except (bakerydemo.BakerydemoFailed, subprocess.TimeoutExpired) as error:
                run.problems.append(f"bakerydemo could not be prepared: {error}")
        memory = {}
        with Servers(RUN_DIR) as servers:
            app_port = free_port()
            app = servers.start(
                "gunicorn",
                gunicorn_command(
                    Path(sys.executable).parent / "gunicorn", "kredsraad_site.wsgi", app_port
                ),
                app_port,
                "/healthz",
                cwd=ROOT,
                env=env,
            )
            app_base = f"http://127.0.0.1:{app_port}"
            for name, url in data["urls"].items():
                run.check_page(name, app_base + url)
            print("2. Varnish against nginx ...", flush=True)
            cached = varnish_vs_nginx(run, servers, app_port, data["urls"])
            print(
                "3. Uncached pages" + (" against bakerydemo" if bakery else "") + " ...", flush=True
            )
            uncached_results = uncached(run, servers, app_base, data["urls"], bakery)
            memory["project"] = worker_rss_mib(app.pid)
            if bakery is not None:
                memory[f"bakerydemo {bakery.commit[:12]}"] = worker_rss_mib(run.bakery_server.pid)
    except ServerFailed as error:
        print(f"FAILED: {error}", file=sys.stderr)
        return 1
    text = report(run, data, cached, uncached_results, memory, bakery)
    (RUN_DIR / "report.md").write_text(text + "\n")
    print()
    print(text)
    return 1 if run.problems else 0


if __name__ == "__main__":
    sys.exit(main())
