"""The server-side charts: their geometry, and what the templates print."""

import re
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from intranet import charts
from intranet.charts import Bar, Series

BAR_TEMPLATE = "intranet/includes/charts/bar_chart.html"
LINE_TEMPLATE = "intranet/includes/charts/line_chart.html"


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes, and the page's text."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.text = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def with_class(self, name):
        return [
            attrs
            for _tag, attrs in self.tags
            if name in (attrs.get("class") or "").split()
        ]


def render_bar(chart):
    return render_to_string(BAR_TEMPLATE, {"chart": chart})


def render_line(chart):
    return render_to_string(LINE_TEMPLATE, {"chart": chart})


def row(chart, label):
    return next(r for r in chart.rows if r.label == label)


# Bar charts: geometry ---------------------------------------------------------------


def test_a_bar_at_half_the_maximum_is_half_as_wide_as_a_full_one():
    chart = charts.bar_chart("Read it", [Bar("Sales", 50), Bar("Legal", 100)])
    assert row(chart, "Legal").bar_width == pytest.approx(chart.track_width)
    assert row(chart, "Sales").bar_width == pytest.approx(chart.track_width / 2)


def test_the_scale_follows_the_maximum():
    chart = charts.bar_chart("Visits", [Bar("Sales", 5)], unit="", maximum=20)
    assert row(chart, "Sales").bar_width == pytest.approx(chart.track_width / 4)


def test_values_beyond_the_scale_are_clamped_but_printed_as_they_are():
    chart = charts.bar_chart(
        "Read it", [Bar("Over", 150), Bar("Under", -5), Bar("Full", 100)]
    )
    assert row(chart, "Over").bar_width == row(chart, "Full").bar_width
    assert row(chart, "Under").bar_width == 0
    assert row(chart, "Over").value_text == "150%"
    assert row(chart, "Under").value_text == "-5%"


def test_the_value_is_printed_just_past_the_end_of_its_bar():
    chart = charts.bar_chart("Read it", [Bar("Sales", 43), Bar("Legal", 80)])
    for bar in chart.rows:
        assert bar.value_x > bar.bar_width
        assert bar.value_x - bar.bar_width < 10
    html = render_bar(chart)
    assert ">43%</text>" in html and ">80%</text>" in html


def test_values_keep_one_decimal_only_when_one_of_them_needs_it():
    whole = charts.bar_chart("Read it", [Bar("Sales", 43.0), Bar("Legal", 80)])
    assert [r.value_text for r in whole.rows] == ["43%", "80%"]
    mixed = charts.bar_chart("Read it", [Bar("Sales", 43.0), Bar("Legal", 80.25)])
    assert [r.value_text for r in mixed.rows] == ["43.0%", "80.2%"]


def test_the_longest_value_still_fits_in_the_chart():
    chart = charts.bar_chart("Visits", [Bar("Sales", 12345)], unit=" visits")
    bar = chart.rows[0]
    assert bar.value_x + charts.text_width(bar.value_text) <= chart.width


def test_a_very_long_unit_runs_past_the_edge_rather_than_squeezing_the_bars():
    unit = " visits from colleagues in every department"
    chart = charts.bar_chart("Visits", [Bar("Sales", 50)], unit=unit, maximum=100)
    assert chart.track_width >= charts.WIDTH / 2
    assert chart.rows[0].bar_width == pytest.approx(chart.track_width / 2)


def test_rows_and_series_may_come_from_a_generator():
    bars = charts.bar_chart("Read it", (Bar(name, 10) for name in ["Sales", "HR"]))
    assert [r.label for r in bars.rows] == ["Sales", "HR"]
    lines = charts.line_chart("Weekly", ["W1"], (Series(n, [1]) for n in ["A", "B"]))
    assert [s.label for s in lines.series] == ["A", "B"]


def test_a_maximum_that_is_not_positive_is_refused():
    with pytest.raises(ValueError):
        charts.bar_chart("Read it", [Bar("Sales", 1)], maximum=0)
    with pytest.raises(ValueError):
        charts.line_chart("Weekly", ["W1"], [Series("Read", [1])], maximum=-1)


def test_rows_stack_downwards_without_overlapping():
    chart = charts.bar_chart(
        "Read it", [Bar("Sales " * 20, 10), Bar("Legal", None), Bar("HR", 30)]
    )
    bottoms = 0
    for bar in chart.rows:
        assert bar.label_lines[0].y > bottoms
        bottoms = bar.bar_y + chart.bar_height
    assert bottoms <= chart.height


def test_a_long_label_sits_above_its_bar_on_lines_that_fit_the_width():
    name = "Customer Experience, Service Design and Regional Partnerships Office"
    chart = charts.bar_chart("Read it", [Bar(name, 40)])
    bar = chart.rows[0]
    assert len(bar.label_lines) > 1
    assert " ".join(line.text for line in bar.label_lines) == name
    for line in bar.label_lines:
        assert line.x + charts.text_width(line.text) <= chart.width
        assert line.y < bar.bar_y


def test_a_word_too_long_for_a_line_is_broken_rather_than_cut():
    chart = charts.bar_chart("Read it", [Bar("X" * 120, 40)])
    lines = chart.rows[0].label_lines
    assert "".join(line.text for line in lines) == "X" * 120
    assert all(charts.text_width(line.text) <= chart.width for line in lines)


def test_a_chart_without_rows_shows_a_message_instead_of_an_empty_svg():
    chart = charts.bar_chart("Read it", [])
    assert chart.empty
    html = render_bar(chart)
    assert "<svg" not in html and "<table" not in html
    assert "Nothing to show" in html
    assert "<figcaption" in html and "Read it" in html


# Bar charts: missing values, highlights, the reference line -------------------------


def test_a_row_without_a_value_draws_no_bar_and_prints_its_note():
    chart = charts.bar_chart(
        "Read it",
        [Bar("Sales", 40), Bar("Legal", None, note="fewer than 5 people: not shown")],
    )
    html = render_bar(chart)
    page = Elements(html)
    assert len(page.with_class("intranet-chart__bar")) == 1
    assert row(chart, "Legal").value_text == ""
    # Once in the drawing, once in the table.
    assert html.count("fewer than 5 people: not shown") == 2


def test_a_row_without_a_value_or_a_note_still_says_why_there_is_no_bar():
    chart = charts.bar_chart("Read it", [Bar("Legal", None)])
    assert not chart.empty
    assert row(chart, "Legal").note
    assert row(chart, "Legal").note in render_bar(chart)


def test_a_value_that_is_not_a_number_is_treated_as_missing():
    chart = charts.bar_chart("Read it", [Bar("Sales", float("nan"))])
    assert row(chart, "Sales").value is None
    assert "nan" not in render_bar(chart).lower()


def test_a_highlighted_bar_is_marked_by_more_than_its_colour():
    chart = charts.bar_chart(
        "Read it", [Bar("Sales", 12, highlight=True), Bar("Legal", 60)]
    )
    page = Elements(render_bar(chart))
    bars = page.with_class("intranet-chart__bar")
    assert ["intranet-chart__bar--highlight" in b["class"] for b in bars] == [
        True,
        False,
    ]
    cues = page.with_class("intranet-chart__cue")
    # The words beside the label in the drawing, and in the table's row.
    assert len(cues) == 2
    assert "".join(page.text).count("lags") == 3  # and once in the summary
    assert row(chart, "Sales").cue == "lags" and row(chart, "Legal").cue == ""


def test_the_highlight_words_go_to_a_line_of_their_own_when_the_label_fills_its_own():
    label = "X" * int(charts.WIDTH // (charts.FONT * charts.EM_PER_CHARACTER))
    chart = charts.bar_chart("Read it", [Bar(label, 12, highlight=True)])
    lines = chart.rows[0].label_lines
    assert [(line.text, line.cue) for line in lines] == [(label, ""), ("", "lags")]
    assert lines[1].y > lines[0].y


def test_the_highlight_words_can_be_chosen():
    chart = charts.bar_chart(
        "Read it", [Bar("Sales", 12, highlight=True)], highlight_label="behind"
    )
    assert "behind" in render_bar(chart)


def test_the_reference_line_stands_at_its_value_with_its_label():
    chart = charts.bar_chart(
        "Read it",
        [Bar("Sales", 20), Bar("Legal", 80)],
        reference=25,
        reference_label="everyone: 25%",
    )
    ref = chart.reference
    assert ref.x == pytest.approx(chart.track_width / 4)
    assert ref.y1 < chart.rows[0].bar_y
    assert ref.y2 >= chart.rows[-1].bar_y + chart.bar_height
    html = render_bar(chart)
    assert html.count("everyone: 25%") == 3  # the drawing, its summary, the table
    assert len(Elements(html).with_class("intranet-chart__reference")) == 1


def test_a_reference_label_near_the_right_edge_reads_leftwards_and_fits():
    chart = charts.bar_chart(
        "Read it",
        [Bar("Sales", 90)],
        reference=95,
        reference_label="the whole organisation, every department together",
    )
    ref = chart.reference
    assert ref.anchor == "end"
    for line in ref.lines:
        assert line.x - charts.text_width(line.text) >= 0


def test_a_reference_without_a_label_shows_its_value():
    chart = charts.bar_chart("Read it", [Bar("Sales", 90)], reference=52.5)
    assert chart.reference.text == "52.5%"


def test_no_reference_line_is_drawn_without_a_reference():
    chart = charts.bar_chart("Read it", [Bar("Sales", 90)])
    assert chart.reference is None
    assert "intranet-chart__reference" not in render_bar(chart)


def test_the_summary_names_the_highest_and_lowest_rows():
    chart = charts.bar_chart(
        "Read it",
        [Bar("Sales", 20, highlight=True), Bar("Legal", 80), Bar("HR", None)],
        reference=50,
        reference_label="everyone: 50%",
    )
    assert "Legal" in chart.description and "80%" in chart.description
    assert "Sales" in chart.description and "20%" in chart.description
    assert "everyone: 50%" in chart.description
    assert "No figure for HR" in chart.description


# Bar charts: the template ------------------------------------------------------------


def test_markup_in_a_bar_chart_is_shown_as_text_in_the_drawing_and_the_table():
    chart = charts.bar_chart(
        "<i>Read</i> it",
        [
            Bar("<b>Sales</b>", 40, highlight=True),
            Bar("<b>Legal</b>", None, note="<script>alert(1)</script>"),
        ],
        reference=30,
        reference_label="<u>everyone</u>",
        highlight_label="<em>lags</em>",
    )
    html = render_bar(chart)
    for markup in ("<b>", "<i>", "<u>", "<em>", "<script>"):
        assert markup not in html
    assert html.count("&lt;b&gt;Sales&lt;/b&gt;") >= 2
    assert html.count("&lt;b&gt;Legal&lt;/b&gt;") >= 2
    assert "&lt;script&gt;" in html and "&lt;u&gt;everyone&lt;/u&gt;" in html
    assert "&amp;lt;" not in html  # escaped once, not twice


def test_the_drawing_is_an_image_named_and_described_and_followed_by_a_table():
    chart = charts.bar_chart("Read it", [Bar("Sales", 40), Bar("Legal", None)])
    html = render_bar(chart)
    page = Elements(html)
    (svg,) = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert svg["role"] == "img"
    viewbox = [float(number) for number in svg["viewbox"].split()]
    assert viewbox == [0, 0, chart.width, chart.height]
    ids = {attrs["id"] for _tag, attrs in page.tags if "id" in attrs}
    assert svg["aria-labelledby"] in ids and svg["aria-describedby"] in ids
    assert f">{chart.description}</desc>" in html
    assert html.index("<svg") < html.index("<table")
    row_headers = [a for t, a in page.tags if t == "th" and a.get("scope") == "row"]
    col_headers = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(row_headers) == 2 and len(col_headers) >= 2
    assert "<caption" in html


def test_geometry_is_written_with_a_decimal_point_in_every_language():
    with translation.override("fi"):
        chart = charts.bar_chart(
            "Read it", [Bar("Sales", 33.3333), Bar("Legal", 66.6)], reference=12.345
        )
        html = render_bar(chart)
    assert "33,3%" in html  # figures meant for people are in the reader's language
    geometry = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', html)
    assert geometry
    assert all(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value) for value in geometry)


def test_two_charts_on_one_page_have_their_own_ids():
    first = charts.bar_chart("Read it", [Bar("Sales", 40)], reference=20)
    second = charts.bar_chart("Read it", [Bar("Sales", 40)], reference=20)
    line = charts.line_chart("Read it", ["W1", "W2"], [Series("Read", [1, 2])])
    html = render_bar(first) + render_bar(second) + render_line(line)
    page = Elements(html)
    ids = [attrs["id"] for _tag, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))
    references = [
        ref
        for _tag, attrs in page.tags
        for name in ("aria-labelledby", "aria-describedby")
        for ref in (attrs.get(name) or "").split()
    ]
    assert references and set(references) <= set(ids)


def test_the_charts_need_no_inline_style_or_script():
    """The intranet's Content-Security-Policy refuses both."""
    bar = charts.bar_chart("Read it", [Bar("Sales", 40, highlight=True)], reference=9)
    line = charts.line_chart("Weekly", ["W1", "W2"], [Series("Read", [1, 2])])
    html = render_bar(bar) + render_line(line)
    assert "style=" not in html and "<style" not in html and "<script" not in html


def test_an_id_can_be_given():
    chart = charts.bar_chart("Read it", [Bar("Sales", 40)], chart_id="reach")
    assert chart.id == "reach"
    assert 'id="reach-title"' in render_bar(chart)


def test_a_title_of_markup_makes_a_plain_id():
    chart = charts.bar_chart('"><b>Read</b>', [Bar("Sales", 40)])
    assert re.fullmatch(r"[a-z0-9-]+", chart.id)


# Line charts ----------------------------------------------------------------------


def test_a_gap_in_a_series_breaks_its_line():
    chart = charts.line_chart(
        "Weekly",
        ["W1", "W2", "W3", "W4", "W5"],
        [Series("Read", [10, 20, None, 30, 40])],
    )
    (read,) = chart.series
    assert len(read.segments) == 2
    assert [len(points.split()) for points in read.segments] == [2, 2]
    page = Elements(render_line(chart))
    assert len(page.with_class("intranet-chart__line")) == 2


def test_a_point_alone_between_gaps_still_shows_as_a_marker():
    chart = charts.line_chart(
        "Weekly", ["W1", "W2", "W3"], [Series("Read", [None, 20, None])]
    )
    (read,) = chart.series
    assert read.segments == []
    assert read.markers.count("M") == 1
    assert not chart.empty


def test_every_point_of_a_short_series_has_its_marker():
    weeks = ["W1", "W2", "W3", "W4", "W5", "W6"]
    chart = charts.line_chart("Weekly", weeks, [Series("Read", [1, 2, 3, 4, 5, 6])])
    assert chart.series[0].markers.count("M") == 6
    assert len(chart.ticks) == 6


def test_a_crowded_series_keeps_markers_on_labelled_weeks_and_on_lone_points():
    weeks = [f"{day:02d} Mon" for day in range(1, 53)]
    values = [10.0] * 52
    values[3] = values[5] = None  # the fifth week stands alone
    chart = charts.line_chart("Weekly", weeks, [Series("Read", values)])
    labelled = {weeks.index(tick.text) for tick in chart.ticks}
    assert 4 not in labelled
    expected = {index for index in labelled if values[index] is not None} | {4}
    assert chart.series[0].markers.count("M") == len(expected)


def test_points_stand_where_their_values_say():
    chart = charts.line_chart(
        "Weekly", ["W1", "W2", "W3"], [Series("Read", [0, 50, 150])]
    )
    (points,) = chart.series[0].segments
    (x1, y1), (x2, y2), (x3, y3) = (map(float, p.split(",")) for p in points.split())
    assert y1 == chart.plot_bottom
    assert y2 == pytest.approx((chart.plot_top + chart.plot_bottom) / 2)
    assert y3 == chart.plot_top  # clamped to the maximum
    assert x1 == chart.plot_left and x3 == chart.plot_right
    assert x2 == pytest.approx((x1 + x3) / 2)
    assert chart.rows[2].cells == ["150%"]


def test_gridlines_mark_the_quarters_of_the_scale():
    chart = charts.line_chart("Weekly", ["W1", "W2"], [Series("Read", [1, 2])])
    assert [g.text for g in chart.gridlines] == ["0%", "25%", "50%", "75%", "100%"]
    ten = charts.line_chart(
        "Weekly", ["W1", "W2"], [Series("Read", [1, 2])], unit="", maximum=10
    )
    assert [g.text for g in ten.gridlines] == ["0.0", "2.5", "5.0", "7.5", "10.0"]
    assert ten.gridlines[0].y == ten.plot_bottom and ten.gridlines[-1].y == ten.plot_top


def test_a_few_weeks_are_all_labelled():
    weeks = ["05 Jan", "12 Jan", "19 Jan", "26 Jan"]
    chart = charts.line_chart("Weekly", weeks, [Series("Read", [1, 2, 3, 4])])
    assert [tick.text for tick in chart.ticks] == weeks


def test_many_weeks_are_labelled_every_few_weeks_without_overlapping():
    weeks = [f"{day:02d} Mon" for day in range(1, 53)]
    chart = charts.line_chart("Weekly", weeks, [Series("Read", list(range(52)))])
    ticks = chart.ticks
    assert 2 < len(ticks) < len(weeks)
    assert ticks[-1].text == weeks[-1]  # the latest week is always labelled
    for left, right in zip(ticks, ticks[1:], strict=False):
        half_widths = (
            charts.text_width(left.text, charts.SMALL_FONT)
            + charts.text_width(right.text, charts.SMALL_FONT)
        ) / 2
        assert right.x - left.x >= half_widths
    assert ticks[0].x - charts.text_width(ticks[0].text, charts.SMALL_FONT) / 2 >= 0
    assert (
        ticks[-1].x + charts.text_width(ticks[-1].text, charts.SMALL_FONT) / 2
        <= chart.width
    )
    # Every week is still in the table.
    assert [r.label for r in chart.rows] == weeks


def test_each_series_differs_by_dash_and_marker_as_well_as_colour():
    series = [Series(f"Measure {n}", [n, n + 1, n + 2]) for n in range(4)]
    chart = charts.line_chart("Weekly", ["W1", "W2", "W3"], series)
    assert len({s.number for s in chart.series}) == 4
    assert len({s.dash for s in chart.series}) == 4
    assert len({s.shape for s in chart.series}) == 4
    page = Elements(render_line(chart))
    legend = page.with_class("intranet-chart__legend-item")
    assert len(legend) == 4


def test_more_series_than_there_are_styles_is_refused():
    series = [Series(f"Measure {n}", [n]) for n in range(len(charts.STYLES) + 1)]
    with pytest.raises(ValueError):
        charts.line_chart("Weekly", ["W1"], series)


def test_a_series_that_does_not_match_the_weeks_is_refused():
    with pytest.raises(ValueError, match="Read"):
        charts.line_chart("Weekly", ["W1", "W2"], [Series("Read", [1, 2, 3])])


def test_a_line_chart_without_weeks_or_figures_shows_a_message():
    for chart in (
        charts.line_chart("Weekly", [], []),
        charts.line_chart("Weekly", ["W1", "W2"], []),
        charts.line_chart("Weekly", ["W1", "W2"], [Series("Read", [None, None])]),
    ):
        assert chart.empty
        html = render_line(chart)
        assert "<svg" not in html and "Nothing to show" in html


def test_a_single_week_stands_in_the_middle():
    chart = charts.line_chart("Weekly", ["W1"], [Series("Read", [40])])
    assert chart.ticks[0].x == pytest.approx((chart.plot_left + chart.plot_right) / 2)


def test_the_line_chart_table_has_a_row_a_week_and_a_column_a_series():
    chart = charts.line_chart(
        "Weekly",
        ["W1", "W2"],
        [Series("Read", [10, None]), Series("Commented", [2, 3])],
    )
    assert [r.cells for r in chart.rows] == [["10%", "2%"], ["", "3%"]]
    page = Elements(render_line(chart))
    row_headers = [a for t, a in page.tags if t == "th" and a.get("scope") == "row"]
    col_headers = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(row_headers) == 2 and len(col_headers) == 3


def test_the_line_chart_summary_gives_the_span_and_the_latest_figures():
    chart = charts.line_chart(
        "Weekly",
        ["05 Jan", "12 Jan", "19 Jan"],
        [Series("Read", [10, 20, 30]), Series("Commented", [2, 3, None])],
    )
    assert "05 Jan" in chart.description and "19 Jan" in chart.description
    assert "Read 30%" in chart.description
    assert "Commented 3% (12 Jan)" in chart.description


def test_markup_in_a_line_chart_is_shown_as_text():
    chart = charts.line_chart(
        "<i>Weekly</i>",
        ["<b>W1</b>", "W2"],
        [Series("<b>Read</b>", [1, 2])],
    )
    html = render_line(chart)
    assert "<b>" not in html and "<i>" not in html
    assert html.count("&lt;b&gt;Read&lt;/b&gt;") >= 2  # legend and table
    assert html.count("&lt;b&gt;W1&lt;/b&gt;") >= 2  # axis and table
    assert "&amp;lt;" not in html


def test_line_geometry_is_written_with_a_decimal_point_in_every_language():
    with translation.override("fi"):
        chart = charts.line_chart(
            "Weekly", ["W1", "W2", "W3"], [Series("Read", [33.3333, 66.6, None])]
        )
        html = render_line(chart)
    assert "33,3%" in html
    number = r"-?[0-9]+(\.[0-9]+)?"
    geometry = re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', html)
    assert geometry
    assert all(re.fullmatch(number, value) for value in geometry)
    points = re.findall(r'\spoints="([^"]*)"', html)
    assert points
    for value in points:
        assert all(re.fullmatch(f"{number},{number}", p) for p in value.split())
