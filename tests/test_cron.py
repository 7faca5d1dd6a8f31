"""The guide's crontab recipes, run as cron runs them (issue 31): each line of
the block with cron's own environment (env -i: SHELL=/bin/sh, PATH=/usr/bin:/bin,
HOME, LOGNAME, and the block's assignments), by /bin/sh, its `%` read as cron
reads it (a bare % ends the command and starts its input; \\% is a %); and,
where a cron daemon can run (CI installs Debian's cron), as a job under
/etc/cron.d run by the daemon itself. The mail goes to a stand-in for
`mail` that keeps what it was given."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(sys.executable).parent / "targettrack"
GIT = shutil.which("git")


def crontab(page: Path = REPO / "docs" / "guide.md") -> tuple[dict[str, str], list[str]]:
    """The crontab block of `page` (the guide's): its assignments and the command of each job."""
    block = re.search(r"```cron\n(.*?)```", page.read_text(encoding="utf-8"), re.S).group(1)
    env, jobs = {}, []
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", line):
            name, value = line.split("=", 1)
            env[name] = value
            continue
        jobs.append(line.split(None, 5)[5])
    return env, jobs


def as_cron_reads(command: str) -> tuple[str, str]:
    """(what /bin/sh runs, its standard input), as Debian's cron reads a
    crontab command: the first bare % ends the command, later ones are
    newlines of the input, and \\% is a % (its backslash dropped)."""
    parts, current, i = [], [], 0
    while i < len(command):
        if command[i] == "\\" and command[i + 1 : i + 2] == "%":
            current.append("%")
            i += 2
            continue
        if command[i] == "%":
            parts.append("".join(current))
            current = []
        else:
            current.append(command[i])
        i += 1
    parts.append("".join(current))
    return parts[0], "\n".join(parts[1:])


def test_cron_reads_percent_signs_as_the_manual_says():
    assert as_cron_reads("printf '%s\\n' x") == ("printf '", "s\\n' x")
    assert as_cron_reads("printf '\\%s\\n' x") == ("printf '%s\\n' x", "")
    assert as_cron_reads("cat%a%b") == ("cat", "a\nb")


def _fake_mail(folder: Path) -> Path:
    mail = folder / "mail"
    mail.write_text('#!/bin/sh\n{ echo "args: $*"; echo "LANG=$LANG"; cat; } > "$(dirname "$0")/mail.txt"\n')
    mail.chmod(0o755)
    return mail


def _run_as_cron(command: str, env: dict, home: Path) -> subprocess.CompletedProcess:
    run, given = as_cron_reads(command)
    environment = {"SHELL": "/bin/sh", "PATH": "/usr/bin:/bin", "HOME": str(home), "LOGNAME": "analyst", **env}
    return subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in environment.items()), "/bin/sh", "-c", run],
        input=given,
        cwd=home,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _git(cwd, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "a",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "a",
        "GIT_COMMITTER_EMAIL": "a@example.org",
    }
    r = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r


def _stage(tmp_path: Path, env: dict, jobs: list[str]) -> tuple[dict, list[str], Path]:
    """A home with a store, /srv and /var/www stand-ins, a team repository with a server clone, and the
    jobs rewritten to use them (and a stand-in mail)."""
    home = tmp_path / "home"
    (home / "www").mkdir(parents=True)
    srv = tmp_path / "srv"
    srv.mkdir()
    shutil.copy(REPO / "data" / "targets.json", home / "targets.json")
    shutil.copy(REPO / "data" / "cn-14th-five-year-plan.json", srv / "targets.json")  # Chinese titles in the mail
    if GIT:
        _git(tmp_path, "init", "-q", "--bare", "team.git")
        _git(tmp_path, "clone", "-q", "team.git", "analyst")
        shutil.copy(REPO / "data" / "targets.json", tmp_path / "analyst" / "targets.json")
        _git(tmp_path / "analyst", "add", "-A")
        _git(tmp_path / "analyst", "commit", "-qm", "the store")
        _git(tmp_path / "analyst", "push", "-q", "origin", "HEAD")
        _git(srv, "clone", "-q", str(tmp_path / "team.git"), "team")
    env = {**env, "TT": str(SCRIPT), "TARGETTRACK_TODAY": "2026-11-26"}
    mail = _fake_mail(tmp_path)
    jobs = [
        job.replace("/srv/", f"{srv}/")
        .replace("/var/www/reports/", f"{home}/www/")
        .replace("| mail -s", f"| {mail} -s")
        for job in jobs
    ]
    return env, jobs, home


def test_each_recipe_runs_as_cron_runs_it(tmp_path):
    env, jobs = crontab()
    assert env.get("TT", "").startswith("/") and len(jobs) == 4
    assert not any(re.search(r"(^|[;|&({]\s*)targettrack\b", job) for job in jobs), "a bare targettrack"
    env, jobs, home = _stage(tmp_path, env, jobs)
    mailing, publishing, pulling, site = jobs
    # The nightly site: built whole, in both languages, and nothing said (cron mails what a job prints).
    r = _run_as_cron(site, env, home)
    assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r.stderr
    assert (home / "www" / "site" / "en" / "index.html").exists() and (
        home / "www" / "site" / "zh" / "index.html"
    ).exists()
    assert (home / "www" / "site" / "zh" / "targets" / "cn-unemployment.html").exists()
    # The weekly mail: nothing missed in the shipped store, so nothing is sent ...
    r = _run_as_cron(mailing, env, home)
    assert r.returncode == 0 and r.stderr == "" and not (tmp_path / "mail.txt").exists(), r.stderr
    # ... and a store with a breach mails the whole report, Chinese and all, in a UTF-8 locale.
    shutil.copy(REPO / "data" / "cn-14th-five-year-plan.json", home / "targets.json")
    r = _run_as_cron(mailing.replace("missed,breached", "missed,breached,awaiting-data"), env, home)
    assert r.returncode == 0, r.stderr
    sent = (tmp_path / "mail.txt").read_text(encoding="utf-8")
    assert "args: -s targettrack: needs attention analyst@example.org" in sent and "LANG=C.UTF-8" in sent
    assert "targettrack report as of 2026-11-26" in sent and "cn-unemployment" in sent
    assert "全国城镇调查失业率" in sent  # a value's note, in the UTF-8 the mail is labelled with
    # Publishing: Markdown and JSON, written whole.
    r = _run_as_cron(publishing, env, home)
    assert r.returncode == 0, r.stderr
    assert (home / "www" / "targets.md").read_text(encoding="utf-8").startswith("# targettrack report")
    assert (home / "www" / "targets.json").read_text(encoding="utf-8").startswith("{")
    if not GIT:
        return
    # The server's pull: a fast-forward publishes what the team pushed, with the commit named.
    analyst, server = tmp_path / "analyst", tmp_path / "srv" / "team"
    subprocess.run(
        [str(SCRIPT), "--db", "targets.json", "update", "sh-robot-brands", "3", "--date", "2024"],
        cwd=analyst,
        check=True,
        capture_output=True,
    )
    _git(analyst, "commit", "-qam", "brands")
    _git(analyst, "push", "-q", "origin", "HEAD")
    r = _run_as_cron(pulling, env, home)
    assert r.returncode == 0, r.stderr
    published = (home / "www" / "team.md").read_text(encoding="utf-8")
    head = _git(server, "log", "-1", "--format=%h").stdout.strip()
    assert f"Git: commit {head} of" in published and "behind" not in published
    # A local commit on the server and another push: the pull cannot fast-forward. The job fails, and the
    # report it still publishes says the store is behind.
    (server / "local.txt").write_text("x")
    _git(server, "add", "local.txt")
    _git(server, "commit", "-qm", "a local change")
    subprocess.run(
        [str(SCRIPT), "--db", "targets.json", "update", "sh-robot-brands", "4", "--date", "2025"],
        cwd=analyst,
        check=True,
        capture_output=True,
    )
    _git(analyst, "commit", "-qam", "brands again")
    _git(analyst, "push", "-q", "origin", "HEAD")
    r = _run_as_cron(pulling, env, home)
    assert r.returncode != 0
    assert "1 commit(s) behind its upstream" in (home / "www" / "team.md").read_text(encoding="utf-8")


def test_the_readme_line_is_the_guides_and_runs_as_cron_runs_it(tmp_path):
    env, jobs = crontab(REPO / "README.md")
    guide_env, guide_jobs = crontab()
    assert env == {"TT": guide_env["TT"]} and jobs == [guide_jobs[3]]
    env, jobs, home = _stage(tmp_path, env, jobs)
    r = _run_as_cron(jobs[0], env, home)
    assert r.returncode == 0 and r.stdout == "" and r.stderr == "", r.stderr
    assert "cn-unemployment" in (home / "www" / "site" / "zh" / "search.json").read_text(encoding="utf-8")


def _cron_can_run() -> bool:
    return (
        os.geteuid() == 0
        and shutil.which("cron") is not None
        and Path("/etc/cron.d").is_dir()
        and os.environ.get("CI") == "true"
    )


@pytest.mark.skipif(not _cron_can_run(), reason="a real cron daemon runs in CI (root, Debian's cron installed)")
def test_the_recipes_under_a_real_cron_daemon(tmp_path):
    """The publishing recipe and the weekly mail, scheduled every minute under /etc/cron.d and run by the
    daemon itself: its environment, its shell, its reading of %."""
    env, jobs = crontab()
    env, jobs, home = _stage(tmp_path, env, jobs)
    tmp_path.chmod(0o755)
    shutil.copy(REPO / "data" / "cn-14th-five-year-plan.json", home / "targets.json")
    mailing = jobs[0].replace("missed,breached", "missed,breached,awaiting-data")
    lines = [f"{k}={v}" for k, v in env.items()] + [f"HOME={home}"]
    lines += [f"* * * * * root {mailing}", f"* * * * * root {jobs[1]}", f"* * * * * root {jobs[3]}"]
    job = Path("/etc/cron.d/targettrack-test")
    job.write_text("\n".join(lines) + "\n")
    job.chmod(0o644)
    started = None
    if subprocess.run(["pgrep", "-x", "cron"], capture_output=True).returncode != 0:
        started = subprocess.Popen(["cron", "-f"])
    try:
        deadline = time.time() + 150
        while time.time() < deadline and not (
            (tmp_path / "mail.txt").exists()
            and (home / "www" / "targets.json").exists()
            and (home / "www" / "site" / ".targettrack-site.json").exists()
        ):
            time.sleep(2)
        sent = (tmp_path / "mail.txt").read_text(encoding="utf-8")
        assert "LANG=C.UTF-8" in sent and "cn-unemployment" in sent
        assert (home / "www" / "targets.md").read_text(encoding="utf-8").startswith("# targettrack report")
        assert "cn-unemployment" in (home / "www" / "site" / "en" / "search.json").read_text(encoding="utf-8")
    finally:
        job.unlink()
        if started is not None:
            started.terminate()
