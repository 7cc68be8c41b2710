"""The internal reading and failure, and arithmetic on days, months, counts and durations."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final, NamedTuple

from dateutil.relativedelta import relativedelta

from claimrec._dates_words import (
    _DUR_PART,
    _ORDINAL_WORDS,
    _SMALL,
    _TEENS,
    _TENS,
    _UNITS,
    _VAGUE_COUNTS,
)

_DAY: Final = dt.timedelta(days=1)


# -- the internal reading --------------------------------------------------------------


class _R(NamedTuple):
    """An internal reading: a span, its grain and how it was read."""

    start: dt.date | None
    end: dt.date | None
    grain: str
    rule: str
    detail: str
    explicit: bool = False  # a calendar date or month written out (it beats a weekday)
    yearless: bool = False  # ... whose year was inferred from the reference


class _Fail(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


# -- small helpers -------------------------------------------------------------------


def _day(d: dt.date, grain: str, rule: str, detail: str) -> _R:
    return _R(d, d + _DAY, grain, rule, detail)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, _add_months(first, 1)


def _add_months(first: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after the month of ``first`` (a first of a month)."""
    years, month = divmod(first.month - 1 + months, 12)
    return dt.date(first.year + years, month + 1, 1)


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _before(ref: dt.date, wd: int, n: int = 1) -> dt.date:
    """The ``n``-th ``wd`` strictly before ``ref``."""
    back = (ref.weekday() - wd) % 7 or 7
    return ref - dt.timedelta(days=back + 7 * (n - 1))


def _after(ref: dt.date, wd: int, n: int = 1) -> dt.date:
    """The ``n``-th ``wd`` strictly after ``ref``."""
    ahead = (wd - ref.weekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead + 7 * (n - 1))


def _ordinal(text: str) -> int:
    if text[0].isdigit():
        return int(text[:-2])
    words = text.split(" ")
    if len(words) == 2:
        return _TENS[words[0]] + _ORDINAL_WORDS[words[1]]
    return _ORDINAL_WORDS[text]


def _cardinal(words: list[str]) -> int | None:
    """A whole number written in words ("two thousand and twenty"), or None."""
    total = current = 0
    last = ""
    for w in words:
        if w in _SMALL and last in ("", "tens", "hundred", "thousand", "and"):
            current += _SMALL[w]
            last = "small"
        elif w in _TEENS and last in ("", "hundred", "thousand", "and"):
            current += _TEENS[w]
            last = "teen"
        elif w in _TENS and last in ("", "hundred", "thousand", "and"):
            current += _TENS[w]
            last = "tens"
        elif w == "hundred" and last in ("small", "teen"):
            current *= 100
            last = "hundred"
        elif w == "thousand" and last in ("small", "teen", "tens", "hundred"):
            total += current * 1000
            current = 0
            last = "thousand"
        elif w == "and" and last in ("hundred", "thousand"):
            last = "and"
        else:
            return None
    return None if last in ("", "and") else total + current


def _count(text: str) -> tuple[int, int]:
    if text.isdigit():
        return int(text), int(text)
    if text in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[text]
    if text in ("a", "an"):
        return 1, 1
    words = text.split(" ")
    if words[-1] == "hundred":
        return 100, 100
    value = _cardinal(words)
    assert value is not None  # the regex admits only numbers _cardinal reads
    return value, value


class _Duration(NamedTuple):
    """A length of time; hours are kept apart, as the days they may cover."""

    low: relativedelta
    high: relativedelta
    text: str
    hours_low: int = 0
    hours_high: int = 0

    @property
    def exact(self) -> bool:
        return self.low == self.high and self.hours_low == self.hours_high

    def days_up(self) -> dt.timedelta:
        """The most whole days the hours may reach into."""
        return dt.timedelta(days=-(-self.hours_high // 24))

    def days_down(self) -> dt.timedelta:
        """The fewest whole days the hours surely span."""
        return dt.timedelta(days=self.hours_low // 24)


@functools.lru_cache(maxsize=512)
def _duration(text: str) -> _Duration:
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    for m in _DUR_PART.finditer(text):
        lo, hi = _count(m.group(1))
        field, mult = _UNITS[m.group(2)]
        low[field] = low.get(field, 0) + lo * mult
        high[field] = high.get(field, 0) + hi * mult
    return _Duration(_delta(low), _delta(high), text, low.get("hours", 0), high.get("hours", 0))


def _delta(fields: dict[str, int]) -> relativedelta:
    return relativedelta(
        years=fields.get("years", 0), months=fields.get("months", 0), days=fields.get("days", 0)
    )


def _two_digit_year(yy: int, ref: dt.date) -> int:
    """A two-digit year: the year with those last digits at most 20 years after the reference."""
    year = ref.year // 100 * 100 + yy
    if year > ref.year + 20:
        year -= 100
    elif year <= ref.year - 80:
        year += 100
    return year


def _span_text(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} .. {(end - _DAY).isoformat()}"
