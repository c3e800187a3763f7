import time

import pytest

from tests.factories import UserFactory
from tests.factories.people import LeaderProfilePageFactory, leader_profile

pytestmark = pytest.mark.django_db

URL = "/people/"


def names(response):
    return [person.username for person in response.context["people"]]


def test_the_directory_lists_active_people_only(staff_client, tree):
    UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    UserFactory(username="gone", first_name="Gone", is_active=False)
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert "ada" in names(response)
    assert "gone" not in names(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("lovelace", "ada"),
        ("Analytical", "ada"),  # job title
        ("engines dept", "ada"),  # department, two words
        ("python", "ada"),  # skills
        ("Countess", "ada"),  # display name
    ],
)
def test_the_directory_searches_names_titles_departments_and_skills(
    staff_client, tree, query, expected
):
    UserFactory(
        username="ada",
        first_name="Ada",
        last_name="Lovelace",
        display_name="Countess Ada",
        job_title="Analytical lead",
        department="Engines dept",
        skills="Python, mathematics",
    )
    UserFactory(username="bob", first_name="Bob", last_name="Smith")
    response = staff_client.get(URL, {"q": query})
    assert names(response) == [expected]


def test_every_word_of_a_search_must_match(staff_client, tree):
    UserFactory(username="ada", first_name="Ada", last_name="Lovelace")
    UserFactory(username="adam", first_name="Adam", last_name="Smith")
    response = staff_client.get(URL, {"q": "ada smith"})
    assert names(response) == ["adam"]


def test_the_directory_filters_by_department(staff_client, tree):
    UserFactory(username="ann", department="Finance")
    UserFactory(username="ben", department="Sales")
    response = staff_client.get(URL, {"department": "Finance"})
    assert names(response) == ["ann"]
    assert "Finance" in response.context["departments"]
    assert 'value="Finance" selected' in response.content.decode()


def test_the_directory_shows_fifty_people_a_page(staff_client, tree):
    UserFactory.create_batch(60, department="Sales")
    first = staff_client.get(URL, {"department": "Sales"})
    second = staff_client.get(URL, {"department": "Sales", "page": 2})
    assert len(first.context["people"]) == 50
    assert len(second.context["people"]) == 10
    assert set(names(first)).isdisjoint(names(second))
    # A page number past the end or not a number shows a page, never an error.
    assert staff_client.get(URL, {"page": "999"}).status_code == 200
    assert staff_client.get(URL, {"page": "x'"}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'; DROP TABLE people_user; --",
        "%",
        "100%_",
        "\\",
        "a" * 10_000,
        "word " * 2_000,
        "\x00",
    ],
)
def test_hostile_or_huge_searches_answer_quickly(staff_client, tree, query):
    UserFactory(username="pct", first_name="Percent", last_name="100%")
    started = time.monotonic()
    response = staff_client.get(URL, {"q": query, "department": query})
    assert response.status_code == 200
    assert time.monotonic() - started < 1.0
    assert len(response.context["query"]) <= 200


def test_a_percent_sign_is_searched_for_literally(staff_client, tree):
    UserFactory(username="pct", first_name="Percent", last_name="100%")
    UserFactory(username="other", first_name="Other", last_name="Person")
    assert names(staff_client.get(URL, {"q": "%"})) == ["pct"]


def test_markup_in_names_is_escaped_in_the_directory(staff_client, tree):
    UserFactory(username="evil", first_name="<script>alert(1)</script>")
    html = staff_client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_leadership_section_lists_the_leaders_the_reader_may_see(
    staff_client, tree
):
    laura = leader_profile(tree)
    hidden = LeaderProfilePageFactory(
        parent=tree.people, user=UserFactory(username="draftleader")
    )
    hidden.unpublish()
    response = staff_client.get(URL)
    assert list(response.context["leaders"]) == [laura]
    html = response.content.decode()
    assert 'data-testid="leadership"' in html
    assert laura.url in html


def test_a_leader_in_the_directory_links_to_their_profile_page(staff_client, tree):
    laura = leader_profile(tree)
    response = staff_client.get(URL, {"q": "Bennett"})
    assert names(response) == ["laura"]
    assert f'href="{laura.url}"' in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, tree):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
