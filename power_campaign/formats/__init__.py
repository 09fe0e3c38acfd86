"""One date format per language (FORMAT_MODULE_PATH): every named format a template or `date_format()`
asks for (DATE_FORMAT, SHORT_DATE_FORMAT, DATETIME_FORMAT, SHORT_DATETIME_FORMAT) gives the same text, so
a date reads the same on every page and printed document. Input formats stay Django's own.

`date_format` is Django's, at half the cost: Django splits the format string with a regular expression
and unescapes its literal text at every call (about 14 µs a date, 27 µs a time with its zone; a list of 25
rows shows 25 of them). Here the split is made once for each format string, and each letter is written by
Django's own DateFormat, so the text is the same. The `date` template filter uses it (`filters.py`,
installed as a built-in of the template engine in place of Django's filter of that name).
"""

import datetime
import functools

from django.utils.dateformat import DateFormat, TimeFormat, re_escaped, re_formatchars
from django.utils.formats import get_format


@functools.lru_cache(maxsize=256)
def _pieces(format_string):
    """`format_string` as Django's Formatter reads it: (True, letter) or (False, literal text), in order."""
    return tuple(
        (True, piece) if index % 2 else (False, re_escaped.sub(r"\1", piece))
        for index, piece in enumerate(re_formatchars.split(format_string))
        if index % 2 or piece
    )


def date_format(value, format=None):
    """`django.utils.formats.date_format(value, format)`: a date or datetime in the named format of the
    active language (DATE_FORMAT by default), or in a format string ("M Y")."""
    formatter = DateFormat(value)
    only_date = type(value) is datetime.date
    written = []
    for is_letter, piece in _pieces(get_format(format or "DATE_FORMAT")):
        if not is_letter:
            written.append(piece)
            continue
        if only_date and hasattr(TimeFormat, piece):
            raise TypeError(f"A date has no time to write: '{piece}' in a date's format.")
        written.append(str(getattr(formatter, piece)()))
    return "".join(written)
