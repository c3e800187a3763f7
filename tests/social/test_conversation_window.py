"""A long conversation is shown a window of threads at a time; every action leads
back to the window that holds its comment, and liking, reacting and following
answer a script with JSON after the same checks as the form posts."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from intranet.discussions.services import hide_thread
from intranet.social import services
from intranet.social.conversation import SHOWN_THREADS
from intranet.social.models import Comment, CommentLike, PageFollow, PageReaction
from tests.factories import (
    BlogPostPageFactory,
    DiscussionThreadPageFactory,
    UserFactory,
    comment_on,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
BROWSER = {"HTTP_ACCEPT": "text/html,application/xhtml+xml,*/*;q=0.8"}


def threads_on(page, count, people):
    """``count`` threads of one comment and one reply each, oldest first."""
    roots = []
    for n in range(count):
        root = comment_on(page, people[n % len(people)], f"Thread {n} opens")
        comment_on(
            page, people[(n + 1) % len(people)], f"Thread {n} reply", parent=root
        )
        roots.append(root)
    return roots


@pytest.fixture
def people(db):
    return [UserFactory() for _ in range(3)]


@pytest.fixture
def sixty(post, people):
    return threads_on(post, 60, people)


def like_url(comment):
    return f"/social/comments/{comment.pk}/like/"


def test_a_like_deep_in_an_older_window_lands_on_that_window_not_on_all(
    staff_client, post, sixty
):
    old = sixty[12]
    response = staff_client.post(like_url(old), **BROWSER)
    # Windows count back from the latest: 35-59, then 10-34, then 0-9.
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}?before={sixty[35].pk}#{old.anchor}"
    html = staff_client.get(response["Location"]).content.decode()
    assert f'id="{old.anchor}"' in html
    assert "Thread 12 reply" in html
    assert "Thread 10 opens" in html and "Thread 34 opens" in html
    assert "Thread 9 opens" not in html and "Thread 35 opens" not in html
    assert "comments=all" not in html


def test_a_like_in_the_latest_threads_lands_on_the_page_itself(
    staff_client, post, sixty
):
    response = staff_client.post(like_url(sixty[40]))
    assert response["Location"] == f"{post.url}#{sixty[40].anchor}"


def test_a_reply_in_an_older_window_lands_on_its_window(staff_client, post, sixty):
    response = staff_client.post(
        post.url,
        {"text": "A late answer", "token": str(uuid.uuid4()), "parent": sixty[3].pk},
    )
    reply = Comment.objects.get(comment="A late answer")
    assert response["Location"] == f"{post.url}?before={sixty[10].pk}#{reply.anchor}"
    assert "A late answer" in staff_client.get(response["Location"]).content.decode()


def test_edits_and_reports_land_on_the_window_of_their_comment(
    staff_client, post, staff, people
):
    mine = comment_on(post, staff, "My early comment")
    theirs = comment_on(post, people[0], "Their early comment")
    later = threads_on(post, SHOWN_THREADS, people)
    expected = f"{post.url}?before={later[0].pk}#"
    response = staff_client.post(
        f"/social/comments/{mine.pk}/edit/", {"text": "My early comment, fixed"}
    )
    assert response["Location"] == expected + mine.anchor
    response = staff_client.post(
        f"/social/comments/{theirs.pk}/report/", {"reason": "Rude"}
    )
    assert response["Location"] == expected + theirs.anchor


def test_each_window_links_to_the_earlier_and_the_later_threads(
    staff_client, post, sixty
):
    latest = staff_client.get(post.url).content.decode()
    assert f'href="{post.url}?before={sixty[35].pk}#conversation"' in latest
    assert "Show 70 earlier comments" in latest
    assert 'data-testid="later-comments"' not in latest
    middle = staff_client.get(post.url, {"before": sixty[35].pk}).content.decode()
    assert f'href="{post.url}?before={sixty[10].pk}#conversation"' in middle
    assert "Show 20 earlier comments" in middle
    assert f'href="{post.url}#conversation" data-testid="later-comments"' in middle
    assert "Show 50 later comments" in middle
    oldest = staff_client.get(post.url, {"before": sixty[10].pk}).content.decode()
    assert "Thread 0 opens" in oldest and "Thread 10 opens" not in oldest
    assert 'data-testid="earlier-comments"' not in oldest
    assert f'href="{post.url}?before={sixty[35].pk}#conversation"' in oldest
    # Every window counts the whole conversation in its heading.
    assert "120 comments" in oldest


def test_a_window_address_that_is_not_a_number_shows_the_latest_threads(
    staff_client, post, sixty
):
    html = staff_client.get(post.url, {"before": "soon<script>"}).content.decode()
    assert "Thread 59 opens" in html
    assert "Thread 34 opens" not in html


def test_the_reply_form_of_an_older_thread_opens_in_its_window_and_keeps_a_refused_text(
    staff_client, post, sixty
):
    html = staff_client.get(post.url, {"reply_to": sixty[2].pk}).content.decode()
    assert f'id="{sixty[2].anchor}-reply"' in html
    too_long = "Careful thoughts. " * 200
    response = staff_client.post(
        post.url, {"text": too_long, "token": str(uuid.uuid4()), "parent": sixty[2].pk}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="{sixty[2].anchor}-reply"' in html
    assert "up to 3000 characters" in html
    assert too_long.strip() in html


def test_a_comments_lasting_address_leads_to_its_window(staff_client, post, sixty):
    response = staff_client.get(f"/social/comments/{sixty[0].pk}/")
    assert response["Location"] == f"{post.url}?before={sixty[10].pk}#{sixty[0].anchor}"


def test_a_like_on_two_hundred_comments_renders_one_window(
    staff_client, post, people, django_assert_max_num_queries
):
    """The like lands on the window of its thread: 25 threads, not all 200
    comments, in the budget of an ordinary post."""
    roots = threads_on(post, 100, people)
    staff_client.get(post.url)  # warm per-process caches (content types, site roots)
    response = staff_client.post(like_url(roots[-1]))
    assert response["Location"] == f"{post.url}#{roots[-1].anchor}"
    with django_assert_max_num_queries(30):
        html = staff_client.get(response["Location"]).content.decode()
    assert html.count('data-testid="comment"') == 2 * SHOWN_THREADS
    assert "1 like" in html


# The JSON answer ----------------------------------------------------------------------


def test_a_script_likes_and_unlikes_a_comment_and_gets_the_new_state(
    staff_client, post, people
):
    comment = comment_on(post, people[0], "Like me")
    CommentLike.objects.create(comment=comment, user=people[1])
    data = staff_client.post(like_url(comment), **JSON).json()
    assert data["liked"] is True
    assert data["likes"] == 2
    assert data["likes_text"] == "2 likes"
    assert people[0].intranet_profile.name in data["message"]
    data = staff_client.post(
        like_url(comment), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    ).json()
    assert (data["liked"], data["likes"], data["likes_text"]) == (False, 1, "1 like")


def test_a_browser_form_post_is_still_redirected(staff_client, post, people):
    comment = comment_on(post, people[0], "Like me")
    response = staff_client.post(like_url(comment), **BROWSER)
    assert response.status_code == 302
    assert CommentLike.objects.filter(comment=comment).count() == 1


def restrict_to_the_board(page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Board"))


def test_staff_who_may_not_see_the_page_get_404_from_the_json_path_too(
    staff_client, post, people
):
    comment = comment_on(post, people[0], "For the board")
    restrict_to_the_board(post)
    assert staff_client.post(like_url(comment), **JSON).status_code == 404
    react = f"/social/pages/{post.pk}/react/"
    assert staff_client.post(react, {"kind": "like"}, **JSON).status_code == 404
    follow = f"/social/pages/{post.pk}/follow/"
    assert staff_client.post(follow, **JSON).status_code == 404
    assert not CommentLike.objects.exists()
    assert not PageReaction.objects.exists()
    assert not PageFollow.objects.exists()


def test_a_hidden_comment_cannot_be_liked_through_the_json_path(
    staff_client, post, people, moderator
):
    comment = comment_on(post, people[0], "Rude")
    services.hide_comment(comment, moderator, "Insulting")
    assert staff_client.post(like_url(comment), **JSON).status_code == 403
    assert not CommentLike.objects.exists()


def test_nothing_in_a_hidden_thread_can_be_liked_reacted_to_or_followed(
    client, tree, people, moderator
):
    owner = people[0]
    thread = DiscussionThreadPageFactory(parent=tree.discussions, owner=owner)
    comment = comment_on(thread, owner, "Inside a hidden thread")
    hide_thread(thread, moderator, "Off topic")
    client.force_login(people[1])
    for extra in (JSON, BROWSER):
        assert client.post(like_url(comment), **extra).status_code == 404
        react = f"/social/pages/{thread.pk}/react/"
        assert client.post(react, {"kind": "like"}, **extra).status_code == 404
        follow = f"/social/pages/{thread.pk}/follow/"
        assert client.post(follow, **extra).status_code == 404
        assert client.get(f"/social/comments/{comment.pk}/").status_code == 404
    assert not CommentLike.objects.exists()
    assert not PageReaction.objects.exists()
    assert not PageFollow.objects.filter(user=people[1]).exists()


def test_a_script_reacts_and_gets_every_count_and_who_reacted(
    staff_client, post, staff, people
):
    PageReaction.objects.create(page=post, user=people[0], kind="support")
    url = f"/social/pages/{post.pk}/react/"
    data = staff_client.post(url, {"kind": "celebrate"}, **JSON).json()
    assert data["mine"] == "celebrate"
    by_kind = {r["kind"]: r for r in data["reactions"]}
    assert by_kind["celebrate"]["count"] == 1 and by_kind["celebrate"]["mine"]
    assert by_kind["celebrate"]["people"] == [staff.intranet_profile.name]
    assert by_kind["support"]["count"] == 1 and not by_kind["support"]["mine"]
    assert "Celebrate" in data["message"]
    data = staff_client.post(url, {"kind": "celebrate"}, **JSON).json()
    assert data["mine"] is None
    assert not PageReaction.objects.filter(user=staff).exists()


def test_an_unknown_reaction_from_a_script_is_refused_with_a_message(
    staff_client, post
):
    response = staff_client.post(
        f"/social/pages/{post.pk}/react/", {"kind": "<script>"}, **JSON
    )
    assert response.status_code == 400
    assert response.json()["message"] == "Choose one of the reactions."
    assert not PageReaction.objects.exists()


def test_a_script_follows_and_unfollows_a_page_a_tag_and_a_person(
    staff_client, post, staff, people
):
    from taggit.models import Tag

    url = f"/social/pages/{post.pk}/follow/"
    assert staff_client.post(url, **JSON).json()["following"] is True
    assert services.is_following(staff, post)
    assert staff_client.post(url, **JSON).json()["following"] is False
    assert not services.is_following(staff, post)
    tag = Tag.objects.create(name="Policy", slug="policy")
    url = f"/social/tags/{tag.slug}/follow/"
    data = staff_client.post(url, {"action": "follow"}, **JSON).json()
    assert data["following"] is True and "#Policy" in data["message"]
    assert services.follows_tag(staff, tag)
    data = staff_client.post(url, {"action": "unfollow"}, **JSON).json()
    assert data["following"] is False
    url = f"/social/people/{people[0].username}/follow/"
    assert staff_client.post(url, {"action": "follow"}, **JSON).json()["following"]
    assert services.follows_person(staff, people[0])
    # A script's follow leaves no message behind for the next page.
    assert "You follow" not in staff_client.get(post.url).content.decode()


def json_like_queries(client, comment):
    client.post(like_url(comment), **JSON)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.post(like_url(comment), **JSON)
    assert response.status_code == 200
    return len(queries)


def test_the_json_like_costs_the_same_on_two_comments_as_on_two_hundred(
    staff_client, tree, people
):
    """The script's like checks the page and the comment, toggles the like and counts
    the comment's likes: a few queries, whatever the size of the conversation."""
    small = BlogPostPageFactory(parent=tree.blog)
    large = BlogPostPageFactory(parent=tree.blog)
    few = threads_on(small, 1, people)
    many = threads_on(large, 100, people)
    assert json_like_queries(staff_client, few[0]) == json_like_queries(
        staff_client, many[0]
    )
    assert json_like_queries(staff_client, many[0]) <= 15
