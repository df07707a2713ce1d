"""Every WIRE_*/DIGEST_* setting the code reads is documented in the README."""

from __future__ import annotations

import re

from conftest import ROOT

SETTING = re.compile(r"""["']((?:WIRE|DIGEST)_[A-Z0-9_]+)["']""")


def documented_settings() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([A-Z0-9_]+)`", readme, re.M))


def test_every_setting_the_plugins_read_is_in_the_readme_table() -> None:
    used = {name for path in (ROOT / "plugins").rglob("*.py") if "tests" not in path.parts
            for name in SETTING.findall(path.read_text(encoding="utf-8"))}
    assert used, "no settings found: the pattern is wrong"
    assert used - documented_settings() == set()


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make html" in readme and "make test" in readme
