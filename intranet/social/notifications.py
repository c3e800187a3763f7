"""Telling people what is new for them: under the bell, by e-mail at once, or in a
digest, as each person chose for each kind (see ``social.preferences``).

A notification stores who, what and where, never a copy of the words. Everything
that reads one (the bell, the page of notifications, an e-mail, a digest) checks
again that the person may still see the page and the comment, so someone removed
from a group, or a page made staff-only or unpublished, or a comment hidden, leaks
nothing. E-mail goes out through django-tasks after the transaction commits, so no
request waits on the mail server and a rolled-back change sends nothing.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from intranet import audience

from . import mail, preferences
from .mentions import mentioned_people
from .models import Comment, Delivery, Notification
from .translations import conversation_page, reading_version, version_url

logger = logging.getLogger(__name__)


def people_to_tell(comment: Comment, page) -> dict:
    """Who hears about a new comment, and how it concerns them: the author of the
    comment replied to ("reply"), the people it mentions ("mention", at most ten) and
    the page's own audience ("comment"), never the commenter, never anyone who may
    not see the page."""
    people = {
        person.pk: (person, Notification.Kind.COMMENT)
        for person in page.conversation_recipients(comment)
    }
    for person in mentioned_people(comment.comment, exclude=comment.user_id):
        people[person.pk] = (person, Notification.Kind.MENTION)
    if comment.parent_id and comment.parent_id != comment.pk:
        parent = (
            Comment.objects.select_related("user__intranet_profile")
            .filter(pk=comment.parent_id)
            .first()
        )
        if parent is not None and parent.user is not None:
            people[parent.user.pk] = (parent.user, Notification.Kind.REPLY)
    people.pop(comment.user_id, None)
    return {
        pk: (person, kind)
        for pk, (person, kind) in people.items()
        if person.is_active and audience.can_view(person, page)
    }


@task()
def send_comment_notifications(comment_id: int) -> int:
    """Tell everyone concerned about a new comment; returns how many were told."""
    comment = (
        Comment.objects.select_related("user__intranet_profile")
        .filter(pk=comment_id)
        .first()
    )
    if comment is None or comment.is_removed or not comment.is_public:
        return 0
    page = Page.objects.filter(pk=int(comment.object_pk)).first()
    if page is None:
        return 0
    page = page.specific
    told = 0
    for person, kind in people_to_tell(comment, page).values():
        told += (
            notify(person, kind, page, actor=comment.user, comment=comment) is not None
        )
    return told


# The bell ---------------------------------------------------------------------------


def _unread_key(user_pk) -> str:
    return f"social:notifications:unread:{user_pk}"


def notify(recipient, kind, page, actor=None, comment=None, urgent=False):
    """Tell ``recipient`` about ``page``, if they may see it, as they chose. A
    notification is about the original of a translated page: opening it leads to
    the version the person reads."""
    page = conversation_page(page)
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    if not audience.can_view(recipient, page):
        return None
    choice = preferences.for_person(recipient)[kind]
    if not choice.on_site and choice.email == Delivery.OFF:
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        page_id=page.pk,
        comment=comment,
        urgent=urgent,
        shown=choice.on_site,
    )
    cache.delete(_unread_key(recipient.pk))
    if recipient.email and preferences.emails_at_once(choice, urgent):
        _email_after_commit([notification.pk])
    return notification


BATCH = 500  # people told, or e-mails queued, at a time


def notify_many(people, kind, page, actor=None, urgent=False) -> int:
    """Tell many people about one page at once (a leader's update, a new post, a
    must-read guideline): a few queries per hundred people, not per person."""
    page = conversation_page(page)
    told = 0
    batch = []
    for person in (
        people.iterator(chunk_size=BATCH) if hasattr(people, "iterator") else people
    ):
        batch.append(person)
        if len(batch) == BATCH:
            told += _notify_batch(batch, kind, page, actor, urgent)
            batch = []
    if batch:
        told += _notify_batch(batch, kind, page, actor, urgent)
    return told


def _notify_batch(people, kind, page, actor, urgent) -> int:
    people = audience.who_can_view(
        [person for person in people if actor is None or person.pk != actor.pk], page
    )
    choices = preferences.for_people([person.pk for person in people])
    now = timezone.now()
    wanted = [
        (person, choices[person.pk][kind])
        for person in people
        if choices[person.pk][kind].on_site
        or choices[person.pk][kind].email != Delivery.OFF
    ]
    created = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            actor=actor,
            page_id=page.pk,
            urgent=urgent,
            shown=choice.on_site,
            created_at=now,
        )
        for person, choice in wanted
    )
    cache.delete_many([_unread_key(person.pk) for person, _choice in wanted])
    at_once = [
        notification.pk
        for notification, (person, choice) in zip(created, wanted, strict=True)
        if person.email and preferences.emails_at_once(choice, urgent)
    ]
    if at_once:
        _email_after_commit(at_once)
    return len(created)


def _email_after_commit(notification_ids: list[int]) -> None:
    for start in range(0, len(notification_ids), BATCH):
        chunk = notification_ids[start : start + BATCH]
        transaction.on_commit(
            lambda chunk=chunk: send_notification_emails.enqueue(chunk)
        )


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each of these notifications on its own, if it is still unread, not yet
    sent, and about something its recipient may still see."""
    sent = 0
    pending = (
        Notification.objects.filter(
            pk__in=notification_ids, emailed_at__isnull=True, read_at__isnull=True
        )
        .select_related(
            "recipient__intranet_profile", "actor__intranet_profile", "page", "comment"
        )
        .order_by("pk")
    )
    for notification in pending:
        person = notification.recipient
        if not (person.is_active and person.email) or not still_visible(notification):
            continue
        claimed = Notification.objects.filter(
            pk=notification.pk, emailed_at__isnull=True
        ).update(emailed_at=timezone.now())
        if claimed:
            mail.send_notification(notification)
            sent += 1
    return sent


def comment_still_shown(notification) -> bool:
    """A notification's comment may be shown unless it was removed or hidden; a
    hidden comment is still shown to its own author, to say why."""
    comment = notification.comment
    if comment is None:
        return True
    if comment.is_removed:
        return False
    return comment.is_public or comment.user_id == notification.recipient_id


def still_visible(notification) -> bool:
    """Whether a notification may still reach its recipient: the page is live and
    theirs to see, and its comment is still shown."""
    page = notification.page.specific
    return audience.can_view(notification.recipient, page) and comment_still_shown(
        notification
    )


def visible_notifications(user):
    """A person's notifications about pages they may still see, newest first: those
    they chose to have under the bell, and those that only came by e-mail."""
    return Notification.objects.filter(
        recipient=user,
        page__in=audience.visible_to(Page.objects.all(), user).values("pk"),
    ).select_related("actor__intranet_profile", "page", "comment")


def bell(user):
    """What shows under the bell: the visible notifications the person wants there."""
    return visible_notifications(user).filter(shown=True)


def unread_count(user) -> int:
    """How many notifications wait unread: cached, so the bell costs no query."""
    if not user.is_authenticated:
        return 0
    return cache.get_or_set(
        _unread_key(user.pk),
        lambda: bell(user).filter(read_at__isnull=True).count(),
        300,
    )


def mark_read(user, notifications=None, page=None) -> int:
    """Mark some of ``user``'s notifications read (these ones, or all of those
    about ``page``), or all of them."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(pk__in=[n.pk for n in notifications])
    if page is not None:
        queryset = queryset.filter(page_id=conversation_page(page).pk)
    count = queryset.update(read_at=timezone.now())
    cache.delete(_unread_key(user.pk))
    return count


def target_url(notification, language: str | None = None) -> str:
    """Where a notification leads: the exact comment when it is still shown, on the
    version of the page in ``language`` (the one the person reads now) if there is
    one they may see, else on the original."""
    from .conversation import comment_link

    page = reading_version(notification.page.specific, notification.recipient, language)
    if notification.comment is not None and comment_still_shown(notification):
        return comment_link(page, notification.comment)
    return version_url(page)


def notify_new_comment(comment_id: int) -> None:
    send_comment_notifications.enqueue(comment_id)
