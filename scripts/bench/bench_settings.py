"""Benchmark settings: production's, with a template for the bare Wagtail page the render times
are compared with. The environment comes from scripts/bench/run.py."""

from kredsraad_site.settings.production import *  # noqa: F403
from kredsraad_site.settings.production import BASE_DIR, TEMPLATES

TEMPLATES = [
    {**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "scripts/bench/templates"]}
]
