"""Full-text search for any app's models, accent- and case-insensitive on both databases.

A model subclasses `Searchable` (a stored `search_vector` column), its queryset subclasses
`SearchableQuerySet` and names the text columns in `search_fields`; a migration adds the GIN index with
`AddSearchIndex("<model>")`. Writers call `record.update_search_vector()` after saving (or
`queryset.refresh_search_vectors()` for many rows at once); readers call `Model.objects.matching(text)`.

"Hernandez" finds "Hernández" and "hernández" finds "HERNANDEZ":

- PostgreSQL: the stored tsvector is built from `unaccent(column)` and the query is `unaccent(text)`,
  both with the "simple" configuration (no stemming: names and places in English and Spanish). The
  `unaccent` extension is created by a migration (`UnaccentExtension()`).
- SQLite (development, tests): a `power_search_fold` function (accents removed, case folded, the same
  table as PostgreSQL's `unaccent` for the Latin letters that do not decompose, such as ß or ø) is
  registered on every connection; the search is a substring match of the folded query in the folded
  columns.
"""

import unicodedata
from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connections, models
from django.db.backends.signals import connection_created
from django.db.migrations.operations.base import Operation
from django.db.models import F, Field, Func, Q, TextField, Value
from django.db.models.fields.related import ForeignObject
from django.db.models.lookups import Contains, In

CONFIG = "simple"

# Letters that Unicode does not decompose into a base letter and an accent, mapped as PostgreSQL's
# unaccent.rules maps them.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ı": "i",
    }
)


def unaccent(text):
    """`text` without accents: "Hernández" → "Hernandez", "Straße" → "Strasse" (None stays None)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LETTERS))
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def fold(text):
    """What SQLite compares: `text` without accents, case folded ("HERNÁNDEZ" → "hernandez")."""
    return None if text is None else unaccent(text).casefold()


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("power_search_fold", 1, fold, deterministic=True)


connection_created.connect(_register_sqlite_functions, dispatch_uid="power_campaign.search.sqlite")
for _connection in connections.all(initialized_only=True):  # opened before this module was imported
    if _connection.connection is not None:
        _register_sqlite_functions(None, _connection)


class Unaccent(Func):
    """PostgreSQL's `unaccent(text)` (the extension's function, STABLE: fine in queries and UPDATEs)."""

    function = "UNACCENT"
    output_field = TextField()


class _Fold(Func):
    function = "POWER_SEARCH_FOLD"  # SQLite only: registered on each connection above
    output_field = TextField()


def search_vector(*fields):
    """The expression stored in `search_vector`: the fields' text, unaccented (PostgreSQL only)."""
    return SearchVector(*(Unaccent(F(name)) for name in fields), config=CONFIG)


def search_query(text):
    """A PostgreSQL query for `text` in web-search syntax ("night shift", -raid, or), unaccented."""
    text = Unaccent(Value(text, output_field=TextField()))
    return SearchQuery(text, config=CONFIG, search_type="websearch")


KEYS_FIRST_AT_MOST = 1000


def keys_first(keys):
    """The keys a search finds (a values_list queryset), read into a list when they are at most
    KEYS_FIRST_AT_MOST; None when there are more. The caller filters with `<field>__any_of=keys`.

    PostgreSQL cannot estimate how many rows a text search keeps once it is joined to other conditions:
    asked for the newest incidents at worksites named "Fresno", or the worksites in name order whose text
    matches a rare word, it walks the whole table in that order and matches each row's text on the way
    (about 3 µs a row). A list of keys it can count, and it checks a row against it by hashing: it reads
    just those rows, or walks in order at a tenth of the cost. When a search finds very many, the walk
    in order meets a page of them early: the caller keeps the search as a subquery.
    """
    found = list(keys[: KEYS_FIRST_AT_MOST + 1])
    return found if len(found) <= KEYS_FIRST_AT_MOST else None


class SearchableQuerySet(models.QuerySet):
    """Full-text search over `search_fields`. Combine with the app's access queryset:
    `class WorksiteQuerySet(SearchableQuerySet, OrganizationScopedQuerySet)`."""

    search_fields = ()

    def matching(self, text):
        """Rows whose text matches `text`, whatever the accents and the case."""
        if connections[self.db].vendor == "postgresql":
            return self.filter(search_vector=search_query(text))
        needle = fold(text)
        if not self.search_fields:
            return self.none()
        return self.filter(reduce(or_, (Q(Contains(_Fold(F(name)), needle)) for name in self.search_fields)))

    def refresh_search_vectors(self):
        """Recompute the stored vectors of these rows in one UPDATE (PostgreSQL; nothing to do on SQLite)."""
        if connections[self.db].vendor == "postgresql":
            return self.update(search_vector=search_vector(*self.search_fields))
        return 0


class Searchable(models.Model):
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def update_search_vector(self):
        """Refresh the stored tsvector (PostgreSQL only; SQLite searches the columns directly)."""
        type(self)._default_manager.filter(pk=self.pk).refresh_search_vectors()


class AddSearchIndex(Operation):
    """Migration operation: a GIN index on a `Searchable` model's `search_vector`, named
    `<table>_search_idx`. PostgreSQL only; nothing is done on other databases."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name):
        self.model_name = model_name

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_name], {})

    def state_forwards(self, app_label, state):
        pass  # the index is not part of the model state: other databases have none

    def _table(self, app_label, schema_editor, state):
        if schema_editor.connection.vendor != "postgresql":
            return None
        model = state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return None
        return model._meta.db_table

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, to_state)
        if table:
            quote = schema_editor.quote_name
            schema_editor.execute(
                f"CREATE INDEX {quote(f'{table}_search_idx')} ON {quote(table)} USING GIN (search_vector)",
                params=None,
            )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = self._table(app_label, schema_editor, from_state)
        if table:
            schema_editor.execute(
                f"DROP INDEX IF EXISTS {schema_editor.quote_name(f'{table}_search_idx')}", params=None
            )

    def describe(self):
        return f"Create a full-text search index on {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_search_index"


class AnyOf(In):
    """`<field>__any_of=[keys]`: `__in` for a list of hundreds of integer keys (keys_first). On PostgreSQL
    the list is one array of the column's type, `= ANY('{1,2,...}'::bigint[])`, which the planner checks a
    row against by hashing. As that many parameters it takes about a millisecond to prepare and send, and
    as an array of a smaller type (psycopg sends `int2[]` when every key is small) the planner compares
    each row with every key."""

    lookup_name = "any_of"

    def get_prep_lookup(self):
        return [int(key) for key in self.rhs]  # keys as the database gave them: nothing else to prepare

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        array_type = self.lhs.output_field.rel_db_type(connection)
        array = "{" + ",".join(map(str, self.rhs)) + "}"
        return f"{lhs} = ANY(%s::{array_type}[])", (*lhs_params, array)


Field.register_lookup(AnyOf)
ForeignObject.register_lookup(AnyOf)  # relations keep their own lookups: `worksite__any_of=keys`
