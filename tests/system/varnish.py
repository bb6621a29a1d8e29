"""A throw-away varnishd on loopback for the VCL tests (no Django needed).

`run_varnish(backend_port)` loads deploy/varnish/default.vcl with its backend pointed at
127.0.0.1:<backend_port>, waits until the child runs (and, by default, until the probe calls
the backend healthy) and always stops it again. Debian's varnishd, started as root, drops to
the varnish and vcache users, so its working folder is made readable for them.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

VARNISHD = Path("/usr/sbin/varnishd")
VARNISHADM = Path("/usr/bin/varnishadm")
DEFAULT_VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "default.vcl"

START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
ADMIN_TIMEOUT = 5.0


@dataclass
class Varnish:
    port: int
    admin_port: int
    workdir: Path
    process: subprocess.Popen

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def admin(self, *command):
        """A varnishadm command (e.g. "backend.set_health", "app", "sick"); its output."""
        result = subprocess.run(  # noqa: S603 - fixed binary, arguments from the tests
            [str(VARNISHADM), "-n", str(self.workdir), "-t", str(ADMIN_TIMEOUT), *command],
            capture_output=True,
            text=True,
            timeout=ADMIN_TIMEOUT + 5,
        )
        if result.returncode != 0:
            raise RuntimeError(f"varnishadm {' '.join(command)}: {result.stdout}{result.stderr}")
        return result.stdout

    def backend_healthy(self, name="app"):
        """Whether Varnish would send fetches to the backend: the admin state set with
        backend.set_health, else what the probe says."""
        for line in self.admin("backend.list").splitlines():
            columns = line.split()
            if len(columns) >= 4 and columns[0].endswith(f".{name}"):
                admin, health = columns[1], columns[3]
                return admin == "healthy" or (admin in ("probe", "auto") and health == "healthy")
        raise RuntimeError(f"backend {name} not in backend.list")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def vcl_for_backend(vcl_text, backend_port):
    """The VCL with its first backend moved to 127.0.0.1:<backend_port>; fails loudly when the
    backend block has no .host/.port to replace (a test must never reach the real app port)."""
    opening = re.search(r"^\s*backend\s+\w+\s*\{", vcl_text, flags=re.MULTILINE)
    if opening is None:
        raise ValueError("the VCL has no backend block")
    start, end, depth = opening.start(), opening.end(), 1
    while depth:  # the block holds its probe's braces too
        brace = re.compile(r"[{}]").search(vcl_text, end)
        if brace is None:
            raise ValueError("the backend block is not closed")
        depth += 1 if brace.group() == "{" else -1
        end = brace.end()
    block = vcl_text[start:end]
    block, host_count = re.subn(r'\.host\s*=\s*"[^"]*"', '.host = "127.0.0.1"', block)
    block, port_count = re.subn(r'\.port\s*=\s*"[^"]*"', f'.port = "{backend_port}"', block)
    if host_count != 1 or port_count != 1:
        raise ValueError("the backend block must set .host and .port exactly once")
    return vcl_text[:start] + block + vcl_text[end:]


def _wait(condition, timeout, what, process, log):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"varnishd exited ({process.returncode}):\n{log.read_text()}")
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            if condition():
                return
        time.sleep(0.1)
    raise RuntimeError(f"varnishd: {what} not within {timeout:.0f} s:\n{log.read_text()}")


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _stop(process):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        # The cache child is in varnishd's own process group (start_new_session).
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)


@contextlib.contextmanager
def run_varnish(backend_port, vcl_path=DEFAULT_VCL, wait_healthy=True, extra_args=()):
    """`extra_args` go to varnishd as they are (e.g. another "-a name=address,PROXY")."""
    if not VARNISHD.exists():
        pytest.fail(
            f"{VARNISHD} is missing: install Varnish with `apt-get install varnish`",
            pytrace=False,
        )
    # Not under pytest's tmp_path: its folders are private to root, and the varnish users must
    # reach the VCL and the working folder.
    workdir = Path(tempfile.mkdtemp(prefix="kredsraad-varnish-"))
    process = None
    try:
        workdir.chmod(0o755)
        vcl = workdir / "default.vcl"
        vcl.write_text(vcl_for_backend(Path(vcl_path).read_text(), backend_port))
        vcl.chmod(0o644)
        log = workdir / "varnishd.log"
        port, admin_port = free_port(), free_port()
        command = [
            str(VARNISHD),
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            f"127.0.0.1:{admin_port}",
            "-f",
            str(vcl),
            "-n",
            str(workdir / "n"),
            "-s",
            "malloc,64m",
            *extra_args,
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 - fixed binary and arguments
                command,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        varnish = Varnish(port, admin_port, workdir / "n", process)
        _wait(
            lambda: "running" in varnish.admin("status") and _answers(port),
            START_TIMEOUT,
            "child running",
            process,
            log,
        )
        if wait_healthy:
            _wait(varnish.backend_healthy, START_TIMEOUT, "backend healthy", process, log)
        yield varnish
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
