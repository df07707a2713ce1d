"""Issue 10: incremental builds (content cache on) give exactly what a cold build gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, tree, write_wire

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import make_corpus, to_wire  # noqa: E402

STORIES = make_corpus(9, seed=5)


def stamps(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def write_story(content: Path, index: int) -> None:
    story = STORIES[index]
    write_wire(content / "wire", f"{story.date:%Y-%m-%d}-{story.slug}.txt", to_wire(story))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One site built cold, a story added, rebuilt in place; and the same content built cold."""
    base = tmp_path_factory.mktemp("incremental")
    content = base / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    for index in range(8):
        write_story(content, index)
    incremental = build(content, base / "incremental")
    before_add = stamps(incremental)
    cache_before_add = stamps(base / "incremental" / "cache")
    write_story(content, 8)
    build(content, base / "incremental")
    cache_after_add = stamps(base / "incremental" / "cache")
    after_add, after_add_stamps = tree(incremental), stamps(incremental)
    unchanged_before = after_add_stamps
    cache_before = stamps(base / "incremental" / "cache")
    build(content, base / "incremental")  # nothing changed since the last build
    return {
        "cache_before_add": cache_before_add,
        "cache_after_add": cache_after_add,
        "cache_before": cache_before,
        "cache_after": stamps(base / "incremental" / "cache"),
        "incremental": after_add,
        "cold": tree(build(content, base / "cold")),
        "before_add": before_add,
        "after_add_stamps": after_add_stamps,
        "unchanged_before": unchanged_before,
        "unchanged_after": stamps(incremental),
    }


def test_cache_was_used(tmp_path_factory: pytest.TempPathFactory, sites: dict) -> None:
    cache = tmp_path_factory.getbasetemp().glob("incremental*/incremental/cache/*Readers")
    assert any(p.stat().st_size > 100 for p in cache)


def test_incremental_build_is_byte_identical_to_cold_build(sites: dict) -> None:
    incremental, cold = sites["incremental"], sites["cold"]
    assert len(cold) > 20
    # Every file of the cold build is in the incremental build, byte for byte.
    assert {k for k in cold if incremental.get(k) != cold[k]} == set()


def test_incremental_build_leaves_no_stale_files(sites: dict) -> None:
    assert sorted(set(sites["incremental"]) - set(sites["cold"])) == []


def test_added_story_is_published(sites: dict) -> None:
    added = STORIES[8]
    assert any(added.slug.split("-0")[0][:30] in k for k in sites["incremental"])
    assert len(sites["incremental"]) > len(sites["before_add"])


def test_unchanged_pages_are_not_rewritten(sites: dict) -> None:
    # Every page Pelican's writer writes: articles, lists, editions, Subscribe, About.
    before, after = sites["unchanged_before"], sites["unchanged_after"]
    pages = [k for k in before if k.endswith(".html") and not k.startswith("pagefind/")]
    assert len(pages) > 20
    assert [k for k in pages if after.get(k) != before[k]] == []


def test_unchanged_build_rewrites_no_cache_file(sites: dict) -> None:
    # The reader cache alone is about 9 KB a story (93 MB at 10,000): an
    # editor's no-op rebuild must not write it out again.
    before, after = sites["cache_before"], sites["cache_after"]
    assert any(k.endswith("-Readers") for k in before)
    assert [k for k in before if after.get(k) != before[k]] == []
    assert sorted(after) == sorted(before)


def test_a_site_without_pages_rewrites_no_cache_file_either(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_story(content, 0)
    build(content, tmp_path / "site")
    before = stamps(tmp_path / "site" / "cache")
    build(content, tmp_path / "site")
    after = stamps(tmp_path / "site" / "cache")
    assert "PagesGenerator-Readers" in before
    assert [k for k in before if after.get(k) != before[k]] == []


def test_added_story_is_saved_in_the_reader_cache(sites: dict) -> None:
    # Otherwise every later build would parse it again.
    before, after = sites["cache_before_add"], sites["cache_after_add"]
    readers = "ArticlesGenerator-Readers"
    assert after[readers] != before[readers]


def test_added_story_reindexes_only_its_years_search_shard(sites: dict) -> None:
    # Story 8 is from 2022; the 2021 and 2023 search bundles must not be touched.
    assert STORIES[8].date.year == 2022
    before, after = sites["before_add"], sites["after_add_stamps"]
    shards = {k.split("/")[1] for k in after if k.startswith("pagefind/")}
    assert shards == {"2021", "2022", "2023"}
    untouched = [k for k in before if k.startswith(("pagefind/2021/", "pagefind/2023/"))]
    assert len(untouched) > 10
    assert [k for k in untouched if after.get(k) != before[k]] == []
    assert any(after.get(k) != before.get(k) for k in after if k.startswith("pagefind/2022/"))


def test_no_output_file_is_rewritten(sites: dict) -> None:
    before, after = sites["unchanged_before"], sites["unchanged_after"]
    assert [k for k in before if after.get(k) != before[k]] == []


@pytest.fixture(scope="module")
def retagged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A site built once (tags cached), then rebuilt after an editor adds a Tags: header."""
    base = tmp_path_factory.mktemp("retag")
    content = base / "content"
    for index in range(3):
        write_story(content, index)
    first = build(content, base / "site")
    had_cache = (base / "site" / "cache" / "auto_tagger.pickle").is_file()
    story = STORIES[0]
    name = f"{story.date:%Y-%m-%d}-{story.slug}.txt"
    write_wire(content / "wire", name, "Tags: Fisheries\n" + to_wire(story))
    return {"site": build(content, base / "site"), "first": first, "had_cache": had_cache}


def test_tags_are_cached_but_a_header_change_retags_the_story(retagged: dict) -> None:
    # Same headline and body (same wire_sha256): only the header line differs.
    assert retagged["had_cache"]
    assert (retagged["site"] / "tag" / "fisheries" / "index.html").is_file()
    page = next(retagged["site"].glob(f"*/*/*/{STORIES[0].slug[:20]}*/index.html"))
    assert "Fisheries" in page.read_text(encoding="utf-8")


def test_preview_into_another_folder_does_not_stale_the_main_search_index(
    tmp_path: Path,
) -> None:
    """make html; edit; make html OUTPUTDIR=preview (same cache); make html again."""
    content, cache = tmp_path / "content", str(tmp_path / "shared-cache")
    for index in range(3):
        write_story(content, index)
    main = build(content, tmp_path / "main", CACHE_PATH=cache)
    edited = content / "wire" / f"{STORIES[0].date:%Y-%m-%d}-{STORIES[0].slug}.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA zeppelin landed.\n",
                      encoding="utf-8")
    build(content, tmp_path / "preview", CACHE_PATH=cache)
    build(content, tmp_path / "main", CACHE_PATH=cache)
    cold = build(content, tmp_path / "cold")
    assert tree(main / "pagefind") == tree(cold / "pagefind")
