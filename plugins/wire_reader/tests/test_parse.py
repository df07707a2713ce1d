"""Table-driven tests of the pure wire parser (no Pelican)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wire_reader.parse import read_wire

ROOT = Path(__file__).resolve().parents[3]
SEED_PATHS = (
    ROOT / "content" / "wire" / "2024-05-17-putin-harbin.txt",
    ROOT.parent / "shared" / "seeds" / "000_675a4f0b8f43f9eb.txt",
)


@pytest.fixture(scope="module")
def seed():
    path = next((p for p in SEED_PATHS if p.exists()), None)
    if path is None:
        pytest.skip("seed article not available")
    return read_wire(path.read_bytes(), path.name)


def test_seed_title_kept_exactly(seed):
    assert seed.title == "Putin Talks Tech, Energy Cooperation In China’s Harbin"


def test_seed_byline_and_source(seed):
    assert seed.authors == ("Qian Lang",)
    assert seed.source == "Radio Free Asia"


def test_seed_subheading(seed):
    assert seed.subheadings == ("Desperate for resources",)
    assert "Desperate for resources" not in seed.paragraphs


def test_seed_credit_out_of_body(seed):
    assert not any("Content used with the permission" in p for p in seed.paragraphs)
    assert any("Content used with the permission" in c for c in seed.credits)
    assert seed.paragraphs[-1].startswith("While China has repeatedly denied")


def test_seed_junk_removed(seed):
    junk = {r.line for r in seed.removed if r.reason == "junk"}
    assert "Leave a Reply" in junk
    assert any(line.startswith("Your email address") for line in junk)
    assert "Leave a Reply" not in seed.body_text


def test_seed_lede_and_slug(seed):
    assert seed.summary.startswith("Flanked by goose-stepping Chinese soldiers")
    assert seed.slug == "putin-talks-tech-energy-cooperation-in-chinas-harbin"
