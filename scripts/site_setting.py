"""Print one setting from a Pelican settings file (for the Makefile).

Usage: python scripts/site_setting.py NAME CONFFILE [--flag FLAG]
With --flag, prints "FLAG VALUE" when the value is set, and nothing otherwise.
"""

from __future__ import annotations

import sys

from pelican.settings import read_settings


def main(argv: list[str]) -> int:
    name, conf = argv[0], argv[1]
    value = read_settings(conf).get(name) or ""
    if value and len(argv) == 4 and argv[2] == "--flag":
        print(f"{argv[3]} {value}")
    elif value and len(argv) == 2:
        print(value)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
