"""Pelican glue for wire copy: a Reader for ``.txt`` files in ``content/``
(and Pelican's Markdown reader, noting which header keys an editor wrote).

All parsing lives in ``parse.py``; this module only turns a ``WireStory`` (or
a ``WireError``) into what Pelican expects.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import os
import re
from html import escape
from typing import Any

from pelican import signals
from pelican.readers import BaseReader, MarkdownReader, _filter_discardable_metadata

from . import parallel
from .parse import NO_DATE, read_wire_file, script_language
from .story import WireError, WireStory
from .typography import quotes_for, typogrify_html

logger = logging.getLogger(__name__)

# What prepare_story() hands back: ("story", story, body_html, title_html,
# summary_html, word_count, fingerprint) or ("skip", reason). Plain picklable
# values, so a worker process can make it; Pelican objects are made later in
# the main process.
Prepared = tuple[Any, ...]


def read_options(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings prepare_story() needs, small enough to send to workers."""
    return {
        "content_root": os.path.realpath(settings["PATH"]),
        "headline_case": settings.get("WIRE_HEADLINE_CASE", "title"),
        "max_bytes": settings.get("WIRE_MAX_BYTES", 2_000_000),
        # Typography here, not through Pelican's TYPOGRIFY: Pelican's reader
        # cache stores what read() returns, so each story pays once, not
        # on every build. TYPOGRIFY stays False so nothing runs twice.
        "typogrify": bool(settings.get("DIGEST_TYPOGRIFY", True)
                          and not settings.get("TYPOGRIFY")),
        "TYPOGRIFY_DASHES": settings.get("TYPOGRIFY_DASHES"),
        "TYPOGRIFY_IGNORE_TAGS": list(settings.get("TYPOGRIFY_IGNORE_TAGS", [])),
        "TYPOGRIFY_OMIT_FILTERS": list(settings.get("TYPOGRIFY_OMIT_FILTERS", [])),
    }


def prepare_story(source_path: str, options: dict[str, Any]) -> Prepared:
    """Parse and typogrify one wire file: the costly part of read(), no Pelican objects."""
    try:
        story = _read_story(source_path, options)
    except WireError as err:
        return ("skip", err.reason)
    body = render_body(story)
    title = escape(story.title, quote=False)
    summary = escape(story.summary, quote=False)
    if options["typogrify"]:
        body, title, summary = (typogrify_html(html, options) for html in (body, title, summary))
        lang = _quote_language(story)
        body, title, summary = (quotes_for(html, lang) for html in (body, title, summary))
    return ("story", story, body, title, summary, story.word_count, story.fingerprint)


def _quote_language(story: WireStory) -> str:
    """The primary language of the story's text: its Lang: header, else its letters."""
    lang = story.header.get("lang", "").strip().lower().replace("_", "-")
    if not LANG_RE.fullmatch(lang):
        lang = script_language(f"{story.title}\n{story.summary}") or ""
    return lang


def _prepare_in_worker(options: dict[str, Any], source_path: str) -> Prepared | None:
    """prepare_story() for a worker; None (the main process reads it) on any surprise."""
    try:
        return prepare_story(source_path, options)
    except Exception:  # noqa: BLE001 - the serial read reports it the usual way
        return None


def _read_story(source_path: str, options: dict[str, Any]) -> WireStory:
    content_root = options["content_root"]
    if os.path.commonpath([content_root, os.path.realpath(source_path)]) != content_root:
        raise WireError("symlink points outside content/")
    story = read_wire_file(source_path, headline_case=options["headline_case"],
                           max_bytes=options["max_bytes"])
    if story.date is None:
        raise WireError(NO_DATE)
    return story


# A BCP 47 language tag as editors write it: "ru", "zh-hant", "kk-cyrl-kz".
LANG_RE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8}){0,3}")


class WireReader(BaseReader):
    enabled = True
    file_extensions = ["txt"]

    # prepare_story() results from worker processes, started by
    # prepare_in_parallel(); read() takes a file's result as soon as it is
    # ready and reads the file itself when the stream has none.
    prepared: parallel.Stream[Prepared | None] | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.prepared = None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        rel = os.path.relpath(source_path, self.settings["PATH"])
        result = self.prepared.take(source_path) if self.prepared else None
        if result is None:
            result = prepare_story(source_path, read_options(self.settings))
        if result[0] == "skip":
            # "skip" keeps Pelican going; build_report records the reason.
            logger.warning("wire_reader: rejected %s: %s", rel, result[1])
            return "", {"status": "skip", "wire_source": rel, "wire_error": result[1],
                        "title": rel}
        _, story, body, title_html, summary_html, word_count, fingerprint = result
        meta = self._metadata(story, rel, word_count)
        meta["wire_story_fingerprint"] = fingerprint
        meta["title"], meta["summary"] = title_html, summary_html
        return body, meta

    def _metadata(self, story: WireStory, rel: str, word_count: int) -> dict[str, Any]:
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
            # Counted once, where the story is parsed (a worker, when there
            # are many), and cached with it: not on every build.
            "word_count": word_count,
        }
        authors = [a for a in process("authors", ", ".join(story.authors)) if a.slug] \
            if story.authors else []
        if len(authors) < len(story.authors):
            # An author page needs a slug; a name made only of markup has none.
            meta["wire_warnings"].append("author name without letters dropped from the byline")
        if authors:
            meta["authors"] = authors
        lang = story.header.get("lang", "").strip().lower().replace("_", "-")  # kk_KZ
        if LANG_RE.fullmatch(lang):
            meta["lang"] = lang
        elif not lang:
            # Russian copy with no Lang: header keeps its address; its page says ru.
            # The headline and lede say it: a quoted paragraph in Russian does not.
            meta["text_lang"] = script_language(f"{story.title}\n{story.summary}") or ""
        elif lang:
            # The code goes into the page's address: nothing but a language tag.
            meta["wire_warnings"].append(
                f"Lang {lang[:20]!r} ignored: use a language code such as ru or zh-hant")
        status = story.header.get("status", "").strip().lower()
        if status in ("lead", "featured"):
            meta["featured"] = True
        elif status in ("draft", "hidden", "published"):
            meta["status"] = status
        elif status:
            # A mistyped "Status: drafts" more likely meant to keep the story back.
            meta["status"] = "draft"
            meta["wire_warnings"].append(
                f"unknown Status {status!r}: held back as a draft; "
                "use published, draft, hidden or lead")
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
            tag = "ol" if block.ordered else "ul"
            parts.append(f"<{tag}>{items}</{tag}>")
        elif block.kind == "quote":
            parts.append(f"<blockquote><p>{block.html}</p></blockquote>")
        elif block.kind == "table":
            # Set as the wire aligned it; it scrolls on its own on a narrow
            # screen, so keyboard users must be able to reach it (tabindex).
            parts.append(f'<pre class="figures" tabindex="0">{block.html}</pre>')
        else:
            parts.append(f"<p>{block.html}</p>")
    return "\n".join(parts)


def _fingerprint(story: WireStory) -> str:
    """Same headline and same body text: the same story, whatever the encoding."""
    return hashlib.sha256(f"{story.title}\n{story.body_text}".encode()).hexdigest()


class MarkdownStoryReader(MarkdownReader):
    """Pelican's Markdown reader; ``header_keys`` names the header lines the file has.

    Pelican fills in DEFAULT_CATEGORY before a story object exists, so the
    tagger could not tell "Category: World" from no Category: line. It places
    a Markdown story in its region only when its editor named no section.
    """

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        content, metadata = super().read(source_path)
        # An empty line ("Category:") is no choice: Pelican drops its value later.
        metadata["header_keys"] = tuple(sorted(_filter_discardable_metadata(metadata)))
        # Pelican names the reader after its class; this one is still "markdown".
        metadata["reader"] = "markdown"
        return content, metadata


def add_reader(readers: Any) -> None:
    readers.reader_classes["txt"] = WireReader
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = MarkdownStoryReader


def files_to_read(generator: Any) -> list[str]:
    """Absolute paths of the article .txt files Pelican will hand to WireReader.

    Same file list as ArticlesGenerator.generate_context(); files whose read()
    result is still in Pelican's content cache are left out, as Pelican will
    not read them.
    """
    paths = []
    for rel in generator.get_files(generator.settings["ARTICLE_PATHS"],
                                   exclude=generator.settings["ARTICLE_EXCLUDES"]):
        if not rel.endswith(".txt") or generator.get_cached_data(rel, None) is not None:
            continue
        path = os.path.abspath(os.path.join(generator.path, rel))
        if generator.readers.get_cached_data(path, (None, None))[0] is None:
            paths.append(path)
    return paths


def prepare_in_parallel(generator: Any) -> None:
    """Start parsing and typogrifying the articles in worker processes.

    Pelican then reads the files one by one in this process; each read()
    takes its file's result as the workers finish it, so this process's
    share of the reading overlaps theirs.
    """
    _close_leftover_stream()
    reader = generator.readers.readers.get("txt")
    if not isinstance(reader, WireReader) or not generator.settings.get("DIGEST_PARALLEL", True):
        return
    paths = files_to_read(generator)
    if len(paths) < parallel.MIN_FILES_FOR_POOL or parallel.worker_count() < 2:
        return
    work = functools.partial(_prepare_in_worker, read_options(generator.settings))
    reader.prepared = _live_stream[0] = parallel.Stream(work, paths)
    # A build that fails while reading must not wait for the rest of the pool.
    atexit.register(reader.prepared.close)


# The stream of the build now reading. A build that fails while reading never
# reaches finish_parallel_read(); the next build (pelican -r retries at
# once) closes its pool, so failed builds cannot pile up worker processes.
_live_stream: list[parallel.Stream[Prepared | None] | None] = [None]


def _close_leftover_stream() -> None:
    stream, _live_stream[0] = _live_stream[0], None
    if stream is not None:
        stream.close()
        atexit.unregister(stream.close)


def finish_parallel_read(generator: Any) -> None:
    """After the last read: stop the workers and say how much they did."""
    reader = generator.readers.readers.get("txt")
    stream = getattr(reader, "prepared", None)
    if stream is None:
        return
    reader.prepared = None
    stream.close()
    atexit.unregister(stream.close)
    _live_stream[0] = None
    logger.info("wire_reader: parsed %d of %d files in %d worker processes",
                stream.taken, len(stream.order), parallel.worker_count())


HEADLINE_CASES = ("title", "sentence", "keep")


def check_settings(pelican: Any) -> None:
    """Stop at once on a setting that would make every file fail the same way."""
    case = pelican.settings.get("WIRE_HEADLINE_CASE", "title")
    if case not in HEADLINE_CASES:
        raise ValueError(f"wire_reader: WIRE_HEADLINE_CASE is {case!r}; "
                         f"use one of {', '.join(HEADLINE_CASES)}")


def register() -> None:
    # initialized: settings are final and no file has been read yet.
    signals.initialized.connect(check_settings)
    # readers_init: the moment Pelican collects reader classes by extension.
    signals.readers_init.connect(add_reader)
    # article_generator_init: once per build, after the content cache is
    # loaded and before generate_context() reads any file.
    signals.article_generator_init.connect(prepare_in_parallel)
    # pretaxonomy: every article file has been read by then.
    signals.article_generator_pretaxonomy.connect(finish_parallel_read)
