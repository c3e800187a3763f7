"""Polls: who may see one, voting, and what the results show."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from intranet import audience, roles

from .models import Ballot, DiscussionThreadPage, Poll, ResultsShown


class VoteRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def pages_showing(poll) -> list:
    """The pages a poll appears on: its thread, or the posts that embed it."""
    if poll.thread_id:
        return [poll.thread]
    page_ids = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(Poll),
        to_object_id=str(poll.pk),
    ).values_list("object_id", flat=True)
    return list(Page.objects.filter(pk__in=[int(pk) for pk in page_ids]).specific())


def can_see(user, poll) -> bool:
    """A person may see a poll when they may see a live page it appears on."""
    for page in pages_showing(poll):
        if not audience.can_view(user, page):
            continue
        if isinstance(page, DiscussionThreadPage) and page.is_hidden:
            if not (page.owner_id == user.pk or roles.is_moderator(user)):
                continue
        return True
    return False


def vote(poll, user, option_ids: list[int]) -> Ballot:
    """Record ``user``'s choices, replacing an earlier vote while the poll is open.

    One ballot per person and poll is a database constraint; the ballot row is locked
    while its choices change, so a burst of simultaneous votes leaves exactly one.
    """
    if not can_see(user, poll):
        raise PermissionDenied
    if poll.is_closed:
        raise VoteRefused(_("This poll has closed."))
    wanted = set(option_ids)
    options = list(poll.options.filter(pk__in=wanted))
    if not wanted or len(options) != len(wanted):
        raise VoteRefused(_("Choose from this poll's options."))
    if len(options) > poll.max_choices:
        raise VoteRefused(_("Choose up to %(n)d options.") % {"n": poll.max_choices})
    with transaction.atomic():
        ballot, _created = Ballot.objects.get_or_create(
            poll=poll,
            voter_key=poll.voter_key(user),
            defaults={"voter": None if poll.secret else user},
        )
        ballot = Ballot.objects.select_for_update().get(pk=ballot.pk)
        ballot.choices.set(options)
        ballot.updated_at = timezone.now()
        ballot.save(update_fields=["updated_at"])
    return ballot


@dataclass
class OptionResult:
    option: object
    votes: int
    percent: int
    chosen: bool
    voters: list


@dataclass
class PollView:
    poll: Poll
    options: list[OptionResult]
    voters: int
    has_voted: bool
    can_vote: bool
    show_results: bool
    is_closed: bool
    multiple: bool


def poll_context(poll, user) -> PollView:
    """What one person sees of a poll, in a fixed number of queries."""
    options = list(
        poll.options.annotate(votes=Count("ballots")).order_by("sort_order", "pk")
    )
    voters = poll.ballots.count()
    mine = set()
    if user.is_authenticated:
        ballot = Ballot.objects.filter(
            poll=poll, voter_key=poll.voter_key(user)
        ).first()
        if ballot is not None:
            mine = set(ballot.choices.values_list("pk", flat=True))
    names = {}
    if not poll.secret:
        for ballot in poll.ballots.select_related(
            "voter__intranet_profile"
        ).prefetch_related("choices"):
            for choice in ballot.choices.all():
                if ballot.voter is not None:
                    names.setdefault(choice.pk, []).append(ballot.voter)
    closed = poll.is_closed
    has_voted = bool(mine)
    show = (
        poll.results_shown == ResultsShown.ALWAYS
        or (poll.results_shown == ResultsShown.AFTER_VOTING and (has_voted or closed))
        or (poll.results_shown == ResultsShown.AFTER_CLOSING and closed)
    )
    return PollView(
        poll=poll,
        options=[
            OptionResult(
                option=o,
                votes=o.votes,
                percent=round(100 * o.votes / voters) if voters else 0,
                chosen=o.pk in mine,
                voters=names.get(o.pk, []),
            )
            for o in options
        ],
        voters=voters,
        has_voted=has_voted,
        can_vote=user.is_authenticated and not closed,
        show_results=show,
        is_closed=closed,
        multiple=poll.max_choices > 1,
    )
