"""One conversation for all of a page's language versions.

A post and its Finnish translation are one post to talk about: the comments, the
reactions, the follows and the notifications of every version belong to the
page's *original*, ``conversation_page(page)``: its live version in the site's
default language if it has one, else the page itself. Everything that stores or
reads a conversation asks this module, and nothing else decides it.

Who may take part is the intersection: a person reaches a conversation through a
version only if they may see that version and the original (``can_reach``), so a
translation never opens the conversation of a page its reader may not see.

With one language (``WAGTAIL_I18N_ENABLED`` off, or a page in the default locale)
every answer is the page itself, without a query: each process remembers the
locales' ids for a few minutes, and forgets them at once when it saves or deletes
a locale. A remembered id only ever spares a query or orders the versions to
show; what belongs to which conversation is always read from the database.
"""

import time

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from intranet import audience

LOCALES_SECONDS = 300
_locale_ids: dict[str, int] | None = None
_locales_read_at = 0.0


def i18n_enabled() -> bool:
    return bool(getattr(settings, "WAGTAIL_I18N_ENABLED", False))


def locale_ids() -> dict[str, int]:
    """Each locale's id by its language code, remembered by the process."""
    global _locale_ids, _locales_read_at
    if _locale_ids is None or time.monotonic() - _locales_read_at > LOCALES_SECONDS:
        _locale_ids = dict(Locale.all_objects.values_list("language_code", "pk"))
        _locales_read_at = time.monotonic()
    return _locale_ids


def forget_locales(**kwargs) -> None:
    global _locale_ids
    _locale_ids = None


post_save.connect(forget_locales, sender=Locale, dispatch_uid="social-locales-saved")
post_delete.connect(
    forget_locales, sender=Locale, dispatch_uid="social-locales-deleted"
)


def content_language(code: str | None) -> str | None:
    """The content language for ``code`` ("fi-FI" gives "fi"), or None."""
    if not code:
        return None
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return None


def default_language() -> str:
    return content_language(settings.LANGUAGE_CODE) or settings.LANGUAGE_CODE


def in_default_locale(page) -> bool:
    """Whether ``page`` is in the default locale (always, with one language). A
    locale id remembered wrongly can only cost the query this saves."""
    if not i18n_enabled():
        return True
    return page.locale_id == locale_ids().get(default_language())


def _versions_in(page_class, language: str):
    manager = (page_class or Page)._default_manager
    return manager.filter(locale__language_code=language, live=True)


def conversation_page(page):
    """The page whose conversation ``page`` shows: its live version in the default
    language, else ``page`` itself. No query for a page in the default locale, one
    (remembered on ``page``) for a translation."""
    if in_default_locale(page):
        return page
    known = page.__dict__.get("_conversation_page")
    if known is not None:
        return known
    original = (
        _versions_in(page.specific_class, default_language())
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .first()
    )
    page._conversation_page = original or page
    return page._conversation_page


def conversation_ids(pages) -> dict[int, int]:
    """For each of ``pages``, the id of its conversation page: no query when all
    are in the default locale, one for the lot otherwise."""
    ids = {page.pk: page.pk for page in pages}
    others = [page for page in pages if not in_default_locale(page)]
    if not others:
        return ids
    originals = dict(
        _versions_in(Page, default_language())
        .filter(translation_key__in={page.translation_key for page in others})
        .values_list("translation_key", "pk")
    )
    for page in others:
        ids[page.pk] = originals.get(page.translation_key, page.pk)
    return ids


def conversation_pk():
    """``conversation_page(page).pk`` as an expression on a page queryset, for
    filters and annotations that need it without a query of their own."""
    if not i18n_enabled():
        return F("pk")
    original = _versions_in(Page, default_language()).filter(
        translation_key=OuterRef("translation_key")
    )
    return Coalesce(Subquery(original.values("pk")[:1]), F("pk"))


def is_original() -> Q:
    """A filter keeping the pages that are their own conversation page: one per
    translated page, for counting pages rather than versions."""
    if not i18n_enabled():
        return Q()
    language = default_language()
    return Q(locale__language_code=language) | ~Exists(
        _versions_in(Page, language).filter(translation_key=OuterRef("translation_key"))
    )


def can_reach(user, page) -> bool:
    """Whether ``user`` may take part in ``page``'s conversation: they may see the
    version in front of them and the original it belongs to."""
    if not audience.can_view(user, page):
        return False
    original = conversation_page(page)
    return original.pk == page.pk or audience.can_view(user, original)


def reading_version(page, user, language: str | None = None):
    """The version of ``page`` that ``user`` reads: the live one in ``language``
    (the active language) that they may see, else ``page``. No query when the
    page is already in that language."""
    language = content_language(language or translation.get_language())
    if not i18n_enabled() or language is None:
        return page
    if page.locale_id == locale_ids().get(language):
        return page
    version = (
        _versions_in(page.specific_class, language)
        .filter(translation_key=page.translation_key)
        .first()
    )
    if version is None or not audience.can_view(user, version):
        return page
    version._conversation_page = conversation_page(page)
    return version


def language_of(page) -> str | None:
    """The language code of ``page``'s locale; no query for a locale the process
    knows."""
    for code, pk in locale_ids().items():
        if pk == page.locale_id:
            return code
    return page.locale.language_code


def version_query(page) -> str:
    """What a link to this version of ``page`` adds to its address so that it shows
    this version whatever the reader's own language ("lang=fi"; nothing for the
    default language, which is what a page's address shows without it)."""
    if in_default_locale(page):
        return ""
    return f"lang={language_of(page)}"


def version_url(page, query: str = "") -> str:
    """The address of this version of ``page``, with ``query`` (already encoded)."""
    params = "&".join(part for part in (version_query(page), query) if part)
    return f"{page.url}?{params}" if params else page.url


def one_per_page(pages, language: str | None = None) -> list:
    """``pages`` with one version of each translated page: the one in ``language``
    (the active language), else the one in the default language, else the first;
    in the order of the versions kept. No query."""
    if not i18n_enabled():
        return list(pages)
    ids = locale_ids()
    wanted = ids.get(content_language(language or translation.get_language()))
    default = ids.get(default_language())

    def rank(page) -> int:
        return 0 if page.locale_id == wanted else 1 if page.locale_id == default else 2

    best = {}
    for page in pages:
        kept = best.get(page.translation_key)
        if kept is None or rank(page) < rank(kept):
            best[page.translation_key] = page
    kept = {page.pk for page in best.values()}
    return [page for page in pages if page.pk in kept]
