"""Issue 10: an article page whose view is unchanged is not rendered again,
and every page that shows a changed value is (speedups/page_memo)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
from datetime import datetime
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build, tree, write_wire
from jinja2 import meta

sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))
from make_corpus import make_corpus, to_wire  # noqa: E402
from speedups.page_memo import UnstableValue, render_key  # noqa: E402
from theme_support.page_views import (  # noqa: E402
    ARTICLE_FIELDS,
    CARD_FIELDS,
    LINKED_FIELDS,
    NAMED_FIELDS,
    TERM_FIELDS,
)

STORIES = make_corpus(6, seed=11)
TEMPLATES = ROOT / "theme" / "templates"
# article.html and everything it pulls in.
ARTICLE_TEMPLATES = ["article.html", "base.html", "partials/_feed_links.html",
                     "partials/_also_reported.html"]


def story_file(content: Path, index: int, headline: str | None = None) -> Path:
    story = STORIES[index]
    # The slug is pinned: a new headline must not move the page.
    text = f"Slug: {story.slug}\n" + to_wire(story)
    if headline is not None:
        text = text.replace(story.headline.upper(), headline.upper(), 1)
    return write_wire(content / "wire", f"{story.date:%Y-%m-%d}-{story.slug}.txt", text)


def memo_counts(caplog: pytest.LogCaptureFixture, kind: str = "article") -> tuple[int, int]:
    found = [re.search(rf"(\d+) {kind} pages unchanged, (\d+) rendered", r.getMessage())
             for r in caplog.records]
    assert any(found)
    kept, todo = [m for m in found if m][-1].groups()
    return int(kept), int(todo)


@pytest.fixture(autouse=True)
def every_message_logged() -> None:
    # Pelican logs an INFO message once per process; each build here must say its own.
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()


def article_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.glob("20*/**/index.html"))


# --- the view names everything the templates read ---------------------------------


def template_source(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def test_article_view_names_every_field_the_article_templates_read() -> None:
    source = "\n".join(template_source(n) for n in ARTICLE_TEMPLATES)
    read = set(re.findall(r"\barticle\.(\w+)", source))
    assert {"title", "content", "related_stories"} <= read  # the pattern finds real reads
    assert read - set(ARTICLE_FIELDS) == set()


def test_linked_and_named_views_cover_what_the_templates_show_of_them() -> None:
    source = "\n".join(template_source(n) for n in ARTICLE_TEMPLATES)
    linked = set(re.findall(r"\b(?:story|other|older_story|newer_story)\.(\w+)", source))
    assert linked - set(LINKED_FIELDS) == set()
    named = set(re.findall(r"\b(?:author|category)\.(\w+)", source))
    assert named and named - set(NAMED_FIELDS) == set()


def test_article_templates_read_no_context_the_view_leaves_out() -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))
    env.filters.update(script_json=str, story_card=str, link_addresses=str)  # by name
    names: set[str] = set()
    for name in ARTICLE_TEMPLATES:
        names |= meta.find_undeclared_variables(env.parse(template_source(name)))
    # Upper-case names are settings (the memo is stamped with them); "pages"
    # is in the view; tag/source_* are never set on an article page;
    # own_feeds is _feed_links' own variable, set in every branch; output_file
    # (base.html's default canonical) is the article's save_as, in the view.
    other = {n for n in names if not n.isupper()} - {"own_feeds"}
    assert other == {"article", "category", "pages", "tag", "source_slug", "source_name",
                     "output_file"}
    assert "save_as" in ARTICLE_FIELDS


LIST_TEMPLATES = ["tag.html", "category.html", "author.html", "partials/_list.html",
                  "partials/_pagination.html", "base.html", "partials/_feed_links.html"]


def test_term_view_names_what_list_pages_show() -> None:
    card = set(re.findall(r"\barticle\.(\w+)", template_source("partials/_story_card.html")))
    assert {"title", "summary"} <= card and card - set(CARD_FIELDS) == set()
    source = "\n".join(template_source(n) for n in LIST_TEMPLATES)
    term = set(re.findall(r"\b(?:tag|category|author)\.(\w+)", source))
    assert term and term - set(TERM_FIELDS) == set()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))
    env.filters.update(script_json=str, story_card=str, link_addresses=str)
    names: set[str] = set()
    for name in LIST_TEMPLATES:
        names |= meta.find_undeclared_variables(env.parse(template_source(name)))
    # Pagination (articles_*) and each page's file (output_file) follow from
    # the term, its story count and the settings; the cards come from
    # story_card; list_* are set by the templates.
    assert {n for n in names if not n.isupper()} - {"own_feeds", "list_title", "list_kind"} == {
        "tag", "category", "author", "tag_kinds", "pages", "article", "articles_page",
        "output_file",
        "articles_paginator", "articles_previous_page", "articles_next_page",
        "source_slug", "source_name",
    }


EDITION_TEMPLATES = ["edition.html", "base.html", "partials/_editions_feed_links.html",
                     "partials/_feed_links.html"]


def test_edition_templates_read_only_the_edition_and_the_menu() -> None:
    # The edition view is the menu and the whole Edition (a frozen dataclass):
    # any edition.* it reads is covered; any other context value would not be.
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)))
    env.filters.update(script_json=str, story_card=str, link_addresses=str)
    names: set[str] = set()
    for name in EDITION_TEMPLATES:
        names |= meta.find_undeclared_variables(env.parse(template_source(name)))
    # article/category/tag/source_* are _feed_links' page kinds, never set on an
    # edition; output_file is the edition's save_as, which follows from its key.
    assert {n for n in names if not n.isupper()} - {"own_feeds"} == {
        "edition", "pages", "article", "category", "tag", "source_slug", "source_name",
        "output_file"}


# --- the render key ---------------------------------------------------------------------


def test_render_key_tells_apart_values_that_print_alike() -> None:
    keys = {
        render_key(value)
        for value in (("ab", "c"), ("a", "bc"), (1,), ("1",), (True,), (None,), ([],),
                      ({"a": 1},), (datetime(2024, 1, 2),), ("2024-01-02T00:00:00",))
    }
    assert len(keys) == 10
    assert render_key(("x", [1, 2])) == render_key(("x", [1, 2]))


def test_a_value_without_stable_text_is_refused() -> None:
    with pytest.raises(UnstableValue):
        render_key((object(),))


# --- real builds -------------------------------------------------------------------------


@pytest.fixture(params=["one process", "two processes"])
def site(request: pytest.FixtureRequest, tmp_path: Path,
         monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    if request.param == "two processes":
        # The fork only pays from 64 pages on; a small site must take that path too.
        import speedups.two_processes

        monkeypatch.setattr(speedups.two_processes, "MIN_ITEMS", 2)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    for index in range(len(STORIES)):
        story_file(content, index)
    return {"content": content, "base": tmp_path, "output": build(content, tmp_path / "site")}


def test_a_rebuild_renders_no_unchanged_article_page(
    site: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    before = tree(site["output"], skip="pagefind")
    with caplog.at_level(logging.INFO, logger="speedups"):
        build(site["content"], site["base"] / "site")
    assert memo_counts(caplog) == (len(STORIES), 0)
    tags, rendered = memo_counts(caplog, "tag")
    assert tags > 10 and rendered == 0
    assert memo_counts(caplog, "category")[1] == memo_counts(caplog, "author")[1] == 0
    editions, rendered = memo_counts(caplog, "edition")
    assert editions >= 2 and rendered == 0
    assert tree(site["output"], skip="pagefind") == before


def test_a_changed_headline_reaches_every_page_that_shows_it(
    site: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    story_file(site["content"], 2, headline="Ferry strike ends in Dalian")
    with caplog.at_level(logging.INFO, logger="speedups"):
        incremental = build(site["content"], site["base"] / "site")
    kept, todo = memo_counts(caplog)
    assert 0 < kept and 0 < todo < len(STORIES)
    showing = [p for p in article_pages(incremental)
               if "Ferry Strike Ends in Dalian" in p.read_text(encoding="utf-8")]
    # Its own page, and its neighbours' previous/next links at least.
    assert len(showing) >= 3
    tags_kept, tags_rendered = memo_counts(caplog, "tag")
    assert tags_kept > 0 and tags_rendered > 0
    tag_pages = [p for p in incremental.glob("tag/*/index.html")
                 if "Ferry Strike Ends in Dalian" in p.read_text(encoding="utf-8")]
    assert len(tag_pages) == tags_rendered
    editions = [p for p in incremental.glob("digest/*/index.html")
                if "Ferry Strike Ends in Dalian" in p.read_text(encoding="utf-8")]
    assert len(editions) == 2  # its day and its week
    assert memo_counts(caplog, "edition")[1] == len(editions)
    cold = build(site["content"], site["base"] / "cold")
    assert tree(incremental, skip="pagefind") == tree(cold, skip="pagefind")


def test_a_page_edited_or_deleted_by_hand_is_rendered_again(site: dict[str, Path]) -> None:
    pages = article_pages(site["output"])
    edited, deleted = pages[0], pages[1]
    original = edited.read_bytes(), deleted.read_bytes()
    edited.write_text(edited.read_text(encoding="utf-8").replace("<h1>", "<h1>HACKED "),
                      encoding="utf-8")
    deleted.unlink()
    build(site["content"], site["base"] / "site")
    assert (edited.read_bytes(), deleted.read_bytes()) == original
    assert "HACKED" not in BeautifulSoup(edited.read_bytes(), "html.parser").h1.get_text()


def test_a_setting_change_renders_every_page_again(
    site: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="speedups"):
        output = build(site["content"], site["base"] / "site", SITENAME="The Steppe Wire")
    assert memo_counts(caplog) == (0, len(STORIES))
    title = BeautifulSoup(article_pages(output)[0].read_bytes(), "html.parser").title
    assert title.get_text().endswith("The Steppe Wire")


def test_a_site_restored_with_new_mtimes_is_not_rendered_again(
    site: dict[str, Path], caplog: pytest.LogCaptureFixture
) -> None:
    # As when CI restores output/ from an archive: same bytes, new times.
    pages = article_pages(site["output"])
    for path in site["output"].rglob("*"):
        if path.is_file():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    same_size = pages[0].read_bytes().replace(b"<h1>", b"<h2>", 1)  # one edit, same length
    pages[0].write_bytes(same_size)
    os.utime(pages[0], ns=(1_000_000_000, 1_000_000_000))
    with caplog.at_level(logging.INFO, logger="speedups"):
        output = build(site["content"], site["base"] / "site")
    assert memo_counts(caplog) == (len(STORIES) - 1, 1)
    cold = build(site["content"], site["base"] / "cold")
    assert tree(output, skip="pagefind") == tree(cold, skip="pagefind")

