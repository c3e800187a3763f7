"""Everything a page's conversation shows, gathered in a fixed number of queries.

A long conversation is shown a window at a time: the latest 25 threads, or the 25
before a given thread (``?before=<thread id>``), each window linking to the earlier
and later ones. A link to a comment leads to the window that holds its thread.

A thread of 200 comments costs what a thread of 2 does: one query for the page's
threads and their sizes, one for the window's comments and their authors, one for
like counts, one for the reader's own likes, one for the page's reactions, (for
moderators) one for open reports, and one for the people the comments and the page's
own text mention, however many mentions there are.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from intranet import ids

from . import mentions
from .forms import CommentForm
from .models import (
    REACTION_EMOJI,
    Comment,
    CommentLike,
    CommentReport,
    PageReaction,
    Reaction,
)
from .services import can_comment, can_edit, can_moderate, comments_open


@dataclass
class Node:
    comment: Comment
    likes: int = 0
    liked: bool = False
    open_reports: int = 0
    editable: bool = False
    children: list["Node"] = field(default_factory=list)


@dataclass
class ReactionSummary:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool
    people: list


SHOWN_THREADS = 25


@dataclass(frozen=True)
class Window:
    """The threads shown at once, and how to reach the ones around them.

    ``threads`` are thread ids, oldest first. ``earlier_url`` and ``later_url`` are
    query strings ("" for the latest window), or None when there is nothing there.
    """

    threads: list[int]
    earlier: int = 0
    later: int = 0
    earlier_url: str | None = None
    later_url: str | None = None


def _query(before: int | None) -> str:
    return f"?before={before}" if before is not None else ""


def window_before(threads: list[int], thread_id: int) -> int | None:
    """The ``before`` that addresses the window holding ``thread_id``, counting
    windows of SHOWN_THREADS back from the latest thread; None for the latest one.

    ``threads`` are the page's thread ids, oldest first."""
    newer = sum(1 for t in threads if t > thread_id)
    steps = newer // SHOWN_THREADS
    if steps == 0:
        return None
    return threads[len(threads) - steps * SHOWN_THREADS]


def _window(threads: list[int], sizes: dict[int, int], request) -> Window:
    """The window a request asks for: all threads (``?comments=all``), the threads
    before a thread id (``?before=``), or the latest ones."""
    if request.GET.get("comments") == "all":
        return Window(threads=threads)
    before = ids.parse_id(request.GET.get("before"))
    end = len(threads)
    if before is not None:
        end = sum(1 for t in threads if t < before)
    return _window_ending(threads, sizes, end)


def _window_ending(threads, sizes, end: int) -> Window:
    start = max(end - SHOWN_THREADS, 0)
    later_url = None
    if end < len(threads):
        later_end = end + SHOWN_THREADS
        later_url = _query(threads[later_end] if later_end < len(threads) else None)
    return Window(
        threads=threads[start:end],
        earlier=sum(sizes[t] for t in threads[:start]),
        later=sum(sizes[t] for t in threads[end:]),
        earlier_url=_query(threads[start]) if start else None,
        later_url=later_url,
    )


def _window_holding(threads, sizes, thread_id: int) -> Window:
    before = window_before(threads, thread_id)
    end = len(threads) if before is None else threads.index(before)
    return _window_ending(threads, sizes, end)


def page_threads(page) -> list[int]:
    """The page's thread ids, oldest first, in one query."""
    return list(
        Comment.objects.for_page(page)
        .order_by("thread_id")
        .values_list("thread_id", flat=True)
        .distinct()
    )


def comment_link(page, comment) -> str:
    """A link to one comment that finds it in the window that holds its thread,
    however long the conversation, in one query."""
    query = _query(window_before(page_threads(page), comment.thread_id))
    return f"{page.url}{query}#{comment.anchor}"


@dataclass
class Conversation:
    page: object
    roots: list[Node]
    count: int
    earlier: int
    form: CommentForm | None
    reply_to: int | None
    can_comment: bool
    is_open: bool
    can_moderate: bool
    reactions: list[ReactionSummary]
    my_reaction: str | None
    window: Window = field(default_factory=lambda: Window(threads=[]))
    # The mentioned usernames that belong to active people: the comment_text filter
    # links these to profiles.
    known_usernames: frozenset[str] = frozenset()
    # Who has spoken here, each once, in the order they first did.
    people: list = field(default_factory=list)

    SHOWN_PEOPLE = 8

    @property
    def people_shown(self) -> list:
        return self.people[: self.SHOWN_PEOPLE]

    @property
    def people_more(self) -> int:
        return max(len(self.people) - self.SHOWN_PEOPLE, 0)


def _reply_target(request) -> int | None:
    return ids.parse_id(request.GET.get("reply_to"))


def new_comment_form(parent: int | None = None) -> CommentForm:
    return CommentForm(initial={"token": uuid.uuid4(), "parent": parent})


def reactions_for(page, user) -> tuple[list[ReactionSummary], str | None]:
    rows = list(
        PageReaction.objects.filter(page_id=page.pk).select_related(
            "user__intranet_profile"
        )
    )
    counts = Counter(r.kind for r in rows)
    mine = next((r.kind for r in rows if r.user_id == user.pk), None)
    summaries = [
        ReactionSummary(
            kind=kind,
            label=label,
            emoji=REACTION_EMOJI[kind],
            count=counts[kind],
            mine=mine == kind,
            people=[r.user for r in rows if r.kind == kind],
        )
        for kind, label in Reaction.choices
    ]
    return summaries, mine


def build(page, request, form: CommentForm | None = None) -> Conversation:
    user = request.user
    thread = Comment.objects.for_page(page)
    sizes = {}
    count = 0
    for thread_id, size, counted in (
        thread.order_by("thread_id")
        .values_list("thread_id")
        .annotate(
            size=Count("pk"),
            counted=Count("pk", filter=Q(is_public=True, is_removed=False)),
        )
    ):
        sizes[thread_id] = size
        count += counted
    threads = list(sizes)
    # A reply (asked for, or sent back with an error) opens the window of its thread.
    if form is not None and form.data.get("parent"):
        reply_to = ids.parse_id(form.data.get("parent"))
    else:
        reply_to = _reply_target(request)
    reply_thread = None
    if reply_to is not None:
        reply_thread = (
            thread.filter(pk=reply_to).values_list("thread_id", flat=True).first()
        )
    if reply_thread in sizes:
        window = _window_holding(threads, sizes, reply_thread)
    else:
        window = _window(threads, sizes, request)
    comments = []
    if window.threads:
        comments = list(thread.filter(thread_id__in=window.threads).thread_order())
    shown = [c.pk for c in comments]
    likes, mine, reports = {}, set(), {}
    if shown:  # nothing to count under a conversation not yet started
        likes = dict(
            CommentLike.objects.filter(comment__in=shown)
            .values_list("comment_id")
            .annotate(n=Count("id"))
        )
        mine = set(
            CommentLike.objects.filter(comment__in=shown, user=user).values_list(
                "comment_id", flat=True
            )
        )
    moderator = can_moderate(user)
    if moderator and comments:
        reports = dict(
            CommentReport.objects.filter(
                comment__in=shown, status=CommentReport.Status.OPEN
            )
            .values_list("comment_id")
            .annotate(n=Count("id"))
        )
    nodes = {
        c.pk: Node(
            comment=c,
            likes=likes.get(c.pk, 0),
            liked=c.pk in mine,
            open_reports=reports.get(c.pk, 0),
            editable=can_edit(user, c),
        )
        for c in comments
    }
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.comment.parent_id)
        if parent is None or parent is node:
            roots.append(node)
        else:
            parent.children.append(node)
    if reply_to not in nodes:
        reply_to = None
    allowed = can_comment(user, page)
    if form is None and allowed:
        form = new_comment_form(parent=reply_to)
    reactions, my_reaction = [], None
    if getattr(page, "shows_reactions", True):
        reactions, my_reaction = reactions_for(page, user)
    return Conversation(
        page=page,
        roots=roots,
        count=count,
        earlier=window.earlier,
        form=form,
        reply_to=reply_to,
        can_comment=allowed,
        is_open=comments_open(page),
        can_moderate=moderator,
        reactions=reactions,
        my_reaction=my_reaction,
        known_usernames=mentioned_on(page, comments),
        window=window,
        people=speakers(comments),
    )


def speakers(comments) -> list:
    """The distinct people whose comments are shown, from the comments already
    loaded with their authors: no query of its own."""
    seen = {}
    for comment in sorted(comments, key=lambda c: c.submit_date):
        if comment.user is not None and comment.is_public and not comment.is_removed:
            seen.setdefault(comment.user_id, comment.user)
    return list(seen.values())


def mentioned_on(page, comments) -> frozenset[str]:
    """The active people mentioned in the page's comments (the answer of a thread
    among them) and in its own plain text (a thread's body, written like a comment),
    resolved in one query."""
    texts = [c.comment for c in comments if not c.is_removed]
    body = getattr(page, "body", None)
    if isinstance(body, str):
        texts.append(body)
    return mentions.known_usernames(texts)
