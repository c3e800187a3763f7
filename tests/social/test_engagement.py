import csv
import datetime
import io

import pytest
from django.db import connection
from django.utils import timezone

from intranet.models import PageRead
from intranet.reading import week_of
from intranet.social import engagement
from intranet.social.models import PageReaction, ShareClick
from tests.factories import (
    AcknowledgementFactory,
    BlogPostPageFactory,
    GuidelinePageFactory,
    UserFactory,
    comment_on,
    make_editor,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/engagement/"


def people(department, n, location="Tampere", **fields):
    return [
        UserFactory(department=department, location=location, **fields)
        for _ in range(n)
    ]


def read(person, page, when=None):
    when = when or timezone.now()
    PageRead.objects.create(
        user=person, page=page, week=week_of(when), first_seen=when, last_seen=when
    )


def this_period():
    return engagement.Period.last_days(28)


def group(groups, name):
    return next(g for g in groups if str(g.name) == name)


@pytest.fixture
def page(tree):
    """A post whose author has left: only the people a test makes are counted."""
    return BlogPostPageFactory(parent=tree.blog, authors=[UserFactory(is_active=False)])


@pytest.fixture
def inactive_owner(db):
    return UserFactory(is_active=False)


@pytest.fixture
def editor_client(client, tree):
    client.force_login(make_editor(tree))
    return client


def test_shares_of_each_department_are_counted_in_the_database(page):
    sales = people("Sales", 6)
    support = people("Support", 5)
    for person in sales[:3]:
        read(person, page)
    read(sales[0], page, timezone.now() - datetime.timedelta(days=7))  # counted once
    PageReaction.objects.create(user=support[0], page=page, kind="like")
    comment_on(page, support[1], "Good point")
    report = engagement.report(this_period())
    sales_group = group(report.departments, "Sales")
    measures = {m.key: m for m in report.measures}
    assert sales_group.people == 6
    assert sales_group.counts["read"] == 3
    assert sales_group.percent(measures["read"]) == 50.0
    support_group = group(report.departments, "Support")
    assert support_group.counts["took_part"] == 2
    assert support_group.percent(measures["read"]) == 0.0


def test_departments_of_fewer_than_five_are_folded_into_other(page):
    people("Sales", 5)
    people("Legal", 3)
    people("Audit", 2)
    report = engagement.report(this_period())
    names = [str(g.name) for g in report.departments]
    assert names == ["Sales", "Other"]
    other = group(report.departments, "Other")
    assert (other.people, other.folded, other.hidden) == (5, 2, False)


def test_too_small_an_other_takes_in_the_smallest_department(page):
    """Were "Other" (four people) shown without figures, everyone's figures less
    the departments' would still give them away."""
    people("Sales", 5)
    people("Support", 7)
    people("Legal", 3)
    people("Audit", 1)
    report = engagement.report(this_period())
    names = [str(g.name) for g in report.departments]
    assert names == ["Support", "Other"]
    other = group(report.departments, "Other")
    assert (other.people, other.folded, other.hidden) == (9, 3, False)


def test_an_other_of_five_or_more_is_shown(page):
    people("Sales", 5)
    people("Legal", 3)
    people("Audit", 2)
    report = engagement.report(this_period())
    other = group(report.departments, "Other")
    assert (other.people, other.hidden) == (5, False)


def test_the_minimum_group_size_is_a_setting(settings, page):
    people("Legal", 3)
    settings.INTRANET = {**settings.INTRANET, "MIN_GROUP_SIZE": 2}
    report = engagement.report(this_period())
    assert group(report.departments, "Legal").people == 3


def test_people_who_turned_counting_off_leave_the_reading_figures(page):
    sales = people("Sales", 6)
    sales[5].intranet_profile.counts_reading = False
    sales[5].intranet_profile.save()
    read(sales[5], page)  # recorded before they turned it off
    for person in sales[:2]:
        read(person, page)
    report = engagement.report(this_period())
    sales_group = group(report.departments, "Sales")
    measures = {m.key: m for m in report.measures}
    assert sales_group.not_counted == 1
    assert sales_group.counts["read"] == 2
    assert sales_group.percent(measures["read"]) == 40.0  # 2 of the 5 counted
    assert report.overall.not_counted == 1


def test_the_weakest_department_is_named_with_what_it_lags_on(
    page, tree, inactive_owner
):
    guideline = GuidelinePageFactory(
        parent=tree.guidelines, must_read=True, owner_person=inactive_owner
    )
    ahead, behind, middle = people("Sales", 5), people("Support", 5), people("IT", 5)
    for person in ahead + middle:
        read(person, page)
        AcknowledgementFactory(user=person, page=guideline, version=guideline.version)
    read(behind[0], page)
    report = engagement.report(this_period())
    assert [str(g.name) for g in report.weakest] == ["Support"]
    lags = {m.key for m, _mine, _everyone in report.weakest[0].lags}
    assert {"read", "acknowledged"} <= lags


def test_measures_that_do_not_apply_are_left_out(page):
    people("Sales", 5)
    keys = [m.key for m in engagement.report(this_period()).measures]
    assert "acknowledged" not in keys  # no must-read guideline to acknowledge
    assert "trained" not in keys
    assert {"read", "took_part", "shared"} <= set(keys)


def test_weekly_figures_count_each_person_once_a_week(page):
    sales = people("Sales", 5)
    period = engagement.Period(datetime.date(2026, 11, 2), datetime.date(2026, 11, 15))
    monday = timezone.make_aware(datetime.datetime(2026, 11, 2, 10))
    read(sales[0], page, monday)
    read(sales[1], page, monday + datetime.timedelta(days=1))
    read(sales[1], page, monday + datetime.timedelta(days=8))
    comment_on(page, sales[2], "Late to this")
    report = engagement.report(period)
    assert report.weeks == [datetime.date(2026, 11, 2), datetime.date(2026, 11, 9)]
    everyone = report.overall.base(next(m for m in report.measures if m.key == "read"))
    assert report.weekly["read"] == [
        round(100 * 2 / everyone, 1),
        round(100 * 1 / everyone, 1),
    ]


def test_weekly_figures_over_more_than_a_year_and_a_half_of_weeks(page):
    """Each person's weeks are folded into integers of 62 weeks each: the weeks on
    either side of a fold, and the part weeks at the ends, are counted right."""
    sales = people("Sales", 5)
    other = BlogPostPageFactory(
        parent=page.get_parent(), authors=[UserFactory(is_active=False)]
    )
    period = engagement.Period(datetime.date(2025, 1, 1), datetime.date(2026, 5, 6))
    first = datetime.date(2024, 12, 30)  # the Monday of the week the period opens in
    assert period.weeks[0] == first and len(period.weeks) == 71

    def on(week, weekday=2, hour=10):
        day = first + datetime.timedelta(weeks=week, days=weekday)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))

    read(sales[0], page, on(0, weekday=0))  # the Monday before the period opens
    read(sales[1], page, on(0))
    for week in (61, 62, 70):
        read(sales[2], page, on(week))
        read(sales[2], other, on(week))  # two pages in one week: one person
    read(sales[3], page, on(62))
    read(sales[4], page, on(70, weekday=4))  # after the period closed
    expected = [0] * 71
    expected[0], expected[61], expected[62], expected[70] = 1, 1, 2, 1
    report = engagement.report(period)
    everyone = report.overall.base(next(m for m in report.measures if m.key == "read"))
    assert report.weekly["read"] == [round(100 * n / everyone, 1) for n in expected]


def test_shares_and_active_ambassadors_by_department(page):
    sales = people("Sales", 5, is_ambassador=True)
    for network in ("linkedin", "x"):
        ShareClick.objects.create(user=sales[0], page=page, network=network)
    ShareClick.objects.create(user=sales[1], page=page, network="linkedin")
    report = engagement.report(this_period())
    sales_group = group(report.departments, "Sales")
    assert (sales_group.shares, sales_group.ambassadors) == (3, 2)


def test_the_report_costs_the_same_queries_for_ten_or_sixty_people(
    page, django_assert_num_queries
):
    """Aggregation happens in the database: the number of people, pages and records
    never changes the number of queries. Six: the people grouped by department
    and location with every measure, the shares grouped the same way, the
    week-by-week readers, the week-by-week comments, reactions and likes together,
    and the must-read guidelines and training modules that count; on PostgreSQL
    one more, turning JIT compilation off for the report."""
    crowd = people("Sales", 10)
    for person in crowd:
        read(person, page)
    with django_assert_num_queries(6 + (connection.vendor == "postgresql")) as small:
        engagement.report(this_period())
    more = people("Support", 50, location="Oulu")
    for person in more:
        read(person, page)
    for person in crowd + more:
        comment_on(page, person, "Agreed")
    with django_assert_num_queries(len(small)):
        engagement.report(this_period())


# The admin views ----------------------------------------------------------------


def test_the_report_shows_charts_and_data_tables(editor_client, page):
    people("Customer Service", 4)  # with the editor, five: no "Other" to fill
    for person in people("Sales", 5):
        read(person, page)
    response = editor_client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 3
    assert 'data-testid="departments-table"' in html
    assert "Sales" in html and "100.0%" in html


def test_markup_in_department_names_is_shown_as_text(editor_client, page):
    people("Customer Service", 4)  # with the editor, five: no "Other" to fill
    people("<b>Sales</b>", 5)
    html = editor_client.get(REPORT).content.decode()
    assert "<b>Sales</b>" not in html
    assert "&lt;b&gt;Sales&lt;/b&gt;" in html


def test_a_period_that_ends_before_it_starts_is_refused_and_kept(editor_client):
    response = editor_client.get(REPORT, {"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The period ends before it starts" in html
    assert 'value="2026-11-20"' in html and 'value="2026-11-01"' in html
    assert 'data-testid="departments-table"' not in html


def test_a_period_longer_than_kept_is_refused(editor_client):
    response = editor_client.get(REPORT, {"start": "2024-01-01", "end": "2026-11-01"})
    assert response.status_code == 400
    assert "at most 400 days" in response.content.decode()


def test_a_period_of_a_year_is_reported(editor_client, page):
    people("Sales", 5)
    response = editor_client.get(REPORT, {"start": "2025-12-01", "end": "2026-11-30"})
    assert response.status_code == 200


def test_nonsense_dates_are_refused_kindly(editor_client):
    response = editor_client.get(REPORT, {"start": "yesterday", "end": "<script>"})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_the_csv_has_the_same_figures_and_cannot_run_a_formula(editor_client, page):
    people("Customer Service", 4)  # with the editor, five: no "Other" to fill
    for person in people('=HYPERLINK("http://evil")', 5):
        read(person, page)
    people("+Sales", 5)
    people("@Ops", 5)
    people("-Finance", 5)
    response = editor_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    groups = {row[1] for row in rows[1:] if row[0] == "Department"}
    assert '\'=HYPERLINK("http://evil")' in groups
    assert {"'+Sales", "'@Ops", "'-Finance"} <= groups
    evil = next(row for row in rows if row[1].startswith("'=HYPERLINK"))
    assert evil[2] == "5"
    read_percent = rows[0].index("Read something (%)")
    assert evil[read_percent] == "100.0"
    assert any(row[0] == "Week" for row in rows)


@pytest.mark.parametrize("url", [REPORT, REPORT + "leaders/", REPORT + "?export=csv"])
def test_plain_staff_get_403_on_every_report_url(staff_client, page, url):
    for person in people("Sales", 5):
        read(person, page)
    response = staff_client.get(url)
    assert response.status_code == 403
    assert b"Sales" not in response.content


def test_admin_users_without_the_report_permission_are_turned_away(client, tree):
    """Wagtail's way in its admin: back to the dashboard with a message, or 403 for
    a script; never a figure."""
    from tests.factories import make_page_admin

    client.force_login(make_page_admin(tree, "Page writers", "writer"))
    for url in (REPORT, REPORT + "leaders/", REPORT + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
        script = client.get(url, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert script.status_code == 403


def test_a_lone_colleague_cannot_be_worked_out_from_everyone_less_the_departments(page):
    """Everyone's figure less the named departments' is "Other"'s: too small an
    "Other" takes in the smallest department, so what is left is never one person."""
    sales = people("Sales", 5)
    people("Support", 6)
    loner = people("Legal", 1)[0]
    read(loner, page)
    read(sales[0], page)
    report = engagement.report(this_period())
    assert [str(g.name) for g in report.departments] == ["Support", "Other"]
    other = group(report.departments, "Other")
    assert (other.people, other.hidden, other.folded) == (6, False, 2)
    shown = sum(g.counts["read"] for g in report.departments)
    assert shown == report.overall.counts["read"]  # nothing left to subtract


def test_a_department_where_most_opted_out_is_folded_by_who_is_counted(page):
    sales = people("Sales", 5)
    for person in sales[1:]:
        person.intranet_profile.counts_reading = False
        person.intranet_profile.save()
    read(sales[0], page)
    people("Support", 5)
    people("IT", 5)
    report = engagement.report(this_period())
    assert "Sales" not in [str(g.name) for g in report.departments]


def test_everyone_too_few_shows_no_figure_at_all(page):
    few = people("Sales", 3)
    read(few[0], page)
    report = engagement.report(this_period())
    assert report.overall.hidden
    cells = report.overall.cells(report.measures)
    assert all(cell["percent"] is None for cell in cells)


def test_the_weekly_reading_leaves_out_those_who_turned_counting_off(page):
    sales = people("Sales", 5)
    sales[0].intranet_profile.counts_reading = False
    sales[0].intranet_profile.save()
    read(sales[0], page)  # recorded before they turned it off
    report = engagement.report(this_period())
    assert report.weekly["read"] == [0.0] * len(report.weeks)


@pytest.mark.parametrize(
    "start,end", [("9999-12-01", "9999-12-31"), ("0001-01-01", "0001-01-31")]
)
def test_dates_out_of_any_sensible_range_are_refused(editor_client, start, end):
    response = editor_client.get(REPORT, {"start": start, "end": end})
    assert response.status_code == 400
    assert "Pick a date between" in response.content.decode()
    leaders = editor_client.get(REPORT + "leaders/", {"start": start, "end": end})
    assert leaders.status_code == 400


def test_the_figures_do_not_move_with_an_editors_time_zone(editor_client, page):
    """Reading is recorded by the site's days (Helsinki here): a read at 23:30 on
    the 10th is on the 10th for every editor, even one who set the admin to
    Kiritimati, where it is already the 11th."""
    from zoneinfo import ZoneInfo

    from wagtail.users.models import UserProfile

    people("Customer Service", 4)
    late = datetime.datetime(2026, 11, 10, 23, 30, tzinfo=ZoneInfo("Europe/Helsinki"))
    for person in people("Sales", 5):
        read(person, page, late)
    day = {"start": "2026-11-10", "end": "2026-11-10", "export": "csv"}

    def readers():
        rows = list(
            csv.reader(io.StringIO(editor_client.get(REPORT, day).content.decode()))
        )
        column = rows[0].index("Read something")
        return next(row for row in rows if row[0] == "Everyone")[column]

    assert readers() == "5"
    user = editor_client.get(REPORT).wsgi_request.user
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Pacific/Kiritimati"
    profile.save()
    assert readers() == "5"
