"""Issue 7: `make publish` and `make github` give a site that works under a sub-path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

SITE = "https://example.github.io/digest"
VENV = ROOT / ".venv"
# Not copied into the stand-in repository: big, generated or machine-local.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "output",
    "node_modules",
    "reports",
    "cache",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    "test-artifacts",
    "bench-out",
)


def make(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", f"VENV={VENV}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "output"
    result = make("publish", f"SITEURL={SITE}", f"OUTPUTDIR={out}")
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def link_problem(site: Path, page: Path, url: str) -> str | None:
    """Why ``url`` found on ``page`` is broken, or None when it is fine or external."""
    url = url.strip()
    if not url or url.startswith(("#", "mailto:", "tel:", "data:")):
        return None
    if url.startswith("/") and not url.startswith("//"):
        return "root-absolute: breaks under a sub-path"
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if not (url == SITE or url.startswith(SITE + "/")):
            return None  # another site's URL: not ours to resolve
        target = site / unquote(urlsplit(url[len(SITE) :]).path).lstrip("/")
    elif parts.scheme:
        return None
    else:
        target = (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return None if target.is_file() else "no such file in the output"


def problems_in(site: Path, page: Path, urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        why = link_problem(site, page, url)
        if why:
            found.append(f"{page.relative_to(site)}: {url} ({why})")
    return found


def html_urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [el[attr] for attr in ("href", "src") for el in soup.find_all(attrs={attr: True})]


def xml_urls(xml: str) -> list[str]:
    soup = BeautifulSoup(xml, "xml")
    urls = [el["href"] for el in soup.find_all(attrs={"href": True})]  # Atom links, atom:link
    urls += [el["domain"] for el in soup.find_all("category", attrs={"domain": True})]
    urls += [el["scheme"] for el in soup.find_all("category", attrs={"scheme": True})]
    urls += [
        el.get_text(strip=True) for el in soup.find_all(["link", "loc"]) if el.get_text(strip=True)
    ]
    for content in soup.find_all(["encoded", "content"]):  # content:encoded, Atom content
        urls += html_urls(content.get_text())
    return urls


# ----------------------------------------------------------------- make publish


def test_publish_writes_nojekyll_and_the_feeds(published: Path) -> None:
    assert (published / ".nojekyll").is_file()
    assert (published / "index.html").is_file()
    assert (published / "feeds/all.rss.xml").is_file()


def test_every_link_in_every_page_resolves_under_the_sub_path(published: Path) -> None:
    pages = sorted(published.rglob("*.html"))
    assert len(pages) >= 10
    checked, problems = 0, []
    for page in pages:
        urls = html_urls(page.read_text(encoding="utf-8"))
        checked += len(urls)
        problems += problems_in(published, page, urls)
    assert checked > 100
    assert problems == []


def test_every_link_in_every_feed_resolves_under_the_sub_path(published: Path) -> None:
    feeds = sorted((published / "feeds").rglob("*.xml"))
    assert feeds
    problems = []
    for feed in feeds:
        urls = xml_urls(feed.read_text(encoding="utf-8"))
        assert any(u.startswith(SITE + "/") for u in urls), feed.name
        problems += problems_in(published, feed, urls)
    json_feed = json.loads((published / "feeds/all.json").read_text(encoding="utf-8"))
    urls = [json_feed["home_page_url"], json_feed["feed_url"]] + [
        i["url"] for i in json_feed["items"]
    ]
    for item in json_feed["items"]:
        urls += html_urls(item["content_html"])
    problems += problems_in(published, published / "feeds/all.json", urls)
    assert problems == []


def test_every_sitemap_location_resolves_under_the_sub_path(published: Path) -> None:
    sitemap = published / "sitemap.xml"
    if not sitemap.is_file():
        pytest.skip("no sitemap.xml yet (the theme writes it)")
    urls = xml_urls(sitemap.read_text(encoding="utf-8"))
    assert urls and all(u.startswith(SITE + "/") for u in urls)
    assert problems_in(published, sitemap, urls) == []


def test_search_index_paths_stay_under_the_sub_path(published: Path) -> None:
    indexes = [p for p in published.rglob("*.json") if "feeds" not in p.parts]
    if not indexes:
        pytest.skip("no search index yet")
    for index in indexes:
        text = index.read_text(encoding="utf-8", errors="replace")
        assert '"/theme/' not in text and '"/20' not in text, index.name


# ----------------------------------------------------------------- failed builds


def test_a_failed_publish_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "site" / "output"
    assert (
        make("publish", f"SITEURL={SITE}", f"INPUTDIR={content}", f"OUTPUTDIR={out}").returncode
        == 0
    )
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    # A wire file without a date is rejected; STRICT=1 turns that into a failed build.
    (content / "wire" / "undated-story.txt").write_text(
        "A STORY WITH NO DATE\n\nBy Nobody\nSomething happened somewhere.\n", encoding="utf-8"
    )
    strict = make(
        "publish", "STRICT=1", f"SITEURL={SITE}", f"INPUTDIR={content}", f"OUTPUTDIR={out}"
    )
    missing = make(
        "publish", f"SITEURL={SITE}", f"INPUTDIR={tmp_path / 'no-such-dir'}", f"OUTPUTDIR={out}"
    )

    assert strict.returncode != 0 and "left as it was" in strict.stderr
    assert missing.returncode != 0
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]  # no staging left behind


def site_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_a_second_publish_reuses_the_first_and_matches_a_fresh_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    story = content / "wire" / "2024-05-18-grain.txt"
    story.write_text("KAZAKH GRAIN EXPORTS TO CHINA RISE\n\nASTANA, May 18 (Reuters) - "
                     "Kazakhstan sold more wheat to China this year, officials said.\n",
                     encoding="utf-8")
    out = tmp_path / "site" / "output"
    args = [f"SITEURL={SITE}", f"INPUTDIR={content}", f"OUTPUTDIR={out}"]
    assert make("publish", *args).returncode == 0
    page = out / "about" / "index.html"
    first_inode = page.stat().st_ino

    # Nothing changed: the unchanged page is the same file (hard-linked, not rewritten).
    assert make("publish", *args).returncode == 0
    assert page.stat().st_ino == first_inode

    # A retitled story moves; its old page must not stay on the published site.
    old = next(out.glob("2024/05/18/kazakh-grain*/index.html")).relative_to(out).as_posix()
    story.write_text(story.read_text(encoding="utf-8").replace(
        "KAZAKH GRAIN EXPORTS TO CHINA RISE", "KAZAKH WHEAT SALES TO CHINA CLIMB"),
        encoding="utf-8")
    assert make("publish", *args).returncode == 0
    fresh = tmp_path / "fresh" / "output"
    assert make("publish", f"SITEURL={SITE}", f"INPUTDIR={content}",
                f"OUTPUTDIR={fresh}").returncode == 0
    published, expected = site_files(out), site_files(fresh)
    assert old not in published and any("kazakh-wheat-sales" in p for p in published)
    assert published == expected
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]  # no staging left


def test_a_story_published_then_deleted_leaves_the_next_html_build(tmp_path: Path) -> None:
    # make publish swaps in a folder it built elsewhere; the next make html
    # must still know the pages it made, or a deleted story stays online.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    out = tmp_path / "site" / "output"
    args = [f"SITEURL={SITE}", f"INPUTDIR={content}", f"OUTPUTDIR={out}"]
    assert make("html", *args).returncode == 0
    story = content / "wire" / "2024-05-18-grain.txt"
    story.write_text("KAZAKH GRAIN EXPORTS TO CHINA RISE\n\nASTANA, May 18 (Reuters) - "
                     "Kazakhstan sold more wheat to China this year, officials said.\n",
                     encoding="utf-8")
    assert make("publish", *args).returncode == 0  # the story is only ever published here
    page = next(out.glob("2024/05/18/kazakh-grain*/index.html"))
    story.unlink()
    assert make("html", *args).returncode == 0
    assert not page.exists()
    assert "kazakh-grain" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_strict_and_siteurl_together_keep_the_site_url(tmp_path: Path) -> None:
    # Pelican keeps only the last -e option; both overrides must survive.
    out = tmp_path / "output"
    result = make("publish", "STRICT=1", f"SITEURL={SITE}", f"OUTPUTDIR={out}")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f'href="{SITE}/' in (out / "index.html").read_text(encoding="utf-8")


def test_an_empty_siteurl_builds_with_the_default_not_with_none(tmp_path: Path) -> None:
    # The Pages workflow passes SITEURL="" on pull requests (no Pages URL).
    out = tmp_path / "output"
    result = make("publish", "SITEURL=", f"OUTPUTDIR={out}", env={"SITEURL": ""})
    assert result.returncode == 0, result.stderr[-2000:]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.github.io/digest/</loc>" in sitemap
    assert "Sitemap: https://example.github.io/digest/sitemap.xml" in (
        out / "robots.txt").read_text(encoding="utf-8")


# ----------------------------------------------------------------- make github


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def stand_in_repo(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the working tree as its own git repo, with a bare repo as "origin"."""
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    shutil.copytree(ROOT, work, ignore=NOT_COPIED, symlinks=True)
    git("init", "-q", "-b", "main", cwd=work)
    git("remote", "add", "origin", str(remote), cwd=work)
    return work, remote


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Digest Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Digest Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def test_make_github_pushes_one_commit_with_the_site_and_nojekyll(
    stand_in_repo: tuple[Path, Path],
) -> None:
    work, remote = stand_in_repo
    env = {**GIT_IDENTITY, "GITHUB_PAGES_CNAME": "news.example.org"}
    for _ in range(2):  # a second publish replaces the first: still one commit
        result = make("github", f"SITEURL={SITE}", cwd=work, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
    assert git("rev-list", "--count", "gh-pages", cwd=remote).strip() == "1"
    files = set(git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split())
    assert {"index.html", ".nojekyll", "feeds/all.rss.xml"} <= files
    assert git("show", "gh-pages:CNAME", cwd=remote).strip() == "news.example.org"
    assert "main" not in git("branch", "--list", cwd=remote)  # only gh-pages was pushed


def test_a_second_publish_at_the_same_time_waits_its_turn(tmp_path: Path) -> None:
    import fcntl
    import sys

    out = tmp_path / "site" / "output"
    out.mkdir(parents=True)
    (out / "index.html").write_text("<p>the live site</p>", encoding="utf-8")
    held = os.open(out.parent, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as a publish already running would
    try:
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "safe_publish.py"), str(out), "--",
             sys.executable, "-c", "pass"],
            capture_output=True, text=True, timeout=60,
        )
    finally:
        os.close(held)
    assert result.returncode == 1 and "another publish is running" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>the live site</p>"
    assert sorted(p.name for p in out.parent.iterdir()) == ["output"]
