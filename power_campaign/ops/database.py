"""PostgreSQL: timestamps read by psycopg's compiled loader.

Django loads every `timestamptz` value through a subclass of psycopg's pure-Python loader (to set the
connection's time zone on it), which parses each value in Python: about 7 µs a value, 6 ms for a page
of 300 incidents with their three timestamps. psycopg-binary has the same loader compiled, but it cannot
be subclassed. Each new connection gets instead a loader that parses with the compiled one, whose values
are in the connection's time zone, which Django sets to its own: the same datetimes as Django's loader
gives (`tz_loader`; Django keeps it, as it has the `timezone` Django compares).
"""

import psycopg
from psycopg.adapt import Loader
from psycopg.pq import Format

TIMESTAMPTZ = psycopg.adapters.types["timestamptz"].oid
SAMPLE = b"2000-01-01 00:00:00+00"


def tz_loader(timezone):
    """A loader class of `timestamptz` values as aware datetimes in `timezone` (Django's: the
    connection's, UTC), parsed by the fastest loader psycopg has (the compiled one with psycopg-binary)."""
    compiled = psycopg.adapters.get_loader(TIMESTAMPTZ, Format.TEXT)

    class TzLoader(Loader):
        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            parse = compiled(oid, context).load
            if parse(SAMPLE).tzinfo is timezone:  # the connection's zone is Django's (Django sets it)
                self.load = parse  # read per instance by psycopg
            else:
                self.load = lambda data: parse(data).replace(tzinfo=timezone)

        def load(self, data):  # shadowed by the instance's own (a loader must have one)
            raise NotImplementedError

    TzLoader.timezone = timezone  # what Django's create_cursor compares with the connection's
    return TzLoader


def connection_created(sender, connection, **kwargs):
    """connection_created: a PostgreSQL connection reads timestamps with the compiled loader."""
    if connection.vendor == "postgresql":
        connection.connection.adapters.register_loader(TIMESTAMPTZ, tz_loader(connection.timezone))
