"""Issue 10: the speedups plugin changes how fast the site is built, never what is built."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, write_wire
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import make_corpus, to_wire  # noqa: E402
from speedups.cache_guard import hash_trees, reset_cache_if_stale, stable_repr  # noqa: E402
from speedups.grouping import order_like, position_index  # noqa: E402

PLUGINS_WITHOUT = [
    p
    for p in __import__("pelican.settings", fromlist=["read_settings"]).read_settings(
        str(ROOT / "pelicanconf.py")
    )["PLUGINS"]
    if p != "speedups"
]


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def both_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """Twelve stories over several months, two per list page, with and without speedups."""
    base = tmp_path_factory.mktemp("speedups")
    content = base / "content"
    for story in make_corpus(12, seed=3):
        write_wire(content, f"{story.date:%Y-%m-%d}-{story.slug}.txt", to_wire(story))
    small_pages = {"DEFAULT_PAGINATION": 2}
    with_speedups = tree(build(content, base / "with", **small_pages))
    without = tree(build(content, base / "without", PLUGINS=PLUGINS_WITHOUT, **small_pages))
    return with_speedups, without


@pytest.mark.parametrize(
    "prefix", ["tag/", "region/", "author/", "archives/", "tags/", "regions/", "authors/", "index"]
)
def test_list_pages_identical_with_and_without_speedups(
    both_builds: tuple[dict[str, str], dict[str, str]], prefix: str
) -> None:
    with_speedups, without = both_builds
    pages = {k for k in without if k.startswith(prefix)}
    assert pages, f"the fixture site has no {prefix} pages"
    assert {k: with_speedups.get(k) for k in pages} == {k: without[k] for k in pages}


def test_whole_site_identical_with_and_without_speedups(
    both_builds: tuple[dict[str, str], dict[str, str]],
) -> None:
    with_speedups, without = both_builds
    assert any(k.startswith("tag/") and k.endswith("index2.html") for k in without), (
        "pagination not exercised"
    )
    assert with_speedups == without


@pytest.mark.parametrize(
    ("reference", "members", "expected"),
    [
        ("abcdef", "fca", "acf"),
        ("abcdef", "", ""),
        ("abc", "cxa", "ac"),  # not in the reference: dropped, as Pelican's filter drops it
        ("abc", "bab", "ab"),  # listed twice (two tags with one slug): once
    ],
)
def test_order_like_matches_pelicans_filter(reference: str, members: str, expected: str) -> None:
    objects = {c: object() for c in "abcdefx"}
    ref = [objects[c] for c in reference]
    got = order_like([objects[c] for c in members], position_index(ref))
    assert got == [objects[c] for c in expected]
    assert got == [r for r in ref if r in [objects[c] for c in members]]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"b": 1, "a": [2, 3]}, "{'a': [2, 3], 'b': 1}"),
        ({3, 1, 2}, "{1, 2, 3}"),
        (len, "<builtins.len>"),
        (object(), "<object>"),  # no memory address: the same in every process
    ],
)
def test_stable_repr(value: object, expected: str) -> None:
    assert stable_repr(value) == expected


def test_code_hash_follows_file_contents(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "topics.yaml").write_text("oil: 1\n")
    before = hash_trees([str(tmp_path)])
    assert hash_trees([str(tmp_path)]) == before
    (tmp_path / "data" / "topics.yaml").write_text("oil: 2\n")
    assert hash_trees([str(tmp_path)]) != before


def test_cache_files_removed_only_when_fingerprint_changes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert reset_cache_if_stale(str(cache), "one", ["ArticlesGenerator-Readers"])
    (cache / "ArticlesGenerator-Readers").write_bytes(b"pickle")
    assert not reset_cache_if_stale(str(cache), "one", ["ArticlesGenerator-Readers"])
    assert (cache / "ArticlesGenerator-Readers").exists()
    assert reset_cache_if_stale(str(cache), "two", ["ArticlesGenerator-Readers"])
    assert not (cache / "ArticlesGenerator-Readers").exists()


def grain_story(tmp_path: Path) -> tuple[Path, str]:
    """A content folder with one ALL-CAPS story, and its page's output path."""
    content = tmp_path / "content"
    write_wire(
        content,
        "2024-05-18-grain.txt",
        "KAZAKH GRAIN EXPORTS TO CHINA RISE\n\nASTANA, May 18 (Reuters) - Kazakhstan "
        "sold more wheat to China this year, officials said.\n",
    )
    return content, "2024/05/18/kazakh-grain-exports-to-china-rise/index.html"


def test_setting_change_reaches_cached_articles(tmp_path: Path) -> None:
    # Pelican 4.12 keys its reader cache on the file alone: without the guard,
    # the second build would still show the title-cased headline.
    content, page = grain_story(tmp_path)
    first = (build(content, tmp_path / "site") / page).read_text()
    assert "Kazakh Grain Exports" in first
    second = (build(content, tmp_path / "site", WIRE_HEADLINE_CASE="keep") / page).read_text()
    assert "KAZAKH GRAIN EXPORTS" in second


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, "2024/05/17/harbin-talks/"),
        ({"slug": "harbin-deal"}, "2024/05/17/harbin-deal/"),
        ({"date": "2024-06-01"}, "2024/06/01/harbin-talks/"),
        ({"slug": "x", "date": "2023-01-02"}, "2023/01/02/x/"),
    ],
)
def test_memoized_url_follows_slug_and_date_changes(change: dict, expected: str) -> None:
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from speedups.speedups import _ORIGINAL_URL_SETTING, get_url_setting

    settings = {**DEFAULT_CONFIG, "PLUGINS": ["speedups"],
                "ARTICLE_URL": "{date:%Y}/{date:%m}/{date:%d}/{slug}/"}
    article = Article("<p>x</p>", settings=settings, metadata={
        "title": "Harbin talks", "slug": "harbin-talks", "date": dt.datetime(2024, 5, 17)})
    assert get_url_setting(article, "url") == "2024/05/17/harbin-talks/"
    for name, value in change.items():
        setattr(article, name, dt.datetime.fromisoformat(value) if name == "date" else value)
    assert get_url_setting(article, "url") == expected
    assert get_url_setting(article, "url") == _ORIGINAL_URL_SETTING(article, "url")


@pytest.mark.parametrize(
    ("weights", "mine", "theirs"),
    [
        ([], [], []),
        ([1], [0], []),
        ([1, 1, 1, 1], [0, 2], [1, 3]),
        ([100, 1, 1, 1], [0], [1, 2, 3]),  # one big tag against many small ones
        ([5, 9, 4], [1], [0, 2]),
    ],
)
def test_split_by_weight_balances_and_keeps_order(weights: list, mine: list, theirs: list) -> None:
    from speedups.two_processes import split_by_weight

    assert split_by_weight(weights) == (mine, theirs)


@pytest.mark.parametrize(
    "stories",
    [
        [],
        [("a", "en")],
        [("a", "en"), ("a", "ru"), ("b", "en")],  # a translation and a lone original
        [("a", "ru"), ("a", "en"), ("c", "ru")],  # an original only in another language
        [("a", "en"), ("a", "en"), ("b", "de")],  # two originals with one slug: both kept
    ],
)
def test_linear_process_translations_matches_pelicans(stories: list) -> None:
    import datetime as dt

    from pelican import utils
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from speedups.translations import process_translations

    def articles() -> list:
        return [Article("<p>x</p>", settings=dict(DEFAULT_CONFIG), metadata={
            "title": f"{slug} {lang} {i}", "slug": slug, "lang": lang,
            "date": dt.datetime(2024, 5, 17)}) for i, (slug, lang) in enumerate(stories)]

    def shape(result: tuple) -> tuple:
        return tuple([(a.title, sorted(t.title for t in a.translations)) for a in part]
                     for part in result)

    assert shape(process_translations(articles(), "slug")) == shape(
        utils.process_translations(articles(), "slug"))


@pytest.mark.parametrize("failing_side", ["fork", "parent"])
def test_a_failing_page_writer_fails_the_build(tmp_path: Path, failing_side: str) -> None:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.writers import Writer
    from speedups.two_processes import split_by_weight, write_in_two_processes

    items = list(range(80))
    mine, theirs = split_by_weight([1] * len(items))
    bad = (theirs if failing_side == "fork" else mine)[3]
    writer = Writer(str(tmp_path), settings=dict(DEFAULT_CONFIG))

    def write_one(item: int) -> None:
        if item == bad:
            raise ValueError(f"page {item} cannot be written")
        (tmp_path / f"{item}.html").write_text("ok", encoding="utf-8")

    expected = RuntimeError if failing_side == "fork" else ValueError
    with pytest.raises(expected):
        write_in_two_processes(items, [1] * len(items), write_one, writer)


def test_forked_writer_reports_the_files_it_wrote(tmp_path: Path) -> None:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.writers import Writer
    from speedups.two_processes import write_in_two_processes

    writer = Writer(str(tmp_path), settings=dict(DEFAULT_CONFIG))

    def write_one(item: int) -> None:
        path = str(tmp_path / f"{item}.html")
        writer._written_files.add(path)
        (tmp_path / f"{item}.html").write_text("ok", encoding="utf-8")

    write_in_two_processes(list(range(80)), [1] * 80, write_one, writer)
    assert len(list(tmp_path.glob("*.html"))) == 80
    assert writer._written_files == {str(tmp_path / f"{i}.html") for i in range(80)}


# Pelican's own get_date, whatever speedups has done to pelican.readers.
from pelican import utils as pelican_utils  # noqa: E402
from speedups.dates import fast_get_date  # noqa: E402

DATE_PARTS = st.tuples(
    st.integers(0, 10_000), st.integers(0, 14), st.integers(0, 32),
    st.integers(0, 25), st.integers(0, 61), st.integers(0, 61),
    st.sampled_from(["T", " ", "_", "t"]), st.integers(1, 3),
)


# Pelican's dateutil warns about some generated strings ("T" read as a zone).
@pytest.mark.filterwarnings("ignore:tzname")
@settings(max_examples=1500, deadline=None)
@given(st.one_of(
    DATE_PARTS.map(lambda p: (f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}{p[6]}"
                              f"{p[3]:02d}:{p[4]:02d}:{p[5]:02d}")[: [10, 16, 19][p[7] - 1]]),
    st.text(alphabet="0123456789-:T +Z.", max_size=22),
))
def test_fast_get_date_matches_pelicans(text: str) -> None:
    fast = fast_get_date(pelican_utils.get_date, pelican_utils.SafeDatetime)
    try:
        expected = pelican_utils.get_date(text)
    except (ValueError, OverflowError) as err:  # "2200000000": dateutil overflows
        with pytest.raises(type(err), match=re.escape(str(err))):
            fast(text)
        return
    got = fast(text)
    assert (type(got), got, got.tzinfo) == (type(expected), expected, expected.tzinfo)


def test_files_are_hashed_once_per_build(tmp_path: Path) -> None:
    # A story changed between two builds in one process is read again: the
    # per-build stamps must not outlive the build.
    content = tmp_path / "content"
    write_wire(content, "2024-05-01-talks.txt", "TALKS OPEN IN ASTANA\n\nBy Ann Lee\n\n"
               "ASTANA, May 1 - Talks opened on Wednesday.\n")
    out = build(content, tmp_path / "site")
    first = next(out.rglob("talks-open-in-astana/index.html")).read_text()
    write_wire(content, "2024-05-01-talks.txt", "TALKS OPEN IN ASTANA\n\nBy Ann Lee\n\n"
               "ASTANA, May 1 - Talks closed on Thursday.\n")
    out = build(content, tmp_path / "site")
    second = next(out.rglob("talks-open-in-astana/index.html")).read_text()
    assert "opened on Wednesday" in first
    assert "closed on Thursday" in second and "opened on Wednesday" not in second


def test_derived_cache_keeps_values_between_builds_while_the_code_is_the_same(
    tmp_path: Path,
) -> None:
    from speedups.derived_cache import DerivedCache

    settings = {"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True,
                "DIGEST_CODE_HASH": "code-1"}
    calls: list[str] = []

    def derive(text: str) -> str:
        calls.append(text)
        return text.upper()

    first = DerivedCache(settings, "probe")
    assert [first.get((t,), lambda t=t: derive(t)) for t in ("a", "b", "a")] == ["A", "B", "A"]
    first.save()
    assert calls == ["a", "b"]  # once per input, even within a build
    second = DerivedCache(settings, "probe")
    assert second.get(("b",), lambda: derive("b")) == "B"
    second.save()  # keeps only what this build used: "b"
    assert calls == ["a", "b"]
    third = DerivedCache(settings, "probe")
    assert third.get(("a",), lambda: derive("a")) == "A"
    assert calls == ["a", "b", "a"]
    # Inputs are kept apart: ("ab",) is not ("a", "b").
    assert third.get(("a", "b"), lambda: "pair") == "pair"
    assert third.get(("ab",), lambda: "joined") == "joined"
    changed = DerivedCache({**settings, "DIGEST_CODE_HASH": "code-2"}, "probe")
    assert changed.get(("b",), lambda: derive("b")) == "B"
    assert calls == ["a", "b", "a", "b"]  # other code: nothing reused
    off = DerivedCache({**settings, "CACHE_CONTENT": False}, "probe")
    assert not off.enabled and off.old == {}


@pytest.mark.parametrize("strict", [False, True])
def test_command_line_build_exits_with_its_status_and_runs_exit_handlers(
    tmp_path: Path, strict: bool
) -> None:
    # A finished command-line build skips the interpreter's teardown; its
    # exit handlers (the bench probe's, logging's) must still run, and a
    # failed build must still fail.
    import json
    import subprocess

    content = tmp_path / "content"
    write_wire(content, "2024-05-01-talks.txt", "TALKS OPEN IN ASTANA\n\nBy Ann Lee\n\n"
               "ASTANA, May 1 - Talks opened on Wednesday.\n")
    (content / "2024-05-02-empty.txt").write_text("", encoding="utf-8")
    probe = tmp_path / "probe.json"
    overrides = {"CACHE_PATH": str(tmp_path / "cache"), "WIRE_STRICT": strict,
                 "WIRE_REPORT_PATH": str(tmp_path / "report.json"),
                 "PLUGINS": ["bench_probe", *PLUGINS_WITHOUT, "speedups"],
                 "BENCH_PROBE_PATH": str(probe)}
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "out"),
         "-s", str(ROOT / "pelicanconf.py"), "-e",
         *[f"{k}={json.dumps(v)}" for k, v in overrides.items()]],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    if strict:
        assert done.returncode != 0
        # Pelican's log handler wraps the message and puts its source location in it.
        said = " ".join((done.stdout + done.stderr).split())
        assert "strict mode: 1 file(s)" in said and "2024-05-02-empty.txt: empty" in said
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Done: Processed 1 article" in done.stdout
        assert (tmp_path / "out" / "2024" / "05" / "01").is_dir()
    assert "exit" in json.loads(probe.read_text())  # the probe's exit handler ran


def test_full_collections_wait_for_the_end_of_a_build(tmp_path: Path) -> None:
    # Held only while a build with speedups runs.
    import gc

    from pelican import signals

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []

    def during(*_args: object, **_kwargs: object) -> None:
        seen.append(gc.get_threshold())

    signals.all_generators_finalized.connect(during)
    try:
        content = tmp_path / "content"
        write_wire(content, "2024-05-01-talks.txt", "TALKS OPEN IN ASTANA\n\nBy Ann Lee\n\n"
                   "ASTANA, May 1 - Talks opened on Wednesday.\n")
        build(content, tmp_path / "with")
        build(content, tmp_path / "without", PLUGINS=PLUGINS_WITHOUT)
    finally:
        signals.all_generators_finalized.disconnect(during)
    assert seen[0][:2] == before[:2] and seen[0][2] >= 1_000_000
    assert seen[1] == before  # no speedups: Pelican's own behaviour
    assert gc.get_threshold() == before


def test_an_error_logged_after_a_finished_build_keeps_its_exit_code(tmp_path: Path) -> None:
    # pelican -r --fatal warnings: a build finished, then the command fails.
    import json
    import subprocess

    content = tmp_path / "content"
    write_wire(content, "2024-05-01-talks.txt", "TALKS OPEN IN ASTANA\n\nBy Ann Lee\n\n"
               "ASTANA, May 1 - Talks opened on Wednesday.\n")
    command = tmp_path / "bin" / "pelican"  # the fast exit is for the pelican command only
    command.parent.mkdir()
    command.write_text(
        "import logging, sys\nfrom pelican import main\nmain()\n"
        "logging.getLogger('pelican').critical('failed after the build')\nsys.exit(3)\n",
        encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(command), str(content), "-o", str(tmp_path / "out"),
         "-s", str(ROOT / "pelicanconf.py"), "-e",
         f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert "Done: Processed 1 article" in done.stdout, done.stdout + done.stderr
    assert done.returncode == 3


def test_code_hash_follows_library_versions() -> None:
    from speedups.cache_guard import CACHED_LIBRARIES, library_versions

    versions = library_versions(CACHED_LIBRARIES)
    assert "typogrify==" in versions and "Markdown==" in versions
    assert library_versions(["no-such-library-here"]) == "no-such-library-here absent"


@pytest.mark.parametrize(
    "pattern",
    [
        "{slug}.html",
        "{date:%Y}/{date:%b}/{slug}/",
        "{date.year}/{slug}/",
        "{category}/{slug}/",
        "{author}/{slug}/",
        "{lang}/{slug}/",
        "{path}",
        "{region}/{slug}/",
        "{missing}/{slug}/",
        "{}/{slug}/",
        "static/page.html",
    ],
)
def test_url_from_named_fields_is_pelicans(pattern: str) -> None:
    import datetime as dt

    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.urlwrappers import Author, Category
    from speedups.speedups import _ORIGINAL_URL_SETTING, get_url_setting

    settings = {**DEFAULT_CONFIG, "PLUGINS": ["speedups"], "ARTICLE_URL": pattern,
                "PATH": "/content"}
    article = Article("<p>x</p>", settings=settings, source_path="/content/wire/a b.txt",
                      metadata={"title": "Harbin talks", "slug": "harbin-talks",
                                "date": dt.datetime(2024, 5, 17), "region": "Far East",
                                "category": Category("Russia & China", settings),
                                "author": Author("Anna Ivanova", settings)})
    try:
        expected = _ORIGINAL_URL_SETTING(article, "url")
    except Exception as error:  # Pelican's own failure must stay the same
        with pytest.raises(type(error)):
            get_url_setting(article, "url")
        return
    assert get_url_setting(article, "url") == expected
    assert expected  # the pattern gave something to compare


import datetime as dt_module  # noqa: E402

from speedups.dates import fast_strftime  # noqa: E402

ORIGINAL_STRFTIME = getattr(pelican_utils.SafeDatetime.strftime, "original",
                            pelican_utils.SafeDatetime.strftime)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(["%Y", "%m", "%d", "%-d", "%-m", "%b", "%B", "%a", "%H", "%M",
                              "%S", "%j", "%%", "%e", "%s", "%", "-", "/", " ", "x", "%z",
                              "%Z", "%y", "%p", "%-H", "%Q"]), max_size=8).map("".join),
    st.datetimes(min_value=dt_module.datetime(1900, 1, 1),
                 max_value=dt_module.datetime(2100, 1, 1)),
)
def test_fast_strftime_matches_pelicans(fmt: str, when: dt_module.datetime) -> None:
    date = pelican_utils.SafeDatetime(*when.timetuple()[:6])
    fast = fast_strftime(ORIGINAL_STRFTIME)
    try:
        expected = ORIGINAL_STRFTIME(date, fmt)
    except (ValueError, TypeError) as err:
        with pytest.raises(type(err)):
            fast(date, fmt)
        return
    assert fast(date, fmt) == expected
    assert fast(date, fmt, False) == ORIGINAL_STRFTIME(date, fmt, False)


def test_switching_between_html_and_publish_keeps_the_read_cache(tmp_path: Path) -> None:
    # `make publish` differs from `make html` in where the site lives, not in
    # what a story reads as: stories parsed for one are not parsed again for
    # the other. A setting that changes what a story reads as still resets
    # the cache (the stamp beside it is rewritten when it is emptied).
    content, page = grain_story(tmp_path)
    stamp = tmp_path / "site" / "cache" / "digest-fingerprint.txt"
    build(content, tmp_path / "site")
    previewed = stamp.read_text()
    published = build(content, tmp_path / "site", "publishconf.py",
                      SITEURL="https://example.org/digest")
    assert 'href="https://example.org/digest/' in (published / page).read_text()
    assert (tmp_path / "site" / "cache" / "ArticlesGenerator-Readers").exists()
    assert stamp.read_text() == previewed
    build(content, tmp_path / "site", WIRE_STRICT=True, DIGEST_PARALLEL=False)  # STRICT=1
    assert stamp.read_text() == previewed
    build(content, tmp_path / "site", WIRE_HEADLINE_CASE="keep")
    assert stamp.read_text() != previewed
