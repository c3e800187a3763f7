import uuid

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from intranet.social import services
from intranet.social.models import Notification
from tests.factories import DiscussionThreadPageFactory, UserFactory, comment_on

pytestmark = pytest.mark.django_db

INBOX = "/social/notifications/"


def reply(client, page, parent, text="An answer"):
    return client.post(
        page.url, {"text": text, "token": str(uuid.uuid4()), "parent": parent.pk}
    )


def bell_count(client):
    html = client.get("/").content.decode()
    if 'data-testid="bell-count"' not in html:
        return 0
    return int(html.split('data-testid="bell-count">')[1].split("<")[0])


def test_a_reply_rings_the_bell_and_leads_to_the_exact_comment(
    client, post, staff, committed
):
    mikko = UserFactory(username="mikko", first_name="Mikko", last_name="Laine")
    question = comment_on(post, mikko, "A question")
    client.force_login(staff)
    committed(reply, client, post, question)
    client.force_login(mikko)
    assert bell_count(client) == 1
    html = client.get(INBOX).content.decode()
    assert "Sam Okafor replied to your comment on “Why we are on social media”" in html
    notification = Notification.objects.get(recipient=mikko)
    response = client.get(f"{INBOX}{notification.pk}/")
    answer = notification.comment
    assert response["Location"] == f"{post.url}#{answer.anchor}"
    assert bell_count(client) == 0


def test_the_posts_authors_hear_of_comments_and_nobody_of_their_own(
    client, post, staff, committed
):
    laura = post.people[0]
    client.force_login(staff)
    committed(client.post, post.url, {"text": "Nice", "token": str(uuid.uuid4())})
    assert Notification.objects.get().recipient == laura
    assert Notification.objects.get().kind == "comment"
    client.force_login(laura)
    committed(client.post, post.url, {"text": "Thanks", "token": str(uuid.uuid4())})
    assert Notification.objects.filter(recipient=laura).count() == 1


def test_the_author_of_a_hidden_comment_is_told_why(client, post, moderator):
    author = UserFactory(username="author")
    comment = comment_on(post, author, "Rude")
    services.hide_comment(comment, moderator, "Criticise ideas, not people.")
    client.force_login(author)
    html = client.get(INBOX).content.decode()
    assert "A moderator hid your comment" in html
    assert "Criticise ideas, not people." in html


def test_the_author_of_the_answer_is_told(client, tree, staff):
    from intranet.discussions.services import mark_answer

    asker = UserFactory(username="asker")
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=asker)
    answer = comment_on(thread, staff, "Try this")
    mark_answer(thread, asker, answer)
    assert Notification.objects.get(recipient=staff).kind == "answer"


def test_notifications_about_a_page_the_person_may_no_longer_see_disappear(
    client, post, staff, tree, committed
):
    mikko = UserFactory(username="mikko")
    question = comment_on(post, mikko, "A question")
    client.force_login(staff)
    committed(reply, client, post, question)
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    client.force_login(mikko)
    html = client.get(INBOX).content.decode()
    assert "Why we are on social media" not in html
    notification = Notification.objects.get(recipient=mikko)
    assert client.get(f"{INBOX}{notification.pk}/").status_code == 404


def test_nobody_opens_someone_elses_notification(client, post, staff, committed):
    mikko = UserFactory(username="mikko")
    question = comment_on(post, mikko, "A question")
    client.force_login(staff)
    committed(reply, client, post, question)
    notification = Notification.objects.get(recipient=mikko)
    assert client.get(f"{INBOX}{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_all_as_read(client, post, staff, committed):
    mikko = UserFactory(username="mikko")
    for n in range(3):
        question = comment_on(post, mikko, f"Question {n}")
        client.force_login(staff)
        committed(reply, client, post, question, text=f"Answer {n}")
    client.force_login(mikko)
    assert bell_count(client) == 3
    client.post(INBOX)
    assert bell_count(client) == 0
    assert not Notification.objects.filter(
        recipient=mikko, read_at__isnull=True
    ).exists()


def test_the_notification_page_costs_the_same_for_three_as_for_thirty(
    client, post, staff
):
    """Actor, page and comment come with each notification: no query per line."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mikko = UserFactory(username="mikko")
    client.force_login(mikko)

    def measure():
        client.get(INBOX)
        with CaptureQueriesContext(connection) as queries:
            client.get(INBOX)
        return len(queries)

    def add(count):
        for n in range(count):
            Notification.objects.create(
                recipient=mikko,
                kind="reply",
                actor=UserFactory(),
                page=post,
                comment=comment_on(post, staff, f"Answer {n}"),
            )

    add(3)
    few = measure()
    add(27)
    assert measure() == few
