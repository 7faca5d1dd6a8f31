"""A target's stored shape: the dict each line of the store holds (to_dict,
from_dict), read strictly, since a store may have been edited by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from ..util.errors import InputError
from ..util.frozen import as_dict
from .dates import FREQUENCIES, Period, day, parse_period
from .kinds import KINDS
from .quantity import from_json_number, json_number
from .settings import METHODS
from .target import CHANGES, FORMS, MEASURES, Observation, Source, Target

# --- the stored shape -------------------------------------------------------


def _put(d: dict, key: str, value) -> None:
    if value is not None and value != "" and value != () and value != []:
        d[key] = value


def observation_to_dict(o: Observation) -> dict:
    d = {"date": o.date.label, "value": json_number(o.value), "recorded_at": o.recorded_at}
    _put(d, "note", o.note)
    _put(d, "source", o.source)
    _put(d, "measure", o.measure)
    _put(d, "recorded_by", o.recorded_by)
    return d


def to_dict(t: Target) -> dict:
    d: dict = {"id": t.id, "title": t.title, "kind": t.kind}
    _put(d, "unit", t.unit)
    _put(d, "target", json_number(t.target))
    _put(d, "deadline", t.deadline.label if t.deadline else None)
    _put(d, "start", t.start.label if t.start else None)
    _put(d, "baseline", json_number(t.baseline))
    _put(d, "baseline_date", t.baseline_date.label if t.baseline_date else None)
    _put(d, "title_en", t.title_en)
    _put(d, "tags", list(t.tags))
    _put(d, "owner", t.owner)
    src = {k: v for k, v in as_dict(t.source).items() if v}
    _put(d, "source", src or None)
    _put(d, "observations", [observation_to_dict(o) for o in t.observations])
    _put(d, "created_at", t.created_at)
    _put(d, "method", t.method)
    _put(d, "plan", t.plan)
    _put(d, "form", t.form)
    _put(d, "change", t.change)
    _put(d, "each", t.each)
    _put(d, "binding", t.binding)
    _put(d, "frequency", t.frequency)
    _put(d, "lag", t.lag)
    _put(d, "qualifier", t.qualifier)
    _put(d, "approx", t.approx or None)
    _put(d, "at_deadline", t.at_deadline or None)
    _put(d, "created_by", t.created_by)
    _put(d, "edited_by", t.edited_by)
    return d


def _str(d: dict, key: str, required: bool = False) -> str | None:
    v = d.get(key)
    if v is None:
        if required:
            raise ValueError(f"missing {key!r}")
        return None
    if not isinstance(v, str):
        raise ValueError(f"{key!r} is not text")
    return v


@lru_cache(maxsize=8192)
def stored_period(label: str) -> Period:
    """A stored date label (the canonical forms parse_period writes). Stores
    repeat the same few thousand labels, so this is cached; ISO days, the
    commonest, skip the general parser."""
    if len(label) == 10 and label[4] == "-" and label[7] == "-":
        try:
            return day(date.fromisoformat(label))
        except ValueError:
            pass
    return parse_period(label)


def _period(d: dict, key: str) -> Period | None:
    v = _str(d, key)
    if v is None:
        return None
    try:
        return stored_period(v)
    except InputError as e:
        raise ValueError(f"{key!r}: {e}") from None


def _num(d: dict, key: str) -> Decimal | None:
    v = d.get(key)
    return None if v is None else from_json_number(v)


def _text_or_none(value, what: str) -> str | None:
    if value is None or type(value) is str:
        return value
    raise ValueError(f"{what} is not text")


def from_dict(d: dict) -> Target:
    """Raises ValueError naming the bad field; the store reports it as corrupt.

    Written for speed (it runs once per target on every load): plain dict
    access and type checks, no helper per field for the observations.
    """
    if not isinstance(d, dict):  # TinyDB hands us Documents, a dict subclass
        raise ValueError("a target is not a JSON object")
    raw_src = d.get("source") or {}
    if type(raw_src) is not dict:
        raise ValueError("'source' is not an object")
    tags = d.get("tags") or []
    if type(tags) is not list or not all(type(x) is str for x in tags):
        raise ValueError("'tags' is not a list of text")
    obs_raw = d.get("observations") or []
    if type(obs_raw) is not list:
        raise ValueError("'observations' is not a list")
    observations = []
    for i, o in enumerate(obs_raw, 1):
        if type(o) is not dict:
            raise ValueError(f"observation {i} is not an object")
        label, value = o.get("date"), o.get("value")
        if type(label) is not str or value is None:
            raise ValueError(f"observation {i} lacks a date or a value")
        try:
            when = stored_period(label)
        except InputError as e:
            raise ValueError(f"observation {i}: {e}") from None
        measure = o.get("measure")
        if measure is not None and measure not in MEASURES:
            raise ValueError(f"observation {i}: unknown measure {measure!r}")
        observations.append(
            Observation(
                when,
                from_json_number(value),
                _text_or_none(o.get("recorded_at"), f"observation {i} recorded_at") or "",
                _text_or_none(o.get("note"), f"observation {i} note"),
                _text_or_none(o.get("source"), f"observation {i} source"),
                measure,
                _text_or_none(o.get("recorded_by"), f"observation {i} recorded_by"),
            )
        )
    kind = _str(d, "kind") or "increase"
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    return Target(
        id=_str(d, "id", required=True),
        title=_str(d, "title", required=True),
        kind=kind,
        unit=_str(d, "unit") or "",
        target=_num(d, "target"),
        deadline=_period(d, "deadline"),
        start=_period(d, "start"),
        baseline=_num(d, "baseline"),
        baseline_date=_period(d, "baseline_date"),
        title_en=_str(d, "title_en"),
        tags=tuple(tags),
        owner=_str(d, "owner"),
        source=Source(**{k: _str(raw_src, k) for k in _SOURCE_KEYS if k in raw_src}) if raw_src else _NO_SOURCE,
        observations=tuple(observations),
        created_at=_str(d, "created_at"),
        method=_method(d),
        plan=_str(d, "plan"),
        **_form_fields(d),
    )


_SOURCE_KEYS = Source._fields
_NO_SOURCE = Source()


def _method(d: dict) -> str | None:
    m = _str(d, "method")
    if m is not None and m not in METHODS:
        raise ValueError(f"unknown method {m!r}")
    return m


def _form_fields(d: dict) -> dict:
    """The fields schemas 3 and 4 added; absent in older stores (levels, inferred frequency)."""
    if not (
        "form" in d
        or "each" in d
        or "binding" in d
        or "frequency" in d
        or "lag" in d
        or "change" in d
        or "qualifier" in d
        or "approx" in d
        or "at_deadline" in d
        or "created_by" in d
        or "edited_by" in d
    ):
        return {}
    f = {name: _str(d, name) for name in ("form", "change", "each", "frequency")}
    if f["form"] is not None and f["form"] not in FORMS:
        raise ValueError(f"unknown form {f['form']!r}")
    if f["change"] is not None and f["change"] not in CHANGES:
        raise ValueError(f"unknown change {f['change']!r}")
    for name in ("each", "frequency"):
        if f[name] is not None and f[name] not in FREQUENCIES:
            raise ValueError(f"unknown {name} {f[name]!r}")
    binding, lag = d.get("binding"), d.get("lag")
    if binding is not None and type(binding) is not bool:
        raise ValueError("'binding' is not true or false")
    if lag is not None and (type(lag) is not int or lag < 0):
        raise ValueError("'lag' is not a number of days")
    flags = {}
    for name in ("approx", "at_deadline"):
        v = d.get(name)
        if v is not None and type(v) is not bool:
            raise ValueError(f"{name!r} is not true or false")
        flags[name] = bool(v)
    return {
        **f,
        "binding": binding,
        "lag": lag,
        "qualifier": _str(d, "qualifier"),
        **flags,
        "created_by": _str(d, "created_by"),
        "edited_by": _str(d, "edited_by"),
    }
