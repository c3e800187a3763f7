import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from intranet.social.models import FeedToken
from tests.factories import BlogPostPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(staff):
    return FeedToken.objects.create(user=staff).key


def test_the_personal_feed_lists_what_its_owner_may_see(client, tree, key):
    visible = BlogPostPageFactory(parent=tree.blog, title="For everyone")
    secret = BlogPostPageFactory(parent=tree.blog, title="Board only CANARY-feed")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    for kind in ("rss", "atom"):
        response = client.get(f"/feeds/{key}/blog/{kind}/")
        assert response.status_code == 200
        body = response.content.decode()
        assert visible.title in body
        assert "CANARY-feed" not in body


def test_a_tag_feed_holds_only_that_tag(client, tree, key):
    BlogPostPageFactory(parent=tree.blog, title="Tagged", tag_names=["linkedin"])
    BlogPostPageFactory(parent=tree.blog, title="Untagged")
    body = client.get(f"/feeds/{key}/blog/tag/linkedin/rss/").content.decode()
    assert "Tagged" in body
    assert "Untagged" not in body
    assert client.get(f"/feeds/{key}/blog/tag/no-such-tag/rss/").status_code == 404


def test_an_unknown_key_gives_a_404(client, tree):
    assert client.get("/feeds/not-a-key/blog/rss/").status_code == 404


def test_a_deactivated_owner_s_feed_stops(client, tree, staff, key):
    staff.is_active = False
    staff.save()
    assert client.get(f"/feeds/{key}/blog/rss/").status_code == 404


def test_resetting_changes_the_address_and_the_old_one_stops(
    staff_client, tree, key, client
):
    BlogPostPageFactory(parent=tree.blog)
    response = staff_client.post("/social/feeds/reset/", {"next": "/blog/"})
    assert response["Location"] == "/blog/"
    new_key = FeedToken.objects.get().key
    assert new_key != key
    assert client.get(f"/feeds/{key}/blog/rss/").status_code == 404
    assert client.get(f"/feeds/{new_key}/blog/rss/").status_code == 200


def test_resetting_never_redirects_off_the_site(staff_client, tree):
    response = staff_client.post(
        "/social/feeds/reset/", {"next": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/"


def test_the_blog_shows_the_personal_feed_addresses(staff_client, tree, staff):
    html = staff_client.get("/blog/").content.decode()
    assert f"/feeds/{FeedToken.objects.get(user=staff).key}/blog/rss/" in html
