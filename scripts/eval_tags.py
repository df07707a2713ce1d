"""Measure the auto-tagger on ../shared/corpora/reuters-train: country and Energy
precision/recall/F1 against the gold labels, and throughput on one core.

Usage: python scripts/eval_tags.py [SHARED_DIR] [--errors N]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from auto_tagger.tagger import load_vocabulary, tag  # noqa: E402
from wire_reader.parse import read_wire  # noqa: E402
from wire_reader.story import WireError, WireStory  # noqa: E402

CORPUS = "corpora/reuters-train"
ENERGY_LABELS = {"crude", "nat-gas", "gas", "fuel", "heat", "jet", "naphtha", "propane", "pet-chem"}
TARGETS = {"country_f1": 0.92, "country_precision": 0.93, "energy_f1": 0.85,
           "parse_tag_per_s": 2000.0}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _load(corpus: Path) -> list[tuple[WireStory, dict[str, Any]]]:
    rows = [json.loads(line) for line in (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    out = []
    for row in rows:
        path = corpus / row["file"]
        try:
            out.append((read_wire(path.read_bytes(), row["file"]), row))
        except (WireError, OSError):
            continue
    return out


def _time_parse_tag(corpus: Path, files: list[str], vocab: Any) -> float:
    blobs = [(corpus / f).read_bytes() for f in files]
    start = time.perf_counter()
    for name, data in zip(files, blobs):
        try:
            tag(read_wire(data, name), vocab)
        except WireError:
            pass
    return len(blobs) / (time.perf_counter() - start)


def evaluate_tags(shared_dir: Path, errors: int = 0) -> dict[str, Any]:
    """Score country and Energy tags against Reuters gold; {} when the corpus is absent."""
    corpus = Path(shared_dir) / CORPUS
    if not (corpus / "labels.jsonl").exists():
        print(f"eval_tags: {corpus} not found; nothing to measure", file=sys.stderr)
        return {}
    vocab = load_vocabulary()
    stories = _load(corpus)
    start = time.perf_counter()
    results = [tag(story, vocab) for story, _ in stories]
    tag_rate = len(stories) / (time.perf_counter() - start)
    c = Counter()
    fp_names: Counter[str] = Counter()
    fn_names: Counter[str] = Counter()
    shown = 0
    for (story, row), tags in zip(stories, results):
        got = {t.iso for t in tags if t.kind == "country"}
        gold = set(row["countries"])
        c["c_tp"] += len(got & gold)
        c["c_fp"] += len(got - gold)
        c["c_fn"] += len(gold - got)
        fp_names.update(got - gold)
        fn_names.update(gold - got)
        if errors and shown < errors and got != gold:
            shown += 1
            print(f"  {row['file']}: gold={sorted(gold)} got={sorted(got)} | {story.title[:60]}")
        e_got = any(t.name == "Energy" for t in tags)
        e_gold = bool(ENERGY_LABELS & set(row["topics"]))
        c["e_tp"] += e_got and e_gold
        c["e_fp"] += e_got and not e_gold
        c["e_fn"] += e_gold and not e_got
    rate = _time_parse_tag(corpus, [row["file"] for _, row in stories[:3000]], vocab)
    country = _prf(c["c_tp"], c["c_fp"], c["c_fn"])
    energy = _prf(c["e_tp"], c["e_fp"], c["e_fn"])
    return {
        "stories": len(stories),
        "country_precision": country["precision"], "country_recall": country["recall"],
        "country_f1": country["f1"],
        "energy_precision": energy["precision"], "energy_recall": energy["recall"],
        "energy_f1": energy["f1"],
        "parse_tag_per_s": rate, "tag_per_s": tag_rate,
        "top_false_positives": fp_names.most_common(10),
        "top_false_negatives": fn_names.most_common(10),
    }


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    errors = int(sys.argv[sys.argv.index("--errors") + 1]) if "--errors" in sys.argv else 0
    if errors:
        args = [a for a in args if a != str(errors)]
    shared = Path(args[0]) if args else ROOT.parent / "shared"
    res = evaluate_tags(shared, errors)
    if not res:
        return
    print(f"reuters-train: {res['stories']} stories")
    print(f"{'metric':<22}{'value':>12}{'target':>10}")
    for key, value in res.items():
        if isinstance(value, float):
            target = TARGETS.get(key)
            mark = "" if target is None else ("  ok" if value >= target else "  BELOW")
            print(f"{key:<22}{value:>12.3f}{'' if target is None else f'{target:>10}'}{mark}")
    print("top false positives:", res["top_false_positives"])
    print("top false negatives:", res["top_false_negatives"])


if __name__ == "__main__":
    main()
