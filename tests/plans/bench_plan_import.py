"""Plan import benchmark (not part of the suite: pytest collects test_*.py only): a plan the
size of 2017's as text, PDF and Word. It reports figures and asserts none of them.

In the test database with the site built by setup_site, it times,
each the median of --repeat runs: reading each file (extraction and parsing), the first import
of a new year's draft (page, revision, local focus area drafts) and the import of the same file
again (no change, no revision). The baseline is parsing the plain text, in the same run; every
figure is also given as a ratio of it. The issue's target: an import under 5 s.

    .venv/bin/pytest tests/plans/bench_plan_import.py -s -p no:logging
"""

import os
import statistics
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from plans.importing import import_plan
from plans.models import PlanPage
from plans.plan_files import parse_plan_file
from tests.plans import plan_documents as documents

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def median_seconds(function, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@pytest.mark.django_db
def test_plan_import_figures():
    call_command("setup_site", "--skip-index", stdout=open(os.devnull, "w"))  # noqa: SIM115
    model = documents.with_year(documents.read_model(), 2031)
    files = {
        "txt": documents.render_text(
            model, wrap=80, hyphenate=True, furniture="Samarbejdsplan"
        ).encode("utf-8"),
        "pdf": documents.render_pdf(model),
        "docx": documents.render_docx(model),
    }
    baseline = median_seconds(lambda: parse_plan_file(files["txt"], "plan.txt"))
    rows = [("læs tekst (baseline)", baseline)]
    for kind in ("pdf", "docx"):
        seconds = median_seconds(lambda k=kind: parse_plan_file(files[k], f"plan.{k}"))
        rows.append((f"læs {kind}", seconds))

    for kind, data in files.items():

        def first_import(data=data, kind=kind):
            with transaction.atomic():
                import_plan(parse_plan_file(data, f"plan.{kind}"))
                transaction.set_rollback(True)  # every run creates the page anew

        rows.append((f"import af {kind}, ny kladde", median_seconds(first_import)))

    import_plan(parse_plan_file(files["pdf"], "plan.pdf"))
    again = median_seconds(lambda: import_plan(parse_plan_file(files["pdf"], "plan.pdf")))
    rows.append(("samme pdf igen (ingen ændring)", again))
    assert PlanPage.objects.get(year=2031).revisions.count() == 1

    sections = len(parse_plan_file(files["txt"], "plan.txt").sections)
    print(f"Plan import, {sections} afsnit, median af {REPEAT} kørsler, {os.cpu_count()} kerner")
    print(f"{'':36} {'sekunder':>9} {'× baseline':>11}")
    for name, seconds in rows:
        print(f"{name:36} {seconds:9.3f} {seconds / baseline:11.1f}")
