"""The e-mails that notifications become: one at a time, or gathered in a digest.

Every e-mail has a plain text and an HTML part, and, for each kind of notification
it carries, a signed link that switches that kind's e-mail off without signing in.
They are composed by ``intranet.mail``, so a title or a name holding a line break
cannot add a header or start a line.
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet import languages
from intranet.mail import compose

from .models import Kind

UNSUBSCRIBE_SALT = "social.unsubscribe"


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user, kinds) -> str:
    """A signed link for ``user`` that switches e-mail off for ``kinds`` (one kind
    or several, as a digest's one-click header needs)."""
    kinds = [kinds] if isinstance(kinds, str) else list(kinds)
    return signing.dumps([user.pk, ",".join(map(str, kinds))], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, list[str]]:
    """The person and kinds a link was signed for; ``signing.BadSignature`` if it
    was tampered with or names no kind."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(value, list) or len(value) != 2:
        raise signing.BadSignature("Not an unsubscribe link.")
    user_pk, kinds = value
    kinds = kinds.split(",") if isinstance(kinds, str) else []
    if (
        not isinstance(user_pk, int)
        or not kinds
        or any(kind not in Kind.values for kind in kinds)
    ):
        raise signing.BadSignature("Not an unsubscribe link.")
    return user_pk, list(dict.fromkeys(kinds))


def unsubscribe_url(user, kinds) -> str:
    return absolute(
        reverse("intranet:social:unsubscribe", args=[unsubscribe_token(user, kinds)])
    )


def notification_url(notification) -> str:
    """Opening a notification marks it read and leads to the exact comment."""
    return absolute(
        reverse("intranet:social:notification-open", args=[notification.pk])
    )


def _send(person, subject: str, template: str, context: dict, kinds) -> None:
    kinds = list(dict.fromkeys(kinds))
    links = [
        {"kind": kind, "label": Kind(kind).label, "url": unsubscribe_url(person, kind)}
        for kind in kinds
    ]
    context = {
        **context,
        "person": person,
        "unsubscribe_links": links,
        "settings_url": absolute(reverse("intranet:social:notification-preferences")),
    }
    compose(
        subject,
        render_to_string(f"{template}.txt", context),
        [person.email],
        html=render_to_string(f"{template}.html", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        headers={
            # One-click unsubscribe (RFC 8058) for the mail client's own button.
            # For a digest it stops every kind the digest carries.
            "List-Unsubscribe": f"<{unsubscribe_url(person, kinds)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


def subject_for(notification) -> str:
    """The subject of a notification e-mail (``compose`` puts it on one line)."""
    return render_to_string("intranet/social/email/subject.txt", {"n": notification})


def send_notification(notification) -> None:
    """One notification's e-mail, in its recipient's language."""
    with languages.speaking_to(notification.recipient):
        _send_notification(notification)


def _send_notification(notification) -> None:
    comment = notification.comment
    shows_comment = (
        comment is not None
        and notification.kind != Kind.HIDDEN
        and comment.is_public
        and not comment.is_removed
    )
    _send(
        notification.recipient,
        subject_for(notification),
        "intranet/social/email/notification",
        {
            "n": notification,
            "comment": comment if shows_comment else None,
            "url": notification_url(notification),
        },
        [notification.kind],
    )


def send_digest(person, items: list, more: int, period: str) -> None:
    """One e-mail with ``items`` (notifications, newest first) and how many more,
    in ``person``'s language."""
    with languages.speaking_to(person):
        _send_digest(person, items, more, period)


def _send_digest(person, items: list, more: int, period: str) -> None:
    for item in items:
        item.url = notification_url(item)
    title = _("Your daily digest") if period == "daily" else _("Your weekly digest")
    _send(
        person,
        _("%(title)s: %(count)s new") % {"title": title, "count": len(items) + more},
        "intranet/social/email/digest",
        {
            "items": items,
            "more": more,
            "title": title,
            "notifications_url": absolute(reverse("intranet:social:notifications")),
        },
        [item.kind for item in items],
    )
