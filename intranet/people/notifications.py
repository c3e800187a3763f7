"""Telling a leader's followers when the leader posts an update.

Once per update, on its first publication (from the front end, the admin or a
workflow approval), after the transaction commits, through django-tasks. Followers
hear of it under the bell and by e-mail as they chose; an urgent update skips the
digest. Only followers who may see the update are told.
"""

from django.db import transaction
from django.db.models import Exists
from django.utils import timezone
from django_tasks import task

from intranet.social.models import Kind
from intranet.social.notifications import notify_many
from intranet.social.services import followers

from .pages import LeaderProfilePage, LeaderUpdatePage


@task()
def tell_followers(update_id: int) -> int:
    update = (
        LeaderUpdatePage.objects.live()
        .select_related("leader__intranet_profile")
        .filter(pk=update_id)
        .first()
    )
    if update is None or update.leader is None:
        return 0
    profile = LeaderProfilePage.objects.filter(pk=update.get_parent().pk).first()
    if profile is None:
        return 0
    return notify_many(
        followers(profile),
        Kind.LEADER,
        update,
        actor=update.leader,
        urgent=update.urgent,
    )


def notify_followers_once(update: LeaderUpdatePage) -> bool:
    """Tell the followers about ``update`` unless they were told already, about it
    or about another language version of it: each update reaches them once."""
    versions = LeaderUpdatePage.objects.filter(translation_key=update.translation_key)
    told = versions.filter(followers_notified_at__isnull=False)
    claimed = (
        versions.filter(followers_notified_at__isnull=True)
        .exclude(Exists(told))
        .update(followers_notified_at=timezone.now())
    )
    if claimed:
        transaction.on_commit(lambda: tell_followers.enqueue(update.pk))
    return bool(claimed)
