"""Immutable records, written as a frozen dataclass is and made as a named tuple.

    @record
    class Due:
        period: Period
        day: date
        late: bool = False

Every command that writes imports the model, the settings and the judging,
whose classes were dataclasses: importing `dataclasses` (with `inspect`,
`ast` and `dis`) and generating their methods was a sixth of an `update`
at 10,000 targets (bench/NOTES.md has the profile). A named tuple costs
neither, is built faster and holds less. What differs from a
frozen dataclass, on purpose: a record is a tuple (equal to a tuple of the
same values, ordered as one, iterable), and `replace` is this module's.
tests/test_frozen.py holds the rest (fields, defaults, factories, equality,
hashing, repr, replace, frozenness) to `dataclasses` itself.
"""

from __future__ import annotations

from collections import namedtuple
from functools import cached_property


class Factory:
    """A field's default made anew for each record (a dict), as dataclasses' default_factory."""

    __slots__ = ("make",)

    def __init__(self, make):
        self.make = make


_MISSING = object()


def record(cls: type) -> type:
    """The class `cls` as an immutable record of its annotated fields, in order.

    A field with a value in the class body has it as its default (a Factory:
    made anew each time); fields without one come first, as in a dataclass.
    The class's methods and properties are kept. A class with a
    cached_property keeps a __dict__ for it; every other record has none."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    defaults, factories = [], {}
    for name in names:
        value = cls.__dict__.get(name, _MISSING)
        if value is _MISSING:
            if defaults:
                raise TypeError(f"{cls.__name__}: field {name} without a default follows one with a default")
            continue
        if isinstance(value, Factory):
            factories[name] = value.make
            value = _MISSING
        defaults.append(value)
    base = namedtuple(cls.__name__, names, defaults=defaults, module=cls.__module__)
    body = {k: v for k, v in cls.__dict__.items() if k not in names and k not in ("__dict__", "__weakref__")}
    if not any(isinstance(v, cached_property) for v in body.values()):
        body["__slots__"] = ()
    else:
        body["__setattr__"] = _frozen
        body["__delattr__"] = _frozen
    if factories:
        body["__new__"] = _with_factories(base, factories)
    return type(cls)(cls.__name__, (base,), body)


def _frozen(self, name, value=None):
    raise AttributeError(f"cannot assign to field {name!r}: a {type(self).__name__} is immutable")


def _with_factories(base, factories: dict):
    """__new__ for a record with Factory defaults: each one made when the field is not given."""
    made_new = base.__new__
    places = [(base._fields.index(name), name, make) for name, make in factories.items()]

    def __new__(cls, *args, **kw):
        for at, name, make in places:
            if at >= len(args) and kw.get(name, _MISSING) is _MISSING:
                kw[name] = make()
        return made_new(cls, *args, **kw)

    return __new__


def replace(obj, **changes):
    """A copy of the record `obj` with these fields changed (dataclasses.replace for records)."""
    return obj._replace(**changes)


def fields(obj) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return obj._fields


def as_dict(obj) -> dict:
    """A record's fields and values (dataclasses.asdict, one level deep)."""
    return dict(zip(obj._fields, obj))
