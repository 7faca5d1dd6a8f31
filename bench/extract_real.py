"""extract on the shared corpus of real documents at each --min-confidence:
found and wrong as its score.py counts them for `--format json`.

    python bench/extract_real.py [CORPUS]   (default: ../shared/extract-corpus)

The corpus lives outside the repository (its texts may not be copied in);
its own score.py does the matching, so the figure at 0 is score.py's json
line. The confidences were measured on this same corpus (extract/confidence.py),
so these figures are in-sample: what the knob trades, not a promise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from targettrack.extract import extract
from targettrack.extract.confidence import confidence
from targettrack.render import extract_view

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "extract-corpus"
    sys.path.insert(0, str(corpus))
    import score  # the corpus's own scorer

    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    for least in (0, 0.3, 0.5, 0.6, 0.8):
        tally = {"en": [0, 0, 0, 0], "zh": [0, 0, 0, 0]}  # found, targets, wrong, proposed
        for path in sorted(corpus.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").split("\n")
            if lines and lines[0].startswith("# source:"):
                lines[0] = ""  # the corpus's annotation, not the document's text
            proposed = [
                c
                for c in extract("\n".join(lines), path.name, None)
                if extract_view.importable(c) and confidence(c)[0] >= least
            ]
            props = score.from_json(json.dumps({"targets": extract_view.target_docs(proposed)}))
            targets = [t for t in truth if t["file"] == path.name]
            hit, _misses, wrong, _dups, _grays = score.score(targets, props, [])
            for i, n in enumerate((len(hit), len(targets), len(wrong), len(props))):
                tally[path.name[:2]][i] += n
        both = [tally["en"][i] + tally["zh"][i] for i in range(4)]
        print(
            f"--min-confidence {least}: found {both[0]}/{both[1]}, wrong {both[2]}/{both[3]}; "
            + "; ".join(f"{lang} found {t[0]}/{t[1]}, wrong {t[2]}/{t[3]}" for lang, t in tally.items())
        )


if __name__ == "__main__":
    main()
