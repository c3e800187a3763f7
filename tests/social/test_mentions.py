"""@mentions: links to colleagues' profiles, notifications, and suggestions as one
types."""

import uuid

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from intranet.discussions import services as discussions
from intranet.people.views import SUGGEST_QUERY_MAX
from intranet.social import services
from intranet.social.mentions import MAX_MENTIONS, mentioned_names
from intranet.social.models import Comment, Notification
from intranet.social.templatetags.social_tags import comment_text
from tests.factories import DiscussionThreadPageFactory, UserFactory, comment_on

pytestmark = pytest.mark.django_db

SUGGEST = "/people/suggest/"
OLIVER_LINK = '<a href="/people/profile/oliver/" class="mention">@oliver</a>'


@pytest.fixture
def oliver(db):
    return UserFactory(username="oliver", first_name="Oliver", last_name="Tan")


def post_comment(client, page, text):
    return client.post(page.url, {"text": text, "token": str(uuid.uuid4())})


def mentions_of(person):
    return Notification.objects.filter(recipient=person, kind=Notification.Kind.MENTION)


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Rendering ---------------------------------------------------------------------------


def test_a_mention_of_a_known_colleague_links_to_their_profile():
    html = comment_text("Thanks @oliver for the draft", {"oliver"})
    assert html == f"Thanks {OLIVER_LINK} for the draft"


def test_an_unknown_name_stays_plain_text():
    assert comment_text("Ask @nobody about it", {"oliver"}) == "Ask @nobody about it"
    assert comment_text("Ask @oliver about it") == "Ask @oliver about it"


def test_trailing_punctuation_stays_outside_the_link():
    assert comment_text("Over to @oliver.", {"oliver"}) == f"Over to {OLIVER_LINK}."
    assert comment_text("(@oliver, yes)", {"oliver"}) == f"({OLIVER_LINK}, yes)"


def test_an_email_address_is_not_a_mention():
    assert mentioned_names("write to oliver@example.com or a@b.com") == []
    html = comment_text("write to a@oliver", {"oliver"})
    assert 'class="mention"' not in html


def test_a_name_inside_a_web_address_stays_part_of_the_address():
    html = comment_text("See https://medium.com/@oliver/notes", {"oliver"})
    assert 'class="mention"' not in html
    assert 'href="https://medium.com/@oliver/notes"' in html


def test_markup_around_a_mention_comes_out_inert():
    html = comment_text(
        '<script>alert(1)</script> @oliver @"><img src=x onerror=alert(1)>',
        {"oliver", '"><img'},
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "@&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert OLIVER_LINK in html


def test_links_and_line_breaks_still_work_next_to_mentions():
    html = comment_text("Hi @oliver\nsee https://example.com", {"oliver"})
    assert html == (
        f'Hi {OLIVER_LINK}<br>see <a href="https://example.com" '
        'rel="nofollow noopener">https://example.com</a>'
    )


def test_comments_on_a_page_link_mentions_of_active_people_only(
    staff_client, post, oliver
):
    UserFactory(username="gone", is_active=False)
    comment_on(post, oliver, "Ping @oliver, @gone and @nobody.")
    html = staff_client.get(post.url).content.decode()
    assert f"Ping {OLIVER_LINK}, @gone and @nobody." in html


def test_a_thread_links_mentions_in_its_body_and_its_answer(staff_client, tree, oliver):
    lea = UserFactory(username="lea")
    thread = DiscussionThreadPageFactory(
        parent=tree.discussions, body="What does @oliver think?"
    )
    answer = comment_on(thread, lea, "Ask @lea's team, says @oliver")
    thread.answer = answer
    thread.save()
    html = staff_client.get(thread.url).content.decode()
    assert f"What does {OLIVER_LINK} think?" in html
    lea_link = '<a href="/people/profile/lea/" class="mention">@lea</a>'
    assert html.count(f"Ask {lea_link}&#x27;s team, says {OLIVER_LINK}") == 2


def test_the_comment_action_pages_link_mentions_too(client, post, oliver):
    author = UserFactory(username="author")
    comment = comment_on(post, author, "Over to @oliver")
    client.force_login(author)
    for action in ("edit", "delete"):
        html = client.get(f"/social/comments/{comment.pk}/{action}/").content.decode()
        assert OLIVER_LINK in html, action
    client.force_login(oliver)
    html = client.get(f"/social/comments/{comment.pk}/report/").content.decode()
    assert OLIVER_LINK in html


def test_comment_boxes_offer_suggestions_through_a_script_file(staff_client, post):
    html = staff_client.get(post.url).content.decode()
    assert 'data-mentions="/people/suggest/"' in html
    assert '<script src="/static/intranet/js/mentions.js" defer></script>' in html
    html = staff_client.get("/threads/new/").content.decode()
    assert 'data-mentions="/people/suggest/"' in html
    assert '<script src="/static/intranet/js/mentions.js" defer></script>' in html


# Query counts ------------------------------------------------------------------------


def test_a_thread_full_of_mentions_costs_what_a_thread_with_a_few_does(
    staff_client, tree
):
    """Every name on the page is resolved in one query: eighty comments mentioning
    forty people cost what three comments mentioning two do."""
    people = [UserFactory(username=f"colleague{n}") for n in range(40)]
    few = DiscussionThreadPageFactory(parent=tree.discussions, body="Hello @colleague0")
    many = DiscussionThreadPageFactory(
        parent=tree.discussions, body="Hello @colleague0 @colleague39"
    )
    for n in range(3):
        comment_on(few, people[n], f"Agreed, @colleague{n + 1}")
    for n in range(80):
        comment_on(
            many,
            people[n % 40],
            f"Agreed, @colleague{(n + 1) % 40} and @colleague{(n + 2) % 40}",
        )
    all_of = "?comments=all"
    few_queries = queries_for(staff_client, few.url + all_of)
    assert few_queries == queries_for(staff_client, many.url + all_of)
    html = staff_client.get(many.url + all_of).content.decode()
    assert html.count('class="mention"') == 2 + 80 * 2


def test_an_action_page_costs_the_same_for_one_mention_as_for_forty(client, post):
    """A single comment's names are resolved in one query, however many there are."""
    author = UserFactory(username="author")
    for n in range(40):
        UserFactory(username=f"colleague{n}")
    one = comment_on(post, author, "Thanks @colleague0")
    forty = comment_on(post, author, " ".join(f"@colleague{n}" for n in range(40)))
    client.force_login(author)
    assert queries_for(client, f"/social/comments/{one.pk}/edit/") == queries_for(
        client, f"/social/comments/{forty.pk}/edit/"
    )


# Notifications -----------------------------------------------------------------------


def test_a_mentioned_colleague_who_may_see_the_page_is_notified(
    staff_client, post, staff, oliver, committed
):
    committed(post_comment, staff_client, post, "What do you think, @oliver?")
    notification = mentions_of(oliver).get()
    assert notification.actor == staff
    assert notification.page_id == post.pk
    assert notification.comment.comment == "What do you think, @oliver?"


def test_nobody_hears_of_a_mention_on_a_page_they_may_not_see(
    staff_client, post, tree, staff, oliver, committed
):
    insiders = Group.objects.create(name="Insiders")
    staff.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    committed(post_comment, staff_client, post, "Insiders only, sorry @oliver")
    assert not mentions_of(oliver).exists()


def test_unknown_and_inactive_names_notify_nobody(staff_client, post, staff, committed):
    gone = UserFactory(username="gone", is_active=False)
    committed(post_comment, staff_client, post, "Hello @nobody and @gone")
    assert not Notification.objects.filter(kind=Notification.Kind.MENTION).exists()
    assert not Notification.objects.filter(recipient=gone).exists()


def test_a_comment_naming_five_hundred_people_notifies_ten_at_most(
    staff_client, post, committed
):
    User.objects.bulk_create(User(username=f"u{n}") for n in range(500))
    text = " ".join(f"@u{n}" for n in range(500))
    assert len(text) <= services.MAX_LENGTH
    committed(post_comment, staff_client, post, text)
    assert mentioned_names(Comment.objects.get().comment)[-1] == "u499"
    told = Notification.objects.filter(kind=Notification.Kind.MENTION)
    assert told.count() == MAX_MENTIONS


def test_authors_mentioning_themselves_hear_nothing_and_take_no_place(
    staff_client, post, staff, committed
):
    others = [UserFactory(username=f"other{n}") for n in range(MAX_MENTIONS)]
    text = "@staff " + " ".join(f"@{person.username}" for person in others)
    committed(post_comment, staff_client, post, text)
    assert not Notification.objects.filter(recipient=staff).exists()
    assert mentions_of(others[-1]).exists()


def test_a_new_threads_body_notifies_the_people_it_mentions(
    tree, staff, oliver, committed
):
    thread = committed(
        discussions.start_thread,
        tree.discussions,
        staff,
        "Launch plan",
        "Over to @oliver and @staff for the video, and @nobody.",
        [],
    )
    notification = Notification.objects.get()
    assert notification.recipient == oliver
    assert notification.kind == Notification.Kind.MENTION
    assert notification.page_id == thread.pk
    assert notification.actor == staff


def test_a_thread_notifies_ten_people_at_most_and_only_those_who_may_see_it(
    tree, staff, committed
):
    insiders = Group.objects.create(name="Insiders")
    staff.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(
        page=tree.discussions, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    outsider = UserFactory(username="outsider")
    people = [
        UserFactory(username=f"insider{n}", groups=["Insiders"]) for n in range(15)
    ]
    body = "@outsider " + " ".join(f"@{person.username}" for person in people)
    committed(discussions.start_thread, tree.discussions, staff, "Plans", body, [])
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert mentions_of(people[0]).exists()
    assert Notification.objects.count() <= MAX_MENTIONS


def test_a_thread_that_rolls_back_notifies_nobody(tree, staff, oliver, committed):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        committed(
            discussions.start_thread, tree.discussions, staff, "Oops", "@oliver", []
        )
        raise RuntimeError
    assert not Notification.objects.exists()


def test_an_edit_notifies_the_newly_mentioned_once(client, post, oliver, committed):
    author = UserFactory(username="author")
    lea = UserFactory(username="lea")
    client.force_login(author)
    committed(post_comment, client, post, "Thanks @oliver")
    comment = mentions_of(oliver).get().comment
    assert mentions_of(oliver).count() == 1

    def edit(text):
        return client.post(f"/social/comments/{comment.pk}/edit/", {"text": text})

    committed(edit, "Thanks @oliver and @lea")
    assert mentions_of(oliver).count() == 1
    assert mentions_of(lea).count() == 1
    assert mentions_of(lea).get().comment == comment
    committed(edit, "Thanks @oliver")
    committed(edit, "Thanks @oliver and @lea, again")
    assert mentions_of(lea).count() == 1
    assert Notification.objects.filter(recipient=author).count() == 0


def test_an_edit_tells_no_one_who_may_not_see_the_page(
    post, tree, staff, oliver, committed
):
    comment = comment_on(post, staff, "Draft")
    insiders = Group.objects.create(name="Insiders")
    staff.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    committed(services.edit_comment, comment, staff, "Draft for @oliver")
    assert not mentions_of(oliver).exists()


# Suggestions -------------------------------------------------------------------------


@pytest.fixture
def colleagues(db):
    return [
        UserFactory(username="oliver", first_name="Oliver", last_name="Tan"),
        UserFactory(username="olga", first_name="Olga", last_name="Berg"),
        UserFactory(username="mtan", first_name="Mei", last_name="Olsen"),
        UserFactory(username="lea", display_name="Lea from Legal"),
        UserFactory(
            username="oldtimer", first_name="Otto", last_name="Old", is_active=False
        ),
    ]


def test_suggestions_match_the_start_of_a_username_or_a_name(staff_client, colleagues):
    found = staff_client.get(SUGGEST, {"q": "ol"}).json()
    assert found == [
        {"username": "mtan", "name": "Mei Olsen"},
        {"username": "olga", "name": "Olga Berg"},
        {"username": "oliver", "name": "Oliver Tan"},
    ]
    assert staff_client.get(SUGGEST, {"q": "@Lea from"}).json() == [
        {"username": "lea", "name": "Lea from Legal"}
    ]
    assert staff_client.get(SUGGEST, {"q": "oliver t"}).json() == [
        {"username": "oliver", "name": "Oliver Tan"}
    ]


def test_suggestions_leave_out_inactive_people_and_the_person_asking(
    staff_client, colleagues
):
    assert staff_client.get(SUGGEST, {"q": "old"}).json() == []
    assert staff_client.get(SUGGEST, {"q": "staff"}).json() == []


def test_suggestions_are_eight_at_most(staff_client):
    for n in range(12):
        UserFactory(username=f"sofia{n:02d}", first_name="Sofia")
    found = staff_client.get(SUGGEST, {"q": "sof"}).json()
    assert [person["username"] for person in found] == [
        f"sofia{n:02d}" for n in range(8)
    ]


def test_anonymous_visitors_get_no_suggestions(client, tree, colleagues):
    response = client.get(SUGGEST, {"q": "ol"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert b"oliver" not in response.content


def test_an_empty_or_overlong_query_is_bounded(staff_client):
    long_name = "a" * SUGGEST_QUERY_MAX
    UserFactory(username=long_name, first_name="Long")
    assert staff_client.get(SUGGEST, {"q": "   "}).json() == []
    assert staff_client.get(SUGGEST).json() == []
    found = staff_client.get(SUGGEST, {"q": long_name + "b" * 5000}).json()
    assert [person["username"] for person in found] == [long_name]


def test_suggestions_are_throttled(staff_client, colleagues, throttles_on, monkeypatch):
    from intranet import throttle
    from intranet.people import views

    monkeypatch.setattr(
        views, "SUGGEST_RATE", throttle.Limit("people-suggest", count=2, seconds=60)
    )
    assert staff_client.get(SUGGEST, {"q": "ol"}).status_code == 200
    assert staff_client.get(SUGGEST, {"q": "oli"}).status_code == 200
    response = staff_client.get(SUGGEST, {"q": "oliv"})
    assert response.status_code == 429
    assert response.json() == []


def test_suggestions_answer_only_get(staff_client):
    assert staff_client.post(SUGGEST, {"q": "ol"}).status_code == 405


def test_editing_a_thread_tells_only_the_newly_mentioned_within_the_ten(
    client, tree, staff, oliver, committed
):
    thread = committed(
        discussions.start_thread,
        tree.discussions,
        staff,
        "Plan",
        "Over to @oliver.",
        [],
    )
    UserFactory(username="priya")
    committed(
        discussions.edit_thread, thread, staff, "Plan", "Over to @oliver and @priya."
    )
    assert sorted(mentions_of_thread(thread)) == ["oliver", "priya"]
    many = [UserFactory(username=f"m{n}") for n in range(12)]
    committed(
        discussions.edit_thread,
        thread,
        staff,
        "Plan",
        " ".join(f"@{p.username}" for p in many),
    )
    assert len(mentions_of_thread(thread)) == 10
    client.force_login(staff)
    html = client.get(f"/threads/{thread.pk}/edit/").content.decode()
    assert "data-mentions=" in html and "js/mentions.js" in html


def mentions_of_thread(thread):
    return list(
        Notification.objects.filter(
            page_id=thread.pk, kind=Notification.Kind.MENTION
        ).values_list("recipient__username", flat=True)
    )
