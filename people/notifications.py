"""E-mail to a leader's followers when the leader posts an update.

Sent once per update, on its first publication (from the front end, the admin or a
workflow approval), after the transaction commits, through django-tasks. Only
followers who want these e-mails and may see the update are written to.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from intranet import audience
from social.notifications import one_line
from social.services import followers

from .pages import LeaderProfilePage, LeaderUpdatePage

logger = logging.getLogger(__name__)


def update_recipients(update: LeaderUpdatePage) -> list:
    profile = LeaderProfilePage.objects.filter(pk=update.get_parent().pk).first()
    if profile is None:
        return []
    people = followers(profile).filter(leader_update_emails=True).exclude(email="")
    return [
        person
        for person in people.exclude(pk=update.leader_id)
        if audience.can_view(person, update)
    ]


@task()
def send_leader_update(update_id: int) -> int:
    update = (
        LeaderUpdatePage.objects.live()
        .select_related("leader", "prepared_with")
        .filter(pk=update_id)
        .first()
    )
    if update is None or update.leader is None:
        return 0
    sent = 0
    subject = f"{one_line(update.leader.name, 60)}: “{one_line(update.title)}”"
    for person in update_recipients(update):
        context = {"person": person, "update": update, "url": update.get_full_url()}
        send_mail(
            subject,
            render_to_string("people/email/leader_update.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
        )
        sent += 1
    return sent


def notify_followers_once(update: LeaderUpdatePage) -> bool:
    """Queue the followers' e-mail for ``update`` unless it went out already."""
    claimed = LeaderUpdatePage.objects.filter(
        pk=update.pk, followers_notified_at__isnull=True
    ).update(followers_notified_at=timezone.now())
    if claimed:
        transaction.on_commit(lambda: send_leader_update.enqueue(update.pk))
    return bool(claimed)
