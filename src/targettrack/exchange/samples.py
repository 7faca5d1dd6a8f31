"""The shipped stores: `init --sample` loads the seed article's targets
(`data/targets.json`), `init --sample cn-14fyp` the 14th Five-Year Plan's
main indicators (`data/cn-14th-five-year-plan.json`, built by
`data/cn-14th-five-year-plan.sh`). They are kept once, in data/: a built
package carries copies made by the build (setup.py, in targettrack/samples/),
and a source checkout or an editable install reads data/ itself.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..model.stored import from_dict
from ..model.target import Target
from ..store.fileformat import TARGETS_TABLE
from ..store.storefile import parse
from ..util.errors import InputError
from ..util.i18n import _

SAMPLES = {"seed": "targets.json", "cn-14fyp": "cn-14th-five-year-plan.json"}  # by name: the file in data/


def sample_bytes(name: str = "seed") -> bytes:
    built = files("targettrack").joinpath("samples", SAMPLES[name])
    if built.is_file():
        return built.read_bytes()
    return (Path(__file__).resolve().parents[3] / "data" / SAMPLES[name]).read_bytes()


def sample_targets(name: str = "seed") -> list[Target]:
    if name not in SAMPLES:
        raise InputError(
            _("--sample: no sample {name}; the samples are {items}").format(name=repr(name), items=", ".join(SAMPLES))
        )
    data = parse(SAMPLES[name], sample_bytes(name))
    docs = sorted(data[TARGETS_TABLE].items(), key=lambda kv: int(kv[0]))
    return [from_dict(doc) for _, doc in docs]
