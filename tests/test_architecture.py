"""The layers of docs/architecture.md, checked on every import in the code (function-local
imports and migrations included): an app imports only the apps below it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The folder site/ is installed as the package kredsraad_site (pyproject.toml).
FOLDERS = {
    "kredsraad_site": "site",
    "home": "home",
    "plans": "plans",
    "news": "news",
    "focus": "focus",
    "municipalities": "municipalities",
    "project_requests": "project_requests",
    "search": "search",
    "editorial": "editorial",
    "sitebuilder": "sitebuilder",
}
PROJECT = set(FOLDERS)
PAGE_APPS = {"home", "plans", "news", "focus", "municipalities", "project_requests"}
# What each app may import of the project (besides itself).
ALLOWED = {
    "home": set(),
    "plans": {"home"},
    "news": {"home"},
    "focus": {"home", "plans"},
    "municipalities": {"home", "plans"},
    "project_requests": {"home", "plans", "municipalities"},
    "search": PAGE_APPS,
    "editorial": PAGE_APPS,
    "sitebuilder": PROJECT - {"sitebuilder", "kredsraad_site"},
    # The project package may use the apps (urls, health), but only urls.py reaches search and
    # editorial; see test_only_the_urls_and_the_builder_import_search_and_editorial.
    "kredsraad_site": PROJECT - {"kredsraad_site", "sitebuilder"},
}


def imports_of(path):
    """(line, top-level module) of every absolute import in the file."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def python_files(folder):
    return sorted((ROOT / folder).rglob("*.py"))


def project_imports(app):
    for path in python_files(FOLDERS[app]):
        for line, module in imports_of(path):
            top = module.split(".")[0]
            if top in PROJECT and top != app:
                yield path.relative_to(ROOT), line, module


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_layers_below_it(app):
    wrong = [
        f"{path}:{line} imports {module}"
        for path, line, module in project_imports(app)
        if module.split(".")[0] not in ALLOWED[app]
    ]
    assert wrong == [], f"{app} may import only {sorted(ALLOWED[app]) or 'nothing of ours'}"


def test_only_the_urls_and_the_builder_import_search_and_editorial():
    wrong = [
        f"{path}:{line} imports {module}"
        for app in FOLDERS
        if app not in {"search", "editorial", "sitebuilder"}
        for path, line, module in project_imports(app)
        if module.split(".")[0] in {"search", "editorial"} and path != Path("site/urls.py")
    ]
    assert wrong == []


def test_no_app_imports_the_settings():
    wrong = [
        f"{path}:{line} imports {module}"
        for app in FOLDERS
        if app != "kredsraad_site"
        for path, line, module in project_imports(app)
        if module.startswith("kredsraad_site.settings")
    ]
    assert wrong == []


def test_scripts_never_import_the_tests():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in python_files("scripts")
        for line, module in imports_of(path)
        if module.split(".")[0] == "tests"
    ]
    assert wrong == []


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The walk finds imports inside functions too, as the old cycle-dodging ones were."""
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from focus.models import FocusAreaPage\n")
    assert list(imports_of(module)) == [(2, "focus.models")]
