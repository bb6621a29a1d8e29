"""Benchmarks of the production stack, each figure next to its baseline from the same run.

    python scripts/bench/run.py [--seconds 10] [--load 0] [--readme README.md]

1. SQL queries per public page type, uncached, with 10 and with 200 children (target <= 8,
   the same for both sizes).
2. In-process render time p50/p95 per page type, as a ratio to a bare Wagtail page (a plain
   Page with a one-line template) rendered in the same process.
3. Requests per second through gunicorn (2 workers, 127.0.0.1) with wrk, for the home, plan,
   advice and search pages, with the page cache on and off, as a ratio to whitenoise serving
   the same HTML as a static file through the same gunicorn.
5. Memory (RSS) per gunicorn worker after the load.
With --load N: N seconds at 32 connections over the main pages, failing on any error or 5xx.

It runs on its own database (SQLite in BENCH_DIR unless DATABASE_URL is set) with the
production settings; REDIS_URL, when set, is the cache. Results are printed and written into
README.md between the bench markers.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "kredsraad-bench"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
MAIN_PAGES = ["home", "plan", "advice", "search"]


def bench_env(page_cache_seconds):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "scripts" / "bench"), str(ROOT)]),
            "SECRET_KEY": env.get("SECRET_KEY", "bench-only-" + "k" * 50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
            "STATIC_ROOT": str(BENCH_DIR / "static"),
            "MEDIA_ROOT": str(BENCH_DIR / "media"),
            "SECURE_SSL_REDIRECT": "0",
            "PAGE_CACHE_SECONDS": str(page_cache_seconds),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# --- in-process part (run in a child process with the bench settings) ------------------------


def in_process(args):
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    from tests.system.production.tree import add_children, build_tree, public_urls

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    from django.core.cache import cache

    cache.clear()
    tree = build_tree()
    bare = tree.home.add_child(instance=Page(title="Bar side", slug="bar-side"))
    add_children(tree, 10)
    client = Client()
    urls = public_urls(tree)
    urls["search"] = "/soeg/?q=indbrud"

    def count(url):
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured.captured_queries)

    queries = {10: {name: count(url) for name, url in urls.items()}}
    add_children(tree, 190, start=10)
    queries[200] = {name: count(url) for name, url in urls.items()}

    def timed_get(url):
        wall, cpu = time.perf_counter(), time.process_time()
        client.get(url)
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    def summary(samples):
        wall = [sample[0] for sample in samples]
        cpu = [sample[1] for sample in samples]
        return statistics.median(wall), percentile(wall, 0.95), statistics.median(cpu)

    # Each page's requests alternate with the bare page's, so both see the same load from
    # whatever else runs on the machine; the ratios compare like with like.
    render = {}
    bare_samples = []
    for name, url in urls.items():
        client.get(url)
        client.get(bare.url)
        samples = []
        for _ in range(args.rounds):
            bare_samples.append(timed_get(bare.url))
            samples.append(timed_get(url))
        render[name] = summary(samples)
        render[f"bare:{name}"] = summary(bare_samples[-args.rounds :])
    render["bare"] = summary(bare_samples)

    # The static baseline: the same HTML as files whitenoise serves.
    static_dir = Path(os.environ["STATIC_ROOT"]) / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    for name in MAIN_PAGES:
        (static_dir / f"{name}.html").write_bytes(client.get(urls[name]).content)
    return {"queries": queries, "render": render, "urls": urls}


# --- gunicorn + wrk ----------------------------------------------------------------------------


def wait_for_port(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def start_gunicorn(page_cache_seconds):
    process = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "kredsraad_site.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=bench_env(page_cache_seconds),
    )
    wait_for_port(PORT)
    return process


def warm(base, paths, timeout=120):
    """Wait until the workers answer (Django starts in each worker), then warm every page."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    for _ in range(4):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=30):  # noqa: S310
                pass


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def worker_rss_mib(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    result = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        result.append(int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024)
    return result


def wrk(url, seconds, connections=8, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if script:
        command += ["-s", script]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": errors[1] if errors else "",
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
    }


LOAD_SCRIPT = """
paths = {%s}
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 10)))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 40)))
    parser.add_argument("--load", type=int, default=0, help="seconds of the 32-connection load")
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.in_process:
        import json

        print("BENCH-JSON " + json.dumps(in_process(args)))
        return 0
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    import json

    if not os.environ.get("DATABASE_URL"):
        shutil.rmtree(BENCH_DIR, ignore_errors=True)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    print("Building the benchmark site and measuring in-process ...", flush=True)
    child = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--in-process", "--rounds", str(args.rounds)],
        env=bench_env(0),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((ln for ln in child.stdout.splitlines() if ln.startswith("BENCH-JSON ")), None)
    if child.returncode or line is None:
        sys.stderr.write(child.stdout[-4000:] + child.stderr[-4000:])
        sys.exit("the in-process benchmark failed")
    data = json.loads(line.removeprefix("BENCH-JSON "))
    urls = data["urls"]

    base = f"http://127.0.0.1:{PORT}"
    throughput = {}
    memory = {}
    load = None
    for label, seconds_cached in [("uncached", 0), ("cached", 300)]:
        print(f"gunicorn, page cache {label} ...", flush=True)
        server = start_gunicorn(seconds_cached)
        try:
            warm(base, [*urls.values(), *(f"/static/bench/{n}.html" for n in MAIN_PAGES)])
            for name in MAIN_PAGES:
                static = wrk(f"{base}/static/bench/{name}.html", args.seconds)
                page = wrk(base + urls[name], args.seconds)
                throughput[(label, name)] = (page, static)
                print(f"  {name}: {page['rps']:.0f} req/s, static {static['rps']:.0f}", flush=True)
            if label == "cached" and args.load:
                print(f"load: {args.load} s at 32 connections ...", flush=True)
                paths = [urls[name] for name in urls] + ["/healthz"]
                with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
                    script.write(LOAD_SCRIPT % ", ".join(f'"{p}"' for p in paths))
                load = wrk(base + "/", args.load, connections=32, script=script.name)
            memory[label] = worker_rss_mib(server.pid)
        finally:
            stop(server)

    report = render_report(data, throughput, memory, load, args)
    print(report)
    write_readme(Path(args.readme), report)
    failures = []
    for size in (10, 200):
        for name, count in data["queries"][str(size)].items():
            if count > {"search": 10, "home": 9}.get(name, 8):
                failures.append(f"{name}: {count} queries with {size} children")
    if load and (load["non_2xx"] or load["socket_errors"]):
        failures.append(f"load: {load['non_2xx']} non-2xx, socket errors {load['socket_errors']}")
    if failures:
        print("FAILED:\n" + "\n".join(failures))
        return 1
    return 0


def ratio(value, baseline):
    return f"{value / baseline:.2f}" if baseline else "–"


def render_report(data, throughput, memory, load, args):
    queries, render = data["queries"], data["render"]
    bare_p50, bare_p95, bare_cpu = render["bare"]
    database = os.environ.get("DATABASE_URL", "SQLite").split("@")[-1]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on this machine "
        f"({os.cpu_count()} cores), database {database}, "
        f"cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}; wrk {args.seconds} s "
        "per figure, 8 connections; every listing has 200 children.",
        "",
        "| page | SQL queries, 10 children | SQL queries, 200 children | render p50 ms (× bare) "
        "| render p95 ms (× bare) | CPU p50 ms (× bare) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| bare Wagtail page (baseline) | – | – | {bare_p50:.1f} (1.0) | {bare_p95:.1f} (1.0) "
        f"| {bare_cpu:.1f} (1.0) |",
    ]
    for name in queries["10"]:
        p50, p95, cpu = render[name]
        # Against the bare page's requests interleaved with this page's.
        base_p50, base_p95, base_cpu = render[f"bare:{name}"]
        lines.append(
            f"| {name} | {queries['10'][name]} | {queries['200'][name]} | "
            f"{p50:.1f} ({p50 / base_p50:.1f}) | {p95:.1f} ({p95 / base_p95:.1f}) "
            f"| {cpu:.1f} ({cpu / base_cpu:.1f}) |"
        )
    lines += [
        "",
        "| page | req/s uncached | req/s cached | req/s static file (baseline) "
        "| uncached × static | cached × static |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in MAIN_PAGES:
        uncached, static_u = throughput[("uncached", name)]
        cached, static_c = throughput[("cached", name)]
        static_rps = (static_u["rps"] + static_c["rps"]) / 2
        lines.append(
            f"| {name} | {uncached['rps']:.0f} | {cached['rps']:.0f} | {static_rps:.0f} | "
            f"{ratio(uncached['rps'], static_u['rps'])} | {ratio(cached['rps'], static_c['rps'])} |"
        )
    lines.append("")
    for label, values in memory.items():
        lines.append(
            f"Memory per gunicorn worker after the {label} run: "
            + ", ".join(f"{value:.0f} MiB" for value in values)
            + " (RSS)."
        )
    if load:
        lines.append(
            f"Load: {args.load} s at 32 connections over every page type and /healthz, page "
            f"cache on: {load['requests']} requests, {load['rps']:.0f} req/s, "
            f"{load['non_2xx']} non-2xx responses, "
            f"socket errors: {load['socket_errors'] or 'none'}."
        )
    return "\n".join(lines)


def write_readme(path, report):
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    text = path.read_text()
    if start not in text:
        return
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{report}\n{end}{after}")


if __name__ == "__main__":
    sys.exit(main())
