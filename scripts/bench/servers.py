"""The servers of the benchmark, all on 127.0.0.1: gunicorn, Varnish, nginx; wrk to load them.

Servers are started through a Servers object (a context manager): on leaving it, however that
happens, every process it started is stopped, by its own id.
"""

import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


class ServerFailed(RuntimeError):
    """A server did not start or did not answer."""


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(url, timeout=30):
    """(status, headers, body) of a GET that follows no redirect."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Servers:
    def __init__(self, log_dir):
        self.log_dir = Path(log_dir)
        self.processes = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for _name, process in reversed(self.processes):
            stop(process)
        self.processes.clear()

    def start(self, name, command, port, ready_path="/", **popen):
        """Start `command`, wait until http://127.0.0.1:port/ready_path answers below 500."""
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 (kept by the process)
        process = subprocess.Popen(  # noqa: S603
            command, stdout=log, stderr=subprocess.STDOUT, **popen
        )
        self.processes.append((name, process))
        deadline = time.monotonic() + 90
        status = None
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            try:
                status = get(f"http://{HOST}:{port}{ready_path}", timeout=10)[0]
                if status < 500:
                    return process
            except OSError:
                pass
            time.sleep(0.3)
        tail = (self.log_dir / f"{name}.log").read_text(errors="replace")[-3000:]
        raise ServerFailed(f"{name} did not start on port {port} (last status {status}):\n{tail}")


def stop(process, timeout=20):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def gunicorn_command(gunicorn, app, port, workers=2):
    return [
        str(gunicorn),
        app,
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]


def worker_rss_mib(master_pid):
    """RSS of each worker (child) of a gunicorn master, in MiB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    result = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        result.append(int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024)
    return result


# --- Varnish -------------------------------------------------------------------------------------


def vcl_for_backend(vcl_text, port):
    """The VCL with every backend's .host and .port pointed at 127.0.0.1:port."""
    text = re.sub(r'(\.host\s*=\s*)"[^"]*"', rf'\g<1>"{HOST}"', vcl_text)
    return re.sub(r'(\.port\s*=\s*)"[^"]*"', rf'\g<1>"{port}"', text)


def varnish_command(port, vcl_path, work_dir):
    return [
        "varnishd",
        "-F",
        "-a",
        f"{HOST}:{port}",
        "-T",
        f"{HOST}:{free_port()}",
        "-f",
        str(vcl_path),
        "-n",
        str(work_dir),
        "-s",
        "malloc,256m",
    ]


def varnish_counters(work_dir):
    """Varnish's counters of hits, misses, passes and backend requests (varnishstat)."""
    fields = ["MAIN.cache_hit", "MAIN.cache_miss", "MAIN.s_pass", "MAIN.backend_req"]
    command = ["varnishstat", "-n", str(work_dir), "-1"]
    for field in fields:
        command += ["-f", field]
    output = subprocess.run(  # noqa: S603
        command, capture_output=True, text=True, check=True, timeout=30
    ).stdout
    counters = {}
    for line in output.splitlines():
        if line.strip():
            name, value = line.split()[:2]
            counters[name.removeprefix("MAIN.")] = int(value)
    return counters


def is_hit(headers):
    """A response Varnish answered from its cache: X-Varnish carries two ids (this request's
    and the one that stored the object), or Age is above 0, or the VCL says HIT."""
    ids = (headers.get("X-Varnish") or "").split()
    age = headers.get("Age") or "0"
    marker = (headers.get("X-Cache") or "").upper()
    return len(ids) == 2 or (age.isdigit() and int(age) > 0) or marker.startswith("HIT")


# --- nginx ---------------------------------------------------------------------------------------

NGINX_CONF = """
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    server {{
        listen {host}:{port};
        root {root};
    }}
}}
"""


def nginx_command(port, work_dir, root, workers=2):
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    conf = work_dir / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(workers=workers, dir=work_dir, host=HOST, port=port, root=root)
    )
    return [
        "nginx",
        "-c",
        str(conf),
        "-p",
        str(work_dir),
        "-e",
        str(work_dir / "error.log"),
        "-g",
        "daemon off;",
    ]


# --- wrk -----------------------------------------------------------------------------------------


def wrk(url, seconds, connections=8, threads=2):
    """Requests per second of `url`, and what went wrong (non-2xx/3xx answers, socket errors)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": errors[1].strip() if errors else "",
    }
