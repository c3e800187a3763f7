"""The Newsroom, its feeds, sitemap.xml and robots.txt: public posts only."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import BlogPostPageFactory, PublicPostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts(tree):
    internal = BlogPostPageFactory(
        parent=tree.blog, title="Internal CANARY-news", slug="internal"
    )
    public = [
        PublicPostFactory(parent=tree.blog, title=f"Public story {n}", slug=f"pub-{n}")
        for n in range(12)
    ]
    return internal, public


def test_newsroom_lists_public_posts_to_anonymous_visitors(client, posts):
    response = client.get("/newsroom/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-testid="newsroom-card"') == 10
    assert "CANARY-news" not in html
    assert "public" in response["Cache-Control"]
    second = client.get("/newsroom/?page=2").content.decode()
    assert second.count('data-testid="newsroom-card"') == 2


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "", "1e9"])
def test_newsroom_answers_odd_page_numbers_without_error(client, posts, page):
    assert client.get("/newsroom/", {"page": page}).status_code == 200


def test_newsroom_costs_the_same_for_ten_posts_as_for_two(
    client, tree, django_assert_max_num_queries
):
    """A page of ten cards costs a fixed number of queries, not one per post."""
    for n in range(10):
        PublicPostFactory(parent=tree.blog, slug=f"p{n}")
    with django_assert_max_num_queries(14):
        assert client.get("/newsroom/").status_code == 200


@pytest.mark.parametrize("path", ["/newsroom/rss/", "/newsroom/atom/"])
def test_public_feeds_carry_public_posts_only(client, posts, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "CANARY-news" not in body
    assert "/blog/internal/" not in body
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    titles = [el.text for el in root.iter() if el.tag.endswith("title")]
    assert "Public story 0" in titles
    assert "public" in response["Cache-Control"]


def test_sitemap_lists_public_pages_only(client, posts):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "http://localhost/blog/pub-0/" in body
    assert "/blog/internal/" not in body
    assert "<loc>http://localhost/</loc>" not in body
    assert "/blog/</loc>" not in body


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_the_intranet(
    client, tree
):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Allow: /newsroom/" in body
    for path in ("/admin/", "/accounts/", "/social/", "/threads/", "/feeds/"):
        assert f"Disallow: {path}" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_robots_follows_the_intranet_where_the_site_includes_it(client, tree, settings):
    settings.ROOT_URLCONF = "tests.intranet.prefixed_urls"
    body = client.get("/intranet/robots.txt").content.decode()
    for path in ("/intranet/accounts/", "/intranet/social/", "/intranet/search/"):
        assert f"Disallow: {path}" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /documents/" in body
    assert "Allow: /intranet/newsroom/" in body
    assert "Sitemap: http://testserver/intranet/sitemap.xml" in body
