"""Pelican glue for wire copy: a Reader for ``.txt`` files in ``content/``.

All parsing lives in ``parse.py``; this module only turns a ``WireStory`` (or
a ``WireError``) into what Pelican expects.
"""

from __future__ import annotations

import hashlib
import logging
import os
from html import escape
from typing import Any

from pelican import signals
from pelican.readers import BaseReader

from .parse import NO_DATE, read_wire_file
from .story import WireError, WireStory

logger = logging.getLogger(__name__)

class WireReader(BaseReader):
    enabled = True
    file_extensions = ["txt"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        try:
            story = self._read_story(source_path)
        except WireError as err:
            # "skip" keeps Pelican going; build_report records the reason.
            logger.warning("wire_reader: rejected %s: %s", rel, err.reason)
            return "", {"status": "skip", "wire_source": rel, "wire_error": err.reason,
                        "title": rel}
        body, meta = render_body(story), self._metadata(story, rel)
        if self.settings.get("DIGEST_TYPOGRIFY", True) and not self.settings.get("TYPOGRIFY"):
            # Typography here, not through Pelican's TYPOGRIFY: Pelican's reader
            # cache stores what read() returns, so each story pays once, not
            # on every build. TYPOGRIFY stays False so nothing runs twice.
            body = typogrify_html(body, self.settings)
            meta["title"] = typogrify_html(meta["title"], self.settings)
            meta["summary"] = typogrify_html(meta["summary"], self.settings)
        return body, meta

    def _read_story(self, source_path: str) -> WireStory:
        content_root = os.path.realpath(self.settings["PATH"])
        if os.path.commonpath([content_root, os.path.realpath(source_path)]) != content_root:
            raise WireError("symlink points outside content/")
        story = read_wire_file(source_path,
                               headline_case=self.settings.get("WIRE_HEADLINE_CASE", "title"),
                               max_bytes=self.settings.get("WIRE_MAX_BYTES", 2_000_000))
        if story.date is None:
            raise WireError(NO_DATE)
        return story

    def _metadata(self, story: WireStory, rel: str) -> dict[str, Any]:
        process = self.process_metadata
        meta: dict[str, Any] = {
            "title": escape(story.title, quote=False),
            "date": process("date", story.date.isoformat()),
            "wire_sha256": _fingerprint(story),
            "slug": story.slug,
            "summary": escape(story.summary, quote=False),
            "wire_source": rel,
            "wire_story": story,
            "wire_warnings": list(story.warnings),
            "source": story.source or "",
            "dateline": story.dateline.text if story.dateline else "",
            "credits": list(story.credits),
        }
        authors = [a for a in process("authors", ", ".join(story.authors)) if a.slug] \
            if story.authors else []
        if len(authors) < len(story.authors):
            # An author page needs a slug; a name made only of markup has none.
            meta["wire_warnings"].append("author name without letters dropped from the byline")
        if authors:
            meta["authors"] = authors
        if story.header.get("lang"):
            meta["lang"] = story.header["lang"].strip().lower()
        status = story.header.get("status", "").strip().lower()
        if status in ("lead", "featured"):
            meta["featured"] = True
        elif status in ("draft", "hidden", "published"):
            meta["status"] = status
        elif status:
            meta["wire_warnings"].append(
                f"unknown Status {status!r} ignored: use draft, lead or published")
        if story.header.get("featured", "").strip().lower() in ("yes", "true", "1"):
            meta["featured"] = True
        return meta


def render_body(story: WireStory) -> str:
    """Join the story's safe block HTML into the article body."""
    parts = []
    for block in story.blocks:
        if block.kind == "subheading":
            parts.append(f"<h2>{block.html}</h2>")
        elif block.kind == "list":
            items = "".join(f"<li>{item}</li>" for item in block.items_html)
            parts.append(f"<ul>{items}</ul>")
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{block.html}</p></blockquote>")
        else:
            parts.append(f"<p>{block.html}</p>")
    return "\n".join(parts)


def typogrify_html(html: str, settings: dict[str, Any]) -> str:
    """Typogrify ``html`` with Pelican's TYPOGRIFY_* options, as Pelican's reader would."""
    import smartypants
    from typogrify.filters import typogrify

    dashes = {"oldschool": smartypants.Attr.set2, "oldschool_inverted": smartypants.Attr.set3}
    smartypants.Attr.default = dashes.get(settings.get("TYPOGRIFY_DASHES"), smartypants.Attr.set1)
    smartypants.Attr.default |= smartypants.Attr.w  # &quot; too, as Pelican sets it
    omit = dict.fromkeys(settings.get("TYPOGRIFY_OMIT_FILTERS", []), False)
    return typogrify(html, settings.get("TYPOGRIFY_IGNORE_TAGS", []), **omit)


def _fingerprint(story: WireStory) -> str:
    """Same headline and same body text: the same story, whatever the encoding."""
    return hashlib.sha256(f"{story.title}\n{story.body_text}".encode()).hexdigest()


def add_reader(readers: Any) -> None:
    readers.reader_classes["txt"] = WireReader


def register() -> None:
    # readers_init: the moment Pelican collects reader classes by extension.
    signals.readers_init.connect(add_reader)
