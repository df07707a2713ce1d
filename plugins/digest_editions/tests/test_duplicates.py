"""Table-driven tests of near-duplicate detection (no Pelican)."""

from __future__ import annotations

import datetime as dt

import pytest
from digest_editions.duplicates import (
    DuplicatePair,
    StoryText,
    find_duplicate_groups,
    find_duplicate_pairs,
    group_pairs,
    jaccard,
    shingle_hashes,
    word_hashes,
)

UTC = dt.UTC
BASE = (
    "The first cargo lorries crossed a new road bridge over the Amur river between the Russian "
    "city of Blagoveshchensk and the Chinese city of Heihe on Friday, officials said. The bridge "
    "can carry up to 630 vehicles a day in each direction, the regional government said in a "
    "statement. Until now goods crossed the river by ferry in summer and over the ice in winter. "
    "Traders said they expected soybeans, timber and fertiliser to move south and machinery and "
    "fruit to move north."
)
EDITED = BASE.replace("630 vehicles", "650 vehicles") + " A rail bridge is due next year."
OTHER_AGENCY = BASE.replace("officials said", "officials on both banks told TASS").replace(
    "in a statement", ""
)
UNRELATED = (
    "The Bank of Russia kept its key interest rate unchanged on Friday and said inflation was "
    "slowing but remained above its target, and that it would watch the labour market closely."
)


def shingles(text: str, size: int = 4):
    return shingle_hashes(word_hashes(text, {}), size)


def when(day: int) -> dt.datetime:
    return dt.datetime(2024, 5, day, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Amur bridge opens", "AMUR  bridge, opens!", True),  # case and punctuation do not count
        ("Amur bridge opens", "bridge opens Amur", False),  # word order does
        ("one two three four five", "one two three four five", True),
    ],
)
def test_shingles_compare_words_in_order(a: str, b: str, same: bool) -> None:
    assert (shingles(a).tolist() == shingles(b).tolist()) is same


@pytest.mark.parametrize(
    ("text", "size", "count"),
    [
        ("", 4, 0),
        ("short", 4, 1),  # shorter than a shingle: the whole text is one shingle
        ("a b c d e f", 4, 3),
        ("a b a b a b", 2, 2),  # "a b" and "b a", each counted once
    ],
)
def test_shingle_count(text: str, size: int, count: int) -> None:
    assert len(shingles(text, size)) == count


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (BASE, BASE, 1.0),
        (BASE, UNRELATED, 0.0),
        (BASE, "", 0.0),
        ("a b c d e", "a b c d f", 1 / 3),  # 4-shingles: {abcd, bcde} vs {abcd, bcdf}
    ],
)
def test_exact_jaccard(a: str, b: str, expected: float) -> None:
    assert jaccard(shingles(a), shingles(b)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("other", "grouped"),
    [
        (EDITED, True),  # an update: a figure changed and a sentence added
        (OTHER_AGENCY, True),  # another agency's copy, lightly rewritten
        (UNRELATED, False),
    ],
)
def test_versions_of_a_story_pair_up(other: str, grouped: bool) -> None:
    stories = [StoryText("a", BASE, when(17)), StoryText("b", other, when(17))]
    pairs = find_duplicate_pairs(stories, threshold=0.5, shingle_size=4)
    assert (len(pairs) == 1) is grouped


def test_window_keeps_repeated_copy_weeks_apart_apart() -> None:
    stories = [StoryText("a", BASE, when(1)), StoryText("b", EDITED, when(20))]
    assert (
        find_duplicate_groups(stories, threshold=0.5, shingle_size=4, window=dt.timedelta(days=3))
        == []
    )
    unlimited = find_duplicate_groups(stories, threshold=0.5, shingle_size=4, window=None)
    assert unlimited == [("a", "b")]


def test_groups_join_chains_and_are_deterministic() -> None:
    stories = [
        StoryText("c", OTHER_AGENCY),
        StoryText("a", BASE),
        StoryText("x", UNRELATED),
        StoryText("b", EDITED),
    ]
    first = find_duplicate_groups(stories, threshold=0.5, shingle_size=4)
    assert first == [("a", "b", "c")]
    assert find_duplicate_groups(list(reversed(stories)), threshold=0.5, shingle_size=4) == first


def test_threshold_is_respected() -> None:
    stories = [StoryText("a", BASE), StoryText("b", OTHER_AGENCY)]
    similarity = jaccard(shingles(BASE), shingles(OTHER_AGENCY))
    assert find_duplicate_pairs(stories, threshold=similarity + 0.01, shingle_size=4) == []
    [pair] = find_duplicate_pairs(stories, threshold=similarity - 0.01, shingle_size=4)
    assert pair.jaccard == pytest.approx(similarity)


@pytest.mark.parametrize(
    ("pairs", "groups"),
    [
        ([], []),
        ([("a", "b"), ("c", "d")], [("a", "b"), ("c", "d")]),
        ([("b", "c"), ("a", "b"), ("d", "e"), ("c", "e")], [("a", "b", "c", "d", "e")]),
    ],
)
def test_group_pairs(pairs: list[tuple[str, str]], groups: list[tuple[str, ...]]) -> None:
    assert group_pairs(DuplicatePair(a, b, 1.0) for a, b in pairs) == groups
