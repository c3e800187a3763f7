import uuid

import pytest

from intranet.social import services
from intranet.social.models import Comment, PageFollow

pytestmark = pytest.mark.django_db


def test_following_toggles_and_counts_once(staff_client, post, staff):
    url = f"/social/pages/{post.pk}/follow/"
    staff_client.post(url)
    staff_client.post(url.replace("follow", "follow"))  # the second click unfollows
    assert not PageFollow.objects.exists()
    services.follow(staff, post)
    services.follow(staff, post)
    assert list(services.followers(post)) == [staff]


def test_inactive_people_are_not_followers(post, staff):
    services.follow(staff, post)
    staff.is_active = False
    staff.save()
    assert not services.followers(post).exists()


def test_commenting_follows_pages_that_ask_for_it(
    staff_client, post, staff, monkeypatch
):
    monkeypatch.setattr(type(post), "follow_on_comment", True)
    staff_client.post(post.url, {"text": "Count me in", "token": str(uuid.uuid4())})
    assert services.is_following(staff, post)


def test_questions_only_where_the_page_accepts_them(staff_client, post, monkeypatch):
    staff_client.post(
        post.url, {"text": "A?", "token": str(uuid.uuid4()), "is_question": "on"}
    )
    assert not Comment.objects.get(comment="A?").is_question
    monkeypatch.setattr(type(post), "accepts_questions", True)
    staff_client.post(
        post.url, {"text": "B?", "token": str(uuid.uuid4()), "is_question": "on"}
    )
    assert Comment.objects.get(comment="B?").is_question
    html = staff_client.get(post.url).content.decode()
    assert "Ask this as a question" in html


def test_following_a_page_the_reader_may_not_see_is_a_404(client, post, tree):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from tests.factories import UserFactory

    restriction = PageViewRestriction.objects.create(
        page=post, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    client.force_login(UserFactory())
    assert client.post(f"/social/pages/{post.pk}/follow/").status_code == 404
    assert not PageFollow.objects.exists()
