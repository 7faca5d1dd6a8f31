"""The shipped stores, as files in the package: `init --sample` loads the
seed article's targets (`data/targets.json`), `init --sample cn-14fyp` the
14th Five-Year Plan's main indicators (`data/cn-14th-five-year-plan.json`,
built by `data/cn-14th-five-year-plan.sh`). Each package file is its data/
file byte for byte (tests keep them equal).
"""

from __future__ import annotations

from importlib.resources import files

from .errors import InputError
from .i18n import _
from .model import Target, from_dict
from .store import TARGETS_TABLE, parse

SAMPLE_FILE = "sample_store.json"
SAMPLES = {"seed": SAMPLE_FILE, "cn-14fyp": "sample_cn_14fyp.json"}


def sample_bytes(name: str = "seed") -> bytes:
    return files(__package__).joinpath(SAMPLES[name]).read_bytes()


def sample_targets(name: str = "seed") -> list[Target]:
    if name not in SAMPLES:
        raise InputError(_('--sample: no sample {name}; the samples are {items}').format(
            name=repr(name), items=', '.join(SAMPLES)))
    data = parse(SAMPLES[name], sample_bytes(name))
    docs = sorted(data[TARGETS_TABLE].items(), key=lambda kv: int(kv[0]))
    return [from_dict(doc) for _, doc in docs]
