import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Page, PageViewRestriction

from intranet import audience
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_only(tree):
    """The Guidelines section, restricted to the HR group."""
    group = Group.objects.create(name="HR")
    restriction = PageViewRestriction.objects.create(
        page=tree.guidelines, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return group


def test_anonymous_visitors_see_no_staff_only_page(tree):
    anonymous = AnonymousUser()
    assert not audience.can_view(anonymous, tree.home)
    assert not audience.visible_to(Page.objects.all(), anonymous).exists()


def test_staff_see_every_unrestricted_live_page(tree, staff):
    assert audience.can_view(staff, tree.blog)
    visible = set(audience.visible_to(Page.objects.all(), staff))
    assert {tree.home.page_ptr, tree.blog.page_ptr} <= visible


def test_staff_outside_a_group_do_not_see_its_pages(tree, staff, hr_only):
    assert not audience.can_view(staff, tree.guidelines)
    assert tree.guidelines.page_ptr not in audience.visible_to(
        Page.objects.all(), staff
    )


def test_group_members_and_superusers_see_group_pages(tree, hr_only):
    member = UserFactory(groups=["HR"])
    admin = UserFactory(is_superuser=True)
    for user in (member, admin):
        assert audience.can_view(user, tree.guidelines)
        assert audience.visible_to(
            Page.objects.filter(pk=tree.guidelines.pk), user
        ).exists()


def test_unpublished_pages_are_seen_by_nobody(tree, staff):
    tree.blog.unpublish()
    assert not audience.can_view(staff, tree.blog)
    assert tree.blog.page_ptr not in audience.visible_to(Page.objects.all(), staff)


def test_staff_outside_the_group_get_404_not_the_page(staff_client, tree, hr_only):
    assert staff_client.get("/guidelines/").status_code == 404


def test_deactivated_accounts_are_treated_as_anonymous(tree):
    gone = UserFactory(is_active=False)
    assert not audience.can_view(gone, tree.blog)


def test_navigation_does_not_name_sections_the_reader_may_not_see(
    staff_client, tree, hr_only
):
    tree.guidelines.title = "Restricted section CANARY-NAV"
    tree.guidelines.save_revision().publish()
    response = staff_client.get("/")
    assert b"CANARY-NAV" not in response.content
    assert b'href="/blog/"' in response.content
