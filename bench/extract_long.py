"""Time `extract` on long single sentences, the inputs that were quadratic.

    python bench/extract_long.py

In-process, so only extract's own time is counted; tests/test_hostile.py
(test_19_large_inputs_stay_near_linear) runs the same inputs as whole
processes, with a generous limit.
"""

from __future__ import annotations

import time

from targettrack.extract import extract

INPUTS = {
    "5,000 dates": "and 5% by 2030 " * 5_000,
    "5,000 ranges": "from 2.5 to 3 billion tonnes " * 5_000,
    "3,000 counts in words": "The county will build four new fire stations by 2027 and " * 3_000,
    "2,000 changes": "The city will cut emissions by 50% by 2030, " * 2_000,
    "100,000 digits": "1" * 100_000,
    "20,000 Chinese counts": "到2025年达到" + "10个、" * 20_000,
}


def main() -> None:
    for name, text in INPUTS.items():
        began = time.perf_counter()
        extract(text, "long.txt", 2024)
        print(f"{name:24} {len(text):>8,} characters  {time.perf_counter() - began:6.2f} s")


if __name__ == "__main__":
    main()
