"""Featured images: on cards, on the post, and in link previews of public posts."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet import renditions
from intranet.views import serve_rendition
from tests.factories import (
    BlogPostPageFactory,
    ImageFactory,
    PublicPostFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def meta(html, name):
    """The content of the one <meta> whose property or name is ``name``."""
    found = re.findall(rf'<meta (?:property|name)="{name}" content="([^"]*)">', html)
    assert len(found) <= 1, name
    return found[0] if found else None


@pytest.fixture
def picture(media, committed):
    """Uploaded, and its renditions made as an upload makes them."""
    return committed(
        ImageFactory, title="Lake", description="A red cabin on a lake shore."
    )


def test_public_post_offers_link_previews_its_picture_at_an_absolute_address(
    client, tree, picture
):
    post = PublicPostFactory(parent=tree.blog, slug="lake", featured_image=picture)
    html = client.get(post.url).content.decode()
    share = picture.get_rendition(renditions.SHARE)
    assert meta(html, "og:image") == f"http://testserver{share.url}"
    assert meta(html, "og:image:width") == "1200"
    assert meta(html, "og:image:height") == "630"
    assert meta(html, "og:image:alt") == "A red cabin on a lake shore."
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "twitter:image") == f"http://testserver{share.url}"
    # The post itself shows the picture with its description as alt text.
    assert 'alt="A red cabin on a lake shore."' in html


def test_public_post_without_a_picture_offers_none(client, tree):
    html = client.get(PublicPostFactory(parent=tree.blog).url).content.decode()
    assert meta(html, "og:image") is None
    assert meta(html, "twitter:card") == "summary"


def test_staff_only_post_gives_anonymous_visitors_neither_page_nor_picture(
    client, staff, tree, picture
):
    post = BlogPostPageFactory(parent=tree.blog, featured_image=picture)
    response = client.get(post.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(staff)
    html = client.get(post.url).content.decode()
    assert meta(html, "og:image") is None
    assert 'alt="A red cabin on a lake shore."' in html


def test_post_cards_show_the_picture_as_decoration_beside_the_linked_title(
    staff_client, tree, picture
):
    BlogPostPageFactory(parent=tree.blog, title="By the lake", featured_image=picture)
    BlogPostPageFactory(parent=tree.blog, title="No picture here")
    html = staff_client.get("/blog/").content.decode()
    card = picture.get_rendition(renditions.CARD)
    assert html.count('class="post-card__image"') == 1
    assert f'src="{card.url}"' in html
    assert re.search(r'<img alt="" class="post-card__image"[^>]*>', html)


def count_queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_blog_and_home_cost_the_same_with_three_pictures_as_with_twelve(
    staff_client, tree, media, django_assert_max_num_queries
):
    """Each card's picture and its rendition come with the posts, two queries for
    the whole page on top of the budgets for cards without pictures (25 and 36):
    twelve pictured cards cost what three do."""
    people = [UserFactory(), UserFactory()]

    def add(count):
        for _ in range(count):
            picture = ImageFactory()
            renditions.make([picture], [renditions.CARD])  # as its upload does
            BlogPostPageFactory(
                parent=tree.blog, authors=people, featured_image=picture
            )

    add(3)
    few = {url: count_queries(staff_client, url) for url in ("/blog/", "/")}
    add(9)
    for url, budget in (("/blog/", 27), ("/", 38)):
        staff_client.get(url)
        with django_assert_max_num_queries(budget) as many:
            assert staff_client.get(url).status_code == 200
        assert len(many.captured_queries) == few[url], url


@pytest.mark.parametrize(
    "path",
    [
        "images/../original_images/lake.jpg",
        "images/../../secrets.txt",
        "images/../documents/plan.pdf",
    ],
)
def test_the_open_rendition_view_serves_nothing_outside_images(rf, media, path):
    from django.http import Http404

    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "lake.jpg").write_bytes(b"original")
    with pytest.raises(Http404):
        serve_rendition(rf.get(f"/media/{path}"), path)


def test_the_open_rendition_view_serves_a_rendition(rf, media):
    (media / "images").mkdir(parents=True)
    (media / "images" / "lake.fill-640x360.jpg").write_bytes(b"rendition")
    response = serve_rendition(
        rf.get("/media/images/lake.fill-640x360.jpg"), "images/lake.fill-640x360.jpg"
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"rendition"
