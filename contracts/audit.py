"""How the audit log shows the summaries this app writes, in the reader's language (the stored summaries
stay in English, as they are hashed)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from power_campaign.audit.display import field_names, local_date

EXPORT_LANGUAGES = {"en": "English", "es": "Spanish", "both": "Side by side"}


def _fixed(text, translated):
    return re.escape(text), lambda event, match: translated()


def _ratified(event, match):
    count = int(match["count"])
    text = ngettext(
        "Contract ratified on %(date)s with %(count)s clause",
        "Contract ratified on %(date)s with %(count)s clauses",
        count,
    )
    return text % {"date": local_date(match["date"]), "count": count}


def _word(event, match):
    language = {"en": _("English"), "es": _("Spanish"), "both": _("Side by side")}[match["language"]]
    return _("Contract proposal exported as Word (%(language)s)") % {"language": language}


def summaries():
    return [
        _fixed("contract proposal drafted", lambda: _("Contract proposal drafted")),
        _fixed("contract proposal edited", lambda: _("Contract proposal edited")),
        (
            r"article (?P<number>\d+) added",
            lambda event, match: _("Article %(number)s added") % {"number": match["number"]},
        ),
        (
            r"article (?P<number>\d+) edited",
            lambda event, match: _("Article %(number)s edited") % {"number": match["number"]},
        ),
        (
            r"clauses added: (?P<clauses>.+)",
            lambda event, match: _("Clauses added: %(clauses)s") % {"clauses": match["clauses"]},
        ),
        (
            r"clause edited: (?P<fields>.+)",
            lambda event, match: (
                _("Clause edited: %(fields)s") % {"fields": field_names(event, match["fields"])}
            ),
        ),
        (
            r"clause (?P<code>[\w-]+) version (?P<number>\d+) added",
            lambda event, match: (
                _("Version %(number)s of clause %(code)s added")
                % {"number": match["number"], "code": match["code"]}
            ),
        ),
        (r"contract ratified on (?P<date>\d{4}-\d\d-\d\d) with (?P<count>\d+) clauses", _ratified),
        (r"contract proposal exported as Word \((?P<language>en|es|both)\)", _word),
    ]
