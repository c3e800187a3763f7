from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import (
    rich_text,
    streamfield,
)

from blog.models import BlogPostPage
from tests.factories import blog_post_form, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(tree):
    return make_editor(tree)


def post_form(author, **extra):
    return blog_post_form(
        author,
        title="Our new intranet is live",
        slug="our-new-intranet",
        standfirst="Everything in one place, for everyone.",
        body=streamfield([("paragraph", rich_text("<p>Have a look around.</p>"))]),
        tags="launch",
        audience="staff",
        **extra,
    )


def test_editors_write_and_publish_a_post_in_the_admin(client, tree, editor):
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {**post_form(editor), "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    post = BlogPostPage.objects.get(slug="our-new-intranet")
    assert post.live
    assert post.people == [editor]
    assert [t.name for t in post.tags.all()] == ["launch"]


def test_editors_preview_a_post_before_publishing(client, tree, editor):
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/preview/"
    response = client.post(url, post_form(editor))
    assert response.json()["is_valid"]
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Have a look around." in preview.content.decode()


def test_a_scheduled_post_goes_live_when_publish_scheduled_runs(
    client, tree, editor, staff
):
    client.force_login(editor)
    go_live = timezone.now() + timedelta(hours=1)
    client.post(
        f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/",
        {
            **post_form(
                editor,
                go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
            ),
            "action-publish": "publish",
        },
    )
    post = BlogPostPage.objects.get(slug="our-new-intranet")
    assert not post.live
    client.force_login(staff)
    assert client.get("/blog/our-new-intranet/").status_code == 404

    with time_machine.travel(go_live + timedelta(minutes=5)):
        call_command("publish_scheduled")
    post.refresh_from_db()
    assert post.live


def test_staff_cannot_open_the_post_editor(staff_client, tree):
    response = staff_client.get(f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/")
    assert response.status_code in (302, 403)
