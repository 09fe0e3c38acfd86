"""How the audit log shows the summaries this app writes, in the reader's language (the hook of
power_campaign.audit.display: the stored summaries stay in English, as they are hashed)."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from power_campaign.audit.display import choice, field_names, local_date


def _fixed(text, translated):
    return re.escape(text), lambda event, match: translated()


def _changed(event, match):
    text = {
        "worksite": _("Worksite changed: %(fields)s"),
        "contact": _("Contact changed: %(fields)s"),
        "incident": _("Incident changed: %(fields)s"),
        "filing": _("Agency filing changed: %(fields)s"),
        "protected activity": _("Protected activity changed: %(fields)s"),
    }[match["what"]]
    return text % {"fields": field_names(event, match["fields"])}


def _csv(event, match):
    count, exported = int(match["count"]), match["how"] == "exported"
    if match["kind"] == "worksites":
        if exported:
            text = ngettext(
                "Exported %(count)s worksite as CSV", "Exported %(count)s worksites as CSV", count
            )
        else:
            text = ngettext(
                "Imported %(count)s worksite from CSV", "Imported %(count)s worksites from CSV", count
            )
    elif exported:
        text = ngettext("Exported %(count)s contact as CSV", "Exported %(count)s contacts as CSV", count)
    else:
        text = ngettext("Imported %(count)s contact from CSV", "Imported %(count)s contacts from CSV", count)
    return text % {"count": count}


def summaries():
    return [
        _fixed("worksite created", lambda: _("Worksite created")),
        _fixed("worksite created in the admin", lambda: _("Worksite created in the admin")),
        _fixed("contact created", lambda: _("Contact created")),
        _fixed("incident created", lambda: _("Incident created")),
        _fixed("filing created", lambda: _("Agency filing created")),
        _fixed("protected activity created", lambda: _("Protected activity created")),
        _fixed("referred to legal", lambda: _("Referred to legal")),
        _fixed("CSV import discarded", lambda: _("CSV import discarded")),
        _fixed("in the admin", lambda: _("In the admin")),
        _fixed("original", lambda: _("The original")),
        _fixed("shown copy (no location data)", lambda: _("Shown copy (no location data)")),
        (r"(?P<what>worksite|contact|incident|filing|protected activity) changed: (?P<fields>.*)", _changed),
        (
            r"stage recorded: (?P<stage>\w+) on (?P<date>\d{4}-\d\d-\d\d)",
            lambda event, match: _("Stage recorded: %(stage)s on %(date)s")
            % {"stage": choice(event, "current_stage", match["stage"]), "date": local_date(match["date"])},
        ),
        (r"(?P<how>exported|imported) (?P<count>\d+) (?P<kind>worksites|contacts) (as|from) CSV", _csv),
        (
            r"evidence uploaded to incident (?P<incident>[0-9a-f-]+); sha256 (?P<sha>[0-9a-f]{64})",
            lambda event, match: _("Evidence uploaded to incident %(incident)s; SHA-256 %(sha256)s")
            % {"incident": match["incident"], "sha256": match["sha"]},
        ),
    ]
