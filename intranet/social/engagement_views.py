"""The engagement report, the leaders' view and a page's reach, in the Wagtail admin.

The report and the leaders' view are for those who see reports (``view_reports``);
a page's reach for those ``reach.can_see_reach`` admits. Everyone else gets 403 and
learns nothing, not even whether the page exists.
"""

import csv
import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from intranet import charts, reading, roles
from intranet.exports import spreadsheet_safe

from . import engagement, reach

DEFAULT_DAYS = 28
LONGEST_PERIOD_DAYS = 400
EARLIEST_YEARS = 20


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and writes ISO dates whatever the
    language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=DateInput())
    end = forms.DateField(label=gettext_lazy("To"), widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        today = timezone.localdate()
        earliest = today - datetime.timedelta(days=EARLIEST_YEARS * 366)
        latest = today + datetime.timedelta(days=366)
        for name, day in (("start", start), ("end", end)):
            if day and not earliest <= day <= latest:
                self.add_error(
                    name,
                    _("Pick a date between %(earliest)s and %(latest)s.")
                    % {"earliest": earliest.isoformat(), "latest": latest.isoformat()},
                )
                return cleaned
        if start and end:
            if end < start:
                self.add_error(
                    "end",
                    _(
                        "The period ends before it starts: pick a date on or after %(start)s."
                    )
                    % {"start": start.isoformat()},
                )
            elif (end - start).days + 1 > LONGEST_PERIOD_DAYS:
                self.add_error(
                    "end",
                    _(
                        "A period can be at most %(days)s days long (reading is kept "
                        "13 months): pick a later start or an earlier end."
                    )
                    % {"days": LONGEST_PERIOD_DAYS},
                )
        return cleaned

    @property
    def period(self) -> engagement.Period:
        return engagement.Period(self.cleaned_data["start"], self.cleaned_data["end"])


def period_form(request) -> PeriodForm:
    if "start" in request.GET or "end" in request.GET:
        return PeriodForm(request.GET)
    default = engagement.Period.last_days(DEFAULT_DAYS)
    return PeriodForm({"start": default.start, "end": default.end})


class SiteTimeMixin:
    """The figures are counted by the site's days and weeks (``TIME_ZONE``), as the
    reading is recorded: the same for every editor, whatever time zone each chose
    in the admin."""

    def dispatch(self, request, *args, **kwargs):
        with timezone.override(settings.TIME_ZONE):
            return super().dispatch(request, *args, **kwargs)


class ReportAccessMixin(SiteTimeMixin):
    def dispatch(self, request, *args, **kwargs):
        if not roles.can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def measure_charts(report: engagement.Report) -> list:
    """One bar chart a measure: its share in each department, everyone's as the
    reference line, the departments that lag on it marked."""
    return [
        charts.bar_chart(
            _("%(measure)s, by department") % {"measure": measure.label},
            [
                charts.Bar(
                    label=str(group.name),
                    value=group.percent(measure),
                    note=_("too few people to show") if group.hidden else "",
                    highlight=any(lag[0].key == measure.key for lag in group.lags),
                )
                for group in report.departments
            ],
            reference=report.overall.percent(measure),
            reference_label=_("everyone: %(percent)s%%")
            % {"percent": number_format(report.overall.percent(measure))},
            label_heading=_("Department"),
            value_heading=str(measure.label),
        )
        for measure in report.measures
    ]


def weekly_chart(report: engagement.Report):
    if not report.weekly:
        return None
    return charts.line_chart(
        _("Week by week"),
        [date_format(week, _("j M")) for week in report.weeks],
        [
            charts.Series(label=str(measure.label), values=report.weekly[measure.key])
            for measure in report.weekly_measures
        ],
    )


class EngagementReportView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Engagement")
    header_icon = "table"
    template_name = "intranet/social/admin/engagement_report.html"

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        form = period_form(request)
        report = engagement.report(form.period) if form.is_valid() else None
        if report is not None and request.GET.get("export") == "csv":
            return csv_response(report)
        context = self.get_context_data(form=form, report=report)
        if report is not None:
            context.update(
                measure_charts=measure_charts(report),
                department_groups=[report.overall, *report.departments],
                location_groups=[report.overall, *report.locations],
                minimum=engagement.min_group_size(),
                lag_points=engagement.LAG_POINTS,
                weekly_chart=weekly_chart(report),
                retention_start=timezone.localdate(reading.retention_cutoff()),
                csv_url=f"?{request.GET.urlencode() or form_query(form)}&export=csv",
            )
        return self.render_to_response(context, status=200 if form.is_valid() else 400)


def form_query(form: PeriodForm) -> str:
    return (
        f"start={form.cleaned_data['start'].isoformat()}"
        f"&end={form.cleaned_data['end'].isoformat()}"
    )


def csv_rows(report: engagement.Report):
    measures = report.measures
    yield [
        _("Breakdown"),
        _("Group"),
        _("People"),
        _("Not counting their reading"),
        *(
            heading
            for m in measures
            for heading in (str(m.label), _("%(measure)s (%%)") % {"measure": m.label})
        ),
        _("Active ambassadors"),
        _("Shares"),
    ]
    sections = [
        (_("Everyone"), [report.overall]),
        (_("Department"), report.departments),
        (_("Location"), report.locations),
    ]
    for breakdown, groups in sections:
        for group in groups:
            yield [
                breakdown,
                str(group.name),
                group.people,
                "" if group.hidden else group.not_counted,
                *(
                    value
                    for cell in group.cells(measures)
                    for value in (
                        "" if cell["count"] is None else cell["count"],
                        "" if cell["percent"] is None else cell["percent"],
                    )
                ),
                "" if group.hidden else group.ambassadors,
                "" if group.hidden else group.shares,
            ]
    weekly = report.weekly_measures
    for index, week in enumerate(report.weeks):
        row = [_("Week"), week.isoformat(), report.overall.people, ""]
        for measure in measures:
            value = report.weekly[measure.key][index] if measure in weekly else None
            row += ["", "" if value is None else value]
        yield row + ["", ""]


def csv_response(report: engagement.Report) -> HttpResponse:
    period = report.period
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="engagement-{period.start.isoformat()}'
        f'-{period.end.isoformat()}.csv"'
    )
    writer = csv.writer(response)
    for row in csv_rows(report):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


class LeadersView(ReportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("How leaders' updates land")
    header_icon = "user"
    template_name = "intranet/social/admin/leaders_report.html"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("intranet_engagement:report"), "label": _("Engagement")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request, *args, **kwargs):
        form = period_form(request)
        figures = engagement.leaders(form.period) if form.is_valid() else None
        context = self.get_context_data(form=form, leaders=figures)
        return self.render_to_response(context, status=200 if form.is_valid() else 400)


class PageReachView(SiteTimeMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "view"
    template_name = "intranet/social/admin/page_reach.html"

    def dispatch(self, request, *args, **kwargs):
        page = Page.objects.filter(pk=kwargs["page_id"]).first()
        if page is None or not getattr(page.specific_class, "counts_reads", False):
            raise PermissionDenied
        self.page = page.specific
        if not reach.can_see_reach(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Reach: %(title)s") % {"title": self.page.title}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        figures = reach.reach_of(self.page)
        return super().get_context_data(
            page=self.page,
            reach=figures,
            chart=reach.department_chart(figures),
            minimum=engagement.min_group_size(),
            **kwargs,
        )
