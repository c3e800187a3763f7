"""Query budgets for discussions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.discussions import polls
from tests.factories import (
    DiscussionThreadPageFactory,
    UserFactory,
    comment_on,
    make_poll,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_threads(tree, count, people):
    for n in range(count):
        thread = DiscussionThreadPageFactory(
            parent=tree.discussions, owner=people[n % 3]
        )
        thread.tags.add(f"topic-{n % 4}")
        for m in range(3):
            comment_on(thread, people[(n + m) % len(people)], f"Reply {m}")


def test_the_index_costs_the_same_for_five_threads_as_for_twenty(staff_client, tree):
    """Reply counts, participants and tags are fetched for the page at once."""
    people = [UserFactory() for _ in range(6)]
    add_threads(tree, 5, people)
    few = queries_for(staff_client, "/discussions/")
    add_threads(tree, 15, people)
    many = queries_for(staff_client, "/discussions/")
    assert few == many
    assert many <= 25


def test_a_thread_with_a_poll_costs_the_same_with_two_replies_as_with_two_hundred(
    staff_client, tree
):
    """The conversation and the poll are a fixed handful of queries."""
    people = [UserFactory() for _ in range(5)]
    small = DiscussionThreadPageFactory(parent=tree.discussions)
    large = DiscussionThreadPageFactory(parent=tree.discussions)
    for thread, size in ((small, 2), (large, 200)):
        poll = make_poll(thread, labels=("A", "B"))
        for person in people:
            polls.vote(poll, person, [poll.options.first().pk])
        made = []
        for n in range(size):
            parent = made[n // 3] if n >= 3 and made[n // 3].level < 3 else None
            made.append(comment_on(thread, people[n % 5], f"Reply {n}", parent=parent))
    assert queries_for(staff_client, small.url) == queries_for(staff_client, large.url)
