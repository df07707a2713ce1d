"""Issue 5: the theme in a real headless Chromium, served from 127.0.0.1.

The site is built under a sub-path (http://127.0.0.1:PORT/output/), as GitHub
Pages would publish it, so a root-absolute link or a search index that ignores
SITEURL fails here. Every request is recorded; any that leaves 127.0.0.1 fails.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, build
from test_theme import SEED, theme_content

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules/axe-core/axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="chromium is not installed at "
    "/usr/bin/chromium (scripts/install_test_tools.sh installs it)",
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a fresh build of the theme fixtures at http://127.0.0.1:PORT/output/."""
    work = tmp_path_factory.mktemp("browser")
    handler = functools.partial(QuietHandler, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site = f"http://127.0.0.1:{server.server_address[1]}/output"
    # One search shard per day: the seed (17 May) is then in a bundle the
    # search page must merge, not in the newest one (19 May) it loads first.
    build(
        theme_content(work / "content"), work, SITEURL=site, DIGEST_SEARCH_SHARD="{date:%Y-%m-%d}"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A page with every request and console error recorded."""

    def __init__(self, browser: object, width: int = 1280, scheme: str = "light") -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900},  # type: ignore[attr-defined]
            color_scheme=scheme,
        )
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        self.requests.append(url)
        if urlparse(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:")):
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    def open(self, url: str) -> object:
        self.page.goto(url, wait_until="networkidle")
        return self.page

    def axe_violations(self) -> list[str]:
        self.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
        )
        return [
            f"{v['id']}: {v['help']} ({[n['target'] for n in v['nodes']][:3]})"
            for v in result["violations"]
        ]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: object) -> Iterator[functools.partial[Visit]]:
    opened: list[Visit] = []

    def _visit(**kwargs: object) -> Visit:
        opened.append(Visit(browser, **kwargs))  # type: ignore[arg-type]
        return opened[-1]

    yield _visit  # type: ignore[misc]
    for v in opened:
        v.close()


@pytest.mark.parametrize(("name", "path"), [("front", ""), ("article", SEED)])
def test_page_loads_cleanly_and_only_from_the_site(
    visit, base_url: str, name: str, path: str
) -> None:
    v = visit()
    v.open(f"{base_url}/{path}")
    assert v.errors == []
    assert v.outside == []
    assert any(url.endswith("/output/theme/css/digest.css") for url in v.requests)
    ARTIFACTS.mkdir(exist_ok=True)
    v.page.screenshot(path=str(ARTIFACTS / f"{name}-desktop-1280.png"), full_page=True)


@pytest.mark.parametrize("width", [320, 360])  # README: "from 320 px phones up"
@pytest.mark.parametrize(("name", "path"), [("front", ""), ("article", SEED)])
def test_nothing_overflows_a_small_phone(
    visit, base_url: str, name: str, path: str, width: int
) -> None:
    v = visit(width=width)
    page = v.open(f"{base_url}/{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-phone-{width}.png"), full_page=True)


@pytest.mark.parametrize(
    ("path", "scheme"),
    [
        ("", "light"),
        (SEED, "light"),
        ("tag/china/", "light"),
        (SEED, "dark"),
        ("", "dark"),
    ],
)
def test_axe_finds_no_wcag_aa_violations(visit, base_url: str, path: str, scheme: str) -> None:
    v = visit(scheme=scheme)
    v.open(f"{base_url}/{path}")
    assert v.axe_violations() == []


def test_search_finds_the_seed_by_harbin_offline(visit, base_url: str) -> None:
    v = visit()
    page = v.open(f"{base_url}/search/")
    page.fill(".pagefind-ui__search-input", "Harbin")
    result = page.wait_for_selector(
        f'a.pagefind-ui__result-link[href="{base_url}/{SEED}"]', timeout=15_000
    )
    assert "Harbin" in result.inner_text()
    # The excerpt is story text, not the page's furniture (region label, date, reading time).
    excerpt = page.wait_for_selector(".pagefind-ui__result-excerpt").inner_text()
    assert "Harbin" in excerpt
    assert not any(word in excerpt for word in ("Region:", "min read", "17 May 2024", "·")), excerpt
    assert v.axe_violations() == []  # with results on the page
    assert v.errors == []
    assert v.outside == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop-1280.png"), full_page=True)


def test_search_finds_a_story_filed_in_another_language(visit, base_url: str) -> None:
    # A `Lang: ru` story is searched from the (English) search page too:
    # Pagefind would otherwise put it in a Russian index this page never loads.
    v = visit()
    page = v.open(f"{base_url}/search/")
    page.fill(".pagefind-ui__search-input", "Владивостоке")
    result = page.wait_for_selector(
        f'a.pagefind-ui__result-link[href="{base_url}/2024/05/18/vladivostok-forum-ru/"]',
        timeout=15_000,
    )
    assert "Владивосток" in result.inner_text()
    assert v.errors == []


def test_header_search_box_lands_on_results(visit, base_url: str) -> None:
    v = visit(width=360)
    page = v.open(f"{base_url}/")
    page.fill("#site-search-q", "Harbin")
    page.press("#site-search-q", "Enter")
    page.wait_for_selector(f'a.pagefind-ui__result-link[href="{base_url}/{SEED}"]', timeout=15_000)
    assert v.outside == []


@pytest.fixture(scope="module")
def relative_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A RELATIVE_URLS build (as `make html RELATIVE=1`), served under /output/."""
    work = tmp_path_factory.mktemp("browser-relative")
    handler = functools.partial(QuietHandler, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    build(theme_content(work / "content"), work, SITEURL="", RELATIVE_URLS=True,
          DIGEST_SEARCH_SHARD="{date:%Y-%m-%d}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/output"
    server.shutdown()


def test_search_works_with_relative_urls(visit, relative_url: str) -> None:
    # Pagefind resolves bundle paths against its own script, so "../pagefind/…"
    # from the search page must be made absolute first (search.js).
    v = visit()
    page = v.open(f"{relative_url}/search/")
    page.fill(".pagefind-ui__search-input", "Harbin")
    result = page.wait_for_selector("a.pagefind-ui__result-link", timeout=15_000)
    assert result.get_attribute("href") == f"{relative_url}/{SEED}"
    assert v.errors == []
    assert v.outside == []
