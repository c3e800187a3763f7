"""Query budgets: the directory and a leader's profile cost the same however many
people or updates there are.

About half of each budget is the same for every page: the session, the site, the
navigation, the organisation settings and the audience checks of page serving.
"""

import pytest

from intranet.social.models import PageReaction
from tests.factories import UserFactory, comment_on
from tests.factories.people import LeaderUpdatePageFactory, leader_profile

pytestmark = pytest.mark.django_db

DIRECTORY_BUDGET = 22
PROFILE_BUDGET = 26


def test_a_directory_page_of_fifty_costs_what_a_page_of_five_does(
    staff_client, tree, django_assert_max_num_queries
):
    """Fifty people a page: the people, their count, the departments, the leaders
    (with their photos) and which people have a leader page are one query each,
    so 50 people and 4 leaders cost what 5 people and 1 leader do."""
    leader_profile(tree)
    UserFactory.create_batch(4, skills="Excel, budgets")
    staff_client.get("/people/")  # warm per-process caches
    with django_assert_max_num_queries(DIRECTORY_BUDGET) as few:
        assert staff_client.get("/people/").status_code == 200
    UserFactory.create_batch(80, skills="Excel, budgets")
    for n in range(3):
        leader_profile(tree, username=f"boss{n}", first_name="Boss", last_name=str(n))
    with django_assert_max_num_queries(DIRECTORY_BUDGET) as many:
        response = staff_client.get("/people/")
    assert len(response.context["people"]) == 50
    assert len(many.captured_queries) == len(few.captured_queries)


def add_updates(profile, count, asker):
    for _n in range(count):
        update = LeaderUpdatePageFactory(parent=profile)
        question = comment_on(update, asker, "Why?")
        question.is_question = True
        question.save()
        PageReaction.objects.create(page=update, user=asker, kind="like")


def test_a_leader_profile_with_fifty_updates_costs_what_one_with_two_does(
    staff_client, tree, staff, django_assert_max_num_queries
):
    """The updates (with their leader, delegate and images) are one query for the
    page, the open questions with their askers one more, and their updates one
    more: 50 updates and 50 open questions cost what 2 and 2 do."""
    profile = leader_profile(tree)
    add_updates(profile, 2, staff)
    staff_client.get(profile.url)
    with django_assert_max_num_queries(PROFILE_BUDGET) as few:
        assert staff_client.get(profile.url).status_code == 200
    add_updates(profile, 48, staff)
    with django_assert_max_num_queries(PROFILE_BUDGET) as many:
        response = staff_client.get(profile.url)
    assert len(response.context["updates"]) == 50
    assert len(response.context["questions"]) == 50
    assert len(many.captured_queries) == len(few.captured_queries)


def test_leaders_photos_on_the_directory_cost_nothing_per_leader(
    staff_client, tree, media, committed, django_assert_max_num_queries
):
    """Leaders' photos and their renditions come with the leaders, two queries for
    any number on top of the directory's budget: four pictured leaders cost what
    one does."""
    from tests.factories import ImageFactory

    def pictured_leader(**names):
        profile = leader_profile(tree, **names)
        profile.photo = ImageFactory()
        committed(profile.save_revision().publish)  # makes the photo's rendition

    pictured_leader()
    staff_client.get("/people/")  # warm per-process caches
    with django_assert_max_num_queries(DIRECTORY_BUDGET + 2) as few:
        assert b'class="leader-card__photo"' in staff_client.get("/people/").content
    for n in range(3):
        pictured_leader(username=f"boss{n}", first_name="Boss", last_name=str(n))
    staff_client.get("/people/")
    with django_assert_max_num_queries(DIRECTORY_BUDGET + 2) as many:
        response = staff_client.get("/people/")
    assert response.content.count(b'class="leader-card__photo"') == 4
    assert len(many.captured_queries) == len(few.captured_queries)
