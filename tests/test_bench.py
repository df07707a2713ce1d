"""The bench sets finished output aside and deletes it only after every build is timed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402


@pytest.fixture
def trash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bench, "TRASH", tmp_path / ".trash")
    return tmp_path / ".trash"


def test_discarded_output_keeps_its_files_until_the_trash_is_emptied(
    tmp_path: Path, trash: Path
) -> None:
    for run in ("first", "second"):
        out = tmp_path / "output"
        out.mkdir()
        (out / "index.html").write_text(run)
        bench.discard(out)
        assert not out.exists()
    kept = sorted(p.read_text() for p in trash.glob("*/index.html"))
    assert kept == ["first", "second"]  # same name twice: nothing overwritten
    bench.empty_trash()
    assert not trash.exists()


def test_discarding_a_missing_folder_is_a_no_op(tmp_path: Path, trash: Path) -> None:
    bench.discard(tmp_path / "never-built")
    assert not trash.exists()
