"""Cached fragments: a post's body and the post cards are rendered once and served
from the cache to every reader who may see them, and never to anyone else.

Who sees a post is decided before any fragment is looked up (page serving, the
listings' ``visible_to``); what is cached is only what is the same for every such
reader. These tests read with people of different groups, languages and sign-in
states, in the order that would leak if a fragment carried more than that.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction

from tests.factories import BlogPostPageFactory, PublicPostFactory, UserFactory

pytestmark = pytest.mark.django_db


def reader_in(group_name):
    person = UserFactory()
    person.groups.add(Group.objects.get_or_create(name=group_name)[0])
    client = Client()
    client.force_login(person)
    return client


def restrict(page, group_name):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name=group_name)[0])


@pytest.fixture
def board_post(tree):
    post = BlogPostPageFactory(
        parent=tree.blog,
        title="Board minutes summary",
        standfirst="What the board decided about the merger.",
        body=[("paragraph", "<p>The merger closes in March.</p>")],
    )
    post.save_revision().publish()
    restrict(post, "Board")
    return post


def test_a_post_card_cached_for_one_group_never_reaches_another(tree, board_post):
    """The board member's listing caches the board post's card; a colleague outside
    the board, reading the same listings afterwards, gets neither card nor body."""
    board = reader_in("Board")
    board_index = board.get("/blog/").content.decode()
    assert "Board minutes summary" in board_index
    assert "The merger closes in March." in board.get(board_post.url).content.decode()
    assert "Board minutes summary" in board.get("/").content.decode()

    colleague = reader_in("Sales")
    for url in ("/blog/", "/", "/search/?q=merger"):
        html = colleague.get(url).content.decode()
        assert "Board minutes summary" not in html, url
        assert "What the board decided" not in html, url
        assert "The merger closes in March." not in html, url
    response = colleague.get(board_post.url)
    assert response.status_code == 404
    assert b"The merger closes in March." not in response.content


def test_the_post_body_is_served_from_the_cache_to_the_next_reader(tree, board_post):
    """Two members of the board: the second reader's body comes from the cache. A
    change written to the database without publishing (no editor can do that) is
    not seen, because the body is not rendered again."""
    from blog.models import BlogPostPage

    first = reader_in("Board")
    assert "The merger closes in March." in first.get(board_post.url).content.decode()
    BlogPostPage.objects.filter(pk=board_post.pk).update(
        body=[("paragraph", "<p>Rendered again.</p>")]
    )
    html = reader_in("Board").get(board_post.url).content.decode()
    assert "The merger closes in March." in html
    assert "Rendered again." not in html


def test_publishing_a_post_again_shows_its_new_body(staff_client, tree, board_post):
    board = reader_in("Board")
    assert "March" in board.get(board_post.url).content.decode()
    board_post.body = [("paragraph", "<p>The merger closes in April.</p>")]
    board_post.save_revision().publish()
    html = board.get(board_post.url).content.decode()
    assert "The merger closes in April." in html
    assert "March" not in html


def test_staff_only_content_cached_for_staff_never_reaches_the_public(
    tree, staff_client
):
    """A public post with a staff-only block, read by staff first (their body,
    with the block, is cached) and then by an anonymous visitor: the visitor gets
    the public version without it. And the other way round."""
    for first_reader in ("staff", "public"):
        post = PublicPostFactory(
            parent=tree.blog,
            body=[
                ("paragraph", "<p>Open to everyone.</p>"),
                (
                    "staff_only",
                    {"content": [("paragraph", "<p>Internal rota, not for you.</p>")]},
                ),
            ],
        )
        post.save_revision().publish()
        readers = [staff_client, Client()]
        if first_reader == "public":
            readers.reverse()
        for reader in readers:
            html = reader.get(post.url).content.decode()
            assert "Open to everyone." in html
            if reader is staff_client:
                assert "Internal rota, not for you." in html
            else:
                assert "Internal rota, not for you." not in html, first_reader


def test_a_cached_card_speaks_the_language_of_each_reader(tree, staff_client):
    """The card's own words (its reading time, its counts) are cached per language:
    a Finnish reader after an English one reads Finnish."""
    post = BlogPostPageFactory(parent=tree.blog, title="Canoes on the lake")
    post.save_revision().publish()
    english = staff_client.get("/blog/").content.decode()
    assert "min read" in english
    finnish = staff_client.get("/blog/", {"lang": "fi"}).content.decode()
    assert "Canoes on the lake" in finnish
    assert "min read" not in finnish
    assert "lukuaika 1 min" in finnish


def test_a_cached_card_shows_a_new_comment_count(tree, staff_client):
    from tests.factories import comment_on

    post = BlogPostPageFactory(parent=tree.blog, title="Counting comments")
    post.save_revision().publish()
    assert "0 comments" in staff_client.get("/blog/").content.decode()
    comment_on(post, UserFactory(), "First!")
    assert "1 comment" in staff_client.get("/blog/").content.decode()
