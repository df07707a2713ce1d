"""Build report core: account for every input file. No Pelican import."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields

STATUSES = ("published", "rejected", "duplicate", "draft", "hidden")
MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")


def not_wire_reason(ext: str) -> str:
    """Why a file that is neither wire copy nor Markdown is not read (``ext``: ".TXT")."""
    return (f"not a wire file ({ext or 'no extension'}); "
            "wire files end in .txt, Markdown stories in .md")


@dataclass
class Entry:
    file: str
    status: str
    reason: str | None = None
    url: str | None = None
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    category: str | None = None
    warnings: list[str] = field(default_factory=list)


def list_inputs(root: str, article_paths: Iterable[str], skip_dirs: Iterable[str]) -> list[str]:
    """Every file under the article paths, relative to ``root``, sorted."""
    skip = {os.path.normpath(d) for d in skip_dirs}
    found: set[str] = set()
    for base in article_paths:
        for rel in _walk(root, os.path.normpath(os.path.join(root, base)), skip):
            found.add(rel)
    return sorted(found)


def _walk(root: str, top: str, skip: set[str]) -> Iterator[str]:
    seen: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(top, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in seen:  # a symlink loop
            dirnames[:] = []
            continue
        seen.add(real)
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and os.path.normpath(os.path.join(rel_dir, d)) not in skip)
        for name in filenames:
            if not name.startswith("."):
                yield os.path.normpath(os.path.join(rel_dir, name))


def summarize(entries: list[Entry]) -> str:
    """One line for the end of the build: counts that add up to the inputs."""
    counts = {s: sum(e.status == s for e in entries) for s in STATUSES}
    warnings = sum(len(e.warnings) for e in entries)
    line = f"{counts['published']} published, {counts['rejected']} rejected"
    for extra in ("duplicate", "draft", "hidden"):
        if counts[extra]:
            line += f", {counts[extra]} {extra}"
    return f"{line}, {warnings} warnings"


REJECTED_SHOWN = 20  # more go to the report only


def rejected_lines(entries: list[Entry], limit: int = REJECTED_SHOWN) -> list[str]:
    """A line per rejected file, printed on every build (a file read on an earlier
    build is not read again, so nothing else would name it)."""
    rejected = sorted((e for e in entries if e.status == "rejected"), key=lambda e: e.file)
    lines = [f"rejected {e.file}: {e.reason}" for e in rejected[:limit]]
    if len(rejected) > limit:
        lines.append(f"… and {len(rejected) - limit} more rejected files in the report")
    return lines


def to_json(entries: list[Entry]) -> str:
    """The report as stable, sorted JSON."""
    counts = {s: sum(e.status == s for e in entries) for s in STATUSES}
    doc = {"inputs": len(entries), "counts": counts,
           "files": [_as_dict(e) for e in sorted(entries, key=lambda e: e.file)]}
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _as_dict(entry: Entry) -> dict[str, object]:
    # dataclasses.asdict deep-copies every list: a second of 10,000 entries.
    return {name: getattr(entry, name) for name in _FIELDS}


_FIELDS = tuple(f.name for f in fields(Entry))
