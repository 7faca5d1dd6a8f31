"""Score `extract` on the annotated corpus in tests/extract_corpus/.

    python tests/extract_eval.py             (the documents for tuning: figures and every miss)
    python tests/extract_eval.py --held-out  (the held-out documents: run only to measure)

found: annotated targets proposed with the right value, unit, kind,
deadline and form; wrong: proposed targets that match no annotation.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

from targettrack.extract import extract
from targettrack.model.kinds import KIND

CORPUS = Path(__file__).resolve().parent / "extract_corpus"


def same(c, a) -> bool:
    """Right value, unit, kind and deadline, and the right form: a relative
    change from its base year, an average growth rate, a bound on each year."""
    value = None if a["value"] is None else Decimal(a["value"])
    deadline = c.deadline.label if c.deadline else None
    base = c.baseline_date.label if c.baseline_date else None
    return (
        c.value == value
        and c.unit == a["unit"]
        and c.kind == a["kind"]
        and deadline == a["deadline"]
        and c.form == a.get("form")
        and c.change == a.get("change")
        and c.each == a.get("each")
        and (c.form is None or base == a.get("baseline_date"))
    )


def evaluate(verbose: bool = False, held_out: bool = False) -> dict:
    """The figures on the documents for tuning (held_out=False) or on the
    held-out ones, which are run only to measure."""
    spec = json.loads((CORPUS / "corpus.json").read_text(encoding="utf-8"))
    docs = [d for d in spec["documents"] if bool(d.get("held_out")) == held_out]
    annotated = found = proposed = wrong = 0
    misses, extras, results, by_doc = [], [], {}, {}
    for doc in docs:
        text = (CORPUS / doc["file"]).read_text(encoding="utf-8")
        cands = extract(text, doc["file"], doc.get("year"))
        targets = [c for c in cands if not c.observation]
        results[doc["file"]] = cands
        row = by_doc[doc["file"]] = {"annotated": len(doc["targets"]), "found": 0, "proposed": 0, "wrong": 0}
        importable = [c for c in targets if c.deadline is not None or not KIND[c.kind].needs_deadline]
        row["proposed"] = len(importable)
        for a in doc["targets"]:
            if any(same(c, a) for c in targets):
                row["found"] += 1
            else:
                misses.append((doc["file"], a))
        for c in importable:
            if not any(same(c, a) for a in doc["targets"]):
                row["wrong"] += 1
                extras.append((doc["file"], c))
        annotated, found = annotated + row["annotated"], found + row["found"]
        proposed, wrong = proposed + row["proposed"], wrong + row["wrong"]
    languages = {}
    for lang in ("cn", "en"):
        rows = [r for f, r in by_doc.items() if f.startswith(lang + "_") or (lang == "cn" and f.startswith("seed"))]
        languages[lang] = {k: sum(r[k] for r in rows) for k in ("annotated", "found", "proposed", "wrong")}
    figures = {
        "annotated": annotated,
        "found": found,
        "recall": found / annotated if annotated else 1.0,
        "proposed": proposed,
        "wrong": wrong,
        "wrong_rate": wrong / proposed if proposed else 0.0,
        "misses": misses,
        "extras": extras,
        "results": results,
        "spec": spec,
        "documents": docs,
        "by_doc": by_doc,
        "languages": languages,
    }
    if verbose:
        which = "held-out documents" if held_out else "documents for tuning"
        print(
            f"{which}: found {found} of {annotated} annotated targets ({figures['recall']:.1%}); "
            f"{wrong} of {proposed} importable proposals wrong ({figures['wrong_rate']:.1%})"
        )
        for lang, r in languages.items():
            print(f"  {lang}: found {r['found']}/{r['annotated']}, wrong {r['wrong']}/{r['proposed']}")
        for f, r in by_doc.items():
            print(f"    {f}: found {r['found']}/{r['annotated']}, wrong {r['wrong']}/{r['proposed']}")
        for f, a in misses:
            print(f"  MISSED {f}: {a}")
            for c in results[f]:
                print(
                    f"      got: {'OBS ' if c.observation else ''}{c.kind} {c.value} {c.unit!r} "
                    f"{c.deadline.label if c.deadline else None} {c.form} {c.baseline_date} each={c.each} "
                    f"{c.title!r} review={c.review}"
                )
        for f, c in extras:
            print(
                f"  WRONG {f}: {c.kind} {c.value} {c.unit!r} {c.deadline.label if c.deadline else None} "
                f"{c.title!r} ({c.why_kind}) “{c.quote[:60]}”"
            )
    return figures


if __name__ == "__main__":  # python tests/extract_eval.py [--held-out]
    evaluate(verbose=True, held_out="--held-out" in sys.argv)
    sys.exit(0)
