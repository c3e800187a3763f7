"""Nobody learns anything about a conversation on a page they may not see.

Anonymous visitors are sent to sign in by every comment URL; staff outside a
restricted group get a 404 that names nothing. The library's own endpoints (its
REST API, the cr/ shortcut, the latest-comments feed) are not routed at all.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from wagtail.models import PageViewRestriction

from tests.factories import UserFactory, comment_on

pytestmark = pytest.mark.django_db

CANARY = "CANARY-7f3a"


@pytest.fixture
def secret_comment(post):
    post.title = f"Restructuring {CANARY}"
    post.save_revision().publish()
    return comment_on(post, UserFactory(), f"Secret words {CANARY}")


def comment_urls(comment, page):
    return [
        f"/social/comments/{comment.pk}/",
        f"/social/comments/{comment.pk}/edit/",
        f"/social/comments/{comment.pk}/delete/",
        f"/social/comments/{comment.pk}/like/",
        f"/social/comments/{comment.pk}/report/",
        f"/social/comments/{comment.pk}/hide/",
        f"/social/comments/{comment.pk}/restore/",
        f"/social/pages/{page.pk}/react/",
        f"/social/pages/{page.pk}/close-comments/",
        f"/social/pages/{page.pk}/open-comments/",
        page.url,
        f"{page.url}?reply_to={comment.pk}",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_learn_nothing_from_any_comment_url(
    client, post, secret_comment, method
):
    for url in comment_urls(secret_comment, post):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
        assert CANARY not in response.content.decode()
        assert CANARY not in response["Location"]


def test_staff_outside_a_group_get_a_bare_404_from_every_comment_url(
    client, post, tree, secret_comment
):
    group = Group.objects.create(name="Board")
    restriction = PageViewRestriction.objects.create(
        page=tree.blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    client.force_login(UserFactory())
    for url in comment_urls(secret_comment, post):
        for method in ("get", "post"):
            response = getattr(client, method)(
                url, {"reason": "x", "text": "x", "kind": "like"}
            )
            assert response.status_code in (404, 405), (
                method,
                url,
                response.status_code,
            )
            assert CANARY not in response.content.decode()
    secret_comment.refresh_from_db()
    assert secret_comment.is_public and not secret_comment.is_removed


@pytest.mark.parametrize(
    "name",
    [
        "comments-xtd-api-list",
        "comments-xtd-api-create",
        "comments-url-redirect",
        "comments-feed",
    ],
)
def test_the_comment_librarys_privacy_blind_endpoints_are_not_routed(name):
    with pytest.raises(NoReverseMatch):
        reverse(name, args=["blog-blogpostpage", 1])


@pytest.mark.parametrize(
    "path",
    [
        "/comments/api/blog-blogpostpage/1/",
        "/comments/cr/1/1/",
        "/comments/feeds/latest/",
    ],
)
def test_the_librarys_paths_lead_nowhere(staff_client, tree, path):
    assert staff_client.get(path).status_code == 404
