"""Digests: one e-mail per person and period with what is new and still unread, of
the kinds they asked to have gathered daily or weekly.

``manage.py intranet_send_digests --period daily|weekly`` walks the people with something
pending a batch at a time (only a batch's ids are ever in memory) and hands each
batch to a background task. A person's digest is claimed in the database before it
is sent, so running it twice in one period sends nothing twice, and a failed send
rolls the claim back for the next run.
"""

import datetime
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from wagtail.models import Page

from intranet import audience

from . import mail, preferences
from .models import Delivery, DigestSent, Notification
from .notifications import comment_still_shown

PERIODS = (Delivery.DAILY, Delivery.WEEKLY)
BATCH = 500
MOST_SHOWN = 30


def period_start(period: str, day: datetime.date) -> datetime.date:
    """The first day of the period ``day`` falls in: the day, or its week's Monday."""
    if period == Delivery.WEEKLY:
        return day - datetime.timedelta(days=day.weekday())
    return day


def pending():
    """Notifications nobody has read or been e-mailed about yet."""
    return Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True)


def batches_of_people(size: int | None = None):
    """Ids of people with something pending, ``size`` at a time, in order."""
    size = size or BATCH
    last = 0
    while True:
        ids = list(
            pending()
            .filter(recipient_id__gt=last)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:size]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def send_digests(period: str, today: datetime.date | None = None, progress=None):
    """Queue the digests of ``period``; returns the people checked and the digests
    sent (with a background worker, sending happens there and is not counted)."""
    if period not in PERIODS:
        raise ValueError(f"Unknown period: {period!r}")
    start = period_start(period, today or timezone.localdate())
    checked = sent = 0
    for ids in batches_of_people():
        result = send_digest_batch.enqueue(period, start.isoformat(), ids)
        checked += len(ids)
        if result.status == TaskResultStatus.SUCCESSFUL:
            sent += result.return_value
        if progress is not None:
            progress(checked, sent)
    return checked, sent


@task()
def send_digest_batch(period: str, start: str, user_ids: list[int]) -> int:
    """Send the ``period`` digests starting ``start`` to whichever of ``user_ids``
    have something for it; returns how many were sent."""
    start_day = datetime.date.fromisoformat(start)
    choices = preferences.for_people(user_ids)
    done = set(
        DigestSent.objects.filter(
            user_id__in=user_ids, period=period, period_start=start_day
        ).values_list("user_id", flat=True)
    )
    people = {
        person.pk: person
        for person in get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(email="")
        .exclude(pk__in=done)
        .select_related("intranet_profile")
    }
    notifications = (
        pending()
        .filter(recipient_id__in=list(people), urgent=False)
        .select_related("actor__intranet_profile", "page", "comment")
        .order_by("recipient_id", "-created_at", "-pk")
    )
    sent = 0
    for user_id, items in groupby(
        notifications.iterator(2000), lambda n: n.recipient_id
    ):
        person = people[user_id]
        kinds = {
            kind for kind, choice in choices[user_id].items() if choice.email == period
        }
        wanted = [n for n in items if n.kind in kinds]
        sent += _send_one(person, wanted, period, start_day)
    return sent


def _visible(person, notifications: list) -> list:
    """The notifications whose page ``person`` may still see, and whose comment is
    still shown: one query for the pages, whatever their number."""
    page_ids = {n.page_id for n in notifications}
    pages = audience.visible_to(Page.objects.filter(pk__in=page_ids), person)
    seen = set(pages.values_list("pk", flat=True))
    return [n for n in notifications if n.page_id in seen and comment_still_shown(n)]


def _send_one(person, notifications: list, period: str, start_day) -> int:
    if not notifications:
        return 0
    items = _visible(person, notifications)
    if not items:
        return 0
    try:
        with transaction.atomic():
            DigestSent.objects.create(
                user=person,
                period=period,
                period_start=start_day,
                notifications=len(items),
            )
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(
                emailed_at=timezone.now()
            )
            mail.send_digest(
                person, items[:MOST_SHOWN], max(0, len(items) - MOST_SHOWN), period
            )
    except IntegrityError:
        return 0  # another run sent this period's digest meanwhile
    return 1
