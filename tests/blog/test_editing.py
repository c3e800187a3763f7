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
from tests.factories import (
    BlogPostPageFactory,
    UserFactory,
    blog_post_form,
    make_editor,
)

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


def test_a_new_post_starts_with_the_editor_writing_it_as_its_author(
    client, tree, editor
):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/")
    authors = response.context["form"].formsets["authors"]
    assert [form.initial.get("person") for form in authors.forms] == [editor.pk]
    html = response.content.decode()
    select = html.split('name="authors-0-person"')[1].split("</select>")[0]
    assert f'<option value="{editor.pk}" selected>' in select


def test_an_editor_may_still_credit_someone_else_on_a_new_post(client, tree, editor):
    writer = UserFactory(first_name="Priya")
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    response = client.post(url, {**post_form(writer), "action-publish": "publish"})
    assert response.status_code == 302
    assert BlogPostPage.objects.get(slug="our-new-intranet").people == [writer]


def test_what_changed_is_not_asked_when_writing_a_new_post(client, tree, editor):
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    assert 'name="change_note"' not in client.get(url).content.decode()
    data = {**post_form(editor), "change_note": "Sneaked in", "action-publish": "p"}
    assert client.post(url, data).status_code == 302
    assert BlogPostPage.objects.get(slug="our-new-intranet").change_note == ""


def test_what_changed_is_asked_only_once_the_post_is_live(client, tree, editor):
    client.force_login(editor)
    draft = BlogPostPageFactory(parent=tree.blog, slug="draft", live=False)
    live = BlogPostPageFactory(parent=tree.blog, slug="our-new-intranet")
    assert 'name="change_note"' not in (
        client.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    )
    edit = f"/admin/pages/{live.pk}/edit/"
    assert 'name="change_note"' in client.get(edit).content.decode()
    data = {
        **post_form(editor),
        "change_note": "Corrected the opening hours.",
        "action-publish": "publish",
    }
    assert client.post(edit, data).status_code == 302
    live.refresh_from_db()
    assert live.change_note == "Corrected the opening hours."
