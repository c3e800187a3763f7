"""Measure the intranet's main pages against a bare-Django floor and nginx, in one run.

    make bench                 # builds var/bench.sqlite3 once, then measures
    make bench ARGS=--fresh    # rebuilds the data first

It starts three servers on free loopback ports and stops them by process id when it
ends, however it ends: the intranet under gunicorn (2 sync workers, bench.settings),
a bare Django project (bench/floor) under the same gunicorn answering the bytes the
intranet served, and nginx serving those bytes as files. Signed in as the demo
member of staff, each page is checked (200, its own content), captured, then loaded
with wrk. Absolute numbers depend on the machine; read the ratios, which come from
the same run. The table and the goals go to var/bench/latest.txt, the figures to
var/bench/latest.json, each with a timestamped copy.

More measurements plug in through SECTIONS: a module named there (bench.search,
say) that exists and has ``section()`` – or ``section(bench)``, given the Bench
below – returning lines of text is run after the servers stop, and its lines are
printed and kept with the table.
"""

import argparse
import importlib
import inspect
import json
import os
import platform
import shutil
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import report, servers, wrk  # noqa: E402

DB = ROOT / "var" / "bench.sqlite3"
OUT = ROOT / "var" / "bench"
DATA_MARK = OUT / "data.json"
LOCAL_REDIS = "redis://127.0.0.1:6379/14"
# Modules with more measurements, each run when it exists (see the docstring).
SECTIONS = ("bench.search", "bench.reply")


@dataclass
class Page:
    key: str
    label: str
    path: str
    expect: str  # text the page must show, signed in as staff
    pk: int | None = None  # the Wagtail page's, for a post


@dataclass
class Bench:
    """What a section may use: the signed-in test client, the pages measured, the
    options of the run and the folder the results go to."""

    args: argparse.Namespace
    client: object = None
    host: str = ""
    cookie: str = ""
    pages: list[Page] = field(default_factory=list)
    out: Path = OUT


def cache_in_use() -> str:
    """Point REDIS_URL at the local Redis when none is set and it answers."""
    if not os.environ.get("REDIS_URL"):
        if servers.redis_answers(6379):
            os.environ["REDIS_URL"] = LOCAL_REDIS
    url = os.environ.get("REDIS_URL")
    return f"Redis ({url})" if url else "local memory (no Redis answered)"


def setup(args) -> str:
    """Django on the scratch database, the data built (once) and static collected."""
    wanted = {
        "posts": args.posts,
        "comments": args.comments,
        "sizes": args.sizes,
        "replies": args.replies,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    built = DATA_MARK.exists() and json.loads(DATA_MARK.read_text()) == wanted
    if args.fresh or not (DB.exists() and built):
        DB.unlink(missing_ok=True)
        DATA_MARK.unlink(missing_ok=True)
        shutil.rmtree(OUT / "media", ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DB_CONN_MAX_AGE", "600")
    cache = cache_in_use()
    import django

    django.setup()
    from django.core.cache import cache as django_cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if not DATA_MARK.exists():
        started = time.monotonic()
        print("building the data (once; --fresh rebuilds it)")
        call_command("intranet_load_demo", force=True)
        call_command(
            "intranet_bench_data",
            posts=args.posts,
            comments=args.comments,
            sizes=args.sizes,
            replies=args.replies,
            force=True,
        )
        call_command("update_index", verbosity=0)
        DATA_MARK.write_text(json.dumps(wanted))
        print(f"data built in {time.monotonic() - started:.0f} s")
    call_command("collectstatic", interactive=False, verbosity=0)
    django_cache.clear()  # every run starts from a cold cache
    return cache


def find_pages(args) -> tuple[list[Page], str, object]:
    """The pages to measure, the Host to ask for them on and a signed-in client."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils.html import escape
    from wagtail.models import Site

    from intranet import pages as intranet_pages
    from intranet.discussions.models import DiscussionThreadPage
    from intranet.people.pages import PeopleIndexPage
    from intranet.social.models import Comment

    # The demo serves the intranet on a Wagtail Site of its own: ask for it by name.
    site = Site.objects.get(
        root_page__in=intranet_pages.home_page_model().objects.all()
    )
    host = f"{site.hostname}:{site.port}"
    client = Client(HTTP_HOST=host)
    client.force_login(get_user_model().objects.get(username="staff"))
    under_site = {"path__startswith": site.root_page.path}
    blog = intranet_pages.blog_index_model().objects.live().get(**under_site)
    people = PeopleIndexPage.objects.live().get(**under_site)
    generated = intranet_pages.blog_post_model().objects.live().descendant_of(blog)
    by_size = {}
    for post in generated.filter(slug__startswith="generated-").order_by("pk"):
        by_size.setdefault(Comment.objects.for_page(post).count(), post)
    home = site.root_page.specific
    found = [
        Page("health", "health check", "/health/", '"status": "ok"'),
        Page("home", "home", home.relative_url(site), escape(home.title)),
        Page("blog", "blog index", blog.relative_url(site), escape(blog.title)),
    ]
    for size in dict.fromkeys((0, args.comments, *args.sizes)):
        post = by_size.get(size)
        if post is None:
            raise SystemExit(f"no generated post with {size} comments: try --fresh")
        found.append(
            Page(
                f"post-{size}",
                f"post, {size} comments",
                post.relative_url(site),
                escape(post.title),
                post.pk,
            )
        )
    thread = (
        DiscussionThreadPage.objects.live()
        .filter(slug__startswith="generated-", **under_site)
        .first()
    )
    if thread is not None:
        replies = Comment.objects.for_page(thread).count()
        found.append(
            Page(
                "thread",
                f"discussion, {replies} replies",
                thread.relative_url(site),
                escape(thread.title),
            )
        )
    found += [
        Page(
            "people",
            "people directory",
            people.relative_url(site),
            escape(people.title),
        ),
        Page("search", "search", "/search/?q=customers", "customers"),
    ]
    return found, host, client


def count_queries(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)  # warm-up: renditions, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code} in-process")
    return len(queries)


def capture(port: int, pages: list[Page], headers: dict) -> dict[str, bytes]:
    """Each page as our server answers it, checked to be the page itself."""
    bodies = {}
    for page in pages:
        status, body = servers.get(port, page.path, headers)
        text = body.decode(errors="replace")
        if status != 200:
            raise SystemExit(f"{page.label} ({page.path}) answered {status}, not 200")
        if page.expect not in text or 'name="password"' in text:
            raise SystemExit(
                f"{page.label} ({page.path}) answered 200 without its content "
                f"({page.expect!r}): a sign-in page?"
            )
        bodies[page.key] = body
    return bodies


def settle(server, path: str, headers: dict) -> None:
    """Wait for the requests a finished wrk run left queued: wrk closes its
    connections, but each sync worker still answers what it had accepted. Two
    requests in turn, each behind the queue, return once both workers are free."""
    for _ in range(servers.WORKERS):
        servers.get(server.port, path, headers, timeout=120)


def load(tool: str, server, path: str, idle: str, headers: dict, args) -> dict:
    """Two runs at 8 connections, then one connection's latency, after a warm-up;
    each begins once the server has answered what the one before left queued."""
    url = f"http://127.0.0.1:{server.port}{path}"
    options = {"headers": headers}

    def wrk_run(**run_options):
        found = wrk.run(tool, url, **options, **run_options)
        settle(server, idle, headers)
        return found

    wrk_run(connections=2, threads=1, seconds=1)
    runs = [wrk_run(connections=8, threads=2, seconds=args.seconds) for _ in range(2)]
    single = wrk_run(
        connections=1, threads=1, seconds=args.latency_seconds, latency=True
    )
    return {
        "rps": [run.requests_per_s for run in runs],
        "p50_ms": single.p50_ms,
        "runs": [run.as_dict() for run in (*runs, single)],
        "problems": sorted({p for run in (*runs, single) for p in run.problems}),
    }


def measure(args, bench: Bench, figures: dict) -> None:
    tool = servers.tool("wrk")
    nginx = servers.tool("nginx")
    notes = figures["notes"]
    if tool is None:
        notes.append("wrk is missing (and could not be installed): no req/s, no p50.")
    if nginx is None:
        notes.append("nginx is missing (and could not be installed): no nginx column.")
    headers = {"Host": bench.host, "Cookie": bench.cookie}
    started = []
    try:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        ours = servers.Gunicorn(OUT, "ours", "config.wsgi:application", env)
        started.append(ours.start())
        bodies = capture(ours.port, bench.pages, headers)
        pages_dir = OUT / "pages"
        shutil.rmtree(pages_dir, ignore_errors=True)
        pages_dir.mkdir(parents=True)
        for key, body in bodies.items():
            (pages_dir / f"{key}.html").write_bytes(body)
        floor_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.floor.settings",
            "BENCH_PAGES": str(pages_dir),
        }
        floor = servers.Gunicorn(
            OUT, "floor", "bench.floor.wsgi:application", floor_env
        )
        started.append(floor.start())
        others = {"floor": floor}
        if nginx is not None:
            others["nginx"] = servers.Nginx(OUT, pages_dir)
            started.append(others["nginx"].start())
        for name, server in others.items():
            for key, body in bodies.items():
                status, served = servers.get(server.port, f"/{key}.html", headers)
                if status != 200 or served != body:
                    raise SystemExit(f"{name} did not serve {key}.html as captured")
        for page in bench.pages:
            row = figures["pages"][page.key]
            row["bytes"] = len(bodies[page.key])
            if tool is None:
                continue
            print(f"  {page.label}", end="", flush=True)
            row["ours"] = load(tool, ours, page.path, "/health/", headers, args)
            row["ours"]["rss_mib"] = round(ours.peak_rss_mib(), 1)
            for name, server in others.items():
                print(f", {name}", end="", flush=True)
                row[name] = load(
                    tool, server, f"/{page.key}.html", "/health.html", headers, args
                )
            print()
            for name in report.SERVERS:
                if row.get(name, {}).get("problems"):
                    problems = "; ".join(row[name]["problems"])
                    notes.append(f"note: {page.label}, {name}: {problems}")
        figures["rss_mib"] = {
            "ours": round(ours.peak_rss_mib(), 1),
            "floor": round(floor.peak_rss_mib(), 1),
        }
    finally:
        for server in reversed(started):
            server.stop()


def reading_cost(bench: Bench) -> list[str]:
    """What counting a read costs a post: one upsert on the day's first view, then
    nothing (the cache remembers the day)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    client = bench.client
    post = next(page for page in bench.pages if page.key == "post-0")
    user = client.session["_auth_user_id"]
    key = f"read:{user}:{post.pk}:{timezone.localdate().isoformat()}"
    # Refill what the cache forgot while the servers ran (view restrictions, the
    # intranet homes), so that only the read is counted.
    client.get(post.path)
    counts = {}
    for label, forget in (("first view of the day", True), ("later views", False)):
        if forget:
            cache.delete(key)
        with CaptureQueriesContext(connection) as queries:
            client.get(post.path)
        counts[label] = len(queries)
    later = counts["later views"]
    lines = ["opening a post, counting the read:"]
    for label, n in counts.items():
        lines.append(f"  {label:<22} {n:>3} queries ({n - later:+d} for the read)")
    return lines


def engagement_at_scale(bench: Bench) -> list[str]:
    import subprocess

    try:
        import psycopg

        psycopg.connect(
            os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
            + "/postgres",
            connect_timeout=2,
        ).close()
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        return [f"engagement report at scale: skipped, no PostgreSQL ({error})"]
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "bench" / "engagement.py")],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return [
        "engagement report, 10,000 staff and 1,000,000 reads:",
        *done.stdout.splitlines(),
    ]


def sections() -> list:
    """The built-in extras, then each module of SECTIONS that exists."""
    found = [("reading cost", reading_cost), ("engagement", engagement_at_scale)]
    for name in SECTIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        found.append((name, module.section))
    return found


def run_section(function, bench: Bench) -> list[str]:
    takes_bench = "bench" in inspect.signature(function).parameters
    return list(function(bench) if takes_bench else function())


def write(figures: dict, lines: list[str]) -> None:
    stamp = figures["setup"]["stamp"]
    text = "\n".join(lines) + "\n"
    data = json.dumps(figures, indent=2) + "\n"
    for name in ("latest", stamp):
        (OUT / f"{name}.txt").write_text(text)
        (OUT / f"{name}.json").write_text(data)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}"


def stop_on_term(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the data first")
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--comments", type=int, default=200, help="on each post")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[0, 500], help="one more post each"
    )
    parser.add_argument(
        "--replies", type=int, default=60, help="on a generated discussion thread"
    )
    parser.add_argument("--seconds", type=float, default=5, help="each wrk -c8 run")
    parser.add_argument(
        "--latency-seconds", type=float, default=4, help="the wrk -c1 run"
    )
    parser.add_argument(
        "--no-extras", action="store_true", help="only the table, no extra sections"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, stop_on_term)
    signal.signal(signal.SIGHUP, stop_on_term)
    began = time.monotonic()
    now = datetime.now(UTC)
    cache = setup(args)
    pages, host, client = find_pages(args)
    session = client.cookies["sessionid"].value
    bench = Bench(args, client, host, f"sessionid={session}", pages)
    figures = {
        "setup": {
            "date": now.strftime("%Y-%m-%d %H:%M UTC"),
            "stamp": now.strftime("%Y%m%dT%H%M%SZ"),
            "machine": machine(),
            "workers": servers.WORKERS,
            "cache": cache,
            "data": f"the demo plus {args.posts} posts of {args.comments} comments, "
            f"posts of {', '.join(map(str, args.sizes))} and a thread of "
            f"{args.replies} replies",
            "seconds": args.seconds,
            "latency_seconds": args.latency_seconds,
        },
        "pages": {
            page.key: {"label": page.label, "path": page.path, "bytes": 0}
            for page in pages
        },
        "notes": [],
    }
    for page in pages:
        figures["pages"][page.key]["queries"] = count_queries(client, page.path)
    print("measuring (ours, the floor, nginx):")
    measure(args, bench, figures)
    figures["goals"] = [
        {
            "goal": goal.text,
            "limit": goal.limit,
            "value": goal.value,
            "verdict": goal.verdict,
        }
        for goal in report.goals(figures)
    ]
    lines = report.summary(figures)
    print("\n" + "\n".join(lines))
    figures["sections"] = {}
    if not args.no_extras:
        for name, function in sections():
            found = run_section(function, bench)
            figures["sections"][name] = found
            print("\n" + "\n".join(found))
            lines += ["", *found]
    lines.append(f"\nthe whole run took {time.monotonic() - began:.0f} s")
    print(lines[-1].strip())
    write(figures, lines)
    print(f"written to {OUT.relative_to(ROOT)}/latest.txt and latest.json")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt as stop:
        # The servers were stopped on the way out (measure's finally).
        raise SystemExit(
            f"\ninterrupted ({stop or 'Ctrl-C'}); every server stopped"
        ) from None
