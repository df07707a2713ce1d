"""Issue 9: every input file is accounted for; nothing from a wire file gets in.

One site holds one file per kind of broken or hostile input. The build must
succeed (non-strict), report every file with the expected status, fail in
strict mode naming the bad files, and leave no injected markup unescaped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from build_report.build_report import StrictModeError
from conftest import ROOT, build, make_pelican, write_wire

MARKER = '<script>alert("wire")</script>'
IMG = "<img src=x onerror=alert(2)>"
# "China trade news" / "China and Russia's trade grew. Officials say it will grow next year."
CHINESE = (
    "\u4e2d\u56fd\u8d38\u6613\u65b0\u95fb\n\n"
    + "\u4e2d\u56fd\u548c\u4fc4\u7f57\u65af\u7684\u8d38\u6613\u589e\u957f\u4e86\u3002"
    "\u5b98\u5458\u8868\u793a\u660e\u5e74\u8fd8\u4f1a\u7ee7\u7eed\u589e\u957f\u3002\n" * 3
)
STORY = (
    "A quiet story about grain exports from Kazakhstan to China rose again.\n\n"
    "Officials in Astana said the trade would grow next year.\n"
)
HOSTILE = (
    f"Summary: {MARKER}\nAuthor: {IMG}\n\nHostile {MARKER} Headline\n\n"
    f"By Eve {IMG}\n\nBody with {MARKER} and {IMG} inside.\n\n"
    "Second paragraph about Moscow.\n"
)
# Real wire copy with stray HTML: tags go, their words and the tickers stay.
STRAY_HTML = (
    "Bank Raises <b>Key</b> Rate\n\nBy Ann Lee\n\n"
    'MOSCOW, March 3 (Reuters) - The <a href="http://x">central bank</a> raised rates '
    "<script>alert(3)</script> on Friday, said Gazprom <GAZP.MM>.<br>Markets rose.\n\n"
    'Exports<!-- pixel --> of <span style="color:red">grain</span> '
    "<iframe src=x>frame</iframe>grew.\n"
)

# name -> (bytes, expected status, words the reason or a warning must contain)
CASES: dict[str, tuple[bytes, str, str]] = {
    "2024-05-20-good.txt": (
        f"Grain Trade Grows\n\nBy Ann Lee\n\n{STORY}".encode(),
        "published",
        "",
    ),
    "2024-05-20-empty.txt": (b"", "rejected", "empty"),
    "2024-05-20-blank.txt": (b"  \n\t\n\r\n", "rejected", "whitespace"),
    "2024-05-20-image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "rejected", "binary"),
    "2024-05-20-pdf.txt": (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20,
        "rejected",
        "binary",
    ),
    "2024-05-20-nul.txt": (b"Head\x00line\x00\n\n" + b"\x00" * 4000, "rejected", "binary"),
    "2024-05-20-utf16.txt": (f"Utf Sixteen Story\n\n{STORY}".encode("utf-16"), "published", ""),
    "2024-05-20-cp1252.txt": (
        "Caf\u00e9 Talks \u2013 Moscow\n\n".encode("cp1252") + STORY.encode(),
        "published",
        "encoding",
    ),
    "2024-05-20-gb18030.txt": (CHINESE.encode("gb18030"), "published", "encoding"),
    "2024-05-20-huge.txt": (b"Huge Story\n\n" + b"word " * 4_000_000, "rejected", "limit"),
    "2024-05-20-one-line.txt": (b"word " * 200_000, "rejected", ""),
    "2024-05-20-no-headline.txt": (b"By John Smith\n\n", "rejected", ""),
    "2024-05-20-headline-only.txt": (b"Only A Headline Here\n", "rejected", ""),
    "2024-05-20-bad-date.txt": (
        f"Date: the day after tomorrow\n\nBad Date Story\n\n{STORY}".encode(),
        "published",
        "date",
    ),
    "2099-01-01-future.txt": (f"Future Story\n\n{STORY}".encode(), "draft", "future"),
    "2024-05-20-unknown-key.txt": (
        f"Mood: sunny\nSource: Wire\n\nUnknown Key Story\n\n{STORY}".encode(),
        "published",
        "mood",
    ),
    "2024-05-20-same-a.txt": (f"Same Headline\n\nFirst body. {STORY}".encode(), "published", ""),
    "2024-05-20-same-b.txt": (
        f"Same Headline\n\nSecond body, different. {STORY}".encode(),
        "published",
        "",
    ),
    "2024-05-20-repost.txt": (
        f"Grain Trade Grows\n\nBy Ann Lee\n\n{STORY}".encode(),
        "duplicate",
        "duplicate",
    ),
    "2024-05-20-html.txt": (HOSTILE.encode(), "published", ""),
    "2024-05-20-stray-html.txt": (STRAY_HTML.encode(), "published", ""),
    # Markup written as entities, and a company name in angle brackets (Reuters'
    # style): shown as text everywhere, RSS descriptions included.
    "2024-05-20-entities.txt": (
        b"Entity Markup Story\n\nThe firm <Beijing Auto Co> said &lt;script&gt;alert(5)"
        b"&lt;/script&gt; and &lt;img src=x onerror=alert(6)&gt; appeared.\n\n"
        b"Officials in Astana said the trade would grow.\n",
        "published",
        "",
    ),
    "2024-05-20-path-slug.txt": (
        f"Slug: ../../etc\n\nPath Slug Story\n\n{STORY}".encode(),
        "published",
        "",
    ),
    "no-date-story.txt": (f"Undated Story\n\n{STORY}".encode(), "rejected", "date"),
    "photo.jpg": (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "rejected", "not a wire file"),
    # Markdown Pelican skips: the report says why, not "not a wire file".
    "README.md": (b"# How to file\n\nDrop wire files here.\n", "rejected", "'Title:' line"),
    "undated-note.md": (b"Title: Undated note\n\nSome text.\n", "rejected", "no date"),
    "2024-05-20-skipped.md": (b"Title: Skipped\nStatus: skip\n\nSome text.\n", "rejected",
                              "Status: skip"),
    "2024-05-20-status-typo.md": (b"Title: Typo\nStatus: publsihed\n\nSome text.\n", "rejected",
                                  "unknown Status 'publsihed'"),
    "2024-05-20-bad-meta.md": (b"Title: Bad date\nDate: 2024-13-45 25:99\n\nSome text.\n",
                               "rejected", "not a valid date"),
    # A web page saved into content/ is not read as an article: its markup would go out raw.
    "2024-05-20-saved-page.html": (
        f"<html><head><title>Saved Page</title></head><body>{MARKER}</body></html>".encode(),
        "rejected",
        "not a wire file",
    ),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    (content / "wire").mkdir(parents=True)
    for name, (data, _, _) in CASES.items():
        (content / "wire" / name).write_bytes(data)
    outside = root / "outside.txt"
    outside.write_text(f"Secret Outside Story\n\n{STORY}")
    os.symlink(outside, content / "wire" / "2024-05-20-link.txt")
    # Hidden files and folders: an editor's parked copy, a backup. Not read.
    (content / "wire" / ".2024-05-20-parked.txt").write_text(f"Parked Dot Story\n\n{STORY}")
    (content / "wire" / ".backup").mkdir()
    (content / "wire" / ".backup" / "2024-05-20-old.txt").write_text(f"Backup Dot Story\n\n{STORY}")
    output = build(content, root)
    report = json.loads((root / "build-report.json").read_text())
    return content, output, report


def _entry(report: dict, name: str) -> dict:
    return next(e for e in report["files"] if e["file"] == f"wire/{name}")


def test_report_accounts_for_every_input_file(hostile_site: tuple[Path, Path, dict]) -> None:
    _, _, report = hostile_site
    assert report["inputs"] == len(CASES) + 1
    assert len(report["files"]) == report["inputs"]
    assert sum(report["counts"].values()) == report["inputs"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_input_gets_its_status_and_reason(
    hostile_site: tuple[Path, Path, dict], name: str
) -> None:
    _, _, report = hostile_site
    _, status, words = CASES[name]
    entry = _entry(report, name)
    assert entry["status"] == status, entry
    said = " ".join([entry["reason"] or "", *entry["warnings"]]).lower()
    assert words.lower() in said, entry
    if status == "rejected":
        assert (
            entry["reason"] and "\n" not in entry["reason"] and "Traceback" not in entry["reason"]
        )


def test_hidden_files_and_folders_are_not_published(hostile_site: tuple[Path, Path, dict]) -> None:
    _, output, report = hostile_site
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Parked Dot Story" not in text and "Backup Dot Story" not in text, path
    assert not [e for e in report["files"] if "/." in f"/{e['file']}"]


def test_symlink_outside_content_is_refused(hostile_site: tuple[Path, Path, dict]) -> None:
    _, output, report = hostile_site
    entry = _entry(report, "2024-05-20-link.txt")
    assert entry["status"] == "rejected" and "outside" in entry["reason"]
    assert not any("Secret Outside" in p.read_text(errors="ignore") for p in output.rglob("*.html"))


def test_same_headline_same_day_both_publish(hostile_site: tuple[Path, Path, dict]) -> None:
    _, _, report = hostile_site
    urls = {_entry(report, n)["url"] for n in ("2024-05-20-same-a.txt", "2024-05-20-same-b.txt")}
    assert len(urls) == 2


def test_path_like_slug_stays_inside_the_output(hostile_site: tuple[Path, Path, dict]) -> None:
    _, output, report = hostile_site
    url = _entry(report, "2024-05-20-path-slug.txt")["url"]
    assert ".." not in url
    assert (output / url.strip("/") / "index.html").is_file()
    assert not (output.parent / "etc").exists()


def _walk_json(node: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in _walk_json(v, k)]
    if isinstance(node, list):
        return [pair for v in node for pair in _walk_json(v, key)]
    return [(key, node)] if isinstance(node, str) else []


def test_no_injected_markup_reaches_any_output(hostile_site: tuple[Path, Path, dict]) -> None:
    _, output, _ = hostile_site
    checked = 0
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "<script>alert" not in text, path
            assert "<img src=x" not in text, path
            if path.suffix == ".html":
                page = BeautifulSoup(text, "html.parser")
                assert not page.find_all(attrs={"onerror": True}), path
                for script in page.find_all("script"):
                    code = script.string or ""
                    if script.get("type") == "application/ld+json":
                        # data, not code: it must parse and hold no raw "<" that could end it
                        json.loads(code)
                        assert "<" not in code, path
                    else:
                        assert "alert(" not in code, path
            checked += 1
        elif path.suffix == ".json":
            for key, value in _walk_json(json.loads(path.read_text(encoding="utf-8"))):
                if "html" in key:
                    assert "<script" not in value and "<img src=x" not in value, (path, key)
    assert checked > 5


def test_stray_html_in_wire_copy_shows_its_words_not_its_tags(
    hostile_site: tuple[Path, Path, dict],
) -> None:
    _, output, report = hostile_site
    url = _entry(report, "2024-05-20-stray-html.txt")["url"]
    page = BeautifulSoup((output / url.strip("/") / "index.html").read_text(), "html.parser")
    seen = " ".join(page.get_text().split())
    assert "central bank raised rates on Friday" in seen
    assert "Gazprom <GAZP.MM>" in seen  # a ticker, not a tag
    assert "<a href" not in seen and "alert(" not in seen and "<iframe" not in seen
    assert not page.find_all("a", href="http://x") and not page.find_all("iframe")
    assert not [s for s in page.find_all("script") if "alert" in (s.string or "")]
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.rstrip("/").endswith(url.strip("/")))
    for value in (entry.title, entry.summary, entry.content[0].value):
        text = BeautifulSoup(value, "html.parser").get_text(" ")
        assert "<a href" not in text and "alert(" not in text, value
        assert 'href="http://x"' not in value, value
    assert "central bank" in entry.content[0].value


@pytest.mark.parametrize("feed", ["all.rss.xml", "all.atom.xml", "all.json"])
def test_markup_written_as_entities_stays_text_in_every_feed_field(
    hostile_site: tuple[Path, Path, dict], feed: str
) -> None:
    # A feed reader renders RSS descriptions and Atom/JSON HTML fields as HTML:
    # what it shows must be the story's words, with no element made from them.
    _, output, report = hostile_site
    url = _entry(report, "2024-05-20-entities.txt")["url"].strip("/")
    data = (output / "feeds" / feed).read_bytes()
    if feed.endswith(".json"):  # feedparser 6 reads no JSON Feed: its fields by the spec
        item = next(i for i in json.loads(data)["items"] if i["url"].rstrip("/").endswith(url))
        details = [("text/plain", item["summary"]), ("text/html", item["content_html"])]
    else:
        entry = next(e for e in feedparser.parse(data).entries
                     if e.link.rstrip("/").endswith(url))
        details = [(d.type, d.value) for d in [entry.summary_detail, *entry.content]]
    shown = []
    for kind, value in details:
        assert kind in ("text/html", "text/plain"), (feed, kind)
        if kind == "text/html":
            fragment = BeautifulSoup(value, "html.parser")
            assert not fragment.find_all(["img", "script"]), (feed, value)
            shown.append(" ".join(fragment.get_text(" ").split()))
        else:
            shown.append(value)
    for text in shown:
        assert "The firm <Beijing Auto Co> said <script>alert(5)</script> and " \
               "<img src=x onerror=alert(6)> appeared." in text, (feed, text)


def test_strict_mode_fails_naming_each_rejected_file(tmp_path: Path) -> None:
    content = tmp_path / "content" / "wire"
    content.mkdir(parents=True)
    for name in ("2024-05-20-good.txt", "2024-05-20-empty.txt", "2024-05-20-pdf.txt"):
        (content / name).write_bytes(CASES[name][0])
    with pytest.raises(StrictModeError) as failure:
        build(content.parent, tmp_path, WIRE_STRICT=True)
    message = str(failure.value)
    assert "wire/2024-05-20-empty.txt" in message and "wire/2024-05-20-pdf.txt" in message
    assert "good" not in message


def test_strict_mode_fails_before_writing_the_site(tmp_path: Path) -> None:
    # The last good site stays as it was; the report still says why.
    content = tmp_path / "content" / "wire"
    content.mkdir(parents=True)
    (content / "2024-05-20-good.txt").write_bytes(CASES["2024-05-20-good.txt"][0])
    output = build(content.parent, tmp_path)
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    (content / "2024-05-21-later.txt").write_text(f"Later Story\n\n{STORY}", encoding="utf-8")
    (content / "2024-05-21-empty.txt").write_bytes(b"")
    with pytest.raises(StrictModeError):
        build(content.parent, tmp_path, WIRE_STRICT=True)
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    report = json.loads((tmp_path / "build-report.json").read_text())
    assert _entry(report, "2024-05-21-empty.txt")["status"] == "rejected"


def pelican_command(tmp_path: Path, *overrides: str,
                    quiet: bool = True) -> tuple[subprocess.CompletedProcess, Path]:
    """The pelican command line on tmp_path/content, as `make html` runs it
    (``quiet``: -q, critical messages only)."""
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pelican", str(tmp_path / "content"), "-o", str(tmp_path / "out"),
         "-s", str(ROOT / "pelicanconf.py"), *(["-q"] if quiet else []),
         "-e", f'CACHE_PATH="{tmp_path / "cache"}"', f'WIRE_REPORT_PATH="{report}"', *overrides],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    return done, report


def test_strict_mode_on_the_command_line_says_why_without_a_traceback(tmp_path: Path) -> None:
    wire = tmp_path / "content" / "wire"
    wire.mkdir(parents=True)
    for name in ("2024-05-20-good.txt", "2024-05-20-empty.txt"):
        (wire / name).write_bytes(CASES[name][0])
    done, _ = pelican_command(tmp_path, "WIRE_STRICT=true")
    said = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2
    # Pelican's log handler wraps long lines and puts its source location in them.
    assert "StrictModeError: strict mode: 1 file(s)" in said
    assert "wire/2024-05-20-empty.txt: empty" in said
    assert "Traceback" not in said


def test_the_console_says_why_a_markdown_story_could_not_be_read(tmp_path: Path) -> None:
    md = tmp_path / "content" / "md"
    md.mkdir(parents=True)
    (md / "2024-05-20-bad-meta.md").write_bytes(CASES["2024-05-20-bad-meta.md"][0])
    done, _ = pelican_command(tmp_path, quiet=False)  # make html shows errors
    said = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0
    assert "Could not process" in said and "not a valid date" in said, said


def test_every_build_names_the_rejected_files(tmp_path: Path) -> None:
    # The second build reads nothing again (content cache): it still names them.
    wire = tmp_path / "content" / "wire"
    wire.mkdir(parents=True)
    for name in ("2024-05-20-good.txt", "2024-05-20-empty.txt"):
        (wire / name).write_bytes(CASES[name][0])
    for _ in range(2):
        done, _ = pelican_command(tmp_path)
        assert "rejected wire/2024-05-20-empty.txt: empty file" in done.stdout, done.stdout
        assert done.stdout.index("rejected wire/") < done.stdout.index("1 published")


def test_a_named_pipe_in_content_is_rejected_and_the_build_finishes(tmp_path: Path) -> None:
    wire = tmp_path / "content" / "wire"
    wire.mkdir(parents=True)
    (wire / "2024-05-20-good.txt").write_bytes(CASES["2024-05-20-good.txt"][0])
    os.mkfifo(wire / "2024-05-20-pipe.txt")  # reading it would wait for a writer forever
    # A separate process, so a hang fails this test instead of stopping the suite.
    done, report = pelican_command(tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    entries = {e["file"]: e for e in json.loads(report.read_text())["files"]}
    assert entries["wire/2024-05-20-pipe.txt"]["status"] == "rejected"
    assert "not a regular file" in entries["wire/2024-05-20-pipe.txt"]["reason"]
    assert entries["wire/2024-05-20-good.txt"]["status"] == "published"


def test_each_run_of_one_pelican_reports_the_files_reason_then(tmp_path: Path) -> None:
    # `make regenerate` (pelican -r) runs one Pelican again after every edit.
    note = write_wire(tmp_path / "content" / "notes", "2024-05-20-note.md",
                      "Title: Note\nDate: not-a-date\n\nSome text.\n")
    pelican = make_pelican(tmp_path / "content", tmp_path)

    def reason() -> str:
        pelican.run()
        report = json.loads((tmp_path / "build-report.json").read_text())
        return next(e["reason"] for e in report["files"] if e["file"] == "notes/2024-05-20-note.md")

    assert "not-a-date" in reason()
    note.write_text("Date: 2024-05-20\n\nSome text.\n", encoding="utf-8")  # fixed date, no title
    assert "'Title:' line" in reason()

