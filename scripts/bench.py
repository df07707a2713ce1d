"""Benchmark the digest build against plain Pelican, in the same run.

    make bench [N="1000 10000"] [CORPUS=dir]

For each size N: a synthetic wire corpus (scripts/make_corpus.py, fixed seed)
is built (1) as Markdown by plain Pelican 4.12 with its default theme and
settings — the baseline — and (2) as wire copy by this project with
pelicanconf.py and every plugin it lists, cold (empty cache and output);
then (3) one article is added and the site rebuilt incrementally into the
same output with the cache, and (4) rebuilt once more with no change.
Every build is a subprocess: wall seconds, CPU seconds and peak RSS come from
os.wait4 (the child's rusage, with its own waited-for children, as
RUSAGE_CHILDREN accumulates it). All figures that matter are ratios between
builds of the same run, because the machine is shared.

Phases come from plugins/bench_probe (timestamps at Pelican signals; the
probe is enabled only here, through -e PLUGINS=[...]). Results go to
bench-out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "scripts")]

from make_corpus import SEED, make_corpus, make_story, to_wire, write_corpus  # noqa: E402

OUT = ROOT / "bench-out"
PELICAN = [sys.executable, "-m", "pelican"]
REUTERS = ROOT.parent / "shared" / "corpora" / "reuters-train"
PHASES = [  # (label, from stamp, to stamp): see plugins/bench_probe
    ("startup (imports, settings)", "spawn", "initialized"),
    ("cache load, generators", "initialized", "article_generator_init"),
    ("read (parse, typogrify)", "article_generator_init", "article_generator_pretaxonomy"),
    ("tag, dedupe, taxonomy", "article_generator_pretaxonomy", "article_generator_finalized"),
    ("pages, editions, static context", "article_generator_finalized", "all_generators_finalized"),
    ("write article pages", "all_generators_finalized", "articles_written"),
    ("write list pages", "articles_written", "article_writer_finalized"),
    ("feeds, subscribe page", "article_writer_finalized", "page_writer_finalized"),
    ("pages, editions, static output", "page_writer_finalized", "finalized"),
    ("report, sitemap, search index", "finalized", "exit"),
]


def run_measured(cmd: list[str], cwd: Path, log: Path) -> dict[str, float]:
    """Run ``cmd``; return wall s, CPU s (user+sys) and peak RSS MB of it and its children."""
    spawn = time.time()
    start = time.perf_counter()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"bench: build failed ({proc.returncode}): {' '.join(cmd)}\n{tail}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "spawn": spawn,
    }


TRASH = OUT / ".trash"


def discard(path: Path) -> None:
    """Move ``path`` out of the way; empty_trash() deletes it once every build is timed.

    This machine's ext4 has no journal, and without one the kernel will not
    reuse a deleted file's inode for up to five minutes: each file created
    soon after a mass deletion first steps over every recently freed inode
    (find_inode_bit / recently_deleted in fs/ext4/ialloc.c). Deleting the
    last run's 30,000 output files just before a build added 6 to 15 s of
    system time to it, more to whichever build writes more files, and varied
    run to run. A renamed folder keeps its inodes, so every build is timed
    on the same footing as a build into a fresh checkout.
    """
    if not path.exists():
        return
    TRASH.mkdir(parents=True, exist_ok=True)
    path.rename(TRASH / f"{len(list(TRASH.iterdir())):03d}-{path.name}")


def empty_trash() -> None:
    """Delete what discard() set aside, and flush the deletions to disk."""
    if TRASH.exists():
        shutil.rmtree(TRASH, ignore_errors=True)
        os.sync()  # clean inode tables: their deleted inodes become reusable sooner


def baseline_build(md_dir: Path, work: Path) -> dict[str, float]:
    """Plain Pelican: default settings and theme, no plugins, TYPOGRIFY off (its default)."""
    conf = work / "plain-pelicanconf.py"
    conf.write_text("# Plain Pelican 4.12: every setting at its default.\n")
    out = work / "baseline-output"
    discard(out)
    return run_measured(
        [*PELICAN, str(md_dir), "-o", str(out), "-s", str(conf), "-q"], work, work / "baseline.log"
    )


def snapshot_project() -> Path:
    """Copy pelicanconf.py, plugins/ and theme/ as they are now; every build uses the copy.

    Other engineers edit plugins while a run takes minutes; an edit changes
    DIGEST_CODE_HASH and (correctly) drops the content cache, which would turn
    the incremental measurement into a cold one.
    """
    snap = OUT / "snapshot"
    discard(snap)
    snap.mkdir(parents=True)
    shutil.copy2(ROOT / "pelicanconf.py", snap / "pelicanconf.py")
    skip = shutil.ignore_patterns("__pycache__", "tests", "*.pyc")
    for folder in ("plugins", "theme"):
        shutil.copytree(ROOT / folder, snap / folder, ignore=skip)
    return snap


def our_plugins(conf: Path) -> list[str]:
    """PLUGINS as pelicanconf.py lists them now (other engineers add theirs)."""
    from pelican.settings import read_settings

    return list(read_settings(str(conf), override={"PATH": str(ROOT / "content")})["PLUGINS"])


def our_build(wire_dir: Path, work: Path, name: str, plugins: list[str]) -> dict[str, Any]:
    """The project build with pelicanconf.py and the bench probe first in PLUGINS."""
    probe = work / f"{name}-probe.json"
    overrides = {
        "CACHE_PATH": str(work / "cache"),
        "WIRE_REPORT_PATH": str(work / "build-report.json"),
        "PLUGINS": ["bench_probe", *plugins],
        "BENCH_PROBE_PATH": str(probe),
    }
    cmd = [
        *PELICAN,
        str(wire_dir),
        "-o",
        str(work / "output"),
        "-s",
        str(OUT / "snapshot" / "pelicanconf.py"),
        "-q",
        "-e",
        *[f"{k}={json.dumps(v)}" for k, v in overrides.items()],
    ]
    result: dict[str, Any] = run_measured(cmd, ROOT, work / f"{name}.log")
    stamps = {"spawn": result.pop("spawn"), **json.loads(probe.read_text())}
    result["python_peak_rss_mb"] = stamps.pop("python_peak_rss_mb")
    result["children_peak_rss_mb"] = stamps.pop("children_peak_rss_mb")
    result["phases_s"] = {
        label: round(stamps[b] - stamps[a], 3)
        for label, a, b in PHASES
        if a in stamps and b in stamps
    }
    return result


def prepare_corpus(n: int, work: Path) -> tuple[Path, Path]:
    """Write (or reuse) the wire and Markdown copies of the N-story synthetic corpus."""
    stamp = work / "corpus.json"
    key = {"n": n, "seed": SEED, "maker": (ROOT / "scripts" / "make_corpus.py").stat().st_size}
    wire, md = work / "corpus-wire", work / "corpus-md"
    if not (stamp.exists() and json.loads(stamp.read_text()) == key):
        discard(wire)
        discard(md)
        stories = make_corpus(n)
        write_corpus(wire, stories, "wire")
        write_corpus(md, stories, "markdown")
        stamp.write_text(json.dumps(key))
    return wire, md


def prepare_given_corpus(corpus: Path, work: Path) -> tuple[Path, Path, int]:
    """Use the wire files in ``corpus``; write their Markdown twins for the baseline."""
    from auto_tagger.tagger import choose_category, load_vocabulary, tag
    from wire_reader.parse import read_wire
    from wire_reader.story import WireError

    md = work / "corpus-md"
    discard(md)
    md.mkdir(parents=True)
    vocabulary, count = load_vocabulary(), 0
    for path in sorted(corpus.rglob("*.txt")):
        try:
            story = read_wire(path.read_bytes(), path.name)
        except WireError:
            continue
        if story.date is None:
            continue
        tags = tag(story, vocabulary)
        region = choose_category(story, tags, vocabulary) or "World"
        paragraphs = "\n\n".join(b.text if hasattr(b, "text") else b.html for b in story.blocks)
        (md / f"{path.stem}.md").write_text(
            f"Title: {story.title}\nDate: {story.date:%Y-%m-%d %H:%M}\n"
            f"Author: {', '.join(story.authors) or 'Staff'}\nCategory: {region}\n"
            f"Tags: {', '.join(t.name for t in tags)}\nSlug: {path.stem}\n\n{paragraphs}\n",
            encoding="utf-8",
        )
        count += 1
    return corpus.resolve(), md, count


def add_one_story(wire_dir: Path, n: int) -> Path:
    """Drop one new story (deterministic, dated inside the corpus span) into the corpus."""
    import random

    story = make_story(random.Random(SEED + n), n)
    path = wire_dir / f"{story.date:%Y-%m-%d}-bench-added-{story.slug}.txt"
    path.write_text(to_wire(story), encoding="utf-8")
    return path


def bench_size(n: int | None, corpus: Path | None, plugins: list[str]) -> dict[str, Any]:
    """All four builds for one corpus; returns their measurements."""
    work = OUT / (f"n{n}" if corpus is None else "corpus")
    work.mkdir(parents=True, exist_ok=True)
    if corpus is None:
        wire, md = prepare_corpus(n, work)
        articles = n
    else:
        wire_src, md, articles = prepare_given_corpus(corpus, work)
        wire = work / "corpus-wire"  # a copy: the incremental case adds a file
        discard(wire)
        shutil.copytree(wire_src, wire)
    print(f"bench: {articles} articles — baseline (plain Pelican)…", flush=True)
    baseline = baseline_build(md, work)
    for stale in ("output", "cache"):
        discard(work / stale)
    print(f"bench: {articles} articles — ours, cold…", flush=True)
    cold = our_build(wire, work, "cold", plugins)
    added = add_one_story(wire, articles)
    try:
        print(f"bench: {articles} articles — ours, one story added…", flush=True)
        incremental = our_build(wire, work, "incremental", plugins)
        print(f"bench: {articles} articles — ours, no change…", flush=True)
        unchanged = our_build(wire, work, "unchanged", plugins)
    finally:
        added.unlink()
    return {
        "articles": articles,
        "baseline": baseline,
        "cold": cold,
        "incremental": incremental,
        "unchanged": unchanged,
    }


def parse_tag_throughput(limit: int | None = None) -> dict[str, Any]:
    """Articles per second of read_wire and tag on one core (files read into memory first)."""
    from wire_reader.parse import read_wire
    from wire_reader.story import WireError

    if REUTERS.is_dir():
        source, files = str(REUTERS), sorted(REUTERS.glob("*.txt"))
        blobs = [(p.read_bytes(), p.name) for p in files[:limit]]
    else:
        source = "synthetic corpus (reuters-train absent)"
        blobs = [
            (to_wire(s).encode(), f"{s.date:%Y-%m-%d}-{s.slug}.txt") for s in make_corpus(2000)
        ]
    start, stories = time.process_time(), []
    for data, name in blobs:
        try:
            stories.append(read_wire(data, name))
        except WireError:
            pass
    parse_s = time.process_time() - start
    result: dict[str, Any] = {
        "source": source,
        "files": len(blobs),
        "parsed": len(stories),
        "parse_per_s": len(blobs) / parse_s,
    }
    try:
        from auto_tagger.tagger import load_vocabulary, tag
    except ImportError as err:
        result["tag"] = f"tagger absent: {err}"
        return result
    vocabulary = load_vocabulary()
    start = time.process_time()
    for story in stories:
        tag(story, vocabulary)
    tag_s = time.process_time() - start
    result.update(tag_per_s=len(stories) / tag_s, parse_tag_per_s=len(blobs) / (parse_s + tag_s))
    return result


def print_report(runs: list[dict[str, Any]], throughput: dict[str, Any]) -> None:
    head = f"{'N':>6} {'build':<22} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} {'art/s':>8} {'ratio':>10}"
    print("\n" + head + "\n" + "-" * len(head))
    for run in runs:
        n, base = run["articles"], run["baseline"]["wall_s"]
        rows = [
            ("plain Pelican (base)", run["baseline"], "1.00 × base"),
            ("ours, cold", run["cold"], f"{run['cold']['wall_s'] / base:.2f} × base"),
            (
                "ours, +1 story",
                run["incremental"],
                f"{run['incremental']['wall_s'] / run['cold']['wall_s']:.2f} × cold",
            ),
            (
                "ours, no change",
                run["unchanged"],
                f"{run['unchanged']['wall_s'] / run['cold']['wall_s']:.2f} × cold",
            ),
        ]
        for label, r, ratio in rows:
            print(
                f"{n:>6} {label:<22} {r['wall_s']:>8.1f} {r['cpu_s']:>8.1f} "
                f"{r['peak_rss_mb']:>8.0f} {n / r['wall_s']:>8.0f} {ratio:>10}"
            )
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        factor = large["articles"] / small["articles"]
        for who in ("baseline", "cold"):
            growth = large[who]["wall_s"] / small[who]["wall_s"]
            print(
                f"growth {who}: time({large['articles']})/time({small['articles']}) = "
                f"{growth:.1f} for {factor:.0f}× the articles"
            )
    last = runs[-1]
    print(
        f"\npeak RSS, N={last['articles']} cold: Pelican process "
        f"{last['cold']['python_peak_rss_mb']:.0f} MB, its children (pagefind) "
        f"{last['cold']['children_peak_rss_mb']:.0f} MB"
    )
    print(f"\nphases of our build, N={last['articles']} (signal timestamps, plugins/bench_probe):")
    print(f"{'phase':<34} {'cold s':>8} {'+1 s':>8} {'same s':>8}")
    for label, *_ in PHASES:
        values = [last[k]["phases_s"].get(label) for k in ("cold", "incremental", "unchanged")]
        print(
            f"{label:<34} "
            + " ".join(f"{v:>8.2f}" if v is not None else f"{'-':>8}" for v in values)
        )
    print(
        f"\nparse+tag on one core over {throughput['source']} ({throughput['files']} files): "
        f"parse {throughput['parse_per_s']:.0f}/s"
        + (
            f", tag {throughput['tag_per_s']:.0f}/s, parse+tag {throughput['parse_tag_per_s']:.0f}/s"
            if "tag_per_s" in throughput
            else f"; {throughput.get('tag')}"
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpus", type=Path, help="build this folder of wire files instead")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    empty_trash()  # left by an interrupted run
    plugins = our_plugins(snapshot_project() / "pelicanconf.py")
    print(f"bench: PLUGINS = {plugins}", flush=True)
    if args.corpus:
        runs = [bench_size(None, args.corpus, plugins)]
    else:
        runs = [bench_size(n, None, plugins) for n in sorted(args.sizes)]
    empty_trash()
    throughput = parse_tag_throughput()
    print_report(runs, throughput)
    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_avg_at_end": os.getloadavg(),
        },
        "plugins": plugins,
        "runs": runs,
        "parse_tag": throughput,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=1))
    print(f"\nresults: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
