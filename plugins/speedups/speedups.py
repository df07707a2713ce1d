"""Pelican glue: linear-time taxonomy pages, write-if-changed output, cache guard.

Every hook checks that ``speedups`` is in this build's PLUGINS: Pelican's
signals and class patches outlive one build, and a build without the plugin
(tests build both ways in one process) must behave exactly like Pelican.
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import io
import logging
import os
import pickle
import re
import stat
import string
import sys
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

from blinker import signal
from pelican import Pelican, generators, readers, signals, utils
from pelican import __version__ as pelican_version
from pelican.cache import FileDataCacher, FileStampDataCacher
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from .cache_guard import (
    CACHED_LIBRARIES,
    hash_reading_settings,
    hash_settings,
    hash_trees,
    library_versions,
    reset_cache_if_stale,
)
from .dates import fast_get_date, fast_strftime
from .grouping import order_like, position_index
from .page_memo import PageMemo, key_or_none, view_for
from .stale_output import (
    folder_holding,
    manifest_path,
    no_longer_made,
    read_manifest,
    relative_to,
    remove_files,
    stale_files,
    write_manifest,
)
from .taxonomy_pages import generate_taxonomy
from .translations import process_translations
from .two_processes import can_fork, write_pages, writer_of
from .write_if_changed import KEPT, WRITTEN, TextFileIfChanged, same_bytes

logger = logging.getLogger(__name__)
_ORIGINAL = {
    name: getattr(ArticlesGenerator, name)
    for name in (
        "generate_tags",
        "generate_categories",
        "generate_authors",
        "_build_period_archives",
        "generate_articles",
    )
}
_ORIGINAL_URL_SETTING = Content.get_url_setting
_ORIGINAL_COPY_FILE = utils.copy_file
_ORIGINAL_FILE_STAMP = FileStampDataCacher._get_file_stamp
_ORIGINAL_CACHER_INIT = FileDataCacher.__init__
_ORIGINAL_CACHE_DATA = FileDataCacher.cache_data
_ORIGINAL_SAVE_CACHE = FileDataCacher.save_cache
ARTICLE_PAGES_WRITTEN = signal("digest_article_pages_written")
# id() of the settings of builds now writing output: their URLs are final.
_writing: set[int] = set()
# The page memo of each build now writing output, by id() of its settings.
_memos: dict[int, PageMemo] = {}
# What each running build produces (its writer, its static generator), by id() of its settings.
_builds: dict[int, dict[str, Any]] = {}


def active(settings: dict[str, Any]) -> bool:
    """True when this build loaded the speedups plugin."""
    plugins = settings.get("PLUGINS") or ()
    # Asked ~250,000 times a build (every URL); PLUGINS is fixed for a build.
    known = _ACTIVE.get(id(plugins))
    if known is None or known[0] is not plugins:
        found = any(str(p).split(".")[-1] == "speedups" for p in plugins)
        known = _ACTIVE[id(plugins)] = (plugins, found)
    return known[1]


_ACTIVE: dict[int, tuple[Any, bool]] = {}


# --- O(N·M) → O(N): taxonomy pages ---------------------------------------------


def generate_tags(self: Any, write: Any) -> None:
    if not active(self.settings):
        return _ORIGINAL["generate_tags"](self, write)
    generate_taxonomy(self, write, "tag", list(self.tags.items()), _date_index(self),
                      _memos.get(id(self.settings)))


def generate_categories(self: Any, write: Any) -> None:
    if not active(self.settings):
        return _ORIGINAL["generate_categories"](self, write)
    generate_taxonomy(self, write, "category", self.categories, _date_index(self),
                      _memos.get(id(self.settings)))


def generate_authors(self: Any, write: Any) -> None:
    if not active(self.settings):
        return _ORIGINAL["generate_authors"](self, write)
    generate_taxonomy(self, write, "author", self.authors, _date_index(self),
                      _memos.get(id(self.settings)))


def _date_index(generator: Any) -> dict[int, int]:
    # self.dates is final once generate_context ends; one index serves all three.
    cached = getattr(generator, "_speedups_date_index", None)
    if cached is None or cached[0] is not generator.dates:
        cached = (generator.dates, position_index(generator.dates))
        generator._speedups_date_index = cached
    return cached[1]


def build_period_archives(self: Any, sorted_articles: list, articles: list, settings: dict) -> Any:
    """Pelican's period archives, with ``archive["articles"]`` filled in one pass.

    Pelican fills it with ``[a for a in articles if a in dates]`` per period,
    which is O(N²) over all periods together.
    """
    if not active(settings):
        return _ORIGINAL["_build_period_archives"](self, sorted_articles, articles, settings)
    archives = _ORIGINAL["_build_period_archives"](self, sorted_articles, [], settings)
    order = position_index(articles)
    for periods in archives.values():
        for archive in periods:
            archive["articles"] = order_like(archive["dates"], order)
    return archives


# --- article pages in two processes ----------------------------------------------


def generate_articles(self: Any, write: Any) -> None:
    """Write the article pages, then announce it (``digest_article_pages_written``).

    theme_support starts the search index on that signal, while the list
    pages are still to be written.
    """
    _write_articles(self, write)
    if active(self.settings):
        ARTICLE_PAGES_WRITTEN.send(self)


def _write_articles(self: Any, write: Any) -> None:
    """Pelican 4.12's generate_articles, skipping unchanged pages, half written by a fork.

    Pelican's own when the plugin is off or two articles share a save_as
    (Pelican must raise its overwrite error in order). A page whose view
    (what its template shows) is unchanged since the last build, and whose
    file is as that build left it, is not rendered (speedups/page_memo).
    Both processes take render keys as well as render pages, unless
    DIGEST_PARALLEL is False or the pages are few.
    """
    items = list(chain(self.translations, self.articles,
                       self.hidden_translations, self.hidden_articles))
    pages = [a.save_as for a in items]
    writer = writer_of(write)
    if not active(self.settings) or writer is None or len(set(pages)) != len(pages):
        return _ORIGINAL["generate_articles"](self, write)
    memo = _memos.get(id(self.settings))
    view = view_for("article", self.settings["THEME"], self.context)
    if memo is None or not memo.enabled:
        view = None
    kept: list[str] = []

    def write_article(article: Any) -> None:
        signals.article_generator_write_article.send(self, content=article)
        path = sanitised_join(writer.output_path, article.save_as)
        if (
            view is not None
            and getattr(article, "template", "article") == "article"
            and not hasattr(article, "override_save_as")
            and path not in writer._written_files
        ):
            memo.wrote(path, [path])
            if memo.unchanged(path, key_or_none(view, article, article.save_as)):
                # As if written: a later page with the same name still fails as in Pelican.
                writer._written_files.add(path)
                kept.append(path)
                return
        write(
            article.save_as,
            self.get_template(article.template),
            self.context,
            article=article,
            category=getattr(article, "category", None),
            override_output=hasattr(article, "override_save_as"),
            url=article.url,
            blog=True,
        )

    fork = can_fork(self.settings, len(items))
    if fork:
        settle_attachments(items)
    write_pages(items, [1] * len(items), write_article, writer, fork=fork,
                memo=memo if view is not None else None, kept=kept, label="article")


def write_plugin_pages(
    generator: Any,
    writer: Any,
    template: str,
    objects: Sequence[Any],
    page_of: Callable[[Any], tuple[str, dict[str, Any]]],
) -> None:
    """Write one page of ``template`` per object, for a plugin's own generator.

    ``page_of(obj)`` gives the page's save_as and the keyword arguments of
    ``writer.write_file``. With speedups active, a page whose view (what
    ``template`` shows of its object, registered by the theme) is unchanged
    since the last build, and whose file is as that build left it, is not
    rendered; the rest are written half by a fork when there are many.
    """
    settings = generator.settings
    relative = settings.get("RELATIVE_URLS", False)
    compiled = generator.get_template(template)
    memo = _memos.get(id(settings)) if active(settings) else None
    usable = memo is not None and memo.enabled and isinstance(writer, ChangedOnlyWriter)
    view = view_for(template, settings["THEME"], generator.context) if usable else None
    kept: list[str] = []

    def write_one(obj: Any) -> None:
        save_as, extra = page_of(obj)
        path = sanitised_join(writer.output_path, save_as)
        if view is not None and path not in writer._written_files:
            memo.wrote(path, [path])
            if memo.unchanged(path, key_or_none(view, obj, save_as)):
                writer._written_files.add(path)
                kept.append(path)
                return
        writer.write_file(save_as, compiled, generator.context, relative, **extra)

    pages = [page_of(obj)[0] for obj in objects]
    fork = active(settings) and can_fork(settings, len(objects)) and len(set(pages)) == len(pages)
    write_pages(objects, [1] * len(objects), write_one, writer, fork=fork,
                memo=memo if view is not None else None, kept=kept, label=template)


def settle_attachments(items: list[Any]) -> None:
    """Read here the content of every page that {attach}es a file.

    Reading it moves the attached static file next to the page (its
    save_as changes): done in a forked writer, the move would stay in the
    child, and the static generator would copy the file where no page links it.
    """
    for item in items:
        if "attach" in (item._content or ""):
            item.get_content(item.get_siteurl())


# --- unchanged output is not rewritten ----------------------------------------


class ChangedOnlyWriter(Writer):
    """Pelican's Writer, except that a file whose bytes are unchanged is left alone."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        # The build's writer, whose _written_files are the pages it produced.
        if settings is not None:
            _builds.setdefault(id(settings), {})["writer"] = self

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        # Pelican's overwrite checks, copied from Writer._open_w (4.12), which
        # opens and truncates the file at once; here the file is only opened
        # when the new content differs.
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            logger.info('Skipping "%s", not overwriting', filename)
            filename = os.devnull
        elif filename in self._written_files:
            if override:
                logger.info('Overwriting "%s"', filename)
            else:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if filename == os.devnull:
            # Pelican's "not overwriting": discarded. Never write_bytes_if_changed,
            # which would rename a new file over /dev/null.
            return io.StringIO()
        return TextFileIfChanged(filename, encoding)


def copy_file_if_changed(source: str, destination: str) -> None:
    """Pelican's copy_file, except that an identical destination is left alone.

    Pelican copies the theme's static files on every build with
    shutil.copyfile, which gives each one a new mtime; the bytes are the
    same, so this is safe in any build, with or without the plugin. A
    changed destination is unlinked first, never rewritten in place (it may
    be hard-linked to the published site; see write_if_changed).
    """
    WRITTEN.add(os.path.abspath(destination))
    try:
        if os.path.getsize(source) == os.path.getsize(destination):
            with open(source, "rb") as handle:
                if same_bytes(destination, handle.read()):
                    return
        os.remove(destination)
    except OSError:
        pass
    _ORIGINAL_COPY_FILE(source, destination)


def choose_writer(pelican: Any) -> type[Writer] | None:
    settings = pelican.settings
    if not active(settings):
        return None
    # get_writer fires once, after every generator's context is final and just
    # before any output is written: from here on a URL no longer changes.
    _writing.add(id(settings))
    # Relative URLs make a page's links depend on where it is written while
    # its content is derived: no memo then.
    if not settings.get("RELATIVE_URLS"):
        stamp = f"{settings.get('DIGEST_CODE_HASH') or ''}\n{hash_settings(settings)}"
        _memos[id(settings)] = PageMemo(settings, stamp if settings.get("DIGEST_CODE_HASH") else "")
    return ChangedOnlyWriter


def end_writing(pelican: Any) -> None:
    _writing.discard(id(pelican.settings))
    memo = _memos.pop(id(pelican.settings), None)
    if memo is not None:
        memo.save()


# --- files this build did not produce are removed ------------------------------------


def note_static_files(generator: Any) -> None:
    _builds.setdefault(id(generator.settings), {})["static"] = generator


def remove_stale_output(settings: dict[str, Any]) -> None:
    """Remove from OUTPUT_PATH the files an earlier build made and this one did not.

    With DIGEST_REMOVE_STALE_OUTPUT = "all" (publishconf.py: the publish
    build's folder is a copy of the last published site), every file this
    build did not write, copy or keep goes, as if the folder had been emptied.

    Once per build, when every page, feed and static file is in place:
    theme_support asks for it before it lists the pages in the sitemap
    (``digest_output_complete``); ``finalized`` is the fallback without it.
    """
    build = _builds.pop(id(settings), None)
    wanted = settings.get("DIGEST_REMOVE_STALE_OUTPUT", True)
    if not active(settings) or build is None or not wanted:
        return
    writer, static = build.get("writer"), build.get("static")
    if writer is None:
        return
    output = settings["OUTPUT_PATH"]
    holder = folder_holding(output, _own_folders(settings))
    if holder is not None:
        # As Pelican's DELETE_OUTPUT_DIRECTORY: a folder holding the sources is not emptied.
        logger.warning("speedups: no stale files removed: the output folder %s holds %s",
                       output, holder)
        return
    produced = set(writer._written_files) | WRITTEN
    if static is not None:
        produced |= {os.path.join(output, sc.save_as) for sc in static.context["staticfiles"]}
    keep = tuple(settings.get("OUTPUT_RETENTION") or ()) + tuple(KEPT)
    listing = manifest_path(settings.get("CACHE_PATH") or "cache", output)
    made_now = relative_to(output, produced)
    if wanted == "all":
        stale = stale_files(output, produced, keep=keep)
    else:
        # Only files an earlier build made here: `make html OUTPUTDIR=` a
        # folder that holds other things must not empty it.
        stale = no_longer_made(output, read_manifest(listing), made_now, keep=keep)
    write_manifest(listing, made_now)
    if stale:
        remove_files(output, stale)
        logger.info("speedups: removed %d files the build no longer makes, e.g. %s",
                    len(stale), os.path.relpath(stale[0], output))


def _own_folders(settings: dict[str, Any]) -> list[str]:
    """The build's inputs and caches: never inside the folder it cleans."""
    paths = [settings.get(name) for name in ("PATH", "CACHE_PATH", "THEME")]
    return [str(p) for p in [*paths, *settings.get("PLUGIN_PATHS", [])] if p]


def remove_stale_output_at_the_end(pelican: Any) -> None:
    remove_stale_output(pelican.settings)


# --- what one run of Pelican.run() holds, and gives back however it ends ----------------


def run_one_build(run: Any) -> Any:
    """Wrap Pelican.run: build-scoped state is set up before and given back after.

    Around every run, not at signals: ``pelican -r`` sends ``initialized``
    once per session, and a failed run never sends ``finalized``.
    """

    @functools.wraps(run)
    def run_build(self: Any) -> Any:
        _stamps.clear()  # files may have changed since the last run
        WRITTEN.clear()
        KEPT.clear()
        _exit_state["build_finished"] = False
        # pelican -r runs one instance again after each edit, but sends
        # initialized once: the code hash (page memo, caches) must be taken again.
        if getattr(self, "_speedups_runs", 0):
            guard_cache(self)
        self._speedups_runs = getattr(self, "_speedups_runs", 0) + 1
        thresholds = hold_full_collections(self.settings)
        try:
            result = run(self)
        finally:
            _stamps.clear()
            # A build that failed keeps the last memo: its pages are rendered again.
            _memos.pop(id(self.settings), None)
            _builds.pop(id(self.settings), None)
            if thresholds is not None:
                gc.set_threshold(*thresholds)
        if active(self.settings):
            exit_without_teardown_after_this_build()
        return result

    run_build.original = run  # type: ignore[attr-defined]
    return run_build


# --- no full garbage collections during a build ----------------------------------------


def hold_full_collections(settings: dict[str, Any]) -> tuple[int, int, int] | None:
    """Keep the collector to young objects while a build runs; the old thresholds.

    A 10,000-story site is millions of long-lived objects (the loaded
    content cache, articles, tags). Each full collection walks them all:
    about 13 of them, 3.5 s of a 20 s rebuild, and they find almost nothing
    (a whole rebuild without any collection peaks 20 MB higher). Young
    objects are still collected as usual, so short-lived cycles (rendering)
    never pile up; full collections resume when the build ends.
    """
    if not active(settings):
        return None
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], 1_000_000_000)
    return thresholds


# --- no interpreter teardown after a finished command-line build -------------------------


def exit_without_teardown_after_this_build() -> None:
    """Let the ``pelican`` command exit without freeing its objects one by one.

    After a build of 10,000 stories Python spends 2-3 s freeing the site
    model at exit, for nothing. Called when Pelican.run() has returned: the
    build succeeded, and a failing one (strict mode, an exception) exits the
    usual way, with its error code. Anything logged at WARNING or above
    after that (``main()`` logs before every error exit, and on Ctrl-C)
    cancels the shortcut. Only the command line is concerned; a build
    inside another program (tests, a server) is left alone.
    """
    if not _is_pelican_command() or not hasattr(atexit, "_run_exitfuncs"):
        return
    _exit_state["build_finished"] = True
    if not _exit_state["guarded"]:
        _exit_state["guarded"] = True
        logging.getLogger().addHandler(_CancelFastExit())
    # Registered (again) last, so called first at exit, before any handler
    # registered during this build.
    atexit.unregister(_exit_now)
    atexit.register(_exit_now)


class _CancelFastExit(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        _exit_state["build_finished"] = False


def _exit_now() -> None:
    if _exit_state["exiting"] or not _exit_state["build_finished"]:
        return
    _exit_state["exiting"] = True
    atexit._run_exitfuncs()  # every other exit handler (logging, the search indexer …), once
    sys.stdout.flush()
    sys.stderr.flush()
    if _exit_state["build_finished"]:
        os._exit(0)
    # An exit handler logged a warning: leave the usual way.


def _is_pelican_command() -> bool:
    script = os.path.basename(sys.argv[0]) if sys.argv else ""
    parent = os.path.basename(os.path.dirname(sys.argv[0])) if sys.argv else ""
    return script == "pelican" or (script == "__main__.py" and parent == "pelican")


_exit_state = {"guarded": False, "build_finished": False, "exiting": False}


# --- each content file hashed once per build ----------------------------------------


def stamp_once(self: Any, filename: str) -> Any:
    """FileStampDataCacher._get_file_stamp, computed once per file and build.

    With CHECK_MODIFIED_METHOD = "md5" Pelican reads and hashes each file
    each time either content cache (generator's, reader's) looks it up or
    stores it: six times per new story. A file does not change within a
    build; the stamps are forgotten when the run ends (run_one_build).
    """
    if not active(self.settings):
        return _ORIGINAL_FILE_STAMP(self, filename)
    key = (self.settings.get("CHECK_MODIFIED_METHOD"), filename)
    if key not in _stamps:
        if not _regular_or_missing(filename):
            # A named pipe would block the read forever; the wire reader
            # rejects it by name. "" is Pelican's stamp for an unreadable file.
            _stamps[key] = ""
        else:
            _stamps[key] = _ORIGINAL_FILE_STAMP(self, filename)
    return _stamps[key]


def _regular_or_missing(path: str) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return True  # Pelican's own stamp reports it
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


_stamps: dict[tuple[Any, str], Any] = {}


# --- URLs computed once per article ---------------------------------------------


def get_url_setting(self: Any, key: str) -> str:
    """Pelican's Content.get_url_setting, memoized on what the URL pattern uses.

    Pelican re-formats the URL pattern from a copy of all metadata (and a
    relpath of the source) on every ``article.url``: about 30 times per
    article. Once output writing starts nothing changes and the first answer
    is kept; before that, the answer is kept per value of the fields the
    pattern names ({slug}, {date}, {category}, …), so a changed slug or date
    still gives a new URL.
    """
    if not active(self.settings):
        return _ORIGINAL_URL_SETTING(self, key)
    memo = self.__dict__.setdefault("_speedups_url_settings", {})
    if id(self.settings) in _writing:
        if key not in memo:
            memo[key] = _memoized_by_fields(self, key, memo)
        return memo[key]
    return _memoized_by_fields(self, key, memo)


def _memoized_by_fields(self: Any, key: str, memo: dict) -> str:
    fingerprint = _url_fingerprint(self, key)
    if fingerprint is None:
        return _ORIGINAL_URL_SETTING(self, key)
    if memo.get(("fields", key), (None,))[0] != fingerprint:
        url = _format_url(self, fingerprint[0])
        if url is None:
            url = _ORIGINAL_URL_SETTING(self, key)
        memo[("fields", key)] = (fingerprint, url)
    return memo[("fields", key)][1]


def _format_url(content: Any, pattern_key: str) -> str | None:
    """What Pelican's ``_expand_settings`` gives, reading only the fields the pattern names.

    Pelican copies all metadata and takes a relpath of the source for every
    URL; a pattern without {path} needs neither. None (Pelican's own way,
    with its errors) for {path}, a missing setting or a missing field.
    """
    if pattern_key not in content.settings:
        return None
    pattern = str(content.settings[pattern_key])
    values: dict[str, Any] = {}
    for name in pattern_fields(pattern):
        if name == "slug":
            values[name] = getattr(content, "slug", "")
        elif name == "lang":
            values[name] = getattr(content, "lang", "en")
        elif name in ("author", "category"):
            values[name] = getattr(content, name).slug if hasattr(content, name) else ""
        elif name in content.metadata and name not in ("path", "date"):
            values[name] = content.metadata[name]
        elif name == "date" and hasattr(content, "date"):
            values[name] = content.date
        else:
            return None
    return pattern.format(**values)


def _url_fingerprint(content: Any, key: str) -> tuple | None:
    """The values the URL pattern for ``key`` reads, or None when they cannot be known cheaply."""
    if hasattr(content, "override_" + key) or type(content) not in (Article, Page):
        return None
    lang_key = key if content.in_default_lang else f"lang_{key}"
    draft = getattr(content, "status", None) == "draft"
    kind = {Article: "draft" if draft else "article", Page: "draft_page" if draft else "page"}
    pattern = str(content.settings.get(f"{kind[type(content)]}_{lang_key}".upper(), ""))
    # The setting's name first: _format_url formats that setting.
    values: list[Any] = [f"{kind[type(content)]}_{lang_key}".upper(), pattern]
    for name in pattern_fields(pattern):
        if name in ("slug", "lang", "date"):
            value = getattr(content, name, None)
        elif name in ("author", "category"):
            value = getattr(getattr(content, name, None), "slug", None)
        elif name == "path":
            return None
        else:
            value = content.metadata.get(name)
        try:
            hash(value)
        except TypeError:
            return None
        values.append(value)
    return tuple(values)


@functools.cache
def pattern_fields(pattern: str) -> tuple[str, ...]:
    """Top-level field names of a str.format pattern: "{date:%Y}/{slug}/" -> (date, slug)."""
    names = [re.split(r"[.\[]", field, maxsplit=1)[0]
             for _text, field, _spec, _conv in string.Formatter().parse(pattern) if field]
    return tuple(dict.fromkeys(names))


# --- content cache guard -------------------------------------------------------


def guard_cache(pelican: Any) -> None:
    """Stamp the cache with the code and settings; drop it when they changed."""
    settings = pelican.settings
    if not active(settings):
        return
    code = code_roots(settings, [p.__name__.split(".")[0] for p in pelican.plugins])
    # A library upgrade (typogrify, bs4 …) changes what the caches hold, too.
    code_and_libraries = f"{hash_trees(code)}\n{library_versions(CACHED_LIBRARIES)}"
    settings["DIGEST_CODE_HASH"] = hashlib.sha256(code_and_libraries.encode()).hexdigest()
    fingerprint = (
        f"pelican {pelican_version}\n{settings['DIGEST_CODE_HASH']}\n"
        f"{_content_cache_key(settings)}"
    )
    cache = settings["CACHE_PATH"]
    names = os.listdir(cache) if os.path.isdir(cache) else []
    if reset_cache_if_stale(cache, fingerprint, [n for n in names if "Generator" in n]):
        logger.info("speedups: content cache reset (code or settings changed)")


def _content_cache_key(settings: dict[str, Any]) -> str:
    # The reader layer caches what readers return, which no URL setting
    # shapes; the generator layer caches whole articles, settings included.
    if settings.get("CONTENT_CACHING_LAYER", "reader") == "reader":
        return hash_reading_settings(settings)
    return hash_settings(settings)


def code_roots(settings: dict[str, Any], plugin_names: list[str]) -> list[str]:
    """Folders whose files shape the output: loaded plugins (code + data) and the theme."""
    roots = [settings["THEME"]]
    for base in settings.get("PLUGIN_PATHS", []):
        roots += [
            os.path.join(base, name)
            for name in plugin_names
            if os.path.isdir(os.path.join(base, name))
        ]
    return roots


# --- a content cache is saved only when this build added to it ------------------


def cacher_init(self: Any, settings: Any, cache_name: str, caching_policy: Any,
                load_policy: Any) -> None:
    _ORIGINAL_CACHER_INIT(self, settings, cache_name, caching_policy, load_policy)
    # Only a cache that was loaded whole may be left on disk as it is; one
    # that started empty for another reason (first build, unreadable file,
    # LOAD_CONTENT_CACHE off) is always saved.
    self._digest_saved = bool(load_policy) and (bool(self._cache) or _holds_empty_cache(self))


def _holds_empty_cache(cacher: Any) -> bool:
    """True when the cache file is there and holds an empty cache (a site with no pages)."""
    try:
        if os.path.getsize(cacher._cache_path) > 64:
            return False
        with cacher._cache_open(cacher._cache_path, "rb") as handle:
            return pickle.load(handle) == {}
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return False


def cache_data_noting(self: Any, filename: str, data: Any) -> None:
    self._digest_saved = False
    _ORIGINAL_CACHE_DATA(self, filename, data)


def save_cache_if_changed(self: Any) -> None:
    """FileDataCacher.save_cache, skipped when nothing was added since it was loaded.

    Pelican writes the whole reader cache after every build: about 9 KB a
    story, 93 MB and half a second at 10,000 stories, also when nothing
    changed. Entries are only ever added (cache_data), never changed in place.
    """
    if active(self.settings) and getattr(self, "_digest_saved", False):
        return
    _ORIGINAL_SAVE_CACHE(self)


# --- typography for content the wire reader did not read -------------------------


def typogrify_other_content(content: Any) -> None:
    """Typogrify pages and non-wire articles, as Pelican's TYPOGRIFY would have.

    The wire reader typogrifies its own output (cached); TYPOGRIFY is False so
    Pelican does not do it twice, and Markdown pages are done here instead.
    """
    settings = content.settings
    if (
        not active(settings)
        or settings.get("TYPOGRIFY")
        or not settings.get("DIGEST_TYPOGRIFY", True)
        or content.metadata.get("reader") in (None, "wire")
    ):
        return
    from wire_reader.typography import quotes_for, typogrify_html  # a plugin too, loaded first

    # A story in Russian (its Lang: header) is quoted as Russian is: «so».
    lang = str(content.metadata.get("lang") or "").lower().replace("_", "-")  # "ru_RU"

    def typogrify(html: str) -> str:
        return quotes_for(typogrify_html(html, settings), lang)

    if content._content:
        content._content = typogrify(content._content)
    if "title" in content.metadata:
        content.metadata["title"] = content.title = typogrify(content.metadata["title"])
    if "summary" in content.metadata:
        content.metadata["summary"] = content._summary = typogrify(content.metadata["summary"])


def register() -> None:
    for name, function in (
        ("generate_tags", generate_tags),
        ("generate_categories", generate_categories),
        ("generate_authors", generate_authors),
        ("_build_period_archives", build_period_archives),
        ("generate_articles", generate_articles),
    ):
        setattr(ArticlesGenerator, name, function)
    Content.get_url_setting = get_url_setting
    utils.copy_file = copy_file_if_changed
    # Same results as Pelican's, in linear time: safe with or without the plugin.
    generators.process_translations = process_translations
    # Same dates as Pelican's, most of them without dateutil: safe likewise.
    if not hasattr(readers.get_date, "original"):
        readers.get_date = fast_get_date(readers.get_date, utils.SafeDatetime)
    # Same text as Pelican's strftime, by datetime itself for plain formats.
    if not hasattr(utils.SafeDatetime.strftime, "original"):
        utils.SafeDatetime.strftime = fast_strftime(utils.SafeDatetime.strftime)
    # One hash of each file per build, not six (see stamp_once).
    FileStampDataCacher._get_file_stamp = stamp_once
    FileDataCacher.__init__ = cacher_init
    FileDataCacher.cache_data = cache_data_noting
    FileDataCacher.save_cache = save_cache_if_changed
    # initialized: before any generator is built, so none loads a stale cache.
    signals.initialized.connect(guard_cache)
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(end_writing)
    signals.static_generator_finalized.connect(note_static_files)
    signal("digest_output_complete").connect(remove_stale_output)
    signals.finalized.connect(remove_stale_output_at_the_end)
    if not hasattr(Pelican.run, "original"):
        Pelican.run = run_one_build(Pelican.run)
    # content_object_init: every Page/Article, cached or not, before any link or
    # summary is derived from it.
    signals.content_object_init.connect(typogrify_other_content)
