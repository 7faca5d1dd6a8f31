"""The rows of `list`, kept between runs in $XDG_CACHE_HOME/targettrack/.

Decoding a large store, building its targets and judging them is most of
what `list` costs (bench/NOTES.md), and nearly all of it comes out the same
from one run to the next. So each target's row is kept with the run of days
it holds for (digest.change_days: a target's judgement changes only on known
days), and a later `list` on any day of that run, the first of a new day
included, shows the kept row without reading a target. A target whose run
has ended is judged again alone.

The rows are used as they are only for the exact bytes they were made
from: the key is the store's path, its file identity (size, modification
and change times, inode), a checksum of its bytes, what the cells were
drawn for (the language, TARGETTRACK_CJK_WIDTH), the --method asked for
and targettrack's version (the settings are in the store's bytes). A
command that changes the store patches the rows of the targets it changed.
After other hands (an edit, a git pull) the file is read line by line: each
row also carries the key of its target's line, so a line seen before keeps
its row and only new lines are decoded, checked and judged; changed
settings, many new lines or another layout take the full path. The file is
written whole, atomically, and checked by a checksum before it is read; a
cache that cannot be read or written is only a miss: never an error, and
never the store's problem. `--no-cache` skips it; `targettrack cache
clear` removes it.
"""

from __future__ import annotations

import marshal
import os
import zlib
from datetime import date

from .. import __version__
from ..judge.statuses import order
from ..render.lines import Line
from ..store.lock import read_store, reading
from ..util import i18n
from . import files as cachefiles
from . import rowpatches

# Light by design: what a `list` served from kept rows needs (fastlane.py
# runs it before the command line is even imported). Judging a target, and
# what it takes, is imported only where rows are made.

FORMAT = 9  # 9: a bound drawn ≤ and ≥ in Chinese (rows kept by 8 are drawn again)
ANY = object()  # load(): rows judged by whichever method
SUFFIX = ".rows"
# One kept row: where the target is in the store, the days its row holds
# for, what filters and sorts look at, and what is drawn. Tuples of plain
# values: marshal reads 10,000 of them in a few milliseconds.
# The key of the target's line in the store (cachefiles.content_key) finds
# the row again after the file changed by other hands (rekeyed). The last
# four, what the weekly report needs besides (reported, reportrows.py).
(
    KEY,
    FIRST,
    LAST,
    ID,
    KIND,
    TAGS,
    PLAN,
    BINDING,
    DEADLINE,
    STATUS,
    PROGRESS,
    BUFFER,
    LINE,
    LINE_KEY,
    LATEST,
    ACHIEVED,
    SHOWN,
    RECORDED,
) = range(18)
ROW_LENGTH = 18


def folder(environ=os.environ):
    """The folder of the kept rows (a Path)."""
    from pathlib import Path

    return Path(cachefiles.folder(environ))


def file_for(store, lang_given: bool = False, environ=os.environ) -> str:
    """The rows of `store` as a command draws them: a language chosen by --lang or TARGETTRACK_LANG has a
    file of its own beside the one the store's configured (or the default) language draws, so an analyst's
    English list beside a Chinese cron report each read their own rows (issue 36, item 2). Without a
    language chosen, the file is named by the locale's language, which the command would speak but for the
    store's `config lang` (read from the rows themselves: drawn_alike checks them)."""
    slot = f"given-{i18n.current}" if lang_given else f"locale-{i18n.from_locale(environ) or 'en'}"
    return cachefiles.path_for(store, f".{slot}{SUFFIX}", environ)


def identity(raw, st: os.stat_result) -> tuple:
    """What the kept rows were made from: the file (size, times, inode,
    device) and a checksum of its bytes (whole, or the pieces a write wrote
    them as), which an edit that restores the file's times, or lands within
    one tick of the clock, still changes."""
    if isinstance(raw, bytes):
        crc = zlib.crc32(raw)
    else:
        crc = 0
        for piece in raw:
            crc = zlib.crc32(piece, crc)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, crc)


def drawn_as() -> str:
    """What the kept cells were drawn for besides the store: the language,
    and whether ambiguous characters are two cells wide (TARGETTRACK_CJK_WIDTH
    changes the widths kept with the cells)."""
    from ..util.textwidth import AMBIGUOUS_WIDE

    return i18n.current + ("+wide" if AMBIGUOUS_WIDE else "")


class Kept:
    """The rows kept for one store's bytes."""

    __slots__ = ("key", "lang", "method", "settings", "meta", "entries", "patched")

    def __init__(
        self,
        key: tuple,
        lang: str,
        method: str | None,
        settings: dict,
        meta: bytes | None,
        entries: list[tuple],
        patched: int = 0,
    ):
        self.key = key  # the identity of the bytes they were made for
        self.lang = lang  # what the cells were drawn for (drawn_as)
        self.method = method  # the --method they were judged by (None: each target's own)
        self.settings = settings  # the store's settings, as stored
        self.meta = meta  # the store's meta line (layout.py), when it is in targettrack's layout
        self.entries = entries  # store order
        self.patched = patched  # how many patches of the journal (rowpatches.py) were applied

    def ids_out_of_run(self, on: date) -> list[str]:
        day = on.toordinal()
        return [e[ID] for e in self.entries if not e[FIRST] <= day <= e[LAST]]


def load(store, key, method, *, lang_given: bool) -> Kept | None:
    """The kept rows for these bytes of `store` (key ANY: for whichever bytes
    it last had), with the patches kept beside them applied, or None (a
    miss). Their language is for the caller to check: it may come from the
    settings."""
    path = file_for(store, lang_given)
    body = cachefiles.read(path)
    if body is None:  # missing, torn or damaged: never handed to marshal
        return None
    try:
        head, settings, meta, entries = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    if (
        not isinstance(head, tuple)
        or len(head) != 6
        or head[:3] != (FORMAT, __version__, str(store))
        or (head[5] != method and method is not ANY)
    ):
        return None
    journal = rowpatches.read(path)
    patches = journal.patches if journal is not None and journal.head == head else ()
    now = patches[-1][0] if patches else head[3]
    if now != key and key is not ANY:
        return None
    if not (
        isinstance(settings, dict)
        and isinstance(meta, (bytes, type(None)))
        and isinstance(entries, tuple)
        and all(map(_well_formed, entries))
    ):
        return None  # not the shape this version writes: a miss, never a traceback
    entries = list(entries)
    if patches:
        entries = rowpatches.applied(entries, patches, KEY, well_formed=_well_formed)
        if entries is None:
            return None
        meta = patches[-1][1]
    return Kept(now, head[4], head[5], settings, meta, entries, len(patches))


def _well_formed(e) -> bool:
    """A kept row of the shape `entry` makes, as far as anything reading it relies on."""
    return (
        type(e) is tuple
        and len(e) == ROW_LENGTH
        and type(e[FIRST]) is int
        and type(e[LAST]) is int
        and type(e[ID]) is str
        and type(e[STATUS]) is str
        and type(e[LINE]) is tuple
        and len(e[LINE]) == 7
        and type(e[LINE][0]) is tuple
        and type(e[TAGS]) is tuple
        and type(e[LATEST]) is int
        and (e[DEADLINE] is None or type(e[DEADLINE]) is int)
        and (e[BUFFER] is None or type(e[BUFFER]) is int)
        and (e[PROGRESS] is None or type(e[PROGRESS]) is tuple and len(e[PROGRESS]) == 2)
        and type(e[RECORDED]) is int
    )


def save(
    store,
    key: tuple,
    lang: str,
    *,
    method: str | None,
    settings: dict,
    meta: bytes | None,
    entries: list[tuple],
    lang_given: bool,
) -> None:
    """Keep these rows for these bytes of `store`: best effort, atomically;
    and start their journal of patches (rowpatches.py) with what a patch needs."""
    path = file_for(store, lang_given)
    head = (FORMAT, __version__, str(store), key, lang, method)
    cachefiles.write(path, marshal.dumps((head, settings, meta, tuple(entries))), store)
    rowpatches.write(path, rowpatches.Journal(head, len(entries), settings, ()), store)


def clear(environ=os.environ) -> int:
    """Remove every kept file (rows and exported pieces); how many were removed."""
    return cachefiles.clear(environ)


# --- making rows (imports the judging) -----------------------------------------------


def _exact(x):
    return None if x is None else (x.numerator, x.denominator)


def entry(doc_key: int, t, a, *, settings, line_key: int | None = None) -> tuple:
    """The kept row of target `t` judged as `a` (on a.as_of); `line_key`, its line's (None: not in the layout)."""
    from ..judge.changedays import run_of
    from ..render.cells import line

    first, last = run_of(t, a, settings)
    ln = line(t, a)
    return (
        doc_key,
        first.toordinal(),
        last.toordinal(),
        t.id,
        t.kind,
        tuple(t.tags),
        t.plan,
        t.binding,
        t.deadline.last.toordinal() if t.deadline else None,
        a.status,
        _exact(a.progress),
        a.buffer_days,
        tuple(ln),
        line_key,
    ) + reported(t, a)


def reported(t, a) -> tuple:
    """What the report needs of a kept row besides the list's: the latest
    day a value is for or was recorded (an ordinal, 0 without), the day the
    target was reached (an ordinal or None), and for a target needing
    attention, what its section shows of it (None otherwise): when it is
    projected to be reached and where it stands but for the count of days
    (report_common.how_far_parts), marshalled, so that a list reading the
    rows makes one object of them, not seven."""
    from ..model.target import recorded_day
    from ..report.summary import needs_attention

    latest = max((max(o.date.last, recorded_day(o) or date.min).toordinal() for o in t.observations), default=0)
    achieved = a.achieved_date.toordinal() if a.achieved_date else None
    recorded = max((d.toordinal() for d in map(recorded_day, t.observations) if d), default=0)
    if not needs_attention(a.status, a.stale, t.deadline is not None and a.as_of > t.deadline.last):
        return latest, achieved, None, recorded
    from ..render.report_common import how_far_parts, projected

    return latest, achieved, marshal.dumps((projected(t, a),) + how_far_parts(t, a)), recorded


def judged(doc_key: int, t, on: date, *, settings, method: str | None, line_key: int | None = None) -> tuple:
    from ..judge.assess import assess

    return entry(doc_key, t, assess(t, on, settings, method=method), settings=settings, line_key=line_key)


def written_line_key(doc_key: int, t) -> int:
    """The key of the line targettrack writes for `t` (layout.doc_line: one form, so it can be made again)."""
    from ..model.stored import to_dict
    from ..store.fileformat import doc_line

    return cachefiles.content_key(doc_line(str(doc_key), to_dict(t)).encode("utf-8"))


# --- what the list needs of a kept row ---------------------------------------------


def _progress(e: tuple):
    from fractions import Fraction

    return Fraction(*e[PROGRESS]) if e[PROGRESS] is not None else None


def lines_shown(entries: list[tuple], on: date, keep, *, sort: str) -> list[Line]:
    """The lines of the rows `keep` keeps (None: all), in the order asked
    for: selection's rules, over the kept facts."""
    kept = entries if keep is None else [e for e in entries if keep(e)]
    key = order(sort)
    exact = sort == "progress"  # the one order that compares progress: exact fractions, as judged
    kept = sorted(kept, key=lambda e: key(e[ID], e[DEADLINE], e[STATUS], _progress(e) if exact else None, e[BUFFER]))
    return [Line(*e[LINE]) for e in kept]


def statuses_only(wanted) -> object:
    """A test of a kept row by its status alone (None: any status): the fast
    lane's, which imports no Filter (selection.py brings the model with it)."""
    if not wanted:
        return None
    return lambda e: e[STATUS] in wanted


def row_filter(flt):
    """A selection.Filter as a test of a kept row (None: it keeps everything)."""
    if not (flt.statuses or flt.tags or flt.kind or flt.plan is not None or flt.due_before or flt.binding is not None):
        return None

    def keep(e: tuple) -> bool:
        deadline = date.fromordinal(e[DEADLINE]) if e[DEADLINE] is not None else None
        return flt.keeps(e[KIND], e[TAGS], e[PLAN], e[BINDING], deadline) and (
            not flt.statuses or e[STATUS] in flt.statuses
        )

    return keep


# --- the list, from kept rows where they hold -------------------------------------


def configured_lang(kept: Kept, lang_given: bool) -> None:
    """The store's `config lang`, as a command's store applies it, unless --lang or TARGETTRACK_LANG chose."""
    if not lang_given:
        configured = kept.settings.get("lang") if isinstance(kept.settings, dict) else None
        if configured:
            i18n.use(configured, "the store's config lang")


def drawn_alike(kept: Kept, lang_given: bool) -> bool:
    """Whether kept rows were drawn as this command draws them, once the
    store's configured language (from the same settings) is in use."""
    configured_lang(kept, lang_given)
    return kept.lang == drawn_as()


def lines(
    store, on: date, today: date, *, method: str | None, keep, sort: str, lang_given: bool, open_store
) -> list[Line]:
    """The list's lines: kept rows that hold on `on`, targets judged again
    where they do not, everything judged on a miss (and kept, when `on` is
    today), those `keep` keeps (a test of a kept row: row_filter or
    statuses_only; None keeps every one). `open_store()` opens the store for
    reading, choosing its configured language as a command's store does."""
    return rows_as_of(
        store,
        on,
        today,
        method=method,
        lang_given=lang_given,
        open_store=open_store,
        use=lambda entries, key: lines_shown(entries, on, keep, sort=sort),
    )


def rows_as_of(store, on: date, today: date, *, method: str | None, lang_given: bool, open_store, use):
    """`use(entries, key)`, under the store's lock: every target's row as
    judged on `on`, in store order (kept rows where they hold, targets judged
    again where they do not, everything judged on a miss and kept when `on`
    is today), and the identity of the bytes they are for."""
    with reading(store) as (raw, st):  # a missing or unreadable store is the usual error
        key = identity(raw, st)
        del raw  # the kept rows are loaded without the store's bytes beside them (14 MB at 10,000)
        kept = load(store, key, method, lang_given=lang_given)
        raw = None
        if kept is None:
            raw = _again(store, st)
            kept = (
                _rekeyed(store, raw, key, on=on, today=today, method=method, lang_given=lang_given)
                if raw is not None
                else None
            )
        entries = None
        if kept is not None and drawn_alike(kept, lang_given):
            entries = kept.entries
            stale = kept.ids_out_of_run(on)
            raw = raw or (_again(store, st) if stale else None)
            if stale and raw is None:
                entries = None  # the file changed under a reader without a lock file: a miss
            elif stale:
                entries = _rejudged(
                    store,
                    raw,
                    key,
                    kept=kept,
                    stale=stale,
                    on=on,
                    today=today,
                    method=method,
                    open_store=open_store,
                    lang_given=lang_given,
                )
        if entries is None:
            from ..store.fileformat import meta_line, split

            with open_store() as s:
                settings = s.settings()
                key = identity(*s.as_read)
                raw = s.as_read[0]
                cut = split(raw)  # the lines' keys, when the file is in targettrack's layout
                keys = {int(n): cachefiles.content_key(line) for n, line in cut.docs.items()} if cut else {}
                del cut
                # each target judged as it is read, and let go
                entries = [
                    judged(k, t, on, settings=settings, method=method, line_key=keys.get(k))
                    for k, t in s.each_numbered()
                ]
            if on == today:
                save(
                    store,
                    key,
                    drawn_as(),
                    method=method,
                    settings=settings.to_dict(),
                    meta=meta_line(raw),
                    entries=entries,
                    lang_given=lang_given,
                )
        del raw
        return use(entries, key)


def _again(store, st) -> bytes | None:
    """The store's bytes read again, if the file is still the one `st` is of
    (None: it was replaced; the caller then judges the file as it is now)."""
    raw, now = read_store(os.path.realpath(store))
    same = (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
    return raw if same else None


# A file changed by other hands (an edit, a git pull) is read line by line
# against the rows kept for the file before: a line seen before keeps its
# row, a new line is decoded, checked and judged alone. Past this share of
# new lines, decoding the whole file at once is the cheaper way.
REKEY_AT_MOST = 0.5


def _rekeyed(store, raw: bytes, key: tuple, *, on: date, today: date, method, lang_given: bool) -> Kept | None:
    """The rows for these bytes, made from the rows kept for the store's
    earlier bytes, or None when that is not possible here (the full path
    then decodes, checks and judges the whole file, and says what is wrong)."""
    from ..store.fileformat import split

    old = load(store, ANY, method, lang_given=lang_given)
    if old is None or old.meta is None:
        return None
    cut = split(raw)
    if cut is None or cut.meta != old.meta:  # the settings (the language among them) or the layout changed
        return None
    if not drawn_alike(old, lang_given):  # the same settings: the same configured language
        return None
    by_line = {e[LINE_KEY]: e for e in old.entries if e[LINE_KEY] is not None}
    found, new = [], []
    for number, line in cut.docs.items():  # in store order
        k = cachefiles.content_key(line)
        e = by_line.get(k)
        found.append(e)
        if e is None:
            new.append((len(found) - 1, int(number), line, k))
    if len(new) > REKEY_AT_MOST * max(len(found), 4):
        return None
    import json

    from ..model.settings import Settings
    from ..model.stored import from_dict
    from ..store.fileformat import line_body

    settings = Settings.from_dict(old.settings)
    for i, number, line, k in new:
        try:
            t = from_dict(json.loads(line_body(line)))
        except (ValueError, TypeError, ArithmeticError, UnicodeDecodeError, RecursionError):
            return None  # the full path says the store is corrupt, and where
        found[i] = judged(number, t, on, settings=settings, method=method, line_key=k)
    ids = [e[ID] for e in found]
    if len(set(ids)) != len(ids):
        return None  # an id twice: the full path says so
    kept = Kept(key, old.lang, method, old.settings, old.meta, found)
    if on == today:
        _keep_again(store, key, kept, found, lang_given=lang_given)
    return kept


def _rejudged(
    store,
    raw: bytes,
    key: tuple,
    *,
    kept: Kept,
    stale: list[str],
    on: date,
    today: date,
    method,
    open_store,
    lang_given: bool,
):
    """Every row with the rows whose run of days has ended judged again (the
    first list of a new year: a tenth of a large store), or None (judge
    everything). The rows were kept for exactly these bytes (`key` holds
    their CRC), so in targettrack's layout each expiring target's block is
    taken by its number from one cut of the file and decoded alone; one
    search of the whole file per target made that list 10x slower than
    --no-cache (issue 36, item 1)."""
    fresh = _rejudged_by_number(raw, kept, stale, on=on, method=method)
    if fresh is None:
        with open_store() as s:
            if identity(*s.as_read) != key:  # changed since: judge everything
                return None
            settings = s.settings()
            number = {e[ID]: e[KEY] for e in kept.entries}
            line_key = {e[ID]: e[LINE_KEY] for e in kept.entries}
            fresh = {
                t.id: judged(number[t.id], t, on, settings=settings, method=method, line_key=line_key[t.id])
                for t in s.exact(stale)
            }
    entries = [fresh.get(e[ID], e) for e in kept.entries]
    if on == today:
        _keep_again(store, key, kept, entries, lang_given=lang_given)
    return entries


def _keep_again(store, key: tuple, kept: Kept, entries: list[tuple], *, lang_given: bool) -> None:
    """Save `entries` for the bytes `key` in place of `kept`, whose language, method, settings and meta line hold."""
    save(
        store,
        key,
        kept.lang,
        method=kept.method,
        settings=kept.settings,
        meta=kept.meta,
        entries=entries,
        lang_given=lang_given,
    )


# Past this many rows run out at once, half are judged in a forked copy on a
# second core (util/forkjoin.py): below it, the fork costs more than it saves.
JUDGED_IN_TWO_FROM = 200


def _rejudged_by_number(raw: bytes, kept: Kept, stale: list[str], *, on: date, method) -> dict | None:
    from ..store.fileformat import line_body, split

    cut = split(raw) if kept.meta is not None else None
    if cut is None or cut.meta != kept.meta:
        return None
    import json

    from ..model.settings import Settings
    from ..model.stored import from_dict
    from ..util.forkjoin import in_two

    settings = Settings.from_dict(kept.settings)
    wanted = set(stale)

    def judge(entries: list) -> dict | None:
        fresh = {}
        for e in entries:
            block = cut.docs.get(str(e[KEY]))
            try:
                t = from_dict(json.loads(line_body(block)))
            except (ValueError, TypeError, ArithmeticError, UnicodeDecodeError, RecursionError):
                return None  # not as the rows were kept: the store's own reading says what is wrong
            if t.id != e[ID]:
                return None
            fresh[t.id] = judged(e[KEY], t, on, settings=settings, method=method, line_key=e[LINE_KEY])
        return fresh

    return in_two([e for e in kept.entries if e[ID] in wanted], judge, at_least=JUDGED_IN_TWO_FROM)
