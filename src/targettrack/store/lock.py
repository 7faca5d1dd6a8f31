"""The store's lock and how its bytes are read: os-level, and light.

Apart from store.py (which uses all of it) so that a `list` served from its
kept rows (rowcache.py, fastlane.py) reads the store's identity under the
same shared lock without importing the model: this module needs nothing
beyond the operating system.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time

from ..util.errors import InputError, StoreError
from ..util.i18n import _

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing is a cost a fast `list` does not pay
if TYPE_CHECKING:  # pathlib only where a Path is made
    from pathlib import Path

DEFAULT_LOCK_TIMEOUT = 10.0  # seconds; TARGETTRACK_LOCK_TIMEOUT overrides


class Location:
    """Where the store is, and what chose it: "--db", "TARGETTRACK_DB" or "default"."""

    __slots__ = ("path", "origin")

    def __init__(self, path, origin: str):
        self.path, self.origin = path, origin

    def __eq__(self, other) -> bool:
        return isinstance(other, Location) and (self.path, self.origin) == (other.path, other.origin)

    def __repr__(self) -> str:
        return f"Location(path={self.path!r}, origin={self.origin!r})"


def _default() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "targettrack", "targets.json")


def default_path() -> Path:
    from pathlib import Path

    return Path(_default())


def real_path(path) -> Path:
    """The store's real path: a symbolic link is followed once, here, so that
    the write, the lock and the kept versions all belong to the real file."""
    from pathlib import Path

    return Path(os.path.realpath(path))


def _chosen(db_option: str | None) -> tuple[str, str]:
    """The store's path as given, and what gave it."""
    if db_option:
        return _path_given(db_option, "--db"), "--db"
    env = os.environ.get("TARGETTRACK_DB")
    if env:
        return _path_given(env, "TARGETTRACK_DB"), "TARGETTRACK_DB"
    from ..util import userconfig

    mine = userconfig.get("db")
    if mine:
        return _path_given(mine, userconfig.path()), userconfig.path()
    return _default(), "default"


def _path_given(path: str, origin: str) -> str:
    """`path`, unless no file can have it: one with a NUL character, or with
    a character the file system's encoding cannot write (a lone surrogate
    no command line can pass), which os would refuse with a ValueError."""
    try:
        ok = b"\x00" not in os.fsencode(path)
    except UnicodeEncodeError:
        ok = False
    if not ok:
        raise InputError(_("{origin}: not a path a file can have").format(origin=origin))
    return path


def located(db_option: str | None) -> str:
    """locate(db_option).path as a string, without pathlib (a fast `list`)."""
    return os.path.realpath(_chosen(db_option)[0])


def locate(db_option: str | None) -> Location:
    path, origin = _chosen(db_option)
    return Location(real_path(path), origin)


def lock_timeout() -> float:
    raw = os.environ.get("TARGETTRACK_LOCK_TIMEOUT")
    if raw is None or raw == "":
        return DEFAULT_LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= 86400:
        raise InputError(_("TARGETTRACK_LOCK_TIMEOUT={raw}: give seconds from 0 to 86400").format(raw=repr(raw)))
    return value


def read_store_bytes(path: Path) -> bytes:
    return read_store(path)[0]


def read_store(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a store file and the identity of the file they came from;
    a StoreError unless it is a readable regular file. Opened without blocking
    and checked before reading: a FIFO would hang and /dev/zero never end,
    both while holding the lock."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise StoreError(
            _(
                "{path}: no store here; create one with 'targettrack --db {path} init', or point --db / "
                "TARGETTRACK_DB at an existing one"
            ).format(path=path)
        ) from None
    except IsADirectoryError:
        raise StoreError(_("{path}: is a folder, not a store file").format(path=path)) from None
    except OSError as e:
        raise StoreError(_("{path}: cannot read the store ({reason})").format(path=path, reason=e.strerror)) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise StoreError(_("{path}: is a folder, not a store file").format(path=path))
        raise StoreError(
            _("{path}: is not a regular file (a FIFO, device or socket cannot be a store)").format(path=path)
        )
    with os.fdopen(fd, "rb") as f:
        try:
            return f.read(), st
        except OSError as e:
            raise StoreError(
                _("{path}: cannot read the store ({reason})").format(path=path, reason=e.strerror)
            ) from None


class reading:
    """`with reading(path) as (raw, st)`: the bytes of the store at `path`
    and their file's identity, read under the readers' shared lock, held
    until the block ends (as a command's Store holds it): what a reader sees
    is never a store between two writes of one command."""

    def __init__(self, path):
        self.path = os.path.realpath(path)
        self.lock = Lock(self.path, False, lock_timeout())

    def __enter__(self) -> tuple[bytes, os.stat_result]:
        self.lock.acquire()
        try:
            return read_store(self.path)
        except BaseException:
            self.lock.release()
            raise

    def __exit__(self, *exc) -> None:
        self.lock.release()


def modes(store) -> tuple[int, int]:
    """(file mode, folder mode) for the lock and kept versions: the store's
    own, so a private store (0600) has private versions (0600, folder 0700)."""
    try:
        m = stat.S_IMODE(os.stat(store).st_mode) & 0o666
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        m = 0o666 & ~umask
    return m, m | ((m & 0o444) >> 2)


class Lock:
    """The store's lock: exclusive for a writer, shared for a reader, on
    `<store>.lock`, waiting up to `timeout` seconds. Store takes it for a
    command; doctor takes it to restore.

    The lock file is never followed through a symbolic link and never
    written to (it holds nothing). A lock on a file that was deleted or
    replaced while we waited guards nothing, so after `flock` succeeds the
    locked file must still be the one at the path, else we lock again.

    A lock file can still be deleted while a writer holds it (it looks
    stale), and the next writer would then lock a new file and run
    alongside. So a writer also locks the store's folder, which cannot be
    deleted while the store is in it: writers of one folder always meet
    there. (Where a file system cannot lock a folder, the lock file alone
    serves, as before.)"""

    def __init__(self, path: Path, exclusive: bool, timeout: float):
        self.path = str(path) + ".lock"
        self.exclusive = exclusive
        self.timeout = timeout
        self.fd: int | None = None
        self.folder_fd: int | None = None

    def acquire(self) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._open()
            if fd is None:
                return  # no writer has ever run here: nothing to wait for, nothing to create
            self._wait(fd, deadline)
            if self._still_at_path(fd):
                self.fd = fd
                break
            os.close(fd)
        if self.exclusive:
            try:
                self.folder_fd = os.open(os.path.dirname(self.path), os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            except OSError:
                return
            try:
                self._wait(self.folder_fd, deadline)
            except OSError:  # no folder locks on this file system
                os.close(self.folder_fd)
                self.folder_fd = None
            except BaseException:
                self.release()
                raise

    def _open(self) -> int | None:
        store = self.path[: -len(".lock")]
        folder = os.path.dirname(self.path)
        flags = os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_RDWR | os.O_CREAT if self.exclusive else os.O_RDONLY)
        try:
            fd = os.open(self.path, flags, modes(store)[0] if self.exclusive else 0)
        except FileNotFoundError:
            if not self.exclusive:
                return None
            if os.path.isdir(folder):
                raise StoreError(
                    _("{store}: cannot create its lock file in {folder} (that folder takes no new files)").format(
                        store=store, folder=folder
                    )
                ) from None
            raise StoreError(
                _("{store}: cannot create its lock file: the folder {folder} does not exist").format(
                    store=store, folder=folder
                )
            ) from None
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise StoreError(
                    _("{path} is a symbolic link; targettrack never follows one for its lock (remove it)").format(
                        path=self.path
                    )
                ) from None
            if self.exclusive:
                raise StoreError(
                    _("{path}: cannot create the lock file ({reason}); is the folder writable?").format(
                        path=self.path, reason=e.strerror
                    )
                ) from None
            return None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(_("{path} is not a regular file; remove it").format(path=self.path))
        return fd

    def _wait(self, fd: int, deadline: float) -> None:
        mode = fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = holders(fd)
                    if fd != self.folder_fd:
                        os.close(fd)
                    raise StoreError(
                        _(
                            "{path}: the store is locked by another targettrack{holder}; gave up after {seconds}s "
                            "(set TARGETTRACK_LOCK_TIMEOUT to wait longer)"
                        ).format(
                            path=self.path[: -len(".lock")],
                            holder=f" ({holder})" if holder else "",
                            seconds=f"{self.timeout:g}",
                        )
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def _still_at_path(self, fd: int) -> bool:
        try:
            now = os.lstat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)

    def release(self) -> None:
        for fd in (self.folder_fd, self.fd):
            if fd is not None:
                os.close(fd)  # closing drops the flock
        self.fd = self.folder_fd = None


def holders(fd: int) -> str:
    """Who holds a lock on this file, from the kernel's own table
    (/proc/locks): "pid 123, writing" or "pid 45, reading"; "" where that
    cannot be known. Never from a note in the file, which outlives its writer."""
    try:
        st = os.fstat(fd)
        want = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        with open("/proc/locks", encoding="ascii", errors="replace") as f:
            rows = [line.split() for line in f]
    except OSError:
        return ""
    found = []
    for parts in rows:
        if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5] == want:
            found.append(f"pid {parts[4]}, {'writing' if parts[3] == 'WRITE' else 'reading'}")
    return "; ".join(sorted(set(found)))
