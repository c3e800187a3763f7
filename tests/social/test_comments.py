import uuid

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from intranet.social import services
from intranet.social.models import Comment, CommentLike
from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db


def send(client, page, text, parent=None, token=None, **extra):
    data = {"text": text, "token": str(token or uuid.uuid4())}
    if parent is not None:
        data["parent"] = parent.pk
    data.update(extra)
    return client.post(page.url, data)


def test_staff_comment_under_their_own_name(staff_client, post, staff):
    response = send(
        staff_client,
        post,
        "Useful, thank you.",
        name="Jane Leader",
        email="jane@example.com",
        user=999,
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{post.url}#{comment.anchor}"
    assert comment.user == staff
    assert comment.user_name == "Sam Okafor"
    assert comment.user_email == staff.email
    page = staff_client.get(post.url).content.decode()
    assert f'id="{comment.anchor}"' in page
    assert "Useful, thank you." in page
    assert "Jane Leader" not in page


def test_replies_nest_three_levels_and_deeper_replies_stay_at_the_third(
    staff_client, post, staff
):
    laura = UserFactory()
    top = comment_on(post, laura, "Top")
    one = comment_on(post, staff, "One", parent=top)
    two = comment_on(post, laura, "Two", parent=one)
    three = comment_on(post, staff, "Three", parent=two)
    send(staff_client, post, "Four", parent=three)
    four = Comment.objects.get(comment="Four")
    assert [c.level for c in (top, one, two, three)] == [0, 1, 2, 3]
    assert four.level == 3
    assert four.parent_id == two.pk
    html = staff_client.get(post.url).content.decode()
    assert html.index("Three") < html.index("Four")


def test_every_comment_has_a_reply_link_that_opens_the_form_under_it(
    staff_client, post
):
    comment = comment_on(post, UserFactory(), "Reply to me")
    html = staff_client.get(post.url).content.decode()
    assert f'href="?reply_to={comment.pk}#{comment.anchor}-reply"' in html
    html = staff_client.get(post.url, {"reply_to": comment.pk}).content.decode()
    assert f'id="{comment.anchor}-reply"' in html
    assert f'name="parent" value="{comment.pk}"' in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write something before you send it."),
        ("x" * 3001, "up to 3000 characters"),
    ],
)
def test_an_empty_or_overlong_comment_is_refused_and_kept(
    staff_client, post, text, message
):
    response = send(staff_client, post, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert not Comment.objects.exists()
    if text.strip():
        assert text in html


def test_markup_is_shown_as_text_and_only_web_links_become_links(staff_client, post):
    payload = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> "
        "see https://example.com/a and javascript:alert(1) and data:text/html,x"
    )
    send(staff_client, post, payload)
    html = staff_client.get(post.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<a href="https://example.com/a" rel="nofollow noopener">' in html
    assert 'href="javascript:' not in html
    assert 'href="data:' not in html


def test_a_double_submit_stores_one_comment(staff_client, post):
    token = uuid.uuid4()
    first = send(staff_client, post, "Once only", token=token)
    second = send(staff_client, post, "Once only", token=token)
    assert Comment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_twin_of_a_double_click_is_answered_with_the_first_comment(
    staff_client, post, staff, throttles_on, monkeypatch
):
    """Both requests of a double click arrive before either comment is stored: the
    second waits for the first instead of being refused as a comment sent too soon."""
    token = uuid.uuid4()
    services.check_flood(staff, "Twice at once")  # the first request, in flight
    assert services._claim_submission(token) is None
    stored = []

    def first_request_stores(seconds):
        if not stored:
            first = comment_on(post, staff, "Twice at once")
            Comment.objects.filter(pk=first.pk).update(submission_token=token)
            stored.append(first)

    monkeypatch.setattr(services.time, "sleep", first_request_stores)
    response = send(staff_client, post, "Twice at once", token=token)
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}#{stored[0].anchor}"
    assert Comment.objects.count() == 1


def test_the_twin_goes_on_alone_when_the_first_request_gives_up(
    staff_client, post, throttles_on, monkeypatch
):
    token = uuid.uuid4()
    assert services._claim_submission(token) is None  # the first request, in flight
    monkeypatch.setattr(
        services.time,
        "sleep",
        lambda seconds: services.cache.delete(services._claim_key(token)),
    )
    response = send(staff_client, post, "The first one failed", token=token)
    assert response.status_code == 302
    assert Comment.objects.get().comment == "The first one failed"


def test_a_refused_comment_can_be_sent_again_with_its_form_without_waiting(
    staff_client, post, staff, throttles_on, monkeypatch
):
    send(staff_client, post, "First thought")
    token = uuid.uuid4()
    refused = send(staff_client, post, "Second thought", token=token)
    assert refused.status_code == 400

    def no_waiting(seconds):
        raise AssertionError("a request waited for a twin that is not there")

    monkeypatch.setattr(services.time, "sleep", no_waiting)
    again = send(staff_client, post, "Second thought", token=token)
    assert again.status_code == 400  # still too soon, said at once
    assert Comment.objects.count() == 1


def test_commenting_twice_in_five_seconds_is_refused_kindly(
    staff_client, post, throttles_on
):
    send(staff_client, post, "First thought")
    response = send(staff_client, post, "Second thought")
    assert response.status_code == 400
    html = response.content.decode()
    assert "You are commenting very quickly" in html
    assert "Second thought" in html
    assert Comment.objects.count() == 1


def test_the_same_text_twice_in_five_minutes_is_refused(
    staff_client, post, staff, throttles_on
):
    send(staff_client, post, "Same words")
    services.throttle.reset(services.COMMENT_RATE, str(staff.pk))
    response = send(staff_client, post, "  same   WORDS ")
    assert response.status_code == 400
    assert "You sent this same comment a moment ago." in response.content.decode()
    assert Comment.objects.count() == 1


def test_authors_edit_their_comment_within_fifteen_minutes(staff_client, post, staff):
    comment = comment_on(post, staff, "Frist")
    response = staff_client.post(
        f"/social/comments/{comment.pk}/edit/", {"text": "First"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.comment == "First"
    assert comment.edited_at is not None
    assert "edited" in staff_client.get(post.url).content.decode()


def test_editing_after_the_window_or_someone_elses_comment_is_refused(
    staff_client, post, staff
):
    other = comment_on(post, UserFactory(), "Not yours")
    mine = comment_on(post, staff, "Old")
    with time_machine.travel(
        timezone.now() + services.EDIT_WINDOW + timezone.timedelta(minutes=1)
    ):
        late = staff_client.post(f"/social/comments/{mine.pk}/edit/", {"text": "New"})
    theirs = staff_client.post(
        f"/social/comments/{other.pk}/edit/", {"text": "Mine now"}
    )
    assert late.status_code == 403
    assert theirs.status_code == 403
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.comment, other.comment) == ("Old", "Not yours")


def late():
    return time_machine.travel(
        timezone.now() + services.EDIT_WINDOW + timezone.timedelta(minutes=1)
    )


def test_opening_the_edit_form_after_the_window_says_it_has_closed(
    staff_client, post, staff
):
    mine = comment_on(post, staff, "Old")
    with late():
        response = staff_client.get(f"/social/comments/{mine.pk}/edit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "The 15 minutes to edit this comment have passed" in html
    assert 'data-testid="action-submit"' not in html


def test_an_edit_opened_in_time_but_saved_late_keeps_the_text_and_says_why(
    staff_client, post, staff
):
    mine = comment_on(post, staff, "Old")
    assert staff_client.get(f"/social/comments/{mine.pk}/edit/").status_code == 200
    with late():
        response = staff_client.post(
            f"/social/comments/{mine.pk}/edit/",
            {"text": "A careful <rewrite> & more"},
        )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your change was not saved: the 15 minutes" in html
    assert "A careful &lt;rewrite&gt; &amp; more</textarea>" in html
    mine.refresh_from_db()
    assert mine.comment == "Old"
    assert mine.edited_at is None


def test_someone_elses_comment_is_refused_without_mention_of_the_window(
    staff_client, post
):
    other = comment_on(post, UserFactory(), "Not yours")
    with late():
        response = staff_client.get(f"/social/comments/{other.pk}/edit/")
    assert response.status_code == 403
    assert "15 minutes" not in response.content.decode()


def test_deleting_leaves_a_placeholder_and_keeps_the_replies(staff_client, post, staff):
    mine = comment_on(post, staff, "Regrettable")
    reply = comment_on(post, UserFactory(), "A reply that stays", parent=mine)
    assert staff_client.post(f"/social/comments/{mine.pk}/delete/").status_code == 302
    html = staff_client.get(post.url).content.decode()
    assert "Regrettable" not in html
    assert "Comment removed by its author." in html
    assert "A reply that stays" in html
    reply.refresh_from_db()
    assert not reply.is_removed


def test_deleting_someone_elses_comment_is_refused(staff_client, post):
    other = comment_on(post, UserFactory(), "Stays")
    response = staff_client.post(f"/social/comments/{other.pk}/delete/")
    assert response.status_code == 403
    other.refresh_from_db()
    assert not other.is_removed


def test_likes_are_one_per_person_and_toggle(staff_client, post):
    comment = comment_on(post, UserFactory(), "Like me")
    url = f"/social/comments/{comment.pk}/like/"
    staff_client.post(url)
    assert CommentLike.objects.filter(comment=comment).count() == 1
    assert "1 like" in staff_client.get(post.url).content.decode()
    staff_client.post(url)
    assert not CommentLike.objects.exists()


def test_nobody_likes_their_own_comment(staff_client, post, staff):
    comment = comment_on(post, staff, "Mine")
    assert staff_client.post(f"/social/comments/{comment.pk}/like/").status_code == 403


def test_likes_need_a_post_request(staff_client, post):
    comment = comment_on(post, UserFactory(), "Like me")
    assert staff_client.get(f"/social/comments/{comment.pk}/like/").status_code == 405


def test_hiding_a_comment_leaves_its_replies_visible(client, post, moderator, staff):
    parent = comment_on(post, UserFactory(), "Rude")
    reply = comment_on(post, staff, "A calm answer", parent=parent)
    services.hide_comment(parent, moderator, "Insulting")
    services.restore_comment(parent, moderator)
    services.hide_comment(parent, moderator, "Insulting")
    reply.refresh_from_db()
    assert reply.is_public


def test_a_long_conversation_shows_its_latest_threads_and_links_to_the_rest(
    staff_client, post
):
    from intranet.social.conversation import SHOWN_THREADS

    people = [UserFactory() for _ in range(3)]
    first = comment_on(post, people[0], "The very first comment")
    comment_on(post, people[1], "A reply to the first", parent=first)
    for n in range(SHOWN_THREADS):
        comment_on(post, people[n % 3], f"Later thread {n}")
    html = staff_client.get(post.url).content.decode()
    assert "The very first comment" not in html
    assert "Later thread 0" in html
    assert "Show 2 earlier comments" in html
    everything = staff_client.get(post.url, {"comments": "all"}).content.decode()
    assert "The very first comment" in everything
    assert "A reply to the first" in everything


def test_a_removed_or_hidden_comment_is_named_by_the_note_left_in_its_place(
    staff_client, post, staff, moderator, django_assert_max_num_queries
):
    """Each comment's box is named by an element on the page, never by an author
    link that a removal took away; the thread still costs its fixed few queries."""
    gone = comment_on(post, staff, "Regrettable")
    comment_on(post, UserFactory(), "A reply that stays", parent=gone)
    services.delete_comment(gone, staff)
    hidden = comment_on(post, UserFactory(), "Off topic")
    services.hide_comment(hidden, moderator, "Not about the post.")
    staff_client.get(post.url)
    with django_assert_max_num_queries(30):
        response = staff_client.get(post.url)
    html = BeautifulSoup(response.content, "html.parser")
    names = []
    for box in html.select("article.comment__box"):
        named_by = html.find(id=box["aria-labelledby"])
        assert named_by is not None, box["aria-labelledby"]
        names.append(named_by.get_text(strip=True))
    assert "Comment removed by its author." in names
    assert "This comment was hidden by a moderator." in names
    assert len(names) == 3


def test_a_comment_refused_for_its_text_does_not_use_up_the_next_one(
    staff_client, post, throttles_on
):
    assert send(staff_client, post, "   ").status_code == 400
    assert send(staff_client, post, "x" * 10_000).status_code == 400
    assert send(staff_client, post, "Now properly").status_code == 302
    assert Comment.objects.count() == 1


def test_a_comment_refused_as_a_repeat_leaves_the_person_free_to_write_another(
    staff_client, post, staff, throttles_on
):
    send(staff_client, post, "Same words")
    services.throttle.reset(services.COMMENT_RATE, str(staff.pk))
    assert send(staff_client, post, "Same words").status_code == 400
    assert send(staff_client, post, "Different words").status_code == 302
    assert Comment.objects.count() == 2


@pytest.mark.parametrize(
    "text",
    [
        "Plain words, with a full stop. And a question?",
        "Tags <b>stay</b> text & \"quotes\" 'too'.\nA second line.",
        "See https://example.com/a?b=1&c=2, then stop.",
        "www.example.org and example.net are links; example.fi is not.",
        "Mail me at dana@example.com or HTTP://EXAMPLE.COM.",
        "Odd: javascript:alert(1) data:text/html,x",
    ],
)
def test_a_comments_text_reads_as_urlize_makes_it_with_or_without_links(text):
    """Texts without anything urlize() would link skip its work, to the same
    characters it would have given."""
    from django.template.defaultfilters import linebreaksbr
    from django.utils.html import urlize

    from intranet.social.templatetags.social_tags import comment_text

    urlized = urlize(text, nofollow=True, autoescape=True).replace(
        'rel="nofollow"', 'rel="nofollow noopener"'
    )
    assert comment_text(text) == linebreaksbr(urlized, autoescape=False)
