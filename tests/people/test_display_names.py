"""No one takes a colleague's name, and readers can always tell who wrote what."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.people.forms import ProfileForm
from tests.factories import UserFactory, comment_on
from tests.factories.people import leader_profile

pytestmark = pytest.mark.django_db

URL = "/accounts/profile/"


def profile_data(**overrides):
    return {"display_name": "Sam O.", "job_title": "Team lead", **overrides}


@pytest.fixture
def laura(tree):
    """The chief executive, shown by her full name (no display name)."""
    return leader_profile(tree).user


@pytest.mark.parametrize(
    "attempt",
    [
        "Laura Bennett",
        "laura BENNETT",
        "Láura Bénnétt",
        "L\u0430ura Bennett",  # Cyrillic a
        "Lau\u200bra Bennett",  # zero-width space
        "  Laura   Bennett ",
        "Iaura Bennett",  # capital i for l
        "ＬＡＵＲＡ ＢＥＮＮＥＴＴ",  # full-width letters
    ],
)
def test_a_colleagues_full_name_however_disguised_is_refused(
    staff_client, staff, laura, attempt
):
    response = staff_client.post(
        URL, profile_data(display_name=attempt, job_title="Kept title")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "looks like, a colleague&#x27;s name" in html
    assert 'value="Kept title"' in html
    staff.intranet_profile.refresh_from_db()
    assert staff.intranet_profile.display_name == ""


def test_a_colleagues_display_name_is_refused(staff, tree):
    UserFactory(username="boss", display_name="The Boss")
    form = ProfileForm(
        profile_data(display_name="the b0ss"), instance=staff.intranet_profile
    )
    assert not form.is_valid()
    assert "a colleague's name" in form.errors["display_name"][0]


def test_the_check_is_one_query_however_many_colleagues(staff, tree):
    for n in range(30):
        UserFactory(display_name=f"Colleague {n}")
    form = ProfileForm(
        profile_data(display_name="Someone new"), instance=staff.intranet_profile
    )
    form.cleaned_data = {"display_name": "Someone new"}
    with CaptureQueriesContext(connection) as queries:
        assert form.clean_display_name() == "Someone new"
    assert len(queries) == 1


def test_ones_own_unchanged_name_is_accepted(staff_client, staff, tree):
    staff.intranet_profile.display_name = "Sam O."
    staff.intranet_profile.save()
    UserFactory(username="other", display_name="Sam O.")  # from before the check
    response = staff_client.post(URL, profile_data(display_name="Sam O."))
    assert response.status_code == 302


def test_ones_own_full_name_is_accepted_even_when_a_colleague_shares_it(
    staff_client, staff, tree
):
    UserFactory(username="sam2", first_name="Sam", last_name="Okafor")
    response = staff_client.post(URL, profile_data(display_name="Sam Okafor"))
    assert response.status_code == 302
    staff.intranet_profile.refresh_from_db()
    assert staff.intranet_profile.display_name == "Sam Okafor"


def test_a_new_distinct_name_is_saved_with_its_spaces_tidied(staff_client, staff, tree):
    response = staff_client.post(URL, profile_data(display_name="  Sammy   O. "))
    assert response.status_code == 302
    staff.intranet_profile.refresh_from_db()
    assert staff.intranet_profile.display_name == "Sammy O."


def test_a_renamed_colleagues_new_name_is_protected(staff, tree):
    other = UserFactory(username="kim", first_name="Kim", last_name="Lee")
    other.last_name = "Park"
    other.save()
    form = ProfileForm(
        profile_data(display_name="Kim Park"), instance=staff.intranet_profile
    )
    assert not form.is_valid()


def test_a_leader_cannot_change_their_name_even_with_a_forged_field(client, laura):
    client.force_login(laura)
    page = client.get(URL).content.decode()
    field = re.search(r"<input[^>]*name=\"display_name\"[^>]*>", page).group()
    assert "disabled" in field
    assert "set by the intranet&#x27;s editors" in page
    response = client.post(
        URL, profile_data(display_name="Someone Else", job_title="Chief of staff")
    )
    assert response.status_code == 302
    laura.intranet_profile.refresh_from_db()
    assert laura.intranet_profile.display_name == ""
    assert laura.intranet_profile.job_title == "Chief of staff"


def test_name_keys_ignore_case_marks_lookalikes_and_invisible_characters():
    from intranet.people.names import name_key

    assert name_key("Laura Bennett") == name_key("LÁURA  be\u200bnnett")
    assert name_key("Laura Bennett") == name_key(
        "L\u0430ura Benne\u0442t".replace("\u0442", "t")
    )
    assert name_key("Laura Bennett") != name_key("Laura Bennet")


def test_a_comment_shows_its_authors_username_and_leaders_are_verified(
    staff_client, post, staff, laura
):
    comment_on(post, staff, "A question")
    comment_on(post, laura, "An answer")
    html = staff_client.get(post.url).content.decode()
    assert "@staff" in html
    assert "@laura" in html
    assert html.count('data-testid="verified"') == 1
    assert "Verified leader" in html


def test_a_profile_page_shows_the_username_and_a_leaders_verified_mark(
    staff_client, laura
):
    html = staff_client.get("/people/profile/laura/").content.decode()
    assert "@laura" in html
    assert 'data-testid="verified"' in html
    html = staff_client.get("/people/profile/staff/").content.decode()
    assert "@staff" in html
    assert 'data-testid="verified"' not in html
