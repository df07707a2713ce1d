"""Table-driven tests of near-duplicate detection (no Pelican)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from datasketch import MinHash
from digest_editions.duplicates import (
    DuplicatePair,
    StoryText,
    candidate_pairs,
    find_duplicate_groups,
    find_duplicate_pairs,
    group_pairs,
    jaccard,
    lsh_bands,
    minhash_values,
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


# --- the banding is datasketch's MinHashLSH, without loading it -------------------------


@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_bands_and_rows_are_datasketchs(num_perm: int) -> None:
    from datasketch.lsh import _optimal_param

    for step in range(1, 20):
        threshold = step / 20
        assert lsh_bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


@pytest.mark.parametrize("num_perm, seed", [(64, 20240517), (16, 1), (128, 7)])
def test_minhash_values_are_datasketchs(num_perm: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    reference = MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda value: value)
    for size in (1, 2, 37, 500):
        hashes = np.unique(rng.integers(0, 1 << 32, size, dtype=np.uint64).astype(np.uint32))
        expected = reference.copy()
        expected.update_batch(hashes)
        assert expected.scheme == "affine32"
        found = minhash_values(hashes, num_perm, seed)
        assert found.dtype == np.uint32 and found.tolist() == expected.hashvalues.tolist()


def test_candidates_are_what_datasketchs_lsh_returns() -> None:
    from datasketch import MinHashLSH

    rng = np.random.default_rng(7)
    template = MinHash(num_perm=64, seed=20240517, hashfunc=lambda value: value)
    texts = [BASE, EDITED, OTHER_AGENCY, UNRELATED]
    # Variants that share some bands and not others, plus unrelated noise.
    for index in range(60):
        words = BASE.split()
        for _ in range(int(rng.integers(1, 25))):
            words[int(rng.integers(len(words)))] = f"w{int(rng.integers(1000))}"
        texts.append(" ".join(words) if index % 3 else f"story {index} " + UNRELATED)
    sketches = {
        f"k{i:03d}": minhash_values(shingles(text)) for i, text in enumerate(texts)
    }
    bands, rows = lsh_bands(0.35, 64)
    lsh = MinHashLSH(threshold=0.35, num_perm=64)
    assert (lsh.b, lsh.r) == (bands, rows)
    for key, values in sketches.items():
        lsh.insert(key, MinHash(hashvalues=values, permutations=template.permutations,
                                scheme=template.scheme, seed=template.seed))
    expected = {
        (key, other)
        for key, values in sketches.items()
        for other in lsh.query(MinHash(hashvalues=values, permutations=template.permutations,
                                       scheme=template.scheme, seed=template.seed))
        if other > key
    }
    found = candidate_pairs(sketches, bands, rows)
    assert len(expected) > 20 and len(found) < len(sketches) * (len(sketches) - 1) / 2
    assert found == expected


def test_duplicate_finding_never_loads_datasketch(tmp_path) -> None:
    import subprocess
    import sys
    from pathlib import Path

    plugins = Path(__file__).resolve().parents[2]
    script = f"""
import sys
sys.path.insert(0, {str(plugins)!r})
sys.modules["datasketch"] = sys.modules["scipy"] = None  # importing either now fails
from digest_editions.duplicates import StoryText, find_duplicate_pairs
stories = [StoryText("a", {BASE!r}), StoryText("b", {EDITED!r}), StoryText("c", {UNRELATED!r})]
cache = {{}}
first = find_duplicate_pairs(stories, threshold=0.5, shingle_size=4, sketch_cache=cache)
again = find_duplicate_pairs(stories, threshold=0.5, shingle_size=4, sketch_cache=cache)
assert again == first and len(first) == 1, (first, again)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
