from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from intranet import pages, renditions
from intranet.blog.models import author_model
from intranet.demo import (
    PICTURES,
    demo_picture,
    originals,
    step,
    translate,
    translation_locale,
)
from intranet.social.models import Comment, CommentLike, PageReaction
from intranet.social.services import add_comment, report_comment

from . import demo_posts_fi
from .demo_posts import CONVERSATIONS, LIKES, POSTS, REACTIONS, REPORTS


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


def demo_posts():
    """The demo's posts as written, in the site's own language."""
    return originals(pages.blog_post_model().objects.all())


@step(50, "Blog posts")
def posts(stdout):
    blog = originals(pages.blog_index_model().objects.all()).first()
    people = {u.username: u for u in get_user_model().objects.all()}
    added = 0
    now = timezone.now()
    for age, spec in enumerate(reversed(POSTS)):
        if demo_posts().filter(slug=spec["slug"]).exists():
            continue
        post = pages.blog_post_model()(
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
            author_model().objects.create(
                page=post, person=people[username], sort_order=order
            )
        for name in spec["tags"]:
            tag, _ = Tag.objects.get_or_create(
                name=name, defaults={"slug": slugify(name)}
            )
            post.tags.add(tag)
        post.save_revision().publish()
        published = now - timedelta(days=2 * (len(POSTS) - age), hours=age)
        pages.blog_post_model().objects.filter(pk=post.pk).update(
            first_published_at=published, last_published_at=published
        )
        added += 1
    return added


@step(51, "Conversations, likes and reactions on the blog")
def conversations(stdout):
    people = {u.username: u for u in get_user_model().objects.all()}
    added = 0
    comments = {}
    for slug, thread in CONVERSATIONS.items():
        post = demo_posts().get(slug=slug)
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
        post = demo_posts().get(slug=slug)
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


PUBLIC_POSTS = {
    "why-we-are-on-social-media": {
        "linkedin": (
            "Why are we on social media? Because our customers already are, and "
            "they talk about us there. Our chief executive explains what we want "
            "to learn by listening first."
        ),
        "x": "Our customers already talk about us online. Here is why we listen first.",
        "facebook": "Why we are on social media, in our chief executive's words.",
        "email": "I thought you would like this piece about why we are on social media.",
    },
    "getting-started-on-linkedin": {
        "linkedin": (
            "Five small steps to a LinkedIn profile that tells people what you do "
            "and why you enjoy it."
        ),
        "x": "Five small steps to a better LinkedIn profile 👇",
        "facebook": "Getting started on LinkedIn: five small steps.",
        "email": "A short guide to getting started on LinkedIn.",
    },
    "customer-service-on-facebook": {
        "linkedin": (
            "Our customer service team now answers on Facebook, seven days a week. "
            "Here is what we learned in the first month."
        ),
        "x": "We now answer on Facebook, seven days a week. What we learned so far:",
        "facebook": "We answer here now, seven days a week. Here is how it went.",
        "email": "How our customer service team answers on Facebook.",
    },
}
DEMO_SHARES = [
    ("why-we-are-on-social-media", "linkedin", 2),
    ("why-we-are-on-social-media", "x", 1),
    ("getting-started-on-linkedin", "linkedin", 4),
    ("customer-service-on-facebook", "facebook", 3),
]
DEMO_VISITS = [
    ("why-we-are-on-social-media", "linkedin", 14),
    ("why-we-are-on-social-media", "x", 3),
    ("getting-started-on-linkedin", "linkedin", 9),
    ("customer-service-on-facebook", "facebook", 6),
]


@step(52, "Public posts, share texts and the programme hashtag")
def public_posts(stdout):
    from wagtail.models import Site

    from intranet.social.models import SharingSettings

    added = 0
    site = Site.objects.filter(
        root_page__in=pages.home_page_model().objects.all()
    ).first()
    if site is not None:
        sharing = SharingSettings.for_site(site)
        if not sharing.hashtag:
            sharing.hashtag = "#NorthwindVoices"
            sharing.utm_campaign = "northwind-voices"
            sharing.save()
            added += 1
    for slug, texts in PUBLIC_POSTS.items():
        post = demo_posts().filter(slug=slug).first()
        if post is None or post.audience == "public":
            continue
        post.audience = "public"
        for network, text in texts.items():
            setattr(post, f"share_text_{network}", text)
        post.save_revision().publish()
        added += 1
    return added


@step(53, "A demo ambassador with a share history, and visits back")
def share_history(stdout):
    from intranet.social.models import ShareClick, TrackedVisit

    staff = get_user_model().objects.filter(username="staff").first()
    if staff is None:
        return 0
    added = 0
    if not staff.intranet_profile.is_ambassador:
        staff.intranet_profile.is_ambassador = True
        staff.intranet_profile.save(update_fields=["is_ambassador"])
        added += 1
    posts = {p.slug: p for p in demo_posts().filter(slug__in=PUBLIC_POSTS)}
    now = timezone.now()
    if not ShareClick.objects.filter(user=staff).exists():
        for n, (slug, network, times) in enumerate(DEMO_SHARES):
            for t in range(times):
                ShareClick.objects.create(
                    page=posts[slug],
                    user=staff,
                    network=network,
                    created_at=now - timedelta(days=n + 1, hours=t),
                )
                added += 1
    if not TrackedVisit.objects.filter(page__in=posts.values()).exists():
        for slug, network, visits in DEMO_VISITS:
            TrackedVisit.objects.bulk_create(
                TrackedVisit(
                    page=posts[slug],
                    network=network,
                    created_at=now - timedelta(hours=v),
                    visitor=f"demo-{v}",
                    day=timezone.localdate(now - timedelta(hours=v)),
                )
                for v in range(visits)
            )
            added += visits
    return added


# Each post's featured picture, and the pictures in the Tampere team day post.
FEATURED_PICTURES = {
    "why-we-are-on-social-media": "network",
    "getting-started-on-linkedin": "profile-card",
    "customer-service-on-facebook": "speech-bubbles",
    "ambassador-programme-opens": "megaphone",
    "oulu-office-goes-paperless": "office",
    "tampere-team-day": "tampere-lake",
    "measuring-what-matters": "laptop-chart",
}
BODY_PICTURES = {
    "tampere-team-day": [
        (
            "tampere-workshop",
            "The morning: every sticky note is a question a customer asked us.",
        ),
        ("tampere-canoes", "The afternoon: two canoes, four paddlers, one capsize."),
    ],
}


def _picture_block(name, caption):
    image = demo_picture(name)
    return (
        "image",
        {
            "image": {
                "image": image,
                "alt_text": PICTURES[name][1],
                "decorative": False,
            },
            "caption": caption,
        },
    )


def _has_pictures(post) -> bool:
    return any(block.block_type == "image" for block in post.body)


@step(54, "Pictures on the blog, and their renditions")
def pictures(stdout):
    """Featured images and body pictures, set once; then every rendition the pages
    show, so the first reader does not wait for them."""
    added = 0
    for post in demo_posts().filter(
        slug__in=FEATURED_PICTURES.keys() | BODY_PICTURES.keys()
    ):
        changed = False
        name = FEATURED_PICTURES.get(post.slug)
        if name and post.featured_image_id is None:
            post.featured_image = demo_picture(name)
            changed = True
        pictures = BODY_PICTURES.get(post.slug)
        if pictures and not _has_pictures(post):
            for picture, caption in pictures:
                post.body.append(_picture_block(picture, caption))
            changed = True
        if not changed:
            continue
        published = post.last_published_at
        post.save_revision().publish()
        # Adding the demo's pictures is no news: the post keeps its date.
        pages.blog_post_model().objects.filter(pk=post.pk).update(
            last_published_at=published
        )
        added += 1
    posts = (
        demo_posts().filter(slug__in=FEATURED_PICTURES).select_related("featured_image")
    )
    added += renditions.make(
        [post.featured_image for post in posts], renditions.FEATURED_IMAGE
    )
    added += renditions.make(
        [demo_picture(name) for names in BODY_PICTURES.values() for name, _ in names],
        renditions.BODY_IMAGE,
    )
    return added


@step(99, "Three blog posts in Finnish")
def finnish_posts(stdout):
    """The blog and three of its posts as Finnish translations of the English ones,
    once those have their pictures: a translation keeps its original's audience,
    authors, tags and featured image."""
    finnish = translation_locale("fi")
    blog = originals(pages.blog_index_model().objects.all()).first()
    if finnish is None or blog is None:
        return 0
    _blog, created = translate(blog, finnish, **demo_posts_fi.BLOG)
    added = int(created)
    for post in demo_posts().child_of(blog).filter(slug__in=demo_posts_fi.POSTS):
        spec = demo_posts_fi.POSTS[post.slug]
        _post, created = translate(
            post,
            finnish,
            **{**spec, "body": _body(spec["body"])},
            search_description=spec["standfirst"],
        )
        added += created
    return added
