import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from wagtail.models import PageViewRestriction

from intranet.social import preferences, services
from intranet.social.models import Comment, Delivery, Kind, Notification
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db


def post_comment(client, page, text, parent=None):
    data = {"text": text, "token": str(uuid.uuid4())}
    if parent:
        data["parent"] = parent.pk
    return client.post(page.url, data)


def test_the_post_authors_hear_about_a_new_comment_in_their_digest(
    staff_client, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Great read")
    assert mail.outbox == []  # comments wait for the daily digest by default
    laura = post.people[0]
    notification = Notification.objects.get(recipient=laura)
    assert notification.kind == Kind.COMMENT
    assert notification.emailed_at is None


def test_a_comment_is_mailed_at_once_to_whoever_asked_for_it(
    staff_client, post, django_capture_on_commit_callbacks
):
    laura = post.people[0]
    preferences.choose(laura, Kind.COMMENT, on_site=True, email=Delivery.INSTANT)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Great read")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["laura@example.com"]
    assert "Great read" in message.body
    notification = Notification.objects.get(recipient=laura)
    assert f"/social/notifications/{notification.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "Great read" in html and "<html" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def test_the_author_of_the_comment_replied_to_hears_about_the_reply_at_once(
    staff_client, post, django_capture_on_commit_callbacks
):
    mikko = UserFactory(username="mikko")
    parent = comment_on(post, mikko, "Question")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Answer", parent=parent)
    assert [m.to[0] for m in mail.outbox] == ["mikko@example.com"]
    assert "replied" in mail.outbox[0].subject


def test_nobody_is_told_about_their_own_comment_or_against_their_choice(
    client, post, django_capture_on_commit_callbacks
):
    laura = post.people[0]
    client.force_login(laura)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, "Replying on my own post")
    assert not Notification.objects.exists()
    preferences.choose(laura, Kind.COMMENT, on_site=False, email=Delivery.OFF)
    client.force_login(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, post, "Another")
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_no_mail_about_a_page_the_recipient_may_no_longer_see(
    staff_client, post, tree, staff, django_capture_on_commit_callbacks
):
    laura = post.people[0]
    preferences.choose(laura, Kind.COMMENT, on_site=True, email=Delivery.INSTANT)
    group = Group.objects.create(name="Insiders")
    staff.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Only insiders see this")
    assert mail.outbox == []  # Laura, the author, is not an insider any more
    assert not Notification.objects.filter(recipient=laura).exists()


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
    staff.intranet_profile.display_name = "Sam\r\nBcc: victim@example.com"
    staff.intranet_profile.save()
    preferences.choose(
        post.people[0], Kind.COMMENT, on_site=True, email=Delivery.INSTANT
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(staff_client, post, "Hello")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.bcc == []
    assert "victim@example.com" not in message.message()["To"]
