"""Which language the intranet speaks to each person.

A person's own choice on their profile comes first; without one, the language their
browser asks for (or the one they picked in the header's switcher); then the site's
``LANGUAGE_CODE``. Only the languages in ``settings.LANGUAGES`` are ever chosen:
anything else, from a profile, a cookie, a form or ``Accept-Language``, falls back.

E-mails speak the recipient's language whoever made them send (``speaking_to``).
"""

import contextlib

from django.conf import settings
from django.utils import translation


def supported() -> dict[str, str]:
    """The languages the site offers, code to name."""
    return dict(settings.LANGUAGES)


def default() -> str:
    return supported_variant(settings.LANGUAGE_CODE) or settings.LANGUAGES[0][0]


def supported_variant(code) -> str | None:
    """The site's language for ``code`` ("fi-FI" gives "fi"), or None if it offers
    none."""
    if not code or not isinstance(code, str):
        return None
    try:
        return translation.get_supported_language_variant(code.strip())
    except LookupError:
        return None


def chosen_by(user) -> str | None:
    """The language ``user`` chose on their profile, if the site still offers it."""
    profile = getattr(user, "intranet_profile", None) if user else None
    return supported_variant(profile.language) if profile else None


def language_of(user) -> str:
    """The language to write to ``user`` in when they are not here to ask: their
    choice, else the site's default."""
    return chosen_by(user) or default()


@contextlib.contextmanager
def speaking_to(user, fallback: str | None = None):
    """Everything rendered inside speaks ``user``'s language: their choice, else
    ``fallback`` (the language they were using, when known), else the site's."""
    language = chosen_by(user) or supported_variant(fallback) or default()
    with translation.override(language):
        yield


def own_name(code: str) -> str:
    """A language in its own name ("English", "Suomi"), as a switcher offers it."""
    try:
        name = translation.get_language_info(code)["name_local"]
    except KeyError:
        name = str(supported().get(code, code))
    return name[:1].upper() + name[1:]


def switcher_choices() -> list[tuple[str, str]]:
    """Each language the site offers, in its own name."""
    return [(code, own_name(code)) for code, _name in settings.LANGUAGES]
