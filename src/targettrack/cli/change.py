"""Commands that change the store: init, add, update, edit, remove, config, undo.

Each parses its options into model values, makes one call into the library
(ops, model.validate, the store), and prints one line.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import List, Optional

import typer

from ..judge.assess import assess
from ..model import operations as ops
from ..model import planwords
from ..model.dates import parse_frequency, parse_lag
from ..model.rules import check_id, check_kind, check_method, check_text, parse_tags, parse_unit, validate
from ..model.settings import KEYS, Settings
from ..model.target import Source, Target
from ..store.lock import locate
from ..store.readwrite import Store
from ..util.errors import InputError
from ..util.i18n import _
from ..util.terminal import hint
from ..util.textwidth import safe
from ..util.who import user
from . import recording
from .options import (
    AtDeadline,
    Baseline,
    BaselineDate,
    Binding,
    ByUser,
    ChangeToSet,
    Cumulative,
    Deadline,
    EachToSet,
    FrequencyToSet,
    GrowthToSet,
    KindOption,
    LagToSet,
    MethodToSet,
    Owner,
    PlanToSet,
    Ref,
    SourceDate,
    SourceDocument,
    SourceNote,
    SourcePublisher,
    SourceQuote,
    SourceUrl,
    Start,
    TagsToSet,
    TargetValue,
    TitleEn,
    Unit,
    interactive,
    now_utc,
    open_store,
    period,
    root,
    today,
)
from .program import app


@app.command()
def init(
    ctx: typer.Context,
    sample: bool = typer.Option(
        False, "--sample", help="Load a shipped store: the seed article's targets, or the one NAME says."
    ),
    name: Optional[str] = typer.Argument(
        None,
        metavar="[NAME]",
        help="With --sample: seed (the default) or cn-14fyp, the 14th Five-Year "
        "Plan's main indicators with published figures.",
    ),
) -> None:
    """Create a store (empty, or with a shipped store's targets). Never overwrites."""
    from ..exchange.samples import sample_targets

    if name is not None and not sample:
        raise InputError(
            _("give --sample {name} to load a shipped store ('targettrack init' alone makes an empty one)").format(
                name=name
            )
        )
    path = locate(root(ctx).db).path
    targets = sample_targets(name or "seed") if sample else []
    Store.create(path, targets)
    print(
        _("created {path} with {count} targets").format(path=safe(str(path)), count=len(targets))
        if len(targets) != 1
        else _("created {path} with 1 target").format(path=safe(str(path)))
    )
    if not targets:
        hint(_("targettrack add ID --title TEXT --target VALUE --deadline DATE, or targettrack import FILE"))


def _source(document, publisher, when, url, quote, note) -> dict:
    """The source fields given (None: not given), as Source's field names."""
    return {
        "document": document,
        "publisher": publisher,
        "date": when.label if when else None,
        "url": url,
        "quote": quote,
        "note": note,
    }


@app.command()
def add(
    ctx: typer.Context,
    target_id: str = typer.Argument(..., metavar="ID", help="A short slug, e.g. sh-robot-brands."),
    title: str = typer.Option(..., "--title", help="What the target is about (any language)."),
    target: TargetValue = None,
    deadline: Deadline = None,
    kind: KindOption = None,
    unit: Unit = None,
    baseline: Baseline = None,
    baseline_date: BaselineDate = None,
    start: Start = None,
    tag: TagsToSet = [],
    owner: Owner = None,
    source: SourceDocument = None,
    source_url: SourceUrl = None,
    source_quote: SourceQuote = None,
    source_publisher: SourcePublisher = None,
    source_date: SourceDate = None,
    source_note: SourceNote = None,
    title_en: TitleEn = None,
    method: MethodToSet = None,
    plan: PlanToSet = None,
    change: ChangeToSet = None,
    growth: GrowthToSet = None,
    each: EachToSet = None,
    cumulative: Cumulative = False,
    binding: Binding = None,
    frequency: FrequencyToSet = None,
    lag: LagToSet = None,
    at_deadline: AtDeadline = False,
    by_user: ByUser = None,
) -> None:
    """Add a target: a level to reach (--target), a change (--change), an average growth (--growth), a total
    of amounts (--cumulative), or a bound in every period (--each)."""
    new = _new_target(ctx, dict(locals()))  # the options as given, by parameter name
    with open_store(ctx, write=True) as store:
        store.describe(f"add {new.id}")
        store.add(new)
        settings = store.settings()
    a = assess(new, today(), settings)
    print(
        _("added {id}: {target}{by} ({status})").format(
            id=new.id,
            target=new.describe_target(),
            status=_(a.status),
            by=_(" by {deadline}").format(deadline=new.deadline) if new.deadline else "",
        )
    )


def _new_target(ctx: typer.Context, given: dict) -> Target:
    """The target `add` was given: its options read into model values, by the library's rules."""
    o = SimpleNamespace(**given)
    check_id(o.target_id)
    given_unit = parse_unit(o.unit) if o.unit is not None else None
    o.target, qualifier = planwords.qualified_target(o.target)
    form = planwords.form_fields(
        given_unit, change=o.change, growth=o.growth, cumulative=o.cumulative, each=o.each, target=o.target, kind=o.kind
    )
    qualifier = qualifier or form.pop("qualifier", None)
    form.pop("qualifier", None)
    o.kind = form.pop("kind", o.kind)
    if "target" in form:
        unit_label, target_value = form.pop("unit", given_unit) or "", form.pop("target")
    else:
        unit_label, target_value = ops.target_and_unit(o.kind or "increase", o.target, given_unit)
    base_date = period("--baseline-date", o.baseline_date)
    if not unit_label and (form.get("form") == "growth" or form.get("change") == "relative"):
        unit_label = planwords.unit_of(o.baseline, "baseline")  # the levels' unit, where a change or a rate has none
    base_value = ops.amount_in(o.baseline, unit_label, "baseline")
    ends = period("--deadline", o.deadline)
    o.kind = check_kind(
        o.kind
        or planwords.kind_for(
            qualifier,
            form=form.get("form"),
            each=form.get("each"),
            deadline=ends,
            baseline=base_value,
            target=target_value,
        )
        or "increase"
    )
    return validate(
        Target(
            id=o.target_id,
            title=o.title,
            kind=o.kind,
            unit=unit_label,
            target=target_value,
            deadline=ends,
            start=period("--start", o.start) or base_date,
            baseline=base_value,
            baseline_date=base_date,
            at_deadline=o.at_deadline,
            **planwords.qualifier_fields(qualifier),
            created_by=user(o.by_user, str(locate(root(ctx).db).path)),
            title_en=o.title_en,
            tags=parse_tags(o.tag),
            owner=o.owner,
            source=Source(
                **_source(
                    o.source,
                    o.source_publisher,
                    period("--source-date", o.source_date),
                    o.source_url,
                    o.source_quote,
                    o.source_note,
                )
            ),
            created_at=now_utc(),
            method=check_method(o.method),
            plan=o.plan,
            binding=o.binding,
            frequency=parse_frequency(o.frequency) if o.frequency is not None else None,
            lag=parse_lag(o.lag) if o.lag is not None else None,
            **form,
        )
    )


@app.command(context_settings={"ignore_unknown_options": True})
def update(
    ctx: typer.Context,
    ref: Ref,
    value: Optional[List[str]] = typer.Argument(
        None,
        metavar="[VALUE]",
        help="The level (850, 8500000万元, -0.5%, +5.2%: a sign is part of the value), or done for a milestone.",
    ),
    by: Optional[str] = typer.Option(
        None, "--by", metavar="AMOUNT", help="Instead of VALUE: add AMOUNT (3, -2, 10亿元) to the latest value."
    ),
    yoy: Optional[str] = typer.Option(
        None,
        "--yoy",
        metavar="PERCENT",
        help="Instead of VALUE: a year-on-year change (-2.7%) on the value for the same period a year before --date.",
    ),
    on: Optional[str] = typer.Option(None, "--date", metavar="DATE", help="Date of the value (default: today)."),
    note: Optional[str] = typer.Option(None, "--note", metavar="TEXT", help="A note on this value."),
    source: Optional[str] = typer.Option(None, "--source", metavar="TEXT", help="Where this value comes from."),
    delete: bool = typer.Option(
        False, "--delete", help="Remove the value recorded for --date (with its corrections) instead of recording one."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No plausibility warnings."),
    by_user: ByUser = None,
) -> None:
    """Record a dated progress value (a second one for a day replaces the first), and print the new status."""
    said = recording.record_value(
        open_store(ctx, write=True),
        recording.Update(
            ref,
            tuple(value or ()),
            by=by,
            yoy=yoy,
            on=on,
            note=note,
            source=source,
            delete=delete,
            quiet=quiet,
            by_user=by_user,
        ),
    )
    for warning in said.warnings:
        print(warning, file=sys.stderr)
    print(said.line)


@app.command()
def edit(
    ctx: typer.Context,
    ref: Ref,
    title: Optional[str] = typer.Option(None, "--title", metavar="TEXT", help="The new title."),
    target: TargetValue = None,
    deadline: Deadline = None,
    kind: KindOption = None,
    unit: Unit = None,
    relabel: bool = typer.Option(
        False, "--relabel", help="With --unit: change the unit's name without converting values."
    ),
    baseline: Baseline = None,
    baseline_date: BaselineDate = None,
    start: Start = None,
    tag: TagsToSet = [],
    owner: Owner = None,
    source: SourceDocument = None,
    source_url: SourceUrl = None,
    source_quote: SourceQuote = None,
    source_publisher: SourcePublisher = None,
    source_date: SourceDate = None,
    source_note: SourceNote = None,
    title_en: TitleEn = None,
    method: MethodToSet = None,
    plan: PlanToSet = None,
    change: ChangeToSet = None,
    growth: GrowthToSet = None,
    each: EachToSet = None,
    cumulative: Cumulative = False,
    binding: Binding = None,
    frequency: FrequencyToSet = None,
    lag: LagToSet = None,
    at_deadline: AtDeadline = False,
    by_user: ByUser = None,
    unset: List[str] = typer.Option([], "--unset", metavar="FIELD", help=f"Clear a field: {', '.join(ops.EDITABLE)}."),
) -> None:
    """Change any field of a target (--change, --growth, --cumulative or --each change its form)."""
    given = SimpleNamespace(**locals())  # the options as given, by parameter name
    new_unit = parse_unit(unit) if unit is not None else None
    if relabel and new_unit is None:
        raise InputError(_("--relabel goes with --unit"))
    target, qualifier = planwords.qualified_target(target)
    fields = _fields_to_edit(given)
    with open_store(ctx, write=True) as store:
        old = store.resolve(ref)
        store.describe(f"edit {old.id}")
        form = planwords.form_fields(
            new_unit or old.unit,
            change=change,
            growth=growth,
            cumulative=cumulative,
            each=each,
            target=target,
            kind=kind,
        )
        form.pop("unit", None)
        qualifier = qualifier or form.pop("qualifier", None)
        form.pop("qualifier", None)
        t = ops.edit(
            old,
            {**fields, **form},
            unit=new_unit,
            relabel=relabel,
            target=target,
            baseline=baseline,
            unset=unset,
            qualifier=qualifier,
            by=user(by_user, str(store.path)),
        )
        store.replace(old.id, t)
        settings = store.settings()
    settled = _settle_conflicts(ctx, t, {**fields, **form}, fields, unset, target, baseline, new_unit, qualifier)
    settled_text = (
        ""
        if not settled
        else _("; 1 merge conflict settled")
        if settled == 1
        else _("; {count} merge conflicts settled").format(count=settled)
    )
    print(_("edited {id} ({status})").format(id=t.id, status=_(assess(t, today(), settings).status)) + settled_text)


def _fields_to_edit(o: SimpleNamespace) -> dict:
    """The fields `edit` was given, read into model values (None: not given)."""
    return {
        "title": check_text(o.title, "title"),
        "kind": check_kind(o.kind) if o.kind else None,
        "title_en": o.title_en,
        "owner": o.owner,
        "deadline": period("--deadline", o.deadline),
        "start": period("--start", o.start),
        "baseline_date": period("--baseline-date", o.baseline_date),
        "tags": parse_tags(o.tag) if o.tag else None,
        "method": check_method(o.method),
        "plan": o.plan,
        "binding": o.binding,
        "frequency": parse_frequency(o.frequency) if o.frequency is not None else None,
        "lag": parse_lag(o.lag) if o.lag is not None else None,
        "at_deadline": o.at_deadline or None,
        "source": _source(
            o.source,
            o.source_publisher,
            period("--source-date", o.source_date),
            o.source_url,
            o.source_quote,
            o.source_note,
        ),
    }


def _settle_conflicts(ctx, t, changed: dict, fields: dict, unset, target, baseline, new_unit, qualifier) -> int:
    """Settle the merge conflicts of the fields this edit set, and no other (issue 31): how many."""
    from ..store.gitshare import resolve

    try:
        # the conflicts of the fields this edit set are settled by it, and no other (issue 31)
        set_here = {k for k, v in changed.items() if v not in (None, {}, ())} | set(unset)
        set_here |= {"source" for v in (fields.get("source") or {}).values() if v is not None}
        set_here |= {
            name
            for name, given in (
                ("target", target),
                ("baseline", baseline),
                ("unit", new_unit),
                ("qualifier", qualifier),
            )
            if given is not None
        }
        if any(name.startswith("source_") for name in unset):
            set_here.add("source")
        return resolve(locate(root(ctx).db).path, t.id, set_here)
    except InputError as e:  # the edit is written; the conflicts file is said to be wrong, not the edit
        print(_("{prog}: warning: {message}").format(prog="targettrack", message=e), file=sys.stderr)
        return 0


@app.command()
def remove(
    ctx: typer.Context,
    ref: Ref,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask (for scripts)."),
) -> None:
    """Remove a target and its observations (asks first on a terminal)."""
    with open_store(ctx, write=True) as store:
        t = store.resolve(ref)
        if not yes:
            if not interactive():
                raise InputError(
                    _("not removing {id} without confirmation: pass --yes when not on a terminal").format(id=t.id)
                )
            if not typer.confirm(
                _("Remove {id} ({title}) and its {count} observations?").format(
                    id=t.id, title=t.title, count=len(t.observations)
                )
            ):
                print(_("not removed"), file=sys.stderr)
                raise typer.Exit(1)
        store.describe(f"remove {t.id}")
        store.remove(t.id)
    from ..store.gitshare import resolve

    try:  # a removal settles a removed-against-changed conflict for the removal, and the target's others with it
        settled = resolve(locate(root(ctx).db).path, t.id)
    except InputError:
        settled = 0
    print(
        _("removed {id}").format(id=t.id)
        + (_("; {count} merge conflict(s) settled").format(count=settled) if settled else "")
    )


@app.command()
def recover(
    ctx: typer.Context,
    target_id: str = typer.Argument(..., metavar="ID", help="The exact id of a removed target."),
) -> None:
    """Bring back a removed target from the kept versions, without undoing later changes."""
    with open_store(ctx, write=True) as store:
        t, snap, entry = store.removed(target_id)
        validate(t)
        store.describe(f"recover {t.id}")
        store.add(t)
        settings = store.settings()
    when = f", {entry.time}" if entry else ""
    from ..store.gitshare import resolve

    try:
        resolve(locate(root(ctx).db).path, t.id, {"(target)"})
    except InputError:
        pass
    print(
        _("recovered {id} as kept in version {version}{when} ({status})").format(
            id=t.id, version=snap.name, when=when, status=_(assess(t, today(), settings).status)
        )
    )


@app.command()
def config(
    ctx: typer.Context,
    key: Optional[str] = typer.Argument(None, metavar="[KEY]", help=f"One of: {', '.join(KEYS)}."),
    value: Optional[str] = typer.Argument(None, metavar="[VALUE]", help="The new value."),
    reset: bool = typer.Option(False, "--reset", help="Put KEY back to its default."),
) -> None:
    """Show or change the store's settings: the default method and each method's band edges."""
    if reset and (key is None or value is not None):
        raise InputError(_("--reset takes one KEY and no VALUE"))
    if key is not None:
        Settings().get(key)  # refuse an unknown key before touching the store
    if value is None and not reset:
        with open_store(ctx) as store:
            current = store.settings()
        keys = [key] if key else list(KEYS)
        default = Settings()
        for k in keys:
            mark = "" if current.get(k) == default.get(k) else _("  (default {value})").format(value=default.get(k))
            print(f"{k} {current.get(k)}{mark}" if key is None else current.get(k) + mark)
        return
    with open_store(ctx, write=True) as store:
        current = store.settings()
        new = current.reset(key) if reset else current.set(key, check_text(value, "value"))
        store.describe(f"config {key} {new.get(key)}")
        store.save_settings(new)
    print(f"{key} {new.get(key)}")


@app.command()
def undo(ctx: typer.Context) -> None:
    """Revert the last change (one step each time) and say what it was."""
    with open_store(ctx, write=True) as store:
        entry = store.undo()
    print(_("undid: {command} (made {time})").format(command=safe(entry.command), time=entry.time))
