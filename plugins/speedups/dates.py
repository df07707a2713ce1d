"""Pelican's get_date, without dateutil for plain ISO dates.

Pelican parses every date string with dateutil: twice per wire story and build
(the file name's date through FILENAME_METADATA and the story's own), about
0.15 ms each. A date written ``YYYY-MM-DD`` or ``YYYY-MM-DD[T ]HH:MM[:SS]``
with no zone means the same to dateutil as to datetime; those are built here,
everything else still goes to Pelican's function. tests/test_speedups.py
checks the two against each other.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

PLAIN_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?")


def fast_get_date(original: Callable[[str], datetime.datetime],
                  result_type: type[datetime.datetime]) -> Callable[[str], datetime.datetime]:
    """``original`` (Pelican's get_date) with plain ISO dates built directly as ``result_type``."""

    def get_date(string: str) -> datetime.datetime:
        match = PLAIN_ISO.fullmatch(string)
        if match is not None:
            try:
                return result_type(*(int(part) for part in match.groups() if part is not None))
            except ValueError:
                pass  # e.g. 2024-02-30: Pelican's own message
        return original(string)

    get_date.original = original  # type: ignore[attr-defined]
    return get_date
