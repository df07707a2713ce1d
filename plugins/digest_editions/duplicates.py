"""Near-duplicate stories: word shingles, MinHash, LSH candidates, groups.

Pure: strings and datetimes in, tuples of keys out; never imports Pelican.
Two wire files are "the same story" when the Jaccard similarity of their word
shingles reaches a threshold: another agency's copy of the same news, or an
updated version. Exact duplicates never get here (build_report drops them).

Speed: shingles are hashed with numpy (one crc32 per distinct word, then a
polynomial roll over word hashes), LSH banding finds candidate pairs without
comparing every pair, and each candidate is confirmed by the exact Jaccard of
the two shingle sets, so LSH false positives never merge stories.

MinHash and banding are datasketch's (MinHash "affine32", MinHashLSH), done
here with numpy: the same values and the same bands (datasketch's optimal b
and r, computed here without scipy) give the same candidates. datasketch
itself, which imports scipy (half a second), is never loaded by a build;
the tests use it as the reference.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

NUM_PERM = 64  # enough for a 0.4-0.9 threshold; more only slows the build
SEED = 20240517  # fixed: the same input always gives the same groups
# LSH looks a little below the threshold, so pairs near it are still checked
# exactly instead of being lost to the banding's false negatives.
LSH_MARGIN = 0.15
WORD_RE = re.compile(r"\w+")
ROLL = np.uint32(0x01000193)  # FNV prime: mixes word positions in a shingle


@dataclass(frozen=True)
class StoryText:
    """What duplicate detection reads of a story."""

    key: str  # unique and stable, e.g. the source path
    text: str  # headline + body, plain text
    published: dt.datetime | None = None


@dataclass(frozen=True)
class DuplicatePair:
    first: str  # the smaller key
    second: str
    jaccard: float  # exact, over shingle sets


# What a text contributes to duplicate finding: its distinct shingle hashes
# and its MinHash values (empty for a text with no words).
Sketch = tuple[np.ndarray, np.ndarray]


def text_key(text: str) -> str:
    """A short fingerprint of a story's text, to find its sketch again next build."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def word_hashes(text: str, cache: dict[str, int]) -> np.ndarray:
    """crc32 of each lower-cased word, in order (deterministic across runs)."""
    words = WORD_RE.findall(text.lower())
    for word in set(words).difference(cache):
        cache[word] = zlib.crc32(word.encode("utf-8"))
    return np.fromiter(map(cache.__getitem__, words), dtype=np.uint32, count=len(words))


def shingle_hashes(words: np.ndarray, size: int) -> np.ndarray:
    """Distinct 32-bit hashes of every run of ``size`` consecutive words."""
    if len(words) == 0:
        return words
    size = min(size, len(words))  # a story shorter than a shingle is one shingle
    count = len(words) - size + 1
    rolled = words[:count].copy()
    for offset in range(1, size):
        rolled = rolled * ROLL ^ words[offset : offset + count]  # uint32 arrays wrap silently
    return np.unique(rolled)


def sketch(
    text: str,
    shingle_size: int,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
    words: dict[str, int] | None = None,
) -> Sketch:
    """A text's distinct shingle hashes and MinHash values (both empty for no words).

    ``words`` (word -> crc32) may be shared across texts to hash each word once.
    """
    hashes = shingle_hashes(word_hashes(text, {} if words is None else words), shingle_size)
    return hashes, (minhash_values(hashes, num_perm, seed) if len(hashes) else hashes)


# MurmurHash3's 32-bit finalizer (shift, multiplier, shift, multiplier, shift).
FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35),
          np.uint32(16))


def minhash_values(shingles: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """MinHash of 32-bit shingle hashes: datasketch 2.0's "affine32" values, exactly.

    Each hash is mixed by the MurmurHash3 finalizer, then mapped by
    ``num_perm`` affine permutations ``a * h + b mod 2**32``; each
    permutation keeps its minimum. Done here rather than through datasketch,
    whose import (with scipy) costs half a second on a build that adds one
    story; tests compare the values with datasketch's own MinHash.
    """
    a, b = permutations(num_perm, seed)
    shift1, mult1, shift2, mult2, shift3 = FMIX32
    mixed = shingles.astype(np.uint32).reshape(-1, 1)
    mixed = mixed ^ (mixed >> shift1)
    mixed = mixed * mult1  # uint32 arrays wrap: arithmetic mod 2**32
    mixed = mixed ^ (mixed >> shift2)
    mixed = mixed * mult2
    mixed = mixed ^ (mixed >> shift3)
    return (mixed * a + b).min(axis=0)


@functools.cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters: odd ``a`` and any ``b``, from
    ``RandomState(seed)`` in its order."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    a.setflags(write=False)
    b.setflags(write=False)
    return a, b


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted, distinct hash arrays."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)


def find_duplicate_pairs(
    stories: Sequence[StoryText],
    *,
    threshold: float,
    shingle_size: int,
    window: dt.timedelta | None = None,
    num_perm: int = NUM_PERM,
    seed: int = SEED,
    sketch_cache: dict[str, Sketch] | None = None,
) -> list[DuplicatePair]:
    """Pairs of stories whose shingle Jaccard is at least ``threshold``.

    With ``window``, only stories published at most that far apart pair up:
    templated copy (weekly market reviews, dividend notices) repeats across
    months without being the same news.

    ``sketch_cache`` (text_key -> Sketch, made with the same shingle size,
    num_perm and seed) spares re-hashing texts seen before; on return it
    holds exactly the sketches of ``stories``, ready to keep for next time.
    """
    by_key = {s.key: s for s in stories}
    known = {} if sketch_cache is None else dict(sketch_cache)
    fresh: dict[str, Sketch] = {}
    cache: dict[str, int] = {}
    shingles, sketches = {}, {}
    for key, story in by_key.items():
        text = text_key(story.text)
        found = fresh.get(text) or known.get(text)
        if found is None:
            found = sketch(story.text, shingle_size, num_perm, seed, cache)
        fresh[text] = found
        shingles[key] = found[0]
        if len(found[0]):
            sketches[key] = found[1]
    if sketch_cache is not None:
        sketch_cache.clear()
        sketch_cache.update(fresh)
    bands, rows = lsh_bands(max(0.05, threshold - LSH_MARGIN), num_perm)
    pairs = []
    for key, other in sorted(candidate_pairs(sketches, bands, rows)):
        if not _close_in_time(by_key[key], by_key[other], window):
            continue
        similarity = jaccard(shingles[key], shingles[other])
        if similarity >= threshold:
            pairs.append(DuplicatePair(key, other, similarity))
    return pairs


def candidate_pairs(
    sketches: dict[str, np.ndarray], bands: int, rows: int
) -> set[tuple[str, str]]:
    """(smaller key, larger key) of every two sketches equal in at least one band.

    A band is ``rows`` consecutive MinHash values, as in datasketch's
    MinHashLSH: its query returns exactly these pairs.
    """
    keys = list(sketches)
    found: set[tuple[str, str]] = set()
    if len(keys) < 2:
        return found
    values = np.stack([sketches[key] for key in keys])
    for band in range(bands):
        part = np.ascontiguousarray(values[:, band * rows : (band + 1) * rows])
        # Each row as one opaque value, so equal bands sort together.
        whole = part.view(np.dtype((np.void, part.itemsize * rows))).ravel()
        order = np.argsort(whole, kind="stable")
        ranked = whole[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1], True])
        for begin, end in zip(starts[:-1], starts[1:], strict=True):
            if end - begin > 1:
                members = sorted(keys[i] for i in order[begin:end])
                found.update(combinations(members, 2))
    return found


@functools.cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's MinHashLSH bands and rows for ``threshold`` (equal weights).

    The (b, r) minimising the false positive plus false negative probability
    integrals. Both integrands are polynomials of degree b*r <= num_perm, so
    Gauss-Legendre with num_perm/2 + 1 nodes integrates them exactly.
    """
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    below = threshold / 2 * (nodes + 1)  # nodes mapped onto [0, threshold]
    above = (1 - threshold) / 2 * nodes + (1 + threshold) / 2  # onto [threshold, 1]

    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            false_positive = threshold / 2 * float(np.dot(weights, 1 - (1 - below**r) ** b))
            false_negative = (1 - threshold) / 2 * float(np.dot(weights, (1 - above**r) ** b))
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best:
                best, choice = error, (b, r)
    return choice


def _close_in_time(a: StoryText, b: StoryText, window: dt.timedelta | None) -> bool:
    if window is None or a.published is None or b.published is None:
        return True
    return abs(a.published - b.published) <= window


def group_pairs(pairs: Iterable[DuplicatePair]) -> list[tuple[str, ...]]:
    """Connected groups of paired keys (union-find), each sorted, sorted."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for pair in pairs:
        a, b = root(pair.first), root(pair.second)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[str, list[str]] = {}
    for key in parent:
        groups.setdefault(root(key), []).append(key)
    return sorted(tuple(sorted(members)) for members in groups.values())


def find_duplicate_groups(
    stories: Sequence[StoryText],
    *,
    threshold: float,
    shingle_size: int,
    window: dt.timedelta | None = None,
    sketch_cache: dict[str, Sketch] | None = None,
) -> list[tuple[str, ...]]:
    """Groups (two or more keys) of stories that carry the same news."""
    return group_pairs(
        find_duplicate_pairs(
            stories,
            threshold=threshold,
            shingle_size=shingle_size,
            window=window,
            sketch_cache=sketch_cache,
        )
    )
