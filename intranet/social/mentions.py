"""@mentions: ``@username`` in a comment or a thread names a member of staff.

At most ``MAX_MENTIONS`` people are told about one piece of text, however many names
it holds, so a pasted list of the whole company floods nobody. Rendering links the
names of active people to their profiles; a page resolves the names of everything it
shows in one query (``known_usernames``), so a long conversation costs no more.
"""

import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import format_html

MAX_MENTIONS = 10
# The names of one text that are looked up: plenty for any real comment, bounded for
# a pasted list.
NAMES_PER_TEXT = MAX_MENTIONS * 5
# The names one page looks up at once, within every database's parameter limit.
NAMES_PER_PAGE = 900

# A username as Django allows it, minus "@"; a mention starts after a space or
# punctuation, never inside an e-mail address or a web address's path.
MENTION = re.compile(r"(?<![\w@.+/-])@([\w.+-]{1,150})")
# The links urlize() makes: mentions inside them stay part of the address.
LINK = re.compile(r"(<a\s[^>]*>.*?</a>)", re.DOTALL)


def _name(match: re.Match) -> str:
    """The username of a match: "@oliver." at the end of a sentence is "oliver"."""
    return match.group(1).rstrip(".-+")


def mentioned_names(text: str) -> list[str]:
    """The usernames mentioned in ``text``, first mention first, each once."""
    if not text or "@" not in text:
        return []
    names = []
    seen = set()
    for match in MENTION.finditer(text):
        name = _name(match)
        if name and name not in seen:
            seen.add(name)
            names.append(name)
    return names


def mentioned_people(text: str, limit: int = MAX_MENTIONS, exclude=None) -> list:
    """The active people mentioned in ``text``, at most ``limit`` of them.

    ``exclude`` (a person's pk) leaves someone out before the limit is counted, so
    an author naming themself takes nobody's place.
    """
    names = mentioned_names(text)[:NAMES_PER_TEXT]
    if not names:
        return []
    people = get_user_model().objects.filter(username__in=names, is_active=True)
    if exclude is not None:
        people = people.exclude(pk=exclude)
    by_name = {person.username: person for person in people}
    return [by_name[name] for name in names if name in by_name][:limit]


def known_usernames(texts: Iterable[str]) -> frozenset[str]:
    """The usernames of active people mentioned anywhere in ``texts``: one query,
    none when no text mentions anyone."""
    names = {}
    for text in texts:
        for name in mentioned_names(text)[:NAMES_PER_TEXT]:
            names.setdefault(name, None)
        if len(names) >= NAMES_PER_PAGE:
            break
    if not names:
        return frozenset()
    return frozenset(
        get_user_model()
        .objects.filter(username__in=list(names)[:NAMES_PER_PAGE], is_active=True)
        .values_list("username", flat=True)
    )


def _mention_link(match: re.Match, known) -> str:
    name = _name(match)
    if name not in known:
        return match.group(0)
    rest = match.group(1)[len(name) :]
    link = format_html(
        '<a href="{}" class="mention">@{}</a>',
        reverse("intranet:people:profile", args=[name]),
        name,
    )
    return f"{link}{rest}"


def link_mentions(html: str, known) -> str:
    """Make each mention of a known username in escaped ``html`` a profile link.

    ``html`` is what urlize() made of a text: escaped characters and its own links,
    whose addresses and labels are left alone.
    """
    if not known or "@" not in html:
        return html
    parts = LINK.split(html)
    for n in range(0, len(parts), 2):  # the odd parts are links
        parts[n] = MENTION.sub(lambda match: _mention_link(match, known), parts[n])
    return "".join(parts)
