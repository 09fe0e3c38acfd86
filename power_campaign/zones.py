"""Time zones of places (a worksite's): the US zones an organizer picks from, a state's usual zone, and
datetimes that pages show in a place's zone rather than the desk's (settings.TIME_ZONE).

A form field (`ZonedDateTimeField`) reads and shows a typed date and time in a zone given to it; a
template shows a `ZonedDateTime` in its own zone, with the zone's abbreviation through the usual
`{{ value|date:"T" }}` ("PST", "CDT").
"""

import datetime
import re
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .search import fold

# What an organizer would pick, west to east for the mainland: IANA name → label for people.
US_ZONES = [
    ("America/New_York", _("Eastern")),
    ("America/Chicago", _("Central")),
    ("America/Denver", _("Mountain")),
    ("America/Phoenix", _("Arizona (Mountain, no daylight saving time)")),
    ("America/Los_Angeles", _("Pacific")),
    ("America/Anchorage", _("Alaska")),
    ("Pacific/Honolulu", _("Hawaii")),
    ("America/Puerto_Rico", _("Puerto Rico and the Virgin Islands (Atlantic)")),
]

EASTERN, CENTRAL, MOUNTAIN, PACIFIC = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)
# A state's usual zone: where most of its people are (a few states span two zones: OTHER_ZONE_CITIES
# names the towns on the other side). Territories outside the choices (Guam, American Samoa, the Northern
# Marianas) have none: the desk's zone is used.
_EASTERN_STATES = ["CT", "DE", "DC", "FL", "GA", "IN", "KY", "ME", "MD", "MA", "MI", "NH", "NJ", "NY", "NC"]
_EASTERN_STATES += ["OH", "PA", "RI", "SC", "VT", "VA", "WV"]
_CENTRAL_STATES = ["AL", "AR", "IL", "IA", "KS", "LA", "MN", "MS", "MO", "NE", "ND", "OK", "SD", "TN", "TX"]
_CENTRAL_STATES += ["WI"]
STATE_ZONES = {
    **dict.fromkeys(_EASTERN_STATES, EASTERN),
    **dict.fromkeys(_CENTRAL_STATES, CENTRAL),
    **dict.fromkeys(["CO", "ID", "MT", "NM", "UT", "WY"], MOUNTAIN),
    **dict.fromkeys(["CA", "NV", "OR", "WA"], PACIFIC),
    "AZ": "America/Phoenix",
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
    "VI": "America/Puerto_Rico",
}


# The towns of a state that spans two zones which keep the zone its usual one is not (county lines drawn
# by the Department of Transportation, 49 CFR part 71): Indiana's northwest and southwest corners,
# Florida's panhandle west of the Apalachicola, Kentucky's west and Michigan's Menominee-Gogebic border are
# Central; east Tennessee is Eastern; El Paso, western Kansas, Nebraska's panhandle, western North and
# South Dakota and Oregon's Malheur County are Mountain; Idaho's panhandle Pacific; and the Navajo Nation
# in Arizona keeps daylight saving time.
OTHER_ZONE_CITIES = {
    ("IN", CENTRAL): "Hammond, Gary, East Chicago, Whiting, Merrillville, Crown Point, Hobart, Schererville, "
    "Munster, Highland, Griffith, Dyer, St. John, Cedar Lake, Lake Station, Lowell, Valparaiso, Portage, "
    "Chesterton, Michigan City, La Porte, Knox, Rensselaer, Evansville, Newburgh, Boonville, Mount Vernon, "
    "Princeton, Rockport, Tell City",
    ("FL", CENTRAL): "Pensacola, Gulf Breeze, Milton, Navarre, Fort Walton Beach, Destin, Niceville, "
    "Crestview, DeFuniak Springs, Panama City, Panama City Beach, Lynn Haven, Callaway, Marianna, Chipley, "
    "Bonifay",
    ("KY", CENTRAL): "Bowling Green, Owensboro, Paducah, Hopkinsville, Henderson, Madisonville, Murray, "
    "Mayfield, Glasgow, Russellville, Franklin, Princeton, Oak Grove, Calvert City, Central City",
    ("MI", CENTRAL): "Iron Mountain, Kingsford, Menominee, Ironwood, Iron River, Bessemer, Wakefield",
    ("TN", EASTERN): "Knoxville, Chattanooga, Johnson City, Kingsport, Bristol, Cleveland, Morristown, "
    "Maryville, Alcoa, Oak Ridge, Sevierville, Pigeon Forge, Gatlinburg, Athens, Greeneville, Elizabethton, "
    "Lenoir City, Dayton, Newport",
    ("TX", MOUNTAIN): "El Paso, Socorro, Horizon City, San Elizario, Canutillo, Anthony, Clint, Fabens, "
    "Van Horn, Sierra Blanca",
    ("KS", MOUNTAIN): "Goodland, Sharon Springs, Syracuse, Tribune",
    ("NE", MOUNTAIN): "Scottsbluff, Gering, Sidney, Alliance, Chadron, Kimball, Ogallala, Mitchell",
    ("ND", MOUNTAIN): "Dickinson, Bowman, Beach, Mott, Hettinger, Belfield",
    ("SD", MOUNTAIN): "Rapid City, Box Elder, Spearfish, Sturgis, Belle Fourche, Lead, Deadwood, "
    "Hot Springs, Custer, Philip, Lemmon",
    ("OR", MOUNTAIN): "Ontario, Nyssa, Vale",
    ("ID", PACIFIC): "Coeur d'Alene, Post Falls, Hayden, Rathdrum, Sandpoint, Moscow, Lewiston, Grangeville, "
    "Bonners Ferry, Kellogg, Orofino",
    ("AZ", MOUNTAIN): "Window Rock, Tuba City, Kayenta, Chinle, Ganado, Fort Defiance",
}


def _place(name):
    """A town's name as compared: case and accents (search.fold), punctuation and spacing do not count."""
    return " ".join(re.sub(r"[^\w ]+", "", fold(str(name or "")).replace("-", " ")).split())


_OTHER_ZONE = {
    (state, _place(city)): zone
    for (state, zone), cities in OTHER_ZONE_CITIES.items()
    for city in cities.split(", ")
}


def default():
    """The desk's zone (settings.TIME_ZONE): what a place has unless another is chosen."""
    return settings.TIME_ZONE


def choices():
    """The zones to choose from; the desk's own is always one of them, even outside the US list."""
    if any(name == settings.TIME_ZONE for name, _label in US_ZONES):
        return list(US_ZONES)
    return [*US_ZONES, (settings.TIME_ZONE, settings.TIME_ZONE)]


def for_place(city, state):
    """The zone of a town (`city`) in a US state or territory (two-letter code): its state's usual one
    unless the town is on the other side of a line through the state (OTHER_ZONE_CITIES), or the desk's."""
    state = (state or "").upper()
    return _OTHER_ZONE.get((state, _place(city))) or STATE_ZONES.get(state, default())


def latest_today():
    """Today where the day is furthest on among the places' zones (`choices`): a date typed by a user
    (a stage reached, a letter sent) is theirs, so it is in the future only once it is after this. The
    desk's own day would refuse today's date to an organizer in Puerto Rico or New York just after their
    midnight."""
    now = timezone.now()
    return max(timezone.localdate(now, zoneinfo.ZoneInfo(name)) for name, _label in choices())


def get(name):
    """The ZoneInfo of an IANA name; the desk's zone for an empty or unknown one (a row written by hand)."""
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


class ZonedDateTime(datetime.datetime):
    """An aware datetime that templates show in its own zone, not converted to the current one (Django's
    `date` filter reads `convert_to_local_time`, as for its `|timezone` filter). Arithmetic keeps it."""

    convert_to_local_time = False


def in_zone(value, zone):
    """`value` (aware) as a ZonedDateTime in `zone` (a ZoneInfo)."""
    local = timezone.localtime(value, zone)
    return ZonedDateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=local.tzinfo,
        fold=local.fold,
    )


def start_of(day, zone):
    """Midnight at the start of `day` (a date) in `zone`, aware."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), zone)


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time typed (and shown again) in `zone`, a place's, rather than the current time zone;
    without a zone, as Django's own field."""

    def __init__(self, *args, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def prepare_value(self, value):
        if self.zone is None:
            return super().prepare_value(value)
        with timezone.override(self.zone):
            return super().prepare_value(value)

    def to_python(self, value):
        if self.zone is None:
            return super().to_python(value)
        with timezone.override(self.zone):
            return super().to_python(value)
