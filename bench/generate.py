"""Generate a realistic targettrack store for benchmarks.

    python bench/generate.py N OUT.json [--seed S]

N targets of every kind, Chinese and English titles, tags, plans, sources
and about ten observations each, written in the store's own format (through
targettrack's serializer, so the bytes are what the tool itself would write).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from targettrack.model.dates import day, parse_period
from targettrack.model.stored import to_dict
from targettrack.model.target import Observation, Source, Target
from targettrack.store.fileformat import TARGETS_TABLE, dumps
from targettrack.store.storefile import empty_data

CN = [
    "机器人头部品牌",
    "标杆示范应用场景",
    "关联产业规模",
    "新能源汽车渗透率",
    "充电桩数量",
    "创新药品和疫苗",
    "工业机器人密度",
    "数字经济核心产业增加值",
    "研发经费投入强度",
    "单位GDP能耗下降",
    "人才引进补贴",
    "高速公路里程",
]
EN = [
    "leading brands",
    "showcase scenarios",
    "industry output",
    "EV share",
    "charging points",
    "new drugs",
    "robot density",
    "digital economy value added",
    "R&D intensity",
    "energy intensity",
    "talent subsidy",
    "expressway length",
]
PLACES = ["上海市", "北京市", "广东省", "合肥市", "贺州市", "Shenzhen", "Hangzhou", "Chengdu"]
LAST_DAY = date(2026, 11, 26)  # bench/run.py's TARGETTRACK_TODAY
UNITS = ["家", "个", "亿元", "万元", "km", "%", "辆", "种"]


def make(i: int, rng: random.Random) -> Target:
    kind = rng.choices(["increase", "decrease", "cap", "floor", "milestone"], [60, 15, 8, 7, 10])[0]
    unit = "" if kind == "milestone" else rng.choice(UNITS)
    start = date(2019 + rng.randrange(5), rng.randrange(1, 13), 1)
    deadline = date(start.year + rng.randrange(2, 7), 12, 31)
    base = Decimal(rng.randrange(0, 500))
    goal = base + Decimal(rng.randrange(50, 2000)) if kind != "decrease" else base / 2
    place = rng.choice(PLACES)
    title = f"{place}{rng.choice(CN)}" if rng.random() < 0.7 else f"{place}: {rng.choice(EN)}"
    obs = []
    level = base
    for k in range(rng.randrange(6, 15)):
        when = start + timedelta(days=90 * (k + 1))
        if when > LAST_DAY:  # a value is recorded once it is known: never after the benchmark's today
            break
        if kind == "milestone":
            value = Decimal(1) if k > 8 else Decimal(0)
        else:
            level += Decimal(rng.randrange(-20, 120)) if kind != "decrease" else -Decimal(rng.randrange(0, 30))
            value = level
        obs.append(
            Observation(
                day(when),
                value,
                f"{when.isoformat()}T08:00:00Z",
                note="统计公报" if k % 3 == 0 else None,
                source="statistics bureau" if k % 4 == 0 else None,
            )
        )
    return Target(
        id=f"t{i:06d}",
        title=title,
        title_en=f"{place} {rng.choice(EN)}",
        kind=kind,
        unit=unit,
        target=None if kind == "milestone" else goal,
        deadline=None if kind in ("cap", "floor") and rng.random() < 0.5 else parse_period(str(deadline.year)),
        start=parse_period(f"{start.year}-{start.month:02d}"),
        baseline=None if kind in ("milestone", "cap", "floor") else base,
        tags=tuple(rng.sample(["economy", "industry", "health", "energy", "transport", "talent", "十四五"], 2)),
        owner=f"{place}人民政府",
        plan=f"plan-{i // 8:05d}",
        source=Source(document=f"《{place}“十四五”规划》", quote=f"到{deadline.year}年，{title}达到{goal}{unit}"),
        observations=tuple(obs),
        created_at="2024-01-01T00:00:00Z",
    )


def generate(n: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    data = empty_data()
    data[TARGETS_TABLE] = {str(i + 1): to_dict(make(i, rng)) for i in range(n)}
    out.write_text(dumps(data), encoding="utf-8")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    generate(a.n, a.out, a.seed)
