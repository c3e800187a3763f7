"""Which language the intranet speaks to each person.

A person's own choice on their profile comes first; without one, the language their
browser asks for (or the one they picked in the header's switcher); then the site's
``LANGUAGE_CODE``. Only the languages the intranet speaks on the site (``offered``)
are ever chosen: anything else, from a profile, a cookie, a form or
``Accept-Language``, falls back.

E-mails speak the recipient's language whoever made them send (``speaking_to``).
"""

import contextlib
import functools
from pathlib import Path

from django.conf import settings
from django.utils import translation

CATALOGUES = Path(__file__).resolve().parent / "locale"


def default() -> str:
    """The site's own language (``LANGUAGE_CODE``)."""
    try:
        return translation.get_supported_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def offered() -> dict[str, str]:
    """The languages the intranet speaks on this site, code to name: the site's
    default, and each of ``settings.LANGUAGES`` the intranet has a catalogue for
    (Django's own default lists every language it knows)."""
    return _offered(tuple(settings.LANGUAGES), default())


@functools.cache
def _offered(site_languages: tuple, site_default: str) -> dict[str, str]:
    return {
        code: name
        for code, name in site_languages
        if code == site_default
        or (CATALOGUES / translation.to_locale(code)).is_dir()
        or (CATALOGUES / code.split("-")[0]).is_dir()
    }


def supported_variant(code) -> str | None:
    """The intranet's language for ``code`` ("fi-FI" gives "fi"), or None if it
    speaks none such."""
    if not code or not isinstance(code, str):
        return None
    try:
        variant = translation.get_supported_language_variant(code.strip())
    except LookupError:
        return None
    return variant if variant in offered() else None


def asked_by_browser(request) -> str | None:
    """The language the switcher's cookie holds, else the first that the browser's
    ``Accept-Language`` asks for and the intranet speaks."""
    from django.utils.translation.trans_real import parse_accept_lang_header

    cookie = supported_variant(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if cookie:
        return cookie
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            break
        if variant := supported_variant(code):
            return variant
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
        name = str(offered().get(code, code))
    return name[:1].upper() + name[1:]


def switcher_choices() -> list[tuple[str, str]]:
    """Each language the site offers, in its own name."""
    return [(code, own_name(code)) for code in offered()]
