"""A page's reach: "seen by N of M colleagues", by department, with what came of it.

Only the page's own people see it (its authors, the leader whose update it is, the
guideline's owner: ``reach_owner_ids()`` on the page), the intranet's editors and
superusers. Like the engagement report, it is made of aggregates only, with small
departments folded into "Other".
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from intranet import audience, charts, roles
from intranet.models import PageRead

from . import engagement, sharing
from .models import Comment, PageReaction
from .translations import conversation_page, i18n_enabled


def may_see_reach_of_pages(user, page) -> bool:
    """The cheap part of ``can_see_reach``, with no query per page: for the buttons
    of a page listing. The reach view itself asks ``can_see_reach``."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or roles.is_editor(user) or page.owner_id == user.pk


def can_see_reach(user, page) -> bool:
    """Editors, superusers and the page's own people (``reach_owner_ids()``), as
    long as they may see the page itself."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not (user.is_superuser or roles.is_editor(user)):
        owners = getattr(page.specific, "reach_owner_ids", None)
        if owners is None or user.pk not in owners():
            return False
    return user.is_superuser or audience.can_view(user, page)


@dataclass
class Reach:
    seen_by: int
    audience: int
    not_counted: int
    took_part: int
    comments: int
    reactions: int
    shares: int
    ambassadors: int
    visits: int
    measures: list
    departments: list

    hidden: bool = False  # too few colleagues to show any reading figure

    @property
    def counted(self) -> int:
        """The colleagues whose reading is counted: the M of "seen by N of M"."""
        return self.audience - self.not_counted

    @property
    def percent(self) -> float | None:
        if self.hidden or not self.counted:
            return None
        return round(100 * self.seen_by / self.counted, 1)


def _reads_of(page):
    """The reading of ``page`` in any of its versions: a colleague who read the
    translation has read the page."""
    if i18n_enabled():
        return PageRead.objects.filter(page__translation_key=page.translation_key)
    return PageRead.objects.filter(page_id=page.pk)


def measures_for(page) -> list[tuple]:
    comments = Comment.objects.counted().for_page(page)
    talk = conversation_page(page)
    return [
        (
            engagement.Measure(
                key="read",
                label=_("Opened it"),
                lag_label=_("reading"),
                condition=None,
                of_reading=True,
            ),
            Exists(_reads_of(page).filter(user=OuterRef("pk"))),
        ),
        (
            engagement.Measure(
                key="took_part",
                label=_("Reacted or commented"),
                lag_label=_("taking part"),
                condition=None,
            ),
            Exists(comments.filter(user=OuterRef("pk")))
            | Exists(PageReaction.objects.filter(page_id=talk.pk, user=OuterRef("pk"))),
        ),
    ]


def reach_of(page) -> Reach:
    """Among the colleagues who may see the page, its own people left out. A fixed
    number of queries: the page's restrictions, the colleagues grouped by
    department, the comments, the reactions, and the shares and visits back."""
    conditions = measures_for(page)
    measures = [m for m, _condition in conditions]
    owners = getattr(page.specific, "reach_owner_ids", set)()
    # The page's own people are not its audience: an author reading their post
    # again is no colleague reached.
    colleagues = audience.audience_of(page).exclude(pk__in=owners)
    rows = list(engagement.counted_rows(colleagues, conditions))
    overall = engagement.everyone(rows, measures)
    departments = engagement.grouped(rows, "department", measures)
    engagement.mark_lags(departments, overall, measures)
    stats = sharing.stats_for(page)
    return Reach(
        seen_by=overall.counts.get("read", 0),
        audience=overall.people,
        not_counted=overall.not_counted,
        took_part=overall.counts.get("took_part", 0),
        comments=Comment.objects.counted().for_page(page).count(),
        reactions=PageReaction.objects.filter(
            page_id=conversation_page(page).pk
        ).count(),
        shares=stats.shares,
        ambassadors=stats.ambassadors,
        visits=stats.visits,
        measures=measures,
        departments=departments,
        hidden=overall.hidden,
    )


def department_chart(figures: Reach):
    """Who opened the page, as a share of each department."""
    read = figures.measures[0]
    return charts.bar_chart(
        _("Opened it, by department"),
        [
            charts.Bar(
                label=str(group.name),
                value=group.percent(read),
                note=_("fewer than %(n)s people: not shown")
                % {"n": engagement.min_group_size()}
                if group.hidden
                else "",
                highlight=bool(group.lags),
            )
            for group in figures.departments
        ],
        reference=figures.percent,
        reference_label=_("everyone: %(percent)s%%")
        % {"percent": number_format(figures.percent)},
        label_heading=_("Department"),
        value_heading=_("Opened it"),
    )
