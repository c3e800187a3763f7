"""Only editors decide who may read a post; each change is in the audit log."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import BlogPostPage
from tests.factories import BlogPostPageFactory, UserFactory, make_editor

pytestmark = pytest.mark.django_db


def post_form(author, **extra):
    data = {
        "title": "Our new service centre",
        "slug": "new-centre",
        "standfirst": "Opening on Monday.",
        "body": streamfield([("paragraph", rich_text("<p>Come and see.</p>"))]),
        "authors": inline_formset([{"person": author.pk}]),
        "tags": "",
        "comments_enabled": "on",
    }
    data.update(extra)
    return nested_form_data(data)


@pytest.fixture
def writer(tree):
    """An admin user who may add and edit posts but is not an editor."""
    group, _ = Group.objects.get_or_create(name="Writers")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=tree.home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return UserFactory(username="writer", groups=["Writers"])


def test_a_new_post_is_staff_only_by_default(client, tree):
    client.force_login(make_editor(tree))
    form = client.get(f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/")
    assert '<option value="staff" selected>' in form.content.decode()
    assert BlogPostPage().audience == "staff"


def test_an_editor_makes_a_post_public_and_the_audit_log_says_so(client, tree):
    editor = make_editor(tree)
    client.force_login(editor)
    url = f"/admin/pages/add/blog/blogpostpage/{tree.blog.pk}/"
    data = post_form(editor, audience="public")
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
    data = post_form(writer, audience="public")
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
    data = post_form(writer, slug="p", audience="staff")
    response = client.post(url, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[:1000]
    post.refresh_from_db()
    assert post.audience == "public"


def test_an_editor_changing_the_audience_of_a_live_post_is_logged(client, tree):
    editor = make_editor(tree)
    post = BlogPostPageFactory(parent=tree.blog, audience="public", slug="p")
    client.force_login(editor)
    data = post_form(editor, slug="p", audience="staff")
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
    data = post_form(
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
