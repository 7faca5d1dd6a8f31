"""The targets of the seed article, shipped as a store file in the package.

`init --sample` loads them; `data/targets.json` in the repository is the same
file byte for byte (a test keeps the two equal).
"""

from __future__ import annotations

from importlib.resources import files

from .model import Target, from_dict
from .store import TARGETS_TABLE, parse

SAMPLE_FILE = "sample_store.json"


def sample_bytes() -> bytes:
    return files(__package__).joinpath(SAMPLE_FILE).read_bytes()


def sample_targets() -> list[Target]:
    data = parse(SAMPLE_FILE, sample_bytes())
    docs = sorted(data[TARGETS_TABLE].items(), key=lambda kv: int(kv[0]))
    return [from_dict(doc) for _, doc in docs]
