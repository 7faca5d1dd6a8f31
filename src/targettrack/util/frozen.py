"""Helpers for the records (typing.NamedTuple classes) the library is made of.

Every immutable record is a `typing.NamedTuple`: fields with their types and
defaults, in order, and methods beside them. Chosen by measuring start-up:
a named tuple costs no `dataclasses` import and no generated methods, is
built faster and holds less (bench/NOTES.md), and what a frozen dataclass
adds is not used. A record is a tuple: equal to a tuple of the same values,
ordered as one, iterable. Mutable builders (a report being made, rows being
read, an import being planned) are `@dataclass(slots=True)`.
"""

from __future__ import annotations


def replace(obj, **changes):
    """A copy of the record `obj` with these fields changed."""
    return obj._replace(**changes)


def fields(obj) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return obj._fields


def as_dict(obj) -> dict:
    """A record's fields and values (one level deep)."""
    return dict(zip(obj._fields, obj))
