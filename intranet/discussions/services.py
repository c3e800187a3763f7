"""Starting, editing and moderating discussion threads."""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from intranet import throttle
from intranet.social import services as social
from intranet.social.mentions import MAX_MENTIONS, mentioned_people
from intranet.social.models import Notification
from intranet.social.notifications import notify
from intranet.social.translations import conversation_page

from .models import DiscussionThreadPage, Poll, PollOption

THREAD_RATE = throttle.Limit("thread", count=1, seconds=30)
THREADS_PER_DAY = throttle.Limit("thread-day", count=20, seconds=24 * 3600)


class Throttled(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_flood(user) -> None:
    """Refuse a thread started too soon after the last, or past the day's allowance;
    otherwise count it, so that of many started at once only one gets through."""
    key = str(user.pk)
    wait = throttle.hit(THREAD_RATE, key)
    if wait:
        raise Throttled(
            _("You started a thread a moment ago. Please wait %(wait)s and try again.")
            % {"wait": throttle.wait_message(wait)}
        )
    if throttle.hit(THREADS_PER_DAY, key):
        throttle.release(THREAD_RATE, key)
        raise Throttled(
            _(
                "You have started 20 threads today, the most we allow. Please try tomorrow."
            )
        )


def release_flood(user) -> None:
    throttle.release(THREAD_RATE, str(user.pk))
    throttle.release(THREADS_PER_DAY, str(user.pk))


def unique_slug(index, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:60].strip("-") or "thread"
    taken = set(
        index.get_children()
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    if base not in taken:
        return base
    return f"{base}-{uuid.uuid4().hex[:6]}"


def start_thread(index, author, title: str, body: str, tags: list[str], poll=None):
    """Publish a new thread owned by ``author``, who follows it from the start; the
    people its body mentions hear of it once it is saved.

    ``poll`` is None or a dict: question, options (labels), max_choices, closes_at,
    results_shown, secret.
    """
    check_flood(author)
    try:
        thread = _publish_thread(index, author, title, body, tags, poll)
    except BaseException:
        release_flood(author)
        raise
    return DiscussionThreadPage.objects.get(pk=thread.pk)


def _publish_thread(index, author, title, body, tags, poll):
    with transaction.atomic():
        thread = DiscussionThreadPage(
            title=title,
            slug=unique_slug(index, title),
            body=body,
            owner=author,
            last_activity_at=timezone.now(),
        )
        index.add_child(instance=thread)
        if tags:
            thread.tags.add(*tags)
        # Any member of staff may start a thread: that is this intranet's rule, not a
        # Wagtail page permission, so the revision is published without one.
        thread.save_revision(user=author).publish(
            user=author, skip_permission_checks=True
        )
        if poll:
            created = Poll.objects.create(
                thread=thread,
                question=poll["question"] or title,
                max_choices=poll["max_choices"],
                closes_at=poll["closes_at"],
                results_shown=poll["results_shown"],
                secret=poll["secret"],
                created_by=author,
            )
            PollOption.objects.bulk_create(
                PollOption(poll=created, label=label, sort_order=n)
                for n, label in enumerate(poll["options"])
            )
        social.follow(author, thread)
        transaction.on_commit(lambda: tell_mentioned(thread.pk, author))
    return thread


def tell_mentioned(thread_id: int, author) -> None:
    """Notify the people a thread's body mentions who have not heard of it yet: at
    most ten for the thread however often it is edited, only those who may see it,
    never its author."""
    thread = DiscussionThreadPage.objects.filter(pk=thread_id).first()
    if thread is None:
        return
    told = set(
        Notification.objects.filter(
            page_id=conversation_page(thread).pk,
            kind=Notification.Kind.MENTION,
            comment__isnull=True,
        ).values_list("recipient_id", flat=True)
    )
    room = MAX_MENTIONS - len(told)
    people = [
        person
        for person in mentioned_people(thread.body, exclude=author.pk)
        if person.pk not in told
    ]
    for person in people[: max(room, 0)]:
        notify(person, Notification.Kind.MENTION, thread, actor=author)


def edit_thread(thread, user, title: str, body: str):
    if not thread.can_edit(user):
        raise PermissionDenied
    thread.title = title
    thread.body = body
    thread.edited_at = timezone.now()
    thread.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    DiscussionThreadPage.objects.filter(pk=thread.pk).update(edited_at=thread.edited_at)
    transaction.on_commit(lambda: tell_mentioned(thread.pk, user))
    return thread


def can_mark_answer(user, thread) -> bool:
    """The thread's author (who started the original, not who translated it) and
    moderators."""
    return user.is_authenticated and (
        conversation_page(thread).owner_id == user.pk or social.can_moderate(user)
    )


def mark_answer(thread, user, comment) -> None:
    """The thread's author or a moderator marks one reply as the answer."""
    if not can_mark_answer(user, thread):
        raise PermissionDenied
    if comment is not None and (
        comment.object_pk != str(conversation_page(thread).pk)
        or comment.is_removed
        or comment.is_hidden
    ):
        raise PermissionDenied
    _versions(thread).update(answer=comment.pk if comment is not None else None)
    if comment is not None:
        notify(
            comment.user, Notification.Kind.ANSWER, thread, actor=user, comment=comment
        )


def _versions(thread):
    """The thread in every language: its conversation, answer and moderation are
    one for them all."""
    return DiscussionThreadPage.objects.filter(translation_key=thread.translation_key)


def _moderate(thread, moderator, **fields) -> None:
    if not social.can_moderate(moderator):
        raise PermissionDenied
    _versions(thread).update(**fields)
    for name, value in fields.items():
        setattr(thread, name, value)


def set_pinned(thread, moderator, pinned: bool) -> None:
    _moderate(thread, moderator, pinned=pinned)


def hide_thread(thread, moderator, reason: str) -> None:
    _moderate(
        thread,
        moderator,
        hidden_at=timezone.now(),
        hidden_reason=reason,
        hidden_by=moderator,
    )


def unhide_thread(thread, moderator) -> None:
    _moderate(thread, moderator, hidden_at=None, hidden_reason="", hidden_by=None)
