"""Replace a file so that a reader or a crash sees the old bytes or the new, never a mix.

Used for the store, its kept versions and their log, and report/export files.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def atomic_write(path: Path, text, *, mode: int | None = None, sync: bool = True) -> None:
    """Replace `path` with `text` so that a reader or a crash sees the old bytes or the new, never a mix.

    The new file gets `mode`, else the mode of the file it replaces, else
    the umask's default. `os.replace` replaces a symbolic link at `path`
    itself, never the file it points to. With sync=False the data is not
    forced to disk (a copy whose loss a later check tolerates). `text` may
    also be an iterable of pieces (str or bytes), written as they come."""
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if sync:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
