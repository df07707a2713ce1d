"""Search shards: which article pages go into which Pagefind bundle."""

from __future__ import annotations

import os
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


PAGE = (b"<html lang=en><head><title>T</title></head><body><nav>site</nav>"
        b"<article data-pagefind-body><h1>Harbin</h1><p>Text</p></article>"
        b"<aside>Related: A</aside><nav>Older: B</nav></body></html>")


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        (b"Related: A", b"Related: C", True),  # related stories: not indexed
        (b"Older: B", b"Older: D", True),  # previous/next: not indexed
        (b"<p>Text</p>", b"<p>Texts</p>", False),  # the story itself
        (b"<title>T</title>", b"<title>U</title>", False),  # the head
    ],
)
def test_indexed_part_ignores_what_pagefind_ignores(old: bytes, new: bytes, same: bool) -> None:
    from theme_support.search_index import indexed_part

    assert (indexed_part(PAGE.replace(old, new)) == indexed_part(PAGE)) is same


def test_page_without_marker_counts_whole() -> None:
    from theme_support.search_index import indexed_part

    assert indexed_part(b"<p>no marker</p>") == b"<p>no marker</p>"


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ("{date:%Y}", "2024"),
        ("{date:%Y-%m}", "2024-05"),
        ("all", "all"),
        ("{date:%Y/%m}", "all"),  # a folder inside a folder: would delete itself
        ("", "all"),  # pagefind// would be the whole pagefind/ folder
        ("..", "all"),  # outside pagefind/
        ("{date:%B %Y}", "all"),  # a space splits the search page's bundle list
        ("{when}", "all"),  # an unknown field
    ],
)
def test_shard_key_is_a_safe_folder_name(pattern: str, key: str) -> None:
    import datetime as dt

    from theme_support.site_pages import shard_key

    assert shard_key(pattern, dt.datetime(2024, 5, 17)) == key


def test_memory_scratch_only_with_room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from theme_support import search_index

    monkeypatch.setattr(search_index, "MEMORY_SCRATCH", str(tmp_path))
    free = shutil.disk_usage(tmp_path).free
    assert search_index.memory_scratch(1000) == str(tmp_path)
    assert search_index.memory_scratch(free) is None
    monkeypatch.setattr(search_index, "MEMORY_SCRATCH", str(tmp_path / "missing"))
    assert search_index.memory_scratch(1000) is None


AMUR_PAGE = ("<!doctype html><html lang='en'><head><title>Amur bridge</title></head><body>"
        "<article data-pagefind-body><h1>Amur bridge opens</h1><p>Lorries crossed the "
        "Amur at noon.</p></article></body></html>")


@pytest.mark.parametrize("earlier", ["earlier bundle", "no bundle"])
@pytest.mark.parametrize("memory", ["usable", "unusable"])
def test_pagefind_bundle_is_made_in_memory_or_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, memory: str, earlier: str
) -> None:
    from theme_support import search_index

    output = tmp_path / "output"
    (output / "2024/05/17/amur").mkdir(parents=True)
    (output / "2024/05/17/amur/index.html").write_text(AMUR_PAGE, encoding="utf-8")
    if earlier == "earlier bundle":  # the new one is made apart, then synced
        (output / "pagefind/2024/fragment").mkdir(parents=True)
        (output / "pagefind/2024/fragment/old.pf_fragment").write_bytes(b"old")
    if memory == "usable":
        scratch = tmp_path / "memory"
        scratch.mkdir()
    else:  # a file where the folder should be: the bundle is made on disk
        scratch = tmp_path / "memory-file"
        scratch.write_text("", encoding="utf-8")
    monkeypatch.setattr(search_index, "memory_scratch", lambda _size: str(scratch))
    made_in, real_pagefind = [], search_index._pagefind

    def pagefind_noting_where(site: str, config: dict[str, str], bundle: str) -> str | None:
        made_in.append(Path(bundle).parent)
        return real_pagefind(site, config, bundle)

    monkeypatch.setattr(search_index, "_pagefind", pagefind_noting_where)
    bundle = output / "pagefind/2024"
    assert search_index.run_pagefind(str(output), ["2024/05/17/amur/index.html"],
                                     str(bundle)) is None
    assert (bundle / "pagefind-entry.json").is_file()
    assert list((bundle / "fragment").iterdir())
    assert not (bundle / "fragment/old.pf_fragment").exists()
    assert _page_count(bundle) == 1
    umask = os.umask(0)
    os.umask(umask)
    assert bundle.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's 0700
    if memory == "usable":
        assert made_in == [scratch]
        assert list(scratch.iterdir()) == []  # the scratch bundle is removed
    else:
        assert made_in == [output / "pagefind" if earlier == "no bundle" else tmp_path]
    # No scratch folder is left beside the output or the bundle either.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["2024"]


def test_digest_with_known_pages_reads_only_changed_ones(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>one</p>", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>bee</p>", encoding="utf-8")
    shard, known = Shard("all", ("a.html", "b.html")), {}
    first = shard_digest(str(tmp_path), shard, "1.5.2", known)
    assert first == shard_digest(str(tmp_path), shard, "1.5.2")  # same as without
    assert set(known) == {"a.html", "b.html"}
    (tmp_path / "a.html").write_text("<p>two, longer</p>", encoding="utf-8")
    changed = shard_digest(str(tmp_path), shard, "1.5.2", known)
    assert changed != first and changed == shard_digest(str(tmp_path), shard, "1.5.2")


def _page_count(bundle: Path) -> int:
    import json

    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _write_page(output: Path, page: str, words: str) -> None:
    (output / page).parent.mkdir(parents=True, exist_ok=True)
    (output / page).write_text(AMUR_PAGE.replace("Lorries crossed", words), encoding="utf-8")


@pytest.mark.parametrize(
    ("pages", "glob"),
    [
        (["2024/05/17/a/index.html"], "2024/05/17/a/index.html"),
        (["2024/05/17/a/index.html", "2025/01/01/b-c_d/index.html"],
         "{2024/05/17/a/index.html,2025/01/01/b-c_d/index.html}"),
        (["2024/05/17/a,b/index.html"], None),  # "," would split the alternatives
        (["2024/05/17/a{b}/index.html"], None),
        (["2024/05/17/a*/index.html"], None),
        (["2024/05/17/a b/index.html"], None),
        (["2024/05/17/путин/index.html"], None),
        ([], None),
    ],
)
def test_pages_glob_names_each_page_or_nothing(pages: list[str], glob: str | None) -> None:
    from theme_support.search_index import pages_glob

    assert pages_glob(pages) == glob


@pytest.mark.parametrize(
    ("pages", "others"),
    [
        (["2024/05/17/amur/index.html", "2024/06/01/ussuri/index.html"], []),
        # another shard's page and a static page in the same folder stay out
        (["2024/05/17/amur/index.html", "2024/06/01/ussuri/index.html"],
         ["2024/05/18/other-shard/index.html", "2024/05/stray.html"]),
        # a name a glob cannot hold: indexed through a scratch site
        (["2024/05/17/amur,ussuri/index.html"], ["2024/05/17/amur/index.html"]),
    ],
)
def test_a_new_bundle_holds_exactly_the_shards_pages(
    tmp_path: Path, pages: list[str], others: list[str]
) -> None:
    # Named in a glob or through a scratch site: the bundle indexes the
    # shard's pages and nothing else, and no scratch folder is left.
    from theme_support import search_index

    output = tmp_path / "output"
    for page in pages + others:
        _write_page(output, page, "Lorries crossed")
    bundle = output / "pagefind/2024"
    assert search_index.run_pagefind(str(output), pages, str(bundle)) is None
    assert _page_count(bundle) == len(pages)
    assert [p.name for p in (output / "pagefind").iterdir()] == ["2024"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
