"""The rules a target and an observation must satisfy: ids, kinds, methods,
units, tags, forms, qualifiers, and a value's date. Every entry point (add,
edit, update, import, extract --add) reaches them through validate() and
validate_observation(); the command line only adds the name of the option
to the message, import the row and column.
"""

from __future__ import annotations

from datetime import date

from ..util.errors import InputError
from ..util.frozen import as_dict
from ..util.i18n import _
from .dates import FREQUENCIES
from .kinds import KIND, KINDS
from .qualifiers import AT_MOST, KINDS_OF, in_unit, read_words
from .quantity import normalize_text
from .settings import METHODS
from .target import CHANGES, FORMS, ID_PATTERN, ID_RULE, Observation, Target, change_text


def check_kind(kind: str) -> str:
    if kind not in KIND:
        raise InputError(
            _("{value} is not one of {allowed}").format(value=repr(kind), allowed=", ".join(KINDS)), field="kind"
        )
    return kind


def check_method(method: str | None) -> str | None:
    if method is not None and method not in METHODS:
        raise InputError(
            _("{value} is not one of {allowed}").format(value=repr(method), allowed=", ".join(METHODS)), field="method"
        )
    return method


def check_id(target_id: str) -> str:
    if not ID_PATTERN.fullmatch(target_id or ""):
        raise InputError(_("invalid id {id}: use {rule}").format(id=repr(target_id), rule=_(ID_RULE)), field="id")
    return target_id


# --- the rules -----------------------------------------------------------------
# Every entry point (add, edit, update, import, extract --add) reaches these
# through validate() and validate_observation(); the command line only adds
# the name of the option to the message, import the row and column.


def parse_unit(text: str) -> str:
    """A unit as written (NFKC-folded), or an InputError saying why it is not one."""
    check_text(text, "unit")
    unit = normalize_text(text)
    if unit[:1].isdigit() or not unit.isprintable():
        raise InputError(_("{text} is not a unit (e.g. 家, 个, 亿元, km, %)").format(text=repr(text)), field="unit")
    word = in_unit(unit)
    if word:
        raise InputError(
            _(
                "{text} is not a unit: {word} qualifies the target, not its unit (give it with the "
                "target value, e.g. 6.5亿吨以上)"
            ).format(text=repr(text), word=word),
            field="unit",
        )
    return unit


def check_tag(tag: str) -> str:
    if not tag or any(c.isspace() or c in ",;" for c in tag) or not tag.isprintable():
        raise InputError(
            _("invalid tag {tag}: a tag is one word, without spaces, commas or semicolons").format(tag=repr(tag)),
            field="tags",
        )
    return tag


def parse_tags(values, separators: str = ",") -> tuple[str, ...]:
    """Tags from what people type: several values, each split on `separators`
    (commas on the command line, ';' in a CSV cell); repeats dropped."""
    tags: list[str] = []
    for v in values:
        check_text(v, "tags")
        for sep in separators[1:]:
            v = v.replace(sep, separators[0])
        for tag in v.split(separators[0]):
            tag = check_tag(tag.strip())
            if tag not in tags:
                tags.append(tag)
    return tuple(tags)


def check_text(text: str | None, field: str | None = None) -> str | None:
    """Text that can be stored: valid Unicode (JSON can carry lone surrogates, UTF-8 cannot)."""
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(_("not valid UTF-8 text"), field=field) from None
    return text


def _needs_target(t: Target) -> None:
    if t.target is None:
        raise InputError(
            _("a target of kind {kind} needs a target value (the value to reach)").format(kind=t.kind), field="target"
        )


def _needs_deadline(t: Target) -> None:
    if t.deadline is None:
        raise InputError(
            _("a target of kind {kind} needs a deadline (only caps, floors and milestones may be open-ended)").format(
                kind=t.kind
            ),
            field="deadline",
        )


def _takes_no_target(t: Target) -> None:
    if t.target is not None:
        raise InputError(_("a milestone is done or not done; it takes no target value"), field="target")


def _beyond_baseline(t: Target) -> None:
    if t.baseline is None or t.target is None or t.form in ("change", "growth"):
        return  # a change or a growth rate is not a level to compare with the baseline
    if t.spec.direction > 0 and t.target < t.baseline:
        raise InputError(
            _("an increase target ({target}) below its baseline ({baseline}): did you mean the kind decrease?").format(
                target=t.target, baseline=t.baseline
            ),
            field="kind",
        )
    if t.spec.direction < 0 and t.target > t.baseline:
        raise InputError(
            _("a decrease target ({target}) above its baseline ({baseline}): did you mean the kind increase?").format(
                target=t.target, baseline=t.baseline
            ),
            field="kind",
        )


# The rules that depend on the kind, one entry per kind (tests/test_kinds.py).
RULES = {
    "increase": (_needs_target, _needs_deadline, _beyond_baseline),
    "decrease": (_needs_target, _needs_deadline, _beyond_baseline),
    "cap": (_needs_target,),
    "floor": (_needs_target,),
    "milestone": (_takes_no_target,),
}


def _form_rules(t: Target) -> None:
    """What a form, --each, the frequency and the lag need (docs/statuses.md, "Target forms")."""
    if t.form is not None and t.form not in FORMS:
        raise InputError(
            _("{form} is not a form: one of {items}").format(form=repr(t.form), items=", ".join(FORMS)), field="form"
        )
    if t.form is not None and t.spec.shape != "path":
        raise InputError(
            _(
                "a {form} target is judged on a path to its deadline; a {kind} cannot be one (use "
                "--kind increase or decrease)"
            ).format(form=t.form, kind=t.kind),
            field="kind",
        )
    if t.form == "change":
        _change_rules(t)
    elif t.change is not None:
        raise InputError(_("the kind of change belongs to a change target"), field="change")
    if t.form == "cumulative" and (t.spec.direction < 0 or (t.start is None and t.baseline_date is None)):
        raise InputError(
            _(
                "a cumulative target adds up amounts from its start to a total: it is an increase, and needs a start (or a baseline date, the period before the first amount)"
            ),
            field="start",
        )
    if t.form in ("change", "growth") and t.baseline_date is None:
        raise InputError(
            _("a {form} target is measured from a base period: give its baseline date (e.g. 2020)").format(form=t.form),
            field="baseline_date",
        )
    if t.form == "growth" and t.target is not None and t.target <= -100:
        raise InputError(
            _("an average growth of {target}% a year is not possible (it must be above -100%)").format(target=t.target),
            field="growth",
        )
    if t.each is not None:
        _each_rules(t)
    if t.frequency is not None and t.frequency not in FREQUENCIES:
        raise InputError(
            _("{frequency} is not a frequency: one of {items}").format(
                frequency=repr(t.frequency), items=", ".join(FREQUENCIES)
            ),
            field="frequency",
        )
    if t.lag is not None and not 0 <= t.lag <= 3660:
        raise InputError(_("a lag of {lag} days is out of range (0 to 3660)").format(lag=t.lag), field="lag")
    if t.binding not in (None, True, False):
        raise InputError(_("binding is true, false or not given"), field="binding")
    _qualifier_rules(t)


def _change_rules(t: Target) -> None:
    """A change target: its kind of change, a change that is not 0 and goes the kind's way, points of a %."""
    if t.change not in CHANGES:
        raise InputError(
            _("a change target needs the kind of change: one of {items}").format(items=", ".join(CHANGES)),
            field="change",
        )
    if t.target == 0:
        raise InputError(_("a change of 0 is not a target; give the change to reach, e.g. -13.5%"), field="change")
    if t.target is not None and (t.target > 0) != (t.spec.direction > 0):
        raise InputError(
            _("a change of {change_text} is {value}, not a {kind}: leave the kind out or make it {value2}").format(
                change_text=change_text(t.target, t),
                value=_("an increase") if t.target > 0 else _("a decrease"),
                kind=t.kind,
                value2="increase" if t.target > 0 else "decrease",
            ),
            field="kind",
        )
    if t.change == "points" and t.unit != "%":
        raise InputError(
            _("a change in percentage points is a change of a percentage; the unit is {value}, not %").format(
                value=t.unit or _("not given")
            ),
            field="change",
        )


def _each_rules(t: Target) -> None:
    """A bound in every period: a period a value can be for, of a cap, floor or increase, at its frequency."""
    if t.each not in FREQUENCIES or t.each == "day":
        raise InputError(
            _("a bound in every period takes year, half, quarter or month, not {each}").format(each=repr(t.each)),
            field="each",
        )
    if t.form is not None or not (t.spec.shape == "bound" or (t.spec.shape == "path" and t.spec.direction > 0)):
        raise InputError(
            _(
                "a bound in every period applies to a cap, a floor or an increase given as a "
                "level (not a {value} target)"
            ).format(value=t.form or t.kind),
            field="each",
        )
    if t.frequency is not None and t.frequency != t.each:
        raise InputError(
            _("a bound each {each} is a bound on {each}ly values; the frequency is {frequency}").format(
                each=t.each, frequency=t.frequency
            ),
            field="frequency",
        )


def _qualifier_rules(t: Target) -> None:
    """A qualifier goes with the kinds it names (以上: an increase or a floor),
    and a target for the deadline's value is a level or a change on a path."""
    if t.qualifier is not None:
        q = read_words(t.qualifier)
        if t.spec.boolean:
            raise InputError(
                _("a milestone is done or not done; {words} qualifies a value").format(words=t.qualifier),
                field="target",
            )
        if q.approx and not t.approx:
            raise InputError(
                _("{words} says the target is approximate (approx)").format(words=t.qualifier), field="qualifier"
            )
        if q.sense and t.form == "change" and q.sense == AT_MOST:
            raise InputError(
                _(
                    "{words} (at most) on a change makes it a limit, not a change to reach: give the level as a cap"
                ).format(words=t.qualifier),
                field="target",
            )
        if q.sense and t.form != "change" and t.kind not in KINDS_OF[q.sense]:
            raise InputError(
                _("{words} ({sense}) and the kind {kind} contradict each other: {sense} goes with {kinds}").format(
                    words=t.qualifier, sense=q.describe(), kind=t.kind, kinds=_(" or ").join(KINDS_OF[q.sense])
                ),
                field="kind",
            )
    if t.at_deadline and (t.spec.shape != "path" or t.form not in (None, "change") or t.each):
        raise InputError(
            _(
                "only the deadline period's value settles an increase or a decrease given as a level "
                "or a change; a {value} target cannot be one"
            ).format(value=t.form or t.each or t.kind),
            field="at_deadline",
        )
    if t.at_deadline and t.deadline is None:
        raise InputError(_("a target for the deadline period's value needs a deadline"), field="deadline")


def validate(t: Target) -> Target:
    """The rules a target must satisfy before it is written."""
    check_id(t.id)
    check_kind(t.kind)
    if not t.title or not t.title.strip():
        raise InputError(_("a target needs a non-empty title"), field="title")
    for name in ("title", "title_en", "owner", "plan", "created_at", "created_by", "edited_by"):
        check_text(getattr(t, name), name)
    for name, text in as_dict(t.source).items():
        check_text(text, "source" if name == "document" else f"source_{name}")
    if t.unit:
        parse_unit(t.unit)
    for rule in RULES[t.kind]:
        rule(t)
    _form_rules(t)
    if t.deadline and t.start and t.start.first > t.deadline.last:
        raise InputError(
            _("the start ({start}) is after the deadline ({deadline})").format(start=t.start, deadline=t.deadline)
        )
    if t.deadline and t.baseline_date and t.baseline_date.last > t.deadline.last:
        raise InputError(
            _("the baseline date ({baseline_date}) is after the deadline ({deadline})").format(
                baseline_date=t.baseline_date, deadline=t.deadline
            )
        )
    if t.baseline_date and t.baseline is None and t.form is None:  # a change's or a sum's base may be unknown
        raise InputError(_("a baseline date was given without a baseline value"), field="baseline")
    check_method(t.method)
    if t.plan is not None and (not t.plan.strip() or not t.plan.isprintable() or len(t.plan) > 100):
        raise InputError(
            _("invalid plan {plan}: a plan is a name of 1-100 printable characters").format(plan=repr(t.plan))
        )
    for tag in t.tags:
        check_tag(tag)
    return t


def validate_observation(t: Target, o: Observation, today: date) -> Observation:
    """The rules a new observation must satisfy: a value is recorded once it is known."""
    if o.date.first > today:
        raise InputError(
            _("{date} is in the future (today is {today}); record values once they are known").format(
                date=o.date, today=today
            )
        )
    if o.date.last > today:
        # A value "for 2026-11" is dated 2026-11-30: after today, so today's status would skip it.
        raise InputError(
            _("{date} has not ended yet (today is {today}); give the day, e.g. {today}").format(
                date=o.date, today=today
            )
        )
    check_text(o.note, "note")
    check_text(o.source, "source")
    check_text(o.recorded_by, "recorded_by")
    return o
