"""Rules for dates named outright.

Calendar dates, dates in digits, years, decades, quarters, ISO week numbers, years in words.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Final

from claimrec._dates_base import (
    _DAY,
    _R,
    _add_months,
    _cardinal,
    _Fail,
    _month_span,
    _two_digit_year,
)
from claimrec._dates_words import (
    _DECADE_WORDS,
    _MONTH_NAMES,
    _MONTHS,
    _ORDINAL_WORDS,
    _SMALL,
    _TEENS,
    _TENS,
    _WEEKDAYS,
    _lazy,
)

if TYPE_CHECKING:
    from claimrec._dates_engine import _Reader

# -- rules: calendar dates written out ---------------------------------------------------

_CAL_FILLERS: Final = frozenset(("of", "in", "/", "-", ".", "the", "'s"))
_ORD_TOKEN: Final = _lazy(r"\d{1,2}(?:st|nd|rd|th)$")


def _day_words(words: list[str], k: int) -> tuple[int, int] | None:
    """A day of the month in words at ``words[k]``: (day, words used)."""
    w = words[k]
    if w in _TENS:
        nxt = words[k + 1] if k + 1 < len(words) else ""
        unit = _SMALL.get(nxt) or _ORDINAL_WORDS.get(nxt)
        if unit is not None and unit < 10:
            return _TENS[w] + unit, 2
        return _TENS[w], 1
    value = _ORDINAL_WORDS.get(w) or _SMALL.get(w) or _TEENS.get(w)
    return None if value is None else (value, 1)


def _rule_calendar(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    words = s.split(" ")
    if _MONTHS.keys().isdisjoint(words):
        return None
    i, n = 0, len(words)
    if words[0] == "the":
        i = 1
    mod = ""
    if i < n and words[i] in ("this", "next", "last", "coming"):
        mod = words[i]
        i += 1
    weekday = False
    if i < n and words[i] in _WEEKDAYS:
        weekday = True
        i += 1
        if i < n and words[i] in ("of", "in"):
            return None
    shift: int | None = None
    step = 0
    tail = words[-2:]
    if tail == ["after", "next"] and not mod:
        step, n = 2, n - 2
    elif tail == ["before", "last"] and not mod:
        step, n = -2, n - 2
    elif len(words) >= 2 and tail[1] == "year" and tail[0] in ("this", "next", "last"):
        shift = {"this": 0, "next": 1, "last": -1}[tail[0]]
        n -= 2
    month = day = year = None
    k = i
    while k < n:
        w = words[k]
        if w in _CAL_FILLERS:
            k += 1
        elif w in _MONTHS:
            if month is not None:
                return None
            month = _MONTHS[w]
            k += 1
        elif w.isdigit():
            if len(w) == 4 and year is None:
                year = int(w)
            elif len(w) <= 2 and day is None and 1 <= int(w) <= 31:
                day = int(w)
            else:
                return None
            k += 1
        elif day is None and _ORD_TOKEN.match(w):
            day = int(w[:-2])
            k += 1
        else:
            found = _day_words(words, k) if day is None else None
            if found is None:
                return None
            day, used = found
            k += used
    if month is None or (weekday and day is None):
        return None
    if weekday and mod and day is not None and year is None and shift is None:
        shift, mod = 0, ""  # "this Friday 7.6": the modifier belongs to the weekday
    if year is not None and (mod or step or shift is not None):
        return None
    return _resolve_calendar(rd.ref, mod, step, shift, year, month, day, off, s)


def _resolve_calendar(
    ref: dt.date,
    mod: str,
    step: int,
    shift: int | None,
    year: int | None,
    month: int,
    day: int | None,
    off: int,
    s: str,
) -> _R:
    name = _MONTH_NAMES[month]
    what = name if day is None else f"{day} {name}"
    yearless = False
    if year is not None:
        detail = "given in full"
    elif shift is not None:
        year = ref.year + shift
        detail = f"the year is {year} (relative to the day said)"
    else:
        key = (month, day or 1)
        now = (ref.month, ref.day if day is not None else 1)
        year = ref.year
        if mod == "this":
            detail = f"'this': {what} of the year said"
        elif mod in ("next", "coming") or step == 2:
            if key <= now:
                year += 1
            detail = f"'next': the first {what} after the day said"
            if step == 2:
                year += 1
                detail = f"'after next': the {what} a year after the next one"
        elif mod == "last" or step == -2:
            if key >= now:
                year -= 1
            detail = f"'last': the latest {what} before the day said"
            if step == -2:
                year -= 1
                detail = f"'before last': the {what} a year before the last one"
        else:
            yearless = True
            if key > now:
                year -= 1
            detail = f"no year given: the latest {what} " + (
                "begun by the day said" if day is None else "on or before the day said"
            )
            if day is not None:
                # 29 February: step back to the latest leap year
                tries = 0
                while not _valid(year, month, day) and tries < 8:
                    year -= 1
                    tries += 1
    if day is None:
        start, end = _month_span(year, month)
        return _R(start, end, "month", "absolute-month", detail, explicit=True, yearless=yearless)
    if not _valid(year, month, day):
        when = name if yearless else f"{name} {year}"
        raise _Fail(f"{s!r} is not a date: {when} has no day {day}", off)
    d = dt.date(year, month, day)
    return _R(d, d + _DAY, "day", "absolute-date", detail, explicit=True, yearless=yearless)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# -- rules: dates in digits --------------------------------------------------------------

_NUMERIC: Final = _lazy(
    r"(?:(this|next|last) )?(\d{1,4})(?: ([/.-]))? (\d{1,4})(?:(?: ([/.-]))? (\d{1,4}))?"
)
_COMPACT: Final = _lazy(r"(\d{4})(\d\d)(\d\d)")


def _rule_numeric(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not (s[0].isdigit() or s.startswith(("this ", "next ", "last "))):
        return None
    m = _COMPACT.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _numeric_day(y, mo, d, "year, month and day run together", off, s)
    m = _NUMERIC.fullmatch(s)
    if m is None:
        return None
    mod, a, sep1, b, sep2, c = m.groups()
    if c is None:
        if sep1 is None:
            return None
        if len(a) == 4 and len(b) <= 2 and not mod:
            return _numeric_month(int(a), int(b), off, s)
        if len(b) == 4 and len(a) <= 2 and not mod:
            return _numeric_month(int(b), int(a), off, s)
        if len(a) > 2 or len(b) > 2 or sep1 == "-":
            return None  # "3-5" is more often a range of numbers than a day
        mo, d, how = _month_day(int(a), int(b), rd.dayfirst)
        if not 1 <= mo <= 12:
            raise _Fail(f"{s!r} is not a date: neither {a} nor {b} can be a month", off)
        found = _resolve_calendar(rd.ref, mod or "", 0, None, None, mo, d, off, s)
        return found._replace(detail=f"{how}; {found.detail}")
    if mod or (sep1 is not None and sep2 is not None and sep1 != sep2):
        return None
    if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
        return _numeric_day(int(a), int(b), int(c), "year, month, day", off, s)
    if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4):
        return None
    year = int(c) if len(c) == 4 else _two_digit_year(int(c), rd.ref)
    mo, d, how = _month_day(int(a), int(b), rd.dayfirst)
    if len(c) == 2:
        how += f"; two-digit year {c} read as {year}"
    return _numeric_day(year, mo, d, how, off, s)


def _month_day(a: int, b: int, dayfirst: bool) -> tuple[int, int, str]:
    if dayfirst:
        if b > 12 >= a:
            return a, b, f"month first, because {b} cannot be a month"
        return b, a, "day first, as asked"
    if a > 12 >= b:
        return b, a, f"day first, because {a} cannot be a month"
    return a, b, "month first (US order)"


def _numeric_day(y: int, mo: int, d: int, how: str, off: int, s: str) -> _R:
    if not (1 <= mo <= 12 and _valid(y, mo, d)):
        raise _Fail(f"{s!r} is not a date: no day {d} in month {mo} of year {y}", off)
    day = dt.date(y, mo, d)
    return _R(day, day + _DAY, "day", "absolute-date", how, explicit=True)


def _numeric_month(y: int, mo: int, off: int, s: str) -> _R:
    if not 1 <= mo <= 12 or y == 0:
        raise _Fail(f"{s!r} is not a month: expected a month 1-12 and a year 1-9999", off)
    start, end = _month_span(y, mo)
    return _R(start, end, "month", "absolute-month", "month and year in digits", explicit=True)


# -- rules: years, decades, quarters, week numbers -------------------------------------

_YEAR: Final = _lazy(r"(?:the )?(?:(?:year )?(\d{4})|year (\d{1,4}))")
_DECADE: Final = _lazy(r"(?:the )?(\d0|\d{3}0)s")
_QUARTER: Final = _lazy(
    r"(?:(\d\d|\d{4}) (?:- )?)?([qh])([1-4])(?: (?:- )?(\d\d|\d{4}|(this|next|last) year))?"
)
_WEEK_NUMBER: Final = _lazy(r"(?:the )?week (?:number |no )?(\d{1,2})(?: (?:of|in) (.+))?")


def _rule_year(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not (s[0].isdigit() or s[0] in "tyqhw"):  # "the", "year", "q1", "h2", "week"
        return None
    m = _YEAR.fullmatch(s)
    if m:
        return _year(int(m.group(1) or m.group(2)), "a calendar year", off, s)
    m = _DECADE.fullmatch(s)
    if m:
        digits = m.group(1)
        if len(digits) == 4:
            return _decade(int(digits), "given in full")
        start = rd.ref.year // 100 * 100 + int(digits)
        if start > rd.ref.year:
            start -= 100
        return _decade(start, "the latest such decade begun by the day said")
    m = _QUARTER.fullmatch(s)
    if m:
        return _quarter(rd, m, off, s)
    m = _WEEK_NUMBER.fullmatch(s)
    if m:
        return _week_number(rd, m, off, depth, s)
    return None


def _year(year: int, how: str, off: int, s: str) -> _R:
    if not 1 <= year < 9999:
        raise _Fail(f"{s!r} is not a year: expected a year from 1 to 9998", off)
    return _R(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year", "year", how)


def _decade(start: int, how: str) -> _R:
    return _R(
        dt.date(start, 1, 1),
        dt.date(start + 10, 1, 1),
        "decade",
        "decade",
        f"{start}-{start + 9}, {how}",
    )


def _quarter(rd: _Reader, m: re.Match[str], off: int, s: str) -> _R:
    before, letter, number, after, relative = m.groups()
    if before and after:
        raise _Fail(f"{s!r} gives the year twice", off)
    ref = rd.ref
    size = 3 if letter == "q" else 6
    index = int(number)
    name = f"{letter.upper()}{index}"
    if size == 6 and index > 2:
        raise _Fail(f"{s!r} is not a half year: expected H1 or H2", off)
    year_text = before or after
    if relative:
        year = ref.year + {"this": 0, "next": 1, "last": -1}[relative]
        how = f"{name} of {year}"
    elif year_text:
        year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), ref)
        how = f"{name} of {year}"
    else:
        year = ref.year if (index - 1) * size < ref.month else ref.year - 1
        how = f"no year given: the latest {name} begun by the day said"
    start = dt.date(year, (index - 1) * size + 1, 1)
    grain, rule = ("quarter", "quarter") if size == 3 else ("half", "half-year")
    return _R(start, _add_months(start, size), grain, rule, how)


def _week_number(rd: _Reader, m: re.Match[str], off: int, depth: int, s: str) -> _R:
    number = int(m.group(1))
    year = rd.ref.year
    if m.group(2):
        period = rd.closed(m.group(2), off + m.start(2), depth)
        if period.grain != "year":
            raise _Fail(f"{s!r}: week numbers count within a year", off + m.start(2))
        assert period.start is not None
        year = period.start.year
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise _Fail(f"{s!r}: {year} has no ISO week {number}", off) from None
    return _R(
        monday,
        monday + 7 * _DAY,
        "week",
        "week-number",
        f"ISO week {number} of {year} (weeks start on Monday)",
    )


# -- rules: years and decades in words --------------------------------------------------

_WORDS: Final = _lazy(r"(?:the )?(year )?([a-z]+(?: [a-z]+)*)")
_NUMBER_WORDS: Final = frozenset(
    [
        *_SMALL,
        *_TEENS,
        *_TENS,
        *_DECADE_WORDS,
        "hundred",
        "thousand",
        "and",
        "oh",
        "thousands",
        "noughties",
        "aughts",
    ]
)


def _rule_words(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    first = s.partition(" ")[0]
    if first not in _NUMBER_WORDS and first not in ("the", "year"):
        return None
    m = _WORDS.fullmatch(s)
    if m is None:
        return None
    words = m.group(2).split(" ")
    if not all(w in _NUMBER_WORDS for w in words):
        return None
    last = words[-1]
    if last in ("noughties", "aughts") and len(words) == 1:
        return _decade(2000, "the 2000s")
    if last == "thousands":
        value = _cardinal(words[:-1])
        if value is None or not 1 <= value <= 9:
            return None
        return _decade(value * 1000, "a decade in words")
    if last in _DECADE_WORDS:
        prefix = words[:-1]
        if prefix and prefix[-1] == "and":
            prefix = prefix[:-1]
        tens = _DECADE_WORDS[last]
        if not prefix:
            start = rd.ref.year // 100 * 100 + tens
            if start > rd.ref.year:
                start -= 100
            return _decade(start, "the latest such decade begun by the day said")
        value = _cardinal(prefix)
        if value is None or not (10 <= value <= 99 or (value % 100 == 0 and value < 10000)):
            return None
        base = value * 100 if value < 100 else value
        return _decade(base + tens, "a decade in words")
    value = _cardinal(words)
    if value is not None and (value >= 1000 or m.group(1)):
        return _year(value, "a year in words", off, s)
    for k in (1, 2):
        high = _cardinal(words[:k])
        low_words = words[k:]
        if low_words[:1] == ["oh"] and len(low_words) == 2:
            low = _SMALL.get(low_words[1])
        else:
            low = _cardinal(low_words) if low_words[:1] != ["and"] else None
        if high is not None and low is not None and 10 <= high <= 99 and 0 < low <= 99:
            return _year(high * 100 + low, "a year in words, said in pairs", off, s)
    return None
