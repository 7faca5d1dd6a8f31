"""The README tells the truth: its quick start is what CI runs, and every
command and option is documented and has help text."""

import re

import pytest
from typer.main import get_command

from conftest import REPO
from targettrack.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
COMMAND = get_command(app)


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_is_two_commands_and_ci_runs_them():
    lines = quick_start()
    assert len(lines) == 2
    assert "targettrack --db data/targets.json list" in lines[0]
    assert "'.[test]'" in lines[1] and "pytest" in lines[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for line in lines:
        assert line in ci


@pytest.mark.parametrize("name", sorted(COMMAND.commands))
def test_every_command_has_help_and_is_in_the_readme(name):
    cmd = COMMAND.commands[name]
    assert cmd.help and cmd.help.strip()
    assert f"| `{name}" in README, f"README's command table lacks {name}"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name not in ("help",):
            assert param.help, f"{name} {param.opts} has no help text"
            assert any(opt in README for opt in param.opts), f"README does not mention {name} {param.opts}"


def test_exit_codes_and_statuses_are_documented():
    from targettrack.assess import STATUSES

    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |"):
        assert code in README
    for status in STATUSES:
        assert f"`{status}`" in README


def test_readme_crontab_recipes_run_as_cron_runs_them(tmp_path):
    """Each line of README's crontab block, run the way cron runs it: /bin/sh,
    PATH=/usr/bin:/bin (no virtual environment), the block's variables set,
    HOME elsewhere. A bare `targettrack` would be 'command not found'."""
    import re
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cron\n(.*?)```", readme, re.S).group(1)
    lines = [line for line in block.split("\n") if line.strip() and not line.startswith("#")]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SHELL": "/bin/sh", "TARGETTRACK_TODAY": "2026-11-26"}
    jobs = []
    for line in lines:
        if re.match(r"^[A-Z_]+=", line):
            name, value = line.split("=", 1)
            env[name] = value
            continue
        fields = line.split(None, 5)
        jobs.append(fields[5])
    assert env.get("TT", "").startswith("/") and jobs
    assert not any(re.search(r"(^|[;|(]\s*)targettrack\b", job) for job in jobs), "a bare targettrack"
    env["TT"] = str(Path(sys.executable).parent / "targettrack")  # where it is installed here
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "targets.json", tmp_path / "targets.json")
    srv = tmp_path / "srv"
    for job in jobs:
        job = job.replace("/srv/", f"{srv}/").replace("/var/www/reports/", f"{tmp_path}/www/")
        job = job.replace("| mail -s", "| cat > mail.txt #")  # no mailer in a test
        (srv).mkdir(exist_ok=True)
        (tmp_path / "www").mkdir(exist_ok=True)
        shutil.copy(tmp_path / "targets.json", srv / "targets.json")
        r = subprocess.run(["/bin/sh", "-c", job], env=env, cwd=tmp_path, capture_output=True, text=True)
        assert "not found" not in r.stderr and r.returncode == 0, (job, r.stderr)
    assert (tmp_path / "www" / "targets.md").read_text(encoding="utf-8").startswith("# targettrack report")
    # Nothing in the shipped store is missed, breached or regressing: no mail. Its one achieved target
    # stands in for a missed one to see the mail go out.
    assert not (tmp_path / "mail.txt").exists()
    mailing = next(job for job in jobs if "| mail" in job).replace("missed,breached,regressing", "achieved")
    mailing = mailing.replace("| mail -s", "| cat > mail.txt #")
    r = subprocess.run(["/bin/sh", "-c", mailing], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 0 and "sanofi-innovative-drugs" in (tmp_path / "mail.txt").read_text(encoding="utf-8")
