"""Bringing the kept rows up to date after a write (rows.py keeps them,
rowpatches.py the journal of patches a write appends to): only the changed
targets are judged, and only their rows are written.
"""

from __future__ import annotations

import os
from datetime import date

from .. import __version__
from . import files as cachefiles
from . import rowpatches
from . import rows as kept_rows
from .rows import ANY, FORMAT, KEY, drawn_as, file_for, identity, load, save, written_line_key

# A command that changed a few targets brings the kept rows up to date as it
# writes; one that changed more than this share of them, the settings or
# everything (undo) leaves them, and the next list judges what it must.
PATCH_AT_MOST = 0.25


def after_write(s, today: date) -> None:
    """Bring the kept rows up to date after store `s` (still locked) wrote what it changed."""
    written = s.written()
    if written is not None and not s.rewritten and s.as_read is not None:
        patch(
            s.path,
            s.as_read,
            written,
            changed=s.changed,
            today=today,
            at_most=PATCH_AT_MOST,
            lang_given=getattr(s, "lang_given", True),
        )


def patch(
    store,
    before: tuple[bytes, os.stat_result],
    after: tuple,
    *,
    changed: dict,
    today: date,
    at_most: float = 1.0,
    lang_given: bool = True,
) -> None:
    """After a command changed these targets (document number -> target, None
    for removed), bring the kept rows of the bytes before to the bytes after
    (Store.written: the bytes, whole or in pieces, their file's identity and
    their meta line), judging only the changed targets: appended to the rows'
    journal of patches, or, when that is long or missing, written into the
    rows. Rows kept in another language stay as they are (a miss next time)."""
    from ..model.settings import Settings

    path = file_for(store, lang_given)
    journal = rowpatches.read(path)
    if journal is not None and len(journal.patches) < rowpatches.AT_MOST and journal.head[4] == drawn_as():
        if journal.head[:3] != (FORMAT, __version__, str(store)) or journal.key() != identity(*before):
            return
        if len(changed) > at_most * max(journal.count, 4):  # judging them all costs a list: leave it to one
            return
        rows = _judged_changes(changed, today, Settings.from_dict(journal.settings), method=journal.head[5])
        raw, st, meta = after
        journal.patches += ((identity(raw, st), meta, tuple(rows.items())),)
        rowpatches.write(path, journal, store)
        return
    kept = load(store, identity(*before), ANY, lang_given=lang_given)
    if kept is None or kept.lang != drawn_as():
        return
    if len(changed) > at_most * max(len(kept.entries), 4):
        return
    rows = {e[KEY]: e for e in kept.entries}
    for number, row in _judged_changes(changed, today, Settings.from_dict(kept.settings), method=kept.method).items():
        if row is None:
            rows.pop(number, None)
        else:
            rows[number] = row
    raw, st, meta = after
    save(
        store,
        identity(raw, st),
        kept.lang,
        method=kept.method,
        settings=kept.settings,
        meta=meta,
        entries=[rows[k] for k in sorted(rows)],
        lang_given=lang_given,
    )


def _judged_changes(changed: dict, today: date, settings, *, method) -> dict:
    """The rows of the changed targets (document number -> row; None: removed), judged `today`."""
    import json

    from ..model.stored import from_dict
    from ..store.fileformat import line_body

    rows = {}
    for number, t in changed.items():
        if t is None:
            rows[number] = None
        elif isinstance(t, bytes):  # its line, as a Batch encoded it
            rows[number] = kept_rows.judged(
                number,
                from_dict(json.loads(line_body(t))),
                today,
                settings=settings,
                method=method,
                line_key=cachefiles.content_key(t),
            )
        else:
            rows[number] = kept_rows.judged(
                number, t, today, settings=settings, method=method, line_key=written_line_key(number, t)
            )
    return rows
