"""Charts drawn on the server: an SVG that needs no JavaScript, and the same
figures in a table under it.

``bar_chart`` and ``line_chart`` return a dataclass with every position already
computed, in the units of the SVG's viewBox; the templates only print it::

    chart = charts.bar_chart(_("Opened it, by department"), [charts.Bar("Sales", 43)])

    {% include "intranet/includes/charts/bar_chart.html" with chart=chart %}

The viewBox is about as wide as a phone (``WIDTH``), so text is drawn near its
own size there, and charts.css lets the SVG grow with its container up to a
width where the text is still comfortable. Text cannot be measured on the
server: ``text_width`` estimates it generously, a label too long for its line is
wrapped onto the next, and the labels of a line chart's axis are thinned on that
estimate, so nothing is cut off or overlaps at any size.

Text reaches the templates as it came, unescaped: Django's autoescaping makes it
safe, once, in the drawing and in the table alike.
"""

import math
import textwrap
import uuid
from dataclasses import dataclass, replace

from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

WIDTH = 360  # every chart's viewBox width
FONT = 16  # labels and values
SMALL_FONT = 14  # the axes of a line chart
LINE_HEIGHT = 19
EM_PER_CHARACTER = 0.7  # wider than most text (DejaVu Sans), on purpose

BAR_HEIGHT = 20
ROW_GAP = 14  # between one bar and the next row's label
VALUE_GAP = 6  # between a bar's end and its value

PLOT_HEIGHT = 170
MARKER_SIZE = 4

# A line chart's series differ by colour (charts.css) and by these: a dash
# pattern and a marker shape, so that colour is never the only difference.
STYLES = (
    ("", "circle"),
    ("8 4", "square"),
    ("2 3", "triangle"),
    ("10 3 2 3", "diamond"),
    ("4 2", "triangle-down"),
)

# The corners of each marker, in units of MARKER_SIZE around its point.
_POLYGONS = {
    "square": ((-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)),
    "triangle": ((0, -1.25), (1.15, 0.8), (-1.15, 0.8)),
    "diamond": ((0, -1.35), (1.15, 0), (0, 1.35), (-1.15, 0)),
    "triangle-down": ((0, 1.25), (1.15, -0.8), (-1.15, -0.8)),
}


def text_width(text: str, font: float = FONT) -> float:
    """A generous estimate of how wide ``text`` is drawn, in viewBox units."""
    return len(text) * font * EM_PER_CHARACTER


# What callers pass -----------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart. ``value=None`` draws no bar and prints ``note``
    (too few people to show); ``highlight`` marks the row as lagging."""

    label: str
    value: float | None
    note: str = ""
    highlight: bool = False


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a value (or None, a gap) for each x label."""

    label: str
    values: list[float | None]


# What templates print --------------------------------------------------------------


@dataclass(frozen=True)
class TextLine:
    """One line of a wrapped label; ``cue`` is the highlight's words after it."""

    text: str
    x: float
    y: float
    cue: str = ""


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float | None
    value_text: str  # "43%", or "" without a value
    note: str
    cue: str  # the highlight's words ("lags"), or "" when not highlighted
    label_lines: list[TextLine]
    note_lines: list[TextLine]  # the note, where the bar would be, without a value
    bar_y: float
    bar_width: float
    value_x: float
    value_y: float

    @property
    def highlight(self) -> bool:
        return bool(self.cue)


@dataclass(frozen=True)
class Reference:
    """The vertical line of a bar chart (everyone's figure), with its label."""

    value: float
    value_text: str
    text: str
    x: float
    y1: float
    y2: float
    anchor: str  # "start" or "end": the side of the line the label reads towards
    lines: list[TextLine]


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    rows: list[BarRow]
    reference: Reference | None
    width: float
    height: float
    track_width: float
    bar_height: float = BAR_HEIGHT
    font_size: float = FONT

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def has_notes(self) -> bool:
        return any(row.note or row.cue for row in self.rows)


@dataclass(frozen=True)
class Gridline:
    y: float
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class SeriesLine:
    label: str
    number: int  # 1 and up: the colour in charts.css
    dash: str
    shape: str
    segments: list[str]  # polyline points, one list for each run between gaps
    markers: str  # a path of all the series' markers
    legend_marker: str


@dataclass(frozen=True)
class LineRow:
    label: str
    cells: list[str]  # one a series, "" where it has no value


@dataclass(frozen=True)
class LineChart:
    id: str
    title: str
    description: str
    x_heading: str
    empty: bool
    series: list[SeriesLine]
    gridlines: list[Gridline]
    ticks: list[Tick]
    rows: list[LineRow]
    width: float = WIDTH
    height: float = 0
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0
    tick_y: float = 0
    font_size: float = SMALL_FONT


# Bar charts ------------------------------------------------------------------------


def bar_chart(
    title: str,
    rows: list[Bar],
    unit: str = "%",
    maximum: float = 100,
    reference: float | None = None,
    reference_label: str = "",
    *,
    highlight_label: str = "",
    label_heading: str = "",
    value_heading: str = "",
    chart_id: str = "",
) -> BarChart:
    """Horizontal bars from 0 to ``maximum``, each under its label and with its
    value at its end (``unit`` is appended as given); values beyond the scale are
    drawn at its edge and printed as they are. ``reference`` draws a vertical
    line labelled ``reference_label`` (its value, without one). A highlighted
    row says ``highlight_label`` ("lags") beside its label as well as changing
    colour."""
    _check_maximum(maximum)
    title = str(title)
    rows = list(rows)
    cue = str(highlight_label or _("lags"))
    values = [value for bar in rows if (value := _number(bar.value)) is not None]
    reference = _number(reference)
    decimals = _decimals([*values, *([] if reference is None else [reference])])

    def formatted(value):
        return _format(value, unit, decimals)

    longest_value = max((text_width(formatted(value)) for value in values), default=0)
    # A value too long for its room runs past the edge rather than the bars
    # shrinking to nothing.
    track_width = max(WIDTH - VALUE_GAP - longest_value, WIDTH / 2)
    line = None
    if reference is not None:
        line = _reference(
            reference,
            formatted(reference),
            str(reference_label) or formatted(reference),
            track_width * _share(reference, maximum),
        )

    built = []
    top = y = line.y1 + 2 if line else 0
    for bar in rows:
        label_lines = _label_lines(str(bar.label), cue if bar.highlight else "", y)
        y += LINE_HEIGHT * len(label_lines) + 3
        value = _number(bar.value)
        note = str(bar.note)
        if value is None:
            note = note or _("too few to show")
            note_lines = [
                TextLine(part, 0, _baseline(y, number))
                for number, part in enumerate(_wrap(note, WIDTH))
            ]
            width, value_text, height = 0, "", LINE_HEIGHT * len(note_lines)
        else:
            note_lines = []
            width = track_width * _share(value, maximum)
            value_text, height = formatted(value), BAR_HEIGHT
        built.append(
            BarRow(
                label=str(bar.label),
                value=value,
                value_text=value_text,
                note=note,
                cue=cue if bar.highlight else "",
                label_lines=label_lines,
                note_lines=note_lines,
                bar_y=_round(y),
                bar_width=_round(width),
                value_x=_round(width + VALUE_GAP),
                value_y=_round(y + BAR_HEIGHT / 2 + FONT * 0.35),
            )
        )
        y += max(height, BAR_HEIGHT) + ROW_GAP
    height = _round(y - ROW_GAP + 4) if rows else top

    if line is not None:
        line = replace(line, y2=height)
    return BarChart(
        id=_chart_id(title, chart_id),
        title=title,
        description=_bar_description(built, line),
        label_heading=str(label_heading or _("Group")),
        value_heading=str(value_heading or _("Value")),
        rows=built,
        reference=line,
        width=WIDTH,
        height=height,
        track_width=_round(track_width),
    )


def _reference(value: float, value_text: str, text: str, x: float) -> Reference:
    """The reference line at ``x``, its label above the bars and reading away
    from the nearer edge; the caller sets where the line ends (``y2``)."""
    if x <= WIDTH / 2:
        anchor, text_x, room = "start", x + 4, WIDTH - x - 4
    else:
        anchor, text_x, room = "end", x - 4, x - 4
    lines = [
        TextLine(part, _round(text_x), _baseline(0, number))
        for number, part in enumerate(_wrap(text, room))
    ]
    top = LINE_HEIGHT * len(lines) + 2
    return Reference(value, value_text, text, _round(x), top, top, anchor, lines)


def _label_lines(label: str, cue: str, top: float) -> list[TextLine]:
    """The label wrapped to the chart's width, with the cue after its last line,
    or on a line of its own when it would not fit there."""
    parts = _wrap(label, WIDTH)
    lines = [TextLine(part, 0, _baseline(top, n)) for n, part in enumerate(parts)]
    if not cue:
        return lines
    marked = f"{parts[-1]} ▼ {cue}"
    if text_width(marked) <= WIDTH:
        last = lines.pop()
        return [*lines, TextLine(last.text, 0, last.y, cue)]
    return [*lines, TextLine("", 0, _baseline(top, len(lines)), cue)]


def _bar_description(rows: list[BarRow], reference: Reference | None) -> str:
    shown = [row for row in rows if row.value is not None]
    parts = []
    if shown:
        high = max(shown, key=lambda row: row.value)
        low = min(shown, key=lambda row: row.value)
        if len(shown) == 1:
            parts.append(
                _("%(label)s: %(value)s.")
                % {"label": high.label, "value": high.value_text}
            )
        elif high.value == low.value:
            parts.append(_("All at %(value)s.") % {"value": high.value_text})
        else:
            parts.append(
                _("Highest: %(high_label)s, %(high)s. Lowest: %(low_label)s, %(low)s.")
                % {
                    "high_label": high.label,
                    "high": high.value_text,
                    "low_label": low.label,
                    "low": low.value_text,
                }
            )
    missing = [row.label for row in rows if row.value is None]
    if missing:
        parts.append(_("No figure for %(labels)s.") % {"labels": ", ".join(missing)})
    if reference is not None:
        parts.append(_("Reference line: %(text)s.") % {"text": reference.text})
    marked = [row for row in rows if row.cue]
    if marked:
        parts.append(
            _("Marked “%(cue)s”: %(labels)s.")
            % {"cue": marked[0].cue, "labels": ", ".join(row.label for row in marked)}
        )
    return " ".join(parts)


# Line charts -----------------------------------------------------------------------


def line_chart(
    title: str,
    x_labels: list[str],
    series: list[Series],
    unit: str = "%",
    maximum: float = 100,
    *,
    x_heading: str = "",
    chart_id: str = "",
) -> LineChart:
    """A line for each series (at most ``len(STYLES)``) across ``x_labels``, from
    0 to ``maximum``; a None breaks its line. Gridlines mark the quarters of the
    scale; x labels are thinned to every few weeks, counted back from the latest,
    when they would not fit side by side."""
    _check_maximum(maximum)
    series = list(series)
    if len(series) > len(STYLES):
        raise ValueError(
            f"A line chart draws at most {len(STYLES)} series, not {len(series)}."
        )
    title = str(title)
    x_labels = [str(label) for label in x_labels]
    columns = []
    for line in series:
        values = list(line.values)
        if len(values) != len(x_labels):
            raise ValueError(
                f"The series {str(line.label)!r} has {len(values)} values "
                f"for {len(x_labels)} labels."
            )
        columns.append([_number(value) for value in values])
    figures = [value for column in columns for value in column if value is not None]
    decimals = _decimals(figures)
    rows = [
        LineRow(
            label,
            [
                "" if column[index] is None else _format(column[index], unit, decimals)
                for column in columns
            ],
        )
        for index, label in enumerate(x_labels)
    ]
    common = {
        "id": _chart_id(title, chart_id),
        "title": title,
        "x_heading": str(x_heading or _("Week")),
        "rows": rows,
    }
    if not figures:
        empty = {"series": [], "gridlines": [], "ticks": []}
        return LineChart(**common, description="", empty=True, **empty)

    scale = [maximum * quarter / 4 for quarter in range(5)]
    scale_decimals = _decimals(scale)
    scale_texts = [_format(value, unit, scale_decimals) for value in scale]
    count = len(x_labels)
    widest_label = max(text_width(label, SMALL_FONT) for label in x_labels)
    half_label = min(widest_label / 2 + 2, WIDTH / 4)
    left = math.ceil(
        max(max(text_width(t, SMALL_FONT) for t in scale_texts) + 8, half_label)
    )
    right = WIDTH - math.ceil(max(half_label, 8))
    top = 10
    bottom = top + PLOT_HEIGHT

    def x_at(index):
        if count == 1:
            return (left + right) / 2
        return left + (right - left) * index / (count - 1)

    def y_at(value):
        return bottom - PLOT_HEIGHT * _share(value, maximum)

    step = (right - left) / (count - 1) if count > 1 else right - left
    every = max(1, math.ceil((widest_label + 6) / step))
    labelled = {index for index in range(count) if (count - 1 - index) % every == 0}
    # Markers on every point while they have room; on the labelled ones when
    # the points crowd, and always on a point alone between gaps.
    crowded = step < 3 * MARKER_SIZE

    lines = []
    for number, (line, column) in enumerate(zip(series, columns, strict=True), 1):
        dash, shape = STYLES[number - 1]
        points = [
            None if value is None else (x_at(index), y_at(value))
            for index, value in enumerate(column)
        ]
        segments, run = [], []
        for point in [*points, None]:
            if point is not None:
                run.append(point)
                continue
            if len(run) > 1:
                segments.append(" ".join(f"{_n(x)},{_n(y)}" for x, y in run))
            run = []
        alone = {
            index
            for index, point in enumerate(points)
            if point is not None
            and (index == 0 or points[index - 1] is None)
            and (index == count - 1 or points[index + 1] is None)
        }
        markers = "".join(
            _marker(shape, *point)
            for index, point in enumerate(points)
            if point is not None
            and (not crowded or index in labelled or index in alone)
        )
        lines.append(
            SeriesLine(
                label=str(line.label),
                number=number,
                dash=dash,
                shape=shape,
                segments=segments,
                markers=markers,
                legend_marker=_marker(shape, 16, 6),
            )
        )

    gridlines = [
        Gridline(
            y=_round(y_at(value)),
            text=text,
            text_x=left - 6,
            text_y=_round(y_at(value) + SMALL_FONT * 0.35),
        )
        for value, text in zip(scale, scale_texts, strict=True)
    ]
    ticks = [Tick(_round(x_at(index)), x_labels[index]) for index in sorted(labelled)]
    return LineChart(
        **common,
        description=_line_description(lines, rows, x_labels),
        empty=False,
        series=lines,
        gridlines=gridlines,
        ticks=ticks,
        height=bottom + 26,
        plot_left=left,
        plot_right=right,
        plot_top=top,
        plot_bottom=bottom,
        tick_y=bottom + 20,
    )


def _marker(shape: str, x: float, y: float) -> str:
    """The path of one marker centred on (x, y)."""
    r = MARKER_SIZE
    if shape == "circle":
        return f"M{_n(x - r)},{_n(y)}a{r},{r} 0 1,0 {2 * r},0a{r},{r} 0 1,0 {-2 * r},0Z"
    corners = (f"{_n(x + dx * r)},{_n(y + dy * r)}" for dx, dy in _POLYGONS[shape])
    return "M" + "L".join(corners) + "Z"


def _line_description(
    lines: list[SeriesLine], rows: list[LineRow], x_labels: list[str]
) -> str:
    names = ", ".join(line.label for line in lines)
    parts = [
        _("%(series)s from %(first)s to %(last)s.")
        % {"series": names, "first": x_labels[0], "last": x_labels[-1]}
    ]
    latest = []
    for column, line in enumerate(lines):
        index = next(
            (i for i in reversed(range(len(rows))) if rows[i].cells[column]), None
        )
        if index is None:
            continue
        figure = f"{line.label} {rows[index].cells[column]}"
        if index != len(rows) - 1:
            figure = f"{figure} ({x_labels[index]})"
        latest.append(figure)
    parts.append(_("Latest: %(figures)s.") % {"figures": ", ".join(latest)})
    return " ".join(parts)


# Shared ----------------------------------------------------------------------------


def _check_maximum(maximum) -> None:
    if not maximum > 0:  # also refuses NaN
        raise ValueError(f"A chart's maximum must be above zero, not {maximum!r}.")


def _number(value) -> float | None:
    """``value`` as a float, or None when it is missing or not a finite number."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _share(value: float, maximum: float) -> float:
    """Where ``value`` falls from 0 to 1 on a scale to ``maximum``, clamped."""
    return min(max(value / maximum, 0.0), 1.0)


def _decimals(values: list[float]) -> int:
    """One decimal for every figure of a chart when any of them needs it."""
    return 0 if all(float(value).is_integer() for value in values) else 1


def _format(value: float, unit: str, decimals: int) -> str:
    """A figure for people: in the reader's language, with its unit."""
    return f"{number_format(round(value, decimals), decimal_pos=decimals)}{unit}"


def _wrap(text: str, width: float, font: float = FONT) -> list[str]:
    """``text`` in lines no wider than ``width``; a word too long is broken."""
    characters = max(int(width // (font * EM_PER_CHARACTER)), 1)
    return textwrap.wrap(text, characters, break_on_hyphens=False) or [""]


def _baseline(top: float, line: int) -> float:
    return _round(top + FONT - 1 + LINE_HEIGHT * line)


def _round(value: float) -> float:
    return round(value, 2)


def _n(value: float) -> str:
    """A coordinate inside a ``points`` or ``d`` attribute."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _chart_id(title: str, chart_id: str) -> str:
    """An id for the chart's elements, unique on the page unless one is given."""
    if chart_id:
        return slugify(chart_id)
    name = slugify(title)[:40].strip("-") or "chart"
    return f"intranet-chart-{name}-{uuid.uuid4().hex[:8]}"
