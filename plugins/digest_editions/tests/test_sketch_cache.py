"""The sketch cache: a second run from cached sketches finds exactly what a fresh run finds."""

from __future__ import annotations

import datetime as dt

import pytest
from digest_editions.duplicates import StoryText, find_duplicate_pairs, text_key

WHEN = dt.datetime(2024, 5, 17, tzinfo=dt.UTC)
BRIDGE = (
    "A new road bridge over the Amur river between Blagoveshchensk and Heihe opened on "
    "Friday, officials said, and the first cargo lorries crossed it at noon."
)
STORIES = [
    StoryText("a", BRIDGE, WHEN),
    StoryText("b", BRIDGE.replace("at noon", "at dawn"), WHEN),
    StoryText("c", "Mongolia's central bank left its policy rate unchanged on Thursday.", WHEN),
    StoryText("d", "", WHEN),  # no words: no sketch, never a duplicate
]


@pytest.mark.parametrize(
    "cached",
    [
        [],  # empty cache: everything hashed, then kept
        ["a", "c"],  # some texts known from an earlier build
        ["a", "b", "c", "d"],  # every text known
    ],
)
def test_cached_sketches_give_the_same_pairs(cached: list[str]) -> None:
    fresh = find_duplicate_pairs(STORIES, threshold=0.5, shingle_size=4)
    full: dict = {}
    find_duplicate_pairs(STORIES, threshold=0.5, shingle_size=4, sketch_cache=full)
    cache = {text_key(s.text): full[text_key(s.text)] for s in STORIES if s.key in cached}
    cache["stale"] = full[text_key(BRIDGE)]  # a story no longer in the site
    assert find_duplicate_pairs(STORIES, threshold=0.5, shingle_size=4, sketch_cache=cache) == fresh
    assert [p.first + p.second for p in fresh] == ["ab"]
    assert set(cache) == {text_key(s.text) for s in STORIES}
