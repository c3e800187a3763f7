import uuid

import pytest

from intranet.discussions.models import DiscussionThreadPage
from tests.factories import DiscussionThreadPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(tree):
    return DiscussionThreadPageFactory(
        parent=tree.discussions, title="A thread", owner=UserFactory(username="author")
    )


def test_moderators_pin_and_unpin(client, thread, moderator):
    client.force_login(moderator)
    client.post(f"/threads/{thread.pk}/pin/", {"pinned": "1"})
    thread.refresh_from_db()
    assert thread.pinned
    thread.title = "Republished"
    thread.save_revision().publish()
    thread.refresh_from_db()
    assert thread.pinned  # publishing a revision keeps moderation state
    client.post(f"/threads/{thread.pk}/pin/", {"pinned": "0"})
    thread.refresh_from_db()
    assert not thread.pinned


def test_a_locked_thread_shows_a_notice_and_takes_no_replies(
    client, thread, moderator, staff
):
    client.force_login(moderator)
    client.post(f"/threads/{thread.pk}/lock/", {"locked": "1"})
    client.force_login(staff)
    html = client.get(thread.url).content.decode()
    assert 'data-testid="thread-locked"' in html
    response = client.post(thread.url, {"text": "Too late", "token": str(uuid.uuid4())})
    assert response.status_code == 403


def test_a_hidden_thread_is_seen_only_by_its_author_with_the_reason(
    client, thread, moderator, staff
):
    client.force_login(moderator)
    client.post(
        f"/threads/{thread.pk}/hide/", {"reason": "Please use the service desk."}
    )
    client.force_login(staff)
    assert client.get(thread.url).status_code == 404
    assert "A thread" not in client.get(thread.get_parent().url).content.decode()
    client.force_login(thread.owner)
    html = client.get(thread.url).content.decode()
    assert "Please use the service desk." in html


def test_staff_cannot_pin_lock_or_hide(staff_client, thread):
    for url, data in [
        ("pin", {"pinned": "1"}),
        ("lock", {"locked": "1"}),
        ("hide", {"reason": "x"}),
    ]:
        assert (
            staff_client.post(f"/threads/{thread.pk}/{url}/", data).status_code == 403
        )
    thread.refresh_from_db()
    assert not (thread.pinned or thread.comments_closed or thread.is_hidden)


def test_forged_fields_in_the_thread_form_are_ignored(staff_client, tree, staff):
    other = UserFactory()
    staff_client.post(
        "/threads/new/",
        {
            "title": "Mine",
            "body": "x",
            "owner": other.pk,
            "pinned": "on",
            "hidden_at": "2020-01-01",
        },
    )
    thread = DiscussionThreadPage.objects.get()
    assert thread.owner == staff
    assert not thread.pinned and not thread.is_hidden
