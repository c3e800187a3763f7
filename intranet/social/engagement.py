"""How the intranet's message reaches staff, in aggregates only.

A *measure* is something a member of staff did or holds: read a page in the period,
reacted or commented, acknowledged the must-read guidelines, passed the training,
shared a public post. The conversation's measures are here; other apps add theirs
through Wagtail's hook registry::

    @hooks.register("intranet_engagement_measures")
    def guideline_measures():
        return [Measure(key="acknowledged", label=..., lag_label=..., condition=...)]

Figures are counted by the database, grouped by department and location in one
query, and folded so that no group smaller than ``INTRANET["MIN_GROUP_SIZE"]``
(five) is ever shown: small groups join "Other", and an "Other" still too small is
shown without figures. Nothing here says what one named person did.
"""

import datetime
import statistics
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf, Trim, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from intranet.conf import intranet_setting
from intranet.models import PageRead
from intranet.reading import week_of

from .models import Comment, CommentLike, PageReaction, ShareClick
from .translations import conversation_pk, is_original

HOOK = "intranet_engagement_measures"
OTHER = _("Other")
NOT_GIVEN = _("Not given")
LAG_POINTS = 10  # a group lags on a measure this many points under everyone


@dataclass(frozen=True)
class Period:
    """From the start of ``start`` to the end of ``end``, in local days."""

    start: datetime.date
    end: datetime.date

    @property
    def since(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.start, datetime.time.min)
        )

    @property
    def until(self) -> datetime.datetime:
        day_after = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(
            datetime.datetime.combine(day_after, datetime.time.min)
        )

    @property
    def weeks(self) -> list[datetime.date]:
        week, last = week_of(self.since), week_of(self.until - datetime.timedelta(1))
        weeks = []
        while week <= last:
            weeks.append(week)
            week += datetime.timedelta(days=7)
        return weeks

    @classmethod
    def last_days(cls, days: int, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=days - 1), today)


@dataclass
class Measure:
    """``condition(period)`` is a boolean expression on a queryset of users (rows
    are people, ``OuterRef("pk")`` is the person); ``weekly(period)``, if given,
    counts the people who did it in each week. ``of_reading`` measures leave out
    the people who turned counting off."""

    key: str
    label: str
    lag_label: str
    condition: Callable[[Period], object]
    weekly: Callable[[Period], dict[datetime.date, int]] | None = None
    in_period: bool = True
    of_reading: bool = False


def _read(period: Period):
    return Exists(
        PageRead.objects.filter(
            user=OuterRef("pk"),
            week__gte=week_of(period.since),
            week__lte=period.end,
            last_seen__gte=period.since,
            first_seen__lt=period.until,
        )
    )


class WeeksSince(Func):
    """Whole weeks from the Monday ``start`` to the Monday in ``week``."""

    output_field = IntegerField()

    def __init__(self, week, start: datetime.date):
        super().__init__(week, Value(start, output_field=DateField()))

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((%(expressions)s) / 7)", arg_joiner=" - "
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST((julianday(%(expressions)s)) / 7 AS INTEGER)",
            arg_joiner=") - julianday(",
        )


WEEKS_PER_MASK = 62  # week bits in one signed 64-bit integer, with room to spare


class AnyBits(Aggregate):
    """The OR of integers that are each a single bit: ``BIT_OR``, or on SQLite,
    which has no such aggregate, the sum of the distinct bits, which is the same."""

    function = "BIT_OR"
    name = "AnyBits"
    output_field = BigIntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        distinct = self.copy()
        distinct.distinct = True
        return distinct.as_sql(compiler, connection, function="SUM", **extra)


def _week_mask(weeks: list[datetime.date]):
    """Per person, which of ``weeks`` (at most ``WEEKS_PER_MASK`` Mondays in a row)
    they read in, as the bits of one integer."""
    bit = Cast(Value(1), BigIntegerField()).bitleftshift(
        WeeksSince(F("week"), weeks[0])
    )
    return AnyBits(bit, filter=Q(week__gte=weeks[0], week__lte=weeks[-1]))


def _read_weekly(period: Period) -> dict[datetime.date, int]:
    """The people who read in each week of ``period``. Counting distinct people
    week by week would sort or hash every (week, person) pair, half a million in a
    year of a large organisation; instead the database folds each person's records
    into one integer whose bits are their weeks, then sums each bit over people."""
    weeks = period.weeks
    if not weeks:
        return {}
    chunks = range(0, len(weeks), WEEKS_PER_MASK)
    people = (
        PageRead.objects.filter(
            week__gte=weeks[0],
            week__lte=period.end,
            last_seen__gte=period.since,
            first_seen__lt=period.until,
            user__is_active=True,
            user__intranet_profile__counts_reading=True,
        )
        .order_by()
        .values("user_id")
        .annotate(
            **{f"mask{c}": _week_mask(weeks[c : c + WEEKS_PER_MASK]) for c in chunks}
        )
    )
    counts = people.aggregate(
        **{
            f"week{i}": Sum(
                F(f"mask{i - i % WEEKS_PER_MASK}")
                .bitrightshift(i % WEEKS_PER_MASK)
                .bitand(1)
            )
            for i in range(len(weeks))
        }
    )
    return {week: counts[f"week{i}"] or 0 for i, week in enumerate(weeks)}


def _took_part_sources(period: Period):
    comments = Comment.objects.counted().filter(
        submit_date__gte=period.since, submit_date__lt=period.until
    )
    reactions = PageReaction.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    )
    likes = CommentLike.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    )
    return [(comments, "submit_date"), (reactions, "created_at"), (likes, "created_at")]


def _took_part(period: Period):
    condition = None
    for queryset, _moment in _took_part_sources(period):
        exists = Exists(queryset.filter(user=OuterRef("pk")))
        condition = exists if condition is None else condition | exists
    return condition


def _took_part_weekly(period: Period) -> dict[datetime.date, int]:
    """A person counts once a week however they took part: one query, the union of
    the weeks and people of comments, reactions and likes."""
    weeks_and_people = [
        queryset.filter(user__is_active=True)
        .annotate(week=TruncWeek(moment))
        .order_by()
        .values_list("week", "user_id")
        for queryset, moment in _took_part_sources(period)
    ]
    people = defaultdict(set)
    for week, user_id in weeks_and_people[0].union(*weeks_and_people[1:]):
        people[week_of(week) if isinstance(week, datetime.datetime) else week].add(
            user_id
        )
    return {week: len(ids) for week, ids in people.items()}


def _shared(period: Period):
    return Exists(
        ShareClick.objects.filter(
            user=OuterRef("pk"),
            created_at__gte=period.since,
            created_at__lt=period.until,
        )
    )


def conversation_measures() -> list[Measure]:
    return [
        Measure(
            key="read",
            label=_("Read something"),
            lag_label=_("reading"),
            condition=_read,
            weekly=_read_weekly,
            of_reading=True,
        ),
        Measure(
            key="took_part",
            label=_("Reacted or commented"),
            lag_label=_("taking part"),
            condition=_took_part,
            weekly=_took_part_weekly,
        ),
        Measure(
            key="shared",
            label=_("Shared a public post"),
            lag_label=_("sharing"),
            condition=_shared,
        ),
    ]


def all_measures() -> list[Measure]:
    measures = conversation_measures()
    for hook in hooks.get_hooks(HOOK):
        measures.extend(hook())
    return measures


# Groups ---------------------------------------------------------------------------


@dataclass
class Group:
    """One department or location (or "Other", or everyone), with its counts."""

    name: str
    people: int = 0
    not_counted: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    shares: int = 0
    ambassadors: int = 0
    folded: int = 0  # how many groups were folded into this one ("Other")
    hidden: bool = False  # too few people to show figures for
    members: list[str] = field(default_factory=list)  # the groups it is made of
    lags: list[tuple[Measure, float, float]] = field(default_factory=list)
    cell_list: list[dict] = field(default_factory=list)  # ``cells()``, for templates

    @property
    def size(self) -> int:
        """The people every figure of the group is about: those whose reading is
        counted (the others are in no reading figure)."""
        return self.people - self.not_counted

    def add(self, other: "Group") -> None:
        self.members += other.members
        self.people += other.people
        self.not_counted += other.not_counted
        self.shares += other.shares
        self.ambassadors += other.ambassadors
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n

    def base(self, measure: Measure) -> int:
        return self.people - self.not_counted if measure.of_reading else self.people

    def percent(self, measure: Measure) -> float | None:
        base = self.base(measure)
        if self.hidden or not base:
            return None
        return round(100 * self.counts.get(measure.key, 0) / base, 1)

    def cells(self, measures: list[Measure]) -> list[dict]:
        return [
            {
                "measure": m,
                "count": None if self.hidden else self.counts.get(m.key, 0),
                "percent": self.percent(m),
                "lags": any(lag[0].key == m.key for lag in self.lags),
            }
            for m in measures
        ]


def min_group_size() -> int:
    return intranet_setting("MIN_GROUP_SIZE")


def fold(groups: list[Group], minimum: int | None = None) -> list[Group]:
    """Groups of at least ``minimum`` counted people by name, then "Other" with the
    rest. Were "Other" still smaller than ``minimum``, everyone's figures less the
    named groups' would give its few people away: so the smallest named groups
    join it until it is not, and when all together are too few, nothing is shown.
    """
    minimum = min_group_size() if minimum is None else minimum
    kept = sorted(
        (g for g in groups if g.size >= minimum), key=lambda g: (g.size, str(g.name))
    )
    small = [g for g in groups if g.size < minimum]
    if not small:
        return sorted(kept, key=lambda g: str(g.name))
    other = Group(name=OTHER)
    for group in small:
        other.add(group)
    while other.size < minimum and kept:
        other.add(kept.pop(0))
    other.folded = len(set(other.members))
    other.hidden = other.size < minimum
    return [*sorted(kept, key=lambda g: str(g.name)), other]


def _profile_text_of(path: str):
    return Coalesce(NullIf(Trim(F(path)), Value("")), Value(""))


def _profile_text(name: str):
    return _profile_text_of(f"intranet_profile__{name}")


def staff():
    return get_user_model().objects.filter(is_active=True)


def applicable(measures: list[Measure], period: Period) -> list[tuple]:
    """Each measure with its condition for ``period``, leaving out those that do not
    apply (a condition of None: no must-read guideline to acknowledge)."""
    return [(m, c) for m in measures if (c := m.condition(period)) is not None]


def counted_rows(people, measures: list[tuple]):
    """Rows of (department, location) with how many people of ``people`` are in
    each and how many of them meet each measure (pairs from ``applicable()``): one
    query, grouped in the database."""
    flags = {
        f"m_{m.key}": ExpressionWrapper(condition, output_field=BooleanField())
        for m, condition in measures
    }
    aggregates = {
        "people": Count("pk"),
        "not_counted": Count("pk", filter=Q(intranet_profile__counts_reading=False)),
        **{
            f"n_{m.key}": Count(
                "pk",
                filter=Q(**{f"m_{m.key}": True})
                & (Q(intranet_profile__counts_reading=True) if m.of_reading else Q()),
            )
            for m, _condition in measures
        },
    }
    return (
        people.annotate(
            department=_profile_text("department"),
            location=_profile_text("location"),
            **flags,
        )
        .order_by()
        .values("department", "location")
        .annotate(**aggregates)
    )


def _group(name, row, measures) -> Group:
    return Group(
        name=name or NOT_GIVEN,
        members=[name],
        people=row["people"],
        not_counted=row["not_counted"],
        counts={m.key: row[f"n_{m.key}"] for m in measures},
        shares=row.get("shares", 0) or 0,
        ambassadors=row.get("ambassadors", 0) or 0,
    )


def grouped(rows: list[dict], by: str, measures: list[Measure]) -> list[Group]:
    groups: dict[str, Group] = {}
    for row in rows:
        group = _group(row[by], row, measures)
        if row[by] in groups:
            groups[row[by]].add(group)
        else:
            groups[row[by]] = group
    return fold(list(groups.values()))


def everyone(rows: list[dict], measures: list[Measure]) -> Group:
    total = Group(name=_("Everyone"))
    for row in rows:
        total.add(_group("", row, measures))
    total.hidden = total.size < min_group_size()
    total.cell_list = total.cells(measures)
    return total


def mark_lags(
    groups: list[Group], overall: Group, measures: list[Measure]
) -> list[Group]:
    """Note on each group the measures it lags on (and its cells for the tables),
    and return the weakest groups: those that lag on something, the lowest
    average first (at most three)."""
    for group in groups:
        group.lags = []
        for measure in measures if not group.hidden else []:
            mine, theirs = group.percent(measure), overall.percent(measure)
            if mine is not None and theirs is not None and mine <= theirs - LAG_POINTS:
                group.lags.append((measure, mine, theirs))
        group.cell_list = group.cells(measures)

    def average(group):
        values = [v for m in measures if (v := group.percent(m)) is not None]
        return sum(values) / len(values) if values else 100

    lagging = [g for g in groups if g.lags]
    return sorted(lagging, key=average)[:3]


# The report -----------------------------------------------------------------------


@dataclass
class Report:
    period: Period
    measures: list[Measure]
    overall: Group
    departments: list[Group]
    locations: list[Group]
    weakest: list[Group]
    weeks: list[datetime.date]
    weekly: dict[str, list[float | None]]

    @property
    def standing_measures(self) -> list[Measure]:
        """Measures of how things stand today, not of what happened in the period."""
        return [m for m in self.measures if not m.in_period]

    @property
    def weekly_measures(self) -> list[Measure]:
        return [m for m in self.measures if m.key in self.weekly]


@contextmanager
def _planned_without_jit():
    """On PostgreSQL, run what follows without JIT compilation (to the end of the
    transaction). The report's plans probe each of thousands of people by index;
    PostgreSQL costs them high enough to compile them, and at 10,000 staff the
    compiling took 0.7 s where running took 0.1 s. Elsewhere, nothing to do."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(savepoint=False):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def report(period: Period) -> Report:
    """The engagement report for ``period``: a fixed number of queries whatever the
    number of people, pages and records (one for the groups, one for the shares,
    one for each weekly series, those the measures need to know what counts, and on
    PostgreSQL one turning JIT compilation off)."""
    with _planned_without_jit():
        return _report(period)


def _report(period: Period) -> Report:
    conditions = applicable(all_measures(), period)
    measures = [m for m, _condition in conditions]
    rows = list(counted_rows(staff(), conditions))
    # Shares are counted from the few share clicks, not per person: a count per
    # person would be a correlated subquery for each of thousands of rows, which
    # PostgreSQL costs high enough to compile the plan (JIT), slower than running it.
    shares = {
        (row["department"], row["location"]): row
        for row in ShareClick.objects.filter(
            user__in=staff(),
            created_at__gte=period.since,
            created_at__lt=period.until,
        )
        .annotate(
            department=_profile_text_of("user__intranet_profile__department"),
            location=_profile_text_of("user__intranet_profile__location"),
        )
        .order_by()
        .values("department", "location")
        .annotate(
            shares=Count("pk"),
            ambassadors=Count(
                "user",
                distinct=True,
                filter=Q(user__intranet_profile__is_ambassador=True),
            ),
        )
    }
    for row in rows:
        shared = shares.get((row["department"], row["location"]), {})
        row["shares"] = shared.get("shares", 0)
        row["ambassadors"] = shared.get("ambassadors", 0)
    overall = everyone(rows, measures)
    departments = grouped(rows, "department", measures)
    locations = grouped(rows, "location", measures)
    weakest = mark_lags(departments, overall, measures)
    mark_lags(locations, overall, measures)
    weeks = period.weeks
    weekly = {}
    for measure in measures:
        if measure.weekly is None:
            continue
        counts = measure.weekly(period)
        base = overall.base(measure)
        weekly[measure.key] = [
            round(100 * counts.get(week, 0) / base, 1) if base else None
            for week in weeks
        ]
    return Report(
        period=period,
        measures=measures,
        overall=overall,
        departments=departments,
        locations=locations,
        weakest=weakest,
        weeks=weeks,
        weekly=weekly,
    )


# Leaders --------------------------------------------------------------------------


@dataclass
class LeaderFigures:
    """How one leader's updates landed in a period, and how their questions wait."""

    profile: object
    updates: int = 0
    readers: int = 0
    base: int = 0
    departments: list[tuple[str, float | None]] = field(default_factory=list)
    questions: int = 0
    answered: int = 0
    waiting: int = 0
    median_hours: float | None = None
    longest_waiting_hours: float | None = None
    hidden: bool = False  # too few colleagues in all to show reading figures

    @property
    def percent(self) -> float | None:
        if self.hidden or not self.base:
            return None
        return round(100 * self.readers / self.base, 1)

    @property
    def weakest(self) -> tuple[str, float] | None:
        shown = [(name, p) for name, p in self.departments if p is not None]
        return min(shown, key=lambda d: d[1]) if len(shown) > 1 else None


def _hours(delta: datetime.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def leaders(period: Period) -> list[LeaderFigures]:
    """For each leader: updates published in ``period``, the share of colleagues
    (and of each department) who opened at least one, and the questions asked of
    them in it: answered, how long they waited (the median), still waiting.

    A fixed number of queries however many leaders, updates and readers: leaders,
    updates, readers by leader and department, staff by department, the content
    types (cached), and the questions with the time of each leader's first answer.
    """
    profile_model = apps.get_model("intranet_people", "LeaderProfilePage")
    update_model = apps.get_model("intranet_people", "LeaderUpdatePage")
    # A leader and an update count once, whatever languages they are read in: the
    # originals are counted, the reading of every version is.
    profiles = list(
        profile_model.objects.live()
        .filter(is_original())
        .select_related("user__intranet_profile")
        .order_by("title")
    )
    figures = {p.user_id: LeaderFigures(profile=p) for p in profiles}
    updates = list(
        update_model.objects.live()
        .filter(leader_id__in=list(figures))
        .annotate(talk=conversation_pk())
        .values_list("pk", "leader_id", "first_published_at", "talk")
    )
    leader_of = {pk: leader for pk, leader, _published, _talk in updates}
    new = {
        pk
        for pk, _leader, published, talk in updates
        if talk == pk and published and period.since <= published < period.until
    }
    for pk in new:
        figures[leader_of[pk]].updates += 1
    in_period = {pk: leader for pk, leader, _published, talk in updates if talk in new}

    # Departments as everywhere: the small ones folded into "Other".
    staff_rows = (
        staff()
        .filter(intranet_profile__counts_reading=True)
        .annotate(department=_profile_text("department"))
        .order_by()
        .values("department")
        .annotate(people=Count("pk"))
    )
    groups = fold(
        [
            Group(
                name=row["department"] or NOT_GIVEN,
                members=[row["department"]],
                people=row["people"],
            )
            for row in staff_rows
        ]
    )
    group_of = {member: group for group in groups for member in group.members}
    total = sum(group.people for group in groups)

    readers = defaultdict(lambda: defaultdict(int))
    if in_period:
        rows = (
            PageRead.objects.filter(
                page_id__in=list(in_period),
                user__is_active=True,
                user__intranet_profile__counts_reading=True,
            )
            .annotate(
                leader=Case(
                    *(
                        When(page_id=pk, then=Value(leader))
                        for pk, leader in in_period.items()
                    ),
                    output_field=IntegerField(),
                ),
                department=_profile_text_of("user__intranet_profile__department"),
            )
            .exclude(user_id=F("leader"))  # a leader reading their own update
            .order_by()
            .values("leader", "department")
            .annotate(people=Count("user_id", distinct=True))
        )
        for row in rows:
            group = group_of.get(row["department"])
            if group is not None:
                readers[row["leader"]][id(group)] += row["people"]
    everyone_hidden = total < min_group_size()
    for leader, leader_figures in figures.items():
        counts = readers.get(leader, {})
        leader_figures.hidden = everyone_hidden
        leader_figures.readers = sum(counts.values())
        leader_figures.base = total
        leader_figures.departments = [
            (
                str(group.name),
                None
                if group.hidden
                else round(100 * counts.get(id(group), 0) / group.people, 1),
            )
            for group in groups
        ]

    update_type = ContentType.objects.get_for_model(update_model)
    profile_type = ContentType.objects.get_for_model(profile_model)
    asked_where = Q(
        content_type=update_type, object_pk__in=[str(pk) for pk in leader_of]
    ) | Q(content_type=profile_type, object_pk__in=[str(p.pk) for p in profiles])
    answers = (
        Comment.objects.counted()
        .filter(parent_id=OuterRef("pk"), user_id=OuterRef("leader_user"))
        .exclude(pk=OuterRef("pk"))
        .order_by()
        .values("parent_id")
        .annotate(first=Min("submit_date"))
        .values("first")
    )
    profile_leader = {str(p.pk): p.user_id for p in profiles}
    questions = (
        Comment.objects.counted()
        .filter(
            asked_where,
            is_question=True,
            submit_date__gte=period.since,
            submit_date__lt=period.until,
        )
        .annotate(
            leader_user=Case(
                When(
                    content_type=profile_type,
                    then=Subquery(
                        profile_model.objects.filter(
                            pk=Cast(OuterRef("object_pk"), IntegerField())
                        ).values("user_id")[:1]
                    ),
                ),
                default=Subquery(
                    update_model.objects.filter(
                        pk=Cast(OuterRef("object_pk"), IntegerField())
                    ).values("leader_id")[:1]
                ),
                output_field=IntegerField(),
            )
        )
        .annotate(answered_at=Subquery(answers))
        .values_list("content_type_id", "object_pk", "submit_date", "answered_at")
    )
    waits = defaultdict(list)
    now = timezone.now()
    for content_type_id, object_pk, asked, answered in questions:
        leader = (
            profile_leader.get(object_pk)
            if content_type_id == profile_type.pk
            else leader_of.get(int(object_pk))
        )
        if leader not in figures:
            continue
        leader_figures = figures[leader]
        leader_figures.questions += 1
        if answered is None:
            leader_figures.waiting += 1
            waited = _hours(now - asked)
            leader_figures.longest_waiting_hours = max(
                leader_figures.longest_waiting_hours or 0, waited
            )
        else:
            leader_figures.answered += 1
            waits[leader].append(_hours(answered - asked))
    for leader, hours in waits.items():
        figures[leader].median_hours = statistics.median(hours)
    return list(figures.values())
