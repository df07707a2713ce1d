"""Riders: other plugins' per-story work, found by the build's settings."""

from __future__ import annotations

from types import SimpleNamespace

from wire_reader import riders
from wire_reader.parse import read_wire
from wire_reader.wire_reader import add_rider, rider_results

STORY = read_wire(b"Headline here\n\nBy Ann Lee\n\nMOSCOW, May 17 (Reuters) - Body text.\n",
                  "2024-05-17-headline.txt")


def test_a_rider_that_raises_is_left_out_and_the_others_still_run() -> None:
    def broken(story: object) -> None:
        raise ValueError("no")

    found = riders.ride(STORY, {"broken": broken, "file": lambda s: s.filename})
    assert found == {"file": "2024-05-17-headline.txt"}


def test_riders_and_results_belong_to_one_settings_dict() -> None:
    settings = {"PLUGINS": ["wire_reader", "tagger"]}
    other = dict(settings)  # equal, but another build's
    add_rider(SimpleNamespace(settings=settings), "tagger", lambda s: s.filename)
    assert list(riders.registered(settings)) == ["tagger"]
    assert riders.registered(other) == {}
    riders.start_reading(settings)
    riders.keep(settings, "fp1", riders.ride(STORY, riders.registered(settings)))
    assert rider_results(settings, "tagger") == {"fp1": "2024-05-17-headline.txt"}
    riders.start_reading(settings)  # the next build of the same Pelican
    assert rider_results(settings, "tagger") == {}


def test_a_plugin_missing_from_plugins_gets_no_rider() -> None:
    settings = {"PLUGINS": ["wire_reader"]}  # signal handlers outlive builds
    add_rider(SimpleNamespace(settings=settings), "tagger", lambda s: s.filename)
    assert riders.registered(settings) == {}
