"""Reports for editors in the Wagtail admin: acknowledgements, reviews, training.

Each is a Wagtail ``ReportView``: paginated, filterable and exportable (CSV and
Excel) through its ``list_export``, with cells that could start a formula quoted
(``intranet.exports``). Only editors see them (``can_see_reports``).

They count people, not language versions: a guideline or module and its
translations are one row, and what a person did in any of the languages counts.
"""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from intranet import pages, roles
from intranet.exports import SpreadsheetSafeMixin
from intranet.guidelines.models import (
    Acknowledgement,
    KnowledgeCheckResult,
    LessonCompletion,
)
from intranet.social.translations import is_original

User = get_user_model()

ACKNOWLEDGED = "acknowledged"
WAITING = "waiting"
PASSED = "passed"
NOT_PASSED = "not-passed"


def can_see_reports(user) -> bool:
    """Those who hold the view_reports permission (the intranet's editors and policy
    approvers are given it) and superusers: not staff, not leaders."""
    return roles.can_view_reports(user)


def today_stamp() -> str:
    return timezone.localdate().isoformat()


def active_people():
    """Active users with what the reports show of their profile: ``name`` (as
    colleagues see it) and ``department``, as columns the database can sort,
    group and filter on."""
    full_name = Trim(Concat("first_name", Value(" "), "last_name"))
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            department=Coalesce(F("intranet_profile__department"), Value("")),
            name=Coalesce(
                NullIf(F("intranet_profile__display_name"), Value("")),
                NullIf(full_name, Value("")),
                F("username"),
            ),
        )
    )


def department_choices():
    departments = (
        active_people()
        .exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )
    return [(d, d) for d in departments]


class EditorReportView(SpreadsheetSafeMixin, ReportView):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PeopleFilterSet(WagtailFilterSet):
    department = django_filters.ChoiceFilter(
        label=_("Department"), choices=department_choices, empty_label=_("All")
    )

    class Meta:
        model = User
        fields = ["department"]


# Acknowledgements ---------------------------------------------------------------------


class MustReadReportView(EditorReportView):
    """Every must-read guideline: how many have acknowledged its current version."""

    page_title = _("Must-read guidelines")
    header_icon = "tick"
    index_url_name = "guidelines_reports:must_read"
    index_results_url_name = "guidelines_reports:must_read_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Guideline"),
            get_url=lambda page: reverse(
                "guidelines_reports:acknowledgements", args=[page.pk]
            ),
        ),
        Column("version", label=_("Version")),
        Column("acknowledged_count", label=_("Acknowledged")),
        Column("waiting_count", label=_("Not yet")),
        DateColumn("review_date", label=_("Review by")),
    ]
    list_export = ["title", "version", "acknowledged_count", "waiting_count"]
    export_headings = {
        "title": _("Guideline"),
        "version": _("Version"),
        "acknowledged_count": _("Acknowledged"),
        "waiting_count": _("Not yet"),
    }

    def get_filename(self):
        return f"must-read-guidelines-{today_stamp()}"

    def get_queryset(self):
        acknowledged = (
            Acknowledgement.objects.filter(
                page__translation_key=OuterRef("translation_key"),
                version=OuterRef("version"),
                user__is_active=True,
            )
            .order_by()
            .values("page__translation_key")
            .annotate(n=Count("user", distinct=True))
            .values("n")
        )
        self.queryset = (
            pages.guideline_model()
            .objects.live()
            .must_read()
            .filter(is_original())
            .defer_streamfields()
            .annotate(
                acknowledged_count=Coalesce(
                    Subquery(acknowledged, output_field=IntegerField()), 0
                ),
            )
            .order_by("title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        people = get_user_model().objects.filter(is_active=True).count()
        pages = list(object_list)
        for page in pages:
            page.waiting_count = people - page.acknowledged_count
        return pages


class AcknowledgementFilterSet(PeopleFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(ACKNOWLEDGED, _("Acknowledged")), (WAITING, _("Not yet"))],
        empty_label=_("Everyone"),
        method="filter_status",
    )

    class Meta(PeopleFilterSet.Meta):
        fields = ["department", "status"]

    def filter_status(self, queryset, name, value):
        if value == ACKNOWLEDGED:
            return queryset.filter(acknowledged_at__isnull=False)
        if value == WAITING:
            return queryset.filter(acknowledged_at__isnull=True)
        return queryset


class AcknowledgementReportView(EditorReportView):
    """Who has acknowledged a guideline's current version and who has not, by
    department; paginated, in a fixed number of queries."""

    header_icon = "tick"
    results_template_name = "intranet/guidelines/reports/acknowledgement_results.html"
    filterset_class = AcknowledgementFilterSet
    columns = [
        Column("name", label=_("Name")),
        Column("department", label=_("Department")),
        Column("status", label=_("Status")),
        Column("acknowledged_version", label=_("Last version acknowledged")),
        DateColumn("acknowledged_at", label=_("Acknowledged on")),
    ]
    list_export = [
        "name",
        "username",
        "department",
        "status",
        "acknowledged_version",
        "acknowledged_at",
    ]
    export_headings = {
        "name": _("Name"),
        "username": _("Username"),
        "department": _("Department"),
        "status": _("Status"),
        "acknowledged_version": _("Last version acknowledged"),
        "acknowledged_at": _("Acknowledged on"),
    }
    paginate_by = 50

    @cached_property
    def guideline(self):
        return get_object_or_404(
            pages.guideline_model().objects.must_read().defer_streamfields(),
            pk=self.kwargs["page_id"],
        )

    def get_page_title(self):
        return _("Acknowledgements: %(title)s (version %(version)s)") % {
            "title": self.guideline.title,
            "version": self.guideline.version,
        }

    def get_index_url(self):
        return reverse("guidelines_reports:acknowledgements", args=[self.guideline.pk])

    def get_index_results_url(self):
        return reverse(
            "guidelines_reports:acknowledgements_results", args=[self.guideline.pk]
        )

    def get_filename(self):
        return f"acknowledgements-{self.guideline.slug}-v{self.guideline.version}-{today_stamp()}"

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("guidelines_reports:must_read"),
                "label": _("Must-read guidelines"),
            },
            *super().get_breadcrumbs_items(),
        ]

    def people(self):
        guideline = self.guideline
        mine = Acknowledgement.objects.filter(
            user=OuterRef("pk"), page__translation_key=guideline.translation_key
        )
        return (
            active_people()
            .annotate(
                acknowledged_at=Subquery(
                    mine.filter(version=guideline.version).values("created_at")[:1]
                ),
                acknowledged_version=Subquery(
                    mine.order_by("-version").values("version")[:1]
                ),
            )
            .annotate(
                status=Case(
                    When(
                        acknowledged_at__isnull=False,
                        then=Value(str(_("Acknowledged"))),
                    ),
                    default=Value(str(_("Not yet"))),
                    output_field=CharField(),
                )
            )
        )

    def get_queryset(self):
        self.queryset = self.people().order_by(
            "department", "last_name", "first_name", "username"
        )
        return super().get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["guideline"] = self.guideline
        context["by_department"] = (
            self.filter_queryset(self.people())
            .order_by()
            .values("department")
            .annotate(
                total=Count("pk"),
                acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
                waiting=Count("pk", filter=Q(acknowledged_at__isnull=True)),
            )
            .order_by("department")
        )
        return context


# Reviews ------------------------------------------------------------------------------


class OverdueReviewsView(EditorReportView):
    """Guidelines past their review date, the longest overdue first."""

    page_title = _("Guidelines past their review date")
    header_icon = "time"
    index_url_name = "guidelines_reports:overdue"
    index_results_url_name = "guidelines_reports:overdue_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Guideline"),
            url_name="wagtailadmin_pages:edit",
        ),
        Column("kind_label", label=_("Kind"), accessor="get_kind_display"),
        Column("owner_name", label=_("Content owner")),
        DateColumn("review_date", label=_("Review by")),
        Column("version", label=_("Version")),
    ]
    list_export = ["title", "get_kind_display", "owner_name", "review_date", "version"]
    export_headings = {
        "title": _("Guideline"),
        "get_kind_display": _("Kind"),
        "owner_name": _("Content owner"),
        "review_date": _("Review by"),
        "version": _("Version"),
    }
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        datetime.date: {
            ReportView.FORMAT_CSV: lambda value: value.isoformat(),
            ReportView.FORMAT_XLSX: None,
        },
    }

    def get_filename(self):
        return f"guideline-reviews-overdue-{today_stamp()}"

    def get_queryset(self):
        self.queryset = (
            pages.guideline_model()
            .objects.review_overdue()
            .defer_streamfields()
            .select_related("owner_person__intranet_profile", "owner_team")
            .order_by("review_date", "title")
        )
        return super().get_queryset()


# Training -----------------------------------------------------------------------------


class TrainingReportView(EditorReportView):
    """Every training module: how many people have started, finished the lessons
    and passed the check."""

    page_title = _("Training completion")
    header_icon = "pick"
    index_url_name = "guidelines_reports:training"
    index_results_url_name = "guidelines_reports:training_results"
    columns = [
        TitleColumn(
            "title",
            label=_("Training module"),
            get_url=lambda module: reverse(
                "guidelines_reports:training_module", args=[module.pk]
            ),
        ),
        Column("lesson_count", label=_("Lessons")),
        Column("started_count", label=_("Started")),
        Column("finished_count", label=_("Finished every lesson")),
        Column("passed_count", label=_("Passed the check")),
    ]
    list_export = [
        "title",
        "lesson_count",
        "started_count",
        "finished_count",
        "passed_count",
    ]
    export_headings = {
        "title": _("Training module"),
        "lesson_count": _("Lessons"),
        "started_count": _("Started"),
        "finished_count": _("Finished every lesson"),
        "passed_count": _("Passed the check"),
    }

    def get_filename(self):
        return f"training-completion-{today_stamp()}"

    def get_queryset(self):
        self.queryset = (
            pages.training_module_model()
            .objects.live()
            .filter(is_original())
            .order_by("title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        modules = list(object_list)
        keys = [module.translation_key for module in modules]
        done = (
            LessonCompletion.objects.filter(
                module__translation_key__in=keys, user__is_active=True
            )
            .values_list("module__translation_key", "user_id", "lesson_id")
            .order_by()
        )
        per_person = {}
        for key, user_id, lesson_id in done:
            per_person.setdefault((key, user_id), set()).add(lesson_id)
        passed = dict(
            KnowledgeCheckResult.objects.filter(
                module__translation_key__in=keys, passed=True, user__is_active=True
            )
            .order_by()
            .values("module__translation_key")
            .annotate(n=Count("user", distinct=True))
            .values_list("module__translation_key", "n")
        )
        for module in modules:
            lessons = set(module.lesson_ids)
            people = {
                user: ids & lessons
                for (key, user), ids in per_person.items()
                if key == module.translation_key
            }
            module.lesson_count = len(lessons)
            module.started_count = sum(1 for ids in people.values() if ids)
            module.finished_count = sum(1 for ids in people.values() if ids == lessons)
            module.passed_count = passed.get(module.translation_key, 0)
        return modules


class TrainingFilterSet(PeopleFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Knowledge check"),
        choices=[(PASSED, _("Passed")), (NOT_PASSED, _("Not passed"))],
        empty_label=_("Everyone"),
        method="filter_status",
    )

    class Meta(PeopleFilterSet.Meta):
        fields = ["department", "status"]

    def filter_status(self, queryset, name, value):
        if value == PASSED:
            return queryset.filter(passed=True)
        if value == NOT_PASSED:
            return queryset.filter(passed=False)
        return queryset


class TrainingModuleReportView(EditorReportView):
    """Each person's progress in one module: lessons done, the check's result."""

    header_icon = "pick"
    filterset_class = TrainingFilterSet
    columns = [
        Column("name", label=_("Name")),
        Column("department", label=_("Department")),
        Column("lessons_done", label=_("Lessons done")),
        Column("check_score", label=_("Last score")),
        Column("passed_label", label=_("Knowledge check")),
        DateColumn("passed_at", label=_("Passed on")),
    ]
    list_export = [
        "name",
        "username",
        "department",
        "lessons_done",
        "check_score",
        "passed_label",
        "passed_at",
    ]
    export_headings = {
        "name": _("Name"),
        "username": _("Username"),
        "department": _("Department"),
        "lessons_done": _("Lessons done"),
        "check_score": _("Last score"),
        "passed_label": _("Knowledge check"),
        "passed_at": _("Passed on"),
    }

    @cached_property
    def module(self):
        return get_object_or_404(
            pages.training_module_model(), pk=self.kwargs["page_id"]
        )

    def get_page_title(self):
        return _("Training: %(title)s") % {"title": self.module.title}

    def get_index_url(self):
        return reverse("guidelines_reports:training_module", args=[self.module.pk])

    def get_index_results_url(self):
        return reverse(
            "guidelines_reports:training_module_results", args=[self.module.pk]
        )

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("guidelines_reports:training"),
                "label": _("Training completion"),
            },
            *super().get_breadcrumbs_items(),
        ]

    def get_filename(self):
        return f"training-{self.module.slug}-{today_stamp()}"

    def get_queryset(self):
        module = self.module
        versions = {"module__translation_key": module.translation_key}
        done = (
            LessonCompletion.objects.filter(
                **versions, user=OuterRef("pk"), lesson_id__in=module.lesson_ids
            )
            .order_by()
            .values("user")
            .annotate(n=Count("lesson_id", distinct=True))
            .values("n")
        )
        # A pass in any language first, else the latest attempt.
        result = KnowledgeCheckResult.objects.filter(
            **versions, user=OuterRef("pk")
        ).order_by("-passed", "-updated_at")
        self.queryset = (
            active_people()
            .annotate(
                lessons_count=Coalesce(Subquery(done, output_field=IntegerField()), 0),
                score=Subquery(result.values("score")[:1]),
                total=Subquery(result.values("total")[:1]),
                passed=Exists(result.filter(passed=True)),
                passed_at=Subquery(result.values("passed_at")[:1]),
            )
            .order_by("department", "last_name", "first_name", "username")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        total = len(self.module.lesson_ids)
        people = list(object_list)
        for person in people:
            person.lessons_done = f"{person.lessons_count} / {total}"
            person.check_score = (
                f"{person.score} / {person.total}" if person.score is not None else ""
            )
            person.passed_label = _("Passed") if person.passed else _("Not yet")
        return people
