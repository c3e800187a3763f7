from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from intranet.demo import step
from intranet.social.models import Comment
from intranet.social.services import add_comment, set_comments_closed

from . import polls
from .models import (
    DiscussionIndexPage,
    DiscussionThreadPage,
    Poll,
    PollOption,
    ResultsShown,
)
from .services import mark_answer, set_pinned, start_thread

THREADS = [
    {
        "slug": "should-communicators-use-tools-they-do-not-use-themselves",
        "title": "Should communicators use social tools they do not use themselves?",
        "author": "staff",
        "body": "We ask everyone to be on LinkedIn, but half of us never post there. "
        "Is it fair to recommend tools we do not use ourselves? Honest answers welcome.",
        "tags": ["social media", "communications"],
        "pinned": True,
        "poll": {
            "question": "Should communicators use the social tools they recommend?",
            "options": ["Yes, always", "Yes, at least a little", "Not necessarily"],
            "results_shown": ResultsShown.ALWAYS,
            "votes": {"editor": 0, "leader": 1, "moderator": 1, "staff": 2},
        },
        "replies": [
            (
                "a",
                "leader",
                "Yes. You cannot coach a team on something you have never done."
                " I started posting last year and learned more in a month than in a workshop.",
                None,
            ),
            ("b", "moderator", "At least a little. Reading is using, too.", None),
            ("c", "staff", "That is a fair distinction, Mikko.", "b"),
        ],
        "answer": "a",
    },
    {
        "slug": "five-questions-customers-ask-most",
        "title": "The five questions customers ask us most on Facebook",
        "author": "staff",
        "body": "As promised under Laura's post: the five we answer every week, with the "
        "answers we give. Anything missing from your team?",
        "tags": ["customer service", "Facebook"],
        "replies": [
            ("a", "editor", "Could we turn these into a short video series?", None),
            ("b", "staff", "Yes! Tampere volunteers.", "a"),
        ],
    },
    {
        "slug": "best-time-to-post-on-linkedin",
        "title": "When is the best time to post on LinkedIn?",
        "author": "moderator",
        "body": "Our analytics say Tuesday mornings. What do yours say?",
        "tags": ["LinkedIn"],
        "replies": [
            (
                "a",
                "editor",
                "Tuesday and Wednesday, 8 to 10. Lunchtime works for job posts.",
                None,
            ),
            ("b", "moderator", "Thanks, that matches ours.", "a"),
        ],
        "answer": "a",
    },
    {
        "slug": "next-team-day-venue",
        "title": "Where should the next all-staff day be?",
        "author": "editor",
        "body": "We have three offers. The poll closed on Friday; thank you for voting.",
        "tags": ["events"],
        "poll": {
            "question": "Where should the next all-staff day be?",
            "options": [
                "Tampere, by the lake",
                "Oulu, in the new office",
                "Helsinki, at the museum",
            ],
            "results_shown": ResultsShown.AFTER_CLOSING,
            "closed": True,
            "votes": {"staff": 0, "leader": 0, "moderator": 1, "editor": 2},
        },
        "replies": [
            ("a", "staff", "The lake, please. We promise to canoe better.", None)
        ],
    },
    {
        "slug": "printer-on-floor-3",
        "title": "Printer on floor 3 out of toner again",
        "author": "staff",
        "body": "Does anyone know who orders toner now?",
        "tags": ["office"],
        "locked": True,
        "replies": [
            (
                "a",
                "moderator",
                "Facilities have it in hand; please use the service desk for "
                "these. Locking this one.",
                None,
            ),
        ],
    },
    {
        "slug": "ideas-for-the-intranet",
        "title": "What would make this intranet more useful to you?",
        "author": "editor",
        "body": "It is new, and we want it to be yours. What should we add, change or remove?",
        "tags": ["intranet", "feedback"],
        "replies": [
            ("a", "staff", "A way to follow topics, not just threads.", None),
            ("b", "leader", "Seconded. And a weekly digest e-mail.", "a"),
        ],
    },
]


@step(71, "Discussion threads, replies and polls")
def threads(stdout):
    index = DiscussionIndexPage.objects.first()
    people = {u.username: u for u in get_user_model().objects.all()}
    moderator = people["moderator"]
    added = 0
    for age, spec in enumerate(THREADS):
        if DiscussionThreadPage.objects.filter(slug=spec["slug"]).exists():
            continue
        poll = spec.get("poll")
        thread = start_thread(
            index,
            people[spec["author"]],
            spec["title"],
            spec["body"],
            spec["tags"],
            poll={
                "question": poll["question"],
                "options": poll["options"],
                "max_choices": 1,
                "closes_at": None,
                "results_shown": poll["results_shown"],
                "secret": True,
            }
            if poll
            else None,
        )
        DiscussionThreadPage.objects.filter(pk=thread.pk).update(slug=spec["slug"])
        thread.refresh_from_db()
        if thread.url_path.rstrip("/").rsplit("/", 1)[-1] != spec["slug"]:
            thread.slug = spec["slug"]
            thread.save_revision().publish()
        made = {}
        for key, author, text, reply_to in spec["replies"]:
            made[key] = add_comment(
                thread, people[author], text, parent=made.get(reply_to)
            )
        if poll:
            created = Poll.objects.get(thread=thread)
            options = list(
                PollOption.objects.filter(poll=created).order_by("sort_order")
            )
            for username, choice in poll["votes"].items():
                polls.vote(created, people[username], [options[choice].pk])
            if poll.get("closed"):
                Poll.objects.filter(pk=created.pk).update(
                    closes_at=timezone.now() - timedelta(days=2)
                )
        if spec.get("answer"):
            mark_answer(thread, people[spec["author"]], made[spec["answer"]])
        if spec.get("pinned"):
            set_pinned(thread, moderator, True)
        if spec.get("locked"):
            set_comments_closed(thread, moderator, closed=True)
        activity = timezone.now() - timedelta(hours=6 * age)
        DiscussionThreadPage.objects.filter(pk=thread.pk).update(
            last_activity_at=activity
        )
        added += 1 + Comment.objects.for_page(thread).count()
    return added
