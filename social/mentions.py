"""@mentions: ``@username`` in a comment or a thread names a member of staff.

At most ``MAX_MENTIONS`` people are told about one piece of text, however many names
it holds, so a pasted list of the whole company floods nobody.
"""

import re

from django.contrib.auth import get_user_model

MAX_MENTIONS = 10

# A username as Django allows it, minus "@"; a mention starts after a space or
# punctuation, never inside an e-mail address.
MENTION = re.compile(r"(?<![\w@.+-])@([\w.+-]{1,150})")


def mentioned_names(text: str) -> list[str]:
    """The usernames mentioned in ``text``, first mention first, each once."""
    names = []
    for match in MENTION.finditer(text or ""):
        name = match.group(1).rstrip(".-+")
        if name and name.lower() not in (n.lower() for n in names):
            names.append(name)
    return names


def mentioned_people(text: str, limit: int = MAX_MENTIONS) -> list:
    """The active people mentioned in ``text``, at most ``limit`` of them."""
    names = mentioned_names(text)[: limit * 5]
    if not names:
        return []
    people = {
        person.username.lower(): person
        for person in get_user_model().objects.filter(
            username__in=names, is_active=True
        )
    }
    found = [people[n.lower()] for n in names if n.lower() in people]
    return found[:limit]
