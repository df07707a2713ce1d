"""A rebuild in place leaves exactly the files a fresh build makes (speedups/stale_output)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, tree, write_wire

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))
from make_corpus import make_corpus, to_wire  # noqa: E402
from speedups.stale_output import no_longer_made, remove_files, stale_files  # noqa: E402
from speedups.write_if_changed import write_bytes_if_changed  # noqa: E402

STORIES = make_corpus(6, seed=23)


def story_path(content: Path, index: int) -> Path:
    story = STORIES[index]
    return content / "wire" / f"{story.date:%Y-%m-%d}-{story.slug}.txt"


# --- the pure part --------------------------------------------------------------------


def make_files(root: Path, names: list[str]) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "produced", "keep", "stale"),
    [
        (["a.html", "b/index.html"], ["a.html", "b/index.html"], [], []),
        (["a.html", "old/index.html"], ["a.html"], [], ["old/index.html"]),
        (["a.html", "pagefind/x.pf", "pagefind/y/z"], ["a.html"], ["pagefind"], []),
        ([".git/HEAD", "a.html", "b.html"], ["a.html"], [".git"], ["b.html"]),
        (["tag/x/2/index.html", "tag/x/index.html"], ["tag/x/index.html"], [],
         ["tag/x/2/index.html"]),
        (["robots.txt"], [], ["robots.txt"], []),
    ],
)
def test_stale_files_are_those_not_produced_nor_kept(
    tmp_path: Path, files: list, produced: list, keep: list, stale: list
) -> None:
    make_files(tmp_path, files)
    found = stale_files(str(tmp_path), [str(tmp_path / p) for p in produced], keep)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == stale


def test_removing_files_prunes_the_folders_they_leave_empty(tmp_path: Path) -> None:
    make_files(tmp_path, ["2024/05/old-slug/index.html", "2024/05/kept/index.html"])
    remove_files(str(tmp_path), [str(tmp_path / "2024/05/old-slug/index.html")])
    assert not (tmp_path / "2024/05/old-slug").exists()
    assert (tmp_path / "2024/05/kept/index.html").is_file()


def test_a_changed_file_is_replaced_not_rewritten(tmp_path: Path) -> None:
    # make publish builds into hard links of the live site: it must stay as it was.
    live, staged = tmp_path / "live.html", tmp_path / "staged.html"
    live.write_bytes(b"old")
    os.link(live, staged)
    assert write_bytes_if_changed(str(staged), b"new")
    assert (live.read_bytes(), staged.read_bytes()) == (b"old", b"new")
    assert oct(staged.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())
    unchanged_inode = staged.stat().st_ino
    assert not write_bytes_if_changed(str(staged), b"new")
    assert staged.stat().st_ino == unchanged_inode


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- real builds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A site built, then rebuilt in place after a retitle and a removal; and built fresh."""
    base = tmp_path_factory.mktemp("stale")
    content = base / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    for index, story in enumerate(STORIES):
        write_wire(content / "wire", story_path(content, index).name, to_wire(story))
    first = tree(build(content, base / "site"))
    retitled = story_path(content, 1)
    retitled.write_text(
        to_wire(STORIES[1]).replace(STORIES[1].headline.upper(), "TUNDRA RAIL LINK OPENS", 1),
        encoding="utf-8",
    )
    story_path(content, 3).unlink()
    site = build(content, base / "site")
    again = tree(site)
    fresh = tree(build(content, base / "fresh"))
    return {"first": first, "again": again, "fresh": fresh, "site": site}


def test_a_rebuild_in_place_has_exactly_the_files_of_a_fresh_build(rebuilt: dict) -> None:
    assert set(rebuilt["again"]) == set(rebuilt["fresh"])
    assert rebuilt["again"] == rebuilt["fresh"]


def test_the_old_pages_of_retitled_and_removed_stories_are_gone(rebuilt: dict) -> None:
    gone = set(rebuilt["first"]) - set(rebuilt["again"])
    slugs = {STORIES[1].slug[:20], STORIES[3].slug[:20]}
    assert {s for s in slugs if any(s in path for path in gone)} == slugs
    assert any("tundra-rail-link-opens" in path for path in rebuilt["again"])


def test_the_sitemap_lists_no_removed_page(rebuilt: dict) -> None:
    sitemap = (rebuilt["site"] / "sitemap.xml").read_text(encoding="utf-8")
    assert STORIES[3].slug[:20] not in sitemap and STORIES[1].slug[:20] not in sitemap
    assert "tundra-rail-link-opens" in sitemap


def test_an_older_site_put_back_gets_the_search_index_of_the_new_pages(tmp_path: Path) -> None:
    """As after `make html` into the folder `make publish` starts from, or an old
    output restored: the pages are rebuilt, and so must their search bundles be."""
    content = tmp_path / "content"
    for index in range(3):
        write_wire(content / "wire", story_path(content, index).name, to_wire(STORIES[index]))
    site = build(content, tmp_path / "site")
    older = tmp_path / "older"
    shutil.copytree(site, older)
    edited = story_path(content, 0)
    edited.write_text(to_wire(STORIES[0]) + "\nA zeppelin landed in Khabarovsk.\n",
                      encoding="utf-8")
    build(content, tmp_path / "site")
    shutil.rmtree(site)
    shutil.copytree(older, site)  # the pages and bundles from before the edit
    build(content, tmp_path / "site")
    cold = build(content, tmp_path / "cold")
    assert tree(site / "pagefind") == tree(cold / "pagefind")
    assert tree(site) == tree(cold)


def test_a_file_no_build_made_is_left_alone(tmp_path: Path) -> None:
    """make html OUTPUTDIR=a folder that also holds other things: only our files go."""
    content = tmp_path / "content"
    for index in range(2):
        write_wire(content / "wire", story_path(content, index).name, to_wire(STORIES[index]))
    site = build(content, tmp_path / "site")
    (site / "notes.txt").write_text("the editor's own file", encoding="utf-8")
    (site / "drafts-by-hand").mkdir()
    (site / "drafts-by-hand" / "page.html").write_text("<p>mine</p>", encoding="utf-8")
    old_page = next(site.glob(f"*/*/*/{STORIES[1].slug[:20]}*/index.html"))
    story_path(content, 1).unlink()
    build(content, tmp_path / "site")
    assert not old_page.exists()  # ours, no longer made: removed
    assert (site / "notes.txt").read_text(encoding="utf-8") == "the editor's own file"
    assert (site / "drafts-by-hand" / "page.html").is_file()
    # "all" (publishconf.py) empties the folder of everything the build did not make.
    build(content, tmp_path / "site", DIGEST_REMOVE_STALE_OUTPUT="all")
    assert not (site / "notes.txt").exists() and not (site / "drafts-by-hand").exists()


@pytest.mark.parametrize(
    ("made", "produced", "keep", "stale"),
    [
        ({"a.html", "old/index.html"}, {"a.html"}, [], ["old/index.html"]),
        ({"a.html", "gone.html"}, {"a.html"}, [], []),  # already removed by hand
        ({"pagefind/x.pf", ".git/HEAD"}, set(), ["pagefind"], []),
        ({"tag/x/2/index.html"}, set(), ["tag/y"], ["tag/x/2/index.html"]),
    ],
)
def test_files_no_longer_made_come_from_the_last_builds_list(
    tmp_path: Path, made: set, produced: set, keep: list, stale: list
) -> None:
    make_files(tmp_path, sorted(made - {"gone.html"}))
    found = no_longer_made(str(tmp_path), made, produced, keep)
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found] == stale
