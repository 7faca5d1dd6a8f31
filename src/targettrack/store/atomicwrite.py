"""Replace a file so that a reader or a crash sees the old bytes or the new, never a mix.

Used for the store, its kept versions and their log, and report/export files.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new, empty file beside `name` that only this process made (O_EXCL,
    mode 0600), as tempfile.mkstemp makes one: without importing tempfile
    (and shutil and random with it), a few milliseconds of every write."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file", str(folder))


def atomic_write(path: Path, text, *, mode: int | None = None, sync: bool = True) -> None:
    """Replace `path` with `text` so that a reader or a crash sees the old bytes or the new, never a mix.

    The new file gets `mode`, else the mode of the file it replaces, else
    the umask's default. `os.replace` replaces a symbolic link at `path`
    itself, never the file it points to. With sync=False the data is not
    forced to disk (a copy whose loss a later check tolerates). `text` may
    also be an iterable of pieces (str or bytes), written as they come."""
    put_in_place(prepared(path, text, mode=mode, sync=sync), path, sync=sync)


def prepared(path: Path, text, *, mode: int | None = None, sync: bool = True) -> str:
    """The first half of atomic_write: `text` in a new temporary file beside
    `path`, forced to disk unless sync=False, with its mode; its name. Until
    put_in_place (or discard) the file at `path` is untouched. The store is
    written this way so that the hash of its new version is taken while its
    bytes are being written (store.py)."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = _temporary(folder, path.name)
    pieces = (text,) if isinstance(text, (str, bytes)) else text
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in pieces:
                f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            f.flush()
            if sync:
                os.fsync(f.fileno())
        if mode is None:
            try:
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        os.chmod(tmp, mode)
    except BaseException:
        discard(tmp)
        raise
    return tmp


def put_in_place(tmp: str, path: Path, *, sync: bool = True) -> None:
    """The second half of atomic_write: the prepared file `tmp` replaces
    `path` in one rename (and the folder is forced to disk unless sync=False)."""
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    if sync:
        folder = path.parent if str(path.parent) else Path(".")
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def discard(tmp: str) -> None:
    """Remove a prepared file that will not be put in place."""
    try:
        os.unlink(tmp)
    except OSError:
        pass
