"""The reliability suite's stack: its own PostgreSQL, Redis and gunicorn on loopback.

Started once for the module, seeded, and stopped by process id afterwards, also
when a case fails. The cases print their figures, one line each, as they go and
again at the end of the run.
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from .services import REPO, Client, Gunicorn, Postgres, Redis

FIGURES = []
PEOPLE = 80


@dataclass
class Stack:
    postgres: Postgres
    redis: Redis
    server: Gunicorn
    seed: dict

    def client(self, username: str | None = None) -> Client:
        session = self.seed["people"][username]["session"] if username else None
        return Client(self.server.port, session)

    def people(self, start: int, count: int) -> list[tuple[str, str]]:
        names = sorted(self.seed["people"])[start : start + count]
        return [(name, self.seed["people"][name]["session"]) for name in names]

    def ensure_up(self) -> None:
        """Every service answers before a case starts, whatever the last one did."""
        if not self.redis.ping():
            self.redis.start()
        if not self.server.serving():
            raise RuntimeError("the site does not serve:\n" + self.server.log_tail())


def _run(command, env, timeout, what):
    done = subprocess.run(  # noqa: S603
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode:
        raise RuntimeError(
            f"{what} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    return done.stdout


def _report(config, line: str) -> None:
    FIGURES.append(line)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(line)


@pytest.fixture
def report(request):
    """Print one line of figures now, and again in the summary."""
    return lambda line: _report(request.config, line)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def _check_tools():
    from tests.redis_server import REDIS_SERVER

    from .services import PG_BIN

    needed = [PG_BIN / "initdb", PG_BIN / "pg_ctl", Path(REDIS_SERVER)]
    needed.append(Path(sys.executable).parent / "gunicorn")
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        pytest.fail("the reliability suite needs " + ", ".join(missing))


@pytest.fixture(scope="module")
def stack(request):
    _check_tools()

    def interrupted(signum, frame):
        raise KeyboardInterrupt(f"stopped by signal {signum}")

    # A time limit (timeout(1) sends SIGTERM) still stops every server started here.
    previous = signal.signal(signal.SIGTERM, interrupted)
    workdir = Path(tempfile.mkdtemp(prefix="intranet-reliability-"))
    # The postgres user must reach its own folder inside.
    os.chmod(workdir, 0o755)  # noqa: S103
    started = time.monotonic()
    postgres = Postgres(workdir)
    redis = Redis(workdir)
    server = None
    try:
        postgres.start()
        redis.start()
        port_holder = Gunicorn(workdir, {})
        host = f"127.0.0.1:{port_holder.port}"
        env = {
            name: value
            for name, value in os.environ.items()
            if name
            not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="tests.reliability.settings",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            DATABASE_URL=postgres.url,
            REDIS_URL=redis.url,
            DEFAULT_FROM_EMAIL="intranet@example.com",
            BASE_URL=f"https://{host}",
            CSRF_TRUSTED_ORIGINS=f"https://{host}",
            BEHIND_TLS_PROXY="true",
            SECURE_SSL_REDIRECT="true",
            DB_CONN_MAX_AGE="60",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            MEDIA_ROOT=str(workdir / "media"),
            RELIABILITY_STATIC_ROOT=str(workdir / "static"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        # Static files are collected while the database is migrated and seeded.
        static = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            seed = json.loads(
                _run(
                    [sys.executable, "-m", "tests.reliability.seed", str(PEOPLE)],
                    env,
                    300,
                    "migrating and seeding",
                )
            )
            _, errors = static.communicate(timeout=180)
        finally:
            if static.poll() is None:
                static.kill()
                static.wait()
        if static.returncode:
            raise RuntimeError("collectstatic failed:\n" + errors[-3000:])
        seeded = time.monotonic()
        server = port_holder
        server.env = env
        server.start()
        stack = Stack(postgres, redis, server, seed)
        signin = Client(server.port)
        form = signin.get("/accounts/login/")
        answer = signin.post(
            "/accounts/login/",
            {
                "username": seed["login"]["username"],
                "password": seed["login"]["password"],
            },
        )
        home = signin.get(seed["home"])
        _report(
            request.config,
            f"stack: PostgreSQL :{postgres.port}, Redis :{redis.port}, gunicorn "
            f":{server.port} with {len(server.workers())} workers, ready in "
            f"{time.monotonic() - started:.1f} s (migrate "
            f"{seed['timing']['migrate']:.1f} s, seed {seed['timing']['seed']:.1f} s, "
            f"gunicorn {time.monotonic() - seeded:.1f} s); sign-in form {form.status}, "
            f"sign-in {answer.status}, home page signed in {home.status}",
        )
        yield stack
    finally:
        signal.signal(signal.SIGTERM, previous)
        if server is not None:
            server.stop()
        redis.stop()
        postgres.stop()
        if request.session.testsfailed:
            # Keep the servers' logs of a failed run for a person to read.
            shutil.rmtree(postgres.data, ignore_errors=True)
            shutil.rmtree(workdir / "static", ignore_errors=True)
            sys.stderr.write(f"\nthe servers' logs are kept in {workdir}\n")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
