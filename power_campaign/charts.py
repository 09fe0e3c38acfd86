"""Server-rendered SVG charts: the geometry, for templates/charts/ to draw (no script, no inline style:
the site's Content-Security-Policy forbids both).

- `month_starts(today, count)`: the months of a chart "per month", oldest first.
- `axis(value)`: round tick values from 0 up to at least `value`.
- `stacked_columns(keys, series, count, plot)`: a column per key (a month...), stacked by series.
- `horizontal_bars(rows)`: a labelled bar per row, the longest filling the width.
- `monthly_chart(...)` and `bar_chart(...)`: what templates/charts/monthly_columns.html (with
  legend.html and monthly_table.html) and templates/charts/horizontal_bars.html (with bars_table.html)
  draw.

A stacked column writes its own segments and table cells (`Column.segments_svg`, `cells_html`: a year by
type is some 130 of each); the templates draw the rest. Coordinates are in viewBox units, rounded to 2
decimals. An app names what its keys are by subclassing `Series`, `Column` or `Bar` (`class
MonthBar(Column): month = property(lambda self: self.key)`) and passing the class in.
"""

import datetime
import textwrap
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import mark_safe

from power_campaign.formats import date_format

WIDTH = 400  # the viewBox width of every chart; the SVG scales to its card (390 px phones included)


def month_starts(today, count=12):
    """The first day of each of the last `count` months, oldest first, the current month last."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def axis(value, intervals=5):
    """Values for the axis: 0 to the first multiple of a step of 1, 2, 5, 10, 20, 50, ... at or above
    `value`, in at most `intervals` steps (0 and 1 when there is nothing)."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if -(-value // step) <= intervals:
                top = max(-(-value // step), 1) * step
                return list(range(0, top + 1, step))
        magnitude *= 10


@dataclass(frozen=True)
class Plot:
    """The plotting area inside the viewBox (room around it for labels)."""

    left: float
    right: float
    top: float
    bottom: float


@dataclass
class Series:
    key: str
    label: str
    color: str
    total: int

    @cached_property
    def escaped(self):
        """(label, colour) as HTML text: escaped once for the segments of every column."""
        return escape(self.label), escape(self.color)


@dataclass
class Segment:
    series: Series
    count: int
    y: float
    height: float


@dataclass
class Column:
    key: object  # what the column stands for: a month, a stage...
    x: float
    width: float
    center: float
    total: int
    top: float  # where the stack ends (the total is written just above)
    cells: list = field(default_factory=list)  # counts in series (legend) order
    segments: list = field(default_factory=list)  # drawn bottom up, zero counts left out
    label: str = ""  # the key as shown ("Mar 2026"), written once for all its segments' titles

    def segments_svg(self):
        """The column's segments as SVG rectangles with their titles ("Mar 2026, Wage theft: 3"): written
        here rather than in the template, which took 4 ms for the 130-odd segments of a year by type."""
        label = escape(self.label)
        return mark_safe(  # noqa: S308 - every text is escaped, the rest are numbers
            "".join(
                SEGMENT.format(
                    x=self.x,
                    y=segment.y,
                    width=self.width,
                    height=segment.height,
                    color=segment.series.escaped[1],
                    label=label,
                    series=segment.series.escaped[0],
                    count=segment.count,
                )
                for segment in self.segments
            )
        )

    def cells_html(self):
        """The column's counts as the cells of its row in the table under the chart, written here for the
        same reason (a year by type is some 130 cells); numbers localized as the template would."""
        return mark_safe("".join(f"<td>{escape(localize(count))}</td>" for count in self.cells))  # noqa: S308


SEGMENT = (
    '<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="{color}" stroke="#ffffff"'
    ' stroke-width="0.75"><title>{label}, {series}: {count}</title></rect>'
)


def stacked_columns(keys, series, count, plot, *, fill=0.7, column=Column):
    """A column per key, stacked by `series` (bottom first), scaled to an `axis` topping the tallest.

    `count(key, series)` is the number to stack. Returns (columns, ticks), ticks as (value, y) pairs.
    """
    totals = [sum(count(key, s) for s in series) for key in keys]
    values = axis(max(totals, default=0))
    scale = (plot.bottom - plot.top) / values[-1]
    slot = (plot.right - plot.left) / len(keys) if keys else 0
    width = round(slot * fill, 2)
    columns = []
    for index, (key, total) in enumerate(zip(keys, totals, strict=True)):
        x = plot.left + index * slot + (slot - width) / 2
        bar = column(
            key, round(x, 2), width, round(x + width / 2, 2), total, round(plot.bottom - total * scale, 2)
        )
        stacked = 0
        for s in series:
            number = count(key, s)
            bar.cells.append(number)
            if number:
                height = number * scale
                bar.segments.append(
                    Segment(s, number, round(plot.bottom - stacked - height, 2), round(height, 2))
                )
                stacked += height
        columns.append(bar)
    ticks = [(value, round(plot.bottom - value * scale, 2)) for value in values]
    return columns, ticks


def monthly_chart(months, series, count, *, plot, height, column=Column):
    """A column per month (from `month_starts`), stacked by series: the context of
    templates/charts/monthly_columns.html and monthly_table.html (as `chart`)."""
    columns, ticks = stacked_columns(months, series, count, plot, column=column)
    for month_column in columns:
        month_column.label = date_format(month_column.key, "M Y")
    return {
        "months": columns,
        "series": series,
        "total": sum(c.total for c in columns),
        "first": months[0],
        "last": months[-1],
        "ticks": ticks,
        "width": WIDTH,
        "height": height,
        "plot": plot,
    }


LABEL_CHARS = 48  # a bar's label longer than this wraps: SVG text does not, and would run off a phone
LABEL_LINE = 15  # the height of each line a label wraps onto


def label_lines(label):
    return textwrap.wrap(str(label), LABEL_CHARS) or [""]


@dataclass
class Bar:
    key: object
    label: str
    count: int
    width: float
    label_y: float
    bar_y: float
    count_x: float

    @property
    def lines(self):
        """[(y, text)] of the label's lines."""
        lines = label_lines(self.label)
        return [(self.label_y + index * LABEL_LINE, line) for index, line in enumerate(lines)]


def horizontal_bars(rows, *, max_width=330, row_height=36, min_width=2, bar=Bar):
    """A bar per (key, label, count) row: the label on a line of its own above the bar (long labels fit a
    phone), the count to the right of the bar. The largest count is `max_width` long; a non-zero count is
    never shorter than `min_width`, so a small number stays visible next to a big one."""
    largest = max((count for _key, _label, count in rows), default=0)
    bars, top = [], 0
    for key, label, count in rows:
        width = round(count / largest * max_width, 2) if largest else 0
        if count and width < min_width:
            width = min_width
        wrapped = (len(label_lines(label)) - 1) * LABEL_LINE
        bars.append(bar(key, label, count, width, top + 13, top + 18 + wrapped, width + 6))
        top += row_height + wrapped
    return bars


def bar_chart(rows, *, max_width=330, row_height=36, bar=Bar):
    """A labelled bar per (key, label, count) row: the context of templates/charts/horizontal_bars.html and
    bars_table.html (as `chart`)."""
    bars = horizontal_bars(rows, max_width=max_width, row_height=row_height, bar=bar)
    return {
        "bars": bars,
        "total": sum(b.count for b in bars),
        "width": WIDTH,
        "height": sum(row_height + (len(label_lines(b.label)) - 1) * LABEL_LINE for b in bars),
        "bar_height": 14,
    }
