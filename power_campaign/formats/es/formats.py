# 3 de diciembre de 2026 · 3 de diciembre de 2026, 14:05 CST
DATE_FORMAT = SHORT_DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
