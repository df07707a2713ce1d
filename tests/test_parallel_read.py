"""Issue 10: wire files parsed in worker processes, and pages written by a forked
writer, give the same site as one process."""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, write_wire

sys.path.insert(0, str(ROOT / "scripts"))
from make_corpus import make_corpus, write_corpus  # noqa: E402
from wire_reader import parallel  # noqa: E402
from wire_reader.wire_reader import _prepare_in_worker, prepare_story  # noqa: E402

# Above parallel.MIN_FILES_FOR_POOL, so the pool really runs.
STORIES = 240
PARALLEL_LOG = "files in"  # "wire_reader: parsed N of M files in K worker processes"
FORKED_WRITER_LOG = "pages in two processes"


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def write_content(content: Path) -> None:
    write_corpus(content / "wire", make_corpus(STORIES, seed=10))
    # Rejections must read the same from a worker as from the main process.
    write_wire(content / "wire", "undated-note.txt", "A NOTE WITH NO DATE\n\nNo dateline here.\n")
    (content / "wire" / "2024-05-18-binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    outside = content.parent / "outside.txt"
    write_wire(content.parent, "outside.txt", "SECRET\n\nNot for publication.\n")
    os.symlink(outside, content / "wire" / "2024-05-18-linked.txt")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    """The same content built with DIGEST_PARALLEL on and off: {mode: (out, log lines)}."""
    root = tmp_path_factory.mktemp("parallel")
    content = root / "content"
    write_content(content)
    handler = _ListHandler()
    logging.getLogger().addHandler(handler)
    previous_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.INFO)
    result = {}
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SOURCE_DATE_EPOCH", "1716000000")
            for mode, flag in (("parallel", True), ("serial", False)):
                handler.lines = []
                out = build(content, root / mode, DIGEST_PARALLEL=flag)
                result[mode] = (root / mode, handler.lines)
                assert out.is_dir()
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(previous_level)
    return result


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_parallel_path_is_taken_only_when_asked(builds: dict) -> None:
    parallel_log = [line for line in builds["parallel"][1] if PARALLEL_LOG in line]
    assert len(parallel_log) == 1
    # Every file came back from a worker: nothing fell back to the main process.
    assert parallel_log[0].startswith(f"wire_reader: parsed {STORIES + 3} of {STORIES + 3} files")
    assert not [line for line in builds["serial"][1] if PARALLEL_LOG in line]


def test_pages_are_written_in_two_processes_only_when_asked(builds: dict) -> None:
    forked = [line for line in builds["parallel"][1] if FORKED_WRITER_LOG in line]
    # Article pages (240 + an undated rejection skipped) and at least one taxonomy.
    assert any(line.startswith("speedups: writing 240 pages") for line in forked), forked
    assert len(forked) >= 2

    def tagged(mode: str) -> list[str]:
        return [line for line in builds[mode][1] if line.startswith("auto_tagger: tagged")]

    assert len(tagged("parallel")) == 1 and " 240 stories " in tagged("parallel")[0]
    assert tagged("serial") == []

    def sketched(mode: str) -> list[str]:
        return [line for line in builds[mode][1] if line.startswith("digest_editions: sketched")]

    assert len(sketched("parallel")) == 1 and " 240 texts " in sketched("parallel")[0]
    assert sketched("serial") == []
    assert not [line for line in builds["serial"][1] if FORKED_WRITER_LOG in line]


def test_output_trees_are_byte_identical(builds: dict) -> None:
    parallel_tree = tree_digest(builds["parallel"][0] / "output")
    serial_tree = tree_digest(builds["serial"][0] / "output")
    assert len([p for p in serial_tree if p.endswith(".html")]) > STORIES
    assert parallel_tree == serial_tree


def test_build_reports_are_identical(builds: dict) -> None:
    parallel_report = (builds["parallel"][0] / "build-report.json").read_bytes()
    serial_report = (builds["serial"][0] / "build-report.json").read_bytes()
    for rejected in (b"undated-note.txt", b"2024-05-18-binary.txt", b"2024-05-18-linked.txt"):
        assert rejected in serial_report
    assert parallel_report == serial_report


def _fails_on_odd(value: str) -> int:
    if int(value) % 2:
        raise RuntimeError("worker blew up")
    return int(value)


def _double(value: str) -> int:
    return 2 * int(value)


@pytest.mark.parametrize(("work", "inputs", "expected"), [
    (_double, ["1", "2", "3"], {"1": 2, "2": 4, "3": 6}),
    # A failure the work function did not catch stops the pool; what is
    # missing is read in the main process, so the build never crashes.
    (_fails_on_odd, ["1", "2", "3"], {}),
    (_double, [], {}),
])
def test_map_in_processes_never_raises(work, inputs: list[str], expected: dict) -> None:
    got = parallel.map_in_processes(work, inputs, workers=2)
    assert set(got.items()) <= set(expected.items())
    if work is _double:
        assert got == expected


def test_stream_hands_out_each_result_once_in_any_order() -> None:
    stream = parallel.Stream(_double, [str(n) for n in range(300)], workers=2)
    try:
        # Asked out of order: later results wait until taken, none is lost.
        assert stream.take("250") == 500
        assert stream.take("3") == 6
        assert stream.take("3") is None  # handed out already
        assert stream.take("not given") is None
        rest = {str(n): stream.take(str(n)) for n in range(300) if n not in (3, 250)}
        assert rest == {str(n): 2 * n for n in range(300) if n not in (3, 250)}
        assert stream.taken == 300
    finally:
        stream.close()


def test_stream_whose_pool_fails_leaves_the_work_to_the_caller() -> None:
    stream = parallel.Stream(_fails_on_odd, ["2", "1", "4"], workers=2)
    try:
        got = [stream.take(value) for value in ("2", "1", "4")]
    finally:
        stream.close()
    # The unexpected error ends the pool; the caller does what it lacks.
    assert got[1:] == [None, None]
    assert got[0] in (2, None)


@pytest.mark.parametrize(("make_path", "expected"), [
    # A directory where a file should be: not a WireError, so the worker
    # hands it back (None) and the main process reads and reports it.
    (lambda root: root, None),
    (lambda root: root / "missing.txt", None),
    (lambda root: root.parent / "elsewhere.txt", ("skip", "symlink points outside content/")),
])
def test_worker_returns_none_on_surprises(tmp_path: Path, make_path, expected) -> None:
    options = {"content_root": str(tmp_path), "headline_case": "title", "max_bytes": 10_000,
               "typogrify": False}
    path = str(make_path(tmp_path))
    assert _prepare_in_worker(options, path) == expected
    if expected is None:
        with pytest.raises(OSError):
            prepare_story(path, options)


def test_a_build_that_fails_while_reading_leaves_no_worker_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pelican -r retries a failed build at once: pools must not pile up.
    import multiprocessing

    from pelican.generators import ArticlesGenerator
    from wire_reader import wire_reader

    write_corpus(tmp_path / "content" / "wire", make_corpus(STORIES, seed=11))

    def reading_fails(self: object) -> None:
        # The pool was started at article_generator_init; the reading stops.
        raise RuntimeError("the build stops while reading")

    before = len(multiprocessing.active_children())
    monkeypatch.setattr(ArticlesGenerator, "generate_context", reading_fails)
    for attempt in range(3):
        with pytest.raises(RuntimeError, match="stops while reading"):
            build(tmp_path / "content", tmp_path / f"out{attempt}")
    # Only the last failed build's pool may still be alive, never one per build.
    assert wire_reader._live_stream[0] is not None
    assert len(multiprocessing.active_children()) - before <= parallel.worker_count()
    wire_reader._close_leftover_stream()
    assert len(multiprocessing.active_children()) == before
