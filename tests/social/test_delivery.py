"""How notifications reach people: preferences, e-mail at once, digests and the
one-click unsubscribe link."""

import datetime
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from intranet.guidelines import services as guideline_services
from intranet.social import digests, notifications, preferences
from intranet.social.mail import unsubscribe_token
from intranet.social.models import Delivery, DigestSent, Kind, Notification
from tests.factories import (
    BlogPostPageFactory,
    GuidelinePageFactory,
    UserFactory,
    comment_on,
    publish_change,
)

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 16)


def digest(period="daily", day=MONDAY):
    out = io.StringIO()
    call_command(
        "intranet_send_digests",
        "--period",
        period,
        "--date",
        day.isoformat(),
        stdout=out,
    )
    return out.getvalue()


def unsubscribe_links(message):
    return re.findall(r"http://testserver(/social/unsubscribe/[^/\s]+/)", message.body)


# Preferences ----------------------------------------------------------------------


def test_the_defaults_are_mentions_and_replies_at_once_and_the_rest_daily(staff):
    chosen = preferences.for_person(staff)
    assert chosen[Kind.MENTION].email == Delivery.INSTANT
    assert chosen[Kind.REPLY].email == Delivery.INSTANT
    for kind in (Kind.COMMENT, Kind.LEADER, Kind.POST, Kind.GUIDELINE, Kind.ANSWER):
        assert chosen[kind].email == Delivery.DAILY
    assert all(choice.on_site for choice in chosen.values())


def test_staff_choose_per_kind_on_their_settings_page(staff_client, staff):
    html = staff_client.get("/social/notifications/settings/").content.decode()
    assert '<th scope="row" id="kind-mention">' in html
    data = {}
    for kind in Kind.values:
        data[f"{kind}_site"] = "on"
        data[f"{kind}_email"] = "daily"
    data["post_email"] = "weekly"
    data.pop("post_site")
    data["leader_email"] = "instant"
    response = staff_client.post("/social/notifications/settings/", data)
    assert response.status_code == 302
    chosen = preferences.for_person(staff)
    assert chosen[Kind.POST] == preferences.Choice(on_site=False, email="weekly")
    assert chosen[Kind.LEADER].email == "instant"
    assert chosen[Kind.MENTION].email == "daily"


def test_a_bad_choice_is_refused_and_keeps_what_was_chosen(staff_client, staff):
    data = {f"{kind}_email": "weekly" for kind in Kind.values}
    data["reply_email"] = "hourly\r\nBcc: x@example.com"
    response = staff_client.post("/social/notifications/settings/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="form-errors"' in html
    assert re.search(
        r'<select name="mention_email"[^>]*>.*?<option value="weekly" selected>',
        html,
        re.S,
    )
    assert not staff.notification_preferences.exists()


def test_what_is_off_on_the_site_stays_out_of_the_bell(staff, post):
    preferences.choose(staff, Kind.COMMENT, on_site=False, email=Delivery.DAILY)
    notifications.notify(staff, Kind.COMMENT, post, actor=UserFactory())
    assert notifications.unread_count(staff) == 0
    assert Notification.objects.get(recipient=staff).shown is False


def test_nothing_is_stored_when_a_kind_is_off_everywhere(staff, post):
    preferences.choose(staff, Kind.COMMENT, on_site=False, email=Delivery.OFF)
    assert notifications.notify(staff, Kind.COMMENT, post) is None
    assert not Notification.objects.exists()


# E-mail at once --------------------------------------------------------------------


def test_an_instant_email_is_not_sent_once_the_page_is_out_of_reach(
    staff, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify(staff, Kind.MENTION, post, actor=UserFactory())
    post.unpublish()
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_an_instant_email_is_not_sent_about_a_comment_hidden_meanwhile(
    staff, post, moderator, django_capture_on_commit_callbacks
):
    comment = comment_on(post, UserFactory(), "@staff look")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify(staff, Kind.MENTION, post, comment=comment)
    from intranet.social import services

    services.hide_comment(comment, moderator, "Off topic")
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_an_instant_email_goes_once(staff, post, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notifications.notify(staff, Kind.MENTION, post)
    notifications.send_notification_emails.call([notification.pk])
    assert len(mail.outbox) == 1


# Digests ---------------------------------------------------------------------------


def test_a_daily_digest_gathers_what_is_unread_once(staff, post):
    mikko = UserFactory(first_name="Mikko")
    notifications.notify(staff, Kind.COMMENT, post, actor=mikko)
    notifications.notify(staff, Kind.LEADER, post, actor=mikko)
    read = notifications.notify(staff, Kind.POST, post, actor=mikko)
    notifications.mark_read(staff, [read])
    assert "1 people checked, 1 digests sent" in digest()
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert message.subject == "Your daily digest: 2 new"
    assert "Mikko" in message.body and "Why we are on social media" in message.body
    html = message.alternatives[0][0]
    assert "Why we are on social media" in html
    assert len(unsubscribe_links(message)) == 2  # one link per kind it carries
    assert DigestSent.objects.get(user=staff).notifications == 2

    digest()  # the same day again
    assert len(mail.outbox) == 1

    notifications.notify(staff, Kind.COMMENT, post, actor=mikko)
    digest(day=MONDAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Your daily digest: 1 new"


def test_each_digest_holds_only_its_own_kinds(staff, post):
    preferences.choose(staff, Kind.POST, on_site=True, email=Delivery.WEEKLY)
    notifications.notify(staff, Kind.COMMENT, post)
    notifications.notify(staff, Kind.POST, post)
    digest("weekly", MONDAY + datetime.timedelta(days=2))
    [weekly] = mail.outbox
    assert weekly.subject == "Your weekly digest: 1 new"
    assert DigestSent.objects.get().period_start == MONDAY
    digest("weekly", MONDAY + datetime.timedelta(days=6))  # same week
    assert len(mail.outbox) == 1
    digest("daily")
    assert mail.outbox[1].subject == "Your daily digest: 1 new"


def test_what_went_at_once_is_not_in_the_digest(
    staff, post, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(staff, Kind.MENTION, post)
    assert len(mail.outbox) == 1
    digest()
    assert len(mail.outbox) == 1


def test_a_digest_leaves_out_what_the_person_may_no_longer_see(staff, post, tree):
    other = BlogPostPageFactory(parent=tree.blog, title="Still visible")
    insiders = Group.objects.create(name="Insiders")
    staff.groups.add(insiders)
    secret = BlogPostPageFactory(parent=tree.blog, title="Board only")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    hidden_comment = comment_on(other, UserFactory(), "Rude words")
    for page in (post, other, secret):
        notifications.notify(staff, Kind.COMMENT, page)
    notifications.notify(staff, Kind.REPLY, other, comment=hidden_comment)
    preferences.choose(staff, Kind.REPLY, on_site=True, email=Delivery.DAILY)
    Notification.objects.filter(kind=Kind.REPLY).update(emailed_at=None)

    staff.groups.remove(insiders)  # removed from the group
    post.unpublish()  # unpublished
    hidden_comment.is_public = False  # hidden by a moderator
    hidden_comment.save()
    digest()
    [message] = mail.outbox
    assert "Still visible" in message.body
    for gone in ("Board only", "Why we are on social media", "Rude words"):
        assert gone not in message.body
        assert gone not in message.alternatives[0][0]
    assert message.subject == "Your daily digest: 1 new"


def test_nobody_gets_an_empty_digest(staff, post):
    staff.groups.clear()
    post.unpublish()
    notifications.Notification.objects.create(
        recipient=staff, kind=Kind.COMMENT, page=post
    )
    digest()
    assert mail.outbox == []
    assert not DigestSent.objects.exists()


def test_line_breaks_in_titles_and_names_never_reach_digest_headers(staff, tree):
    page = BlogPostPageFactory(parent=tree.blog, title="Hi\r\nBcc: victim@example.com")
    actor = UserFactory(first_name="Sam\r\nBcc: victim@example.com")
    notifications.notify(staff, Kind.POST, page, actor=actor)
    digest()
    [message] = mail.outbox
    assert message.bcc == []
    headers = message.message().as_string().split("\n\n", 1)[0]
    assert "\nBcc:" not in headers
    assert "\n" not in message.subject
    assert "victim@example.com" not in message.message()["To"]


def test_a_digest_run_streams_people_in_batches_and_shows_progress(tree, monkeypatch):
    page = BlogPostPageFactory(parent=tree.blog, title="Big news")
    people = [UserFactory() for _ in range(7)]
    notifications.notify_many(people, Kind.POST, page)
    monkeypatch.setattr(digests, "BATCH", 3)
    batches = list(digests.batches_of_people(3))
    assert [len(ids) for ids in batches] == [3, 3, 1]
    out = digest()
    assert "3 people checked" in out and "6 people checked" in out
    assert "Daily digests: 7 people checked, 7 sent." in out
    assert len(mail.outbox) == 7


def test_a_digest_batch_costs_the_same_queries_per_person(
    tree, django_assert_max_num_queries
):
    page = BlogPostPageFactory(parent=tree.blog, title="Big news")
    few = [UserFactory() for _ in range(2)]
    many = [UserFactory() for _ in range(8)]
    notifications.notify_many(few + many, Kind.POST, page)
    start = MONDAY.isoformat()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        digests.send_digest_batch.call("daily", start, [p.pk for p in few])
    with CaptureQueriesContext(connection) as large:
        digests.send_digest_batch.call("daily", start, [p.pk for p in many])
    per_person = (len(large) - len(small)) / (len(many) - len(few))
    assert per_person <= 8
    assert len(mail.outbox) == 10


@pytest.mark.parametrize(
    "args", [["--period", "hourly"], ["--period", "daily", "--date", "1 March"]]
)
def test_unknown_periods_and_dates_are_refused(args):
    with pytest.raises(CommandError, match="period|date"):
        call_command("intranet_send_digests", *args)


# Unsubscribe -----------------------------------------------------------------------


def test_the_unsubscribe_link_asks_then_switches_one_kind_off(client, staff, tree):
    url = f"/social/unsubscribe/{unsubscribe_token(staff, Kind.COMMENT)}/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Stop these e-mails" in response.content.decode()
    assert preferences.for_person(staff)[Kind.COMMENT].email == Delivery.DAILY
    response = client.post(url)  # no sign-in, no CSRF token: the link is the proof
    assert response.status_code == 200
    assert 'data-testid="unsubscribed"' in response.content.decode()
    chosen = preferences.for_person(staff)
    assert chosen[Kind.COMMENT] == preferences.Choice(on_site=True, email="off")
    assert chosen[Kind.REPLY].email == Delivery.INSTANT


def test_the_mail_clients_one_click_unsubscribe_works(client, staff, post):
    notifications.notify(staff, Kind.COMMENT, post)
    digest()
    [path] = unsubscribe_links(mail.outbox[0])
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert path in header
    client.post(path, {"List-Unsubscribe": "One-Click"})
    assert preferences.for_person(staff)[Kind.COMMENT].email == Delivery.OFF


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "WzEsInJlcGx5Il0"),
        lambda token: "nonsense",
        lambda token: "",
    ],
)
def test_a_tampered_unsubscribe_link_changes_nothing(client, staff, tree, tamper):
    token = tamper(unsubscribe_token(staff, Kind.COMMENT))
    for method in (client.get, client.post):
        response = method(f"/social/unsubscribe/{token}/")
        assert response.status_code in (400, 404)
        if token:
            assert response.status_code == 400
            assert "This link does not work" in response.content.decode()
    assert not staff.notification_preferences.exists()


def test_an_unsubscribe_link_says_nothing_about_the_person(client, staff):
    html = client.get(
        f"/social/unsubscribe/{unsubscribe_token(staff, Kind.LEADER)}/"
    ).content.decode()
    assert staff.email not in html and staff.username not in html


# Guidelines to acknowledge ---------------------------------------------------------


def test_a_must_read_guideline_asks_staff_at_once_and_is_answered_by_acknowledging(
    tree, staff, django_capture_on_commit_callbacks
):
    reader = UserFactory(username="reader")
    with django_capture_on_commit_callbacks(execute=True):
        policy = GuidelinePageFactory(parent=tree.guidelines, policy=True)
    told = Notification.objects.filter(kind=Kind.GUIDELINE, page=policy)
    assert {staff.pk, reader.pk} <= set(told.values_list("recipient", flat=True))
    assert all(n.urgent for n in told)
    assert staff.email in [m.to[0] for m in mail.outbox]  # urgent: no digest wait
    guideline_services.acknowledge(staff, policy, policy.version)
    assert notifications.unread_count(staff) == 0

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(policy, "Typo", substantive=False)
    assert told.filter(recipient=staff).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        publish_change(policy, "New rule on client names")
    assert told.filter(recipient=staff).count() == 2
    assert told.filter(recipient=reader).count() == 2


def test_a_guideline_that_is_not_must_read_asks_nobody(
    tree, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        GuidelinePageFactory(parent=tree.guidelines)
    assert not Notification.objects.exists()


# What a second read of the delivery found ---------------------------------------


def test_a_thread_a_moderator_hid_leaves_the_bell_the_mail_and_the_digest(
    staff, tree, moderator, django_capture_on_commit_callbacks
):
    from intranet.discussions.services import hide_thread
    from tests.factories import DiscussionThreadPageFactory

    thread = DiscussionThreadPageFactory(
        parent=tree.discussions, title="Offensive title", owner=UserFactory()
    )
    notifications.notify(staff, Kind.COMMENT, thread)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.notify(staff, Kind.MENTION, thread)
    hide_thread(thread, moderator, "Against the policy")
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert list(notifications.bell(staff)) == []
    assert notifications.unread_count(staff) == 0
    digest()
    assert mail.outbox == []
    assert notifications.notify(staff, Kind.COMMENT, thread) is None


def test_a_link_in_an_email_opens_even_when_the_kind_is_off_on_the_site(
    client, staff, post
):
    preferences.choose(staff, Kind.POST, on_site=False, email=Delivery.DAILY)
    notification = notifications.notify(staff, Kind.POST, post)
    digest()
    assert f"/social/notifications/{notification.pk}/" in mail.outbox[0].body
    client.force_login(staff)
    response = client.get(f"/social/notifications/{notification.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith(post.url)


def test_subjects_are_plain_text_not_html(
    staff, tree, django_capture_on_commit_callbacks
):
    page = BlogPostPageFactory(parent=tree.blog, title="Q&A with O'Brien <live>")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(staff, Kind.MENTION, page, actor=UserFactory())
    [message] = mail.outbox
    assert "“Q&A with O'Brien <live>”" in message.subject
    assert "&amp;" not in message.body and "&amp;" in message.alternatives[0][0]


def test_the_one_click_header_of_a_digest_stops_every_kind_it_carries(
    client, staff, post
):
    notifications.notify(staff, Kind.COMMENT, post)
    notifications.notify(staff, Kind.POST, post)
    digest()
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = re.search(r"http://testserver(/social/unsubscribe/[^>]+)>", header).group(1)
    client.post(path, {"List-Unsubscribe": "One-Click"})
    chosen = preferences.for_person(staff)
    assert chosen[Kind.COMMENT].email == chosen[Kind.POST].email == Delivery.OFF
    assert chosen[Kind.MENTION].email == Delivery.INSTANT


def test_a_new_thread_that_mentions_a_follower_tells_them_once(
    tree, staff, django_capture_on_commit_callbacks
):
    from intranet.discussions.services import start_thread
    from intranet.social import services

    author = UserFactory(username="asker")
    fan = UserFactory(username="fan")
    services.follow_person(fan, author)
    services.follow_person(staff, author)
    with django_capture_on_commit_callbacks(execute=True):
        start_thread(tree.discussions, author, "Lunch?", "What do you think, @fan?", [])
    assert list(
        Notification.objects.filter(recipient=fan).values_list("kind", flat=True)
    ) == [Kind.MENTION]
    assert Notification.objects.get(recipient=staff).kind == Kind.POST


@pytest.mark.parametrize(
    "path", ["/social/people/%00/follow/", "/people/profile/a%00b/", "/blog/%00/"]
)
def test_a_nul_byte_in_a_path_is_a_bad_request(staff_client, tree, path):
    assert staff_client.get(path).status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/people/suggest/?q=%00", "/blog/?tag=%00", "/discussions/?tag=a%00b"],
)
def test_nul_bytes_in_a_query_are_dropped_before_the_database(staff_client, tree, path):
    assert staff_client.get(path).status_code in (200, 404)  # an unknown tag is 404


def test_telling_many_followers_costs_the_same_for_five_as_for_forty(tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    insiders = Group.objects.create(name="Insiders")
    page = BlogPostPageFactory(parent=tree.blog, title="Insiders only")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)

    def measure(count):
        people = [UserFactory() for _ in range(count)]
        for person in people[::2]:
            person.groups.add(insiders)
        fresh = get_user_model().objects.filter(pk__in=[p.pk for p in people])
        # As when a post is published: a page loaded afresh, whose restrictions
        # nobody has looked up yet.
        fresh_page = type(page).objects.get(pk=page.pk)
        with CaptureQueriesContext(connection) as queries:
            told = notifications.notify_many(fresh, Kind.POST, fresh_page)
        assert told == len(people[::2])
        return len(queries)

    assert measure(5) == measure(40)


def test_edits_cannot_mention_more_than_ten_people_in_all(
    post, staff, django_capture_on_commit_callbacks
):
    from intranet.social import services

    people = [UserFactory(username=f"p{n}") for n in range(20)]
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.add_comment(
            post, staff, " ".join(f"@{p.username}" for p in people[:10])
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment(
            comment, staff, " ".join(f"@{p.username}" for p in people[10:])
        )
    assert Notification.objects.filter(kind=Kind.MENTION).count() == 10
