"""Order groups of articles like a reference list, in time linear in the input.

Pure: no Pelican import. Pelican 4.12 builds each tag's, category's and
author's ``dates`` list as ``[a for a in self.dates if a in articles]``, which
scans every article once per term (O(N·M)); these functions give the same
lists from one index of the reference order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def position_index(reference: Sequence[Any]) -> dict[int, int]:
    """Map ``id(item)`` to the item's first position in ``reference``."""
    index: dict[int, int] = {}
    for position, item in enumerate(reference):
        index.setdefault(id(item), position)
    return index


def order_like(members: Iterable[T], index: dict[int, int]) -> list[T]:
    """``[r for r in reference if r in members]``, computed from the index.

    Membership is identity (Pelican's Content defines no ``__eq__``); an item
    listed twice in ``members`` appears once, and items absent from the
    reference are dropped, exactly as the comprehension does.
    """
    unique = {id(m): m for m in members if id(m) in index}
    return sorted(unique.values(), key=lambda m: index[id(m)])


def group_positions(items: Sequence[T], key: Callable[[T], Hashable]) -> dict[Hashable, list[T]]:
    """Group ``items`` by ``key``, keeping their order inside each group."""
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups
