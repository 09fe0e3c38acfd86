"""Reading an uploaded CSV file into a Table: encoding, separator, the first row's column names."""

import csv
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .columns import COLUMNS, FORMULA_START, header_names, key

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (or the batch can no longer be); the message says why."""


@dataclass(frozen=True)
class RowError:
    row: int  # as in the spreadsheet: the column names are row 1
    column: str  # the column's name as written in the file; "" for the whole row
    message: str
    letter: str = ""  # the spreadsheet's column letter (A, B, ...)


@dataclass
class Table:
    """A file's data rows: (row number in the spreadsheet, {field: text}); the first row named the columns."""

    rows: list
    headers: dict  # field → the column's name in the file
    positions: dict  # field → the column's index (0 for A)
    ignored: list = field(default_factory=list)  # names in the first row that are not columns we know
    errors: list = field(default_factory=list)  # row errors found while reading
    from_file: bool = True  # False for rows read back from a batch: no spreadsheet letters then


def column_letter(index):
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _encoding_error():
    return ImportFileError(
        _(
            "The file is not a CSV in UTF-8 or Windows-1252 encoding. In Excel, choose File, Save As, "
            "and the type “CSV UTF-8 (Comma delimited)”."
        )
    )


def _decode(data):
    """(text, whether the file was read as Windows-1252)."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ImportFileError(
            _(
                "This is a spreadsheet workbook, not a CSV file. In Excel, choose File, Save As, and the "
                "type “CSV UTF-8 (Comma delimited)”; in Google Sheets, File, Download, CSV."
            )
        )
    if b"\x00" in data:
        raise _encoding_error()
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), True
    except UnicodeDecodeError:
        raise _encoding_error() from None


def _unescape(value):
    value = value.strip()
    if value.startswith("'") and value[1:2] in FORMULA_START:
        return value[1:]
    return value


def read_csv(upload, kind):
    """The rows of an uploaded CSV file, or ImportFileError saying what is wrong with the file."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    text, legacy = _decode(data)
    if not text.strip():
        raise ImportFileError(_("The file is empty."))
    names = header_names(kind)

    first_line, _newline, rest = text.partition("\n")
    explicit = re.fullmatch(r"sep=(.)", first_line.strip())  # Excel's own hint: "sep=;"
    if explicit:
        delimiter, text = explicit[1], rest
        first_line = text.partition("\n")[0]
    else:
        delimiter = max(
            (",", ";", "\t"),
            key=lambda d: sum(key(cell) in names for cell in next(csv.reader([first_line], delimiter=d), [])),
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        table = _map_header(header, names, kind, legacy)
        count = 0
        for number, record in enumerate(reader, start=2):
            cells = [_unescape(cell) for cell in record]
            if not any(cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    _("The file has more than %(limit)s rows. Split it into smaller files.")
                    % {"limit": f"{MAX_ROWS:,}"}
                )
            if any(cells[len(header) :]):
                table.errors.append(
                    RowError(number, "", _("This row has more cells than the first row has column names."))
                )
            values = {column.field: "" for column in COLUMNS[kind]}
            for field_name, index in table.positions.items():
                if index < len(cells):
                    values[field_name] = cells[index]
            table.rows.append((number, values))
    except csv.Error as error:
        raise ImportFileError(
            _("The file cannot be read as CSV (near line %(line)s): %(error)s")
            % {"line": reader.line_num, "error": error}
        ) from None
    if not table.rows:
        raise ImportFileError(_("The file has no rows below the column names."))
    return table


def _map_header(header, names, kind, legacy):
    headers, positions, ignored = {}, {}, []
    for index, name in enumerate(header):
        name = name.strip()
        field_name = names.get(key(name))
        if field_name is None:
            if name:
                ignored.append(name)
            continue
        if field_name in headers:
            raise ImportFileError(
                _("Two columns are the same field (%(field)s): “%(first)s” and “%(second)s”. Keep one.")
                % {"field": field_name, "first": headers[field_name], "second": name}
            )
        headers[field_name], positions[field_name] = name, index
    if legacy and not headers:
        # Windows-1252 decodes almost any bytes: accept it only for what is clearly our kind of CSV.
        raise _encoding_error()
    missing = [column.field for column in COLUMNS[kind] if column.required and column.field not in headers]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns. Missing: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return Table(rows=[], headers=headers, positions=positions, ignored=ignored)
