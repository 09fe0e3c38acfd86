"""Form widgets every app uses the same way."""

from django import forms

# A browser's date picker reads its value only as YYYY-MM-DD: a date written in the page's language (Spanish
# 05/12/2026) would show an empty field, to be typed again. Every date field uses this one.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
