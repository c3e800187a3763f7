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
    intranet = Page.objects.descendant_of(tree.home, inclusive=True)
    assert not audience.can_view(anonymous, tree.home)
    assert not audience.visible_to(intranet, anonymous).exists()


@pytest.fixture
def host_page(tree):
    """One of the host's own pages, beside the intranet rather than inside it."""
    return tree.root.add_child(instance=Page(title="About us", slug="about-us"))


def test_the_hosts_pages_outside_the_intranet_keep_wagtails_privacy(
    tree, staff, host_page
):
    anonymous = AnonymousUser()
    assert not audience.in_intranet(host_page)
    assert audience.in_intranet(tree.blog)
    assert audience.can_view(anonymous, host_page)
    assert host_page in audience.visible_to(Page.objects.all(), anonymous)
    PageViewRestriction.objects.create(
        page=host_page, restriction_type=PageViewRestriction.LOGIN
    )
    assert not audience.can_view(anonymous, host_page)
    assert host_page not in audience.visible_to(Page.objects.all(), anonymous)
    assert audience.can_view(staff, host_page)


def test_a_new_intranet_home_is_known_at_once_to_every_worker(tree):
    from django.core.cache import cache

    from tests.factories import HomePageFactory

    cache.clear()  # another worker: nothing cached yet
    assert audience.in_intranet(tree.blog)
    second = HomePageFactory(parent=tree.root, slug="second-intranet", title="Two")
    assert audience.in_intranet(second)
    assert (second.path, second.url_path) in cache.get(audience.HOMES_CACHE_KEY)


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


@pytest.fixture
def hidden_thread(tree, moderator):
    """A thread by its own author, hidden by a moderator, with one comment in it."""
    from intranet.discussions.services import hide_thread
    from intranet.social.services import add_comment
    from tests.factories import DiscussionThreadPageFactory

    author = UserFactory(username="author")
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=author)
    add_comment(thread, author, "Said before it was hidden")
    hide_thread(thread, moderator, "Off topic")
    thread.refresh_from_db()
    return thread


def test_a_hidden_thread_is_closed_to_staff_through_every_entry_point(
    hidden_thread, staff
):
    pages = Page.objects.filter(pk=hidden_thread.pk)
    assert not audience.can_view(staff, hidden_thread)
    assert not audience.can_view(staff, Page.objects.get(pk=hidden_thread.pk))
    assert not audience.visible_to(pages, staff).exists()
    assert audience.who_can_view([staff], hidden_thread) == []


def test_a_hidden_thread_stays_open_to_its_author_and_moderators(
    hidden_thread, moderator
):
    author = hidden_thread.owner
    pages = Page.objects.filter(pk=hidden_thread.pk)
    for person in (author, moderator):
        assert audience.can_view(person, hidden_thread)
        assert audience.visible_to(pages, person).exists()
    assert set(audience.who_can_view([author, moderator], hidden_thread)) == {
        author,
        moderator,
    }


def test_anonymous_visitors_get_the_login_page_for_a_hidden_thread(
    client, hidden_thread
):
    response = client.get(hidden_thread.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("action", ["", "report/", "edit/", "delete/", "hide/"])
def test_no_comment_view_shows_a_hidden_thread_to_plain_staff(
    staff_client, hidden_thread, action
):
    from intranet.social.models import Comment

    comment = Comment.objects.get(object_pk=str(hidden_thread.pk))
    response = staff_client.get(f"/social/comments/{comment.pk}/{action}")
    assert response.status_code == 404
    assert hidden_thread.title not in response.content.decode()
    assert "Said before it was hidden" not in response.content.decode()
    assert staff_client.get(hidden_thread.url).status_code == 404


def test_the_threads_author_still_opens_the_hidden_thread(client, hidden_thread):
    client.force_login(hidden_thread.owner)
    response = client.get(hidden_thread.url)
    assert response.status_code == 200
    assert "Off topic" in response.content.decode()
