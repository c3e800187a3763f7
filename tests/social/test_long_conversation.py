"""A very long conversation stays quick: only the window of threads shown is read,
its authors with it, and what lies before and after it is counted in the database.
"""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.social import conversation
from intranet.social.conversation import ALL_THREADS, SHOWN_THREADS, comment_link
from intranet.social.models import Comment, CommentLike, CommentReport
from tests.factories import BlogPostPageFactory, UserFactory, bulk_threads

pytestmark = pytest.mark.django_db

# 2,500 threads of a comment and its reply: 5,000 comments, 50 in a window.
THREADS, REPLIES = 2500, 1


@pytest.fixture
def people(db):
    return [UserFactory() for _ in range(7)]


def post_with(tree, people, threads, replies=REPLIES):
    post = BlogPostPageFactory(parent=tree.blog)
    roots = bulk_threads(post, people, threads, replies)
    liked = Comment.objects.for_page(post).order_by("-pk")[:40]
    CommentLike.objects.bulk_create(
        CommentLike(comment=c, user=people[(n + 1) % len(people)])
        for n, c in enumerate(liked)
    )
    CommentReport.objects.bulk_create(
        CommentReport(comment=c, user=people[0], reason="Rude") for c in liked[::7]
    )
    return post, roots


def queries_for(client, url):
    client.get(url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def best_of_three(client, url):
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    return min(timings)


def test_the_helper_builds_threads_as_django_comments_xtd_does(tree, people):
    post, roots = post_with(tree, people, 3, replies=3)
    comments = list(Comment.objects.for_page(post).thread_order())
    assert len(comments) == 3 * 4
    for root in roots:
        thread = [c for c in comments if c.thread_id == root.pk]
        assert [c.level for c in thread] == [0, 1, 2, 3]
        assert [c.order for c in thread] == [1, 2, 3, 4]
        assert [c.parent_id for c in thread] == [root.pk] + [c.pk for c in thread[:-1]]
        assert [c.nested_count for c in thread] == [3, 2, 1, 0]


@pytest.mark.parametrize("reader", ["staff", "moderator"])
def test_a_post_costs_the_same_with_none_thirty_or_five_thousand_comments(
    client, tree, people, staff, moderator, reader
):
    """Only the latest threads and their replies are read, with their authors, likes
    and reports; the threads before them are counted, not loaded: 5,000 comments cost
    what none do."""
    empty = BlogPostPageFactory(parent=tree.blog)
    thirty, _ = post_with(tree, people, 15, replies=1)
    huge, _ = post_with(tree, people, THREADS)
    assert Comment.objects.for_page(thirty).count() == 30
    assert Comment.objects.for_page(huge).count() == 5000
    client.force_login(staff if reader == "staff" else moderator)
    counts = [queries_for(client, page.url) for page in (empty, thirty, huge)]
    assert counts[0] == counts[1] == counts[2]
    assert counts[2] <= 30


def test_an_older_window_of_a_long_conversation_costs_what_a_short_ones_does(
    staff_client, tree, people
):
    short, short_roots = post_with(tree, people, SHOWN_THREADS * 2 + 5, replies=1)
    huge, roots = post_with(tree, people, THREADS)
    before_short = f"{short.url}?before={short_roots[SHOWN_THREADS + 5].pk}"
    before_huge = f"{huge.url}?before={roots[600].pk}"
    assert queries_for(staff_client, before_short) == queries_for(
        staff_client, before_huge
    )


def test_a_post_with_five_thousand_comments_renders_in_half_a_second(
    staff_client, tree, people
):
    huge, _ = post_with(tree, people, THREADS)
    staff_client.get(huge.url)  # warm per-process caches
    assert best_of_three(staff_client, huge.url) < 0.5


def test_the_latest_window_counts_the_comments_of_every_earlier_thread(
    staff_client, tree, people
):
    huge, roots = post_with(tree, people, THREADS)
    html = staff_client.get(huge.url).content.decode()
    assert html.count('data-testid="comment"') == SHOWN_THREADS * (REPLIES + 1)
    earlier = (THREADS - SHOWN_THREADS) * (REPLIES + 1)
    assert f"Show {earlier} earlier comments" in html
    assert f'href="{huge.url}?before={roots[-SHOWN_THREADS].pk}#conversation"' in html
    assert 'data-testid="later-comments"' not in html
    assert "5000 comments" in html
    assert f"Thread {THREADS - SHOWN_THREADS} comment 1" in html
    assert f"Thread {THREADS - SHOWN_THREADS - 1} comment 0" not in html


def test_a_window_in_the_middle_counts_what_lies_on_either_side(
    staff_client, tree, people
):
    huge, roots = post_with(tree, people, THREADS)
    # Windows count back from the latest: 2475-2499, 2450-2474, ...
    html = staff_client.get(huge.url, {"before": roots[2450].pk}).content.decode()
    assert "Thread 2425 comment 0" in html and "Thread 2449 comment 1" in html
    assert "Thread 2424 comment 1" not in html and "Thread 2450 comment 0" not in html
    assert f"Show {2425 * 2} earlier comments" in html
    assert f"Show {50 * 2} later comments" in html
    assert f'href="{huge.url}?before={roots[2425].pk}#conversation"' in html
    assert f'href="{huge.url}?before={roots[2475].pk}#conversation"' in html


def test_a_link_to_an_old_comment_opens_the_window_that_holds_it(
    staff_client, tree, people
):
    huge, roots = post_with(tree, people, THREADS)
    old = Comment.objects.get(thread_id=roots[7].pk, level=1)
    link = comment_link(huge, old)
    # 2,492 threads are newer than thread 7: 99 windows back, the one before 25.
    assert link == f"{huge.url}?before={roots[25].pk}#{old.anchor}"
    html = staff_client.get(link).content.decode()
    assert f'id="{old.anchor}"' in html
    assert "Thread 0 comment 0" in html and "Thread 24 comment 1" in html
    response = staff_client.get(f"/social/comments/{old.pk}/")
    assert response["Location"] == link


def test_every_comment_of_a_long_conversation_can_still_be_shown_at_once(
    staff_client, tree, people
):
    long, _ = post_with(tree, people, SHOWN_THREADS * 12, replies=3)
    html = staff_client.get(long.url, {"comments": "all"}).content.decode()
    assert html.count('data-testid="comment"') == SHOWN_THREADS * 12 * 4
    assert "Thread 0 comment 0" in html and "Thread 299 comment 3" in html
    assert 'data-testid="earlier-comments"' not in html


def test_showing_every_comment_stops_at_the_latest_threads_with_a_link_back(
    staff_client, tree, people
):
    huge, roots = post_with(tree, people, THREADS)
    html = staff_client.get(huge.url, {"comments": "all"}).content.decode()
    assert html.count('data-testid="comment"') == ALL_THREADS * (REPLIES + 1)
    first_shown = THREADS - ALL_THREADS
    assert f"Thread {first_shown} comment 0" in html
    assert f"Thread {first_shown - 1} comment 1" not in html
    assert f"Show {first_shown * (REPLIES + 1)} earlier comments" in html
    assert f'href="{huge.url}?before={roots[first_shown].pk}#conversation"' in html


def best_build_of_three(page, request):
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        built = conversation.build(page, request)
        timings.append(time.perf_counter() - started)
    return built, min(timings)


def test_gathering_every_comment_grows_with_the_conversation_not_its_square(
    tree, people, staff, rf
):
    """The tree of every comment shown is built in one pass: four times the comments
    take about four times as long, far from the sixteen of a quadratic build, in
    the same queries."""
    small, _ = post_with(tree, people, ALL_THREADS // 4)
    huge, _ = post_with(tree, people, ALL_THREADS)
    request = rf.get("/", {"comments": "all"})
    request.user = staff
    for page in (small, huge):
        conversation.build(page, request)  # warm the caches of the page and reader
    with CaptureQueriesContext(connection) as few:
        built_small, small_time = best_build_of_three(small, request)
    with CaptureQueriesContext(connection) as many:
        built_huge, huge_time = best_build_of_three(huge, request)
    assert len(few) == len(many)
    assert len(built_small.roots) == ALL_THREADS // 4
    assert len(built_huge.roots) == ALL_THREADS
    assert built_huge.count == ALL_THREADS * 2 and built_huge.window.earlier == 0
    assert huge_time / small_time < 8


def reverses_for(client, url, monkeypatch):
    """How many addresses Django reverses to answer ``url``."""
    from django.urls.resolvers import URLResolver

    calls = []
    original = URLResolver._reverse_with_prefix

    def counted(self, *args, **kwargs):
        calls.append(args[0])
        return original(self, *args, **kwargs)

    client.get(url)  # warm per-process caches
    with monkeypatch.context() as patched:
        patched.setattr(URLResolver, "_reverse_with_prefix", counted)
        assert client.get(url).status_code == 200
    return len(calls)


def test_a_window_reverses_the_addresses_of_comment_actions_once_not_per_comment(
    staff_client, tree, people, monkeypatch
):
    """Like, edit, report and the authors' profiles: each address is reversed once
    for the page and filled in for each comment, so fifty comments reverse what
    two do."""
    # The same two people speak in both (the aside names each speaker once).
    two, _ = post_with(tree, people[:2], 1, replies=1)
    fifty, _ = post_with(tree, people[:2], SHOWN_THREADS, replies=1)
    assert reverses_for(staff_client, two.url, monkeypatch) == reverses_for(
        staff_client, fifty.url, monkeypatch
    )
