import uuid

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from intranet.discussions.models import DiscussionThreadPage, Poll
from intranet.social.models import PageFollow
from tests.factories import DiscussionThreadPageFactory, UserFactory, comment_on

pytestmark = pytest.mark.django_db

NEW = "/threads/new/"


def thread_data(**overrides):
    data = {
        "title": "Should we post more video?",
        "body": "Short clips work well for us.",
        "tags": "video, LinkedIn",
        "results_shown": "after_voting",
    }
    data.update(overrides)
    return data


def test_staff_start_a_thread_they_own_and_follow(staff_client, tree, staff):
    response = staff_client.post(NEW, thread_data())
    thread = DiscussionThreadPage.objects.get()
    assert response["Location"] == thread.url
    assert thread.live
    assert thread.owner == staff
    assert sorted(t.name for t in thread.tags.all()) == ["LinkedIn", "video"]
    assert PageFollow.objects.filter(user=staff, page=thread).exists()
    assert (
        "Short clips work well for us." in staff_client.get(thread.url).content.decode()
    )


def test_a_thread_can_carry_a_poll(staff_client, tree):
    staff_client.post(
        NEW,
        thread_data(
            question="Should we post more video?",
            options="Yes\nNo\nOnly with captions",
            max_choices=2,
            secret="on",
        ),
    )
    poll = Poll.objects.get()
    assert poll.thread == DiscussionThreadPage.objects.get()
    assert poll.question == "Should we post more video?"
    assert [o.label for o in poll.options.order_by("sort_order")] == [
        "Yes",
        "No",
        "Only with captions",
    ]
    assert poll.max_choices == 2
    assert poll.secret


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("Only one", "between 2 and 10 options; this one has 1"),
        (
            "\n".join(f"Option {n}" for n in range(11)),
            "between 2 and 10 options; this one has 11",
        ),
        ("Yes\nyes", "Two options say"),
        ("Yes\n\nNo", "Option 2 is empty."),
    ],
)
def test_bad_polls_are_refused_and_everything_typed_is_kept(
    staff_client, tree, options, message
):
    response = staff_client.post(
        NEW, thread_data(question="More video?", options=options)
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Should we post more video?" in html
    assert "Short clips work well for us." in html
    assert not DiscussionThreadPage.objects.exists()


def poll_fields(html):
    return html.split('data-testid="poll-fields"')[0].rsplit("<details", 1)[1]


def test_the_form_offers_one_add_a_poll_control_folded_until_used(staff_client, tree):
    html = staff_client.get(NEW).content.decode()
    assert html.count("Add a poll") == 1
    assert 'type="checkbox" name="add_poll"' not in html
    assert " open" not in poll_fields(html)


def test_options_typed_mean_a_poll_with_no_box_to_tick(staff_client, tree):
    response = staff_client.post(
        NEW, thread_data(question="Which format?", options="Clips\nLive\nStories")
    )
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert poll.thread == DiscussionThreadPage.objects.get()
    assert poll.question == "Which format?"
    assert [o.label for o in poll.options.order_by("sort_order")] == [
        "Clips",
        "Live",
        "Stories",
    ]


def test_a_thread_with_nothing_typed_in_the_poll_has_no_poll(staff_client, tree):
    response = staff_client.post(NEW, thread_data(question="  ", options=" \n "))
    assert response.status_code == 302
    assert DiscussionThreadPage.objects.exists()
    assert not Poll.objects.exists()


@pytest.mark.parametrize(
    ("question", "options", "field", "message"),
    [
        ("", "Yes\nNo", "question", "Type the poll&#x27;s question"),
        ("Which format?", "", "options", "Type the poll&#x27;s options"),
        (
            "Which format?",
            "Clips",
            "options",
            "between 2 and 10 options; this one has 1",
        ),
        (
            "Which format?",
            "Clips\n  CLIPS  ",
            "options",
            "Two options say “CLIPS”: make each option different.",
        ),
        (
            "",
            "Clips\nclips",
            "question",
            "Type the poll&#x27;s question",
        ),
    ],
)
def test_a_half_filled_poll_is_an_error_that_keeps_everything_typed(
    staff_client, tree, question, options, field, message
):
    response = staff_client.post(
        NEW, thread_data(question=question, options=options, closes_at="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert response.context["form"].errors[field]
    assert "Should we post more video?" in html
    assert "Short clips work well for us." in html
    for line in options.splitlines():
        assert line in html
    if question:
        assert f'value="{question}"' in html
    assert " open" in poll_fields(html)
    assert not DiscussionThreadPage.objects.exists()
    assert not Poll.objects.exists()


def test_a_closing_time_without_a_poll_is_an_error_not_dropped(staff_client, tree):
    response = staff_client.post(NEW, thread_data(closes_at="2099-01-01T10:00"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "A closing time needs a poll" in html
    assert 'value="2099-01-01T10:00"' in html
    assert " open" in poll_fields(html)
    assert not DiscussionThreadPage.objects.exists()


def test_a_poll_closing_in_the_past_is_refused(staff_client, tree):
    response = staff_client.post(
        NEW,
        thread_data(question="A or B?", options="A\nB", closes_at="2020-01-01T10:00"),
    )
    assert response.status_code == 400
    assert "Choose a closing time in the future." in response.content.decode()


def test_titles_with_markup_rtl_and_emoji_are_escaped_and_kept_faithfully(
    staff_client, tree
):
    title = "<script>alert(1)</script> \u202eevil 👩‍💻 עברית"
    staff_client.post(NEW, thread_data(title=title))
    thread = DiscussionThreadPage.objects.get()
    assert thread.title == title
    html = staff_client.get(thread.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "👩‍💻 עברית" in html
    assert 'dir="auto"' in html


def test_a_ten_thousand_character_title_is_refused_with_a_clear_message(
    staff_client, tree
):
    response = staff_client.post(NEW, thread_data(title="x" * 10_000))
    assert response.status_code == 400
    assert "up to 150 characters; yours has 10000" in response.content.decode()


def test_the_same_title_twice_gives_two_threads_with_distinct_addresses(
    staff_client, tree
):
    staff_client.post(NEW, thread_data())
    staff_client.post(NEW, thread_data())
    urls = [t.url for t in DiscussionThreadPage.objects.all()]
    assert len(urls) == 2 and len(set(urls)) == 2


def test_threads_started_too_fast_are_refused_kindly(staff_client, tree, throttles_on):
    staff_client.post(NEW, thread_data())
    response = staff_client.post(NEW, thread_data(title="Another one"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "You started a thread a moment ago" in html
    assert "Another one" in html
    assert DiscussionThreadPage.objects.count() == 1


def test_twenty_threads_a_day_is_the_most(staff_client, tree, staff, throttles_on):
    from intranet import throttle
    from intranet.discussions import services

    for _ in range(20):
        throttle.record(services.THREADS_PER_DAY, str(staff.pk))
    response = staff_client.post(NEW, thread_data())
    assert response.status_code == 429
    assert "20 threads today" in response.content.decode()


def test_authors_edit_title_and_body_in_the_first_hour_only(staff_client, tree, staff):
    staff_client.post(NEW, thread_data())
    thread = DiscussionThreadPage.objects.get()
    url = f"/threads/{thread.pk}/edit/"
    assert (
        staff_client.post(
            url, {"title": "Better title", "body": "Better body"}
        ).status_code
        == 302
    )
    thread.refresh_from_db()
    assert (thread.title, thread.body) == ("Better title", "Better body")
    assert thread.edited_at is not None
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=2)):
        late = staff_client.post(url, {"title": "Too late", "body": "x"})
    assert late.status_code == 403
    thread.refresh_from_db()
    assert thread.title == "Better title"


def test_nobody_edits_another_persons_thread(staff_client, tree):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, title="Theirs")
    response = staff_client.post(
        f"/threads/{thread.pk}/edit/", {"title": "Mine", "body": "x"}
    )
    assert response.status_code == 403


def test_replies_use_the_threaded_comments_and_follow_the_thread(
    staff_client, tree, staff
):
    thread = DiscussionThreadPageFactory(parent=tree.discussions)
    staff_client.post(thread.url, {"text": "My two cents", "token": str(uuid.uuid4())})
    assert PageFollow.objects.filter(user=staff, page=thread).exists()
    thread.refresh_from_db()
    assert timezone.now() - thread.last_activity_at < timezone.timedelta(minutes=1)


def test_the_author_marks_a_reply_as_the_answer_shown_under_the_question(
    client, tree, staff
):
    author = UserFactory(username="asker")
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=author)
    reply = comment_on(thread, staff, "Here is how we do it")
    client.force_login(staff)
    assert (
        client.post(f"/threads/{thread.pk}/answer/", {"comment": reply.pk}).status_code
        == 403
    )
    client.force_login(author)
    client.post(f"/threads/{thread.pk}/answer/", {"comment": reply.pk})
    thread.refresh_from_db()
    assert thread.answer == reply
    assert thread.state == "answered"
    html = client.get(thread.url).content.decode()
    assert 'data-testid="answer"' in html


def test_a_reply_from_another_thread_cannot_be_the_answer(client, tree):
    author = UserFactory()
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=author)
    other = DiscussionThreadPageFactory(parent=tree.discussions)
    foreign = comment_on(other, UserFactory(), "Elsewhere")
    client.force_login(author)
    assert (
        client.post(
            f"/threads/{thread.pk}/answer/", {"comment": foreign.pk}
        ).status_code
        == 404
    )
    thread.refresh_from_db()
    assert thread.answer is None


def test_followers_hear_about_new_replies(
    client, tree, django_capture_on_commit_callbacks
):
    from django.core import mail

    from intranet.social import preferences
    from intranet.social.models import Delivery, Kind, Notification
    from intranet.social.services import follow

    author = UserFactory(username="asker")
    follower = UserFactory(username="follower")
    preferences.choose(follower, Kind.COMMENT, on_site=True, email=Delivery.INSTANT)
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=author)
    follow(author, thread)
    follow(follower, thread)
    client.force_login(UserFactory(username="replier"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread.url, {"text": "An idea", "token": str(uuid.uuid4())})
    told = Notification.objects.filter(page=thread, kind=Kind.COMMENT)
    assert sorted(told.values_list("recipient__username", flat=True)) == [
        "asker",
        "follower",
    ]
    # The follower asked for these at once; the author gets the daily digest.
    assert [m.to[0] for m in mail.outbox] == ["follower@example.com"]


def test_only_the_author_and_moderators_see_the_mark_as_answer_button(
    client, tree, staff, moderator
):
    author = UserFactory(username="asker")
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=author)
    comment_on(thread, staff, "Try this")
    for person, shown in ((author, True), (moderator, True), (staff, False)):
        client.force_login(person)
        assert (
            'data-testid="mark-answer"' in client.get(thread.url).content.decode()
        ) is shown


def test_the_home_page_shows_active_threads_and_polls_waiting_for_a_vote(
    staff_client, tree, staff
):
    from intranet.discussions import polls
    from tests.factories import make_poll

    voted = DiscussionThreadPageFactory(parent=tree.discussions, title="Voted already")
    waiting = DiscussionThreadPageFactory(
        parent=tree.discussions, title="Not voted yet"
    )
    done = make_poll(voted, question="Lunch talks?")
    make_poll(waiting, question="Breakfast talks?")
    polls.vote(done, staff, [done.options.first().pk])
    html = staff_client.get("/").content.decode()
    panel = html.split('data-testid="home-open-polls"')[1].split("</div>")[0]
    assert "Breakfast talks?" in panel
    assert "Lunch talks?" not in panel
    assert "Not voted yet" in html.split('data-testid="home-discussions"')[1]


def test_a_field_in_error_is_marked_invalid_and_described_by_its_message(
    staff_client, tree
):
    response = staff_client.post(NEW, thread_data(title="   "))
    assert response.status_code == 400
    html = BeautifulSoup(response.content, "html.parser")
    title = html.find("input", attrs={"name": "title"})
    assert title["aria-invalid"] == "true"
    described_by = [html.find(id=ref) for ref in title["aria-describedby"].split()]
    assert None not in described_by
    said = " ".join(element.get_text(" ", strip=True) for element in described_by)
    assert "Give your thread a title." in said
    assert "up to 150 characters" in said
    body = html.find("textarea", attrs={"name": "body"})
    assert not body.has_attr("aria-invalid")
    assert body.get_text().strip() == "Short clips work well for us."
