"""Files in $XDG_CACHE_HOME/targettrack/ (~/.cache/targettrack/): what
targettrack keeps to go faster, and may lose at any time.

Each is named by the store it serves and a suffix (`.rows`: the list's
rows, rowcache.py; `.export`: each target's exported JSON, exportcache.py),
written whole and atomically, and carries its length and a checksum: a torn
or damaged file is only a miss, never read as data and never an error.
"""

from __future__ import annotations

import os
import zlib

SUFFIXES = (".rows", ".export")


def folder(environ=os.environ) -> str:
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "targettrack")


def path_for(store, suffix: str, environ=os.environ) -> str:
    """One file per store and kind, named by the store's real path."""
    name = os.fsencode(str(store))
    return os.path.join(folder(environ), f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}{suffix}")


def content_key(data: bytes) -> int:
    """Bytes by their length, CRC-32 and Adler-32: two different lines of a
    store alike in all three are not a practical risk (a store line that
    changes changes its key)."""
    return (len(data) << 64) | (zlib.crc32(data) << 32) | zlib.adler32(data)


def _checked(body: bytes) -> bytes:
    return len(body).to_bytes(8, "big") + zlib.crc32(body).to_bytes(4, "big")


def read(path: str) -> bytes | None:
    """The body kept at `path`, or None (missing, unreadable, torn or damaged)."""
    try:
        with open(path, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    body = blob[12:]
    return body if _checked(body) == blob[:12] else None


def write(path: str, body: bytes) -> None:
    """Keep `body` at `path`: best effort, atomically (no fsync: a torn file fails its checksum)."""
    temp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temp, "wb") as f:
            f.write(_checked(body) + body)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def clear(environ=os.environ) -> int:
    """Remove every kept file; how many were removed."""
    removed = 0
    where = folder(environ)
    try:
        names = os.listdir(where)
    except OSError:
        return 0
    for name in names:
        if name.endswith(SUFFIXES) or name.endswith(".tmp"):
            try:
                os.unlink(os.path.join(where, name))
                removed += 1
            except OSError:
                pass
    return removed
