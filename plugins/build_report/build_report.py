"""Pelican glue for the build report, exact-duplicate removal and strict mode."""

from __future__ import annotations

import logging
import os
import re
import sys
from typing import Any

from pelican import signals
from theme_support.stories import plain_text  # plugins/ is on sys.path

from .report import (
    MARKDOWN,
    Entry,
    list_inputs,
    not_wire_reason,
    rejected_lines,
    summarize,
    to_json,
)

logger = logging.getLogger(__name__)


class StrictModeError(Exception):
    """Raised at the end of a strict build that rejected input files."""

    exitcode = 2


class _Run:
    """What one build learnt about its inputs, keyed by path relative to PATH."""

    def __init__(self) -> None:
        self.rejected: dict[str, str] = {}
        self.duplicates: dict[str, str] = {}
        self.articles: list[Any] = []
        self.drafts: list[Any] = []
        self.hidden: list[Any] = []
        # Why Pelican skipped a file it read, by the path it named (absolute or relative).
        self.skipped: dict[str, str] = {}


_run = _Run()


def start_run(_pelican: Any) -> None:
    global _run
    _run = _Run()


def note_reader_result(_generator: Any, metadata: dict[str, Any]) -> None:
    if metadata.get("wire_error"):
        _run.rejected[metadata["wire_source"]] = metadata["wire_error"]


def drop_duplicates(generator: Any) -> None:
    """Publish an exact duplicate once; give same-day slug clashes a suffix.

    Stories are taken in the order they are dated (date, then file name): the
    earliest keeps the plain address, so a later file with the same headline
    (an update, another agency's copy) does not move a page readers have
    already linked to. A file added later but dated *earlier* the same day
    still takes the plain address: the build keeps no record of addresses.
    """
    kept, first_by_hash, urls = [], {}, set()
    filed = sorted(generator.articles, key=lambda a: (a.date, a.relative_source_path))
    for article in filed:
        key = getattr(article, "wire_sha256", None)
        if key and key in first_by_hash:
            _run.duplicates[article.relative_source_path] = (
                f"exact duplicate of {first_by_hash[key]}")
            continue
        if key:
            first_by_hash[key] = article.relative_source_path
        base, n = article.slug, 1
        while article.save_as in urls:
            n += 1
            article.slug = f"{base}-{n}"
        urls.add(article.save_as)
        kept.append(article)
    kept.sort(key=lambda a: (a.date, a.slug), reverse=True)
    # Pelican links stories that share a slug as each other's translations; a
    # dropped copy must not stay linked, or its never-written page is looked
    # for (the search index planned it and failed on every build).
    dropped = {id(a) for a in generator.articles} - {id(a) for a in kept}
    for article in (*kept, *generator.translations):
        if any(id(other) in dropped for other in article.translations):
            article.translations = [o for o in article.translations if id(o) not in dropped]
    generator.articles = kept


def collect_articles(generator: Any) -> None:
    _run.articles = list(generator.articles) + list(generator.translations)
    _run.drafts = list(generator.drafts) + list(generator.drafts_translations)
    _run.hidden = list(generator.hidden_articles) + list(generator.hidden_translations)


def fail_before_writing(generators: list[Any]) -> None:
    """all_generators_finalized: in strict mode, a rejected file stops the build
    before a page is written, so the output folder keeps the last good site.
    Every file has been read by now, so the report is already whole."""
    settings = generators[0].settings if generators else {}
    if settings.get("WIRE_STRICT"):
        entries = _entries(settings)
        if any(e.status == "rejected" for e in entries):
            _write(settings, entries)  # raises StrictModeError


def write_report(pelican: Any) -> None:
    _write(pelican.settings, _entries(pelican.settings))


def _entries(settings: dict[str, Any]) -> list[Entry]:
    root = settings["PATH"]
    skip = list(settings["PAGE_PATHS"]) + list(settings["STATIC_PATHS"])
    found = _articles_by_source()
    return [_entry_for(rel, settings, found) for rel in
            list_inputs(root, settings["ARTICLE_PATHS"], skip)]


def _write(settings: dict[str, Any], entries: list[Entry]) -> None:
    path = settings.get("WIRE_REPORT_PATH") or "reports/build-report.json"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(to_json(entries))
    for line in rejected_lines(entries):
        print(line)
    # The one line an editor reads at the end of every build.
    print(f"{summarize(entries)} — see {path}", flush=True)
    rejected = [e for e in entries if e.status == "rejected"]
    if settings.get("WIRE_STRICT") and rejected:
        names = "; ".join(f"{e.file}: {e.reason}" for e in rejected)
        raise StrictModeError(f"strict mode: {len(rejected)} file(s) rejected: {names}")


def _articles_by_source() -> dict[str, tuple[str, Any]]:
    # One index instead of a scan of every article per input file (O(N²)).
    found: dict[str, tuple[str, Any]] = {}
    for status, pool in (("published", _run.articles), ("draft", _run.drafts),
                         ("hidden", _run.hidden)):
        for article in pool:
            found.setdefault(article.relative_source_path, (status, article))
    return found


def _entry_for(rel: str, settings: dict[str, Any], found: dict[str, tuple[str, Any]]) -> Entry:
    if rel in _run.rejected:
        return Entry(rel, "rejected", reason=_run.rejected[rel])
    skipped = _run.skipped.get(rel) or _run.skipped.get(os.path.join(settings["PATH"], rel))
    if skipped and rel not in found:
        return Entry(rel, "rejected", reason=skipped)
    if rel in _run.duplicates:
        return Entry(rel, "duplicate", reason=_run.duplicates[rel])
    if rel in found:
        status, article = found[rel]
        return _article_entry(rel, status, article, settings)
    return Entry(rel, "rejected", reason=_unread_reason(rel, settings["PATH"]))


def _article_entry(rel: str, status: str, article: Any, settings: dict[str, Any]) -> Entry:
    reason = None
    if status == "hidden":
        reason = "marked 'Status: hidden': published at its address, listed nowhere"
    if status == "draft":
        reason = ("dated in the future; it will publish on its date"
                  if str(article.metadata.get("status", "")).strip().lower() != "draft"
                  else "marked 'Status: draft'")
    story = getattr(article, "wire_story", None)
    site = (settings.get('SITEURL') or '').rstrip('/')
    url = f"{site}/{article.url}" if status in ("published", "hidden") else None
    return Entry(rel, status, reason=reason, url=url,
                 # A Markdown title comes typogrified ("Editor&#8217;s note").
                 title=(story and story.title) or plain_text(article.title),
                 tags=[t.name for t in getattr(article, "tags", [])],
                 category=article.category.name if article.category else None,
                 warnings=list(getattr(article, "wire_warnings", [])))


def _unread_reason(rel: str, root: str) -> str:
    ext = os.path.splitext(rel)[1] or "no extension"
    if ext in MARKDOWN and _marked_skip(os.path.join(root, rel)):
        return "marked 'Status: skip': not published"
    if ext in (".txt", *MARKDOWN):
        return "could not be read (see the build log)"
    return not_wire_reason(ext)
STATUS_SKIP = re.compile(r"status:\s*skip\s*", re.IGNORECASE)


def _marked_skip(path: str) -> bool:
    """Whether a Markdown file's header says "Status: skip" (Pelican skips it
    and logs why only at debug level)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line.strip():
                    return False  # the header ends at the first blank line
                if STATUS_SKIP.fullmatch(line.strip()):
                    return True
    except OSError:
        pass
    return False


# Pelican's words when it skips a file it read, and what the report says instead.
MISSING = "Skipping %s: could not find information about '%s'"
OUTSIDE = "Skipping %s: file %r would be written outside output path"
UNREADABLE = "Could not process %s"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
MISSING_REASONS = {
    "title": "no title: a Markdown story needs a 'Title:' line at the top",
    "date": "no date: add a 'Date:' line, or begin the file name with the date (2024-05-17-…)",
}


class _PelicanSkips(logging.Filter):
    """Notes why Pelican skipped a file (a Markdown story with no Title: or
    date, an address outside the site, a reader's error), so the report
    gives that reason. Pelican still logs its own line."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        if record.msg == MISSING and len(args) == 2:
            _run.skipped[str(args[0])] = MISSING_REASONS.get(str(args[1]),
                                                             f"no {args[1]}")
        elif record.msg == OUTSIDE and len(args) == 2:
            _run.skipped[str(args[0])] = f"its address {args[1]} would be outside the site"
        elif record.msg == UNKNOWN_STATUS and len(args) == 3:
            _run.skipped[str(args[1])] = (f"unknown Status {str(args[0])!r}: "
                                          "use published, draft or hidden")
        elif record.msg == UNREADABLE and len(args) == 1:
            error = sys.exc_info()[1]  # the filter runs inside Pelican's except block
            detail = f": {type(error).__name__}: {error}" if error else ""
            reason = " ".join(f"could not be read{detail}".split())[:200]
            _run.skipped[str(args[0])] = reason
            # Pelican prints the reason only with DEBUG=1; the editor needs it now.
            record.msg, record.args = "Could not process %s: %s", (args[0], reason)
        return True


_SKIP_FILTER = _PelicanSkips()


class _NoTracebackForStrictMode(logging.Filter):
    """Pelican logs a failed build's exception with its traceback; a strict
    build stopped on purpose, and its message names every file and reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], StrictModeError):
            record.exc_info = None
        return True


_STRICT_FILTER = _NoTracebackForStrictMode()


def register() -> None:
    # Pelican's main() logs the build's exception on the "pelican" logger.
    if _STRICT_FILTER not in logging.getLogger("pelican").filters:
        logging.getLogger("pelican").addFilter(_STRICT_FILTER)
    for name in ("pelican.contents", "pelican.generators"):
        if _SKIP_FILTER not in logging.getLogger(name).filters:
            logging.getLogger(name).addFilter(_SKIP_FILTER)
    # initialized: each build (tests run several in one process) starts empty;
    # article_generator_init: so does each run of `pelican -r` (make regenerate),
    # before any file is read.
    signals.initialized.connect(start_run)
    signals.article_generator_init.connect(start_run)
    # article_generator_context fires for every file, cached or not.
    signals.article_generator_context.connect(note_reader_result)
    # pretaxonomy: duplicates must go before tag and category pages are built.
    signals.article_generator_pretaxonomy.connect(drop_duplicates)
    signals.article_generator_finalized.connect(collect_articles)
    # finalized: every page and feed is written, so the report is complete.
    signals.finalized.connect(write_report)
    signals.all_generators_finalized.connect(fail_before_writing)
