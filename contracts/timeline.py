"""The clauses adopted at a worksite, as entries of its timeline (cases.timeline.SOURCES)."""

from django.utils.translation import gettext as _

from cases.timeline import Entry, every
from power_campaign import zones


def adopted_entries(worksite, newest):
    """One entry per clause of a ratified contract, on the day it was ratified (one query): a few dozen."""
    return every(_adopted_entries(worksite))


def _adopted_entries(worksite):
    for adopted in worksite.adopted_clauses.select_related("topic", "proposal").order_by("ratified_on", "pk"):
        when = zones.start_of(adopted.ratified_on, worksite.zone)  # the day at the worksite (its timeline's)
        yield Entry(
            when,
            "contract",
            _("Clause adopted: %(title)s") % {"title": adopted.title},
            adopted.topic.label,
            adopted.proposal.get_absolute_url(),
        )
