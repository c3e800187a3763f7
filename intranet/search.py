"""Site search at ``/search/``: posts, threads, guidelines, leader updates and people.

Pages come from Wagtail's search backend. Each page type is narrowed by its own
``visible_to(user)`` (the audience rule, plus a type's own additions, such as a
thread a moderator hid), so search never shows what the person could not open.
People are found in the database (see ``search_people``) and only by signed-in
staff. Editors' promoted results (Wagtail's search promotions) come first, through
the same rule.

Anonymous visitors may search too, as readers of the public posts: they get only
public pages, in the public layout, and no people. Their searches write nothing to
the database: only staff's are counted in the search statistics (Wagtail's
``Query`` hits), which editors read to choose promotions.

Each page is found once, in the reader's language (``one_version_each``): its live
translation in the language the search page speaks, else its original. Words are
matched in that version, so counts, facets and pages agree. Finnish words are
stemmed by Finnish rules on PostgreSQL (``intranet.search_backend``).

The page types are named by label rather than imported, so that ``intranet`` keeps
importing no app.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from intranet import audience, pages

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
PER_PAGE = 10
PEOPLE_PREVIEW = 3
PEOPLE_FIELDS = (
    "first_name",
    "last_name",
    "username",
    "intranet_profile__display_name",
    "intranet_profile__job_title",
    "intranet_profile__department",
    "intranet_profile__location",
    "intranet_profile__skills",
)


@dataclass(frozen=True)
class Kind:
    """One kind of result, as the filter offers it."""

    slug: str
    label: str
    models: tuple[str, ...] = ()
    excerpt_fields: tuple[str, ...] = ()

    @property
    def page_models(self) -> list:
        return pages.resolve_page_types(self.models, "intranet")


PAGE_KINDS = (
    Kind("posts", _("Blog posts"), ("intranet:blog_post",), ("standfirst",)),
    Kind(
        "threads",
        _("Discussions"),
        ("intranet_discussions.DiscussionThreadPage",),
        ("body",),
    ),
    Kind(
        "guidelines",
        _("Guidelines and training"),
        ("intranet:guideline", "intranet:training_module"),
        ("summary",),
    ),
    Kind(
        "updates", _("Leader updates"), ("intranet_people.LeaderUpdatePage",), ("text",)
    ),
)
PEOPLE = Kind("people", _("People"))


def clean_query(raw: str) -> str:
    """A search query cut to a sane size, so a 10 kB paste costs what a word does.

    Control characters go too: PostgreSQL refuses a NUL byte in any query.
    """
    printable = "".join(
        ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY_LENGTH * 4]
    )
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query: str) -> str:
    """The words of a query, without the characters search engines read as syntax.

    Quotes, brackets and operators (an unbalanced quote breaks SQLite's full-text
    search) are dropped; lower case keeps words like OR and NEAR from being operators.
    """
    return " ".join(re.findall(r"\w+", query.lower())[:MAX_TERMS])


def is_staff_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def kinds_for(user) -> tuple[Kind, ...]:
    """The kinds this person can find: staff all of them; anonymous visitors only the
    kinds an editor can make public, and never people."""
    if is_staff_member(user):
        return (*PAGE_KINDS, PEOPLE)
    public = set(audience.audience_models())
    return tuple(kind for kind in PAGE_KINDS if public.intersection(kind.page_models))


def visible(model, user):
    """Pages of ``model`` this person may see, by the model's own rule if it has one."""
    manager = model._default_manager
    if hasattr(manager, "visible_to"):
        return manager.visible_to(user)
    return audience.visible_to(manager.all(), user)


def searchable_pages(kinds, user):
    """The pages of these kinds this person may see, as one Page queryset."""
    models = [model for kind in kinds for model in kind.page_models]
    if not models:
        return Page.objects.none()
    return Page.objects.filter(
        reduce(or_, (Q(pk__in=visible(model, user).values("pk")) for model in models))
    )


def content_language(code) -> str | None:
    """The content language for ``code``, or None if the site has none for it."""
    try:
        return get_supported_content_language_variant(code)
    except LookupError:
        return None


def localised() -> bool:
    """Whether the site has pages in more than one language (Wagtail's
    ``WAGTAIL_I18N_ENABLED``)."""
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def same_page(page):
    """What a page's versions share: its translation key, or without localisation,
    the page itself."""
    return page.translation_key if localised() else page.pk


def one_version_each(pages):
    """``pages`` (the pages a person may see), one version of each page: its
    translation in the active language, else the one in the default language (the
    original), else the first made. A page with a live version that is not among
    ``pages`` is left out altogether, so a translation never shows a page to
    someone its other versions hide it from (an audience or a view restriction
    that differs between the language trees).

    One Page queryset, so that searching, counting and faceting it need no query
    more; without Wagtail's localisation, ``pages`` as they are.
    """
    if not localised():
        return pages
    original = content_language(settings.LANGUAGE_CODE)
    reader = content_language(translation.get_language()) or original
    versions = Page.objects.live().filter(translation_key=OuterRef("translation_key"))
    kept_from_them = Exists(versions.exclude(pk__in=pages.values("pk")))
    # What is left has every live version among ``pages``: the live ones are those
    # to choose from.
    in_reader = Exists(versions.filter(locale__language_code=reader))
    in_original = Exists(versions.filter(locale__language_code=original))
    made_before = Exists(versions.filter(pk__lt=OuterRef("pk")))
    chosen = pages.exclude(kept_from_them).filter(
        Q(locale__language_code=reader)
        | (~in_reader & Q(locale__language_code=original))
        | (~in_reader & ~in_original & ~made_before)
    )
    # Search backends take filters on fields only: the choice goes in as ids.
    return Page.objects.filter(pk__in=chosen.values("pk"))


def search_people(terms: str, user):
    """Active colleagues whose name, username, job title, department, location or
    skills hold every word of the query; nobody for anonymous visitors.

    A plain case-insensitive match in the database rather than Wagtail's search
    index: the staff table is small next to the pages, the query is already cut to
    a few words, and the ORM escapes quotes, ``%`` and ``_``. It needs no migration
    and no ``update_index``, so a profile edit or a deactivated account shows at
    once, and nothing else from a profile (e-mail, bio) can become searchable.
    """
    people = get_user_model().objects.none()
    if not is_staff_member(user) or not terms:
        return people
    people = get_user_model().objects.filter(is_active=True)
    people = people.select_related("intranet_profile")
    for word in terms.split():
        people = people.filter(
            reduce(or_, (Q(**{f"{field}__icontains": word}) for field in PEOPLE_FIELDS))
        )
    return people.order_by("last_name", "first_name", "username")


def promotions(query: str, terms: str, user, pages) -> list[dict]:
    """Editors' promoted results for this query that this person may see, each
    page in the reader's language as the results show it (``one_version_each``),
    once even if an editor promoted more than one of its versions.

    A promoted page of a searchable kind must be among ``pages``; any other page
    must pass the audience rule. External links are for staff only.
    """
    keys = {normalise_query_string(query), normalise_query_string(terms)}
    picks = list(
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    versions = {}
    if page_ids:
        kind_types = ContentType.objects.get_for_models(
            *[model for kind in PAGE_KINDS for model in kind.page_models]
        ).values()
        promoted = Page.objects.filter(pk__in=page_ids)
        if localised():
            promoted = Page.objects.filter(
                translation_key__in=promoted.values("translation_key")
            )
        visible = audience.visible_to(promoted, user).filter(
            Q(pk__in=pages.values("pk")) | ~Q(content_type__in=kind_types)
        )
        versions = {same_page(page): page for page in one_version_each(visible)}
    shown = []
    for pick in picks:
        if pick.page_id:
            page = versions.pop(same_page(pick.page), None)
            if page is not None:
                shown.append(
                    {
                        "title": page.title,
                        "url": page.url,
                        "description": pick.description or page.search_description,
                    }
                )
        elif pick.external_link_url and is_staff_member(user):
            shown.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return shown


def excerpt_source(page, kind: Kind | None) -> str:
    """The text a result shows under its title: the search description an editor
    wrote, or else the page's own summary field."""
    if page.search_description:
        return page.search_description
    for field in kind.excerpt_fields if kind else ():
        value = getattr(page, field, "")
        if isinstance(value, str) and value:
            return value
    return ""


def filter_link(query: str, kind: Kind | None) -> str:
    params = {"q": query}
    if kind:
        params["kind"] = kind.slug
    return "?" + urlencode(params)


def kinds_by_type(kinds) -> dict[int, Kind]:
    """Each page kind under the ids of its page types' content types."""
    return {
        content_type.pk: kind
        for kind in kinds
        if kind.models
        for content_type in ContentType.objects.get_for_models(
            *kind.page_models
        ).values()
    }


def filters(query: str, kinds, counts: dict[str, int]) -> list[dict]:
    """The kind filter: "All", then each kind, with the number found."""
    return [
        {
            "kind": None,
            "label": _("All"),
            "count": sum(counts.values()),
            "url": filter_link(query, None),
        },
        *(
            {
                "kind": kind,
                "label": kind.label,
                "count": counts[kind.slug],
                "url": filter_link(query, kind),
            }
            for kind in kinds
        ),
    ]


class RankedPages:
    """Pages found, best first, as ids from one statement ranked in the index
    (``intranet.search_backend``'s ``matches()``): a page of them comes as the
    pages themselves, each as its own type, without the stream fields. The ids
    passed the audience rule in the statement that found them, so a page of them
    is read by id alone."""

    def __init__(self, ids):
        self.ids = ids

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key]
        pages = Page.objects.filter(pk__in=ids).defer_streamfields().specific()
        by_id = pages.in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]


def pages_found(candidates, terms: str, types: dict, kind: Kind | None):
    """The number of pages found of each content type, and the pages of ``kind``
    (every kind when None), best first.

    Where the backend ranks in the index, one statement gives both: the pages a
    person may see, the costliest part of a search, are read once for the counts,
    the total and the page of results alike. Elsewhere (OpenSearch, Elasticsearch),
    the backend's facets and its results.
    """
    found = candidates.search(terms, operator="and")
    matches = getattr(found, "matches", None)
    rows = matches() if matches else None
    if rows is None:
        listing = found
        if kind:
            listing = candidates.filter(
                content_type__in=[t for t, k in types.items() if k == kind]
            ).search(terms, operator="and")
        return found.facet("content_type_id"), listing
    rows = list(rows)
    per_type = Counter(type_id for _pk, type_id in rows)
    return per_type, RankedPages(
        [
            pk
            for pk, type_id in rows
            if type_id in types and (kind is None or types[type_id] == kind)
        ]
    )


def results(user, query: str, terms: str, kind: Kind | None, page_number) -> dict:
    """One page of results of ``kind`` (every kind when None), the counts by kind,
    and on the first page the promotions and, among every kind, a few people.

    The pages found are only those this person may see, in the reader's language
    (``one_version_each``), read once; the counts come from the same rows as the
    pages listed.
    """
    kinds = kinds_for(user)
    types = kinds_by_type(kinds)
    visible = searchable_pages([k for k in kinds if k.models], user)
    candidates = one_version_each(visible).defer_streamfields().specific()
    per_type, listing = pages_found(candidates, terms, types, kind)
    people = search_people(terms, user)

    counts = dict.fromkeys((k.slug for k in kinds), 0)
    for type_id, count in per_type.items():
        if type_id in types:
            counts[types[type_id].slug] += count
    if PEOPLE in kinds:
        counts[PEOPLE.slug] = people.count()

    page = Paginator(people if kind == PEOPLE else listing, PER_PAGE).get_page(
        page_number
    )
    page.object_list = list(page.object_list)
    for result in page.object_list:
        if isinstance(result, Page):
            result.search_excerpt = excerpt_source(
                result, types.get(result.content_type_id)
            )

    first_page = page.number == 1
    if kind == PEOPLE:
        people_shown = page.object_list
    elif kind is None and first_page and counts.get(PEOPLE.slug):
        people_shown = list(people[:PEOPLE_PREVIEW])
    else:
        people_shown = []
    return {
        "results": page,
        "paginator": page.paginator,
        "total": sum(counts.values()),
        "filters": filters(query, kinds, counts),
        "promotions": promotions(query, terms, user, visible) if first_page else [],
        "people_shown": people_shown,
        "people_count": counts.get(PEOPLE.slug, 0),
        "people_link": filter_link(query, PEOPLE),
    }


@login_not_required
def search(request):
    """Site search: what this person may see, best match first, by kind."""
    user = request.user
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    kind = next((k for k in kinds_for(user) if k.slug == request.GET.get("kind")), None)
    context = {
        "query": query,
        "terms": terms,
        "kind": kind,
        "base_template": "intranet/base.html"
        if is_staff_member(user)
        else "intranet/public_base.html",
    }
    if terms:
        context.update(results(user, query, terms, kind, request.GET.get("page")))
        if is_staff_member(user) and context["results"].number == 1:
            Query.get(terms).add_hit()
    return render(request, "intranet/search.html", context)
