"""A thread a moderator hid does not exist for plain staff, whatever they post to.

Every action endpoint that takes a thread, a comment, a poll or a notification
answers 404 to anyone the audience rule keeps from the thread, stores nothing, and
names neither the thread nor its replies. Moderators still act on it, and so does
the thread's author where the rule lets them see it.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from intranet.discussions.models import Ballot, DiscussionThreadPage
from intranet.discussions.services import hide_thread
from intranet.social.models import (
    Comment,
    CommentLike,
    CommentReport,
    Kind,
    Notification,
    PageFollow,
    PageReaction,
    ShareClick,
)
from intranet.social.services import follow
from tests.factories import (
    DiscussionThreadPageFactory,
    UserFactory,
    comment_on,
    make_poll,
)

pytestmark = pytest.mark.django_db

TITLE = "Salary bands CANARY-HID"
REPLY = "My band is CANARY-REPLY"


@pytest.fixture
def hidden(tree, moderator, staff):
    """A hidden thread with a poll, a reply by a colleague and one by ``staff``,
    which ``staff`` followed, and a notification they got before it was hidden."""
    author = UserFactory(username="author")
    thread = DiscussionThreadPageFactory(
        parent=tree.discussions, title=TITLE, owner=author
    )
    poll = make_poll(thread)
    reply = comment_on(thread, UserFactory(username="replier"), REPLY)
    own = comment_on(thread, staff, f"{REPLY} too")
    notification = Notification.objects.create(
        recipient=staff, kind=Kind.REPLY, page=thread, comment=reply
    )
    follow(staff, thread)
    hide_thread(thread, moderator, "Off topic")
    thread.refresh_from_db()
    return {
        "thread": thread,
        "poll": poll,
        "reply": reply,
        "own": own,
        "notification": notification,
    }


def endpoints(hidden):
    """(method, address, data) for every action endpoint, on the hidden thread."""
    thread, reply, own = hidden["thread"], hidden["reply"], hidden["own"]
    poll = hidden["poll"]
    option = poll.options.first()
    return [
        ("post", f"/social/pages/{thread.pk}/follow/", {}),
        ("post", f"/social/pages/{thread.pk}/unfollow/", {}),
        ("post", f"/social/pages/{thread.pk}/react/", {"kind": "like"}),
        ("post", f"/social/pages/{thread.pk}/close-comments/", {}),
        ("post", f"/social/pages/{thread.pk}/open-comments/", {}),
        ("post", f"/social/share/{thread.pk}/copy/", {}),
        ("get", f"/social/comments/{reply.pk}/", None),
        ("post", f"/social/comments/{reply.pk}/like/", {}),
        ("get", f"/social/comments/{reply.pk}/report/", None),
        ("post", f"/social/comments/{reply.pk}/report/", {"reason": "Rude"}),
        ("get", f"/social/comments/{reply.pk}/hide/", None),
        ("post", f"/social/comments/{reply.pk}/hide/", {"reason": "Rude"}),
        ("post", f"/social/comments/{reply.pk}/restore/", {}),
        ("get", f"/social/comments/{own.pk}/edit/", None),
        ("post", f"/social/comments/{own.pk}/edit/", {"text": "Changed"}),
        ("get", f"/social/comments/{own.pk}/delete/", None),
        ("post", f"/social/comments/{own.pk}/delete/", {}),
        ("get", f"/social/notifications/{hidden['notification'].pk}/", None),
        ("get", f"/threads/{thread.pk}/edit/", None),
        ("post", f"/threads/{thread.pk}/edit/", {"title": "x", "body": "y"}),
        ("post", f"/threads/{thread.pk}/answer/", {"comment": reply.pk}),
        ("post", f"/threads/{thread.pk}/pin/", {"pinned": "1"}),
        ("post", f"/threads/{thread.pk}/lock/", {"locked": "1"}),
        ("get", f"/threads/{thread.pk}/hide/", None),
        ("post", f"/threads/{thread.pk}/hide/", {"reason": "x"}),
        ("post", f"/threads/{thread.pk}/unhide/", {}),
        ("post", f"/threads/polls/{poll.pk}/vote/", {"option": option.pk}),
        ("get", thread.url, None),
        ("get", f"{thread.url}?reply_to={reply.pk}", None),
        ("post", thread.url, {"text": "Hello", "token": "0" * 32}),
    ]


def stored(hidden):
    """What an action on the hidden thread could have left behind."""
    thread = DiscussionThreadPage.objects.get(pk=hidden["thread"].pk)
    return {
        "follows": PageFollow.objects.filter(page=thread).count(),
        "likes": CommentLike.objects.count(),
        "reactions": PageReaction.objects.count(),
        "reports": CommentReport.objects.count(),
        "ballots": Ballot.objects.count(),
        "shares": ShareClick.objects.count(),
        "comments": Comment.objects.filter(is_removed=False, is_public=True).count(),
        "texts": sorted(Comment.objects.values_list("comment", flat=True)),
        "thread": (
            thread.title,
            thread.pinned,
            thread.comments_closed,
            thread.is_hidden,
            thread.answer_id,
        ),
        "unread": Notification.objects.filter(read_at__isnull=True).count(),
    }


ENDPOINT_COUNT = 30


@pytest.mark.parametrize("index", range(ENDPOINT_COUNT))
def test_plain_staff_get_a_404_that_names_nothing_and_change_nothing(
    staff_client, hidden, index
):
    method, url, data = endpoints(hidden)[index]
    before = stored(hidden)
    response = getattr(staff_client, method)(url, data)
    body = response.content.decode()
    assert response.status_code == 404, url
    assert "CANARY" not in body
    assert stored(hidden) == before


@pytest.mark.parametrize("index", range(ENDPOINT_COUNT))
def test_scripts_asking_for_json_get_the_same_404(staff_client, hidden, index):
    method, url, data = endpoints(hidden)[index]
    before = stored(hidden)
    response = getattr(staff_client, method)(
        url, data, headers={"accept": "application/json"}
    )
    assert response.status_code == 404, url
    assert "CANARY" not in response.content.decode()
    assert stored(hidden) == before


def test_the_list_of_endpoints_is_every_one_that_takes_an_id():
    """A new action endpoint with an id in its address must join the list above."""

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else ""
                yield from names(pattern, inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.pattern.converters:
                if any(k in pattern.pattern.converters for k in ("pk", "page_id")):
                    yield f"{namespace}{pattern.name}"

    routed = set(names(get_resolver()))
    covered = {
        "intranet:social:page-follow",
        "intranet:social:page-unfollow",
        "intranet:social:page-react",
        "intranet:social:page-comments-close",
        "intranet:social:page-comments-open",
        "intranet:social:share",
        "intranet:social:comment",
        "intranet:social:comment-like",
        "intranet:social:comment-report",
        "intranet:social:comment-hide",
        "intranet:social:comment-restore",
        "intranet:social:comment-edit",
        "intranet:social:comment-delete",
        "intranet:social:notification-open",
        "intranet:discussions:thread-edit",
        "intranet:discussions:thread-answer",
        "intranet:discussions:thread-pin",
        "intranet:discussions:thread-lock",
        "intranet:discussions:thread-hide",
        "intranet:discussions:thread-unhide",
        "intranet:discussions:poll-vote",
    }
    assert {name for name in routed if name.startswith("intranet:")} == covered


def test_the_follow_message_of_a_hidden_thread_never_reaches_plain_staff(
    staff_client, hidden
):
    thread = hidden["thread"]
    response = staff_client.post(f"/social/pages/{thread.pk}/follow/", follow=True)
    assert "CANARY" not in response.content.decode()
    shown = staff_client.get("/social/following/").content.decode()
    assert "CANARY" not in shown


def test_an_answer_must_be_a_reply_in_the_thread_itself(client, hidden, tree):
    """The author of an open thread cannot mark a reply of the hidden one."""
    other = DiscussionThreadPageFactory(parent=tree.discussions, title="Open")
    client.force_login(other.owner)
    response = client.post(
        f"/threads/{other.pk}/answer/", {"comment": hidden["reply"].pk}
    )
    other.refresh_from_db()
    assert response.status_code == 404
    assert "CANARY" not in response.content.decode()
    assert other.answer_id is None


def test_moderators_still_follow_like_react_and_report_on_a_hidden_thread(
    client, hidden, moderator
):
    thread, reply = hidden["thread"], hidden["reply"]
    client.force_login(moderator)
    response = client.post(f"/social/pages/{thread.pk}/follow/")
    assert response.status_code == 302
    assert PageFollow.objects.filter(page=thread, user=moderator).exists()
    client.post(f"/social/pages/{thread.pk}/react/", {"kind": "like"})
    assert PageReaction.objects.filter(page=thread, user=moderator).exists()
    client.post(f"/social/comments/{reply.pk}/like/")
    assert CommentLike.objects.filter(comment=reply, user=moderator).exists()
    response = client.get(f"/social/comments/{reply.pk}/report/")
    assert response.status_code == 200
    assert REPLY in response.content.decode()
    client.post(f"/social/comments/{reply.pk}/report/", {"reason": "Rude"})
    assert CommentReport.objects.filter(comment=reply, user=moderator).exists()
    client.post(f"/social/comments/{reply.pk}/hide/", {"reason": "Rude"})
    reply.refresh_from_db()
    assert reply.is_hidden
    client.post(f"/threads/{thread.pk}/unhide/")
    thread.refresh_from_db()
    assert not thread.is_hidden


def test_the_author_of_the_hidden_thread_still_follows_it(client, hidden):
    thread = hidden["thread"]
    client.force_login(thread.owner)
    response = client.post(f"/social/pages/{thread.pk}/follow/")
    assert response.status_code == 302
    assert PageFollow.objects.filter(page=thread, user=thread.owner).exists()
