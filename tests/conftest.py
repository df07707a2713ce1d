"""Shared fixtures: real Pelican builds into temporary directories."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "site"


def build(content: Path, out: Path, conf: str = "pelicanconf.py", **override: Any) -> Path:
    """Build ``content`` into ``out/output`` with the project's settings; return it."""
    make_pelican(content, out, conf, **override).run()
    return out / "output"


def make_pelican(content: Path, out: Path, conf: str = "pelicanconf.py",
                 **override: Any) -> Pelican:
    """A Pelican for ``content`` -> ``out/output``; ``run()`` builds (again, as `pelican -r`)."""
    settings = read_settings(str(ROOT / conf), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(out / "output"),
        "CACHE_PATH": str(out / "cache"),
        "WIRE_REPORT_PATH": str(out / "build-report.json"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        **override,
    })
    wanted = set(settings["PLUGINS"])  # Pelican drops the ones that fail to load
    pelican = Pelican(settings)
    # Pelican only logs a plugin that fails to import; a test build must not.
    loaded = {plugin.__name__.split(".")[0] for plugin in pelican.plugins}
    assert loaded == wanted, f"plugins not loaded: {wanted - loaded}"
    return pelican


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content/ built once with the development settings."""
    return build(ROOT / "content", tmp_path_factory.mktemp("bundled"))


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Path]:
    """Build a content directory into this test's temporary directory."""
    def _build(content: Path, **override: Any) -> Path:
        return build(content, tmp_path, **override)
    return _build


def write_wire(folder: Path, name: str, text: str) -> Path:
    """Write one wire file a test needs (fixtures stay small and readable)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def tree(root: Path, skip: str | None = None) -> dict[str, str]:
    """SHA-256 of every file under ``root`` by relative path (those under ``skip/`` left out)."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not (skip and p.relative_to(root).as_posix().startswith(skip + "/"))
    }
