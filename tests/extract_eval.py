"""Score `extract` on the annotated corpus in tests/extract_corpus/.

    python tests/extract_eval.py        (prints the figures and every miss)

found: annotated targets proposed with the right value, unit, kind and
deadline; wrong: proposed targets that match no annotation.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from targettrack.extract import extract

CORPUS = Path(__file__).resolve().parent / "extract_corpus"


def same(c, a) -> bool:
    value = None if a["value"] is None else Decimal(a["value"])
    deadline = c.deadline.label if c.deadline else None
    return c.value == value and c.unit == a["unit"] and c.kind == a["kind"] and deadline == a["deadline"]


def evaluate(verbose: bool = False) -> dict:
    spec = json.loads((CORPUS / "corpus.json").read_text(encoding="utf-8"))
    annotated = found = proposed = wrong = 0
    misses, extras, results = [], [], {}
    for doc in spec["documents"]:
        text = (CORPUS / doc["file"]).read_text(encoding="utf-8")
        cands = extract(text, doc["file"], doc.get("year"))
        targets = [c for c in cands if not c.observation]
        results[doc["file"]] = cands
        annotated += len(doc["targets"])
        proposed += len(targets)
        for a in doc["targets"]:
            if any(same(c, a) for c in targets):
                found += 1
            else:
                misses.append((doc["file"], a))
        for c in targets:
            if not any(same(c, a) for a in doc["targets"]):
                wrong += 1
                extras.append((doc["file"], c))
    figures = {"annotated": annotated, "found": found, "recall": found / annotated if annotated else 1.0,
               "proposed": proposed, "wrong": wrong, "wrong_rate": wrong / proposed if proposed else 0.0,
               "misses": misses, "extras": extras, "results": results, "spec": spec}
    if verbose:
        print(f"found {found} of {annotated} annotated targets ({figures['recall']:.1%}); "
              f"{wrong} of {proposed} proposals wrong ({figures['wrong_rate']:.1%})")
        for f, a in misses:
            print(f"  MISSED {f}: {a}")
            for c in results[f]:
                print(f"      got: {'OBS ' if c.observation else ''}{c.kind} {c.value} {c.unit!r} "
                      f"{c.deadline.label if c.deadline else None} {c.title!r} review={c.review}")
        for f, c in extras:
            print(f"  WRONG {f}: {c.kind} {c.value} {c.unit!r} {c.deadline.label if c.deadline else None} "
                  f"{c.title!r} ({c.why_kind}) “{c.quote[:60]}”")
    return figures


if __name__ == "__main__":
    evaluate(verbose=True)
    sys.exit(0)
