"""Who opened what, counted cheaply, for a page's reach and the engagement report.

A page type that counts reading sets ``counts_reads = True`` (posts, threads,
guidelines, training modules, leaders' updates). A member of staff opening one is
counted once per page and week (``PageRead``): the first view of the day writes one
upsert; later views that day cost no query, the cache remembers them. Nothing is
counted for anonymous visitors, previews, requests other than GET, answers other
than 200, robots, or a person who turned counting off on their profile.
"""

import datetime
import logging
import re

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from intranet.conf import intranet_setting

logger = logging.getLogger(__name__)

# Link previewers and crawlers that may carry a colleague's cookie (a chat app
# unfurling a pasted link) or fetch pages on their own.
ROBOT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|preview|headless|lighthouse|facebookexternalhit"
    r"|embedly|curl/|wget/|python-requests|httpclient",
    re.IGNORECASE,
)
DAY_SECONDS = 26 * 60 * 60  # a day and the longest jump of a clock change


def week_of(moment: datetime.datetime) -> datetime.date:
    """The Monday of the (local) week ``moment`` falls in."""
    day = timezone.localdate(moment)
    return day - datetime.timedelta(days=day.weekday())


def counts_reading(user) -> bool:
    """Whether this person's reading is counted: staff who did not turn it off."""
    if not (user.is_authenticated and user.is_active):
        return False
    profile = getattr(user, "intranet_profile", None)
    return getattr(profile, "counts_reading", True)


def is_counted(request, response) -> bool:
    return (
        request.method == "GET"
        and response.status_code == 200
        and not getattr(request, "is_preview", False)
        and not ROBOT.search(request.headers.get("User-Agent", ""))
        and counts_reading(request.user)
    )


def record_read(page, request, response) -> bool:
    """Count that ``request.user`` read ``page``; True when a row was written."""
    from intranet.models import PageRead

    if not is_counted(request, response):
        return False
    now = timezone.now()
    today = timezone.localdate(now)
    key = f"read:{request.user.pk}:{page.pk}:{today.isoformat()}"
    if not cache.add(key, 1, DAY_SECONDS):
        return False
    try:
        upsert_read(
            PageRead(
                user_id=request.user.pk,
                page_id=page.pk,
                week=week_of(now),
                first_seen=now,
                last_seen=now,
            ),
            day_started=timezone.make_aware(
                datetime.datetime.combine(today, datetime.time.min)
            ),
        )
    except DatabaseError:
        # A read not counted is better than a page not shown.
        cache.delete(key)
        logger.warning("could not count a read of page %s", page.pk, exc_info=True)
        return False
    return True


def upsert_read(read, day_started) -> None:
    """Insert ``read``, or move the last time seen of the row it repeats if that
    was before ``day_started``: one statement, and at most one write a day for a
    person and page even where the cache is not shared by the workers. Django's
    ``bulk_create(update_conflicts=True)`` says much the same but wraps it in a
    transaction of its own, which costs a page two more queries outside one;
    PostgreSQL and SQLite share this syntax. Inside a transaction (a site with
    ``ATOMIC_REQUESTS``) it runs in a savepoint, so a failure leaves the
    request's own work alone."""
    if connection.in_atomic_block:
        with transaction.atomic():
            _upsert(read, day_started)
    else:
        _upsert(read, day_started)


def _upsert(read, day_started) -> None:
    from intranet.models import PageRead

    if connection.vendor not in ("postgresql", "sqlite"):
        PageRead.objects.bulk_create(
            [read],
            update_conflicts=True,
            unique_fields=["user", "page", "week"],
            update_fields=["last_seen"],
        )
        return
    meta = PageRead._meta
    column = {f.name: connection.ops.quote_name(f.column) for f in meta.concrete_fields}
    table = connection.ops.quote_name(meta.db_table)
    fields = ["user", "page", "week", "first_seen", "last_seen"]
    values = [
        meta.get_field(name).get_db_prep_save(
            getattr(read, meta.get_field(name).attname), connection
        )
        for name in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(column[n] for n in fields)}) "  # noqa: S608 - names from the model
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            f"ON CONFLICT ({column['user']}, {column['page']}, {column['week']}) "
            f"DO UPDATE SET {column['last_seen']} = excluded.{column['last_seen']} "
            f"WHERE {table}.{column['last_seen']} < %s",
            [
                *values,
                meta.get_field("last_seen").get_db_prep_save(day_started, connection),
            ],
        )


def forget_reading(user) -> int:
    """Delete what was counted of ``user``'s reading (they turned counting off)."""
    from intranet.models import PageRead

    deleted, _ = PageRead.objects.filter(user=user).delete()
    return deleted


def retention_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    days = intranet_setting("READS_RETENTION_DAYS")
    return (now or timezone.now()) - datetime.timedelta(days=days)


def prune_reads(now: datetime.datetime | None = None) -> int:
    """Delete the records of reading last seen before the retention period."""
    from intranet.models import PageRead

    deleted, _ = PageRead.objects.filter(last_seen__lt=retention_cutoff(now)).delete()
    return deleted
