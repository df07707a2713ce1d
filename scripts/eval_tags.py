"""Measure the auto-tagger on ../shared/corpora/reuters-train: country and Energy
precision/recall/F1 against the gold labels, and throughput on one core.

Usage: python scripts/eval_tags.py [SHARED_DIR] [--errors N] [--energy-errors N]

--errors N prints N stories whose countries differ from the gold, with each wrong
or missed country's score and evidence; --energy-errors N does the same for Energy
(dev stories only).

energy_*_indexed repeat the Energy figures on the stories Reuters indexed for topics
(at least one topic label): 45% of the corpus has no topic label at all, so an
oil-market story there counts as a false positive whatever its text says.

energy_*_dev and energy_*_heldout split the stories by a stable hash of the file name
(about 70% dev, 30% held-out; see ``split_of``). Energy cues are tuned on dev errors
only, so --energy-errors shows dev stories only; the held-out figure tells whether a
change generalises. The floor is still checked on the whole corpus.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from auto_tagger.tagger import load_vocabulary, score_story, tag  # noqa: E402
from wire_reader.parse import read_wire  # noqa: E402
from wire_reader.story import WireError, WireStory  # noqa: E402

CORPUS = "corpora/reuters-train"
ENERGY_LABELS = {"crude", "nat-gas", "gas", "fuel", "heat", "jet", "naphtha", "propane", "pet-chem"}
HELDOUT_PERCENT = 30
TARGETS = {"country_f1": 0.92, "country_precision": 0.93, "energy_f1": 0.85,
           "parse_tag_per_s": 2000.0}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def split_of(filename: str) -> str:
    """'dev' or 'heldout', fixed by the file name alone (stable across runs and machines)."""
    bucket = int.from_bytes(hashlib.sha256(filename.encode("utf-8")).digest()[:4], "big") % 100
    return "heldout" if bucket < HELDOUT_PERCENT else "dev"


def _load(corpus: Path) -> list[tuple[WireStory, dict[str, Any]]]:
    lines = (corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line]
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
    for name, data in zip(files, blobs, strict=True):
        try:
            tag(read_wire(data, name), vocab)
        except WireError:
            pass
    return len(blobs) / (time.perf_counter() - start)


def _evidence(story: WireStory, vocab: Any, names: set[str]) -> str:
    """'Japan 10.5 [title:Japan, lede:Japan]' for each name, from a fresh scoring."""
    scores, _ = score_story(story, vocab)
    countries = [n for n in scores.score if vocab.entries[n].kind == "country"]
    scores.decay(countries, vocab.scoring["country"].get("repeat_decay", 1.0))  # as tag() does
    return "; ".join(f"{n} {scores.score.get(n, 0.0):.1f} {scores.evidence.get(n, [])}"
                     for n in sorted(names))


def _show_country_error(story: WireStory, row: dict[str, Any], got: set[str], gold: set[str],
                        vocab: Any) -> None:
    wrong = {vocab.iso_names.get(i, i) for i in (got ^ gold)}
    print(f"  {row['file']}: gold={sorted(gold)} got={sorted(got)} dateline={row.get('dateline')!r}"
          f" | {story.title[:60]}\n      {_evidence(story, vocab, wrong)}")


def _show_energy_error(story: WireStory, row: dict[str, Any], got: bool, vocab: Any) -> None:
    kind = "FP" if got else "FN"
    print(f"  {kind} {row['file']}: topics={row['topics']} | {story.title[:60]}\n"
          f"      {_evidence(story, vocab, {'Energy'})}")


def evaluate_tags(shared_dir: Path, errors: int = 0, energy_errors: int = 0) -> dict[str, Any]:
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
    shown = energy_shown = 0
    for (story, row), tags in zip(stories, results, strict=True):
        got = {t.iso for t in tags if t.kind == "country"}
        gold = set(row["countries"])
        c["c_tp"] += len(got & gold)
        c["c_fp"] += len(got - gold)
        c["c_fn"] += len(gold - got)
        fp_names.update(got - gold)
        fn_names.update(gold - got)
        if shown < errors and got != gold:
            shown += 1
            _show_country_error(story, row, got, gold, vocab)
        e_got = any(t.name == "Energy" for t in tags)
        e_gold = bool(ENERGY_LABELS & set(row["topics"]))
        indexed = "i" if row["topics"] else "u"
        split = split_of(row["file"])
        for prefix in ("e", "e" + indexed, "e_" + split):
            c[prefix + "_tp"] += e_got and e_gold
            c[prefix + "_fp"] += e_got and not e_gold
            c[prefix + "_fn"] += e_gold and not e_got
        if energy_shown < energy_errors and e_got != e_gold and split == "dev":
            energy_shown += 1
            _show_energy_error(story, row, e_got, vocab)
    rate = _time_parse_tag(corpus, [row["file"] for _, row in stories[:3000]], vocab)
    country = _prf(c["c_tp"], c["c_fp"], c["c_fn"])
    energy = _prf(c["e_tp"], c["e_fp"], c["e_fn"])
    energy_indexed = _prf(c["ei_tp"], c["ei_fp"], c["ei_fn"])
    energy_split = {
        f"energy_{metric}_{split}": value
        for split in ("dev", "heldout")
        for metric, value in _prf(*(c[f"e_{split}_{k}"] for k in ("tp", "fp", "fn"))).items()
    }
    return {
        "stories": len(stories),
        "country_precision": country["precision"], "country_recall": country["recall"],
        "country_f1": country["f1"],
        "energy_precision": energy["precision"], "energy_recall": energy["recall"],
        "energy_f1": energy["f1"],
        "energy_precision_indexed": energy_indexed["precision"],
        "energy_recall_indexed": energy_indexed["recall"],
        "energy_f1_indexed": energy_indexed["f1"],
        **energy_split,
        "energy_counts": {s: {k: c[f"e_{s}_{k}"] for k in ("tp", "fp", "fn")}
                          for s in ("dev", "heldout")},
        "energy_fp_unindexed": c["eu_fp"],
        "parse_tag_per_s": rate, "tag_per_s": tag_rate,
        "top_false_positives": fp_names.most_common(10),
        "top_false_negatives": fn_names.most_common(10),
    }


def main() -> None:
    argv = sys.argv[1:]
    counts = {}
    for flag in ("--errors", "--energy-errors"):
        if flag in argv:
            at = argv.index(flag)
            counts[flag] = int(argv[at + 1])
            del argv[at:at + 2]
    shared = Path(argv[0]) if argv else ROOT.parent / "shared"
    print_report(evaluate_tags(shared, counts.get("--errors", 0), counts.get("--energy-errors", 0)))


def print_report(res: dict[str, Any]) -> None:
    """Print the figures as a table, with targets."""
    if not res:
        return
    print(f"reuters-train: {res['stories']} stories")
    print(f"{'metric':<26}{'value':>10}{'target':>10}")
    for key, value in res.items():
        if isinstance(value, float):
            target = TARGETS.get(key)
            mark = "" if target is None else ("  ok" if value >= target else "  BELOW")
            print(f"{key:<26}{value:>10.3f}{'' if target is None else f'{target:>10}'}{mark}")
    print("Energy false positives on stories without any topic label:", res["energy_fp_unindexed"])
    print("Energy counts by split (tp/fp/fn):", res["energy_counts"])
    print("top false positives:", res["top_false_positives"])
    print("top false negatives:", res["top_false_negatives"])


if __name__ == "__main__":
    main()
