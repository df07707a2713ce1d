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


# Pelican's own strftime (pelican.utils.strftime) formats each directive
# separately and strips zeros after "%-"; for the plain C89 directives it
# gives what datetime.strftime gives, about ten times slower. URLs such as
# {date:%Y}/{date:%m}/ call it three times per article and URL.
C89_DIRECTIVES = "aAbBcdfGHIjmMpSUuVwWxXyYzZ%"
DIRECTIVE = re.compile(r"%[-]?.")


def plain_directives(fmt: str) -> bool:
    """True when every directive of ``fmt`` is a C89 one without Pelican's "-" flag."""
    found = DIRECTIVE.findall(fmt)
    if fmt.count("%") != sum(part.count("%") for part in found):
        return False  # a "%" no directive took (a trailing one): Pelican's way
    return all(len(part) == 2 and part[1] in C89_DIRECTIVES for part in found)


def fast_strftime(original: Callable[..., str]) -> Callable[..., str]:
    """SafeDatetime.strftime (``original``) with plain formats done by datetime itself."""
    plain: dict[str, bool] = {}

    def strftime(self: datetime.datetime, fmt: str, safe: bool = True) -> str:
        simple = plain.get(fmt)
        if simple is None:
            simple = plain[fmt] = plain_directives(fmt)
        if safe and simple:
            return datetime.datetime.strftime(self, fmt)
        return original(self, fmt, safe)

    strftime.original = original  # type: ignore[attr-defined]
    return strftime
