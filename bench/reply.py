"""What posting a reply costs on a long conversation, and what reading one costs.

    python bench/reply.py          # on var/bench.sqlite3, built by `make bench`

``section()`` gives the lines for the benchmark's report. On a post of the bench
blog with 200 comments it posts replies to comments all over the conversation
through Django's test client, in this process, the way the comment form does (each
in a transaction rolled back after, so the bench data stays as it was and what
waits for a commit, the notifications, is not run); it reports their queries and
median time, then the median time of reading that post and a post without
comments, and their ratio.
"""

import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = ROOT / "var" / "bench.sqlite3"
REPLIES = 10
READS = 20


def _setup() -> None:
    """Django on the bench database, unless the benchmark has set it up already."""
    from django.apps import apps

    if apps.ready:
        return
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _client():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Site

    from intranet import pages as intranet_pages

    site = Site.objects.get(
        root_page__in=intranet_pages.home_page_model().objects.all()
    )
    client = Client(HTTP_HOST=f"{site.hostname}:{site.port}")
    user = get_user_model().objects.get(username="staff")
    client.force_login(user)
    return client, user


def _median_read(client, url) -> float:
    client.get(url)  # warm-up: renditions, caches
    timings = []
    for _ in range(READS):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(timings)


def _post_reply(client, user, post, parent, n) -> tuple[int, float, str]:
    """One reply, as the comment form sends it, rolled back after."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from intranet.social import services

    # Ten replies in a few seconds would be refused as a flood: each is the first.
    services.throttle.reset(services.COMMENT_RATE, str(user.pk))
    data = {
        "text": f"Bench reply {n}: {uuid.uuid4().hex[:8]}",
        "token": str(uuid.uuid4()),
        "parent": parent.pk,
    }
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.post(post.url, data)
            elapsed = (time.perf_counter() - started) * 1000
        transaction.set_rollback(True)
    if response.status_code != 302:
        raise SystemExit(f"posting a reply answered {response.status_code}")
    return len(queries), elapsed, response["Location"]


def section() -> list[str]:
    if not DB.exists():
        return [
            "posting a reply: skipped, no bench database "
            f"({DB.relative_to(ROOT)}; `make bench` builds it)"
        ]
    _setup()
    from blog.models import BlogPostPage
    from intranet.social.models import Comment

    client, user = _client()
    busy = BlogPostPage.objects.filter(slug__startswith="generated-").first()
    if busy is None:
        return ["posting a reply: skipped, the bench database has no generated posts"]
    comments = list(Comment.objects.for_page(busy).counted().order_by("pk"))
    quiet = next(
        post
        for post in BlogPostPage.objects.live().exclude(slug__startswith="generated-")
        if not Comment.objects.for_page(post).exists()
    )
    client.get(busy.url)  # warm-up
    step = max(len(comments) // REPLIES, 1)
    parents = comments[::step][:REPLIES]
    _post_reply(client, user, busy, parents[-1], 0)  # warm-up
    results = [
        _post_reply(client, user, busy, parent, n)
        for n, parent in enumerate(parents, start=1)
    ]
    counts = [queries for queries, _ms, _url in results]
    timings = [ms for _queries, ms, _url in results]
    older = sum("before=" in url for _queries, _ms, url in results)
    quiet_ms = _median_read(client, quiet.url)
    busy_ms = _median_read(client, busy.url)
    return [
        f"posting a reply to a post of {len(comments)} comments "
        f"({len(results)} replies in-process, {older} landing in an older window):",
        f"  queries        {min(counts)}–{max(counts)}",
        f"  median ms      {statistics.median(timings):.1f}",
        f"  slowest ms     {max(timings):.1f}",
        f"reading the post ({READS} warm requests each, median):",
        f"  0 comments     {quiet_ms:.1f} ms",
        f"  {len(comments)} comments   {busy_ms:.1f} ms",
        f"  ratio          {busy_ms / quiet_ms:.2f}×",
    ]


if __name__ == "__main__":
    print("\n".join(section()))
