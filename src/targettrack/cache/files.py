"""Files in $XDG_CACHE_HOME/targettrack/ (~/.cache/targettrack/): what
targettrack keeps to go faster, and may lose at any time.

Each is named by the store it serves and a suffix (`.rows`: the list's
rows, rowcache.py; `.export`: each target's exported JSON, exportcache.py),
written whole and atomically, and carries its length and a keyed checksum:
a torn or damaged file is only a miss, never read as data and never an
error.

What is kept decides what `list` shows, and holds the store's notes, so the
folder must be the user's alone (issue 30): it is used only if it is a real
folder (not a symlink) owned by the user and writable by nobody else, in a
parent that others cannot rename it out of; it is made 0700 and its files
0600 (or the store's mode, if stricter). Files are created with O_EXCL and
O_NOFOLLOW under unpredictable names, so a link planted in the folder is
never written through, and the checksum is a BLAKE2 keyed with a secret
kept 0600 in the folder: a file another hand wrote, checksum and all, is a
miss. A relative XDG_CACHE_HOME is ignored, as the XDG spec says. A folder
that cannot be trusted is not used, and `untrusted` says why, once.
"""

from __future__ import annotations

import os
import stat
import zlib

from ..util.i18n import N_

try:  # the keyed hash itself: a third of a millisecond to import, against hashlib's four
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython has it; another Python may not
    from hashlib import blake2b

SUFFIXES = (".rows", ".export", ".patches")
KEY_FILE = ".key"
_FLAGS = os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)

# Why the folder was not used, once it was found wanting: (the folder, why); None: not looked at, or fine.
untrusted: tuple[str, str] | None = None
_checked: dict[str, bool] = {}
_secret: dict[str, bytes] = {}


def folder(environ=os.environ) -> str:
    base = environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):  # unset, empty or relative: the XDG default
        base = os.path.join(os.path.expanduser("~"), ".cache")
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


def _refuse(where: str, why: str) -> bool:
    global untrusted
    untrusted = (where, why)
    _checked[where] = False
    return False


def trusted(where: str, create: bool = False) -> bool:
    """Whether the folder `where` is the user's alone (made so, 0700, when
    `create` and it is missing). Looked at once per process."""
    if where in _checked:
        return _checked[where]
    parent = os.path.dirname(where)
    try:
        st = os.lstat(where)
    except FileNotFoundError:
        if not create:
            return False  # nothing kept yet: a miss, not a reason to warn
        try:
            os.makedirs(parent, mode=0o700, exist_ok=True)
            os.mkdir(where, 0o700)
            st = os.lstat(where)
        except OSError:
            return False  # a cache that cannot be made is only a miss
    except OSError:
        return False
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return _refuse(where, N_("is not a folder of its own (a symbolic link or another file)"))
    if st.st_uid != os.geteuid():
        return _refuse(where, N_("is owned by another user"))
    if st.st_mode & 0o022:
        return _refuse(where, N_("is writable by others"))
    try:
        pst = os.stat(parent)
        if (
            pst.st_mode & 0o002
            and not pst.st_mode & stat.S_ISVTX
            or (pst.st_mode & 0o020 and pst.st_uid != os.geteuid())
        ):
            return _refuse(where, N_("is in a folder where others can replace it"))
        if st.st_mode & 0o077:
            os.chmod(where, 0o700)  # ours, and only readable by others: made private (it holds the store's notes)
    except OSError:
        return _refuse(where, N_("cannot be checked"))
    _checked[where] = True
    return True


def _key_of(where: str, create: bool) -> bytes | None:
    """The per-user secret that keys the checksums, kept 0600 in the folder (made when `create`)."""
    if where in _secret:
        return _secret[where]
    path = os.path.join(where, KEY_FILE)
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)
        try:
            st = os.fstat(fd)
            secret = os.read(fd, 64)
        finally:
            os.close(fd)
        if st.st_uid != os.geteuid() or st.st_mode & 0o077 or len(secret) < 32:
            return None
    except FileNotFoundError:
        if not create:
            return None
        secret = os.urandom(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, 0o600)
            try:
                os.write(fd, secret)
            finally:
                os.close(fd)
        except OSError:
            return None
    except OSError:
        return None
    _secret[where] = secret
    return secret


def _seal(body: bytes, secret: bytes) -> bytes:
    return len(body).to_bytes(8, "big") + blake2b(body, key=secret, digest_size=16).digest()


_HEAD = 24  # length (8) and keyed checksum (16)


def read(path: str) -> bytes | None:
    """The body kept at `path`, or None (missing, unreadable, torn, damaged,
    written by another hand, or in a folder that cannot be trusted)."""
    where = os.path.dirname(path)
    if not trusted(where):
        return None
    secret = _key_of(where, False)
    if secret is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | _FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            blob = f.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    body = blob[_HEAD:]
    return body if _seal(body, secret) == blob[:_HEAD] else None


def _mode_for(store) -> int:
    """0600, or the store's own mode where it is stricter (a store 0400 keeps its rows 0400)."""
    try:
        return 0o600 & os.stat(store).st_mode
    except (OSError, TypeError):
        return 0o600


def write(path: str, body: bytes, store=None) -> None:
    """Keep `body` at `path`: best effort, atomically (no fsync: a torn file fails its checksum).
    Created under an unpredictable name with O_EXCL and O_NOFOLLOW, never through a planted link."""
    where = os.path.dirname(path)
    if not trusted(where, create=True):
        return
    secret = _key_of(where, True)
    if secret is None:
        return
    temp = os.path.join(where, f".{os.path.basename(path)}.{os.urandom(8).hex()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _FLAGS, _mode_for(store))
        try:
            with os.fdopen(fd, "wb", closefd=False) as f:
                f.write(_seal(body, secret))
                f.write(body)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


def clear(environ=os.environ) -> int:
    """Remove every kept file; how many were removed (the folder's secret too: a fresh one is made)."""
    removed = 0
    where = folder(environ)
    try:
        names = os.listdir(where)
    except OSError:
        return 0
    for name in names:
        if name.endswith(SUFFIXES) or name.endswith(".tmp") or name == KEY_FILE:
            try:
                os.unlink(os.path.join(where, name))
                removed += name != KEY_FILE and not name.endswith(".patches")  # a rows file's journal is its part
            except OSError:
                pass
    _secret.pop(where, None)
    return removed
