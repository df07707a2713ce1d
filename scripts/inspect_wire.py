"""Print what the wire parser makes of files: one JSON object per line per file.

Usage: python scripts/inspect_wire.py [--settings FILE] [--headline-case title|sentence|keep]
       FILE_OR_DIR ...
Directories are walked recursively for *.txt, in sorted order, skipping hidden
files as the build does. WIRE_MAX_BYTES and WIRE_HEADLINE_CASE come from the
settings file (pelicanconf.py by default), so a record's ``error`` is the
reason the build would refuse the file (a missing date included).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from build_report.report import MARKDOWN, not_wire_reason  # noqa: E402
from wire_reader.parse import NO_DATE, read_wire_file  # noqa: E402
from wire_reader.story import WireError, WireStory  # noqa: E402

# The wire reader's defaults, for a settings file that does not set them.
MAX_BYTES = 2_000_000
HEADLINE_CASE = "title"


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Yield the given files, and every *.txt under the given directories, sorted
    (".TXT" too: the build refuses it, and the record says why)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() == ".txt")
            yield from sorted(p for p in found if p.is_file() and not _hidden(p.relative_to(path)))
        else:
            yield path


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _tagging(story: WireStory, settings: dict[str, Any]) -> tuple[list[dict[str, Any]], str | None]:
    """Tags and category as the build gives them (the settings file's WIRE_TAGS_*
    and WIRE_CATEGORY_FROM, the story's Tags: header), or nothing without the tagger."""
    try:
        from auto_tagger.tagger import load_vocabulary, tag_and_place
    except Exception:  # noqa: BLE001 - the tagger is optional for inspection
        return [], None
    vocabulary = load_vocabulary(extra=settings.get("WIRE_TAGS_EXTRA") or None)
    tags, category = tag_and_place(story, vocabulary, max_tags=settings.get("WIRE_TAGS_MAX", 8),
                                   mode=settings.get("WIRE_CATEGORY_FROM", "region"))
    if category is None and settings.get("WIRE_CATEGORY_FROM", "region") != "folder":
        category = settings.get("DEFAULT_CATEGORY")  # as the build files it then
    return [t.to_dict() for t in tags], category


def story_record(
    path: Path, story: WireStory, settings: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON-ready view of one parsed story."""
    tags, category = _tagging(story, settings or {})
    dateline = story.dateline
    return {
        "file": str(path),
        "title": story.title,
        "authors": list(story.authors),
        "source": story.source,
        "dateline": None
        if dateline is None
        else {
            "text": dateline.text,
            "city": dateline.city,
            "region": dateline.region,
            "agency": dateline.agency,
            "day": dateline.day,
        },
        "date": story.date.isoformat() if story.date else None,
        "slug": story.slug,
        "summary": story.summary,
        "subheadings": list(story.subheadings),
        "paragraphs": list(story.paragraphs),
        "tables": [b.text for b in story.blocks if b.kind == "table"],
        "credits": list(story.credits),
        "removed": [{"line": r.line, "reason": r.reason} for r in story.removed],
        "warnings": list(story.warnings),  # a missing date is one of them
        "tags": tags,
        "category": category,
        # The build refuses a story it cannot date; the parse is still shown.
        "error": None if story.date else NO_DATE,
    }


def error_record(path: Path, reason: str) -> dict[str, Any]:
    """The JSON-ready view of a rejected file."""
    keys = (
        "title",
        "authors",
        "source",
        "dateline",
        "date",
        "slug",
        "summary",
        "subheadings",
        "paragraphs",
        "tables",
        "credits",
        "removed",
        "warnings",
        "category",
    )
    record: dict[str, Any] = {"file": str(path), **dict.fromkeys(keys)}
    record["tags"] = []
    record["error"] = reason
    return record


def inspect_file(
    path: Path, headline_case: str, max_bytes: int = MAX_BYTES,
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Parse one file into its JSON record (errors become an ``error`` field)."""
    if path.suffix in MARKDOWN:  # the build reads these with Pelican's Markdown reader
        return error_record(path, "Markdown, not wire copy: not inspected here; "
                                  "make html reads it and its build report says how")
    if path.suffix != ".txt":
        return error_record(path, not_wire_reason(path.suffix))
    try:
        story = read_wire_file(path, headline_case=headline_case, max_bytes=max_bytes)
    except WireError as err:
        return error_record(path, err.reason)
    except OSError as err:
        return error_record(path, f"cannot read file: {err.strerror or err}")
    return story_record(path, story, settings)


def main(argv: list[str] | None = None) -> int:
    """Print one JSON object per wire file (rejections are records, not failures)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"),
                        help="Pelican settings file to take WIRE_* settings from")
    parser.add_argument("--headline-case", choices=("title", "sentence", "keep"))
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    args = parser.parse_args(argv)
    settings = wire_settings(args.settings)
    headline_case = args.headline_case or settings.get("WIRE_HEADLINE_CASE", HEADLINE_CASE)
    max_bytes = settings.get("WIRE_MAX_BYTES", MAX_BYTES)
    for path in iter_files(args.paths):
        print(json.dumps(inspect_file(path, headline_case, max_bytes, settings),
                         ensure_ascii=False))
    return 0


def wire_settings(conf: str) -> dict[str, Any]:
    """The WIRE_* settings of ``conf`` ({} when it is missing or unreadable)."""
    if not Path(conf).is_file():
        return {}
    try:
        from pelican.settings import read_settings

        return {k: v for k, v in read_settings(conf).items()
                if k.startswith("WIRE_") or k == "DEFAULT_CATEGORY"}
    except Exception as err:  # noqa: BLE001 - inspection still works on defaults
        print(f"inspect_wire: settings not read from {conf}: {err}", file=sys.stderr)
        return {}


if __name__ == "__main__":
    sys.exit(main())
