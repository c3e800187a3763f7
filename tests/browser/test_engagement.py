"""An editor opens the engagement report and a post's reach panel: readable charts,
with their tables, at 1280 and 360 pixels wide."""

import datetime

import pytest
from django.utils import timezone

from intranet import setup
from intranet.models import PageRead
from intranet.reading import week_of
from intranet.social.models import PageReaction
from tests.browser.conftest import assert_accessible, screenshot, sign_in
from tests.factories import (
    AcknowledgementFactory,
    BlogPostPageFactory,
    GuidelinePageFactory,
    UserFactory,
)

DEPARTMENTS = {"Customer Service": (9, 8, 9), "Sales": (8, 2, 1), "Digital": (6, 4, 5)}


def whole_report(page, name):
    """The admin scrolls inside its own pane, so a full-page screenshot stops at the
    window: make the window as tall as the report for the picture."""
    width = page.viewport_size["width"]
    height = page.evaluate(
        "document.querySelector('[data-testid=engagement-report]')"
        ".getBoundingClientRect().bottom + window.scrollY"
    )
    page.set_viewport_size({"width": width, "height": int(height) + 200})
    screenshot(page, name)
    page.set_viewport_size({"width": width, "height": 900})


@pytest.fixture
def story(site):
    """Three departments: Customer Service ahead, Sales far behind."""
    setup.group(setup.EDITORS, home=site.home)
    editor = UserFactory(
        username="editor",
        first_name="Elina",
        last_name="Virtanen",
        department="Communications",
        groups=[setup.EDITORS],
    )
    post = BlogPostPageFactory(
        parent=site.blog,
        title="Our first month on LinkedIn",
        slug="first-month",
        authors=[editor],
    )
    policy = GuidelinePageFactory(
        parent=site.guidelines,
        title="Social media policy",
        policy=True,
        owner_person=editor,
    )
    now = timezone.now()
    for department, (people, readers, acknowledged) in DEPARTMENTS.items():
        for n in range(people):
            person = UserFactory(department=department, location="Tampere")
            if n < readers:
                for weeks_ago in range(n % 3 + 1):
                    seen = now - datetime.timedelta(weeks=weeks_ago, hours=1)
                    PageRead.objects.create(
                        user=person,
                        page=post,
                        week=week_of(seen),
                        first_seen=seen,
                        last_seen=seen,
                    )
                if n % 2:
                    PageReaction.objects.create(user=person, page=post, kind="like")
            if n < acknowledged:
                AcknowledgementFactory(user=person, page=policy)
    return {"editor": editor, "post": post}


def test_an_editor_reads_the_report_and_the_reach_panel_at_both_widths(
    page, site, story
):
    sign_in(page, site.url, "editor")
    page.goto(f"{site.url}/admin/reports/engagement/")
    report = page.get_by_test_id("engagement-report")
    report.wait_for()
    assert page.get_by_label("From").input_value()  # the default period is shown
    weakest = page.get_by_test_id("weakest")
    assert "Sales" in weakest.inner_text()
    assert "the policy" in weakest.inner_text()
    charts = page.locator("figure.intranet-chart svg")
    assert charts.count() >= 3
    assert page.get_by_test_id("departments-table").is_visible()
    whole_report(page, "engagement-report-1280")
    assert_accessible(page, "engagement-report")

    period = page.get_by_test_id("period-form")
    period.get_by_label("From").fill("2026-11-20")
    period.get_by_label("To").fill("2026-11-01")
    page.get_by_test_id("period-show").click()
    page.get_by_text("The period ends before it starts").wait_for()
    assert period.get_by_label("From").input_value() == "2026-11-20"

    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{site.url}/admin/reports/engagement/")
    report.wait_for()
    first_chart = page.locator("figure.intranet-chart").first
    box = first_chart.bounding_box()
    assert box["width"] <= 360
    whole_report(page, "engagement-report-360")

    page.goto(f"{site.url}{story['post'].url}")
    panel = page.get_by_test_id("reach-panel")
    panel.wait_for()
    assert "Seen by" in panel.inner_text()
    assert panel.locator("svg").count() == 1
    screenshot(page, "reach-panel-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}{story['post'].url}")
    panel.wait_for()
    panel.scroll_into_view_if_needed()
    screenshot(page, "reach-panel-1280")
    assert_accessible(page, "reach-panel")
