"""Review of the stale-output cleanup: a build removes only files of its own site.

Each case is a real build whose output folder holds something the build did
not make but must never lose (speedups/stale_output).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build
from speedups.stale_output import folder_holding

CUSTOM_404 = "Title: Not found\nSave_as: 404.html\n\nThat page is not here.\n"


@pytest.fixture(scope="module")
def site_with_extras(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled content plus a user's own 404 page, built into a git checkout.

    Pelican writes the page (save_as overrides) and then skips the theme's
    404.html, "writing" it to os.devnull; a stand-in file takes its place so
    that a write there is seen without touching the machine's /dev/null.
    """
    base = tmp_path_factory.mktemp("extras")
    content = base / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "pages" / "not-found.md").write_text(CUSTOM_404, encoding="utf-8")
    git_file = base / "site" / "output" / ".git" / "refs" / "heads" / "gh-pages"
    git_file.parent.mkdir(parents=True)
    git_file.write_text("0123abcd\n", encoding="utf-8")
    null = base / "null"
    null.write_bytes(b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "devnull", str(null))
        inode = null.stat().st_ino
        for _ in range(2):  # the second build is the incremental one
            out = build(content, base / "site")
    return {"out": out, "null": null, "inode": inode, "git_file": git_file}


def test_a_page_pelican_skips_is_written_nowhere(site_with_extras: dict) -> None:
    null = site_with_extras["null"]
    assert null.read_bytes() == b""
    assert null.stat().st_ino == site_with_extras["inode"]  # not replaced by a regular file
    assert list(null.parent.glob("null*")) == [null]
    assert "That page is not here" in (site_with_extras["out"] / "404.html").read_text()


def test_an_output_folder_that_is_a_git_checkout_keeps_its_git_folder(
    site_with_extras: dict,
) -> None:
    assert site_with_extras["git_file"].read_text(encoding="utf-8") == "0123abcd\n"


def test_an_output_folder_holding_the_content_keeps_the_content(tmp_path: Path) -> None:
    # `make html OUTPUTDIR=.` or `pelican content -o .`: Pelican never empties
    # such a folder (DELETE_OUTPUT_DIRECTORY checks it); the cleanup must not either.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    notes = project / "NOTES.md"
    notes.write_text("my notes\n", encoding="utf-8")
    before = sorted(p.relative_to(project) for p in (project / "content").rglob("*"))
    build(project / "content", tmp_path, OUTPUT_PATH=str(project),
          CACHE_PATH=str(tmp_path / "cache"))
    assert sorted(p.relative_to(project) for p in (project / "content").rglob("*")) == before
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert (project / "index.html").is_file()


@pytest.mark.parametrize(
    ("output", "paths", "holder"),
    [
        ("site/output", ["site/content", "site/cache"], None),
        ("site", ["site/content", "site/cache"], "site/content"),
        ("site/output", ["site/output/.cache"], "site/output/.cache"),
        ("site/output", ["site/output"], "site/output"),
        ("site/out", ["site/output"], None),  # a shared prefix is not a parent
    ],
)
def test_an_output_folder_holding_a_source_folder_is_found(
    tmp_path: Path, output: str, paths: list, holder: str | None
) -> None:
    found = folder_holding(str(tmp_path / output), [str(tmp_path / p) for p in paths])
    assert found == (holder and str(tmp_path / holder))


# A 1x1 PNG.
PHOTO = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f00f0003860180" "5a347d6b0000000049454e44ae426082"
)


def test_an_attached_image_is_where_its_page_links_it_with_forked_writers(
    tmp_path: Path,
) -> None:
    # {attach} moves the image next to the article when the article's content is
    # first read; with 64+ pages half of them are rendered in a forked child.
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "posts").mkdir()
    # Two neighbours, so that one of them is rendered by the child whatever the split.
    for day in (1, 2):
        (content / "images" / f"photo-{day}.png").write_bytes(PHOTO)
        (content / "posts" / f"photo-{day}.md").write_text(
            f"Title: Harbour photo {day}\nDate: 2024-01-0{day}\nSlug: harbour-{day}\n"
            f"Summary: A photo.\n\n![Harbour]({{attach}}/images/photo-{day}.png)\n",
            encoding="utf-8")
    for number in range(70):
        (content / "posts" / f"note-{number}.md").write_text(
            f"Title: Note {number}\nDate: 2024-02-01 10:{number % 60:02d}\nSlug: note-{number}\n"
            f"Summary: Note.\n\nNote {number}.\n", encoding="utf-8")
    out = build(content, tmp_path, DIGEST_FEED_MAX_ITEMS=1, DIGEST_PARALLEL=True)
    for day in (1, 2):
        folder = f"2024/01/0{day}/harbour-{day}"
        page = (out / folder / "index.html").read_text(encoding="utf-8")
        assert f'src="/{folder}/photo-{day}.png"' in page
        assert (out / folder / f"photo-{day}.png").read_bytes() == PHOTO
        assert not (out / "images" / f"photo-{day}.png").exists()
