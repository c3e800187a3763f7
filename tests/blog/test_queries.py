"""Query budgets: a page costs the same however much there is on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.social import services
from intranet.social.models import CommentLike, CommentReport, PageReaction
from tests.factories import BlogPostPageFactory, UserFactory, comment_on

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add_posts(tree, count, people):
    for n in range(count):
        post = BlogPostPageFactory(
            parent=tree.blog, authors=people[:2], tag_names=[f"topic-{n % 4}", "shared"]
        )
        comment_on(post, people[0], "Hello")
        PageReaction.objects.create(page=post, user=people[1], kind="like")


def test_the_blog_index_costs_the_same_for_three_posts_as_for_twelve(
    staff_client, tree
):
    """Authors, tags, images and the comment and reaction counts are fetched for the
    whole page at once: twelve cards cost what three do. (About half of the budget is
    the session, the site, the navigation and the audience checks of page serving.)"""
    people = [UserFactory(), UserFactory()]
    add_posts(tree, 3, people)
    few = count_queries(staff_client, "/blog/")
    add_posts(tree, 9, people)
    many = count_queries(staff_client, "/blog/")
    assert few == many
    assert many <= 22


def build_thread(post, size, people, moderator):
    """A three-level thread of ``size`` comments, with likes and reports."""
    comments = []
    for n in range(size):
        parent = comments[n // 3] if n >= 3 and comments[n // 3].level < 3 else None
        comment = comment_on(
            post, people[n % len(people)], f"Comment {n}", parent=parent
        )
        comments.append(comment)
        if n % 2:
            CommentLike.objects.create(
                comment=comment, user=people[(n + 1) % len(people)]
            )
        if n % 10 == 0:
            CommentReport.objects.create(comment=comment, user=people[0], reason="Rude")
    services.hide_comment(comments[-1], moderator, "Off topic")
    return comments


@pytest.mark.parametrize("reader", ["staff", "moderator"])
def test_a_post_costs_the_same_with_two_comments_as_with_two_hundred(
    client, tree, moderator, staff, reader
):
    """The whole thread, likes, the reader's own likes, reports and reactions are a
    fixed handful of queries: 200 comments in three levels cost what 2 do."""
    people = [UserFactory() for _ in range(5)]
    small = BlogPostPageFactory(parent=tree.blog)
    large = BlogPostPageFactory(parent=tree.blog)
    build_thread(small, 2, people, moderator)
    comments = build_thread(large, 200, people, moderator)
    assert max(c.level for c in comments) == 3
    client.force_login(staff if reader == "staff" else moderator)
    assert count_queries(client, small.url) == count_queries(client, large.url)
    assert count_queries(client, large.url) <= 22
