"""`make eval` compares figures with the floors in scripts/quality_floors.json."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import eval as evaluation  # noqa: E402


@pytest.mark.parametrize(
    ("figures", "misses"),
    [
        ({"a": {"f1": 0.95}}, []),
        ({"a": {"f1": 0.90}}, ["a.f1: 0.9000 < floor 0.92"]),
        ({"a": {}}, ["a.f1: not measured"]),  # a section that stopped reporting fails loudly
    ],
)
def test_check_floors(figures: dict, misses: list[str]) -> None:
    assert evaluation.check_floors(figures, {"a.f1": {"min": 0.92}}) == misses


def test_ceiling_for_counts_that_must_stay_zero() -> None:
    assert evaluation.check_floors({"p": {"leaks": 3}}, {"p.leaks": {"max": 0}}) == [
        "p.leaks: 3.0000 > ceiling 0"]


def test_floors_file_names_the_issue_targets() -> None:
    floors = json.loads((ROOT / "scripts" / "quality_floors.json").read_text())
    assert floors["eval_tags.country_f1"] == {"min": 0.92}
    assert floors["eval_parse.reuters-train.title_rate"] == {"min": 0.99}


def test_energy_split_is_stable_and_about_thirty_percent_heldout() -> None:
    import eval_tags

    names = [f"1987-03-{d:02d}-reuters-{n:05d}.txt" for d in range(1, 29) for n in range(100)]
    splits = [eval_tags.split_of(n) for n in names]
    assert splits == [eval_tags.split_of(n) for n in names]  # same answer every run
    assert set(splits) == {"dev", "heldout"}
    assert 0.25 < splits.count("heldout") / len(splits) < 0.35
