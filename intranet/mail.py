"""Composing the intranet's e-mails so that no title, name or address can add a header.

Every e-mail the intranet sends is made by ``compose``, which puts the subject, the
sender, the recipients, the reply address and every extra header on one line, and
quotes the display names of addresses. Templates put the
titles and names they show on one line too, with the ``one_line`` filter
(``{% load intranet_mail %}``), so that no line of a body, the greeting first of
all, starts where a title or a name chose.
"""

import unicodedata
from email.utils import unquote

from django.core.mail import EmailMultiAlternatives

SUBJECT_LENGTH = 150

# Control characters (CR, LF, tab, vertical tab, form feed, NEL, NUL…) and the
# Unicode line and paragraph separators.
_BREAKS = {"Cc", "Zl", "Zp"}


def one_line(text, limit: int | None = None) -> str:
    """``text`` on one line: every line break or other control character becomes a
    space, runs of spaces one space, no space at either end; at most ``limit``
    characters when given."""
    text = "".join(
        " " if unicodedata.category(char) in _BREAKS else char for char in str(text)
    )
    text = " ".join(text.split())
    return text[:limit] if limit else text


def address(value: str) -> str:
    """An address for a header, on one line; a display name ("Name <address>") is
    quoted, so that what it holds (a colon, a comma) cannot start another address."""
    value = one_line(value)
    name, bracket, rest = value.rpartition("<")
    if not (bracket and rest.endswith(">")):
        return value
    name = unquote(name.strip()).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{name}" <{rest[:-1].strip()}>' if name else rest[:-1].strip()


def compose(
    subject: str,
    body: str,
    to: list[str],
    *,
    html: str | None = None,
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """An e-mail with a plain text body (and an HTML one if given), ready to send."""
    message = EmailMultiAlternatives(
        subject=one_line(subject, SUBJECT_LENGTH),
        body=body,
        from_email=address(from_email) if from_email else None,
        to=[address(value) for value in to],
        reply_to=[address(value) for value in reply_to or []],
        headers={
            one_line(name): one_line(value) for name, value in (headers or {}).items()
        },
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message
