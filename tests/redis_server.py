"""A redis-server of the test's own, on a free loopback port, that a test may stop
and start again (the shared one must never be stopped)."""

import shutil
import socket
import subprocess
import time

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def available() -> bool:
    return shutil.which(REDIS_SERVER) is not None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def command(port: int, *extra: str) -> list[str]:
    """How to start a redis-server on loopback that keeps nothing on disk."""
    return [
        REDIS_SERVER,
        *("--port", str(port), "--bind", "127.0.0.1"),
        *("--save", "", "--appendonly", "no"),
        *extra,
    ]


def answers(port: int, timeout: float = 1) -> bool:
    """Whether the redis-server on ``port`` answers PING."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def caches(self, backend="intranet.cache.RedisCache", **options) -> dict:
        """CACHES for a site whose cache is this server, as production has it."""
        return {
            "default": {
                "BACKEND": backend,
                "LOCATION": self.url,
                "KEY_PREFIX": "intranet-test",
                "OPTIONS": options,
            }
        }

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary
            command(self.port),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            if answers(self.port, timeout=0.1):
                return
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(5)
            self.process = None
