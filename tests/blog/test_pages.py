import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from intranet.social.models import PageReaction
from tests.factories import BlogPostPageFactory, UserFactory, comment_on

pytestmark = pytest.mark.django_db


def make_posts(tree, count, **kwargs):
    return [
        BlogPostPageFactory(
            parent=tree.blog, title=f"Story {n}", slug=f"story-{n}", **kwargs
        )
        for n in range(count)
    ]


def test_the_blog_lists_pinned_posts_first_then_newest(staff_client, tree):
    old, new = make_posts(tree, 2)
    pinned = BlogPostPageFactory(parent=tree.blog, title="Pinned story", pinned=True)
    response = staff_client.get("/blog/")
    titles = [p.title for p in response.context["posts"]]
    assert titles == [pinned.title, new.title, old.title]


def test_the_blog_shows_twelve_posts_a_page(staff_client, tree):
    make_posts(tree, 13)
    first = staff_client.get("/blog/")
    second = staff_client.get("/blog/", {"page": 2})
    assert len(first.context["posts"]) == 12
    assert len(second.context["posts"]) == 1


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99999", "1e9", ""])
def test_odd_page_numbers_give_a_page_not_an_error(staff_client, tree, page):
    make_posts(tree, 2)
    assert staff_client.get("/blog/", {"page": page}).status_code == 200


def test_an_unknown_or_hostile_tag_gives_a_404(staff_client, tree):
    response = staff_client.get("/blog/", {"tag": "<script>alert(1)</script>"})
    assert response.status_code == 404
    assert b"<script>alert(1)" not in response.content


def test_filter_by_tag_and_by_author(staff_client, tree):
    laura = UserFactory(username="laura")
    tagged = BlogPostPageFactory(
        parent=tree.blog, title="About LinkedIn", tag_names=["linkedin"]
    )
    by_laura = BlogPostPageFactory(parent=tree.blog, title="By Laura", authors=[laura])
    by_tag = staff_client.get("/blog/", {"tag": "linkedin"}).context["posts"]
    by_author = staff_client.get("/blog/", {"author": "laura"}).context["posts"]
    assert [p.pk for p in by_tag] == [tagged.pk]
    assert [p.pk for p in by_author] == [by_laura.pk]
    assert staff_client.get("/blog/", {"author": "nobody"}).status_code == 404


def test_cards_show_comment_and_reaction_counts(staff_client, tree, staff):
    (post,) = make_posts(tree, 1)
    comment_on(post, staff, "One")
    removed = comment_on(post, staff, "Two")
    removed.is_removed = True
    removed.save()
    PageReaction.objects.create(page=post, user=staff, kind="like")
    html = staff_client.get("/blog/").content.decode()
    assert "1 comment" in html
    assert "1 reaction" in html


def test_the_blog_shows_only_posts_the_reader_may_see(client, tree, staff):
    visible, hidden = make_posts(tree, 2)
    group = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    client.force_login(staff)
    html = client.get("/blog/").content.decode()
    assert visible.title in html
    assert hidden.title not in html


def test_a_post_shows_authors_with_their_profiles_reading_time_and_date(
    staff_client, tree
):
    laura = UserFactory(
        username="laura",
        first_name="Laura",
        last_name="Bennett",
        job_title="Chief executive",
    )
    post = BlogPostPageFactory(
        parent=tree.blog, authors=[laura], on_behalf_of="The Board"
    )
    html = staff_client.get(post.url).content.decode()
    assert 'href="/people/profile/laura/"' in html
    assert "Chief executive" in html
    assert "On behalf of The Board" in html
    assert "1 min read" in html


def test_reading_time_grows_with_the_text(tree):
    long_text = "<p>" + "word " * 1000 + "</p>"
    post = BlogPostPageFactory(parent=tree.blog, body=[("paragraph", long_text)])
    assert post.reading_minutes == 5


def test_readers_see_what_changed_when_a_post_is_updated(staff_client, tree):
    (post,) = make_posts(tree, 1)
    post.save_revision().publish()
    assert (
        'data-testid="update-note"' not in staff_client.get(post.url).content.decode()
    )
    post.refresh_from_db()
    post.change_note = "Corrected the date of the event."
    post.save_revision().publish()
    html = staff_client.get(post.url).content.decode()
    assert 'data-testid="update-note"' in html
    assert "Corrected the date of the event." in html


def test_related_posts_share_tags_and_are_visible_to_the_reader(staff_client, tree):
    post = BlogPostPageFactory(parent=tree.blog, title="Main", tag_names=["linkedin"])
    related = BlogPostPageFactory(
        parent=tree.blog, title="Related one", tag_names=["linkedin"]
    )
    secret = BlogPostPageFactory(
        parent=tree.blog, title="Board only", tag_names=["linkedin"]
    )
    BlogPostPageFactory(parent=tree.blog, title="Unrelated")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))
    related_titles = [
        p.title for p in staff_client.get(post.url).context["related_posts"]
    ]
    assert related_titles == [related.title]


def test_search_finds_posts_by_text_tag_and_author(staff_client, tree):
    laura = UserFactory(first_name="Laura", last_name="Bennett")
    BlogPostPageFactory(
        parent=tree.blog,
        title="Canteen news",
        body=[("paragraph", "<p>The pelican exhibition opens on Monday.</p>")],
        tag_names=["wildlife"],
        authors=[laura],
    )
    call_command("update_index", verbosity=0)
    for query in ("pelican", "wildlife", "Bennett"):
        response = staff_client.get("/search/", {"q": query})
        assert "Canteen news" in response.content.decode(), query


def test_anonymous_readers_of_a_public_post_see_the_post_but_no_conversation(
    client, tree, staff
):
    post = BlogPostPageFactory(parent=tree.blog, title="Open to all", audience="public")
    comment_on(post, staff, "Internal remark CANARY-conv")
    PageReaction.objects.create(page=post, user=staff, kind="like")
    response = client.get(post.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Open to all" in html
    assert "CANARY-conv" not in html
    assert "Sam Okafor" not in html
    assert 'data-testid="conversation"' not in html


def test_a_post_not_yet_published_shows_no_empty_date(staff_client, tree):
    post = BlogPostPageFactory(parent=tree.blog)  # no first publication date yet
    html = staff_client.get(post.url).content.decode()
    meta = html.split('class="post-meta">')[1].split("</p>")[0]
    assert 'datetime=""' not in meta
    assert "<time" not in meta
    assert meta.split() == ["1", "min", "read"]
