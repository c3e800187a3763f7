"""Telling people about new comments: the page's own audience (its authors, or a
thread's followers) and the author of the comment replied to.

Mail goes out through django-tasks after the comment's transaction commits, so no
request waits on the mail server and a rolled-back comment sends nothing. Nobody is
told about a page they may no longer see.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from intranet import audience

from .mentions import mentioned_people
from .models import Comment, Notification

logger = logging.getLogger(__name__)


def one_line(text: str, limit: int = 120) -> str:
    """Safe for an e-mail header: no line breaks, bounded length."""
    return " ".join(str(text).split())[:limit]


def people_to_tell(comment: Comment, page) -> dict:
    """Who hears about a new comment, and how it concerns them: the author of the
    comment replied to ("reply") and the page's own audience ("comment"), never the
    commenter, never anyone who may not see the page."""
    people = {
        person.pk: (person, Notification.Kind.COMMENT)
        for person in page.conversation_recipients(comment)
    }
    for person in mentioned_people(comment.comment):
        people[person.pk] = (person, Notification.Kind.MENTION)
    if comment.parent_id and comment.parent_id != comment.pk:
        parent = (
            Comment.objects.select_related("user").filter(pk=comment.parent_id).first()
        )
        if parent is not None and parent.user is not None:
            people[parent.user.pk] = (parent.user, Notification.Kind.REPLY)
    people.pop(comment.user_id, None)
    return {
        pk: (person, kind)
        for pk, (person, kind) in people.items()
        if person.is_active and audience.can_view(person, page)
    }


def comment_recipients(comment: Comment, page) -> list:
    """The people to e-mail about a new comment: those told who chose e-mail."""
    return [
        person
        for person, _kind in people_to_tell(comment, page).values()
        if person.email and person.email_notifications
    ]


@task()
def send_comment_notifications(comment_id: int) -> int:
    comment = Comment.objects.select_related("user").filter(pk=comment_id).first()
    if comment is None or comment.is_removed or not comment.is_public:
        return 0
    page = Page.objects.filter(pk=int(comment.object_pk)).first()
    if page is None:
        return 0
    page = page.specific
    for person, kind in people_to_tell(comment, page).values():
        notify(person, kind, page, actor=comment.user, comment=comment)
    sent = 0
    for person in comment_recipients(comment, page):
        is_reply = comment.parent_id != comment.pk
        context = {
            "person": person,
            "comment": comment,
            "page": page,
            "is_reply": is_reply,
            "url": f"{page.get_full_url()}?comments=all#{comment.anchor}",
        }
        subject = (
            f"{one_line(comment.user.name, 60)} replied on “{one_line(page.title)}”"
            if is_reply
            else f"New comment on “{one_line(page.title)}”"
        )
        send_mail(
            subject,
            render_to_string("social/email/new_comment.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
        )
        sent += 1
    return sent


# The bell ---------------------------------------------------------------------------


def _unread_key(user_pk) -> str:
    return f"social:notifications:unread:{user_pk}"


def notify(recipient, kind, page, actor=None, comment=None):
    """Put something new under ``recipient``'s bell, if they may see the page."""
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None
    if not audience.can_view(recipient, page):
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, actor=actor, page_id=page.pk, comment=comment
    )
    cache.delete(_unread_key(recipient.pk))
    return notification


def visible_notifications(user):
    """A person's notifications about pages they may still see, newest first."""
    return Notification.objects.filter(
        recipient=user,
        page__in=audience.visible_to(Page.objects.all(), user).values("pk"),
    ).select_related("actor", "page", "comment")


def unread_count(user) -> int:
    """How many notifications wait unread: cached, so the bell costs no query."""
    if not user.is_authenticated:
        return 0
    return cache.get_or_set(
        _unread_key(user.pk),
        lambda: visible_notifications(user).filter(read_at__isnull=True).count(),
        300,
    )


def mark_read(user, notifications=None) -> int:
    """Mark some of ``user``'s notifications read, or all of them."""
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notifications is not None:
        queryset = queryset.filter(pk__in=[n.pk for n in notifications])
    count = queryset.update(read_at=timezone.now())
    cache.delete(_unread_key(user.pk))
    return count


def target_url(notification) -> str:
    """Where a notification leads: the exact comment when it is still shown."""
    page = notification.page.specific
    comment = notification.comment
    if (
        comment is not None
        and not comment.is_removed
        and (comment.is_public or comment.user_id == notification.recipient_id)
    ):
        return f"{page.url}?comments=all#{comment.anchor}"
    return page.url


def notify_new_comment(comment_id: int) -> None:
    send_comment_notifications.enqueue(comment_id)
