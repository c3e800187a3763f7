"""Report exports cannot run a formula in the spreadsheet of the editor who opens them.

Anyone can choose their display name, and editors name departments and pages; a cell
that starts like a formula comes out with a leading quote, as OWASP recommends.
"""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from intranet import setup
from intranet.exports import SpreadsheetSafeMixin, spreadsheet_safe
from tests.factories import (
    AcknowledgementFactory,
    GuidelinePageFactory,
    TrainingModulePageFactory,
    UserFactory,
)
from tests.guidelines.test_reports import admin_user, csv_rows, report_url

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture
def editor_client(client, tree):
    client.force_login(admin_user("editor", setup.EDITORS))
    return client


def cells(response):
    return [cell for row in csv_rows(response) for cell in row]


@pytest.fixture
def hostile_people():
    return [
        UserFactory(display_name=value, department=value, username=f"hostile{n}")
        for n, value in enumerate(HOSTILE)
    ]


def assert_escaped(found):
    for value in HOSTILE:
        assert "'" + value in found
        assert value not in found


def test_acknowledgement_export_escapes_names_and_departments(
    editor_client, tree, hostile_people
):
    policy = GuidelinePageFactory(
        parent=tree.guidelines, title="Social media policy", slug="policy", policy=True
    )
    AcknowledgementFactory(user=hostile_people[0], page=policy)
    ordinary = UserFactory(display_name="Aino A", department="Sales")
    AcknowledgementFactory(user=ordinary, page=policy)
    rows = csv_rows(
        editor_client.get(report_url("acknowledgements", policy.pk), {"export": "csv"})
    )
    found = [cell for row in rows for cell in row]
    assert_escaped(found)
    aino = next(r for r in rows if r[0] == "Aino A")
    assert (aino[2], aino[3], aino[4]) == ("Sales", "Acknowledged", "1")


def test_training_module_export_escapes_names_and_departments(
    editor_client, tree, hostile_people
):
    module = TrainingModulePageFactory(parent=tree.guidelines, title="Ambassadors")
    UserFactory(display_name="Aino A", department="Sales")
    response = editor_client.get(
        report_url("training_module", module.pk), {"export": "csv"}
    )
    found = cells(response)
    assert_escaped(found)
    assert {"Aino A", "Sales"} <= set(found)


def test_overdue_export_escapes_owners_and_titles(editor_client, tree):
    import datetime

    from django.utils import timezone

    late = timezone.localdate() - datetime.timedelta(days=3)
    for n, value in enumerate(HOSTILE):
        GuidelinePageFactory(
            parent=tree.guidelines,
            title=value,
            slug=f"late-{n}",
            review_date=late,
            owner_person=UserFactory(display_name=value, username=f"owner{n}"),
        )
    found = cells(editor_client.get(report_url("overdue"), {"export": "csv"}))
    assert_escaped(found)
    assert late.isoformat() in found


def test_must_read_and_training_exports_escape_titles(editor_client, tree):
    for n, value in enumerate(HOSTILE):
        GuidelinePageFactory(
            parent=tree.guidelines, title=value, slug=f"policy-{n}", policy=True
        )
        TrainingModulePageFactory(parent=tree.guidelines, title=value, slug=f"t-{n}")
    must_read = cells(editor_client.get(report_url("must_read"), {"export": "csv"}))
    assert_escaped(must_read)
    assert "0" in must_read  # counts stay plain numbers
    assert_escaped(cells(editor_client.get(report_url("training"), {"export": "csv"})))


def test_excel_export_keeps_hostile_names_as_text_never_formulas(
    editor_client, tree, hostile_people
):
    module = TrainingModulePageFactory(parent=tree.guidelines, title="Ambassadors")
    response = editor_client.get(
        report_url("training_module", module.pk), {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    # XML reads a carriage return back as a line feed; the cell is text all the same
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    for value in HOSTILE:
        assert names[value.replace("\r", "\n")] == "s"


class Row:
    def __init__(self, **values):
        self.__dict__.update(values)


class Export(SpreadsheetSafeMixin, SpreadsheetExportMixin):
    list_export = ["name", "count", "share"]


def test_numbers_stay_numbers_and_ordinary_text_is_unchanged():
    assert spreadsheet_safe(-2) == -2
    assert spreadsheet_safe(Decimal("-2.5")) == Decimal("-2.5")
    assert spreadsheet_safe("Aino-Maria O'Neil") == "Aino-Maria O'Neil"
    assert spreadsheet_safe("") == ""
    lines = b"".join(
        line
        for line in Export().stream_csv(
            [Row(name="-2+3", count=-2, share=Decimal("-0.5"))]
        )
    ).decode()
    assert list(csv.reader(io.StringIO(lines)))[1] == ["'-2+3", "-2", "-0.5"]
