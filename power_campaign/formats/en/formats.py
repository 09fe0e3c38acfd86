# December 3, 2026 · December 3, 2026, 2:05 p.m. CST: the month in words, never 12/03/2026 (read as
# 12 March); a time with its zone's abbreviation (the desk's, or a worksite's where a page shows it so).
DATE_FORMAT = SHORT_DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "F j, Y, g:i a T"
