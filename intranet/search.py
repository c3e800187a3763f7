import re

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from intranet import audience

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
PER_PAGE = 10


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


def search(request):
    """Site search: pages this person may see, best match first."""
    query = clean_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        pages = audience.visible_to(Page.objects.all(), request.user)
        results = pages.specific().search(terms, operator="and")
        Query.get(terms).add_hit()
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "intranet/search.html",
        {"query": query, "results": page, "paginator": page.paginator},
    )
