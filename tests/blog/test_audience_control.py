"""Only editors decide who may read a post; each change is in the audit log."""

import pytest
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import (
    rich_text,
    streamfield,
)

from blog.models import BlogPostPage
from tests.factories import (
    BlogPostPageFactory,
    blog_post_form,
    make_editor,
    make_page_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(tree):
    """An admin user who may add and edit posts but is not an editor."""
    return make_page_admin(tree, "Writers", "writer")


def test_a_new_post_is_staff_only_by_default(client, tree):
    client.force_login(make_editor(tree))
    form = client.get(f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/")
    assert '<option value="staff" selected>' in form.content.decode()
    assert BlogPostPage().audience == "staff"


def test_an_editor_makes_a_post_public_and_the_audit_log_says_so(client, tree):
    editor = make_editor(tree)
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    data = blog_post_form(editor, audience="public")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    post = BlogPostPage.objects.get(slug="new-centre")
    assert post.audience == "public"
    entry = PageLogEntry.objects.get(page=post, action="intranet.audience_changed")
    assert entry.user == editor
    assert entry.data == {"from": "staff", "to": "public"}


def test_a_non_editor_forging_the_audience_field_is_ignored(client, tree, writer):
    client.force_login(writer)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    data = blog_post_form(writer, audience="public")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    post = BlogPostPage.objects.get(slug="new-centre")
    assert post.audience == "staff"
    assert not PageLogEntry.objects.filter(action="intranet.audience_changed").exists()


def test_a_non_editor_editing_a_public_post_cannot_make_it_internal_or_public(
    client, tree, writer
):
    post = BlogPostPageFactory(parent=tree.blog, audience="public", slug="p")
    client.force_login(writer)
    url = f"/admin/pages/{post.pk}/edit/"
    form = client.get(url).content.decode()
    assert 'name="audience"' in form and "disabled" in form
    data = blog_post_form(writer, slug="p", audience="staff")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    post.refresh_from_db()
    assert post.audience == "public"


def test_an_editor_changing_the_audience_of_a_live_post_is_logged(client, tree):
    editor = make_editor(tree)
    post = BlogPostPageFactory(parent=tree.blog, audience="public", slug="p")
    client.force_login(editor)
    data = blog_post_form(editor, slug="p", audience="staff")
    response = client.post(
        f"/admin/pages/{post.pk}/edit/", {**data, "action-publish": "publish"}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.audience == "staff"
    entry = PageLogEntry.objects.get(page=post, action="intranet.audience_changed")
    assert entry.data == {"from": "public", "to": "staff"}
    history = client.get(f"/admin/pages/{post.pk}/history/").content.decode()
    assert "Audience changed" in history


def test_editors_preview_both_the_staff_and_the_public_version(client, tree):
    editor = make_editor(tree)
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/preview/"
    data = blog_post_form(
        editor,
        audience="public",
        body=streamfield(
            [
                ("paragraph", rich_text("<p>For everyone.</p>")),
                (
                    "staff_only",
                    {
                        "content": streamfield(
                            [("paragraph", rich_text("<p>Inside.</p>"))]
                        )
                    },
                ),
            ]
        ),
    )
    assert client.post(url, data).json()["is_valid"]
    staff_view = client.get(url).content.decode()
    assert "For everyone." in staff_view and "Inside." in staff_view
    public_view = client.get(url, {"mode": "public"}).content.decode()
    assert "For everyone." in public_view
    assert "Inside." not in public_view
    assert 'data-testid="public-preview-note"' in public_view
