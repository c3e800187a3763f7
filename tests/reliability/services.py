"""The reliability suite's own services on loopback, and clients that load them.

Everything here is started by the suite, on free ports under a temporary folder,
and stopped by its process id: a PostgreSQL cluster of its own (never the shared
one), a Redis server, and gunicorn with three sync workers serving the site under
production settings.
"""

import http.client
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.servers import stop_group, wait_until
from tests import redis_server
from tests.redis_server import free_port

REPO = Path(__file__).resolve().parents[2]
PG_BIN = Path("/usr/lib/postgresql/15/bin")
WORKERS = 3


class Postgres:
    """A throwaway cluster: initdb in a temporary folder, one free port."""

    def __init__(self, workdir: Path):
        self.dir = Path(workdir) / "postgres"
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.dbname = "intranet"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.dbname}"

    def _run(self, *args, timeout=60, check=True):
        command = [str(a) for a in args]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root.
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(  # noqa: S603
            command,
            check=check,
            timeout=timeout,
            capture_output=True,
            text=True,
            cwd=self.dir,
        )

    def _options(self) -> str:
        # fsync off only spares the disk while migrating a throwaway cluster: a
        # commit is still in the WAL before PostgreSQL acknowledges it, and the
        # cases restart PostgreSQL and kill workers, never the machine.
        return (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        )

    def start(self) -> None:
        self.dir.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb",
            "-D",
            self.data,
            "-U",
            "postgres",
            "--auth=trust",
            "--no-locale",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.pg_ctl("start")
        self.sql(f"CREATE DATABASE {self.dbname}", dbname="postgres")

    def pg_ctl(self, action: str, *extra) -> float:
        """Run pg_ctl start/stop/restart and wait for it; returns seconds taken."""
        started = time.monotonic()
        self._run(
            PG_BIN / "pg_ctl",
            action,
            "-D",
            self.data,
            "-l",
            self.log,
            "-o",
            self._options(),
            "-w",
            "-t",
            "30",
            *extra,
            timeout=45,
        )
        return time.monotonic() - started

    def restart(self) -> float:
        return self.pg_ctl("restart", "-m", "fast")

    def connect(self, dbname=None):
        import psycopg

        return psycopg.connect(
            host="127.0.0.1",
            port=self.port,
            user="postgres",
            dbname=dbname or self.dbname,
            autocommit=True,
            connect_timeout=5,
        )

    def sql(self, query: str, params=(), dbname=None) -> list[tuple]:
        with self.connect(dbname) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        try:
            self._run(
                PG_BIN / "pg_ctl", "stop", "-D", self.data, "-m", "immediate", "-w"
            )
        except (subprocess.SubprocessError, OSError):
            pid_file = self.data / "postmaster.pid"
            if pid_file.exists():
                pid = int(pid_file.read_text().split()[0])
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


class Redis:
    """A redis-server that keeps nothing on disk, on a free port."""

    def __init__(self, workdir: Path):
        self.dir = Path(workdir) / "redis"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self) -> bool:
        return redis_server.answers(self.port)

    def start(self) -> None:
        with open(self.dir / "server.log", "ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603
                redis_server.command(self.port, "--dir", str(self.dir)),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_until(self.ping, 10):
            raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        if self.proc is not None:
            stop_group(self.proc)
            self.proc = None


class Gunicorn:
    """The site under production settings: gunicorn, three sync workers."""

    def __init__(self, workdir: Path, env: dict):
        self.port = free_port()
        self.log = Path(workdir) / "gunicorn.log"
        self.env = env
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603
                [
                    str(gunicorn),
                    "config.wsgi:application",
                    "--workers",
                    str(WORKERS),
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        if not wait_until(self.serving, 60, 0.5):
            raise RuntimeError("gunicorn did not serve /health/:\n" + self.log_tail())

    def serving(self) -> bool:
        return (
            self.proc is not None
            and self.proc.poll() is None
            and Client(self.port).get("/health/").status == 200
            and len(self.workers()) == WORKERS
        )

    def workers(self) -> set[int]:
        """The master's worker processes."""
        if self.proc is None:
            return set()
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
            return {int(pid) for pid in text.read_text().split()}
        except OSError:
            return set()

    def log_size(self) -> int:
        return self.log.stat().st_size if self.log.exists() else 0

    def log_tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def errors_since(self, offset: int) -> Counter:
        """The exceptions the workers logged after ``offset``: the outermost
        exception of every traceback, with the site's own frame that raised it,
        counted."""
        with open(self.log, "rb") as log:
            log.seek(offset)
            lines = log.read().decode(errors="replace").splitlines()
        found = []
        in_traceback = chained = False
        frame = ""
        for line in lines:
            if line.startswith("Traceback (most recent call last)"):
                in_traceback, frame = True, ""
            elif line.startswith(("During handling", "The above exception")):
                chained = True
            elif in_traceback and line.startswith('  File "'):
                path, _, rest = line.strip()[6:].partition('", line ')
                if path.startswith(str(REPO)) and "/.venv/" not in path:
                    number, _, function = rest.partition(", in ")
                    frame = f"{Path(path).relative_to(REPO)}:{number} {function}"
            elif in_traceback and line and not line[0].isspace():
                entry = line.strip()[:140] + (f" (at {frame})" if frame else "")
                # Of a chain of exceptions, the last one printed is the outermost.
                if chained and found:
                    found[-1] = entry
                else:
                    found.append(entry)
                in_traceback = chained = False
        return Counter(found)

    def stop(self) -> None:
        if self.proc is not None:
            stop_group(self.proc, timeout=15)
            self.proc = None


@dataclass
class Response:
    status: int  # 0 when the connection failed or timed out
    location: str = ""
    body: str = ""
    error: str = ""
    started: float = 0.0
    ended: float = 0.0

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    @property
    def failed(self) -> bool:
        """A server error or no answer at all."""
        return self.status == 0 or self.status >= 500


class Client:
    """One browser: its own cookies, HTTP/1.1 over a fresh connection each time.

    Requests say they came through the TLS proxy (X-Forwarded-Proto), as the
    production settings expect, and carry a CSRF token of their own making, as
    Django's cookie-based CSRF protection accepts.
    """

    def __init__(self, port: int, session: str | None = None, timeout: float = 30):
        self.port = port
        self.timeout = timeout
        self.csrf = secrets.token_hex(16)
        self.cookies = {"csrftoken": self.csrf}
        if session:
            self.cookies["sessionid"] = session

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        host = f"127.0.0.1:{self.port}"
        headers = {
            "Host": host,
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Connection": "close",
        }
        body = None
        if method == "POST":
            body = urlencode(
                {**(data or {}), "csrfmiddlewaretoken": self.csrf}, doseq=True
            )
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{host}{path}"
            headers["Origin"] = f"https://{host}"
        started = time.monotonic()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            text = answer.read().decode(errors="replace")
            for cookie in answer.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return Response(
                answer.status,
                answer.headers.get("Location", ""),
                text,
                started=started,
                ended=time.monotonic(),
            )
        except (OSError, http.client.HTTPException) as error:
            return Response(
                0,
                error=type(error).__name__,
                started=started,
                ended=time.monotonic(),
            )
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        return self.request("POST", path, data)


@dataclass
class Event:
    kind: str  # "read" or "post"
    response: Response
    text: str = ""


@dataclass
class Load:
    """Readers fetching pages and posters commenting, in threads, until stopped.

    Each poster is its own person and waits ``post_gap`` seconds after each answer,
    so the one-comment-per-five-seconds limit never refuses it.
    """

    port: int
    readers: list[str]
    posters: list[tuple[str, str]]  # (username, session key)
    read_paths: list[str]
    post_path: str
    tag: str
    post_gap: float = 5.5
    events: list[Event] = field(default_factory=list)

    def __post_init__(self):
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self.t0 = time.monotonic()

    def _record(self, event: Event) -> None:
        with self._lock:
            self.events.append(event)

    def _read(self, session: str, offset: int) -> None:
        client = Client(self.port, session)
        n = offset
        while not self._stop.is_set():
            path = self.read_paths[n % len(self.read_paths)]
            self._record(Event("read", client.get(path)))
            n += 1

    def _post(self, username: str, session: str) -> None:
        client = Client(self.port, session)
        n = 0
        while not self._stop.is_set():
            token = uuid.uuid4()
            text = f"{self.tag} {username} #{n} {token.hex[:8]}"
            answer = client.post(
                self.post_path, {"text": text, "token": str(token), "parent": ""}
            )
            self._record(Event("post", answer, text))
            n += 1
            self._stop.wait(self.post_gap)

    def start(self) -> "Load":
        self.t0 = time.monotonic()
        for n, session in enumerate(self.readers):
            self._threads.append(
                threading.Thread(target=self._read, args=(session, n), daemon=True)
            )
        for username, session in self.posters:
            self._threads.append(
                threading.Thread(
                    target=self._post, args=(username, session), daemon=True
                )
            )
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=40)

    def select(self, kind=None, start=None, end=None) -> list[Event]:
        """Events of ``kind`` whose request started in [start, end)."""
        with self._lock:
            events = list(self.events)
        return [
            e
            for e in events
            if (kind is None or e.kind == kind)
            and (start is None or e.response.started >= start)
            and (end is None or e.response.started < end)
        ]


def ratio(events: list[Event]) -> str:
    return f"{sum(e.response.ok for e in events)}/{len(events)}"


def statuses(events: list[Event]) -> str:
    """Answers that were not 2xx/3xx, counted by status (0: no answer)."""
    return answers_not_ok(e.response for e in events)


def answers_not_ok(responses) -> str:
    """The responses that were not 2xx/3xx, counted by status or error."""
    counts = Counter(r.status or r.error for r in responses if not r.ok)
    return ",".join(f"{k}x{v}" for k, v in sorted(counts.items(), key=str)) or "none"


def stored_texts(postgres: Postgres, tag: str) -> Counter:
    """How many times each comment text starting with ``tag`` is in the database."""
    rows = postgres.sql(
        "SELECT comment, count(*) FROM django_comments WHERE comment LIKE %s "
        "GROUP BY comment",
        (tag + " %",),
    )
    return Counter(dict(rows))


def exceptions(found: Counter, limit: int = 3) -> str:
    return "; ".join(f"{n}x {line}" for line, n in found.most_common(limit)) or "none"
