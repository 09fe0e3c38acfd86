"""SVG chart geometry (power_campaign/charts.py), with exact coordinates."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from power_campaign.charts import (
    Bar,
    Column,
    Plot,
    Segment,
    Series,
    axis,
    bar_chart,
    horizontal_bars,
    month_starts,
    monthly_chart,
    stacked_columns,
)


def test_month_starts_counts_back_across_the_new_year():
    assert month_starts(datetime.date(2026, 2, 17), count=4) == [
        datetime.date(2025, 11, 1),
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_month_starts_gives_twelve_months_ending_with_the_current_one():
    starts = month_starts(datetime.date(2026, 12, 31))

    assert (len(starts), starts[0], starts[-1]) == (12, datetime.date(2026, 1, 1), datetime.date(2026, 12, 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (4, [0, 1, 2, 3, 4]),
        (5, [0, 1, 2, 3, 4, 5]),
        (6, [0, 2, 4, 6]),
        (11, [0, 5, 10, 15]),
        (23, [0, 5, 10, 15, 20, 25]),
        (26, [0, 10, 20, 30]),
        (99, [0, 20, 40, 60, 80, 100]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_axis_steps_by_one_two_or_five_times_a_power_of_ten(value, expected):
    assert axis(value) == expected


def test_stacked_columns_stack_series_bottom_up_on_an_axis_topping_the_tallest():
    plot = Plot(left=0, right=300, top=0, bottom=100)
    red, blue = Series("red", "Red", "#f00", 3), Series("blue", "Blue", "#00f", 2)
    counts = {("a", "red"): 1, ("a", "blue"): 2, ("c", "red"): 2}

    columns, ticks = stacked_columns(
        ["a", "b", "c"], [red, blue], lambda key, s: counts.get((key, s.key), 0), plot
    )

    assert ticks == [(0, 100.0), (1, 66.67), (2, 33.33), (3, 0.0)]
    assert columns == [
        Column(
            "a",
            15.0,
            70.0,
            50.0,
            3,
            0.0,
            [1, 2],
            [Segment(red, 1, 66.67, 33.33), Segment(blue, 2, 0.0, 66.67)],
        ),
        Column("b", 115.0, 70.0, 150.0, 0, 100.0, [0, 0], []),
        Column("c", 215.0, 70.0, 250.0, 2, 33.33, [2, 0], [Segment(red, 2, 33.33, 66.67)]),
    ]


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_columns_table_cells_are_what_the_template_wrote_for_each_count(language, settings):
    from django.template import Context, Template

    settings.USE_THOUSAND_SEPARATOR = True  # whatever the setting: as the template engine would
    column = Column("a", 0, 1, 0.5, 1_234_568, 0, cells=[0, 7, 1_234_561])
    template = Template("{% for count in cells %}<td>{{ count }}</td>{% endfor %}")

    with translation.override(language):
        expected = template.render(Context({"cells": column.cells}))
        assert column.cells_html() == expected
    separator = {"en": ",", "es": "\xa0"}[language]
    assert expected == f"<td>0</td><td>7</td><td>1{separator}234{separator}561</td>"


def test_stacked_columns_with_nothing_to_count_keep_an_axis_of_one():
    plot = Plot(left=40, right=394, top=16, bottom=200)

    columns, ticks = stacked_columns(["x", "y"], [], lambda key, s: 0, plot, fill=0.5)

    assert ticks == [(0, 200.0), (1, 16.0)]
    assert [(c.x, c.width, c.center, c.top) for c in columns] == [
        (84.25, 88.5, 128.5, 200.0),
        (261.25, 88.5, 305.5, 200.0),
    ]


def test_stacked_columns_build_the_callers_column_class():
    class MonthColumn(Column):
        @property
        def month(self):
            return self.key

    (column,), _ticks = stacked_columns(
        [datetime.date(2026, 1, 1)], [], lambda key, s: 0, Plot(0, 10, 0, 10), column=MonthColumn
    )

    assert (type(column), column.month) == (MonthColumn, datetime.date(2026, 1, 1))


def test_horizontal_bars_scale_to_the_largest_and_keep_small_counts_visible():
    bars = horizontal_bars([("a", "A", 500), ("b", "B", 1), ("c", "C", 0), ("d", "D", 250)], max_width=300)

    assert bars == [
        Bar("a", "A", 500, 300.0, 13, 18, 306.0),
        Bar("b", "B", 1, 2, 49, 54, 8),  # 0.6 would be invisible: at least 2
        Bar("c", "C", 0, 0, 85, 90, 6),
        Bar("d", "D", 250, 150.0, 121, 126, 156.0),
    ]


def test_horizontal_bars_of_nothing_have_no_width():
    assert horizontal_bars([("a", "A", 0)], row_height=20) == [Bar("a", "A", 0, 0, 13, 18, 6)]


def test_horizontal_bars_wrap_a_long_label_and_make_room_for_it():
    long = "Acceso de ICE al lugar de trabajo: solo con orden judicial firmada"
    chart = bar_chart([("a", long, 2), ("b", "B", 1)], max_width=100, row_height=30)

    first, second = chart["bars"]
    assert first.lines == [
        (13, "Acceso de ICE al lugar de trabajo: solo con"),
        (28, "orden judicial firmada"),
    ]
    assert (first.bar_y, second.label_y, second.bar_y, chart["height"]) == (33, 58, 63, 75)


def test_monthly_chart_gives_the_template_its_columns_ticks_and_months():
    months = month_starts(datetime.date(2026, 3, 5), count=2)
    plot = Plot(left=40, right=240, top=0, bottom=100)
    series = [Series("wage_theft", "Wage theft", "#117733", 3)]

    chart = monthly_chart(months, series, lambda month, s: month.month, plot=plot, height=130)
    with translation.override("es"):  # the labels in the active language, as the template's date filter
        spanish = monthly_chart(months, series, lambda month, s: month.month, plot=plot, height=130)
        assert [column.label for column in spanish["months"]] == [date_format(m, "M Y") for m in months]
    assert chart == {
        "months": [
            Column(
                datetime.date(2026, 2, 1),
                55.0,
                70.0,
                90.0,
                2,
                33.33,
                [2],
                [Segment(series[0], 2, 33.33, 66.67)],
                "Feb 2026",
            ),
            Column(
                datetime.date(2026, 3, 1),
                155.0,
                70.0,
                190.0,
                3,
                0.0,
                [3],
                [Segment(series[0], 3, 0.0, 100.0)],
                "Mar 2026",
            ),
        ],
        "series": series,
        "total": 5,
        "first": datetime.date(2026, 2, 1),
        "last": datetime.date(2026, 3, 1),
        "ticks": [(0, 100.0), (1, 66.67), (2, 33.33), (3, 0.0)],
        "width": 400,
        "height": 130,
        "plot": plot,
    }


def test_bar_chart_gives_the_template_its_bars_and_size():
    chart = bar_chart([("a", "A", 2), ("b", "B", 1)], max_width=100, row_height=30)

    assert chart == {
        "bars": [Bar("a", "A", 2, 100.0, 13, 18, 106.0), Bar("b", "B", 1, 50.0, 43, 48, 56.0)],
        "total": 3,
        "width": 400,
        "height": 60,
        "bar_height": 14,
    }
