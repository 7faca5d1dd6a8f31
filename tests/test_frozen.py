"""frozen.record, held to what it replaces: each generated class is made
twice, as a record and as a frozen dataclass (the oracle), and the two must
agree on construction, defaults, equality, hashing, repr, replace and
refusing assignment. Where they differ on purpose (a record is a tuple),
the difference is pinned here too."""

from __future__ import annotations

import dataclasses
from functools import cached_property

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targettrack.model.target import Source, Target
from targettrack.util.frozen import Factory, as_dict, fields, record, replace

names = st.lists(
    st.from_regex(r"[a-z][a-z0-9]{0,6}", fullmatch=True).filter(lambda n: not __import__("keyword").iskeyword(n)),
    min_size=1,
    max_size=6,
    unique=True,
)  # a keyword ("in") is no field name of either kind
values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()))


def _both(field_names: list[str], defaults: list) -> tuple[type, type]:
    """A record and a frozen dataclass with these fields; the last len(defaults) have defaults."""
    required = len(field_names) - len(defaults)
    annotations = {n: "object" for n in field_names}
    body = {"__annotations__": annotations, **dict(zip(field_names[required:], defaults))}
    rec = record(type("R", (), dict(body, __qualname__="R")))
    dc = dataclasses.dataclass(frozen=True)(type("R", (), dict(body, __qualname__="R")))
    return rec, dc


@given(names, st.data())
def test_a_record_is_built_compared_hashed_and_shown_as_a_frozen_dataclass(field_names, data):
    defaults = data.draw(st.lists(values, max_size=len(field_names)))
    rec, dc = _both(field_names, defaults)
    required = len(field_names) - len(defaults)
    given_values = data.draw(st.lists(values, min_size=required, max_size=len(field_names)))
    a, b = rec(*given_values), dc(*given_values)
    assert [getattr(a, n) for n in field_names] == [getattr(b, n) for n in field_names]
    assert repr(a) == repr(b)
    assert fields(a) == tuple(f.name for f in dataclasses.fields(b))
    assert as_dict(a) == dataclasses.asdict(b)
    twin = rec(*given_values)
    assert a == twin and hash(a) == hash(twin) == hash(b)
    name = data.draw(st.sampled_from(field_names))
    new = data.draw(values)
    changed, oracle = replace(a, **{name: new}), dataclasses.replace(b, **{name: new})
    assert [getattr(changed, n) for n in field_names] == [getattr(oracle, n) for n in field_names]
    assert (changed == a) == (oracle == b)
    by_name = rec(**dict(zip(field_names, given_values)))
    assert by_name == a
    with pytest.raises(AttributeError):
        setattr(a, name, new)
    with pytest.raises(AttributeError):
        a.not_a_field = 1  # noqa: B010 - no __dict__ to grow


def test_missing_and_unknown_fields_are_refused_as_by_a_dataclass():
    rec, dc = _both(["a", "b"], [1])
    for made in (rec, dc):
        with pytest.raises(TypeError):
            made()
        with pytest.raises(TypeError):
            made(1, 2, 3)
        with pytest.raises(TypeError):
            made(1, c=3)
    with pytest.raises(TypeError, match="without a default follows"):
        record(type("Bad", (), {"__annotations__": {"a": "int", "b": "int"}, "a": 1}))


def test_a_factory_default_is_made_anew_for_each_record():
    @record
    class Bag:
        name: str
        items: dict = Factory(dict)

    one, two = Bag("one"), Bag("two")
    assert one.items == {} and one.items is not two.items
    given_items = {"x": 1}
    assert Bag("three", given_items).items is given_items
    assert Bag("four", items=given_items).items is given_items
    assert replace(one, name="five").items is one.items


def test_methods_properties_docstrings_and_a_cached_property_are_kept():
    @record
    class Point:
        """A point."""

        x: int
        y: int = 0

        @property
        def norm(self) -> int:
            return abs(self.x) + abs(self.y)

        @cached_property
        def twice(self) -> tuple:
            return (self.x * 2, self.y * 2)

    p = Point(3, -4)
    assert Point.__doc__ == "A point." and Point.__name__ == "Point" and p.norm == 7
    assert p.twice is p.twice == (6, -8)
    with pytest.raises(AttributeError):
        p.x = 1
    with pytest.raises(AttributeError):
        p.other = 1  # a __dict__ for the cached property only: still immutable
    with pytest.raises(AttributeError):
        del p.twice


def test_what_differs_from_a_dataclass_on_purpose():
    rec, dc = _both(["a", "b"], [])
    # A record is a tuple: equal to the tuple of its values, ordered and unpacked as one.
    assert rec(1, 2) == (1, 2) and dc(1, 2) != (1, 2)
    assert rec(1, 2) < rec(1, 3) and tuple(rec(1, 2)) == (1, 2)
    # replace refuses an unknown field, as dataclasses.replace does (with ValueError, as namedtuple's _replace).
    with pytest.raises(ValueError):
        replace(rec(1, 2), c=3)


def test_the_models_records_keep_their_shape():
    t = Target("t", "title")
    assert t.source == Source() and t.kind == "increase" and t.observations == ()
    assert replace(t, title="new").title == "new" and t.title == "title"
    assert fields(Source()) == ("document", "publisher", "date", "url", "quote", "note")
    with pytest.raises(AttributeError):
        t.title = "changed"
