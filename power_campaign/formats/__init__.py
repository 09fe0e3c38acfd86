"""One date format per language (FORMAT_MODULE_PATH): every named format a template or `date_format()`
asks for (DATE_FORMAT, SHORT_DATE_FORMAT, DATETIME_FORMAT, SHORT_DATETIME_FORMAT) gives the same text, so
a date reads the same on every page and printed document. Input formats stay Django's own."""
