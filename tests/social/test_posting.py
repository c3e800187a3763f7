"""Posting a comment or a reply costs the same however long the conversation is: the
comment's rows are written once, with their thread fields, and the reader lands on
the comment in the window of threads that holds it."""

import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment

from intranet.social import services
from intranet.social.conversation import SHOWN_THREADS
from intranet.social.models import Comment, Notification, PageFollow
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    UserFactory,
    comment_on,
)

pytestmark = pytest.mark.django_db

# Replies to these, counted from the start of a conversation built by threads_of().
SHAPE = [None, 0, 1, 1, 0, 4, 2, None, 7, 0, 3, 8, 5, 2]


@pytest.fixture
def people(db):
    return [UserFactory() for _ in range(4)]


def threads_of(page, people, size, length=4):
    """``size`` comments in threads of ``length``: a comment and a chain of replies
    (with four, down to the deepest level)."""
    comments = []
    for n in range(size):
        parent = comments[n - 1] if n % length else None
        author = people[n % len(people)]
        comments.append(comment_on(page, author, f"Comment {n}", parent))
    return comments


def send_reply(client, page, parent, text):
    return client.post(
        page.url, {"text": text, "token": str(uuid.uuid4()), "parent": parent.pk}
    )


def warm(client, page):
    """A first request fills the per-process caches (content types, site roots)."""
    client.get(page.url)


@pytest.mark.parametrize("size", [2, 200])
def test_replying_costs_twenty_queries_whatever_the_size_of_the_conversation(
    staff_client, tree, people, size, django_assert_max_num_queries
):
    """A reply to a comment in the middle of an old thread, in an older window, at
    the deepest level (so it joins the level above): the costliest reply there is.
    Half of it is the session, the page's route and its audience; the rest is the
    parent, its place in the thread, the three rows and the window to land on, the
    same for a conversation of 2 comments as of 200."""
    post = BlogPostPageFactory(parent=tree.blog)
    comments = threads_of(post, people, size)
    # The first thread's last word; with 200 comments, deepest and 25 threads back.
    parent = comments[-1] if size == 2 else comments[3]
    warm(staff_client, post)
    with django_assert_max_num_queries(20):
        response = send_reply(staff_client, post, parent, "A late answer")
    assert response.status_code == 302
    reply = Comment.objects.get(comment="A late answer")
    assert response["Location"].endswith(f"#{reply.anchor}")


def test_a_new_thread_costs_no_more_than_a_reply(
    staff_client, post, people, django_assert_max_num_queries
):
    """A new thread needs no place in a thread: it is its own."""
    threads_of(post, people, 40)
    warm(staff_client, post)
    with django_assert_max_num_queries(16):
        response = staff_client.post(
            post.url, {"text": "Something new", "token": str(uuid.uuid4())}
        )
    assert response.status_code == 302


def test_a_reply_in_a_followed_thread_stays_within_the_budget(
    staff_client, tree, staff, people, django_assert_max_num_queries
):
    """A reply in a discussion also marks the thread active and makes the replier
    follow it (stored once, however often they reply): a statement each beyond a
    reply on a post, in the budget of a post's reply plus one."""
    thread = DiscussionThreadPageFactory(parent=tree.discussions)
    comments = threads_of(thread, people, 12)
    warm(staff_client, thread)
    for text in ("First reply", "Second reply"):
        with django_assert_max_num_queries(21):
            response = send_reply(staff_client, thread, comments[4], text)
        assert response.status_code == 302
    assert PageFollow.objects.filter(user=staff, page=thread).count() == 1


def test_each_row_of_a_comment_is_inserted_once_and_never_updated(
    staff_client, post, people
):
    comments = threads_of(post, people, 8)
    warm(staff_client, post)
    for data in (
        {"text": "A new thread", "token": str(uuid.uuid4())},
        {"text": "A reply", "token": str(uuid.uuid4()), "parent": comments[5].pk},
    ):
        with CaptureQueriesContext(connection) as queries:
            staff_client.post(post.url, data)
        statements = [q["sql"].split(" (")[0] for q in queries.captured_queries]
        inserts = [s for s in statements if s.startswith("INSERT")]
        assert inserts == [
            'INSERT INTO "django_comments"',
            'INSERT INTO "django_comments_xtd_xtdcomment"',
            'INSERT INTO "intranet_social_comment"',
        ]
        assert not any(
            s.startswith(('UPDATE "django_comments" ', 'UPDATE "intranet_social'))
            for s in statements
        )
    thread = Comment.objects.get(comment="A new thread")
    assert thread.thread_id == thread.parent_id == thread.pk
    assert (thread.level, thread.order, thread.nested_count) == (0, 1, 0)


def xtd_comment(page, author, text, parent=None):
    """A comment threaded by django-comments-xtd's own save, for comparison."""
    comment = XtdComment(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        object_pk=str(page.pk),
        site=Site.objects.get_current(),
        user=author,
        comment=text,
        parent_id=parent.pk if parent else 0,
    )
    comment.save()
    return comment


def shape_of(comments):
    """Each comment's thread fields, with ids told as positions in ``comments``."""
    position = {c.pk: n for n, c in enumerate(comments)}
    rows = {c.pk: c for c in XtdComment.norel_objects.filter(pk__in=position)}
    return [
        (
            position[rows[c.pk].thread_id],
            position[rows[c.pk].parent_id],
            rows[c.pk].level,
            rows[c.pk].order,
            rows[c.pk].nested_count,
        )
        for c in comments
    ]


def test_replies_take_the_places_django_comments_xtd_gives_them(tree, people):
    """Replies in the middle of a thread push the comments after them down, and
    every ancestor counts one more reply below it, as django-comments-xtd has it,
    even when the comment replied to was read before earlier replies moved it."""
    ours_page = BlogPostPageFactory(parent=tree.blog)
    theirs_page = BlogPostPageFactory(parent=tree.blog)
    ours, theirs = [], []
    for n, replying_to in enumerate(SHAPE):
        author = people[n % len(people)]
        parent_ours = ours[replying_to] if replying_to is not None else None
        parent_theirs = theirs[replying_to] if replying_to is not None else None
        # The parents are the objects as first stored, never read again.
        ours.append(services.add_comment(ours_page, author, f"{n}", parent_ours))
        theirs.append(xtd_comment(theirs_page, author, f"{n}", parent_theirs))
    assert max(c.level for c in theirs) == 3
    assert shape_of(ours) == shape_of(theirs)


def test_after_replying_the_reader_lands_on_the_reply_in_its_window(
    staff_client, post, people
):
    """Not on every comment at once: the window holding the reply's thread, a
    fraction of the page of all of them, with the reply in it."""
    comments = threads_of(post, people, 200, length=2)
    old = comments[9]  # in the fifth of a hundred threads, far back
    response = send_reply(staff_client, post, old, "Answering an old thread")
    reply = Comment.objects.get(comment="Answering an old thread")
    landing = response["Location"]
    assert "comments=all" not in landing
    assert landing.endswith(f"#{reply.anchor}")
    page = staff_client.get(landing).content.decode()
    assert f'id="{reply.anchor}"' in page
    assert "Answering an old thread" in page
    everything = staff_client.get(post.url, {"comments": "all"}).content.decode()
    assert "Answering an old thread" in everything
    assert len(page) * 3 < len(everything)
    assert page.count('data-testid="comment"') <= SHOWN_THREADS * 4


def test_a_notification_leads_to_the_comment_in_its_window(
    client, post, staff, people, committed
):
    comments = threads_of(post, people, 200, length=2)
    asker = comments[4].user  # the third thread's first comment
    client.force_login(staff)
    committed(send_reply, client, post, comments[4], "Here is what we found")
    reply = Comment.objects.get(comment="Here is what we found")
    notification = Notification.objects.get(recipient=asker, comment=reply)
    client.force_login(asker)
    response = client.get(f"/social/notifications/{notification.pk}/")
    landing = response["Location"]
    assert "comments=all" not in landing
    assert "?before=" in landing and landing.endswith(f"#{reply.anchor}")
    page = client.get(landing).content.decode()
    assert f'id="{reply.anchor}"' in page and "Here is what we found" in page
    everything = client.get(post.url, {"comments": "all"}).content.decode()
    assert len(page) * 3 < len(everything)


def test_an_action_page_leads_back_to_the_comment_in_its_window(
    staff_client, post, people
):
    """Cancelling a report of an old comment goes back to that comment, wherever
    it is in the conversation, not to the latest threads."""
    comments = threads_of(post, people, 120, length=2)
    old = comments[2]
    html = staff_client.get(f"/social/comments/{old.pk}/report/").content.decode()
    back = f'href="/social/comments/{old.pk}/"'
    assert back in html
    landing = staff_client.get(f"/social/comments/{old.pk}/")["Location"]
    assert "?before=" in landing and landing.endswith(f"#{old.anchor}")
    assert f'id="{old.anchor}"' in staff_client.get(landing).content.decode()
