import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, get_page_models

from intranet.demo import colleagues_with_stories, step
from intranet.models import PageRead
from intranet.reading import week_of

from .models import (
    Comment,
    Delivery,
    ExternalChannel,
    Kind,
    Network,
    PageReaction,
    PersonFollow,
    Reaction,
    TagFollow,
)

CHANNELS = [
    (
        Network.LINKEDIN,
        "Northwind",
        "https://www.linkedin.com/company/example-northwind",
        "Communications",
        "News, jobs and stories from our people.",
        "Customers, partners and future colleagues",
    ),
    (
        Network.X,
        "@northwind",
        "https://x.com/example_northwind",
        "Communications",
        "Announcements and quick answers.",
        "Customers and the press",
    ),
    (
        Network.FACEBOOK,
        "Northwind",
        "https://www.facebook.com/example.northwind",
        "Customer Service",
        "Help and community news.",
        "Customers",
    ),
    (
        Network.INSTAGRAM,
        "@northwind.people",
        "https://www.instagram.com/example_northwind",
        "People and Culture",
        "Life at Northwind, told by staff.",
        "Future colleagues",
    ),
    (
        Network.YOUTUBE,
        "Northwind",
        "https://www.youtube.com/@example-northwind",
        "Communications",
        "Talks, explainers and events.",
        "Everyone",
    ),
]


@step(30, "External channels")
def channels(stdout):
    added = 0
    for order, (network, name, url, owner, purpose, audience) in enumerate(CHANNELS):
        _, created = ExternalChannel.objects.get_or_create(
            network=network,
            name=name,
            defaults={
                "url": url,
                "owner": owner,
                "purpose": purpose,
                "audience": audience,
                "sort_order": order,
            },
        )
        added += created
    return added


# What is new for the demo users: follows, notification settings, a mention ------

TAG_FOLLOWS = {"staff": ["LinkedIn", "how-to"], "editor": ["policy"]}
PERSON_FOLLOWS = {"staff": ["priya"], "leader": ["editor"]}
CHOICES = {
    "staff": [
        (Kind.POST, True, Delivery.WEEKLY),
        (Kind.LEADER, True, Delivery.INSTANT),
    ],
    "leader": [(Kind.COMMENT, True, Delivery.INSTANT)],
    "moderator": [(Kind.POST, False, Delivery.OFF)],
}
MENTION = (
    "Why we are on social media",
    "staff",
    "This is the clearest “why” I have read. @leader, could you say a word about it "
    "at the next all-hands?",
)
REPLY = ("priya", "Seconded, and we will link it from the new joiners' pack.")


@step(90, "Follows, notification settings and a mention")
def whats_new(stdout):
    from taggit.models import Tag
    from wagtail.models import Page

    from . import preferences, services

    people = {u.username: u for u in get_user_model().objects.all()}
    added = 0
    for username, names in TAG_FOLLOWS.items():
        for tag in Tag.objects.filter(name__in=names):
            if not TagFollow.objects.filter(user=people[username], tag=tag).exists():
                services.follow_tag(people[username], tag)
                added += 1
    for username, authors in PERSON_FOLLOWS.items():
        for name in authors:
            user, author = people[username], people[name]
            if not PersonFollow.objects.filter(user=user, author=author).exists():
                services.follow_person(user, author)
                added += 1
    for username, rows in CHOICES.items():
        chosen = preferences.for_person(people[username])
        for kind, on_site, email in rows:
            if chosen[kind] != preferences.Choice(on_site, email):
                preferences.choose(people[username], kind, on_site=on_site, email=email)
                added += 1
    title, author, text = MENTION
    page = Page.objects.live().filter(title=title).first()
    if page is not None and not Comment.objects.filter(comment=text).exists():
        page = page.specific
        comment = services.add_comment(page, people[author], text)
        services.add_comment(page, people[REPLY[0]], REPLY[1], parent=comment)
        added += 2
    return added


@step(95, "A month of reading and reactions across the departments")
def a_month_of_reading(stdout):
    """Each demo colleague reads (or not) as their department's story says: a
    reader opens some of the posts, threads, guidelines and updates each week."""
    colleagues = colleagues_with_stories()
    if (
        not colleagues
        or PageRead.objects.filter(
            user__in=[person for person, _story in colleagues]
        ).exists()
    ):
        return 0
    counted = [
        ContentType.objects.get_for_model(model)
        for model in get_page_models()
        if getattr(model, "counts_reads", False)
    ]
    pages = list(Page.objects.live().filter(content_type__in=counted).order_by("path"))
    posts = [p for p in pages if p.specific_class.__name__ == "BlogPostPage"]
    chance = random.Random(2026)  # noqa: S311 - demo figures, not secrets
    now = timezone.now()
    reads, reactions = [], []
    for person, story in colleagues:
        if chance.random() >= story.reading:
            continue
        for weeks_ago in range(4):
            if chance.random() < 0.25:
                continue  # a quiet week
            seen = now - timedelta(days=7 * weeks_ago, hours=chance.randint(1, 100))
            for page in chance.sample(pages, k=max(1, len(pages) // 3)):
                reads.append(
                    PageRead(
                        user=person,
                        page=page,
                        week=week_of(seen),
                        first_seen=seen,
                        last_seen=seen,
                    )
                )
        if posts and chance.random() < story.taking_part / story.reading:
            reactions.append(
                PageReaction(
                    user=person,
                    page=chance.choice(posts),
                    kind=chance.choice(list(Reaction.values)),
                    created_at=now - timedelta(hours=chance.randint(1, 24 * 27)),
                )
            )
    PageRead.objects.bulk_create(reads, ignore_conflicts=True)
    PageReaction.objects.bulk_create(reactions, ignore_conflicts=True)
    return len(reads) + len(reactions)
