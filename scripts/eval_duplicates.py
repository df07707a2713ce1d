"""Near-duplicate groups among ../shared/corpora/reuters-train stories.

Prints the count of groups and pairs, and 20 sampled pairs (headline + first
100 characters of each) for a person to judge; the sample is deterministic.
Usage: python scripts/eval_duplicates.py [SHARED_DIR]
"""

from __future__ import annotations

import datetime as dt
import random
import runpy
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from digest_editions.duplicates import StoryText, find_duplicate_pairs, group_pairs  # noqa: E402
from wire_reader.parse import read_wire  # noqa: E402
from wire_reader.story import WireError, WireStory  # noqa: E402

CORPUS = "corpora/reuters-train"
SAMPLE = 20
SAMPLE_SEED = 8  # issue 8: the same pairs every run, so judgements can be compared
# Read from pelicanconf.py, so the figures describe what the site does.
SETTINGS = runpy.run_path(str(ROOT / "pelicanconf.py"))
THRESHOLD = SETTINGS["DIGEST_DUPLICATE_THRESHOLD"]
SHINGLE_SIZE = SETTINGS["DIGEST_SHINGLE_SIZE"]
WINDOW_DAYS = SETTINGS["DIGEST_DUPLICATE_WINDOW_DAYS"]


def read_stories(corpus: Path) -> dict[str, WireStory]:
    """Every parseable wire file of the corpus, by file name."""
    stories = {}
    for path in sorted(corpus.glob("*.txt")):
        try:
            stories[path.name] = read_wire(path.read_bytes(), path.name)
        except WireError:
            continue
    return stories


def story_text(story: WireStory) -> StoryText:
    published = story.date.replace(tzinfo=story.date.tzinfo or dt.UTC) if story.date else None
    return StoryText(key=story.filename, text=f"{story.title}\n\n{story.body_text}",
                     published=published)


def evaluate_duplicates(shared_dir: Path) -> dict[str, Any]:
    """Find near-duplicate groups in reuters-train; print a sample; return figures."""
    corpus = Path(shared_dir) / CORPUS
    if not corpus.is_dir():
        print(f"eval_duplicates: {corpus} is absent; nothing to measure.")
        return {}
    started = time.perf_counter()
    stories = read_stories(corpus)
    parsed = time.perf_counter()
    pairs = find_duplicate_pairs([story_text(s) for s in stories.values()], threshold=THRESHOLD,
                                 shingle_size=SHINGLE_SIZE, window=dt.timedelta(days=WINDOW_DAYS))
    groups = group_pairs(pairs)
    found = time.perf_counter()
    figures = {"stories": len(stories), "pairs": len(pairs), "groups": len(groups),
               "stories_in_groups": sum(len(g) for g in groups),
               "largest_group": max((len(g) for g in groups), default=0),
               "threshold": THRESHOLD, "shingle_size": SHINGLE_SIZE, "window_days": WINDOW_DAYS,
               "parse_seconds": round(parsed - started, 2),
               "detect_seconds": round(found - parsed, 2)}
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    for pair in random.Random(SAMPLE_SEED).sample(pairs, min(SAMPLE, len(pairs))):
        print(f"\n-- jaccard {pair.jaccard:.2f}")
        for key in (pair.first, pair.second):
            print(f"   {key}: {_glimpse(stories[key])}")
    return figures


def _glimpse(story: WireStory) -> str:
    body = " ".join(story.body_text.split())
    return f"{story.title} | {body[:100]}"


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
    evaluate_duplicates(shared)
    return 0


if __name__ == "__main__":
    sys.exit(main())
