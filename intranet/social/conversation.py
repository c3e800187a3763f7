"""Everything a page's conversation shows, gathered in a fixed number of queries.

A long conversation is shown a window at a time: the latest 25 threads, or the 25
before a given thread (``?before=<thread id>``), each window linking to the earlier
and later ones. A link to a comment leads to the window that holds its thread.

Only the window is read: 5,000 comments cost what none do. One query for the
window's comments with their authors, like counts, the reader's own likes and (for
moderators) open reports; one that counts the page's comments and those before and
after the window; one for the page's reactions; and one for the people the comments
and the page's own text mention, however many mentions there are. An older window
adds one query for the address of the next one, a reply's window one that finds
it; ``?comments=all`` reads the latest ``ALL_THREADS`` threads, in the same
queries.
"""

import uuid
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

from intranet.ids import parse_id

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
from .translations import conversation_page, version_query, version_url


@dataclass
class Node:
    """One comment as the conversation shows it, with what the template needs of
    it worked out once: its anchor, whether it is the reader's own, its author's
    name and profile, and the addresses of its actions."""

    comment: Comment
    likes: int = 0
    liked: bool = False
    open_reports: int = 0
    editable: bool = False
    children: list["Node"] = field(default_factory=list)
    anchor: str = ""
    mine: bool = False
    author_name: str = ""
    author_url: str = ""
    urls: dict[str, str] = field(default_factory=dict)


# A stand-in for a comment's id or an author's username in an address reversed once
# per page; each comment's address is that one with its own id or name in its place.
STAND_IN_ID = 9_876_543_210
STAND_IN_NAME = "stand-in-username"
COMMENT_ACTIONS = ("like", "edit", "delete", "report", "hide", "restore")


class Addresses:
    """The address of each comment action (``intranet:social:comment-<action>``)
    and of each author's profile, reversed once per conversation rather than once
    per comment: the same strings ``reverse()`` gives, for any script prefix."""

    def __init__(self):
        self.actions = {
            action: self._split(
                reverse(f"intranet:social:comment-{action}", args=[STAND_IN_ID]),
                str(STAND_IN_ID),
            )
            for action in COMMENT_ACTIONS
        }
        self.profile = self._split(
            reverse("intranet:people:profile", args=[STAND_IN_NAME]), STAND_IN_NAME
        )

    @staticmethod
    def _split(address: str, stand_in: str) -> tuple[str, str]:
        head, tail = address.split(stand_in)  # it stands once in each address
        return head, tail

    def for_comment(self, pk: int) -> dict[str, str]:
        return {
            action: f"{head}{pk}{tail}" for action, (head, tail) in self.actions.items()
        }

    def for_profile(self, username: str) -> str:
        # Quoted as reverse() quotes what it puts in an address.
        head, tail = self.profile
        return f"{head}{quote(username, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"


@dataclass
class ReactionSummary:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool
    people: list


SHOWN_THREADS = 25
# "Show every comment" shows at most this many of the latest threads, with a link to
# the earlier ones, so that no request renders a conversation of any length at once.
ALL_THREADS = 20 * SHOWN_THREADS


@dataclass(frozen=True)
class Window:
    """The threads shown at once, and how to reach the ones around them.

    ``threads`` are thread ids, oldest first. ``earlier`` and ``later`` count the
    comments before and after the window, ``earlier_threads`` the threads before it.
    ``earlier_url`` and ``later_url`` are query strings ("" for the latest window),
    or None when there is nothing there.
    """

    threads: list[int]
    earlier: int = 0
    later: int = 0
    earlier_threads: int = 0
    earlier_url: str | None = None
    later_url: str | None = None


def _query(page, before: int | None) -> str:
    """The query string of a window: the version shown (see
    ``translations.version_query``) and the thread it comes before."""
    parts = [version_query(page), f"before={before}" if before is not None else ""]
    query = "&".join(part for part in parts if part)
    return f"?{query}" if query else ""


def _thread_starts(page):
    """The first comment of each of the page's threads: one row per thread."""
    return Comment.objects.for_page(page).filter(level=0)


def window_before(page, thread_id: int) -> int | None:
    """The ``before`` that addresses the window holding ``thread_id``, counting
    windows of SHOWN_THREADS back from the latest thread; None for the latest one.

    Windows are counted back from the latest thread, so the window's ``before`` is
    the newer thread that follows the ``n % SHOWN_THREADS`` newer threads nearest
    to ``thread_id`` (n newer threads in all), and there is none when n is less
    than SHOWN_THREADS: one query, numbering and counting the newer threads in the
    database, however long the conversation."""
    newer = (
        _thread_starts(page)
        .filter(thread_id__gt=thread_id)
        .annotate(
            position=models.Window(RowNumber(), order_by=F("thread_id").asc()),
            newer=models.Window(Count("pk")),
        )
    )
    return (
        newer.filter(position=F("newer") % SHOWN_THREADS + 1)
        .values_list("thread_id", flat=True)
        .first()
    )


def comment_link(page, comment) -> str:
    """A link to one comment that finds it in the window that holds its thread,
    however long the conversation, in one query."""
    query = _query(page, window_before(page, comment.thread_id))
    return f"{page.url}{query}#{comment.anchor}"


def _shown_threads(page, request, reply_thread: int | None):
    """The thread ids a request asks to see, as a subquery (None for all of them):
    the window holding the thread of a reply, all threads (``?comments=all``), the
    threads before a thread id (``?before=``), or the latest ones. Also the
    ``before`` asked for, which bounds the window when it holds no thread."""
    if reply_thread is not None:
        before = window_before(page, reply_thread)
    elif request.GET.get("comments") == "all":
        latest = _thread_starts(page).order_by("-thread_id").values("thread_id")
        return latest[:ALL_THREADS], None
    else:
        before = parse_id(request.GET.get("before"))
    starts = _thread_starts(page)
    if before is not None:
        starts = starts.filter(thread_id__lt=before)
    ids = starts.order_by("-thread_id").values("thread_id")[:SHOWN_THREADS]
    return ids, before


def _window_around(page, shown: list[int], before: int | None) -> tuple[Window, int]:
    """The window of the ``shown`` threads (oldest first), and the number of
    comments that count on the whole page: what lies before and after the window
    is counted in the same single query, never loaded."""
    sides = {}
    if shown:
        sides = {
            "earlier": Q(thread_id__lt=shown[0]),
            "later": Q(thread_id__gt=shown[-1]),
        }
    elif before is not None:
        # No thread before ``before``: everything there is lies after it.
        sides = {"later": Q(thread_id__gte=before)}
    counts = {side: Count("pk", filter=where) for side, where in sides.items()}
    if "earlier" in sides:
        counts["earlier_threads"] = Count("pk", filter=sides["earlier"] & Q(level=0))
    totals = {"earlier": 0, "earlier_threads": 0, "later": 0}
    totals |= Comment.objects.for_page(page).aggregate(
        count=Count("pk", filter=Q(is_public=True, is_removed=False)), **counts
    )
    later_url = None
    if totals["later"]:
        after = _thread_starts(page).filter(sides["later"]).order_by("thread_id")
        next_before = after.values_list("thread_id", flat=True)[SHOWN_THREADS:].first()
        later_url = _query(page, next_before)
    window = Window(
        threads=shown,
        earlier=totals["earlier"],
        later=totals["later"],
        earlier_threads=totals["earlier_threads"],
        earlier_url=_query(page, shown[0]) if totals["earlier"] else None,
        later_url=later_url,
    )
    return window, totals["count"]


def _count_per_comment(model, **filters):
    rows = (
        model.objects.filter(comment=OuterRef("pk"), **filters)
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


def _window_comments(page, ids, user, moderator: bool) -> list[Comment]:
    """The comments of the threads shown (every thread when ``ids`` is None), in
    thread order, with their authors, their likes, whether the reader liked each,
    and for moderators their open reports: one query."""
    comments = Comment.objects.for_page(page)
    if ids is not None:
        comments = comments.filter(thread_id__in=ids)
    comments = comments.thread_order().annotate(
        like_count=_count_per_comment(CommentLike),
        liked=Exists(CommentLike.objects.filter(comment=OuterRef("pk"), user=user)),
    )
    if moderator:
        comments = comments.annotate(
            open_report_count=_count_per_comment(
                CommentReport, status=CommentReport.Status.OPEN
            )
        )
    return list(comments)


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
    # The address of the version shown, where the forms send the reader back.
    page_url: str = ""

    SHOWN_PEOPLE = 8

    @property
    def query_start(self) -> str:
        """How a link's query string on this page begins: "?", or "?lang=fi&" on a
        version that is not in the default language, so it stays on that version."""
        version = version_query(self.page)
        return f"?{version}&" if version else "?"

    @property
    def people_shown(self) -> list:
        return self.people[: self.SHOWN_PEOPLE]

    @property
    def people_more(self) -> int:
        return max(len(self.people) - self.SHOWN_PEOPLE, 0)


def _reply_target(request) -> int | None:
    return parse_id(request.GET.get("reply_to"))


def new_comment_form(parent: int | None = None) -> CommentForm:
    return CommentForm(initial={"token": uuid.uuid4(), "parent": parent})


def reactions_for(page, user) -> tuple[list[ReactionSummary], str | None]:
    """The reactions to ``page``'s conversation, whichever version it is."""
    rows = list(
        PageReaction.objects.filter(page_id=conversation_page(page).pk).select_related(
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
    # A reply (asked for, or sent back with an error) opens the window of its thread.
    if form is not None and form.data.get("parent"):
        reply_to = parse_id(form.data.get("parent"))
    else:
        reply_to = _reply_target(request)
    reply_thread = None
    if reply_to is not None:
        reply_thread = (
            Comment.objects.for_page(page)
            .filter(pk=reply_to)
            .values_list("thread_id", flat=True)
            .first()
        )
    moderator = can_moderate(user)
    ids, before = _shown_threads(page, request, reply_thread)
    comments = _window_comments(page, ids, user, moderator)
    shown = list(dict.fromkeys(c.thread_id for c in comments))
    window, count = _window_around(page, shown, before if ids is not None else None)
    addresses = Addresses() if comments else None
    nodes = {c.pk: _node(c, user, addresses) for c in comments}
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
        page_url=version_url(page),
    )


def _node(comment, user, addresses: Addresses) -> Node:
    # Loaded with the comment; a missing profile shows as the template showed it.
    profile = getattr(comment.user, "intranet_profile", None)
    return Node(
        comment=comment,
        likes=comment.like_count,
        liked=comment.liked,
        open_reports=getattr(comment, "open_report_count", 0),
        editable=can_edit(user, comment),
        anchor=comment.anchor,
        mine=comment.user_id == user.pk,
        author_name=profile.name if profile else "",
        author_url=addresses.for_profile(profile.username) if profile else "",
        urls=addresses.for_comment(comment.pk),
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
