"""Search ranks, counts and lists from one reading of the index, on SQLite and
PostgreSQL alike."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


def reindex():
    call_command("update_index", verbosity=0)


def titles_in_order(response) -> list[str]:
    return [page.title for page in response.context["results"]]


def counts(response) -> dict[str, int]:
    return {
        (f["kind"].slug if f["kind"] else "all"): f["count"]
        for f in response.context["filters"]
    }


def every_title(client, **params) -> list[str]:
    """The titles listed on every page of results, in order."""
    shown, number = [], 1
    while True:
        response = client.get("/search/", {**params, "page": number})
        shown += titles_in_order(response)
        if not response.context["results"].has_next():
            return shown
        number += 1


@pytest.fixture
def ospreys(tree):
    """Posts about ospreys, a discussion that mentions them and a guideline,
    among posts about something else, so that the word is rare enough to weigh."""
    for n in range(6):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Harbour news {n}")
    content = {
        "passing": factories.BlogPostPageFactory(
            parent=tree.blog,
            title="Summer at the harbour",
            standfirst="The ferry timetable changes, and ospreys were seen.",
        ),
        "about": factories.BlogPostPageFactory(
            parent=tree.blog,
            title="Ospreys over the harbour",
            standfirst="Ospreys nest on the old crane: two ospreys, three chicks.",
        ),
    }
    for n in range(12):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Ospreys, notes {n}")
    factories.DiscussionThreadPageFactory(
        parent=tree.discussions, title="Ospreys on camera?", body="Is it them again?"
    )
    factories.GuidelinePageFactory(parent=tree.guidelines, title="Filming ospreys")
    reindex()
    return content


def test_a_page_about_the_words_ranks_above_one_that_mentions_them_once(
    staff_client, tree
):
    about = factories.BlogPostPageFactory(
        parent=tree.blog,
        title="Ospreys over the harbour",
        standfirst="Ospreys nest on the old crane: two ospreys, three chicks.",
    )
    # Made later, so first among equals: only relevance puts the other first.
    passing = factories.BlogPostPageFactory(
        parent=tree.blog,
        title="Summer at the harbour",
        standfirst="The ferry timetable changes, and ospreys were seen.",
    )
    for n in range(6):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Harbour news {n}")
    reindex()
    listed = titles_in_order(staff_client.get("/search/", {"q": "ospreys"}))
    assert listed == [about.title, passing.title]


def test_the_counts_by_kind_agree_with_what_every_page_lists(staff_client, ospreys):
    response = staff_client.get("/search/", {"q": "ospreys"})
    found = counts(response)
    assert found["posts"] == 14
    for kind in ("posts", "threads", "guidelines", "updates"):
        assert found[kind] == len(every_title(staff_client, q="ospreys", kind=kind))
    everything = every_title(staff_client, q="ospreys")
    assert response.context["paginator"].count == len(everything)
    assert found["all"] == len(everything) + found["people"]
    assert len(set(everything)) == len(everything)


def test_pages_hidden_from_a_person_are_neither_listed_nor_counted(
    staff_client, ospreys, tree
):
    shown = counts(staff_client.get("/search/", {"q": "ospreys"}))
    restriction = PageViewRestriction.objects.create(
        page=ospreys["about"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="HR")[0])
    factories.DiscussionThreadPageFactory(
        parent=tree.discussions,
        title="Ospreys, hidden",
        body="Ospreys!",
        hidden_at=timezone.now(),
    )
    reindex()
    response = staff_client.get("/search/", {"q": "ospreys"})
    after = counts(response)
    assert after["posts"] == shown["posts"] - 1
    assert after["threads"] == shown["threads"]
    assert after["all"] == shown["all"] - 1
    listed = every_title(staff_client, q="ospreys")
    assert "Ospreys over the harbour" not in listed
    assert "Ospreys, hidden" not in listed
    assert b"Ospreys over the harbour" not in response.content


def index_statements(queries) -> list[str]:
    return [q["sql"] for q in queries if "wagtailsearch_indexentry" in q["sql"]]


def test_a_search_reads_the_index_once_however_many_pages_match(
    staff_client, tree, django_assert_max_num_queries
):
    """The ranking, the counts by kind and the total come from one statement over
    the search index, and the ranking is read inside it (no score looked up again
    for each page): a search that finds 40 pages costs the statements one that
    finds 2 does."""
    for n in range(2):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Curlew {n}")
    reindex()
    url = "/search/?q=curlew"
    staff_client.get(url)
    with django_assert_max_num_queries(30) as few:
        response = staff_client.get(url)
    assert response.context["paginator"].count == 2
    (statement,) = index_statements(few.captured_queries)
    if connection.vendor == "sqlite":
        assert statement.count(" MATCH ") == 1
        assert "bm25(" in statement
    else:
        assert "ts_rank(" in statement
    for n in range(38):
        factories.BlogPostPageFactory(parent=tree.blog, title=f"Curlew more {n}")
    reindex()
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = staff_client.get(url)
    assert response.context["paginator"].count == 40
    assert len(index_statements(many.captured_queries)) == 1
