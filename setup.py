"""The build step pyproject.toml cannot say: the shipped stores are kept once,
in data/ (README's quick start lists data/targets.json), and a built package
gets its copies of them in targettrack/samples/ (issue 35). An editable
install reads them from data/ itself (targettrack/exchange/samples.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SAMPLES = ("targets.json", "cn-14th-five-year-plan.json")


class BuildWithSamples(build_py):
    def run(self):
        super().run()
        out = Path(self.build_lib) / "targettrack" / "samples"
        out.mkdir(parents=True, exist_ok=True)
        for name in SAMPLES:
            shutil.copyfile(HERE / "data" / name, out / name)


setup(cmdclass={"build_py": BuildWithSamples})
