"""Everything a page's conversation shows, gathered in a fixed number of queries.

A thread of 200 comments costs what a thread of 2 does: one query for the comments
and their authors, one for like counts, one for the reader's own likes, one for the
page's reactions, (for moderators) one for open reports, and one for the people the
comments and the page's own text mention, however many mentions there are.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

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


def comment_link(page, comment) -> str:
    """A link to one comment that always finds it, however long the conversation."""
    return f"{page.url}?comments=all#{comment.anchor}"


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
    try:
        return int(request.GET.get("reply_to", ""))
    except ValueError:
        return None


def new_comment_form(parent: int | None = None) -> CommentForm:
    return CommentForm(initial={"token": uuid.uuid4(), "parent": parent})


def reactions_for(page, user) -> tuple[list[ReactionSummary], str | None]:
    rows = list(PageReaction.objects.filter(page_id=page.pk).select_related("user"))
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
    comments = list(thread.thread_order())
    likes, mine, reports = {}, set(), {}
    if comments:  # nothing to count under a conversation not yet started
        likes = dict(
            CommentLike.objects.filter(comment__in=thread.values("pk"))
            .values_list("comment_id")
            .annotate(n=Count("id"))
        )
        mine = set(
            CommentLike.objects.filter(
                comment__in=thread.values("pk"), user=user
            ).values_list("comment_id", flat=True)
        )
    moderator = can_moderate(user)
    if moderator and comments:
        reports = dict(
            CommentReport.objects.filter(
                comment__in=thread.values("pk"), status=CommentReport.Status.OPEN
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
    # A long conversation shows its latest threads; the earlier ones are a link away.
    earlier = 0
    if request.GET.get("comments") != "all" and len(roots) > SHOWN_THREADS:
        cut = len(roots) - SHOWN_THREADS
        earlier = sum(
            1 for c in comments if c.thread_id in {n.comment.pk for n in roots[:cut]}
        )
        roots = roots[cut:]
    reply_to = _reply_target(request)
    if reply_to not in nodes:
        reply_to = None
    allowed = can_comment(user, page)
    if form is None and allowed:
        form = new_comment_form(parent=reply_to)
    elif form is not None and form.data.get("parent"):
        reply_to = _int_or_none(form.data.get("parent"))
    reactions, my_reaction = [], None
    if getattr(page, "shows_reactions", True):
        reactions, my_reaction = reactions_for(page, user)
    return Conversation(
        page=page,
        roots=roots,
        count=sum(1 for c in comments if c.is_public and not c.is_removed),
        earlier=earlier,
        form=form,
        reply_to=reply_to,
        can_comment=allowed,
        is_open=comments_open(page),
        can_moderate=moderator,
        reactions=reactions,
        my_reaction=my_reaction,
        known_usernames=mentioned_on(page, comments),
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


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
