"""Review of the page memo (speedups/page_memo): ways a skipped page could be
stale, each shown with a real build. A page the memo keeps must be the page a
cold build would write."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, build, write_wire
from pelican import Pelican
from pelican.settings import read_settings

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))
from make_corpus import make_corpus, to_wire  # noqa: E402
from speedups import page_memo  # noqa: E402

STORIES = make_corpus(3, seed=23)
TEMPLATES = ROOT / "theme" / "templates"


@pytest.fixture(autouse=True)
def every_message_logged() -> None:
    # Pelican logs an INFO message once per process; each build here must say its own.
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    for story in STORIES:
        write_wire(folder / "wire", f"{story.date:%Y-%m-%d}-{story.slug}.txt",
                   f"Slug: {story.slug}\n" + to_wire(story))
    return folder


def article_pages(output: Path) -> list[Path]:
    pages = sorted(output.glob("20*/**/index.html"))
    assert len(pages) == len(STORIES)
    return pages


def memo_counts(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    found = [re.search(r"(\d+) article pages unchanged, (\d+) rendered", r.getMessage())
             for r in caplog.records]
    kept, todo = [m for m in found if m][-1].groups()
    caplog.clear()
    return int(kept), int(todo)


def with_marker(template: str, marker: str) -> str:
    """article.html whose headline carries ``marker``: a template edit a reader sees."""
    return template.replace("<h1>", f'<h1 data-review="{marker}">', 1)


def test_an_edited_override_template_reaches_every_article_page(
    content: Path, tmp_path: Path
) -> None:
    # THEME_TEMPLATES_OVERRIDES folders come before the theme's templates; the
    # theme's view does not describe them, nor does the code hash cover them.
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    article = (TEMPLATES / "article.html").read_text(encoding="utf-8")
    setting = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    (overrides / "article.html").write_text(with_marker(article, "first"), encoding="utf-8")
    build(content, tmp_path / "site", **setting)
    (overrides / "article.html").write_text(with_marker(article, "second"), encoding="utf-8")
    output = build(content, tmp_path / "site", **setting)
    for page in article_pages(output):
        assert 'data-review="second"' in page.read_text(encoding="utf-8"), page


def one_instance(content: Path, out: Path, theme: Path) -> Pelican:
    """A Pelican instance as ``pelican -r`` keeps it: one, run again on every change."""
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(out / "output"),
        "CACHE_PATH": str(out / "cache"),
        "WIRE_REPORT_PATH": str(out / "build-report.json"),
        "THEME": str(theme),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
    })
    return Pelican(settings)


def test_pelican_r_renders_every_page_again_after_a_template_edit(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A copy of the theme, described by the same views (as a theme would
    # register them), so a test may edit its templates.
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(with_marker(article.read_text(encoding="utf-8"), "first"),
                       encoding="utf-8")
    pelican = one_instance(content, tmp_path / "site", theme)  # registers the views
    views: dict[str, Any] = page_memo.VIEWS
    for template, (_folder, factory) in list(views.items()):
        monkeypatch.setitem(views, template, (os.path.realpath(theme), factory))
    with caplog.at_level(logging.INFO, logger="speedups"):
        pelican.run()
        pelican.run()
        # The memo is in use: an unchanged second run renders nothing.
        assert memo_counts(caplog) == (len(STORIES), 0)
        article.write_text(article.read_text(encoding="utf-8").replace("first", "second"),
                           encoding="utf-8")
        pelican.run()
    for page in article_pages(tmp_path / "site" / "output"):
        assert 'data-review="second"' in page.read_text(encoding="utf-8"), page


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("pagefind/")}


@pytest.mark.parametrize("change", ["a story goes", "a story comes back"])
def test_term_page_sets_that_shrink_grow_or_go_match_a_cold_build(
    content: Path, tmp_path: Path, change: str
) -> None:
    # One story per page: every term's set changes length with its story count.
    paged = {"DEFAULT_PAGINATION": 1}
    story = sorted((content / "wire").iterdir())[1]
    text = story.read_text(encoding="utf-8")
    build(content, tmp_path / "site", **paged)
    story.unlink()
    if change == "a story comes back":
        build(content, tmp_path / "site", **paged)
        story.write_text(text, encoding="utf-8")
    incremental = build(content, tmp_path / "site", **paged)
    cold = build(content, tmp_path / "cold", **paged)
    # Some tag has a second page (tag/<slug>/index2.html) to gain or lose.
    assert any(re.fullmatch(r"tag/[^/]+/index2\.html", name) for name in tree(cold)) or (
        change == "a story goes")
    assert tree(incremental) == tree(cold)


def test_the_code_hash_names_pelicans_version() -> None:
    # Pelican paginates list pages and sets up the template context: an
    # upgrade can change a page whose view did not, so the memo's stamp
    # (DIGEST_CODE_HASH) must change with it.
    from importlib.metadata import version

    from speedups.cache_guard import CACHED_LIBRARIES, library_versions

    assert f"pelican=={version('pelican')}" in library_versions(CACHED_LIBRARIES).splitlines()
