"""Factories for blog posts and the conversations under them."""

from datetime import timedelta

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone
from django_comments.models import Comment as BaseComment
from django_comments_xtd.models import XtdComment

from blog.models import BlogPostAuthor, BlogPostPage
from intranet.social.models import Comment
from tests.factories.core import UserFactory


class BlogPostPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = BlogPostPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Post number {n}")
    slug = factory.Sequence(lambda n: f"post-{n}")
    standfirst = "What this post is about, in a sentence."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Our customers already talk about us online.</p>")]
    )

    @factory.post_generation
    def authors(self, create, people, **kwargs):
        if not create:
            return
        for order, person in enumerate(people or [UserFactory()]):
            BlogPostAuthor.objects.create(page=self, person=person, sort_order=order)

    @factory.post_generation
    def tag_names(self, create, names, **kwargs):
        if create and names:
            self.tags.add(*names)
            self.save_revision().publish()


def comment_on(page, author, text="A comment.", parent=None) -> Comment:
    """A comment saved straight through the model, for building large threads fast."""
    comment = Comment(
        content_type=ContentType.objects.get_for_model(page.specific_class),
        object_pk=str(page.pk),
        site=Site.objects.get_current(),
        user=author,
        user_name=author.intranet_profile.name[:50],
        user_email=author.email,
        comment=text,
        parent_id=parent.pk if parent else 0,
    )
    comment.save()
    return comment


def bulk_threads(page, people, threads, replies=0, batch=500) -> list[Comment]:
    """``threads`` threads of one comment and ``replies`` replies each, each reply
    answering the one before it, oldest first: thousands of comments in a few
    statements per table, with the thread fields (``thread_id``, ``parent_id``,
    ``level``, ``order``, ``nested_count``) that django-comments-xtd gives them one
    save at a time. Returns the threads' first comments."""
    assert replies <= settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    content_type = ContentType.objects.get_for_model(page.specific_class)
    site = Site.objects.get_current()
    started = timezone.now() - timedelta(minutes=threads * (replies + 1))
    base = BaseComment.objects.bulk_create(
        [
            BaseComment(
                content_type=content_type,
                object_pk=str(page.pk),
                site=site,
                user=author,
                user_name=author.intranet_profile.name[:50],
                user_email=author.email,
                comment=f"Thread {t} comment {n}",
                submit_date=started + timedelta(minutes=t * (replies + 1) + n),
            )
            for t in range(threads)
            for n in range(replies + 1)
            for author in [people[(t + n) % len(people)]]
        ],
        batch_size=batch,
    )
    comments = []
    for t in range(threads):
        chain = base[t * (replies + 1) : (t + 1) * (replies + 1)]
        for n, row in enumerate(chain):
            comment = Comment(
                **{f.attname: getattr(row, f.attname) for f in row._meta.fields},
                comment_ptr_id=row.pk,
                xtdcomment_ptr_id=row.pk,
                thread_id=chain[0].pk,
                parent_id=chain[max(n - 1, 0)].pk,
                level=n,
                order=n + 1,
                nested_count=replies - n,
            )
            comments.append(comment)
    # Django's bulk_create refuses models with parent tables; insert each table's
    # own columns the way Model.save does, a batch at a time.
    for model in (XtdComment, Comment):
        fields = model._meta.local_concrete_fields
        for start in range(0, len(comments), batch):
            model._base_manager._insert(comments[start : start + batch], fields=fields)
    return [c for c in comments if c.level == 0]


class PublicPostFactory(BlogPostPageFactory):
    """A published post an editor made public."""

    audience = "public"
    standfirst = "What we announced today, for everyone."


def make_page_admin(tree, group_name, username):
    """A member of ``group_name`` who may add, change and publish pages in the admin."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=tree.home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return UserFactory(username=username, groups=[group_name])


def make_editor(tree, username="editor"):
    """A member of Intranet editors, with what ``intranet_setup`` gives them."""
    from intranet import setup

    setup.group(setup.EDITORS, home=tree.home)
    return UserFactory(username=username, groups=[setup.EDITORS])


def blog_post_form(author, **fields):
    """The admin form data of a new blog post by ``author``."""
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        rich_text,
        streamfield,
    )

    data = {
        "title": "Our new service centre",
        "slug": "new-centre",
        "standfirst": "Opening on Monday.",
        "body": streamfield([("paragraph", rich_text("<p>Come and see.</p>"))]),
        "authors": inline_formset([{"person": author.pk}]),
        "tags": "",
        "comments_enabled": "on",
    }
    data.update(fields)
    return nested_form_data(data)
