"""Examples at the end of every command's --help.

Written against the shipped store (`targettrack init --sample`), and run by
tests/test_help.py in that order on a copy of it, so that none goes stale.
"""

from __future__ import annotations

EXAMPLES: dict[str, list[str]] = {
    "init": [
        "targettrack --db ~/policy/targets.json init",
        "targettrack --db demo.json init --sample            # the shipped targets",
        "targettrack --db plan.json init --sample cn-14fyp   # 十四五 indicators",
    ],
    "add": [
        "targettrack add ev-share --title 新能源车占比 --target 50% --deadline 2025",
        "targettrack add energy --title 能耗 --change -13.5% --baseline-date 2020 \\",
        "                --deadline 2025 --binding",
        "targettrack add hz-bridge --title 大桥通车 --kind milestone --deadline 2027",
    ],
    "update": [
        "targettrack update sh-robot-brands 6 --date 2024 --source 市经信委通报",
        "targettrack update sh-robot-industry 450亿元 --date 2024",
        "targettrack update sh-robot-industry --by 120亿元 --date 2025   # 570亿元",
        "targettrack update hezhou-airport done --date 2026-10-30",
    ],
    "edit": [
        "targettrack edit sh-robot-brands --deadline 2026 --owner 上海市经信委",
        "targettrack edit sh-robot-brands --tag +robotics --tag -shanghai",
    ],
    "remove": [
        "targettrack remove hezhou-guijiang-dredging --yes",
    ],
    "recover": [
        "targettrack recover hezhou-guijiang-dredging   # after remove",
    ],
    "config": [
        "targettrack config                       # every setting",
        "targettrack config method cagr",
        "targettrack config lag.year 120d   # yearly figures arrive 4 months late",
    ],
    "undo": [
        "targettrack undo",
    ],
    "report": [
        "targettrack report                    # this week, as text",
        "targettrack report --since 2026-10-01 --status missed",
        "targettrack report -o weekly.html --fail-on missed",
    ],
    "site": [
        "targettrack site public/              # again: only what changed",
        "targettrack site public/ --title '十四五规划目标' --as-of 2026-06-30",
    ],
    "export": [
        "targettrack export -o all.json",
        "targettrack export --format csv -o all.csv   # with a BOM, for Excel",
        "targettrack export --format ics -o deadlines.ics",
    ],
    "import": [
        "targettrack import all.json --dry-run",
        "targettrack import all.csv",
    ],
    "extract": [
        "targettrack extract plan.txt          # propose, change nothing",
        "targettrack extract plan.txt --format json > found.json",
    ],
    "cache": [
        "targettrack cache path    # where the list's rows are kept",
        "targettrack cache clear   # remove them; the next list judges everything",
    ],
    "doctor": [
        "targettrack doctor",
        "targettrack doctor --restore   # put back the newest good version",
    ],
    "git-setup": [
        "targettrack git-setup   # in the git repository holding the store",
    ],
    "merge": [
        "targettrack merge %O %A %B %P   # as git runs it (git-setup sets it up)",
    ],
    "conflicts": [
        "targettrack conflicts",
        "targettrack conflicts --clear",
    ],
    "diff": [
        "targettrack diff           # since the last commit",
        "targettrack diff HEAD      # the same, said",
    ],
    "textconv": [
        "targettrack textconv targets.json   # as git diff runs it",
    ],
    "history": [
        "targettrack history sanofi-innovative-drugs",
        "targettrack history sanofi --all --format csv",
    ],
    "list": [
        "targettrack list",
        "targettrack list --status missed,off-track --sort urgency",
        "targettrack list --tag 十百千 --format json",
    ],
    "show": [
        "targettrack show sh-robot-brands",
        "targettrack show sanofi --as-of 2025-01-01 --format json",
    ],
    "info": [
        "targettrack info",
    ],
    "plans": [
        "targettrack plans",
        "targettrack plans --format csv",
    ],
}


def epilog(command: str) -> str | None:
    lines = EXAMPLES.get(command)
    if not lines:
        return None
    # "\b" keeps click from re-wrapping the paragraph: each example stays one line.
    return "\b\nExamples:\n" + "\n".join("  " + line for line in lines)
