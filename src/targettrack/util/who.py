"""Who is recording: the name kept with every value, edit and addition.

A team sharing one store through git needs to know who recorded what
(issue 31). The name is, in order: `--by-user NAME`, TARGETTRACK_USER,
git's user.name (the store's repository, then the user's git config, as git
itself reads them: the repository's config wins), else the login name.
Git's config is read from its files, not by starting git: an `update` must
stay fast.
"""

from __future__ import annotations

import os


def _git_dir(start: str) -> str | None:
    """The .git folder of the work tree holding `start` (a worktree's .git file followed)."""
    folder = os.path.abspath(start)
    while True:
        dot = os.path.join(folder, ".git")
        if os.path.isdir(dot):
            return dot
        if os.path.isfile(dot):
            try:
                with open(dot, encoding="utf-8") as f:
                    line = f.read(4096).strip()
            except OSError:
                return None
            if line.startswith("gitdir:"):
                path = line[7:].strip()
                return path if os.path.isabs(path) else os.path.join(folder, path)
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _user_name(config: str) -> str | None:
    """`name` in the [user] section of one git config file, or None."""
    try:
        with open(config, encoding="utf-8", errors="replace") as f:
            text = f.read(1 << 20)
    except OSError:
        return None
    section, found = "", None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            section = line[1 : line.find("]")].strip().lower() if "]" in line else ""
            continue
        if section == "user" and "=" in line:
            key, _, value = line.partition("=")
            if key.strip().lower() == "name":
                value = value.split(" #")[0].split(" ;")[0].strip()
                if len(value) >= 2 and value[0] == value[-1] == '"':
                    value = value[1:-1]
                found = value.strip() or found  # the last one wins, as in git
    return found


def git_user(store_folder: str, environ=os.environ) -> str | None:
    """git's user.name for a repository at `store_folder`: its own config, then the user's."""
    dot = _git_dir(store_folder)
    home = environ.get("HOME") or os.path.expanduser("~")
    xdg = environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    places = ([os.path.join(dot, "config")] if dot else []) + [
        os.path.join(home, ".gitconfig"),
        os.path.join(xdg, "git", "config"),
    ]
    for config in places:
        name = _user_name(config)
        if name:
            return name
    return None


def login_name(environ=os.environ) -> str | None:
    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if environ.get(var):
            return environ[var]
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):
        return None


def user(given: str | None = None, store: str | None = None, environ=os.environ) -> str | None:
    """Who records (see the module's note); None where nothing names anyone."""
    for name in (given, environ.get("TARGETTRACK_USER")):
        if name and name.strip():
            return name.strip()
    name = git_user(os.path.dirname(os.path.abspath(store)) if store else os.getcwd(), environ)
    return name or login_name(environ)
