"""Who may see what: the one rule, in one place.

An intranet is the tree under an intranet home page (a page model with
``is_intranet_home = True``): the root of its own Wagtail Site, or a section of the
public one. The rule below holds inside that tree. Outside it, the host's own pages
keep Wagtail's privacy, exactly as if the intranet were not installed.

Every content page has an audience. Staff-only is the default; an editor can make a
page public. Anonymous visitors see only live, public pages that carry no Wagtail
view restriction; signed-in staff see every live page except those behind a group
restriction they are not part of.

Two entry points:

* ``can_view(user, page)``: may this person see this page?
* ``visible_to(queryset, user)``: narrow a page queryset to what this person may see.

``who_can_view(people, page)`` answers ``can_view`` for many people at once, and
``hidden_from(user)`` lists what a page model hides on top of the rule (a thread a
moderator hid). All three entry points apply it: a page model takes part with a
``hides_from(user)`` method and a ``hidden_from(user)`` classmethod.

Page serving, listings, search, feeds, the sitemap, tag pages, comment views,
notifications and e-mails all go through them.

A page's language versions (its translations, ``intranet.translations``) share one
audience, so a translation is never seen by more people than its original: the
``audience`` field is the original's (``AudienceMixin.save``), the view restrictions
of every version apply to all of them (``restrictions``), and what a page model
hides in one version it hides in all.
"""

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    BaseViewRestriction,
    Page,
    PageViewRestriction,
    get_page_models,
)

from intranet import request_cache


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff only")
    PUBLIC = "public", _("Public")


def audience_models():
    """The page models whose instances can be made public."""
    return [
        model
        for model in get_page_models()
        if not model._meta.abstract
        and "audience" in {f.name for f in model._meta.fields}
    ]


HOMES_CACHE_KEY = "intranet:homes"
# Saving, moving or deleting a home refreshes the cache at once and again on commit;
# the timeout bounds how long a change that was rolled back can linger.
HOMES_CACHE_SECONDS = 60


def intranet_home_models():
    """The page models that root an intranet (``is_intranet_home = True``)."""
    return [
        model
        for model in get_page_models()
        if not model._meta.abstract and getattr(model, "is_intranet_home", False)
    ]


def refresh_intranet_homes() -> tuple[tuple[str, str], ...]:
    """Read the intranet homes' tree paths and URL paths afresh and share them
    with every worker through the cache."""
    homes = tuple(
        (path, url_path)
        for model in intranet_home_models()
        for path, url_path in model.objects.values_list("path", "url_path")
    )
    request_cache.set(HOMES_CACHE_KEY, homes, HOMES_CACHE_SECONDS)
    return homes


def intranet_homes_changed() -> None:
    refresh_intranet_homes()
    transaction.on_commit(refresh_intranet_homes)


def intranet_homes() -> tuple[tuple[str, str], ...]:
    homes = request_cache.get(HOMES_CACHE_KEY)
    return refresh_intranet_homes() if homes is None else homes


def in_intranet(page) -> bool:
    """Whether ``page`` is an intranet home or under one."""
    return any(page.path.startswith(path) for path, _url in intranet_homes())


def url_path_in_intranet(url_path: str) -> bool:
    """Whether a (perhaps missing) page at ``url_path`` would be in an intranet."""
    return any(url_path.startswith(url) for _path, url in intranet_homes())


def _outside_intranets() -> Q:
    return reduce(
        lambda q, path: q & ~Q(path__startswith=path),
        (path for path, _url in intranet_homes()),
        Q(),
    )


RESTRICTIONS_CACHE_KEY = "intranet:view-restrictions"
# Saving or deleting a restriction, changing its groups or moving a page forgets the
# list at once and again on commit; the timeout bounds how long a change that was
# rolled back can linger.
RESTRICTIONS_CACHE_SECONDS = 60


def view_restrictions() -> list:
    """Every Wagtail view restriction of the site, with its page and groups: what
    the listings narrow by, read once and shared with every worker through the
    cache (a request asked for it again for each listing it showed)."""
    found = request_cache.get(RESTRICTIONS_CACHE_KEY)
    if found is None:
        found = list(
            PageViewRestriction.objects.select_related("page").prefetch_related(
                "groups"
            )
        )
        request_cache.set(RESTRICTIONS_CACHE_KEY, found, RESTRICTIONS_CACHE_SECONDS)
    return found


def _forget_view_restrictions() -> None:
    request_cache.delete(RESTRICTIONS_CACHE_KEY)


def view_restrictions_changed(**kwargs) -> None:
    _forget_view_restrictions()
    transaction.on_commit(_forget_view_restrictions)


def _is_staff_member(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _group_ids(user) -> set[int]:
    if not hasattr(user, "_audience_group_ids"):
        user._audience_group_ids = set(user.groups.values_list("pk", flat=True))
    return user._audience_group_ids


def _admits(restriction: BaseViewRestriction, user) -> bool:
    if restriction.restriction_type == BaseViewRestriction.LOGIN:
        return _is_staff_member(user)
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        if not _is_staff_member(user):
            return False
        if user.is_superuser:
            return True
        return bool(_group_ids(user) & {group.pk for group in restriction.groups.all()})
    # Shared-password restrictions are switched off on this intranet; never admit.
    return False


def _several_languages() -> bool:
    from intranet import translations

    return translations.several()


def restrictions(page):
    """The view restrictions that apply to ``page``: Wagtail's (on the page and its
    ancestors, an alias's on its original) and, on a site with several languages,
    those of each of its versions and of their ancestors, so a translation is never
    seen by more people than its original (nor the original by more than a
    translation an editor restricted)."""
    key = page.translation_key
    versions_below = Page.objects.filter(
        translation_key=key, path__startswith=OuterRef("path")
    )
    return PageViewRestriction.objects.filter(
        Q(page_id__in=_restricting_pages(page))
        | Exists(
            Page.objects.filter(
                translation_key=key, path__startswith=OuterRef("page__path")
            )
        )
        | Exists(
            Page.objects.filter(alias_of_id=OuterRef("page_id")).filter(
                Exists(versions_below)
            )
        )
    )


def _restricting_pages(page) -> set[int]:
    """The pages whose restrictions apply to ``page`` as Wagtail sees it (itself and
    its ancestors, an alias for its original), with their originals in the one
    query for the ancestors."""
    ids = set()
    ancestors = Page.objects.ancestor_of(page, inclusive=True).select_related(
        "alias_of"
    )
    for ancestor in ancestors.only("id", "alias_of__id", "alias_of__alias_of_id"):
        while ancestor.alias_of_id:
            ancestor = ancestor.alias_of
        ids.add(ancestor.pk)
    return ids


def _restrictions_of(page):
    """The restrictions a page's own model says apply (with its versions', for the
    intranet's pages)."""
    return page.specific.get_view_restrictions()


def is_public(page) -> bool:
    """A live page an editor made public, with no view restriction above it."""
    specific = page.specific
    return (
        page.live
        and getattr(specific, "audience", Audience.STAFF) == Audience.PUBLIC
        and not _restrictions_of(page).exists()
    )


def _hides(page, user) -> bool:
    """Whether the page's own model hides it from ``user`` (a thread a moderator
    hid), in this version or, on a site with several languages, in another."""
    specific = page.specific
    hides_from = getattr(specific, "hides_from", None)
    if hides_from is None:
        return False
    if hides_from(user):
        return True
    hidden = getattr(type(specific), "hidden_from", None)
    return (
        hidden is not None
        and _several_languages()
        and hidden(user)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .exists()
    )


def can_view(user, page) -> bool:
    if not page.live or _hides(page, user):
        return False
    if in_intranet(page) and not _is_staff_member(user):
        return is_public(page)
    return all(_admits(r, user) for r in _restrictions_of(page))


def _shut_keys(user, restricted_from) -> list:
    """On a site with several languages: the translation keys of the pages ``user``
    may see in no version, because one version is hidden from them (a thread a
    moderator hid) or sits at or under a page restricted from them (the view
    restrictions ``restricted_from()`` gives), one of its versions or an alias of
    one. Read in one query and kept on ``user`` for the request, so that the
    listings built on ``visible_to`` stay shallow SQL."""
    kept = getattr(user, "_audience_shut_keys", None)
    if kept is not None:
        return kept
    restricted = restricted_from()
    shut = Q(pk__in=hidden_from(user))
    if restricted:
        ids = [restriction.page_id for restriction in restricted]
        above = Page.objects.filter(
            Q(pk__in=ids)
            | Q(translation_key__in=[r.page.translation_key for r in restricted])
            | Q(alias_of_id__in=ids)
        ).filter(StartsWith(Cast(OuterRef("path"), CharField()), F("path")))
        shut |= Exists(above)
    keys = list(
        Page.objects.filter(shut)
        .order_by()
        .values_list("translation_key", flat=True)
        .distinct()
    )
    if user is not None:
        user._audience_shut_keys = keys
    return keys


def visible_to(queryset, user):
    """Narrow a page queryset to the live pages ``user`` may see."""
    several = _several_languages()
    queryset = queryset.live().exclude(pk__in=hidden_from(user))
    if not _is_staff_member(user):
        if several:
            keys = _shut_keys(user, view_restrictions)
            if keys:
                queryset = queryset.exclude(translation_key__in=keys)
        if not intranet_homes():
            return queryset.public()
        public = _outside_intranets()
        for model in audience_models():
            public |= Q(
                pk__in=model.objects.filter(audience=Audience.PUBLIC).values("pk")
            )
        return queryset.public().filter(public)
    if user.is_superuser:
        return queryset
    shut = [
        restriction
        for restriction in view_restrictions()
        if restriction.restriction_type == BaseViewRestriction.GROUPS
        and not _admits(restriction, user)
    ]
    for restriction in shut:
        queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    if several:
        keys = _shut_keys(user, lambda: shut)
        if keys:
            queryset = queryset.exclude(translation_key__in=keys)
    return queryset


def who_can_view(people, page) -> list:
    """Those of ``people`` who may see ``page``, as ``can_view`` decides, in a few
    queries for the lot: the page's restrictions once, then everyone's groups."""
    if not page.live:
        return []
    people = [
        person
        for person in people
        if _is_staff_member(person) and not _hides(page, person)
    ]
    restrictions = list(_restrictions_of(page).prefetch_related("groups"))
    if any(r.restriction_type == BaseViewRestriction.GROUPS for r in restrictions):
        groups = {person.pk: set() for person in people}
        memberships = get_user_model().groups.through.objects.filter(
            user_id__in=list(groups)
        )
        for user_id, group_id in memberships.values_list("user_id", "group_id"):
            groups[user_id].add(group_id)
        for person in people:
            person._audience_group_ids = groups[person.pk]
    return [
        person
        for person in people
        if all(_admits(restriction, person) for restriction in restrictions)
    ]


def audience_of(page):
    """Everyone who may see ``page`` as a queryset of users: active staff, narrowed
    by the page's group restrictions (superusers pass them all). For counting the
    many, where ``who_can_view`` is for a handful."""
    User = get_user_model()
    people = User.objects.filter(is_active=True)
    for restriction in _restrictions_of(page).prefetch_related("groups"):
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            members = User.groups.through.objects.filter(
                group_id__in=[group.pk for group in restriction.groups.all()]
            ).values("user_id")
            people = people.filter(Q(is_superuser=True) | Q(pk__in=members))
        elif restriction.restriction_type != BaseViewRestriction.LOGIN:
            return people.none()
    return people


def hidden_from(user):
    """Pages their own model hides from ``user`` on top of the audience rule (a
    discussion thread a moderator hid, from all but its author and moderators), as
    a queryset of page ids. A page model takes part with a ``hidden_from(user)``
    classmethod returning its hidden pages."""
    hidden = [
        model.hidden_from(user).values("pk")
        for model in get_page_models()
        if not model._meta.abstract and hasattr(model, "hidden_from")
    ]
    if not hidden:
        return Page.objects.none().values("pk")
    return Page.objects.filter(reduce(or_, (Q(pk__in=pks) for pks in hidden))).values(
        "pk"
    )
