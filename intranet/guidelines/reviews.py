"""Review reminders: content owners hear 4 and 2 weeks before a guideline's review
date, and weekly once it is overdue; each e-mail also lists everything of theirs
that is overdue."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from intranet import audience, languages, mail, pages

REMINDER_DAYS = (28, 14)
OVERDUE_EVERY_DAYS = 7


@dataclass
class Reminder:
    person: object
    upcoming: list = field(default_factory=list)
    overdue: list = field(default_factory=list)

    @property
    def due_today(self) -> bool:
        return bool(self.upcoming) or any(
            page.days_overdue % OVERDUE_EVERY_DAYS == 0 for page in self.overdue
        )


def owners(page) -> list:
    """Who owns ``page`` and may still see it: the person, and the team's members."""
    people = []
    if page.owner_person_id:
        people.append(page.owner_person)
    if page.owner_team_id:
        people.extend(page.owner_team.user_set.all())
    seen, kept = set(), []
    for person in people:
        if person.pk in seen or not person.is_active or not person.email:
            continue
        seen.add(person.pk)
        if audience.can_view(person, page):
            kept.append(person)
    return kept


def reminders(today: datetime.date) -> list[Reminder]:
    guidelines = (
        pages.guideline_model()
        .objects.live()
        .defer_streamfields()
        .select_related("owner_person__intranet_profile", "owner_team")
        .order_by("review_date", "title")
    )
    due = [today + datetime.timedelta(days=days) for days in REMINDER_DAYS]
    by_person: dict[int, Reminder] = {}
    for page in guidelines.filter(review_date__in=due) | guidelines.filter(
        review_date__lt=today
    ):
        page.days_left = (page.review_date - today).days
        page.days_overdue = -page.days_left
        for person in owners(page):
            reminder = by_person.setdefault(person.pk, Reminder(person))
            (reminder.overdue if page.days_left < 0 else reminder.upcoming).append(page)
    return [r for r in by_person.values() if r.due_today]


def overdue(today: datetime.date):
    return (
        pages.guideline_model()
        .objects.live()
        .review_overdue(today)
        .order_by("review_date")
    )


def _send(subject, body, address):
    mail.compose(subject, body, [address]).send()


def send_reminders(today: datetime.date) -> int:
    """E-mail each owner with a review due, after the transaction commits."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for reminder in reminders(today):
        for page in reminder.upcoming + reminder.overdue:
            page.edit_url = base + reverse("wagtailadmin_pages:edit", args=[page.pk])
        with languages.speaking_to(reminder.person):
            context = {
                "person": reminder.person,
                "upcoming": reminder.upcoming,
                "overdue": reminder.overdue,
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            subject = render_to_string(
                "intranet/guidelines/email/review_reminder_subject.txt", context
            )
            body = render_to_string(
                "intranet/guidelines/email/review_reminder.txt", context
            )
        transaction.on_commit(
            lambda s=subject, b=body, a=reminder.person.email: _send(s, b, a)
        )
        sent += 1
    return sent
