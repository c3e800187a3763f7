"""Telling people about new comments: the page's own audience (its authors, or a
thread's followers) and the author of the comment replied to.

Mail goes out through django-tasks after the comment's transaction commits, so no
request waits on the mail server and a rolled-back comment sends nothing. Nobody is
told about a page they may no longer see.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task
from wagtail.models import Page

from intranet import audience

from .models import Comment

logger = logging.getLogger(__name__)


def one_line(text: str, limit: int = 120) -> str:
    """Safe for an e-mail header: no line breaks, bounded length."""
    return " ".join(str(text).split())[:limit]


def comment_recipients(comment: Comment, page) -> list:
    people = {person.pk: person for person in page.conversation_recipients(comment)}
    if comment.parent_id and comment.parent_id != comment.pk:
        parent = (
            Comment.objects.select_related("user").filter(pk=comment.parent_id).first()
        )
        if parent is not None and parent.user is not None:
            people[parent.user.pk] = parent.user
    people.pop(comment.user_id, None)
    return [
        person
        for person in people.values()
        if person.is_active
        and person.email
        and person.email_notifications
        and audience.can_view(person, page)
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


def notify_new_comment(comment_id: int) -> None:
    send_comment_notifications.enqueue(comment_id)
