"""Each target's exported JSON, kept by the bytes of its line in the store.

`export` of a large store spends most of its time decoding each target and
writing it again as indented JSON, and what it writes for a target depends
on nothing but that target's line. So the pieces are kept in
$XDG_CACHE_HOME/targettrack/ (cachefiles.py), each under its line's length
and two checksums, and an export of a store targettrack wrote writes the
kept piece of every line it has seen before: a changed target is a new
line, which misses and is written afresh. Nothing else keys them, so no
write has to bring them up to date, and a line never seen before (a store
edited by hand, another version of targettrack) is only a miss.
"""

from __future__ import annotations

import marshal

from .. import __version__
from . import files as cachefiles

FORMAT = 1
SUFFIX = ".export"


key = cachefiles.content_key


def _load(store) -> dict:
    body = cachefiles.read(cachefiles.path_for(store, SUFFIX))
    if body is None:
        return {}
    try:
        head, kept = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return {}
    if (
        head != (FORMAT, __version__, str(store))
        or not isinstance(kept, dict)
        or not all(type(k) is int and type(v) is bytes for k, v in kept.items())
    ):
        return {}  # not the shape this version writes: a miss, never a traceback
    return kept


def pieces(store, documents, piece_of):
    """The exported JSON of each document ((number, the raw bytes of a
    target's line), in store order): kept where its line was seen before,
    else `piece_of(number, doc)`. Keeps the pieces of exactly these lines
    once all are written (not if the reader stops early)."""
    kept = _load(store)
    new: dict[int, str] = {}
    order = []
    for number, doc in documents:
        k = key(doc)
        piece = kept.get(k) or new.get(k)
        if piece is None:
            piece = new[k] = piece_of(number, doc).encode("utf-8")
        order.append(k)
        yield piece.decode("utf-8")  # kept as UTF-8: half the memory of Chinese text held as str
    if new or len(order) != len(kept):
        cachefiles.write(
            cachefiles.path_for(store, SUFFIX),
            marshal.dumps(((FORMAT, __version__, str(store)), {k: kept.get(k) or new[k] for k in order})),
            store,
        )
