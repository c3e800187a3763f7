import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import GuidelinePageFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


def run(date=TODAY):
    out = StringIO()
    call_command("intranet_guideline_reviews", "--date", date.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def owner(db):
    return UserFactory(
        first_name="Elina", last_name="Virtanen", email="elina@example.com"
    )


@pytest.mark.parametrize("ahead", [28, 14])
def test_owners_hear_four_and_two_weeks_before_the_review_date(
    tree, owner, ahead, django_capture_on_commit_callbacks
):
    page = GuidelinePageFactory(
        parent=tree.guidelines,
        title="Policy",
        owner_person=owner,
        review_date=days(ahead),
    )
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Review reminders sent: 1" in output
    [message] = mail.outbox
    assert message.to == ["elina@example.com"]
    assert "due for review" in message.subject
    assert f"(in {ahead} days)" in message.body
    assert page.full_url in message.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body


@pytest.mark.parametrize("ahead", [27, 15, 13, 1, 0, 29])
def test_nobody_hears_on_other_days(
    tree, owner, ahead, django_capture_on_commit_callbacks
):
    GuidelinePageFactory(
        parent=tree.guidelines, owner_person=owner, review_date=days(ahead)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert mail.outbox == []


def test_the_reminder_lists_what_is_overdue_and_the_command_prints_it(
    tree, owner, django_capture_on_commit_callbacks
):
    GuidelinePageFactory(
        parent=tree.guidelines,
        title="Coming up",
        owner_person=owner,
        review_date=days(14),
    )
    GuidelinePageFactory(
        parent=tree.guidelines,
        title="Long overdue",
        owner_person=owner,
        review_date=days(-40),
    )
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Past their review date (1):" in output
    assert "2027-01-20  Long overdue (owner: Elina Virtanen)" in output
    [message] = mail.outbox
    assert "Coming up" in message.body
    assert "past their review date" in message.body
    assert "Long overdue" in message.body


def test_owners_of_overdue_guidelines_hear_once_a_week(
    tree, owner, django_capture_on_commit_callbacks
):
    GuidelinePageFactory(
        parent=tree.guidelines, owner_person=owner, review_date=days(-7)
    )
    with django_capture_on_commit_callbacks(execute=True):
        run()
        run(days(1))
    assert len(mail.outbox) == 1
    assert "past their review date" in mail.outbox[0].subject


def test_a_team_owner_means_every_member_hears_once(
    tree, owner, django_capture_on_commit_callbacks
):
    team = Group.objects.create(name="Communications team")
    colleague = UserFactory(email="colleague@example.com")
    gone = UserFactory(email="gone@example.com", is_active=False)
    team.user_set.add(owner, colleague, gone)
    GuidelinePageFactory(
        parent=tree.guidelines,
        owner_person=owner,
        owner_team=team,
        review_date=days(28),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "colleague@example.com",
        "elina@example.com",
    ]


def test_nobody_is_mailed_about_a_guideline_they_can_no_longer_see(
    tree, owner, django_capture_on_commit_callbacks
):
    page = GuidelinePageFactory(
        parent=tree.guidelines, owner_person=owner, review_date=days(28)
    )
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert mail.outbox == []


def test_no_mail_leaves_before_the_transaction_commits(
    tree, owner, django_capture_on_commit_callbacks
):
    GuidelinePageFactory(
        parent=tree.guidelines, owner_person=owner, review_date=days(28)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run()
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_unpublished_guidelines_are_not_reminded(
    tree, owner, django_capture_on_commit_callbacks
):
    GuidelinePageFactory(
        parent=tree.guidelines, owner_person=owner, review_date=days(28), live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert mail.outbox == []
    assert "Review reminders sent: 0" in output


def test_the_command_defaults_to_today_and_refuses_a_bad_date(tree):
    out = StringIO()
    call_command("intranet_guideline_reviews", stdout=out)
    assert "No guideline is past its review date." in out.getvalue()
    with pytest.raises(CommandError):
        call_command("intranet_guideline_reviews", "--date", "1 March")
    assert timezone.localdate()
