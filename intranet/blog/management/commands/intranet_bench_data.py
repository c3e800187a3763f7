import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from intranet import pages
from intranet.blog.models import author_model
from intranet.discussions.models import DiscussionIndexPage, DiscussionThreadPage
from intranet.people.models import profile_of
from intranet.social.models import Comment, CommentLike, PageReaction, Reaction

TOPICS = [
    "LinkedIn",
    "customer service",
    "leadership",
    "team stories",
    "policy",
    "events",
]
OPENINGS = [
    "Thanks for writing this up.",
    "We tried something similar in Oulu last spring.",
    "I have a question about the second point.",
    "This is exactly what customers ask us about.",
    "Could we share this outside too?",
    "Interesting, but I am not sure it works for every team.",
]
MIDDLES = [
    "In our team the hardest part was finding the time to start.",
    "What helped was agreeing who answers first.",
    "Customers noticed within a week.",
    "I would like to hear how other offices handle it.",
    "The guidelines cover most of it, to be fair.",
]


class Command(BaseCommand):
    help = (
        "Create a large blog with realistic threads, for the benchmark and scale tests."
    )

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=50)
        parser.add_argument(
            "--comments", type=int, default=20, help="Comments per post."
        )
        parser.add_argument(
            "--sizes",
            type=int,
            nargs="*",
            default=[],
            help="Comments on each of a few more posts, one post per number "
            "(e.g. 0 500).",
        )
        parser.add_argument(
            "--replies",
            type=int,
            default=0,
            help="Replies on one more discussion thread (none when 0).",
        )
        parser.add_argument("--people", type=int, default=40)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--force", action="store_true", help="Run with DEBUG off.")

    def handle(
        self, *args, posts, comments, sizes, replies, people, seed, force, **options
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "This fills the database with generated content. Use --force."
            )
        blog = pages.blog_index_model().objects.first()
        if blog is None:
            raise CommandError("No blog yet: run `manage.py intranet_load_demo` first.")
        rng = random.Random(seed)
        started = time.monotonic()
        crowd = self.people(people)
        site = Site.objects.get_current()
        content_type = ContentType.objects.get_for_model(pages.blog_post_model())
        threads = [comments] * posts + list(sizes)
        for n, count in enumerate(threads):
            with transaction.atomic():
                post = self.post(blog, n, crowd, rng)
                self.thread(post, count, crowd, rng, site, content_type)
            self.stdout.write(
                f"\r  post {n + 1}/{len(threads)} ({time.monotonic() - started:.0f}s)",
                ending="",
            )
            self.stdout.flush()
        made = f"{len(threads)} posts and {sum(threads)} comments"
        if replies:
            with transaction.atomic():
                discussion = self.discussion(crowd, rng)
                self.thread(
                    discussion,
                    replies,
                    crowd,
                    rng,
                    site,
                    ContentType.objects.get_for_model(DiscussionThreadPage),
                )
            made += f", a discussion thread with {replies} replies"
        self.stdout.write(
            self.style.SUCCESS(
                f"\nCreated {made} in {time.monotonic() - started:.1f}s."
            )
        )

    def people(self, count):
        crowd = []
        for n in range(count):
            user, created = get_user_model().objects.get_or_create(
                username=f"bench{n}",
                defaults={
                    "first_name": f"Bench{n}",
                    "last_name": "Person",
                    "email": f"bench{n}@example.com",
                },
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                profile = profile_of(user)
                profile.department = TOPICS[n % len(TOPICS)].title()
                profile.save(update_fields=["department"])
            crowd.append(user)
        return crowd

    def post(self, blog, n, crowd, rng):
        stamp = int(time.time() * 1000)
        paragraphs = [
            ("paragraph", f"<p>{rng.choice(MIDDLES)} {rng.choice(OPENINGS)}</p>")
            for _ in range(rng.randint(3, 8))
        ]
        post = pages.blog_post_model()(
            title=f"Generated story {n + 1}: {rng.choice(TOPICS)}",
            slug=f"generated-{stamp}-{n}",
            standfirst=rng.choice(MIDDLES),
            body=paragraphs,
        )
        blog.add_child(instance=post)
        for order, person in enumerate(rng.sample(crowd, k=rng.randint(1, 2))):
            author_model().objects.create(page=post, person=person, sort_order=order)
        post.tags.add(*rng.sample(TOPICS, k=2))
        post.save_revision().publish()
        for person in rng.sample(crowd, k=min(len(crowd), rng.randint(0, 12))):
            PageReaction.objects.create(
                page=post, user=person, kind=rng.choice(Reaction.values)
            )
        return post

    def discussion(self, crowd, rng):
        """A question a colleague raised, published as start_thread publishes one."""
        index = DiscussionIndexPage.objects.first()
        if index is None:
            raise CommandError(
                "No discussions yet: run `manage.py intranet_load_demo` first."
            )
        author = rng.choice(crowd)
        thread = DiscussionThreadPage(
            title=f"Generated question: {rng.choice(TOPICS)}?",
            slug=f"generated-{int(time.time() * 1000)}",
            body=f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}",
            owner=author,
            last_activity_at=timezone.now(),
        )
        index.add_child(instance=thread)
        thread.tags.add(*rng.sample(TOPICS, k=2))
        thread.save_revision(user=author).publish(
            user=author, skip_permission_checks=True
        )
        return thread

    def thread(self, post, count, crowd, rng, site, content_type):
        """About a third start a thread; the rest answer an earlier comment."""
        made = []
        for _ in range(count):
            author = rng.choice(crowd)
            parent = None
            if made and rng.random() > 0.35:
                parent = rng.choice(made)
                if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
                    parent = Comment.objects.get(pk=parent.parent_id)
            comment = Comment(
                content_type=content_type,
                object_pk=str(post.pk),
                site=site,
                user=author,
                user_name=author.intranet_profile.name[:50],
                user_email=author.email,
                comment=f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)}",
                parent_id=parent.pk if parent else 0,
                submit_date=timezone.now(),
            )
            comment.save()
            made.append(comment)
            for liker in rng.sample(crowd, k=rng.randint(0, 3)):
                if liker.pk != author.pk:
                    CommentLike.objects.get_or_create(comment=comment, user=liker)
