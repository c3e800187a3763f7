"""The benchmark's table and its goals, from the figures of one run.

``figures`` is what ``latest.json`` holds: for each page (by key) its queries, HTML
bytes and, for each server ("ours", "floor", "nginx"), the two req/s runs at 8
connections and the p50 of one connection; plus the workers' peak memory.
"""

from dataclasses import dataclass

SERVERS = ("ours", "floor", "nginx")
POST_PAGES = ("post-0", "post-200", "post-500")


@dataclass
class Goal:
    text: str
    limit: float
    unit: str  # "×" or " MiB"
    value: float | None  # None: not measured this run

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "not measured"
        return "met" if self.value <= self.limit else "missed"

    def line(self) -> str:
        measured = "-" if self.value is None else f"{self.value:.1f}{self.unit}"
        limit = f"{self.limit:g}{self.unit}"
        return f"  {self.verdict:<12} {self.text} (at most {limit}): {measured}"


def best_rps(page: dict, server: str) -> float | None:
    runs = page.get(server, {}).get("rps") or []
    return max(runs) if runs else None


def p50(page: dict, server: str) -> float | None:
    return page.get(server, {}).get("p50_ms")


def slowdown(page: dict, than: str) -> float | None:
    """How many times fewer requests a second ours answered than ``than``."""
    ours, other = best_rps(page, "ours"), best_rps(page, than)
    if not ours or not other:
        return None
    return other / ours


def goals(figures: dict) -> list[Goal]:
    pages = figures["pages"]

    def page(key):
        return pages.get(key, {})

    found = [
        Goal(
            f"{page(key).get('label', key)}: ours × slower than the bare-Django floor",
            15,
            "×",
            slowdown(page(key), "floor"),
        )
        for key in POST_PAGES
        if key in pages
    ]
    found.append(
        Goal(
            "home: ours × slower than the floor",
            25,
            "×",
            slowdown(page("home"), "floor"),
        )
    )
    found.append(
        Goal(
            "health check: ours × slower than the floor",
            1.5,
            "×",
            slowdown(page("health"), "floor"),
        )
    )
    busy, quiet = p50(page("post-200"), "ours"), p50(page("post-0"), "ours")
    found.append(
        Goal(
            "post with 200 comments: p50 at one connection × the 0-comment post's",
            1.5,
            "×",
            busy / quiet if busy and quiet else None,
        )
    )
    found.append(
        Goal(
            "ours: worker peak RSS",
            200,
            " MiB",
            figures.get("rss_mib", {}).get("ours") or None,
        )
    )
    return found


def number(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def table(figures: dict) -> list[str]:
    """The table: one row per page, ours against the floor and nginx."""
    header = (
        f"{'page':<24} {'queries':>7} {'KB':>6} "
        f"{'req/s':>7} {'floor':>7} {'nginx':>7} {'×floor':>7} {'×nginx':>7} "
        f"{'p50 ms':>7} {'floor':>6} {'nginx':>6} {'RSS MiB':>8}"
    )
    lines = [header, "-" * len(header)]
    for page in figures["pages"].values():
        lines.append(
            f"{page['label']:<24} {number(page.get('queries'), 'd'):>7} "
            f"{number(page['bytes'] / 1024, '.1f'):>6} "
            f"{number(best_rps(page, 'ours'), '.0f'):>7} "
            f"{number(best_rps(page, 'floor'), '.0f'):>7} "
            f"{number(best_rps(page, 'nginx'), '.0f'):>7} "
            f"{number(slowdown(page, 'floor'), '.1f'):>7} "
            f"{number(slowdown(page, 'nginx'), '.0f'):>7} "
            f"{number(p50(page, 'ours'), '.1f'):>7} "
            f"{number(p50(page, 'floor'), '.1f'):>6} "
            f"{number(p50(page, 'nginx'), '.2f'):>6} "
            f"{number(page.get('ours', {}).get('rss_mib'), '.0f'):>8}"
        )
    return lines


def summary(figures: dict) -> list[str]:
    """Header, table, the columns' meaning and the goals, as printed."""
    setup = figures["setup"]
    lines = [
        f"intranet benchmark, {setup['date']}, {setup['machine']}",
        f"ours: gunicorn, {setup['workers']} sync workers, bench.settings (DEBUG off, "
        f"cached templates, whitenoise, persistent connections), cache: "
        f"{setup['cache']}; {setup['data']}",
        "floor: bare Django (bench/floor) under the same gunicorn, answering the "
        "bytes ours served; nginx: the same bytes as files. Signed in as staff.",
        "",
        *table(figures),
        "",
        f"req/s: the better of two {setup['seconds']:g} s runs of wrk -c8 -t2 (both "
        f"in latest.json); ×floor, ×nginx: how many times fewer req/s ours answered.",
        f"p50 ms: wrk -c1 --latency, {setup['latency_seconds']:g} s. queries: one "
        f"request through Django's test client. RSS MiB: the largest VmHWM of ours' "
        f"workers after the page's runs (it only grows).",
    ]
    for note in figures.get("notes", []):
        lines.append(note)
    lines += ["", "goals:", *(goal.line() for goal in goals(figures))]
    return lines
