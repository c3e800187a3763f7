"""The staff directory: find colleagues by name, job title, department or skill.

Searches are plain case-insensitive matches in the database, each word in any of
the fields. The query is cut to a sane size first (``intranet.search.clean_query``)
and to a few words, and the ORM escapes quotes and ``%``, so a hostile or pasted
10 kB query costs what a word does.
"""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q

from intranet import audience, translations

from .models import Profile

SEARCH_FIELDS = (
    "first_name",
    "last_name",
    "intranet_profile__display_name",
    "intranet_profile__job_title",
    "intranet_profile__department",
    "intranet_profile__skills",
)
MAX_WORDS = 6


def search_people(query: str = "", department: str = ""):
    people = get_user_model().objects.filter(is_active=True)
    people = people.select_related("intranet_profile")
    for word in query.split()[:MAX_WORDS]:
        matches = Q()
        for field in SEARCH_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        people = people.filter(matches)
    if department:
        people = people.filter(intranet_profile__department__iexact=department)
    return people.order_by("last_name", "first_name", "username")


def departments() -> list[str]:
    return list(
        Profile.objects.filter(user__is_active=True)
        .exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )


def with_leader_pages(people, user) -> list:
    """Give each person ``leader_page``: their profile page, if the reader may see it."""
    from .models import LeaderProfilePage

    people = list(people)
    pages = {
        page.user_id: page
        for page in translations.one_per_page(
            audience.visible_to(
                LeaderProfilePage.objects.filter(user__in=[p.pk for p in people]), user
            )
        )
    }
    for person in people:
        person.leader_page = pages.get(person.pk)
    return people


def directory_page(user, query: str, department: str, page_number, index) -> dict:
    people = search_people(query, department)
    page = Paginator(people, index.per_page).get_page(page_number)
    page.object_list = with_leader_pages(page.object_list, user)
    return {
        "query": query,
        "department": department,
        "departments": departments(),
        "people": page,
        "searching": bool(query or department),
    }
