"""Reading a store: its targets by id, by number or one at a time, decoded
from the lines they need and no more (Store's reading half; readwrite.py
holds the rest).
"""

from __future__ import annotations

import json
import os

from ..model.settings import Settings
from ..model.stored import from_dict
from ..model.target import Target
from ..util.errors import InputError, StoreError
from ..util.i18n import _
from . import fileformat as layout
from . import recast, storefile
from .fileformat import META_TABLE, TARGETS_TABLE

# Store.exact: past this many targets, one index of every line's id (~40 ms
# at 10,000 targets) costs less than searching the bytes for each.
FOUND_BY_BYTES_AT_MOST = 16


class StoreReading:
    """The reading methods of readwrite.Store, which sets up the state they
    read (the file, the index of ids, the targets parsed so far).

    Which to call, by what the caller needs:

    - one target a person named: `resolve` (an id or a unique prefix),
      `get` (an exact id or None, not kept), `exact` (a few exact ids);
    - every target at once, kept: `targets`, or `numbered` with each one's
      document number; `ids` decodes nothing;
    - every target one at a time, none kept (list, report): `each_target`,
      or `each_numbered`; a file from other hands is checked as it is read;
    - every target one at a time for writing out (export): `iter_targets`,
      which checks a file from other hands whole before the first is given,
      so nothing is written before a problem is found;
    - the raw lines, for a cache of what was drawn: `documents` and
      `decoded`; `written`, the bytes this command wrote.
    """

    def schema(self) -> int:
        return self._file.meta()["schema"]

    def settings(self) -> Settings:
        raw = self._file.meta().get("settings")
        try:
            return Settings.from_dict(raw if isinstance(raw, dict) else None)
        except InputError as e:
            raise StoreError(_("{path}: corrupt store (settings: {detail})").format(path=self.path, detail=e)) from None

    def _ready(self) -> None:
        """Framed bytes checked, before any of their lines is used alone."""
        if self._file.framed and not self._file.check_lines():
            self._file.data()

    def _recast(self) -> bool:
        """A file from other hands, not in the layout, read one document at a
        time (recast.py) and kept as lines, where the whole decoder would hold
        every document in dicts (five to thirteen times the file). A store
        opened to write has every target checked and kept in the layout, as
        its first write will make them; one opened to read has each kept as
        compact JSON (a third of the time) and its ids checked. False, with
        nothing kept, where the file is not a plain store or anything in it
        is wrong: the whole decoder then reads it, or says what is wrong."""
        f = self._file
        if f.trusted or f.framed or f._data is not None or self._ids is not None:
            return False
        ids: dict[str, int] = {}
        docs: dict[str, bytes] = {}
        meta = None
        try:
            for table, key, d in recast.documents(f.read()):
                if table == META_TABLE:
                    if key != "1":
                        return False
                    meta = d
                elif not (key.isascii() and key.isdigit()):
                    return False
                elif f.writable:
                    self._once(ids, key, d)
                    docs[key] = layout.doc_line(key, d).encode("utf-8")
                else:
                    self._add_id(ids, key, d.get("id"))
                    docs[key] = f'"{key}": {layout.compact(d)}'.encode()
        except (recast.NotPlain, ValueError, RecursionError, StoreError):
            return False
        if not storefile.plain_meta(meta):
            return False
        in_order = dict(sorted(docs.items(), key=lambda kv: int(kv[0])))
        f.recast_as(layout.Lines(layout.meta_doc_line(meta).encode("utf-8"), in_order))
        self._ids = ids
        return True

    def _index(self) -> dict[str, int]:
        """id -> document number: from the lines when they are trusted (no
        decoding), else from the decoded documents; a command about one target
        parses only that one (from_dict is the costly part)."""
        self._ready()
        if self._ids is None and not self._recast():
            ids: dict[str, int] = {}
            lines = self._file.lines if self._file._data is None else None
            if lines is not None:
                for key, line in lines.docs.items():
                    target_id = layout.line_id(line)
                    if target_id is None:
                        doc = self._doc_from_line(key)
                        target_id = doc.get("id") if isinstance(doc, dict) else None
                    self._add_id(ids, key, target_id)
            else:
                for key, doc in self._file.data()[TARGETS_TABLE].items():
                    self._add_id(ids, key, doc.get("id") if isinstance(doc, dict) else None)
            self._ids = ids
        return self._ids

    def _add_id(self, ids: dict[str, int], key: str, target_id) -> None:
        if not isinstance(target_id, str):
            raise StoreError(
                _("{path}: corrupt store (target document {key}: missing 'id')").format(path=self.path, key=key)
            )
        if target_id in ids:
            raise StoreError(
                _("{path}: corrupt store (id {target_id} appears twice)").format(
                    path=self.path, target_id=repr(target_id)
                )
            )
        ids[target_id] = int(key)

    def _corrupt(self, key, detail) -> StoreError:
        """The error of a target document that cannot be read, and why."""
        return StoreError(
            _("{path}: corrupt store (target document {key}: {detail})").format(path=self.path, key=key, detail=detail)
        )

    def _doc_from_line(self, key: str) -> dict:
        line = self._line(key)
        return self._json(key, layout.line_body(line))

    def _json(self, key: str, doc: bytes) -> dict:
        try:
            return json.loads(doc)
        except (ValueError, UnicodeDecodeError, RecursionError) as e:
            raise self._corrupt(key, str(e)[:100]) from None

    def _line(self, key: str) -> bytes:
        """Document `key`'s line: found in the bytes when they are not cut (a command about one target)."""
        if self._file._lines is None and self._file.trusted:
            raw = self._file.read()
            span = self._file.line_span(key)
            if span is not None:
                return raw[span[0] : span[1]]
        return self._file.lines.docs[key]

    def _doc(self, key: str) -> dict:
        if self._file._data is None and (
            self._file._lines is None and self._file.trusted or self._file.lines is not None
        ):
            return self._doc_from_line(key)
        return self._file.data()[TARGETS_TABLE][key]

    def _number(self, target_id: str) -> int:
        """The document number of `target_id` (KeyError if none): found by its
        bytes in a file targettrack wrote, without reading every line's id."""
        self._ready()
        if self._ids is None and self._file._data is None and self._file._lines is None and self._file.trusted:
            found = self._found_by_bytes(target_id)
            if found is not None:
                return found
        return self._index()[target_id]

    def _found_by_bytes(self, target_id: str) -> int | None:
        raw = self._file.read()
        if self._found[0] is not raw:  # numbers found in bytes hold for those bytes only
            self._found = (raw, {})
        if target_id not in self._found[1]:
            # In bytes targettrack wrote, ids are unique (every write keeps
            # them so): the first line with the id is the only one, and the
            # rest of the file (half of it, on average) need not be searched.
            found = layout.find_id(raw, target_id, first=self._file.ours)
            if found is not None:
                self._file.spans_in(raw)[found[0]] = found[1:]
            self._found[1][target_id] = None if found is None else int(found[0])
        return self._found[1][target_id]

    def _target(self, target_id: str) -> Target:
        t = self._parsed.get(target_id)
        if t is None:
            doc_id = self._number(target_id)
            try:
                t = from_dict(self._doc(str(doc_id)))
            except (ValueError, TypeError, ArithmeticError) as e:
                raise self._corrupt(doc_id, e) from None
            if t.id != target_id:
                raise StoreError(
                    _("{path}: corrupt store (target document {doc_id}: id {id} where {target_id} was read)").format(
                        path=self.path, doc_id=doc_id, id=repr(t.id), target_id=repr(target_id)
                    )
                )
            self._parsed[target_id] = t
        return t

    def targets(self) -> list[Target]:
        if self._ids is None and self._file._data is None and (self._file.trusted or self._file.framed):
            self._decode_lines()
        if self._ids is None and not self._recast():
            self._file.data()
        index = self._index()
        return [self._target(i) for i in sorted(index, key=index.__getitem__)]

    def _decode_lines(self) -> None:
        """Every target, each from its own line, its decoded dict let go as
        the target is made: no table of all of them in dicts (five times the
        file) next to the targets. Lines that are not as the layout has
        them leave the store to the whole decoder (nothing kept from here)."""
        f = self._file
        ids: dict[str, int] = {}
        parsed: dict[str, Target] = {}
        try:
            for key, doc in layout.documents(f.read()):
                d = json.loads(doc.decode("utf-8"))
                if not key.isdigit() or key in parsed or not isinstance(d, dict):
                    raise ValueError("not a numbered document")
                parsed[key] = self._once(ids, key, d)
        except (ValueError, RecursionError):
            f.distrust()
            return
        f.framed, f.trusted = False, True
        self._ids = ids
        self._parsed.update((t.id, t) for t in parsed.values())

    def numbered(self) -> list[tuple[int, Target]]:
        """(document number, target) of every target, in store order."""
        targets = self.targets()
        index = self._index()
        return [(index[t.id], t) for t in targets]

    def written(self) -> tuple[bytes | layout.Pieces, os.stat_result, bytes | None] | None:
        """The bytes this command wrote last (whole or in pieces), their file's
        identity and their meta line; None if it wrote nothing."""
        if not (self.changed or self.rewritten) or self._file is None:
            return None
        return self._file.written(), os.stat(self.path), self._file.meta_line()

    def ids(self) -> list[str]:
        """Every target id, in store order (from the lines of a file targettrack wrote: nothing decoded)."""
        index = self._index()
        return sorted(index, key=index.__getitem__)

    def iter_targets(self):
        """All targets in store order, one at a time, from the bytes read
        under the lock (usable after the block ends). From the lines of a
        file targettrack wrote, each is decoded when it is reached, so an
        export holds one target at a time; a file from other hands is checked
        first (line by line if it is in the layout, a document at a time if
        it is a plain store in another layout, else decoded whole), so that
        nothing is written out before a problem is found."""
        self._ready()
        if self._ids is not None and not self._file.recast or self._file.lines is None:
            return iter(self.targets())
        if self._file.recast and not self._file.writable:  # opened to read: its ids checked, not its targets
            for _checked in self.each_numbered():
                pass
        return self._each_line()

    def each_target(self):
        """Every target in store order, one at a time and none kept (a list
        of 10,000 holds what it shows of them, not the targets): each_numbered's."""
        for _number, t in self.each_numbered():
            yield t

    def each_numbered(self):
        """(document number, target) of every target in store order, one at
        a time and none kept.

        From the lines of a file in the layout, each decoded once, as it is
        reached; a file from other hands has its lines' numbers checked
        first (in order, each once: no JSON decoded), and the first line
        that is not a JSON object hands the rest to the whole decoder, which
        says what is wrong or reads a file that is valid but not in the
        layout. The targets already given are those it gives too: a line
        that decodes alone is a whole document, since the one holding it
        would have failed first. Any other file is decoded whole first."""
        f = self._file
        if f.recast:  # read a document at a time and checked when opened: each decoded as it is reached
            for key in f.lines.docs:  # in ascending order
                yield int(key), self.decoded(key, layout.line_body(f.lines.docs[key]))
            return
        if (
            self._ids is not None
            or f._data is not None
            or not (f.trusted or f.framed)
            or f.framed
            and not layout.numbered_in_order(f.read())
        ):  # targettrack's own file: checked when written
            yield from self.numbered()
            return
        ids: dict[str, int] = {}
        last = 0
        for key, doc in layout.documents(f.read()):
            try:
                d = json.loads(doc.decode("utf-8"))
            except (ValueError, RecursionError):
                d = None
            if not isinstance(d, dict):
                break
            yield int(key), self._once(ids, key, d)
            last = int(key)
        else:
            f.framed, f.trusted = False, f.trusted or f.framed  # every line checked
            return
        table = f.data()[TARGETS_TABLE]
        for key in sorted((k for k in table if int(k) > last), key=int):
            yield int(key), self._once(ids, key, table[key])

    def _once(self, ids: dict[str, int], key: str, d: dict) -> Target:
        """The target of document `key`, or the corrupt store's error (its id among `ids` already, too)."""
        try:
            t = from_dict(d)
        except (ValueError, TypeError, ArithmeticError) as e:
            raise self._corrupt(key, e) from None
        self._add_id(ids, key, t.id)
        return t

    def documents(self):
        """(document number, the raw JSON of its line) of every target, one
        at a time in store order, for bytes targettrack wrote itself (their
        lines were checked when written); None for any other file."""
        self._ready()
        if self._ids is not None or not self._file.trusted:
            return None
        if self._file._lines is None:  # not cut yet: read line by line, no copy of the whole
            return layout.documents(self._file.raw)
        lines = self._file.lines
        return ((key, layout.line_body(lines.docs[key])) for key in sorted(lines.docs, key=int))

    def decoded(self, key: str, doc: bytes) -> Target:
        """The target of one document line (documents()), or the store's corrupt error."""
        try:
            return from_dict(self._json(key, doc))
        except (ValueError, TypeError, ArithmeticError) as e:
            raise self._corrupt(key, e) from None

    def _each_line(self):
        lines = self._file.lines
        for key in sorted(lines.docs, key=int):
            try:
                yield from_dict(self._doc_from_line(key))
            except (ValueError, TypeError, ArithmeticError) as e:
                raise self._corrupt(key, e) from None

    def resolve(self, ref: str) -> Target:
        """An exact id, or an unambiguous prefix of one."""
        self._ready()
        if (
            self._ids is None
            and self._file._data is None
            and self._file._lines is None
            and self._file.trusted
            and self._found_by_bytes(ref) is not None
        ):
            return self._target(ref)  # an exact id, found by its bytes
        ids = self._index()
        if ref in ids:
            return self._target(ref)
        ref = ref.lower()  # ids are lower-case: NEV-SALES is nev-sales
        if ref in ids:
            return self._target(ref)
        matches = sorted(i for i in ids if i.startswith(ref)) if ref else []
        if len(matches) == 1:
            return self._target(matches[0])
        if matches:
            shown = ", ".join(matches[:8]) + (", ..." if len(matches) > 8 else "")
            raise InputError(_("id prefix {ref} is ambiguous: it matches {shown}").format(ref=repr(ref), shown=shown))
        import difflib

        near = difflib.get_close_matches(ref, list(ids), n=3)
        hint = (
            _("; did you mean {ids}?").format(ids=", ".join(near)) if near else _("; 'targettrack list' shows the ids")
        )
        raise InputError(_("no target with id {ref}").format(ref=repr(ref)) + hint)

    def exact(self, ids: list[str]) -> list[Target]:
        """The targets of these exact ids (KeyError for one not here), each
        decoded alone: found by their bytes when they are few, past that by
        one index of every line's id (each search of the bytes reads up to
        the whole file)."""
        self._ready()
        if len(ids) > FOUND_BY_BYTES_AT_MOST:
            self._index()
        return [self._target(i) for i in ids]
