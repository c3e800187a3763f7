import pytest

from intranet.social import services
from intranet.social.models import Comment, CommentReport
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db


def test_staff_report_a_comment_with_a_reason(staff_client, post):
    comment = comment_on(post, UserFactory(), "Rude words")
    url = f"/social/comments/{comment.pk}/report/"
    empty = staff_client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Say why" in empty.content.decode()
    assert staff_client.post(url, {"reason": "Insults a colleague"}).status_code == 302
    report = CommentReport.objects.get()
    assert (report.reason, report.status) == ("Insults a colleague", "open")


def test_moderators_hide_with_a_reason_the_author_sees(client, post, moderator):
    author = UserFactory(username="author")
    comment = comment_on(post, author, "Off-topic rant")
    client.force_login(moderator)
    response = client.post(
        f"/social/comments/{comment.pk}/hide/", {"reason": "Please keep to the topic."}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_by == moderator

    client.force_login(author)
    html = client.get(post.url).content.decode()
    assert "Off-topic rant" in html
    assert "Please keep to the topic." in html

    client.force_login(UserFactory())
    html = client.get(post.url).content.decode()
    assert "Off-topic rant" not in html
    assert "This comment was hidden by a moderator." in html
    assert "Please keep to the topic." not in html


def test_moderators_restore_hidden_comments(client, post, moderator):
    comment = comment_on(post, UserFactory(), "Fine after all")
    services.hide_comment(comment, moderator, "Checking")
    client.force_login(moderator)
    assert client.post(f"/social/comments/{comment.pk}/restore/").status_code == 302
    comment.refresh_from_db()
    assert comment.is_public
    assert comment.hidden_reason == ""


def test_staff_cannot_hide_or_restore(staff_client, post, moderator):
    comment = comment_on(post, UserFactory(), "Stays")
    hidden = comment_on(post, UserFactory(), "Stays hidden")
    services.hide_comment(hidden, moderator, "Reason")
    assert (
        staff_client.post(
            f"/social/comments/{comment.pk}/hide/", {"reason": "x"}
        ).status_code
        == 403
    )
    assert (
        staff_client.post(f"/social/comments/{hidden.pk}/restore/").status_code == 403
    )
    comment.refresh_from_db()
    hidden.refresh_from_db()
    assert comment.is_public and not hidden.is_public


def test_hiding_resolves_the_open_reports(post, moderator, staff):
    comment = comment_on(post, UserFactory(), "Rude")
    services.report_comment(comment, staff, "Rude")
    services.hide_comment(comment, moderator, "Rude")
    assert CommentReport.objects.get().status == CommentReport.Status.HIDDEN


def test_moderators_close_comments_and_a_new_revision_does_not_reopen_them(
    client, post, moderator, staff
):
    client.force_login(moderator)
    client.post(f"/social/pages/{post.pk}/close-comments/")
    post.refresh_from_db()
    assert post.comments_closed
    post.title = "Edited title"
    post.save_revision().publish()
    post.refresh_from_db()
    assert post.comments_closed

    client.force_login(staff)
    html = client.get(post.url).content.decode()
    assert 'data-testid="comments-closed"' in html
    assert 'data-testid="comment-form"' not in html
    response = client.post(
        post.url,
        {"text": "Sneaking in", "token": "9b6e0c1e-4bd5-4c9c-a5f7-0d7c3f5a1b2c"},
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_staff_cannot_close_comments(staff_client, post):
    assert (
        staff_client.post(f"/social/pages/{post.pk}/close-comments/").status_code == 403
    )
    post.refresh_from_db()
    assert not post.comments_closed


def test_editors_switch_comments_off_per_post(staff_client, post):
    post.comments_enabled = False
    post.save_revision().publish()
    html = staff_client.get(post.url).content.decode()
    assert "Comments are switched off for this page." in html
    assert 'data-testid="comment-form"' not in html
    response = staff_client.post(
        post.url, {"text": "Hi", "token": "9b6e0c1e-4bd5-4c9c-a5f7-0d7c3f5a1b2c"}
    )
    assert response.status_code == 403
