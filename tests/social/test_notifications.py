import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageViewRestriction

from social import services
from social.models import Comment
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db


def post_comment(client, page, text, parent=None):
    data = {"text": text, "token": str(uuid.uuid4())}
    if parent:
        data["parent"] = parent.pk
    return client.post(page.url, data)


def test_the_post_authors_hear_about_a_new_comment(
    staff_client, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Great read")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["laura@example.com"]
    assert "Great read" in message.body
    assert f"{post.url}?comments=all#c" in message.body


def test_the_author_of_the_comment_replied_to_hears_about_the_reply(
    staff_client, post, django_capture_on_commit_callbacks
):
    mikko = UserFactory(username="mikko")
    parent = comment_on(post, mikko, "Question")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Answer", parent=parent)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "laura@example.com",
        "mikko@example.com",
    ]
    reply_mail = next(m for m in mail.outbox if m.to == ["mikko@example.com"])
    assert "replied" in reply_mail.subject


def test_nobody_is_told_about_their_own_comment_or_against_their_choice(
    client, post, django_capture_on_commit_callbacks
):
    laura = post.people[0]
    client.force_login(laura)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, "Replying on my own post")
    assert mail.outbox == []
    laura.email_notifications = False
    laura.save()
    client.force_login(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, "Another")
    assert mail.outbox == []


def test_no_mail_about_a_page_the_recipient_may_no_longer_see(
    staff_client, post, tree, staff, django_capture_on_commit_callbacks
):
    group = Group.objects.create(name="Insiders")
    staff.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Only insiders see this")
    assert mail.outbox == []  # Laura, the author, is not an insider any more


def test_a_rolled_back_comment_sends_nothing(
    post, staff, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.add_comment(post, staff, "Never happened")
            raise RuntimeError
    assert callbacks == []
    assert not Comment.objects.exists()


def test_line_breaks_in_names_and_titles_never_reach_mail_headers(
    staff_client, post, staff, django_capture_on_commit_callbacks
):
    post.title = "Title\r\nBcc: victim@example.com"
    post.save_revision().publish()
    staff.display_name = "Sam\r\nBcc: victim@example.com"
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Hello")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
    assert "victim@example.com" not in message.message()["To"]
