"""Records that are written once: a generated document, an evidence file, anything kept for custody.

A model lists `Immutable` before `models.Model` among its bases: saving it again or deleting it raises
`ImmutableError`, whoever tries (a view, the admin, the shell, a test). A new version is a new row.
"""


class ImmutableError(Exception):
    pass


class Immutable:
    """Refuses `save()` once the row exists and refuses `delete()`."""

    immutable_hint = "create a new record instead"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableError(f"{type(self).__name__} records are immutable: {self.immutable_hint}.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(f"{type(self).__name__} records are never deleted by the application.")
