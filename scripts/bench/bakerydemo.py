"""wagtail/bakerydemo beside the project, for the uncached figures (run.py --bakerydemo PATH).

Nothing of bakerydemo enters the repository. From the checkout given, at bench time, this:
- creates a venv in the bench folder with the Python given (--bakerydemo-python) from the
  checkout's requirements/base.txt, plus gunicorn and whitenoise (its production settings
  serve static files with whitenoise); the venv is kept and reused while the requirements and
  the Python stay the same;
- writes a settings module in the bench folder that is the checkout's production settings with
  the static and media files moved into the bench folder;
- migrates a new SQLite database there and loads the demo content (load_initial_data);
- finds the URLs of the pages compared.
Its gunicorn is started by run.py with the project's settings of gunicorn (2 sync workers).
"""

import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

EXTRA_PACKAGES = ["gunicorn", "whitenoise"]
# Kept between runs of both benchmarks (run.py, search_latency.py) while its stamp matches.
DEFAULT_VENV = (
    Path(os.environ.get("BENCH_DIR", Path(tempfile.gettempdir()) / "kredsraad-bench"))
    / "bakerydemo-venv"
)
SETTINGS = """from bakerydemo.settings.production import *  # noqa: F403

STATIC_ROOT = {static!r}
MEDIA_ROOT = {media!r}
"""
URLS_SCRIPT = """
import json
from wagtail.models import Site
from bakerydemo.blog.models import BlogIndexPage, BlogPage
from bakerydemo.breads.models import BreadPage, BreadsIndexPage
from bakerydemo.locations.models import LocationPage, LocationsIndexPage

def first(model):
    return model.objects.live().public().order_by("path").first().url

print("BAKERY-URLS " + json.dumps({
    "home": Site.objects.get(is_default_site=True).root_page.url,
    "blog_index": first(BlogIndexPage),
    "blog_page": first(BlogPage),
    "breads_index": first(BreadsIndexPage),
    "bread_page": first(BreadPage),
    "locations_index": first(LocationsIndexPage),
    "location_page": first(LocationPage),
}))
"""


class BakerydemoFailed(RuntimeError):
    pass


@dataclass
class Bakerydemo:
    checkout: Path
    commit: str
    python_version: str
    gunicorn: Path
    python: Path
    env: dict
    urls: dict


def run(command, timeout, **kwargs):
    result = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )
    if result.returncode:
        raise BakerydemoFailed(
            f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    return result.stdout


def resolve_python(name):
    """The interpreter `name` names, or a pyenv installation of its version (a pyenv shim for
    a version that is installed but not selected answers "command not found")."""
    candidates = [name]
    version = re.fullmatch(r"python(\d+\.\d+)", Path(name).name)
    if version:
        pattern = f"~/.pyenv/versions/{version[1]}*/bin/python{version[1]}"
        candidates += sorted(glob.glob(os.path.expanduser(pattern)), reverse=True)
    for candidate in candidates:
        try:
            out = subprocess.run(  # noqa: S603
                [candidate, "-c", "import sys; print(sys.executable); print(sys.version)"],
                capture_output=True,
                text=True,
                timeout=30,
                check=True,
            ).stdout.splitlines()
            return out[0], out[1].split()[0]
        except (OSError, subprocess.SubprocessError):
            continue
    raise BakerydemoFailed(f"no Python {name} here (pass --bakerydemo-python PATH)")


def ensure_venv(checkout, python, venv):
    requirements = checkout / "requirements" / "base.txt"
    if not requirements.exists():
        raise BakerydemoFailed(f"{requirements} is missing: is {checkout} a bakerydemo checkout?")
    executable, version = resolve_python(python)
    stamp = hashlib.sha256(
        "\n".join([executable, version, requirements.read_text(), *EXTRA_PACKAGES]).encode()
    ).hexdigest()
    stamp_file = venv / "bench-stamp"
    if not (stamp_file.exists() and stamp_file.read_text() == stamp):
        print(f"  creating its venv with Python {version} ({venv}) ...", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        run([executable, "-m", "venv", str(venv)], timeout=300)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        run([*pip, "--upgrade", "pip"], timeout=600)
        run([*pip, "-r", str(requirements), *EXTRA_PACKAGES], timeout=1200)
        stamp_file.write_text(stamp)
    return version


def prepare(checkout, python, run_dir, venv=DEFAULT_VENV):
    """A migrated bakerydemo with its demo content, ready for gunicorn."""
    checkout = Path(checkout).resolve()
    if not (checkout / "manage.py").exists():
        raise BakerydemoFailed(f"{checkout} has no manage.py: not a bakerydemo checkout")
    commit = run(["git", "-C", str(checkout), "rev-parse", "HEAD"], timeout=30).strip()
    version = ensure_venv(checkout, python, Path(venv))

    data = Path(run_dir) / "bakerydemo"
    settings_dir = data / "settings"
    settings_dir.mkdir(parents=True, exist_ok=True)
    (settings_dir / "bakerydemo_bench_settings.py").write_text(
        SETTINGS.format(static=str(data / "static"), media=str(data / "media"))
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "PYTHONPATH", "VIRTUAL_ENV"}
        and not key.startswith("DJANGO_")
    }
    env.update(
        {
            "PATH": f"{Path(venv) / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONPATH": f"{settings_dir}{os.pathsep}{checkout}",
            "DJANGO_SETTINGS_MODULE": "bakerydemo_bench_settings",
            "DJANGO_SECRET_KEY": "bench-only-" + "b" * 50,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PRIMARY_HOST": "127.0.0.1",
            # Plain HTTP on loopback, as the project's bench (SECURE_SSL_REDIRECT=0).
            "SECURE_SSL_REDIRECT": "False",
            "DATABASE_URL": f"sqlite:///{data / 'bakerydemo.sqlite3'}",
        }
    )
    python_bin = str(Path(venv) / "bin" / "python")
    manage = [python_bin, "manage.py"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_initial_data"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        run([*manage, *command], timeout=900, cwd=checkout, env=env)
    out = run([*manage, "shell", "-c", URLS_SCRIPT], timeout=300, cwd=checkout, env=env)
    line = next(ln for ln in out.splitlines() if ln.startswith("BAKERY-URLS "))
    return Bakerydemo(
        checkout=checkout,
        commit=commit,
        python_version=version,
        gunicorn=Path(venv) / "bin" / "gunicorn",
        python=Path(venv) / "bin" / "python",
        env=env,
        urls=json.loads(line.removeprefix("BAKERY-URLS ")),
    )
