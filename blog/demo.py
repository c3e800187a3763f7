from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from intranet.demo import step
from people.models import User
from social.models import Comment, CommentLike, PageReaction
from social.services import add_comment, report_comment

from .demo_posts import CONVERSATIONS, LIKES, POSTS, REACTIONS, REPORTS
from .models import BlogIndexPage, BlogPostAuthor, BlogPostPage


def _body(blocks):
    body = []
    for kind, value in blocks:
        if kind == "heading":
            body.append(("heading", {"text": value, "size": "h2"}))
        elif kind == "quote":
            quote, attribution = value.split("|")
            body.append(("quote", {"quote": quote, "attribution": attribution}))
        elif kind == "callout":
            body.append(
                ("callout", {"tone": "info", "title": "", "text": f"<p>{value}</p>"})
            )
        elif kind == "table":
            body.append(
                (
                    "table",
                    {
                        "data": value,
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                )
            )
        else:
            body.append((kind, value))
    return body


@step(50, "Blog posts")
def posts(stdout):
    blog = BlogIndexPage.objects.first()
    people = {u.username: u for u in User.objects.all()}
    added = 0
    now = timezone.now()
    for age, spec in enumerate(reversed(POSTS)):
        if BlogPostPage.objects.filter(slug=spec["slug"]).exists():
            continue
        post = BlogPostPage(
            slug=spec["slug"],
            title=spec["title"],
            standfirst=spec["standfirst"],
            body=_body(spec["body"]),
            on_behalf_of=spec.get("on_behalf_of", ""),
            pinned=spec.get("pinned", False),
            search_description=spec["standfirst"],
        )
        blog.add_child(instance=post)
        for order, username in enumerate(spec["authors"]):
            BlogPostAuthor.objects.create(
                page=post, person=people[username], sort_order=order
            )
        for name in spec["tags"]:
            tag, _ = Tag.objects.get_or_create(
                name=name, defaults={"slug": slugify(name)}
            )
            post.tags.add(tag)
        post.save_revision().publish()
        published = now - timedelta(days=2 * (len(POSTS) - age), hours=age)
        BlogPostPage.objects.filter(pk=post.pk).update(
            first_published_at=published, last_published_at=published
        )
        added += 1
    return added


@step(51, "Conversations, likes and reactions on the blog")
def conversations(stdout):
    people = {u.username: u for u in User.objects.all()}
    added = 0
    comments = {}
    for slug, thread in CONVERSATIONS.items():
        post = BlogPostPage.objects.get(slug=slug)
        if Comment.objects.for_page(post).exists():
            for key, _author, text, _reply in thread:
                comments[(slug, key)] = (
                    Comment.objects.for_page(post).filter(comment=text).first()
                )
            continue
        for key, author, text, reply_to in thread:
            parent = comments.get((slug, reply_to)) if reply_to else None
            comments[(slug, key)] = add_comment(
                post, people[author], text, parent=parent
            )
            added += 1
    for slug, key, username in LIKES:
        _, created = CommentLike.objects.get_or_create(
            comment=comments[(slug, key)], user=people[username]
        )
        added += created
    for slug, reactions in REACTIONS.items():
        post = BlogPostPage.objects.get(slug=slug)
        for username, kind in reactions.items():
            _, created = PageReaction.objects.get_or_create(
                page=post, user=people[username], defaults={"kind": kind}
            )
            added += created
    for slug, key, username, reason in REPORTS:
        comment = comments[(slug, key)]
        if not comment.reports.exists():
            report_comment(comment, people[username], reason)
            added += 1
    return added
