import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import PageViewRestriction

from intranet.social import services
from intranet.social.models import (
    Announcement,
    Kind,
    Notification,
    PageFollow,
    PersonFollow,
    TagFollow,
)
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    UserFactory,
    blog_post_form,
    leader_profile,
    make_editor,
)

pytestmark = pytest.mark.django_db


def tag_url(tag):
    return f"/social/tags/{tag.slug}/follow/"


def person_url(person):
    return f"/social/people/{person.username}/follow/"


@pytest.fixture
def policy(db):
    return Tag.objects.create(name="policy", slug="policy")


@pytest.fixture
def laura(db):
    return UserFactory(username="laura", first_name="Laura", last_name="Bennett")


def publish_post(tree, authors, tags=(), **fields):
    """A post written as a draft, then published as an editor publishes it."""
    post = BlogPostPageFactory(
        parent=tree.blog, authors=list(authors), live=False, **fields
    )
    if tags:
        post.tags.add(*tags)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


def told_about(page):
    return sorted(
        Notification.objects.filter(kind=Kind.POST, page_id=page.pk).values_list(
            "recipient__username", flat=True
        )
    )


# Following and unfollowing ------------------------------------------------------------


def test_staff_follow_and_unfollow_a_tag(staff_client, staff, policy):
    response = staff_client.post(tag_url(policy), {"action": "follow"}, follow=True)
    assert services.follows_tag(staff, policy)
    assert "You follow #policy now" in response.content.decode()
    response = staff_client.post(tag_url(policy), {"action": "unfollow"}, follow=True)
    assert not TagFollow.objects.exists()
    assert "You no longer follow #policy." in response.content.decode()


def test_staff_follow_and_unfollow_a_colleague(staff_client, staff, laura):
    response = staff_client.post(person_url(laura), {"action": "follow"})
    assert response["Location"] == laura.intranet_profile.profile_url
    assert services.follows_person(staff, laura)
    staff_client.post(person_url(laura), {"action": "unfollow"})
    assert not PersonFollow.objects.exists()


def test_a_double_submit_follows_once_and_does_not_undo_itself(
    staff_client, staff, policy, laura
):
    for _ in range(2):
        staff_client.post(tag_url(policy), {"action": "follow"})
        staff_client.post(person_url(laura), {"action": "follow"})
    assert TagFollow.objects.filter(user=staff, tag=policy).count() == 1
    assert PersonFollow.objects.filter(user=staff, author=laura).count() == 1
    for _ in range(2):
        staff_client.post(tag_url(policy), {"action": "unfollow"})
    assert not TagFollow.objects.exists()


def test_a_get_follows_nothing(staff_client, policy, laura, post):
    assert staff_client.get(tag_url(policy)).status_code == 405
    assert staff_client.get(person_url(laura)).status_code == 405
    assert staff_client.get(f"/social/pages/{post.pk}/unfollow/").status_code == 405
    assert not TagFollow.objects.exists() and not PersonFollow.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, tree, policy, laura):
    for url in (tag_url(policy), person_url(laura), "/social/following/"):
        response = client.post(url, {"action": "follow"})
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not TagFollow.objects.exists() and not PersonFollow.objects.exists()


def test_follow_forms_need_their_csrf_token(staff, policy):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(tag_url(policy), {"action": "follow"}).status_code == 403
    assert not TagFollow.objects.exists()


def test_nobody_follows_themselves(staff_client, staff):
    assert staff_client.post(person_url(staff)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.follow_person(staff, staff)
    assert not PersonFollow.objects.exists()


def test_unknown_tags_and_people_are_not_found(staff_client):
    assert staff_client.post("/social/tags/nope/follow/").status_code == 404
    assert staff_client.post("/social/people/nobody/follow/").status_code == 404


def test_a_follow_button_returns_to_its_page_but_never_off_site(
    staff_client, policy, laura
):
    back = "/blog/?tag=policy"
    response = staff_client.post(tag_url(policy), {"next": back})
    assert response["Location"] == back
    for unsafe in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = staff_client.post(tag_url(policy), {"next": unsafe})
        assert response["Location"] == "/social/following/"
        response = staff_client.post(person_url(laura), {"next": unsafe})
        assert response["Location"] == laura.intranet_profile.profile_url


# Announcing new posts and threads ----------------------------------------------------


def test_a_new_post_reaches_tag_and_author_followers_once_each(
    tree, laura, policy, django_capture_on_commit_callbacks
):
    tag_fan, laura_fan, both, neither = (
        UserFactory(username=name) for name in ("tagfan", "laurafan", "both", "other")
    )
    services.follow_tag(tag_fan, policy)
    services.follow_person(laura_fan, laura)
    services.follow_tag(both, policy)
    services.follow_person(both, laura)
    services.follow_tag(laura, policy)  # the author is not told of her own post
    with django_capture_on_commit_callbacks(execute=True):
        post = publish_post(tree, [laura], tags=["policy"])
    assert told_about(post) == ["both", "laurafan", "tagfan"]
    notification = Notification.objects.filter(page_id=post.pk).first()
    assert notification.actor == laura
    assert not Notification.objects.filter(recipient=neither).exists()

    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Our policy, updated"
        post.save_revision().publish()
    assert told_about(post) == ["both", "laurafan", "tagfan"]


def test_a_post_an_editor_publishes_in_the_admin_is_announced(
    client, tree, laura, policy, staff, django_capture_on_commit_callbacks
):
    from blog.models import BlogPostPage

    services.follow_tag(staff, policy)
    editor = make_editor(tree)
    client.force_login(editor)
    data = blog_post_form(laura, tags="policy", audience="staff")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/",
            {**data, "action-publish": "publish"},
        )
    assert response.status_code == 302, response.context["form"].errors
    post = BlogPostPage.objects.get(slug="new-centre")
    assert told_about(post) == ["staff"]
    assert Notification.objects.get(recipient=staff).actor == laura


def test_two_publications_at_once_announce_once(
    tree, laura, staff, django_capture_on_commit_callbacks
):
    services.follow_person(staff, laura)
    post = BlogPostPageFactory(parent=tree.blog, authors=[laura])
    post.first_published_at = post.last_published_at = timezone.now()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.announce(post) is True
        assert services.announce(post) is False
    assert len(callbacks) == 1
    assert Announcement.objects.filter(page=post).count() == 1
    assert told_about(post) == ["staff"]


def test_a_post_published_long_ago_is_not_announced_when_edited(
    tree, laura, staff, django_capture_on_commit_callbacks
):
    post = BlogPostPageFactory(parent=tree.blog, authors=[laura])
    post.first_published_at = timezone.now() - timezone.timedelta(days=400)
    post.save()
    services.follow_person(staff, laura)
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert told_about(post) == []
    assert not Announcement.objects.exists()


def test_a_draft_or_a_scheduled_post_is_not_announced_until_it_goes_live(
    tree, laura, staff, django_capture_on_commit_callbacks
):
    services.follow_person(staff, laura)
    post = BlogPostPageFactory(parent=tree.blog, authors=[laura], live=False)
    post.go_live_at = timezone.now() + timezone.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert told_about(post) == []
    post.refresh_from_db()
    post.go_live_at = None
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert told_about(post) == ["staff"]


def test_a_restricted_post_reaches_only_followers_who_may_see_it(
    tree, laura, policy, django_capture_on_commit_callbacks
):
    insiders = Group.objects.create(name="Insiders")
    insider = UserFactory(username="insider", groups=["Insiders"])
    outsider = UserFactory(username="outsider")
    laura.groups.add(insiders)
    for person in (insider, outsider):
        services.follow_tag(person, policy)
        services.follow_person(person, laura)
    with django_capture_on_commit_callbacks(execute=True):
        post = BlogPostPageFactory(parent=tree.blog, authors=[laura], live=False)
        restriction = PageViewRestriction.objects.create(
            page=post, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(insiders)
        post.tags.add("policy")
        post.save_revision().publish()
    assert told_about(post) == ["insider"]


def test_inactive_followers_hear_nothing(
    tree, laura, policy, staff, django_capture_on_commit_callbacks
):
    services.follow_tag(staff, policy)
    staff.is_active = False
    staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        post = publish_post(tree, [laura], tags=["policy"])
    assert told_about(post) == []


def test_a_rolled_back_publication_tells_nobody(
    tree, laura, staff, django_capture_on_commit_callbacks
):
    from django.db import transaction

    services.follow_person(staff, laura)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            publish_post(tree, [laura])
            raise RuntimeError
    assert not Notification.objects.exists()
    assert not Announcement.objects.exists()


def test_a_thread_started_on_the_front_end_is_announced(
    client, tree, laura, policy, staff, django_capture_on_commit_callbacks
):
    from intranet.discussions.models import DiscussionThreadPage

    tag_fan = UserFactory(username="tagfan")
    services.follow_tag(tag_fan, policy)
    services.follow_person(staff, laura)
    client.force_login(laura)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/threads/new/",
            {
                "title": "Which policy applies to video?",
                "body": "Asking for the team.",
                "tags": "policy",
                "results_shown": "after_voting",
            },
        )
    thread = DiscussionThreadPage.objects.get()
    assert response["Location"] == thread.url
    assert told_about(thread) == ["staff", "tagfan"]
    assert Notification.objects.get(recipient=staff).actor == laura


def test_a_thread_published_in_the_admin_is_announced_too(
    tree, laura, staff, django_capture_on_commit_callbacks
):
    services.follow_person(staff, laura)
    with django_capture_on_commit_callbacks(execute=True):
        thread = DiscussionThreadPageFactory(
            parent=tree.discussions, owner=laura, live=False
        )
        thread.save_revision().publish()
    assert told_about(thread) == ["staff"]


# Buttons ----------------------------------------------------------------------------


def test_a_colleagues_profile_has_a_follow_button_and_ones_own_has_none(
    staff_client, staff, laura
):
    html = staff_client.get(laura.intranet_profile.profile_url).content.decode()
    assert f'action="/social/people/{laura.username}/follow/"' in html
    assert "Follow <bdi>Laura Bennett</bdi>" in html
    services.follow_person(staff, laura)
    html = staff_client.get(laura.intranet_profile.profile_url).content.decode()
    assert "Unfollow <bdi>Laura Bennett</bdi>" in html
    assert 'value="unfollow"' in html
    html = staff_client.get(staff.intranet_profile.profile_url).content.decode()
    assert 'data-testid="person-follow"' not in html


def test_a_tag_filtered_listing_offers_to_follow_the_tag(
    staff_client, staff, tree, laura
):
    publish_post(tree, [laura], tags=["policy"])
    DiscussionThreadPageFactory(parent=tree.discussions).tags.add("policy")
    for url in ("/blog/?tag=policy", "/discussions/?tag=policy"):
        html = staff_client.get(url).content.decode()
        assert 'action="/social/tags/policy/follow/"' in html, url
        assert "Follow #policy" in html, url
    services.follow_tag(staff, Tag.objects.get(slug="policy"))
    assert "Unfollow #policy" in staff_client.get("/blog/?tag=policy").content.decode()
    html = staff_client.get("/blog/?author=laura").content.decode()
    assert 'action="/social/people/laura/follow/"' in html


def test_a_post_offers_to_follow_each_of_its_tags(staff_client, staff, tree, laura):
    post = publish_post(tree, [laura], tags=["policy", "video"])
    services.follow_tag(staff, Tag.objects.get(slug="video"))
    html = staff_client.get(post.url).content.decode()
    assert 'action="/social/tags/policy/follow/"' in html
    assert (
        '<span data-label>Follow</span><span class="visually-hidden"> #policy</span>'
        in html
    )
    assert (
        '<span data-label>Unfollow</span><span class="visually-hidden"> #video</span>'
        in html
    )


def test_the_user_menu_and_the_notifications_lead_to_what_i_follow(staff_client):
    html = staff_client.get("/social/notifications/").content.decode()
    assert html.count('href="/social/following/"') == 2


# The "What I follow" page ------------------------------------------------------------


def test_an_empty_following_page_explains_how_to_follow(staff_client):
    response = staff_client.get("/social/following/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "You follow no threads yet" in html
    assert "You follow no leaders yet" in html
    assert "You follow no tags yet" in html
    assert "You follow nobody yet" in html


def test_the_following_page_lists_each_kind_with_an_unfollow_button(
    staff_client, staff, tree, policy, laura
):
    thread = DiscussionThreadPageFactory(parent=tree.discussions, title="Video?")
    profile = leader_profile(tree, username="chief", first_name="Ada", last_name="Obi")
    services.follow(staff, thread)
    services.follow(staff, profile)
    services.follow_tag(staff, policy)
    services.follow_person(staff, laura)
    html = staff_client.get("/social/following/").content.decode()
    assert thread.title in html
    assert f'action="/social/pages/{thread.pk}/unfollow/"' in html
    assert "<bdi>Ada Obi</bdi>" in html
    assert f'action="/social/pages/{profile.pk}/unfollow/"' in html
    assert "#policy" in html and 'action="/social/tags/policy/follow/"' in html
    assert "<bdi>Laura Bennett</bdi>" in html
    assert 'action="/social/people/laura/follow/"' in html
    assert "You follow no" not in html and "You follow nobody" not in html

    response = staff_client.post(
        f"/social/pages/{thread.pk}/unfollow/", {"next": "/social/following/"}
    )
    assert response["Location"] == "/social/following/"
    assert not PageFollow.objects.filter(user=staff, page=thread).exists()
    assert PageFollow.objects.filter(user=staff, page=profile).exists()


def test_the_following_page_leaves_out_pages_the_person_may_no_longer_see(
    staff_client, staff, tree
):
    seen = DiscussionThreadPageFactory(parent=tree.discussions, title="Open thread")
    secret = DiscussionThreadPageFactory(parent=tree.discussions, title="Board only")
    hidden = DiscussionThreadPageFactory(
        parent=tree.discussions, title="Hidden by a moderator", hidden_at=timezone.now()
    )
    gone = DiscussionThreadPageFactory(parent=tree.discussions, title="Unpublished")
    for page in (seen, secret, hidden, gone):
        services.follow(staff, page)
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    gone.unpublish()
    html = staff_client.get("/social/following/").content.decode()
    assert "Open thread" in html
    for title in ("Board only", "Hidden by a moderator", "Unpublished"):
        assert title not in html


def _follow_many(person, tree, n):
    """``person`` follows ``n`` threads, leaders, tags and colleagues."""
    me = person.username
    for i in range(n):
        thread = DiscussionThreadPageFactory(parent=tree.discussions, slug=f"{me}-{i}")
        services.follow(person, thread)
        profile = leader_profile(
            tree, username=f"{me}-leader{i}", first_name="Lee", last_name=f"Der{i}"
        )
        services.follow(person, profile)
        services.follow_tag(
            person, Tag.objects.create(name=f"{me}{i}", slug=f"{me}{i}")
        )
        services.follow_person(person, UserFactory(username=f"{me}-colleague{i}"))


FOLLOWING_PAGE_QUERIES = 12


@pytest.mark.parametrize("n", [2, 20])
def test_the_following_page_costs_the_same_for_2_follows_as_for_20(
    client, tree, n, django_assert_num_queries
):
    """Following 20 threads, leaders, tags and people costs what following 2 does:
    each kind is one query, never one per follow."""
    person = UserFactory(username="reader")
    _follow_many(person, tree, n)
    client.force_login(person)
    client.get("/social/following/")  # the site's root paths are cached from here on
    with django_assert_num_queries(FOLLOWING_PAGE_QUERIES):
        response = client.get("/social/following/")
    assert response.content.decode().count('data-testid="unfollow-') == 4 * n
