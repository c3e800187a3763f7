from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from intranet import setup
from intranet.people.leaders import open_questions
from intranet.people.models import LeaderProfilePage, LeaderUpdatePage
from intranet.social.models import PageFollow, PageReaction

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("intranet_load_demo", stdout=StringIO())


def test_the_demo_has_three_leaders_with_profiles_and_updates(demo):
    profiles = LeaderProfilePage.objects.live().select_related("user")
    assert {p.user.username for p in profiles} == {"leader", "oliver", "priya"}
    for profile in profiles:
        assert profile.user.check_password("changeme")
        assert profile.user.groups.filter(name=setup.LEADERS).exists()
        assert LeaderUpdatePage.objects.child_of(profile).live().exists()


def test_one_demo_update_was_prepared_with_a_delegate(demo):
    prepared = LeaderUpdatePage.objects.live().filter(prepared_with__isnull=False)
    assert [(u.leader.username, u.prepared_with.username) for u in prepared] == [
        ("leader", "editor")
    ]


def test_demo_questions_are_answered_but_one(demo):
    staff = User.objects.get(username="staff")
    open_ones = [
        question
        for profile in LeaderProfilePage.objects.all()
        for question in open_questions(profile, staff)
    ]
    assert [q.comment for q in open_ones] == [
        "Can the mileage claim go into the same form?"
    ]
    assert PageReaction.objects.filter(page__in=LeaderUpdatePage.objects.all())
    assert PageFollow.objects.filter(
        user=staff, page__in=LeaderProfilePage.objects.all()
    ).exists()


def test_loading_the_demo_twice_adds_no_leader_content(demo):
    counts = (
        LeaderUpdatePage.objects.count(),
        User.objects.count(),
        PageFollow.objects.count(),
    )
    out = StringIO()
    call_command("intranet_load_demo", stdout=out)
    assert "Nothing to add" in out.getvalue()
    assert counts == (
        LeaderUpdatePage.objects.count(),
        User.objects.count(),
        PageFollow.objects.count(),
    )
