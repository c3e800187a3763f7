"""Run wrk against a URL and read its figures from what it prints."""

import re
import subprocess
from dataclasses import asdict, dataclass

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


@dataclass
class Run:
    requests: int = 0
    seconds: float = 0.0
    requests_per_s: float = 0.0
    p50_ms: float | None = None
    not_ok: int = 0  # answers that were not 2xx/3xx
    socket_errors: int = 0  # connect, read, write and timeout errors together

    @property
    def problems(self) -> list[str]:
        """What makes the run's figures doubtful, in words; none for a clean run."""
        found = []
        if not self.requests:
            found.append(f"no request completed in {self.seconds:g} s")
        if self.not_ok:
            found.append(f"{self.not_ok} answers not 2xx/3xx")
        if self.socket_errors:
            found.append(f"{self.socket_errors} socket errors")
        return found

    def as_dict(self) -> dict:
        return asdict(self)


def duration_ms(text: str) -> float:
    """wrk's duration ("812.00us", "1.20ms", "2.00s") in milliseconds."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS_MS[match[2]]


def parse(output: str) -> Run:
    """The figures of one wrk run from its output (with or without --latency)."""
    run = Run()
    if match := re.search(r"^\s*(\d+) requests in ([\d.]+\w+),", output, re.M):
        run.requests = int(match[1])
        run.seconds = duration_ms(match[2]) / 1000
    if match := re.search(r"^Requests/sec:\s*([\d.]+)", output, re.M):
        run.requests_per_s = float(match[1])
    if run.requests and (
        match := re.search(r"^\s*50%\s+([\d.]+\w+)\s*$", output, re.M)
    ):
        run.p50_ms = duration_ms(match[1])
    if match := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output):
        run.not_ok = int(match[1])
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        run.socket_errors = sum(int(n) for n in match.groups())
    return run


def command(
    wrk: str,
    url: str,
    *,
    connections: int,
    threads: int,
    seconds: float,
    headers: dict | None = None,
    latency: bool = False,
) -> list[str]:
    args = [wrk, f"-c{connections}", f"-t{threads}", f"-d{seconds:g}s"]
    # A slow page queued behind others must count, not time out at wrk's 2 s.
    args += ["--timeout", "30s"]
    if latency:
        args.append("--latency")
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    return [*args, url]


def run(wrk: str, url: str, **options) -> Run:
    args = command(wrk, url, **options)
    done = subprocess.run(  # noqa: S603 - wrk with our own arguments
        args, capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse(done.stdout)
