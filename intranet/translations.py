"""A page's language versions: which one a reader gets, and the way to the others.

With Wagtail's localisation on (``WAGTAIL_I18N_ENABLED``) a page may have
translations: pages of its type that share its ``translation_key``, one per locale,
each in the tree of its locale (the Finnish home and what is under it). An *alias*
in another locale (what ``copy_for_translation(copy_parents=True)`` makes of a
parent not translated yet) shows its original's content: it is no translation.

- **Routing** (``route`` and ``IntranetPageMixin.route``): a path is routed through
  the tree of the reader's language, as Wagtail does; where that tree has no page
  at the path (or only a draft), the same path is routed in the trees of the other
  versions, the default language's first, so a page not translated yet is served in
  its original instead of a 404. A reader whose language has a live version at
  another address (a translated slug) is sent there (``reader_version_redirect``).
- **Links** (``versions_for``): a page shows a note when it is not in the reader's
  language, and a link to each of its live translations, which the middleware
  serves in their language (``?lang=``).
- **Listings** (``one_per_page``): one version of each page, the reader's where there
  is one.

Who may see a translation is ``intranet.audience``'s business: a page's versions
share one audience, the strictest of their view restrictions, and the original's
``audience`` field.

The locales are remembered in the cache (``locales``) and refreshed whenever one is
saved or deleted, so none of this costs a query for the locale, and none of it
costs anything at all on a site with one language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from intranet import languages, request_cache

LANGUAGE_PARAMETER = "lang"

LOCALES_CACHE_KEY = "intranet:locales"
# Saving or deleting a locale refreshes the cache at once and again on commit; the
# timeout bounds how long a change that was rolled back can linger.
LOCALES_CACHE_SECONDS = 60

# Page fields the versions of a page are read with: enough to route, link and tell
# their languages apart.
VERSION_FIELDS = (
    "id",
    "title",
    "slug",
    "path",
    "depth",
    "url_path",
    "live",
    "locale_id",
    "alias_of_id",
    "translation_key",
    "content_type_id",
)


# Locales ------------------------------------------------------------------------------


def refresh_locales() -> dict[str, int]:
    """Read the locales afresh (language code to id) and share them with every
    worker through the cache."""
    found = dict(Locale.objects.values_list("language_code", "pk"))
    request_cache.set(LOCALES_CACHE_KEY, found, LOCALES_CACHE_SECONDS)
    return found


def locales_changed(**kwargs) -> None:
    refresh_locales()
    transaction.on_commit(refresh_locales)


def locales() -> dict[str, int]:
    """The site's locales, language code to id; none without Wagtail's
    localisation."""
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return {}
    found = request_cache.get(LOCALES_CACHE_KEY)
    return refresh_locales() if found is None else found


def several() -> bool:
    """Whether pages can have translations here: Wagtail's localisation is on and
    there is more than one locale. Without, nothing in this module asks anything."""
    return len(locales()) > 1


def locale_id(language) -> int | None:
    """The id of the locale of ``language`` ("fi", "fi-FI"), or None."""
    if not language:
        return None
    try:
        code = get_supported_content_language_variant(language)
    except LookupError:
        return None
    return locales().get(code)


def default_locale_id() -> int | None:
    return locale_id(settings.LANGUAGE_CODE)


def reader_locale_id() -> int | None:
    """The locale of the language the request speaks (``Locale.get_active()``,
    without the query)."""
    return locale_id(translation.get_language()) or default_locale_id()


def language_of_locale(pk) -> str | None:
    for code, found in locales().items():
        if found == pk:
            return code
    return None


def reader_language() -> str:
    """The content language of the request's language ("fi" for "fi-FI")."""
    return language_of_locale(reader_locale_id()) or languages.default()


def _language_order(code) -> tuple[int, str]:
    """Default language first, then the order of ``settings.LANGUAGES``."""
    order = [languages.default()] + [c for c, _name in settings.LANGUAGES]
    return (order.index(code) if code in order else len(order), code or "")


# A page's versions --------------------------------------------------------------------


def versions(page) -> list:
    """``page`` and its translations (and aliases in other locales), each a plain
    ``Page`` with ``VERSION_FIELDS``, the default language's first. One query, once
    for each page instance; ``[page]`` on a site with one language."""
    found = page.__dict__.get("_intranet_versions")
    if found is None:
        if not several() or page.pk is None:
            found = [page]
        else:
            found = sorted(
                Page.objects.filter(translation_key=page.translation_key).only(
                    *VERSION_FIELDS
                ),
                key=lambda version: _language_order(
                    language_of_locale(version.locale_id)
                ),
            )
        page.__dict__["_intranet_versions"] = found
    return found


def content_language(page) -> str:
    """The language ``page``'s content is written in: its locale's, or for an alias
    its original's."""
    locale = page.locale_id
    if page.alias_of_id:
        source = next((v for v in versions(page) if v.pk == page.alias_of_id), None)
        if source is not None:
            locale = source.locale_id
    return language_of_locale(locale) or languages.default()


def translations(page) -> list:
    """``page``'s live translations into other languages than its own, one for each
    language (no aliases: they repeat their original), in the site's order."""
    if not several():
        return []
    own = content_language(page)
    found = {}
    for version in versions(page):
        language = language_of_locale(version.locale_id)
        if (
            version.pk != page.pk
            and version.live
            and not version.alias_of_id
            and language
            and language != own
        ):
            found.setdefault(language, version)
    return list(found.values())


def translation_in(page, language: str):
    """The live version of ``page`` written in ``language``: the page itself when it
    is, else its translation, else None."""
    if content_language(page) == language:
        return page
    return next(
        (t for t in translations(page) if content_language(t) == language), None
    )


# Routing ------------------------------------------------------------------------------


def route(request, path: str) -> None:
    """Route ``path`` the way Wagtail's serving does (through the tree of the
    reader's language, ``site.root_page.localized``), for ``wagtail.views.serve``
    to use: it finds the result on the request. It saves Wagtail's query for the
    active locale, and most of its queries on the way down (``_route_directly``)."""
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = Site.find_for_request(request)
    if site is None:
        return
    components = [component for component in path.split("/") if component]
    root = site.root_page
    start = root
    if locales():
        reader = reader_locale_id()
        if root.locale_id != reader:
            # Through the reader's tree even while its home is a draft: the page at
            # the end of the path must be live, not the ones on the way (as Wagtail
            # routes).
            start = (
                Page.objects.filter(
                    translation_key=root.translation_key, locale_id=reader
                ).first()
                or root
            )
    result = _route_directly(request, start, components)
    if result is None:
        try:
            result = start.specific.route(request, components)
        except Http404:
            result = (
                _route_from_other_roots(request, root, start, components)
                if locales()
                else None
            )
    request._wagtail_route_for_request = result


def _routing_their_own_way() -> set[int]:
    """The content types of the page models that route their subpaths themselves
    (a routable page's own views): the pages below them are found their way."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import get_page_models

    from intranet.models import IntranetPageMixin

    def own_way(model) -> bool:
        for base in model.__mro__:
            if base is Page:
                return False
            if base is not IntranetPageMixin and "route" in vars(base):
                return True
        return False

    models = [model for model in get_page_models() if own_way(model)]
    return {ct.pk for ct in ContentType.objects.get_for_models(*models).values()}


def _route_directly(request, start, components):
    """The page at ``components`` below ``start``, found by its URL path in one
    query where Wagtail would ask each page on the way for its child and its
    specific type: when every page on the way routes as Wagtail's pages do, and the
    page there is live, the result is the same. Otherwise None, and the path is
    routed page by page."""
    if not components:
        return None
    url_paths = []
    url_path = start.url_path
    for component in components:
        url_path += component + "/"
        url_paths.append(url_path)
    chain = list(
        Page.objects.filter(
            url_path__in=url_paths, path__startswith=start.path, depth__gt=start.depth
        )
        .order_by("depth")
        .only("id", "depth", "content_type_id")
    )
    own_way = _routing_their_own_way()
    on_the_way = [start, *chain[:-1]]
    if [page.depth for page in chain] != [
        start.depth + n for n in range(1, len(components) + 1)
    ] or any(page.content_type_id in own_way for page in on_the_way):
        return None
    try:
        return chain[-1].specific.route(request, [])
    except Http404:
        return None


def _route_from_other_roots(request, root, tried, components):
    """Where the reader's tree has nothing at a path, the same path in the other
    trees of the site: served only when it is in an intranet (the host's pages are
    routed as Wagtail does)."""
    from intranet import audience

    try:
        result = _route_in_versions(request, versions(root), tried, components)
    except Http404:
        return None
    return result if audience.in_intranet(result.page) else None


def route_elsewhere(page, request, path_components):
    """Route ``path_components`` below the other live versions of ``page`` (the
    default language's first), once each: ``page``'s own tree had nothing there."""
    return _route_in_versions(request, versions(page), page, path_components)


def _route_in_versions(request, candidates, tried_page, path_components):
    """The first of ``candidates`` (live versions of one page) that routes
    ``path_components``; each page is asked for a path once in a request, so the
    trees never send a path back and forth."""
    tried = request.__dict__.setdefault("_intranet_routes_tried", set())
    remaining = tuple(path_components)
    tried.add((tried_page.pk, remaining))
    for version in candidates:
        if (version.pk, remaining) in tried or not version.live:
            continue
        tried.add((version.pk, remaining))
        try:
            return version.specific.route(request, list(path_components))
        except Http404:
            continue
    raise Http404


def reader_version_redirect(page, request):
    """Send the reader to the version of ``page`` in their language when it lives at
    another address (a translated slug) and they may see it; None otherwise."""
    from intranet import audience

    if (
        not several()
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or page.pk is None
    ):
        return None
    version = translation_in(page, reader_language())
    if version is None or version.pk == page.pk:
        return None
    own_url = page.get_url(request)
    url = version.get_url(request)
    if not url or url == own_url or request.path != own_url:
        return None
    if not audience.can_view(request.user, version.specific):
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(url + ("?" + query if query else ""))


# What a page says about its versions --------------------------------------------------

# The text of a link to a page's version in a language, said in that language: each
# catalogue says it in its own language ("Lue suomeksi" in the Finnish one).
READ_IN_CONTEXT = "link to a page's version in the language of this catalogue"
READ_IN = "Read in English"
# The note on a page shown in its original because it has no version in the
# reader's language yet, naming that language: the catalogue's own.
NOT_TRANSLATED_CONTEXT = (
    "note on a page not yet translated into the language of this catalogue"
)
NOT_TRANSLATED = "This page has not been translated into English yet."


def read_in(language: str) -> str:
    """The link text to a version in ``language``, said in that language ("Read
    in English", "Lue suomeksi"); where its catalogue does not say it yet, the
    language's own name ("Suomi")."""
    with translation.override(language):
        # Literal, so that makemessages finds it (the same as READ_IN).
        text = pgettext(
            "link to a page's version in the language of this catalogue",
            "Read in English",
        )
    if text == READ_IN and language != "en":
        return languages.own_name(language)
    return text


def not_translated_note() -> str:
    """The note on a page not in the reader's language ("This page has not been
    translated into Finnish yet."), in the reader's language."""
    return pgettext(
        "note on a page not yet translated into the language of this catalogue",
        "This page has not been translated into English yet.",
    )


@dataclass
class VersionLink:
    language: str
    url: str
    text: str


@dataclass
class PageVersions:
    """What a page's template shows about its language versions."""

    # The language of the page's content, when it is not the reader's (for the
    # ``lang`` attribute of its content); "" when it is.
    lang: str = ""
    note: str = ""
    links: list = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.note or self.links)


def versions_for(page, request=None, newsroom=None) -> PageVersions:
    """The note and links ``page`` shows to this request's reader: the links go to
    its live translations (which the reader may see as they may see ``page``: all
    versions share one audience, see ``intranet.audience``), in the ``newsroom``
    when the public post is read there. Nothing, and no query, on a site with one
    language."""
    if page is None or not several() or not getattr(page, "pk", None):
        return PageVersions()
    shown = page.__dict__.get("_intranet_page_versions")
    if shown is not None:
        return shown
    own = content_language(page)
    reader = reader_language()
    shown = PageVersions()
    if own != reader:
        shown.lang = own
        if translation_in(page, reader) is None:
            shown.note = not_translated_note()
    for version in translations(page):
        language = content_language(version)
        url = (
            newsroom.post_url(version, request)
            if newsroom is not None
            else version.get_url(request)
        )
        if url:
            shown.links.append(
                VersionLink(
                    language=language,
                    url=f"{url}?{LANGUAGE_PARAMETER}={language}",
                    text=read_in(language),
                )
            )
    page.__dict__["_intranet_page_versions"] = shown
    return shown


def content_lang(page) -> str:
    """The language of ``page``'s content when it is not the reader's, else ""."""
    if page is None or not several() or not getattr(page, "pk", None):
        return ""
    own = content_language(page)
    return own if own != reader_language() else ""


# Listings -----------------------------------------------------------------------------


def children_of(page, queryset):
    """``queryset`` narrowed to the children of ``page`` and of its other versions
    (its Finnish version's children are its children in Finnish): what it lists,
    whichever of its versions is read. Then ``one_per_page`` keeps one version of
    each. ``child_of(page)`` on a site with one language."""
    if not several():
        return queryset.child_of(page)
    children = Q()
    for version in versions(page):
        children |= Q(path__startswith=version.path, depth=version.depth + 1)
    return queryset.filter(children)


def in_tree_order(queryset):
    """``queryset`` in the order of the page tree, a translation where its original
    stands (a translation made later sits later in its own tree)."""
    if not several():
        return queryset.order_by("path")
    originals = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=default_locale_id()
    ).values("path")[:1]
    return queryset.alias(tree_order=Coalesce(Subquery(originals), F("path"))).order_by(
        "tree_order", "path"
    )


def siblings_of(page, queryset):
    """The other children of ``page``'s parent, in all its versions (see
    ``children_of``), none of them a version of ``page``."""
    if not several():
        return queryset.sibling_of(page, inclusive=False)
    return children_of(page.get_parent(), queryset).exclude(
        translation_key=page.translation_key
    )


def reader_first(queryset, *ordering):
    """``queryset`` in ``ordering``, the versions in the reader's language first,
    then those in the default language: for a lookup that several versions of a
    page may answer (a slug they share)."""
    if not several():
        return queryset.order_by(*ordering)
    preference = Case(
        When(locale_id=reader_locale_id(), then=Value(0)),
        When(locale_id=default_locale_id(), then=Value(1)),
        default=Value(2),
    )
    return queryset.alias(reader_first=preference).order_by("reader_first", *ordering)


def one_per_page(queryset, language: str | None = None):
    """One version of each page in ``queryset``: the one in ``language`` (the
    reader's) where the queryset holds it, else the one in the default language,
    else what it holds (a page written only in a third language). Narrow to what the
    reader may see first: the choice is made among what the queryset holds. No extra
    query: the choice is part of the queryset's own."""
    if not several():
        return queryset
    reader = locale_id(language) if language else reader_locale_id()
    default = default_locale_id()
    held = queryset.order_by().values("translation_key")
    not_in_reader = ~Q(translation_key__in=held.filter(locale_id=reader))
    not_in_default = ~Q(translation_key__in=held.filter(locale_id=default))
    chosen = Q(locale_id=reader) | (
        not_in_reader & (Q(locale_id=default) | not_in_default)
    )
    return queryset.filter(chosen)
