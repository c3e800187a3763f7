"""Polls: who may see one, voting, and what the results show."""

import base64
import re
import secrets
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, ReferenceIndex

from intranet import audience, roles

from .models import (
    Ballot,
    BallotChoice,
    DiscussionThreadPage,
    Poll,
    PollParticipation,
    ResultsShown,
)


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


RECEIPT_COOKIE = "intranet_ballot_receipt"


def receipt_lifetime(poll) -> int:
    """Seconds a browser keeps a receipt: until the poll closes, or a year."""
    if poll.closes_at is None:
        return 365 * 24 * 3600
    return max(0, int((poll.closes_at - timezone.now()).total_seconds()))


def new_receipt() -> str:
    """128 random bits, written in groups of letters and digits that are easy to copy."""
    text = base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_receipt(receipt: str) -> str:
    """A receipt as typed, whatever its case, spaces or dashes, in its shown form."""
    text = re.sub(r"[^A-Z2-7]", "", receipt.upper())
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


@dataclass
class VoteResult:
    ballot: Ballot
    changed: bool
    receipt: str | None = None  # a secret poll's new receipt, to show once


def vote(poll, user, option_ids: list[int], receipt: str = "") -> VoteResult:
    """Record ``user``'s choices while the poll is open.

    That the person voted (a participation, unique per person and poll) and what they
    chose (the ballot) are written in one transaction. A second vote changes the
    ballot: on an open poll the person's own, on a secret poll only the one whose
    receipt they give, since nothing else leads from a person to a secret ballot.
    A burst of simultaneous votes leaves one participation and one ballot.
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
        try:
            with transaction.atomic():
                PollParticipation.objects.create(poll=poll, user=user)
        except IntegrityError:
            ballot = _ballot_to_change(poll, user, receipt)
            ballot.choices.set(options)
            return VoteResult(ballot=ballot, changed=True)
        issued = None
        if poll.secret:
            issued = new_receipt()
            ballot = Ballot.objects.create(
                poll=poll, receipt_hash=Ballot.hash_receipt(issued)
            )
        else:
            ballot = Ballot.objects.create(poll=poll, voter=user)
        ballot.choices.set(options)
    return VoteResult(ballot=ballot, changed=False, receipt=issued)


def _ballot_to_change(poll, user, receipt: str) -> Ballot:
    if not poll.secret:
        ballot = (
            Ballot.objects.select_for_update().filter(poll=poll, voter=user).first()
        )
        return ballot or Ballot.objects.create(poll=poll, voter=user)
    if not receipt.strip():
        raise VoteRefused(
            _(
                "You have already voted. A secret vote can be changed only with the "
                "receipt you were shown when you voted; without it, it stays as it is."
            )
        )
    ballot = (
        Ballot.objects.select_for_update()
        .filter(poll=poll, receipt_hash=Ballot.hash_receipt(normalise_receipt(receipt)))
        .first()
    )
    if ballot is None:
        raise VoteRefused(
            _(
                "That receipt is not one of this poll's. Check it against the one you "
                "were shown when you voted; your vote stays as it is."
            )
        )
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
    has_voted = False
    if user.is_authenticated:
        has_voted = poll.participations.filter(user=user).exists()
        if has_voted and not poll.secret:
            mine = set(
                BallotChoice.objects.filter(
                    ballot__poll=poll, ballot__voter=user
                ).values_list("option_id", flat=True)
            )
    names = {}
    if not poll.secret:
        for ballot in poll.ballots.select_related(
            "voter__intranet_profile"
        ).prefetch_related("choices"):
            for choice in ballot.choices.all():
                if ballot.voter is not None:
                    names.setdefault(choice.pk, []).append(ballot.voter)
    closed = poll.is_closed
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
