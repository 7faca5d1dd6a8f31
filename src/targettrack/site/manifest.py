"""The site's manifest: what the last run built, from what.

Two files in the site's folder. paths.MANIFEST, JSON: the format, the key
(build.site_key: the day, settings and options every page depends on) and,
per target, the fingerprint of the bytes it was drawn from, its id, plan and
what the other pages show of it (a TargetRow in each language).
paths.RECORDS, a line per target: its id, its JSON record and its CSV row
(as a JSON string), which the files of all targets and of each plan are
made of; kept apart and read as text, since decoding 10,000 records as
JSON took half of a run that drew one target.

A manifest that is not one this version wrote, or that does not hold what
it should, is read as none: every page is drawn again, and nothing removed.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..render.targets_table import TargetRow as Row
from ..util.errors import InputError
from ..util.i18n import _
from . import paths

FORMAT = 2


def load(folder: Path) -> dict | None:
    """{"key": ..., "targets": {fingerprint: entry}, "records": {id: (json, csv)}}
    of the site in `folder`; {} for a new or empty folder; None for a site
    whose manifest cannot be used. An InputError for a file, or a folder
    with other things in it (never written over)."""
    if folder.exists() and not folder.is_dir():
        raise InputError(_("{path} is a file, not a folder for the site").format(path=folder))
    manifest = folder / paths.MANIFEST
    if not manifest.exists():
        if folder.exists() and any(p.name != paths.LOCK for p in folder.iterdir()):
            raise InputError(
                _("{path} is not empty and holds no site that targettrack built: give a new or empty folder").format(
                    path=folder
                )
            )
        return {}
    try:
        kept = json.loads(manifest.read_text(encoding="utf-8"))
        records = _records((folder / paths.RECORDS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not (isinstance(kept, dict) and kept.get("format") == FORMAT and isinstance(kept.get("targets"), dict)):
        return None
    targets = {fp: x for fp, x in kept["targets"].items() if _whole(x) and x["id"] in records}
    return {"key": kept.get("key"), "targets": targets, "records": records}


def _whole(entry) -> bool:
    """Does the entry hold what a run reads of it?"""
    return (
        isinstance(entry, dict)
        and all(isinstance(entry.get(k), str) for k in ("id", "slug", "plan"))
        and isinstance(entry.get("rows"), dict)
        and all(
            isinstance(entry["rows"].get(lang), list) and len(entry["rows"][lang]) == len(Row._fields)
            for lang in paths.LANGS
        )
    )


def _records(text: str) -> dict[str, tuple[str, str]]:
    records = {}
    for line in text.split("\n")[:-1]:  # not splitlines: a record may hold U+2028, which it splits at
        target_id, record, row = line.split("\t")  # a JSON text holds no tab: json.dumps escapes it
        records[target_id] = (record, json.loads(row))
    return records


def texts(key: str, targets: dict, records: dict) -> tuple[str, str]:
    """The manifest's two files, as text."""
    manifest = json.dumps({"format": FORMAT, "key": key, "targets": targets}, ensure_ascii=False)
    lines = "".join(
        f"{x['id']}\t{records[x['id']][0]}\t{json.dumps(records[x['id']][1], ensure_ascii=False)}\n"
        for x in targets.values()
    )
    return manifest, lines
