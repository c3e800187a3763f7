"""Hand-made ids and numbers never reach the database as they came.

Every id in an address, a form or a query string is read by ``intranet.ids``:
ASCII digits only, within what the column holds. A hostile one is a 400 or a 404
(a page's own display parameters, ``?before=`` and ``?reply_to=``, are ignored),
never a 500, and nothing is stored. A session cookie no engine could have set is
no session.
"""

from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse

from intranet import ids
from intranet.discussions.models import Ballot
from intranet.guidelines.models import Acknowledgement
from intranet.social.models import Comment, PageFollow
from tests.factories import (
    DiscussionThreadPageFactory,
    GuidelinePageFactory,
    UserFactory,
    comment_on,
    leader_profile,
    make_poll,
)

pytestmark = pytest.mark.django_db

HOSTILE = [
    "²",
    "٣",
    "-1",
    "0",
    "9" * 5000,
    "1e3",
    " 1",
    "1\x00",
    "%00",
    str(2**63),
    "1_0",
    "+1",
    "",
]


@pytest.fixture
def thread(tree):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, title="Lunch")
    comment_on(thread, UserFactory(), "A reply")
    return thread


@pytest.fixture
def mine(thread, staff):
    """``staff`` asked the question, so they may mark an answer."""
    thread.owner = staff
    thread.save()
    return thread


def stored():
    return (
        Comment.objects.count(),
        Ballot.objects.count(),
        PageFollow.objects.count(),
        Acknowledgement.objects.count(),
    )


ADDRESSES = [
    ("post", "/social/pages/{}/follow/"),
    ("post", "/social/pages/{}/unfollow/"),
    ("post", "/social/pages/{}/react/"),
    ("post", "/social/pages/{}/close-comments/"),
    ("post", "/social/pages/{}/open-comments/"),
    ("post", "/social/share/{}/copy/"),
    ("get", "/social/comments/{}/"),
    ("get", "/social/comments/{}/edit/"),
    ("get", "/social/comments/{}/delete/"),
    ("post", "/social/comments/{}/like/"),
    ("get", "/social/comments/{}/report/"),
    ("get", "/social/comments/{}/hide/"),
    ("post", "/social/comments/{}/restore/"),
    ("get", "/social/notifications/{}/"),
    ("get", "/threads/{}/edit/"),
    ("post", "/threads/{}/answer/"),
    ("post", "/threads/{}/pin/"),
    ("post", "/threads/{}/lock/"),
    ("get", "/threads/{}/hide/"),
    ("post", "/threads/{}/unhide/"),
    ("post", "/threads/polls/{}/vote/"),
]


@pytest.mark.parametrize(("method", "address"), ADDRESSES)
def test_a_hostile_id_in_an_address_is_a_404(staff_client, thread, method, address):
    before = stored()
    for value in filter(None, HOSTILE):
        response = getattr(staff_client, method)(address.format(quote(value)))
        assert response.status_code in (400, 404), value
    assert stored() == before


def test_a_hostile_id_in_a_leaders_approval_address_is_a_404(client, tree):
    profile = leader_profile(tree)
    client.force_login(profile.user)
    for value in filter(None, HOSTILE):
        response = client.post(f"{profile.url}approve/{quote(value)}/")
        assert response.status_code in (400, 404), value


@pytest.mark.parametrize("report", ["acknowledgements", "training_module"])
def test_a_hostile_id_in_an_admin_report_address_is_a_404(client, tree, report):
    client.force_login(get_user_model().objects.create_superuser("root", "", "pw"))
    base = reverse(f"guidelines_reports:{report}", args=[1]).removesuffix("1/")
    for value in filter(None, HOSTILE):
        response = client.get(f"{base}{quote(value)}/")
        assert response.status_code in (400, 404), value


def test_a_hostile_answer_id_is_a_404(staff_client, mine):
    for value in filter(None, HOSTILE):
        response = staff_client.post(f"/threads/{mine.pk}/answer/", {"comment": value})
        assert response.status_code == 404, value
    mine.refresh_from_db()
    assert mine.answer_id is None


def test_a_hostile_poll_option_is_a_400_and_no_vote(staff_client, thread):
    poll = make_poll(thread)
    good = poll.options.first().pk
    for value in HOSTILE:
        response = staff_client.post(
            f"/threads/polls/{poll.pk}/vote/", {"option": [good, value]}
        )
        assert response.status_code == 400, value
        assert "choose again" in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_reply_to_a_hostile_parent_is_a_400_and_keeps_the_text(staff_client, thread):
    before = Comment.objects.count()
    for value in filter(None, HOSTILE):
        response = staff_client.post(
            thread.url,
            {"text": "My words stay", "parent": value, "token": "0" * 32},
        )
        assert response.status_code == 400, value
        assert "My words stay" in response.content.decode()
    assert Comment.objects.count() == before


@pytest.mark.parametrize("parameter", ["before", "reply_to", "page"])
def test_a_hostile_display_parameter_shows_the_page_as_usual(
    staff_client, thread, parameter
):
    for value in HOSTILE:
        response = staff_client.get(f"{thread.url}?{parameter}={quote(value)}")
        assert response.status_code == 200, value
        assert "Lunch" in response.content.decode()


def test_a_hostile_page_number_in_a_listing_shows_a_page(staff_client, tree):
    for value in HOSTILE:
        for address in (tree.discussions.url, "/social/notifications/", "/search/"):
            response = staff_client.get(f"{address}?q=x&page={quote(value)}")
            assert response.status_code == 200, (address, value)


def test_a_hostile_guideline_version_is_never_recorded(staff_client, tree):
    """A version that is not the one shown asks the reader again, as a stale one
    does; it is never a 500."""
    policy = GuidelinePageFactory(
        parent=tree.guidelines, title="Policy", slug="policy", policy=True
    )
    for value in [*HOSTILE, str(2**31 + 1)]:
        response = staff_client.post(policy.url + "acknowledge/", {"version": value})
        assert response.status_code == 302, value
    assert not Acknowledgement.objects.exists()


def test_a_script_digit_that_int_accepts_is_not_an_id(staff_client, mine):
    """``int("٣")`` is 3; the id it would name stays untouched."""
    reply = Comment.objects.get()
    arabic = "".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in str(reply.pk))
    response = staff_client.post(f"/threads/{mine.pk}/answer/", {"comment": arabic})
    mine.refresh_from_db()
    assert response.status_code == 404
    assert mine.answer_id is None


# The parser itself ------------------------------------------------------------------


@pytest.mark.parametrize("value", HOSTILE + [None, 7, "1.0", "\u0661", "0x1"])
def test_the_parser_refuses_anything_but_ascii_digits_in_range(value):
    assert ids.parse_id(value) is None


@pytest.mark.parametrize(
    ("value", "expected"), [("1", 1), ("007", 7), (str(2**63 - 1), 2**63 - 1)]
)
def test_the_parser_reads_plain_ids(value, expected):
    assert ids.parse_id(value) == expected


def test_a_number_past_a_32_bit_column_is_refused_where_the_column_is_32_bit():
    assert ids.parse_id(str(2**31), maximum=ids.INT_MAX) is None
    assert ids.parse_id(str(2**31 - 1), maximum=ids.INT_MAX) == 2**31 - 1


# The session cookie -----------------------------------------------------------------

MALFORMED_SESSION_KEYS = ["\x00" * 32, "abc\x00defghijklmnop", "%00" * 11, "A" * 300]


@pytest.mark.parametrize("key", MALFORMED_SESSION_KEYS)
def test_a_malformed_session_cookie_is_no_session(client, tree, key):
    client.cookies["sessionid"] = key
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert response.cookies["sessionid"].value == ""  # the browser drops it
    assert client.get("/accounts/login/").status_code == 200


def test_a_good_session_cookie_still_signs_in(client, tree, staff):
    client.force_login(staff)
    response = client.get("/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


@pytest.mark.postgres
@pytest.mark.parametrize("key", MALFORMED_SESSION_KEYS)
def test_a_session_cookie_with_a_nul_byte_is_no_500_on_postgresql(client, tree, key):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    client.cookies["sessionid"] = key
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200


@pytest.mark.postgres
@pytest.mark.parametrize("value", [str(2**31), str(2**63 - 1)])
def test_ids_past_a_32_bit_page_column_are_a_404_on_postgresql(
    staff_client, tree, value
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
    assert staff_client.post(f"/social/pages/{value}/follow/").status_code == 404
    assert staff_client.get(f"/social/comments/{value}/").status_code == 404
