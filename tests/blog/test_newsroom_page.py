"""The newsroom page: the intranet's public posts on the public website, under its
address and in its layout, without anything internal."""

import pytest
from wagtail.models import Page, Site

from intranet.blog.models import NewsroomPage
from intranet.social.models import TrackedVisit
from tests.factories import (
    BlogPostPageFactory,
    PublicPostFactory,
    UserFactory,
    comment_on,
)

pytestmark = pytest.mark.django_db

PUBLIC = "www.example.org"
INTRANET = "intranet.example.org"


@pytest.fixture
def sites(tree, settings):
    """The public site at www.example.org with a newsroom; the intranet beside it."""
    settings.ALLOWED_HOSTS = [PUBLIC, INTRANET]
    home = tree.root.add_child(instance=Page(title="Northwind", slug="northwind"))
    newsroom = home.add_child(
        instance=NewsroomPage(title="News", slug="news", intro="<p>Our stories.</p>")
    )
    Site.objects.all().delete()
    Site.objects.create(hostname=PUBLIC, root_page=home)
    Site.objects.create(hostname=INTRANET, root_page=tree.home, is_default_site=True)
    return newsroom


@pytest.fixture
def posts(tree, sites):
    internal = BlogPostPageFactory(
        parent=tree.blog, title="Restructuring CANARY-int", slug="restructuring"
    )
    author = UserFactory(first_name="Laura", last_name="Bennett")
    public = PublicPostFactory(
        parent=tree.blog,
        title="We opened a new service centre",
        slug="new-centre",
        authors=[author],
        body=[
            ("paragraph", "<p>Doors open on Monday.</p>"),
            (
                "staff_only",
                {"content": [("paragraph", "<p>Embargoed figures CANARY-staff</p>")]},
            ),
        ],
    )
    return internal, public


def get(client, host, path, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_the_newsroom_lists_public_posts_on_the_public_site(client, posts):
    internal, public = posts
    response = get(client, PUBLIC, "/news/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>News</h1>" in html
    assert "Our stories." in html
    assert html.count('data-testid="newsroom-card"') == 1
    assert f'href="http://{PUBLIC}/news/new-centre/"' in html
    assert "CANARY-int" not in html
    assert INTRANET not in html
    assert "public" in response["Cache-Control"]


def test_a_public_post_reads_in_the_newsroom_without_anything_internal(
    client, posts, staff
):
    _internal, public = posts
    comment_on(public, staff, "Only staff read this CANARY-comment")
    response = get(client, PUBLIC, "/news/new-centre/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="public-post"' in html
    assert "Doors open on Monday." in html
    canonical = f"http://{PUBLIC}/news/new-centre/"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    for secret in ("CANARY-comment", "CANARY-staff", "Sam Okafor", "conversation"):
        assert secret not in html
    assert "<form" not in html
    assert INTRANET not in html


@pytest.mark.parametrize("slug", ["restructuring", "no-such-post", "rss-not"])
def test_the_newsroom_serves_no_internal_or_missing_post(client, posts, slug):
    assert get(client, PUBLIC, f"/news/{slug}/").status_code == 404


def test_an_unpublished_public_post_leaves_the_newsroom(client, posts):
    _internal, public = posts
    public.unpublish()
    assert get(client, PUBLIC, "/news/new-centre/").status_code == 404
    assert "service centre" not in get(client, PUBLIC, "/news/").content.decode()


def test_anonymous_visitors_of_the_intranet_copy_are_sent_to_the_newsroom(
    client, posts
):
    _internal, public = posts
    response = get(
        client, INTRANET, public.url_path[len("/intranet-home") :] + "?utm_medium=x"
    )
    assert response.status_code == 302
    assert response["Location"] == f"http://{PUBLIC}/news/new-centre/?utm_medium=x"


def test_staff_read_the_intranet_copy_with_its_conversation_and_share_the_newsroom_copy(
    client, posts, staff
):
    _internal, public = posts
    comment_on(public, staff, "Staff discuss it CANARY-comment")
    ambassador = UserFactory(username="amb", is_ambassador=True)
    client.force_login(ambassador)
    response = get(client, INTRANET, "/blog/new-centre/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "CANARY-comment" in html
    assert 'data-testid="share-panel"' in html
    assert f"http://{PUBLIC}/news/new-centre/" in html


def test_visits_back_from_a_share_are_counted_in_the_newsroom(client, posts):
    _internal, public = posts
    response = get(
        client,
        PUBLIC,
        "/news/new-centre/",
        data={"utm_source": "linkedin", "utm_medium": "ambassador"},
    )
    assert response.status_code == 200
    assert TrackedVisit.objects.filter(page_id=public.pk, network="linkedin").exists()


def test_the_newsroom_feeds_link_to_the_newsroom(client, posts):
    for feed in ("rss/", "atom/"):
        response = get(client, PUBLIC, "/news/" + feed)
        assert response.status_code == 200
        body = response.content.decode()
        assert f"http://{PUBLIC}/news/new-centre/" in body
        assert "CANARY-int" not in body
        assert INTRANET not in body


def test_the_public_sitemap_lists_the_newsroom_copy_only(client, posts):
    body = get(client, PUBLIC, "/sitemap.xml").content.decode()
    assert f"http://{PUBLIC}/news/new-centre/" in body
    assert "/blog/new-centre/" not in body
    assert "restructuring" not in body


def test_the_intranets_own_newsroom_address_leads_to_the_newsroom_page(client, posts):
    response = get(client, INTRANET, "/newsroom/")
    assert response.status_code == 302
    assert response["Location"] == f"http://{PUBLIC}/news/"


def test_a_newsroom_belongs_to_the_public_site_never_the_intranet(tree, sites):
    assert NewsroomPage.can_create_at(sites.get_parent())
    for inside in (tree.home, tree.blog):
        assert not NewsroomPage.can_create_at(inside)
    assert not sites.can_move_to(tree.home)


def test_the_newsroom_costs_the_same_for_ten_posts_as_for_one(
    client, tree, sites, django_assert_max_num_queries
):
    PublicPostFactory(parent=tree.blog, slug="p0")
    assert get(client, PUBLIC, "/news/").status_code == 200  # the site's settings
    with django_assert_max_num_queries(13):
        assert get(client, PUBLIC, "/news/").status_code == 200
    for n in range(1, 10):
        PublicPostFactory(parent=tree.blog, slug=f"p{n}")
    with django_assert_max_num_queries(13):
        assert get(client, PUBLIC, "/news/").status_code == 200
    with django_assert_max_num_queries(15):
        assert get(client, PUBLIC, "/news/p3/").status_code == 200


def test_what_the_newsroom_renders_for_a_signed_in_person_is_never_stored(
    client, posts, staff
):
    """The host's layout may carry Wagtail's user bar for an editor."""
    client.force_login(staff)
    for path in ("/news/", "/news/new-centre/"):
        response = get(client, PUBLIC, path)
        assert response.status_code == 200, path
        assert "private" in response["Cache-Control"], path
        assert "no-store" in response["Cache-Control"], path
        assert "public" not in response["Cache-Control"], path
        assert "Cookie" in response["Vary"], path


def test_the_host_layout_sees_the_newsroom_as_its_page_not_the_intranet_post(
    client, posts, sites
):
    response = get(client, PUBLIC, "/news/new-centre/")
    assert response.context_data["page"] == sites
    assert response.context_data["post"].slug == "new-centre"


@pytest.mark.parametrize("slug", ["rss", "atom"])
def test_a_post_cannot_take_the_newsroom_feeds_address(posts, slug):
    from django.core.exceptions import ValidationError

    _internal, public = posts
    public.slug = slug
    with pytest.raises(ValidationError) as raised:
        public.clean()
    assert "slug" in raised.value.message_dict


def test_the_newsroom_feed_names_the_newsroom_on_the_public_site(client, posts):
    body = get(client, PUBLIC, "/news/rss/").content.decode()
    assert f"<link>http://{PUBLIC}/news/</link>" in body


def test_the_intranets_own_feeds_link_posts_where_the_world_reads_them(client, posts):
    body = get(client, INTRANET, "/newsroom/rss/").content.decode()
    assert f"http://{PUBLIC}/news/new-centre/" in body
    assert "/blog/new-centre/" not in body
