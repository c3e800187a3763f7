import datetime
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, get_page_models

from intranet.models import PageRead
from intranet.people.models import Profile
from intranet.reading import week_of

PREFIX = "bench-reader-"
DEPARTMENTS = [
    "Customer Service",
    "Sales",
    "Digital",
    "Finance",
    "Communications",
    "Legal",
    "Logistics",
    "People",
]
LOCATIONS = ["Helsinki", "Tampere", "Oulu", "Turku"]
WEEKS = 52


def counted_pages() -> list[int]:
    types = [
        ContentType.objects.get_for_model(model)
        for model in get_page_models()
        if getattr(model, "counts_reads", False)
    ]
    return list(
        Page.objects.live()
        .filter(content_type__in=types)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def make_staff(people: int) -> list[int]:
    User = get_user_model()
    existing = User.objects.filter(username__startswith=PREFIX)
    missing = people - existing.count()
    if missing > 0:
        start = existing.count()
        users = [
            User(username=f"{PREFIX}{n:06d}", email=f"{PREFIX}{n}@example.com")
            for n in range(start, start + missing)
        ]
        for user in users:
            user.set_unusable_password()
        User.objects.bulk_create(users, batch_size=2000)
        made = User.objects.filter(username__startswith=PREFIX).exclude(
            intranet_profile__isnull=False
        )
        Profile.objects.bulk_create(
            [
                Profile(
                    user_id=pk,
                    department=DEPARTMENTS[pk % len(DEPARTMENTS)],
                    location=LOCATIONS[pk % len(LOCATIONS)],
                    counts_reading=pk % 50 != 0,
                )
                for pk in made.values_list("pk", flat=True)
            ],
            batch_size=2000,
        )
    return list(
        User.objects.filter(username__startswith=PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)[:people]
    )


def insert_reads_postgresql(user_ids, page_ids, per_person, today) -> None:
    """Every person reads ``per_person`` (page, week) pairs over the last year, by
    one INSERT … SELECT in the database: a million rows in seconds."""
    monday = week_of(
        timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {PageRead._meta.db_table} (user_id, page_id, week, first_seen, last_seen)
            SELECT u.id,
                   (%(pages)s::int[])[1 + ((k / %(weeks)s + u.id) %% %(n)s)],
                   (%(monday)s::date - (k %% %(weeks)s) * 7),
                   (%(monday)s::date - (k %% %(weeks)s) * 7) + interval '9 hours',
                   (%(monday)s::date - (k %% %(weeks)s) * 7) + interval '9 hours'
                       + ((u.id + k) %% 96) * interval '1 hour'
            FROM unnest(%(users)s::int[]) AS u(id)
            CROSS JOIN generate_series(0, %(last)s) AS k
            ON CONFLICT DO NOTHING
            """,  # noqa: S608 - the table name is the model's own
            {
                "pages": page_ids,
                "users": user_ids,
                "n": len(page_ids),
                "weeks": WEEKS,
                "monday": monday,
                "last": per_person - 1,
            },
        )


def insert_reads_orm(user_ids, page_ids, per_person, today) -> None:
    monday = week_of(
        timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    )
    batch = []
    for user_id in user_ids:
        for k in range(per_person):
            week = monday - datetime.timedelta(weeks=k % WEEKS)
            seen = timezone.make_aware(
                datetime.datetime.combine(week, datetime.time(9))
            )
            batch.append(
                PageRead(
                    user_id=user_id,
                    page_id=page_ids[(k // WEEKS + user_id) % len(page_ids)],
                    week=week,
                    first_seen=seen,
                    last_seen=seen,
                )
            )
            if len(batch) >= 5000:
                PageRead.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
    PageRead.objects.bulk_create(batch, ignore_conflicts=True)


def make_reads(people: int, reads: int) -> tuple[int, int]:
    """``people`` colleagues and about ``reads`` records of their reading, spread
    over the last year and the counted pages; what exists already is kept."""
    page_ids = counted_pages()
    if len(page_ids) < 2:
        raise CommandError(
            "Load the demo first: there are fewer than two pages to read."
        )
    user_ids = make_staff(people)
    per_person = max(1, min(reads // max(1, len(user_ids)), WEEKS * len(page_ids)))
    existing = PageRead.objects.filter(user_id__in=user_ids).count()
    if existing < per_person * len(user_ids):
        with transaction.atomic():
            insert = (
                insert_reads_postgresql
                if connection.vendor == "postgresql"
                else insert_reads_orm
            )
            insert(user_ids, page_ids, per_person, timezone.localdate())
    if connection.vendor == "postgresql":
        # Statistics as autovacuum would gather them, for the planner to plan with.
        with connection.cursor() as cursor:
            for model in (get_user_model(), Profile, PageRead):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    return len(user_ids), PageRead.objects.filter(user_id__in=user_ids).count()


class Command(BaseCommand):
    help = (
        "Add generated colleagues and a year of their reading, for measuring the "
        "engagement report (make bench). On PostgreSQL a million records take seconds."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=10_000)
        parser.add_argument("--reads", type=int, default=1_000_000)
        parser.add_argument("--force", action="store_true", help="Run with DEBUG off.")

    def handle(self, *args, people, reads, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "This fills the database with generated people. Use --force."
            )
        started = time.perf_counter()
        made_people, made_reads = make_reads(people, reads)
        self.stdout.write(
            f"{made_people} colleagues, {made_reads} records of reading "
            f"in {time.perf_counter() - started:.1f} s."
        )
