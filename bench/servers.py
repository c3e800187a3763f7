"""The servers the benchmark starts and stops itself: gunicorn and nginx.

Each runs in a session of its own on a free loopback port and is stopped by its
process id (its process group: gunicorn's master and its workers), whatever ends
the run: success, an error or Ctrl-C.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.1) -> bool:
    """Ask ``predicate`` every ``interval`` seconds until it holds or ``timeout``
    passes; whether it held."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def get(port: int, path: str, headers: dict | None = None, timeout: float = 30):
    """One GET on loopback, redirects not followed: (status, body bytes)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.read()
    except (OSError, http.client.HTTPException):
        return 0, b""
    finally:
        connection.close()


def redis_answers(port: int) -> bool:
    """Whether a Redis on loopback ``port`` answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), 1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def vm_hwm_mib(pid: int) -> float:
    """A process's peak resident memory (VmHWM), in MiB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def stop_group(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a process started in its own session, and everything it started: TERM,
    then KILL."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Server:
    """A process in a session of its own, serving on ``self.port``."""

    name = "server"

    def __init__(self, workdir: Path):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.log = self.workdir / f"{self.name}.log"
        self.proc: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict | None:
        return None

    def ready(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, timeout: float = 60) -> "Server":
        self.workdir.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - our own command line
                self.command(),
                cwd=ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_until(self.ready, timeout):
            tail = self.log_tail()
            self.stop()
            raise RuntimeError(f"{self.name} did not start:\n{tail}")
        return self

    def workers(self) -> list[int]:
        """The processes the server's master started."""
        if self.proc is None:
            return []
        pid = self.proc.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(child) for child in children.split()]

    def peak_rss_mib(self) -> float:
        """The largest peak resident memory of the server's workers, in MiB."""
        return max((vm_hwm_mib(pid) for pid in self.workers()), default=0.0)

    def log_tail(self, lines: int = 30) -> str:
        if not self.log.exists():
            return ""
        text = self.log.read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 10) -> None:
        """Stop the server's process group by its id: TERM, then KILL."""
        proc, self.proc = self.proc, None
        if proc is not None:
            stop_group(proc, timeout)


class Gunicorn(Server):
    """A WSGI application under gunicorn: 2 sync workers on loopback."""

    def __init__(self, workdir: Path, name: str, app: str, env: dict):
        self.name = name
        super().__init__(workdir)
        self.app = app
        self.env = env

    def command(self) -> list[str]:
        return [
            str(Path(sys.executable).parent / "gunicorn"),
            self.app,
            *("--workers", str(WORKERS), "--worker-class", "sync"),
            *("--bind", f"127.0.0.1:{self.port}"),
            *("--timeout", "60", "--graceful-timeout", "5"),
            "--no-control-socket",  # gunicorn's default is one path for all
        ]

    def environment(self) -> dict:
        return self.env

    def ready(self) -> bool:
        return (
            super().ready()
            and len(self.workers()) == WORKERS
            and get(self.port, "/", timeout=5)[0] != 0
        )


def nginx_config(root: Path, workdir: Path, port: int) -> str:
    """An nginx configuration that serves ``root``'s files on loopback ``port``,
    with every path it writes (pid, logs, temporary files) under ``workdir``."""
    temp = workdir / "nginx-temp"
    paths = "\n".join(
        f"    {kind}_temp_path {temp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""\
# Written by bench/run.py for one benchmark run.
daemon off;
worker_processes {WORKERS};
pid {workdir / "nginx.pid"};
error_log {workdir / "nginx-error.log"} warn;

events {{
    worker_connections 256;
}}

http {{
    access_log off;
{paths}
    types {{
        text/html html;
    }}
    default_type text/html;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;

    server {{
        listen 127.0.0.1:{port};
        server_name _;
        root {root};
    }}
}}
"""


class Nginx(Server):
    """Debian's nginx serving a folder of files, from a configuration of its own."""

    name = "nginx"

    def __init__(self, workdir: Path, root: Path):
        super().__init__(workdir)
        self.root = Path(root)
        self.config = self.workdir / "nginx.conf"

    def command(self) -> list[str]:
        return [
            shutil.which("nginx") or "/usr/sbin/nginx",
            *("-e", str(self.workdir / "nginx-error.log")),
            *("-p", str(self.workdir), "-c", str(self.config)),
        ]

    def start(self, timeout: float = 20) -> "Server":
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.workdir / "nginx-temp" / kind).mkdir(parents=True, exist_ok=True)
        self.config.write_text(nginx_config(self.root, self.workdir, self.port))
        return super().start(timeout)

    def ready(self) -> bool:
        return super().ready() and get(self.port, "/", timeout=5)[0] != 0


def tool(name: str) -> str | None:
    """The path of ``name``, installing Debian's wrk and nginx-light when it is
    missing and this is root with apt-get; None when it stays missing."""
    found = shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
    if found or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print(f"{name} is missing: installing wrk and nginx-light with apt-get")
    try:
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk", "nginx-light"],  # noqa: S607
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"  apt-get failed: {error}")
        return None
    return shutil.which(name) or (
        f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None
    )
