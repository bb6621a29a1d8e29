"""`make audit-frontend`: the W3C Nu HTML checker on every page type and Lighthouse on the main
ones, against a throwaway copy of the site (scripts/frontend/site.py).

Fails (exit 1) unless:
* the Nu checker (npm vnu-jar, run with Debian's Java) finds 0 errors on every page type;
* Lighthouse (npm, with Debian's Chromium: CHROME_PATH, default /usr/bin/chromium; its default
  mobile run) scores accessibility, best practices and SEO 100 on LIGHTHOUSE_PAGES (SEO not
  on the search page, which asks not to be indexed) and measures CLS below 0.1.

The figures are printed and kept in AUDIT_DIR (default <tmp>/kredsraad-frontend-audit):
report.md and Lighthouse's JSON per page.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from scripts.frontend.site import PAGES, ROOT, running_site  # noqa: E402

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = os.environ.get("JAVA", "/usr/bin/java")  # Debian's default-jre-headless
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_PAGES = ["forside", "plan", "vejledning", "anmodning", "soegning"]
NOINDEX_PAGES = {"soegning"}
CLS_LIMIT = 0.1


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 page is a page type too
        return error.read()


def nu_checker(base, folder):
    files = []
    for name, path, _role in PAGES:
        target = folder / f"{name}.html"
        target.write_bytes(fetch(base + path))
        files.append(target)
    result = subprocess.run(  # noqa: S603 - the checker from node_modules, our files
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {name: [] for name, _path, _role in PAGES}
    for message in messages:
        name = Path(message.get("url", "")).stem
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine')}: {message.get('message')}"
        )
    return errors


def lighthouse(base, path, output, attempts=3):
    """Lighthouse's scores for one page. On a busy machine Lighthouse now and then loses its
    trace (NO_NAVSTART, a category without a score): such a run is repeated, a low score is not."""
    for attempt in range(1, attempts + 1):
        try:
            return run_lighthouse(base, path, output)
        except (subprocess.CalledProcessError, TypeError, KeyError):
            if attempt == attempts:
                raise
            print(f"Lighthouse lost its trace of {path}; run {attempt + 1} of {attempts}")
    return None


def run_lighthouse(base, path, output):
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(  # noqa: S603 - Lighthouse from node_modules against our loopback server
        [
            str(LIGHTHOUSE),
            base + path,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
    )
    report = json.loads(output.read_text())
    scores = {key: round(value["score"] * 100) for key, value in report["categories"].items()}
    cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    failing = [
        f"{audit['id']}: {audit['title']}"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores, cls, weight, failing


def main():
    folder = Path(
        os.environ.get("AUDIT_DIR", Path(tempfile.gettempdir()) / "kredsraad-frontend-audit")
    )
    folder.mkdir(parents=True, exist_ok=True)
    problems, lines = [], ["# Front-end audit", ""]
    with running_site() as base:
        errors = nu_checker(base, folder)
        lines += ["## W3C Nu HTML checker (errors)", "", "| page | errors |", "| --- | --- |"]
        for name, found in errors.items():
            lines.append(f"| {name} | {len(found)} |")
            problems += [f"Nu checker, {name}: {error}" for error in found]
        lines += [
            "",
            "## Lighthouse (mobile)",
            "",
            "| page | accessibility | best practices | SEO | performance | CLS | bytes |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        paths = {name: path for name, path, _role in PAGES}
        for name in LIGHTHOUSE_PAGES:
            scores, cls, weight, failing = lighthouse(base, paths[name], folder / f"{name}.json")
            lines.append(
                f"| {name} | {scores['accessibility']} | {scores['best-practices']} | "
                f"{scores['seo']} | {scores['performance']} | {cls:.3f} | {weight:.0f} |"
            )
            wanted = ["accessibility", "best-practices"]
            if name not in NOINDEX_PAGES:
                wanted.append("seo")
            for category in wanted:
                if scores[category] < 100:
                    problems.append(
                        f"Lighthouse, {name}: {category} {scores[category]} ({failing})"
                    )
            if cls >= CLS_LIMIT:
                problems.append(f"Lighthouse, {name}: CLS {cls:.3f}")
    report = "\n".join(lines) + "\n"
    (folder / "report.md").write_text(report)
    print(report)
    if problems:
        print("\n".join(["FAILED:", *problems]), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
