"""The one escaping rule for CSV files people open in a spreadsheet."""

import csv
import io

import pytest

from power_campaign import spreadsheets
from power_campaign.spreadsheets import safe_cell, unescape_cell

DANGEROUS = [
    '=HYPERLINK("http://example.com","x")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell_escapes_every_formula_start(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", DANGEROUS)
def test_unescape_cell_gives_back_the_value(value):
    assert unescape_cell(safe_cell(value)) == value


@pytest.mark.parametrize("value", ["+1 312 555 0100", "-5", "+13125550100", "(312) 555-0100", "-"])
def test_safe_cell_leaves_plain_numbers_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    ("value", "cell"), [(None, ""), (12, "12"), (-3, "-3"), (True, "True"), ("a=b", "a=b"), ("", "")]
)
def test_safe_cell_writes_other_values_as_text(value, cell):
    assert safe_cell(value) == cell


def test_safe_cell_does_not_escape_twice():
    assert safe_cell(safe_cell("=1+1")) == "'=1+1"


@pytest.mark.parametrize("value", DANGEROUS)
def test_writer_escapes_every_cell(value):
    out = io.StringIO()
    spreadsheets.writer(out).writerows([[value, "plain"], ["x", value]])
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["'" + value, "plain"],
        ["x", "'" + value],
    ]


@pytest.mark.parametrize("value", DANGEROUS)
def test_dict_writer_escapes_values_and_header(value):
    out = io.StringIO()
    writer = spreadsheets.DictWriter(out, fieldnames=[value, "name"])
    writer.writeheader()
    writer.writerow({value: value, "name": "ok"})
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["'" + value, "name"],
        ["'" + value, "ok"],
    ]


def test_writers_end_lines_in_crlf_only():
    with pytest.raises(ValueError):
        spreadsheets.writer(io.StringIO(), lineterminator="\n")
    with pytest.raises(ValueError):
        spreadsheets.DictWriter(io.StringIO(), fieldnames=["a"], lineterminator="\n")
