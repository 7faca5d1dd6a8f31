"""Build the site in a folder, drawing again only what changed.

The folder's manifest (manifest.py) says, for each target, the fingerprint
of the bytes it was drawn from. A target whose bytes are those of the last
run, on the same day with the same settings and options, is neither
decoded nor judged nor drawn; a plan's page is drawn again when one of its
targets changed, came or went; the indexes, the search and the files of
all targets when anything did. Every file is written only where its bytes
differ (a web server's copy and rsync see only what changed), each by a
rename, so a reader never sees half a page. Files of targets and plans that
are gone are removed; nothing else in the folder is touched, and a folder
that is not empty and holds no site is refused, never written over.

Drawing is most of a first run (10,000 targets: 20,000 pages and 20,000
files of data), and each target is drawn alone: with more than one core,
the targets are shared among worker processes.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import multiprocessing
import os
from pathlib import Path
from typing import NamedTuple

from .. import __version__
from ..judge.assess import assess
from ..judge.listrecord import OBSERVATION_FIELDS, observation_records
from ..judge.trail import status_trail
from ..render import csv_format, json_format
from ..render.targets_table import TargetRow as Row
from ..render.targets_table import target_row
from ..store.atomicwrite import atomic_write
from ..util import i18n
from ..util.csvcells import write_rows
from ..util.errors import InputError
from ..util.i18n import _
from . import assets, manifest, pages, paths, targetpage
from .pages import Site

PARALLEL_FROM = 200  # targets to draw: fewer are drawn in this process (a worker costs more than it saves)


class Built(NamedTuple):
    targets: int  # in the site
    drawn: int  # targets judged and drawn this run
    written: int  # files written (new or changed)
    unchanged: int  # files drawn again with the same bytes
    removed: int  # files of targets and plans that are gone


class _Writer:
    """Writes files of the site where their bytes differ, and counts."""

    def __init__(self, folder: Path):
        self.folder, self.written, self.unchanged, self.made = folder, 0, 0, set()

    def put(self, rel: str, text: str) -> None:
        path = self.folder / rel
        data = text.encode("utf-8")
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            same = False
        if same:
            self.unchanged += 1
            return
        try:
            parent = str(path.parent)
            if parent not in self.made:
                os.makedirs(parent, exist_ok=True)
                self.made.add(parent)
            atomic_write(path, data, sync=False)  # a page lost to a crash is drawn again by the next run
        except OSError as e:
            raise InputError(
                _("cannot write the site in {path} ({reason})").format(path=path, reason=e.strerror)
            ) from None
        self.written += 1


def site_key(site: Site, settings, method: str | None) -> str:
    """What every page depends on besides its target: a run with another key draws every page again."""
    return json.dumps(
        [
            manifest.FORMAT,
            __version__,
            _code(),
            site.as_of.isoformat(),
            repr(settings),
            method,
            site.title,
            site.subtitle,
            site.zoom,
        ]
    )


def _code() -> str:
    """A hash of the code and words that draw the pages (this package, render/, judge/, the catalogs):
    a targettrack installed again, even of the same version, draws every page again, never half the old way."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.blake2b(digest_size=16)
    for folder, pattern in (("site", "*.py"), ("render", "*.py"), ("judge", "*.py"), ("locale", "**/*.mo")):
        for path in sorted((root / folder).glob(pattern)):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class _Locked:
    """The site's folder, made if need be and held by this run alone: two
    runs writing one site at once would each remove what the other drew."""

    def __init__(self, folder: Path):
        self.folder = folder

    def __enter__(self):
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.folder / paths.LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise InputError(
                _("cannot write the site in {path} ({reason})").format(path=self.folder, reason=e.strerror)
            ) from None
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            raise InputError(
                _("{path}: another run is building this site; try again when it ends").format(path=self.folder)
            ) from None
        return self

    def __exit__(self, *exc):
        os.close(self.fd)  # the lock goes with it


def build(folder: Path, entries, *, decode, settings, site: Site, method: str | None = None) -> Built:
    """The site of the targets `entries` gives ((fingerprint, payload) each;
    `decode(payload)` is the Target, or the payload itself with decode None)
    in `folder`, judged as of site.as_of."""
    kept = manifest.load(folder)  # before the folder is made or locked: refused, nothing is left behind
    with _Locked(folder):
        spoken = i18n.current
        try:
            return _build(folder, kept, entries, decode=decode, settings=settings, site=site, method=method)
        finally:
            i18n.use(spoken)


def _build(folder: Path, kept: dict | None, entries, *, decode, settings, site: Site, method) -> Built:
    key = site_key(site, settings, method)
    old = (kept or {}).get("targets", {})
    same_key = bool(kept) and kept["key"] == key
    reusable = old if same_key else {}
    records = dict((kept or {}).get("records", {})) if same_key else {}
    present = _present(folder) if reusable else set()
    new: dict[str, dict] = {}
    todo = []
    for fp, payload in entries:
        entry = reusable.get(fp)
        if entry is None or not present.issuperset(_target_files(entry["id"])):
            todo.append((fp, payload))
        else:
            new[fp] = entry
    out = _Writer(folder)
    for fp, entry, record in _draw_all(folder, todo, out, decode=decode, settings=settings, site=site, method=method):
        new[fp] = entry
        records[entry["id"]] = record
    ids = [x["id"] for x in new.values()]
    if len(set(ids)) != len(ids):
        raise InputError(_("two targets have one id: run 'targettrack doctor'"))
    changed_plans = {new[fp]["slug"] for fp, _payload in todo} | {old[fp]["slug"] for fp in old.keys() - new.keys()}
    _plans(new, records, out, site=site, changed=changed_plans if same_key else None)
    if todo or old.keys() != new.keys() or not same_key or not all((folder / rel).exists() for rel in SHARED):
        _whole(new, records, out, site=site)
    removed = _remove(folder, _gone(old, new))
    text, lines = manifest.texts(key, new, records)
    out.put(paths.RECORDS, lines)
    out.put(paths.MANIFEST, text)  # last: a run stopped before it draws everything again
    return Built(len(new), len(todo), out.written, out.unchanged, removed)


# Files every run may draw again (the indexes, search, all targets, the style and script).
SHARED = (
    paths.ROOT_INDEX,
    paths.STYLE,
    paths.SCRIPT,
    paths.all_data("csv"),
    paths.all_data("json"),
    *(paths.index_page(lang) for lang in paths.LANGS),
    *(paths.search_data(lang, ext) for lang in paths.LANGS for ext in ("js", "json")),
)


def _target_files(target_id: str) -> list[str]:
    return [paths.target_page(lang, target_id) for lang in paths.LANGS] + [
        paths.target_data(target_id, ext) for ext in ("csv", "json")
    ]


def _plan_files(slug: str) -> list[str]:
    return [paths.plan_page(lang, slug) for lang in paths.LANGS] + [
        paths.plan_data(slug, ext) for ext in ("csv", "json")
    ]


def _present(folder: Path) -> set[str]:
    """The files in the folders of target pages and data (a listing each: 40,000 stats took a second)."""
    found = set()
    for sub in {rel.rsplit("/", 1)[0] for rel in _target_files("x")}:
        try:
            found.update(f"{sub}/{name}" for name in os.listdir(folder / sub))
        except OSError:
            pass
    return found


def _gone(old: dict, new: dict) -> set[str]:
    """The files of the targets and plans of `old` that `new` has not (only
    the entries that changed are looked at: the rest are in both)."""
    left = [old[fp] for fp in old.keys() - new.keys()]
    if not left:
        return set()
    ids = {x["id"] for x in new.values()}
    slugs = {x["slug"] for x in new.values()}
    gone = set()
    for x in left:
        if x["id"] not in ids:
            gone.update(_target_files(x["id"]))
        if x["slug"] not in slugs:
            gone.update(_plan_files(x["slug"]))
    return gone


def _remove(folder: Path, gone: set[str]) -> int:
    removed = 0
    for rel in sorted(gone):
        try:
            os.unlink(folder / rel)
            removed += 1
        except FileNotFoundError:
            pass
    return removed


# --- drawing the targets ------------------------------------------------------------

_JOB: dict = {}  # what worker processes draw from (inherited when they fork)


def _draw_all(folder: Path, todo: list, out: _Writer, *, decode, settings, site: Site, method):
    """(fingerprint, entry, record) of each target in `todo`, drawn and written."""
    job = {"folder": folder, "todo": todo, "decode": decode, "settings": settings, "site": site, "method": method}
    workers = min(os.cpu_count() or 1, 4)
    if len(todo) < PARALLEL_FROM or workers < 2 or not hasattr(os, "fork"):
        yield from _draw_range(job, 0, len(todo), out)
        return
    step = max(50, len(todo) // (workers * 8))  # pieces small enough to share out evenly
    _JOB.update(job, step=step)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for drawn, written, unchanged in pool.imap_unordered(_worker, range(0, len(todo), step)):
                out.written += written
                out.unchanged += unchanged
                yield from drawn
    finally:
        _JOB.clear()


def _worker(start: int):
    out = _Writer(_JOB["folder"])
    drawn = list(_draw_range(_JOB, start, min(start + _JOB["step"], len(_JOB["todo"])), out))
    return drawn, out.written, out.unchanged


def _draw_range(job: dict, start: int, stop: int, out: _Writer):
    decode = job["decode"]
    for fp, payload in job["todo"][start:stop]:
        t = payload if decode is None else decode(payload)
        entry, record = _draw(t, out, settings=job["settings"], site=job["site"], method=job["method"])
        yield fp, entry, record


def _draw(t, out: _Writer, *, settings, site: Site, method) -> tuple[dict, tuple[str, str]]:
    """Judge `t`, write its pages and data: its manifest entry, and its record (JSON, CSV)."""
    trail = status_trail(t, settings, method=method)
    rows = {}
    for lang in paths.LANGS:
        i18n.use(lang)
        a = assess(t, site.as_of, settings, method=method)
        out.put(paths.target_page(lang, t.id), targetpage.page(t, a, trail, site))
        rows[lang] = list(target_row(t, a))
        if lang == "en":  # the data files speak English (their field names do)
            record = (json_format.piece(t, a), csv_format.piece(t, a))
    values = observation_records(t)
    text = io.StringIO()
    write_rows(OBSERVATION_FIELDS, values, text)
    out.put(paths.target_data(t.id, "csv"), text.getvalue())
    out.put(
        paths.target_data(t.id, "json"),
        '{"target": ' + record[0] + ',\n"values": ' + json.dumps(values, ensure_ascii=False) + "}\n",
    )
    return {"id": t.id, "slug": paths.plan_slug(t.plan), "plan": t.plan or "", "rows": rows}, record


# --- the pages of many targets ------------------------------------------------------


def _by_plan(entries: dict) -> list[tuple[str, str, list[dict]]]:
    """(slug, plan, entries sorted by id) of each plan, by name; the targets in no plan last."""
    plans: dict[str, tuple[str, list[dict]]] = {}
    for entry in entries.values():
        plans.setdefault(entry["slug"], (entry["plan"], []))[1].append(entry)
    return [
        (slug, name, sorted(members, key=lambda x: x["id"]))
        for slug, (name, members) in sorted(plans.items(), key=lambda p: (p[1][0] == "", p[1][0]))
    ]


def _data(out: _Writer, rel: str, members: list[dict], records: dict) -> None:
    """`rel`.csv and `rel`.json: the records of `members`."""
    buf = io.StringIO()
    csv_format.render_pieces([records[m["id"]][1] for m in members], buf)
    out.put(rel + ".csv", buf.getvalue())
    buf = io.StringIO()
    json_format.render_pieces([records[m["id"]][0] for m in members], buf)
    out.put(rel + ".json", buf.getvalue())


def _plans(entries: dict, records: dict, out: _Writer, *, site: Site, changed: set[str] | None) -> None:
    """The pages and data of each plan in `changed` (None: every plan)."""
    for slug, name, members in _by_plan(entries):
        if changed is not None and slug not in changed:
            continue
        for lang in paths.LANGS:
            i18n.use(lang)
            out.put(paths.plan_page(lang, slug), pages.plan(site, slug, name, [Row(*m["rows"][lang]) for m in members]))
        _data(out, paths.plan_data(slug, "csv")[: -len(".csv")], members, records)


def _whole(entries: dict, records: dict, out: _Writer, *, site: Site) -> None:
    """What shows every target: the indexes, the search, the files of all targets, the shared style and script."""
    plans = _by_plan(entries)
    for lang in paths.LANGS:
        i18n.use(lang)
        shown = [(slug, name, [Row(*m["rows"][lang]) for m in members]) for slug, name, members in plans]
        out.put(paths.index_page(lang), pages.index(site, shown))
        here = paths.index_page(lang)
        found = {
            "said": _("{n} found."),
            "first": _("The first {n} are shown."),
            "targets": [
                [r.id, r.title, r.other, r.plan, _(r.status), paths.link(here, paths.target_page(lang, r.id))]
                for _slug, _name, rows in shown
                for r in rows
            ],
        }
        text = json.dumps(found, ensure_ascii=False, separators=(",", ":"))
        out.put(paths.search_data(lang, "json"), text + "\n")
        # in a script, "</script>" would end it early: written <\/ (the same string to JavaScript)
        out.put(paths.search_data(lang, "js"), "window.TT_SEARCH = " + text.replace("</", "<\\/") + ";\n")
    _data(out, paths.all_data("csv")[: -len(".csv")], [m for _s, _n, members in plans for m in members], records)
    out.put(paths.ROOT_INDEX, pages.root_index(site))
    out.put(paths.STYLE, assets.CSS)
    out.put(paths.SCRIPT, assets.SCRIPT)
