"""Search shards: which article pages go into which Pagefind bundle."""

from __future__ import annotations

from pathlib import Path

import pytest
from theme_support.search_index import Shard, plan_shards, shard_digest


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ([], []),
        ([("2024/05/17/a/index.html", "2024")], [("2024", ("2024/05/17/a/index.html",))]),
        (
            [("2023/b.html", "2023"), ("2024/a.html", "2024"), ("2023/a.html", "2023")],
            [("2024", ("2024/a.html",)), ("2023", ("2023/a.html", "2023/b.html"))],
        ),
        ([("x.html", "all"), ("y.html", "all")], [("all", ("x.html", "y.html"))]),
    ],
)
def test_plan_shards_groups_pages_newest_shard_first(pages: list, expected: list) -> None:
    assert [(s.key, s.pages) for s in plan_shards(pages)] == expected


def test_shard_bundle_path() -> None:
    assert Shard("2024", ()).bundle == "pagefind/2024/"


def test_digest_changes_with_page_bytes_and_tool_version(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>one</p>", encoding="utf-8")
    shard = Shard("all", ("a.html",))
    first = shard_digest(str(tmp_path), shard, "1.5.2")
    assert shard_digest(str(tmp_path), shard, "1.5.2") == first
    assert shard_digest(str(tmp_path), shard, "1.5.3") != first
    (tmp_path / "a.html").write_text("<p>two</p>", encoding="utf-8")
    assert shard_digest(str(tmp_path), shard, "1.5.2") != first
