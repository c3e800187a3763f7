"""The rules of the conversation: who may comment, edit, like, react, flag, moderate."""

import hashlib
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from intranet import audience, roles, throttle

from .announcements import send_announcement
from .mentions import MAX_MENTIONS, mentioned_names, mentioned_people
from .models import (
    Announcement,
    Comment,
    CommentLike,
    CommentReport,
    Notification,
    PageFollow,
    PageReaction,
    PersonFollow,
    Reaction,
    TagFollow,
)
from .notifications import notify, notify_new_comment
from .translations import (
    can_reach,
    conversation_page,
    default_language,
    i18n_enabled,
    one_per_page,
)

EDIT_WINDOW = timedelta(minutes=15)
MAX_LENGTH = 3000
COMMENT_RATE = throttle.Limit("comment", count=1, seconds=5)
SAME_TEXT = throttle.Limit("comment-same-text", count=1, seconds=300)


class Throttled(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def can_moderate(user) -> bool:
    """The intranet's moderators (``intranet.moderate``), not a host's comment
    moderators."""
    return roles.is_moderator(user)


def _open_here(page) -> bool:
    return getattr(page, "comments_enabled", False) and not getattr(
        page, "comments_closed", False
    )


def comments_open(page) -> bool:
    """Comments are open on this version and on the original whose conversation it
    shows: closing either closes the one conversation."""
    original = conversation_page(page)
    return _open_here(page) and (original.pk == page.pk or _open_here(original))


def can_comment(user, page) -> bool:
    return user.is_authenticated and comments_open(page) and can_reach(user, page)


def _text_key(user, text: str) -> str:
    digest = hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()
    return f"{user.pk}:{digest}"


def check_flood(user, text: str) -> None:
    """Refuse a comment sent too soon after the last, or repeating a recent one;
    otherwise count it, so that of many sent at once only one gets through.
    ``release_flood()`` gives the count back if the comment is not stored after all.
    """
    wait = throttle.hit(COMMENT_RATE, str(user.pk))
    if wait:
        raise Throttled(
            _(
                "You are commenting very quickly. Please wait %(wait)s and send it again."
            )
            % {"wait": throttle.wait_message(wait)}
        )
    if throttle.hit(SAME_TEXT, _text_key(user, text)):
        throttle.release(COMMENT_RATE, str(user.pk))
        raise Throttled(_("You sent this same comment a moment ago."))


def release_flood(user, text: str) -> None:
    throttle.release(COMMENT_RATE, str(user.pk))
    throttle.release(SAME_TEXT, _text_key(user, text))


TWIN_WAIT_SECONDS = 5.0


def _claim_key(token: uuid.UUID) -> str:
    return f"comment-submission:{token}"


def _claim_submission(token: uuid.UUID) -> Comment | None:
    """Claim ``token`` for this request, or wait for the request that claimed it.

    Both requests of a double click arrive at once, before either comment is stored.
    The first claims the token and goes on; the second waits until the first has
    stored its comment and answers with it, instead of being refused as a comment
    sent too soon. If the first gives up (refused, failed), its claim is dropped and
    the second goes on by itself.
    """
    key = _claim_key(token)
    if cache.add(key, 1, 60):
        return None
    deadline = time.monotonic() + TWIN_WAIT_SECONDS
    while time.monotonic() < deadline:
        existing = Comment.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing
        if cache.add(key, 1, 60):  # the first request gave up: this one goes on
            return None
        time.sleep(0.05)
    return None


def add_comment(
    page,
    author,
    text: str,
    parent: Comment | None = None,
    token: uuid.UUID | None = None,
    is_question: bool = False,
) -> Comment:
    """Post ``text`` on ``page`` as ``author``, as a reply to ``parent`` if given.

    A reply to a comment at the deepest level joins that comment's own thread level.
    ``token`` makes a double submit store one comment: the second call returns the
    first one. ``is_question`` marks a new thread (not a reply) as a question to the
    page's author, where the page accepts questions; on a page that takes only
    questions, every new thread is one.
    """
    if not can_comment(author, page):
        raise PermissionDenied
    if token is not None:
        # A token already stored was claimed first: the claim (or the unique token,
        # once the claim has expired) finds its comment without a query of its own.
        existing = _claim_submission(token)
        if existing is not None:
            return existing
    try:
        return _store_comment(page, author, text, parent, token, is_question)
    except BaseException:
        if token is not None:
            cache.delete(_claim_key(token))
        raise


def _store_comment(page, author, text, parent, token, is_question) -> Comment:
    page = page.specific
    # Written on any version, the comment joins the original's conversation.
    talk = conversation_page(page)
    comment = Comment(
        content_type=ContentType.objects.get_for_model(talk.specific_class),
        object_pk=str(talk.pk),
        site=Site.objects.get_current(),
        user=author,
        user_name=author.intranet_profile.name[:50],
        user_email=author.email,
        comment=text,
        submission_token=token,
        is_question=bool(
            (is_question or getattr(page, "questions_only", False))
            and parent is None
            and page.accepts_questions
        ),
    )
    if parent is not None:
        if parent.object_pk != str(talk.pk) or parent.is_removed or parent.is_hidden:
            raise PermissionDenied
        if not parent.allow_thread():
            parent = Comment.objects.get(pk=parent.parent_id)
    try:
        check_flood(author, text)
    except Throttled:
        # Sent again after the first was stored and its claim expired: the same
        # comment, not a new one sent too soon.
        stored = token and Comment.objects.filter(submission_token=token).first()
        if stored:
            return stored
        raise
    try:
        with transaction.atomic():
            if parent is not None:
                comment.place_under(parent)
            comment.save()
    except IntegrityError:
        release_flood(author, text)
        if token is not None:
            return Comment.objects.get(submission_token=token)
        raise
    except BaseException:
        release_flood(author, text)
        raise
    if page.follow_on_comment:
        follow(author, page)
    transaction.on_commit(lambda: notify_new_comment(comment.pk))
    return comment


def is_own_comment(user, comment: Comment) -> bool:
    """The author's own comment, still shown: the one they could ever edit."""
    return (
        user.is_authenticated
        and comment.user_id == user.pk
        and not comment.is_removed
        and comment.is_public
    )


def edit_window_closed(comment: Comment) -> bool:
    return timezone.now() - comment.submit_date > EDIT_WINDOW


def can_edit(user, comment: Comment) -> bool:
    return is_own_comment(user, comment) and not edit_window_closed(comment)


def edit_comment(comment: Comment, user, text: str) -> Comment:
    """The author rewrites their comment; people it newly mentions hear of it once,
    after the edit is saved."""
    if not can_edit(user, comment):
        raise PermissionDenied
    mentioned_before = set(mentioned_names(comment.comment))
    comment.comment = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["comment", "edited_at"])
    transaction.on_commit(lambda: tell_newly_mentioned(comment, mentioned_before))
    return comment


def tell_newly_mentioned(comment: Comment, mentioned_before: set[str]) -> None:
    """Notify the people an edit mentions who were not mentioned before, leaving out
    anyone already told about this comment (a mention taken out and put back)."""
    page = Page.objects.filter(pk=int(comment.object_pk)).first()
    if page is None or comment.is_removed or not comment.is_public:
        return
    people = [
        person
        for person in mentioned_people(comment.comment, exclude=comment.user_id)
        if person.username not in mentioned_before
    ]
    if not people:
        return
    told = set(
        Notification.objects.filter(comment=comment, recipient__in=people).values_list(
            "recipient_id", flat=True
        )
    )
    # Edits share the comment's ten mentions: a rewrite cannot tell ten more.
    room = MAX_MENTIONS - (
        Notification.objects.filter(
            comment=comment, kind=Notification.Kind.MENTION
        ).count()
    )
    for person in [p for p in people if p.pk not in told][: max(room, 0)]:
        notify(
            person, Notification.Kind.MENTION, page, actor=comment.user, comment=comment
        )


def delete_comment(comment: Comment, user) -> None:
    """The author removes their comment; its replies stay, under "comment removed"."""
    if not (user.is_authenticated and comment.user_id == user.pk) or comment.is_removed:
        raise PermissionDenied
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])


def toggle_like(comment: Comment, user) -> bool:
    """Like the comment, or take the like back. Returns whether it is liked now."""
    if comment.user_id == user.pk or comment.is_removed or comment.is_hidden:
        raise PermissionDenied
    deleted, _ = CommentLike.objects.filter(comment=comment, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            CommentLike.objects.create(comment=comment, user=user)
    except IntegrityError:
        pass  # a second click that raced the first: one like stands
    return True


def react(page, user, kind: str) -> str | None:
    """Set the person's reaction to ``kind``; the same kind again takes it back."""
    if kind not in Reaction.values:
        raise ValueError(kind)
    page = conversation_page(page)
    current = PageReaction.objects.filter(page=page, user=user).first()
    if current is not None and current.kind == kind:
        current.delete()
        return None
    if current is not None:
        current.kind = kind
        current.save(update_fields=["kind"])
        return kind
    try:
        with transaction.atomic():
            PageReaction.objects.create(page=page, user=user, kind=kind)
    except IntegrityError:
        PageReaction.objects.filter(page=page, user=user).update(kind=kind)
    return kind


def report_comment(comment: Comment, user, reason: str) -> CommentReport:
    report, created = CommentReport.objects.get_or_create(
        comment=comment, user=user, defaults={"reason": reason}
    )
    if not created and report.status == CommentReport.Status.OPEN:
        report.reason = reason
        report.save(update_fields=["reason"])
    return report


def hide_comment(comment: Comment, moderator, reason: str) -> None:
    if not can_moderate(moderator):
        raise PermissionDenied
    comment.is_public = False
    comment.hidden_reason = reason
    comment.hidden_by = moderator
    comment.hidden_at = timezone.now()
    comment.save(update_fields=["is_public", "hidden_reason", "hidden_by", "hidden_at"])
    comment.reports.filter(status=CommentReport.Status.OPEN).update(
        status=CommentReport.Status.HIDDEN,
        resolved_by=moderator,
        resolved_at=timezone.now(),
    )
    page = Page.objects.filter(pk=int(comment.object_pk)).first()
    if page is not None:
        notify(
            comment.user,
            Notification.Kind.HIDDEN,
            page,
            actor=moderator,
            comment=comment,
        )


def restore_comment(comment: Comment, moderator) -> None:
    if not can_moderate(moderator):
        raise PermissionDenied
    comment.is_public = True
    comment.hidden_reason = ""
    comment.hidden_by = None
    comment.hidden_at = None
    comment.save(update_fields=["is_public", "hidden_reason", "hidden_by", "hidden_at"])


def dismiss_reports(comment: Comment, moderator) -> int:
    if not can_moderate(moderator):
        raise PermissionDenied
    return comment.reports.filter(status=CommentReport.Status.OPEN).update(
        status=CommentReport.Status.DISMISSED,
        resolved_by=moderator,
        resolved_at=timezone.now(),
    )


def set_comments_closed(page, moderator, closed: bool) -> None:
    """Close (or open again) the conversation on every version of the page."""
    if not can_moderate(moderator):
        raise PermissionDenied
    page.comments_closed = closed
    page.save(update_fields=["comments_closed"])
    type(page).objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    ).update(comments_closed=closed)


def _follow_once(model, **fields) -> None:
    """Store one follow row; a double submit or a concurrent follow stores one: the
    row's unique constraint keeps the first, in one statement."""
    model.objects.bulk_create([model(**fields)], ignore_conflicts=True)


def follow(user, page) -> None:
    """``user`` follows ``page`` (all its versions: the original's conversation);
    following twice is following once."""
    _follow_once(PageFollow, user=user, page_id=conversation_page(page).pk)


def unfollow(user, page) -> None:
    PageFollow.objects.filter(user=user, page_id=conversation_page(page).pk).delete()


def is_following(user, page) -> bool:
    return (
        user.is_authenticated
        and PageFollow.objects.filter(
            user=user, page_id=conversation_page(page).pk
        ).exists()
    )


def followers(page):
    """The active people following ``page``, in whichever version they followed."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        is_active=True,
        pk__in=PageFollow.objects.filter(page_id=conversation_page(page).pk).values(
            "user_id"
        ),
    )


# Following tags and people; announcing what they publish --------------------------


def follow_tag(user, tag) -> None:
    """``user`` hears of new posts and threads tagged ``tag``; twice is once."""
    _follow_once(TagFollow, user=user, tag=tag)


def unfollow_tag(user, tag) -> None:
    TagFollow.objects.filter(user=user, tag=tag).delete()


def follows_tag(user, tag) -> bool:
    return (
        user.is_authenticated and TagFollow.objects.filter(user=user, tag=tag).exists()
    )


def can_follow_person(user, author) -> bool:
    """Anyone may follow an active colleague, never themselves."""
    return user.is_authenticated and author.is_active and author.pk != user.pk


def follow_person(user, author) -> None:
    """``user`` hears of what ``author`` publishes; following twice is once."""
    if not can_follow_person(user, author):
        raise PermissionDenied
    _follow_once(PersonFollow, user=user, author=author)


def unfollow_person(user, author) -> None:
    PersonFollow.objects.filter(user=user, author=author).delete()


def follows_person(user, author) -> bool:
    return (
        user.is_authenticated
        and PersonFollow.objects.filter(user=user, author=author).exists()
    )


def announce(page) -> bool:
    """Tell the people who follow ``page``'s authors or tags that it is out.

    Called on every publication of a blog post or thread; only its first one counts.
    The call that claims the page's ``Announcement`` queues the work for after the
    transaction commits, so a page is announced once even when it is republished or
    two publications race, and a rolled-back publication tells nobody. A page first
    published before announcements existed is not announced when it is edited.
    Returns whether this call queued the announcement.
    """
    if (
        not page.live
        or page.first_published_at is None
        or page.first_published_at != page.last_published_at
    ):
        return False
    # A translation's first publication is no new post: each page is told once,
    # whichever of its versions came out first.
    if (
        i18n_enabled()
        and Announcement.objects.filter(
            page__translation_key=page.translation_key
        ).exists()
    ):
        return False
    original = conversation_page(page)
    _announcement, created = Announcement.objects.get_or_create(page_id=original.pk)
    if created:
        transaction.on_commit(lambda: send_announcement.enqueue(original.pk))
    return created


@dataclass
class Follows:
    """What one person follows, as the "Following" page lists it."""

    pages: list = field(default_factory=list)
    leaders: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    people: list = field(default_factory=list)


def follows_of(user) -> Follows:
    """Everything ``user`` follows and may still see: threads and other pages, newest
    follow first; leader profiles; tags and people by name. A fixed number of
    queries, however much they follow (one more per kind of page followed)."""
    from django.contrib.auth import get_user_model

    from intranet.people.pages import LeaderProfilePage

    follows = Follows()
    page_ids = list(
        PageFollow.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .values_list("page_id", flat=True)
    )
    # A follow is of the original; the list shows the version the person reads.
    followed = Page.objects.filter(pk__in=page_ids).values("translation_key")
    versions = list(
        audience.visible_to(Page.objects.filter(translation_key__in=followed), user)
        .defer_streamfields()
        .specific()
    )
    wanted = set(page_ids)
    originals = {page.pk: page for page in versions if page.pk in wanted}
    keys = {page.translation_key for page in originals.values()}
    shown = {
        page.translation_key: page
        for page in one_per_page([p for p in versions if p.translation_key in keys])
    }
    for page_id in page_ids:
        original = originals.get(page_id)
        if original is None:
            continue
        page = shown[original.translation_key]
        if getattr(page, "is_hidden", False) and not (
            page.owner_id == user.pk or can_moderate(user)
        ):
            continue
        if isinstance(page, LeaderProfilePage):
            follows.leaders.append(page)
        else:
            follows.pages.append(page)
    leaders = (
        get_user_model()
        .objects.select_related("intranet_profile")
        .in_bulk([profile.user_id for profile in follows.leaders])
    )
    for profile in follows.leaders:
        profile.user = leaders[profile.user_id]
    follows.tags = [
        follow.tag
        for follow in TagFollow.objects.filter(user=user)
        .select_related("tag")
        .order_by("tag__name")
    ]
    follows.people = sorted(
        (
            follow.author
            for follow in PersonFollow.objects.filter(
                user=user, author__is_active=True
            ).select_related("author__intranet_profile")
        ),
        key=lambda person: person.intranet_profile.name.casefold(),
    )
    return follows


# One conversation across translations --------------------------------------------


def gather_conversation(page, leaving: bool = False) -> int:
    """Move the conversation of every version of ``page`` onto its original.

    Which version is the original changes when a version in the default language
    is published (a page written in Finnish first, translated into English later),
    unpublished or deleted (``leaving``: ``page`` is going). The comments, reactions,
    follows and notifications then follow it, so the page keeps one conversation.
    A person who reacted to or followed two versions keeps one reaction or follow.
    Returns how many rows moved. One query for a page without translations, none
    without Wagtail's localisation.
    """
    if not i18n_enabled():
        return 0
    versions = list(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "pk", "locale__language_code", "live", "content_type_id"
        )
    )
    if len(versions) < 2:
        return 0
    staying = [v for v in versions if not (leaving and v[0] == page.pk)]
    language = default_language()
    target = next(
        (pk for pk, code, live, _type in staying if live and code == language), None
    )
    if target is None:
        live = [pk for pk, _code, is_live, _type in staying if is_live]
        if len(live) != 1:
            return 0  # no version, or several, to be the original
        target = live[0]
    sources = [pk for pk, *_rest in versions if pk != target]
    moved = Comment.objects.filter(
        content_type_id__in={content_type for *_rest, content_type in versions},
        object_pk__in=[str(pk) for pk in sources],
    ).update(object_pk=str(target))
    for model in (PageReaction, PageFollow):
        for source in sources:
            rows = model.objects.filter(page_id=source)
            rows.filter(
                user_id__in=model.objects.filter(page_id=target).values("user_id")
            ).delete()
            moved += rows.update(page_id=target)
    moved += Notification.objects.filter(page_id__in=sources).update(page_id=target)
    return moved
