# December 3, 2026 · December 3, 2026, 2:05 p.m.: the month in words, never 12/03/2026 (read as 12 March).
DATE_FORMAT = SHORT_DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "F j, Y, g:i a"
