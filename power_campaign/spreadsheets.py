"""CSV files that people open in a spreadsheet: the one escaping rule for every CSV the project writes.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel,
LibreOffice and Google Sheets (CSV/formula injection: `=HYPERLINK(...)`, `=cmd|...`). `safe_cell`
writes such a cell with a leading apostrophe, which the spreadsheet shows as text; plain numbers such as
"+1 312 555 0100" or "-5" are left alone. `unescape_cell` takes the apostrophe off again (the import).

    writer = spreadsheets.writer(out)            # csv.writer whose rows are escaped
    writer = spreadsheets.DictWriter(out, fieldnames=[...])
"""

import csv
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+\-]?[\d\s().\-]*")


def safe_cell(value):
    """`value` as the text of a cell that no spreadsheet runs as a formula (None is an empty cell)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def unescape_cell(value):
    """The value `safe_cell` was given (for a cell it escaped)."""
    if value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


class _Escaping:
    """Wraps a csv writer: every cell goes through `safe_cell`."""

    def __init__(self, inner):
        self._inner = inner
        self.dialect = inner.dialect

    def writerow(self, row):
        return self._inner.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def _lines(kwargs):
    """Lines end in CRLF (RFC 4180): the csv module then quotes a cell holding either character, where
    with "\n" alone a carriage return inside a cell would end the row for a reader."""
    if kwargs.setdefault("lineterminator", "\r\n") != "\r\n":
        raise ValueError("CSV files the project writes end their lines in \\r\\n")
    return kwargs


def writer(out, **kwargs):
    """A csv.writer (same arguments) that escapes every cell with `safe_cell`."""
    return _Escaping(csv.writer(out, **_lines(kwargs)))


class DictWriter(csv.DictWriter):
    """csv.DictWriter (same arguments) that escapes every cell, the header's too, with `safe_cell`."""

    def __init__(self, out, fieldnames, **kwargs):
        super().__init__(out, fieldnames, **_lines(kwargs))
        self.writer = _Escaping(self.writer)
