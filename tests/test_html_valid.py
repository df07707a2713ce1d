"""Issue 5: every page the build writes passes the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, build
from test_theme import SITEURL, theme_content

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"

pytestmark = pytest.mark.skipif(
    not (VNU.exists() and shutil.which("java")),
    reason="needs java and node_modules/vnu-jar (make test-tools)",
)


def vnu_errors(files: list[Path]) -> list[str]:
    """Run vnu once over all files; one line per error."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its JSON report to stderr
    return [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in report["messages"]]


def test_every_generated_page_is_valid_html(tmp_path: Path) -> None:
    site = build(
        theme_content(tmp_path / "content"), tmp_path, SITEURL=SITEURL, DIGEST_SEARCH_INDEX=False
    )
    pages = sorted(site.rglob("*.html"))
    kinds = {p.relative_to(site).parts[0] for p in pages}
    assert {
        "index.html",
        "404.html",
        "2024",
        "tag",
        "region",
        "author",
        "source",
        "search",
        "archives",
        "about",
        "tags",
        "sources",
    } <= kinds
    assert vnu_errors(pages) == []


def test_the_checker_reports_invalid_html(tmp_path: Path) -> None:
    # Guards the guard: a broken page must produce errors, not a silent pass.
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><p><div></p></body></html>",
        encoding="utf-8",
    )
    assert vnu_errors([broken])
