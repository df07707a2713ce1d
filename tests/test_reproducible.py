"""Issue 9: the same content and settings give a byte-identical output tree."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build, write_wire


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_give_identical_trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1716000000")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    write_wire(content / "wire", "2024-05-18-kazakh-grain.txt",
               "KAZAKH GRAIN EXPORTS TO CHINA RISE\n\nASTANA, May 18 (Reuters) - Kazakhstan "
               "sold more wheat to China this year, officials said.\n\nReporting by A. Writer\n")
    first = tree_digest(build(content, tmp_path / "a"))
    second = tree_digest(build(content, tmp_path / "b"))
    assert len(first) > 10
    assert first == second
