"""Rules for days and periods counted from the day said.

Fixed phrases ("today"), this/last/next periods, rolling periods, weekdays, offsets ("3 days ago").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from dateutil.relativedelta import relativedelta

from claimrec._dates_base import (
    _DAY,
    _R,
    _add_months,
    _after,
    _before,
    _count,
    _day,
    _Duration,
    _duration,
    _Fail,
    _monday,
)
from claimrec._dates_parts import _PART_NAMES, _part
from claimrec._dates_words import (
    _COUNT_RE,
    _DUR_RE,
    _SMALL,
    _TEENS,
    _TENS,
    _UNIT_GRAIN,
    _UNIT_RE,
    _VAGUE_COUNTS,
    _WD_RE,
    _WDPL_RE,
    _WEEKDAY_NAMES,
    _WEEKDAYS,
    _WEEKDAYS_PLURAL,
    _lazy,
)

if TYPE_CHECKING:
    from claimrec._dates_engine import _Reader

# -- rules: fixed phrases --------------------------------------------------------------


def _deictic(days: int, name: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        return _day(ref + dt.timedelta(days=days), "day", "deictic-day", name)

    return read


def _weekend(which: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        saturday = _monday(ref) + dt.timedelta(days=5)
        if which == "past":
            detail = "the latest weekend begun by the day said"
            if ref < saturday:
                saturday -= dt.timedelta(days=7)
        else:
            shift = {"this": 0, "last": -7, "next": 7, "before last": -14}[which]
            saturday += dt.timedelta(days=shift)
            detail = {
                "this": "Saturday and Sunday of the week said (weeks start on Monday)",
                "last": "Saturday and Sunday of the week before",
                "next": "Saturday and Sunday of the week after",
                "before last": "Saturday and Sunday of the week before last",
            }[which]
        return _R(saturday, saturday + 2 * _DAY, "weekend", "weekend", detail)

    return read


def _to_date(unit: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        start = {
            "year": ref.replace(month=1, day=1),
            "month": ref.replace(day=1),
            "week": _monday(ref),
        }[unit]
        return _R(
            start, ref + _DAY, "days", "to-date", f"from the start of the {unit} to the day said"
        )

    return read


def _until_now(ref: dt.date) -> _R:
    return _R(None, ref + _DAY, "open", "to-date", "every day up to the day said, no start given")


def _fixed_part(part: str, unit: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        period = _relative_period(ref, 0, unit)
        return _part(_PART_NAMES[part], period, f"this {unit}")

    return read


_FIXED: Final[dict[str, Callable[[dt.date], _R]]] = {
    **{w: _deictic(0, "the day said") for w in (
        "today", "now", "tonight", "this morning", "this afternoon", "this evening",
        "right now", "earlier today", "later today")},
    **{w: _deictic(1, "the day after the day said") for w in ("tomorrow", "tmrw", "tmr")},
    **{w: _deictic(-1, "the day before the day said") for w in ("yesterday", "last night")},
    **{w: _deictic(2, "two days after the day said") for w in (
        "the day after tomorrow", "day after tomorrow")},
    **{w: _deictic(-2, "two days before the day said") for w in (
        "the day before yesterday", "day before yesterday")},
    **{w: _weekend("this") for w in ("weekend", "the weekend", "this weekend", "at the weekend")},
    **{w: _weekend("past") for w in (
        "over the weekend", "during the weekend", "the past weekend", "this past weekend",
        "past weekend")},
    **{w: _weekend("last") for w in ("last weekend", "previous weekend", "the previous weekend")},
    **{w: _weekend("before last") for w in ("the weekend before last", "weekend before last")},
    **{w: _weekend("next") for w in (
        "next weekend", "coming weekend", "the coming weekend", "this coming weekend",
        "the following weekend", "following weekend")},
    **{w: _to_date("year") for w in ("year to date", "ytd", "so far this year", "the year so far")},
    **{w: _to_date("month") for w in ("month to date", "mtd", "so far this month")},
    **{w: _to_date("week") for w in ("week to date", "so far this week")},
    **dict.fromkeys(("to date", "so far", "until now", "till now", "up to now", "as of now",
                     "as of today", "until today"), _until_now),
    **{w: _fixed_part(part, unit) for words, part, unit in (
        (("eom", "the eom"), "end", "month"), (("bom", "the bom"), "beginning", "month"),
        (("eoy", "the eoy"), "end", "year"), (("boy", "the boy"), "beginning", "year"),
        (("midweek",), "mid", "week"), (("midmonth",), "mid", "month"),
        (("midyear",), "mid", "year")) for w in words},
}  # fmt: skip


def _rule_fixed(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    read = _FIXED.get(s)
    return None if read is None else read(rd.ref)


# -- rules: this/last/next period, rolling periods -----------------------------------

_SHIFTS: Final = {
    "": 0, "this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
    "coming": 1, "upcoming": 1, "following": 1,
}  # fmt: skip
_RELATIVE: Final = _lazy(
    r"(?:the )?(?:(this|current|last|past|previous|next|coming|upcoming|following) )?"
    r"(day|week|wk|month|year|yr|quarter|qtr|decade)"
)


def _rule_relative(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.rpartition(" ")[2] not in _UNIT_GRAIN:
        return None
    m = _RELATIVE.fullmatch(s)
    if m is None:
        return None
    return _relative_period(rd.ref, _SHIFTS[m.group(1) or ""], m.group(2))


def _relative_period(ref: dt.date, shift: int, unit: str) -> _R:
    grain = _UNIT_GRAIN[unit]
    where = {-1: "before the one said in", 0: "said in", 1: "after the one said in"}[shift]
    if grain == "day":
        day = ref + dt.timedelta(days=shift)
        return _day(day, "day", "deictic-day", f"the day {where.replace(' in', '')}".strip())
    if grain == "week":
        start = _monday(ref) + dt.timedelta(days=7 * shift)
        end = start + 7 * _DAY
        detail = f"the calendar week {where} (weeks start on Monday)"
    elif grain == "month":
        start = _add_months(ref.replace(day=1), shift)
        end = _add_months(start, 1)
        detail = f"the calendar month {where}"
    elif grain == "quarter":
        start = _add_months(dt.date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * shift)
        end = _add_months(start, 3)
        detail = f"the calendar quarter {where}"
    elif grain == "year":
        start, end = dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift + 1, 1, 1)
        detail = f"the calendar year {where}"
    else:
        first = ref.year // 10 * 10 + 10 * shift
        start, end = dt.date(first, 1, 1), dt.date(first + 10, 1, 1)
        detail = f"the decade {where} ({first}-{first + 9})"
    return _R(start, end, grain, "relative-period", detail)


_ROLL_ONE: Final = _lazy(r"the (past|last|next) (day|week|wk|fortnight|month|year|yr|decade)")
_ROLL: Final = _lazy(f"(?:the )?(last|past|previous|next|coming|upcoming|following) ({_DUR_RE})")
_ROLL_AFTER: Final = _lazy(
    f"({_COUNT_RE}) (next|upcoming|coming|past|previous|last|following) ({_UNIT_RE})"
)
_ROLL_FUTURE: Final = _lazy(f"({_DUR_RE}) in the (future|past)")
_RECENT: Final = _lazy(r"recent (days|weeks|months|years)")
_COMING: Final = _lazy(r"(?:the )?(?:coming|next|following|upcoming) (days|weeks|months|years)")
_QUARTERS_ONLY: Final = _lazy(f"{_COUNT_RE} (?:quarters?|qtrs?)")


_ROLL_FIRST: Final = frozenset(
    [*_SHIFTS, *_SMALL, *_TEENS, *_TENS, *_VAGUE_COUNTS, "a", "an", "the", "recent", "hundred"]
)


def _rule_rolling(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    first = s.partition(" ")[0]
    if not (first in _ROLL_FIRST or first.isdigit()):
        return None
    m = _ROLL_ONE.fullmatch(s)
    if m:
        dur = _duration(f"1 {m.group(2)}")._replace(text=m.group(2))
        return _rolling(rd.ref, m.group(1) != "next", dur, off, s)
    m = _ROLL.fullmatch(s)
    if m:
        return _rolling(rd.ref, _SHIFTS[m.group(1)] < 0, _duration(m.group(2)), off, s)
    m = _ROLL_AFTER.fullmatch(s)
    if m:
        dur = _duration(f"{m.group(1)} {m.group(3)}")
        return _rolling(rd.ref, _SHIFTS[m.group(2)] < 0, dur, off, s)
    m = _ROLL_FUTURE.fullmatch(s)
    if m:
        return _rolling(rd.ref, m.group(2) == "past", _duration(m.group(1)), off, s)
    m = _RECENT.fullmatch(s)
    if m:
        return _rolling(rd.ref, True, _duration(f"few {m.group(1)}"), off, s)
    m = _COMING.fullmatch(s)
    if m:
        return _rolling(rd.ref, False, _duration(f"few {m.group(1)}"), off, s)
    return None


def _rolling(ref: dt.date, past: bool, dur: _Duration, off: int, s: str) -> _R:
    vague = "" if dur.exact else "; a vague count is read at its widest"
    if _QUARTERS_ONLY.fullmatch(dur.text):
        this_quarter = dt.date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
        if past:
            start, end = this_quarter - dur.high, this_quarter
            detail = f"the {dur.text} before the quarter said in (whole quarters)"
        else:
            start = this_quarter + relativedelta(months=3)
            end = start + dur.high
            detail = f"the {dur.text} after the quarter said in (whole quarters)"
    elif dur.hours_high:
        if past:
            start, end = ref - dur.high - dur.days_up(), ref + _DAY
            detail = f"the days the {dur.text} before the day said may reach, and that day"
        else:
            start, end = ref, ref + _DAY + dur.high + dur.days_up()
            detail = f"the day said and the days the {dur.text} after it may reach"
    elif past:
        start, end = ref - dur.high, ref
        detail = f"the {dur.text} before the day said, not counting it"
    else:
        start = ref + _DAY
        end = start + dur.high
        detail = f"the {dur.text} after the day said, not counting it"
    if end <= start:
        raise _Fail(f"{s!r} names no days", off)
    return _R(start, end, "days", "past-n" if past else "next-n", detail + vague)


# -- rules: weekdays -----------------------------------------------------------------

_WD_ALONE: Final = _lazy(
    f"(?:the )?(?:(?:(last|past|previous|this past|this|current|next|following|coming|upcoming|"
    f"this coming|this upcoming) )?({_WD_RE})|({_WD_RE}) (after next|before last))"
)
_WD_THEN: Final = _lazy(
    f"(?:(this|next|last|coming|following) )?({_WD_RE}) (?:(?:of|on|from|in) )?(?:the )?(.+)"
)
_WD_TAIL: Final = _lazy(f"(.+?)(?: 's| on)? ({_WD_RE})")


def _rule_weekday(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _WEEKDAYS.keys().isdisjoint(s.split(" ")):
        return None
    m = _WD_ALONE.fullmatch(s)
    if m:
        mod, name, other, tail = m.groups()
        return _weekday(rd.ref, mod or "", _WEEKDAYS[name or other], tail)
    m = _WD_THEN.fullmatch(s)
    if m:
        found = _weekday_in(
            rd, m.group(3), off + m.start(3), depth, _WEEKDAYS[m.group(2)], bool(m.group(1))
        )
        if found is not None:
            return found
    m = _WD_TAIL.fullmatch(s)
    if m:
        return _weekday_in(rd, m.group(1), off, depth, _WEEKDAYS[m.group(2)], False)
    return None


def _weekday(ref: dt.date, mod: str, wd: int, tail: str | None) -> _R:
    name = _WEEKDAY_NAMES[wd]
    if tail is not None:
        if tail == "after next":
            return _day(
                _after(ref, wd, 2), "day", "weekday", f"the second {name} after the day said"
            )
        return _day(_before(ref, wd, 2), "day", "weekday", f"the second {name} before the day said")
    if mod in ("this", "current"):
        day = _monday(ref) + dt.timedelta(days=wd)
        detail = f"the {name} of the week said (weeks start on Monday)"
    elif mod in ("next", "following"):
        day = _monday(ref) + dt.timedelta(days=wd + 7)
        detail = f"the {name} of the week after the one said"
    elif mod in ("coming", "upcoming", "this coming", "this upcoming"):
        day = _after(ref, wd)
        detail = f"the first {name} after the day said"
    else:
        day = _before(ref, wd)
        detail = f"the latest {name} before the day said"
    return _day(day, "day", "weekday", detail)


def _weekday_in(rd: _Reader, rest: str, off: int, depth: int, wd: int, modified: bool) -> _R | None:
    found = rd.point(rest, off, depth)
    if found is None or found.start is None:
        return None
    start = found.start
    name = _WEEKDAY_NAMES[wd]
    if found.explicit and found.grain == "day":
        if modified and found.yearless:
            # "this Friday 7.6": the modifier belongs to the weekday; the date takes the year said
            again = rd.point(f"{rest} {rd.ref.year}", off, depth)
            if again is not None:
                found = again
        return found._replace(detail=f"{found.detail}; the date given wins over the weekday")
    if found.grain not in ("week", "day"):
        return None
    day = _monday(start) + dt.timedelta(days=wd)
    return _day(day, "day", "weekday-of-week", f"the {name} of the week of {rest!r}")


# -- rules: offsets ("3 days ago", "in two weeks", "2 weeks before May 13") -----------

_AGO: Final = _lazy(f"({_DUR_RE}) (ago|back|earlier|before|prior|previously)")
_LATER: Final = _lazy(f"({_DUR_RE}) (later|hence|from now|from today|afterwards|after)")
_IN: Final = _lazy(f"in ({_DUR_RE})(?: time)?")
_ANCHORED: Final = _lazy(f"(?:in )?({_DUR_RE}) (from|after|before|since|prior to) (.+)")
_WD_COUNT: Final = _lazy(
    f"({_COUNT_RE}) ({_WDPL_RE}|{_WD_RE}) (from now|from today|later|hence|ago|back|before|earlier)"
)


_OFFSET_WORDS: Final = frozenset(
    (
        "ago",
        "back",
        "earlier",
        "before",
        "prior",
        "previously",
        "later",
        "hence",
        "from",
        "afterwards",
        "after",
        "in",
        "since",
    )
)


def _rule_offset(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _OFFSET_WORDS.isdisjoint(s.split(" ")):
        return None
    ref = rd.ref
    m = _AGO.fullmatch(s)
    if m:
        return _offset(ref, _duration(m.group(1)), -1, "the day said")
    m = _LATER.fullmatch(s) or _IN.fullmatch(s)
    if m:
        return _offset(ref, _duration(m.group(1)), 1, "the day said")
    m = _ANCHORED.fullmatch(s)
    if m:
        anchor = rd.closed(m.group(3), off + m.start(3), depth)
        assert anchor.start is not None
        sign = -1 if m.group(2) in ("before", "prior to") else 1
        return _offset(anchor.start, _duration(m.group(1)), sign, repr(m.group(3)))
    m = _WD_COUNT.fullmatch(s)
    if m:
        low, high = _count(m.group(1))
        name = m.group(2)
        wd = _WEEKDAYS_PLURAL.get(name, _WEEKDAYS.get(name, 0))
        if low < 1:
            raise _Fail(f"{s!r}: expected a count of at least 1", off)
        plural = _WEEKDAY_NAMES[wd] + "s"
        if m.group(3) in ("ago", "back", "before", "earlier"):
            first, last = _before(ref, wd, high), _before(ref, wd, low)
            detail = f"counting {plural} back from the day said"
        else:
            first, last = _after(ref, wd, low), _after(ref, wd, high)
            detail = f"counting {plural} on from the day said"
        return _R(first, last + _DAY, "day" if low == high else "days", "weekday-offset", detail)
    return None


def _offset(base: dt.date, dur: _Duration, sign: int, anchor: str) -> _R:
    if sign > 0:
        first = base + dur.low + dur.days_down()
        last = base + dur.high + dur.days_up()
        detail = f"{dur.text} after {anchor}"
    else:
        first = base - dur.high - dur.days_up()
        last = base - dur.low - dur.days_down()
        detail = f"{dur.text} before {anchor}"
    if not dur.exact:
        detail += "; a vague count is read as all the days it allows"
    return _R(first, last + _DAY, "day" if first == last else "days", "offset", detail)
