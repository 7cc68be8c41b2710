"""Rules for parts of a period.

Early/mid/late, earlier/later, and the n-th part ("third Tuesday of September", "week 1 of 2015").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from claimrec._dates_absolute import _valid
from claimrec._dates_base import _DAY, _R, _add_months, _count, _Fail, _monday, _ordinal, _span_text
from claimrec._dates_words import (
    _EXACT_RE,
    _MONTH_NAMES,
    _ORD_RE,
    _ORDINAL_WORDS,
    _UNIT_GRAIN,
    _WEEKDAY_NAMES,
    _WEEKDAYS,
    _alt,
    _lazy,
)

if TYPE_CHECKING:
    from claimrec._dates_engine import _Reader

# -- rules: early/mid/late, earlier/later ------------------------------------------------

_PART: Final = _lazy(
    r"(?:the )?(early|earlier|mid|middle|late|later|beginning|start|end)"
    r"(?: (?:of|in|on))?(?: the)? (.+)"
)
_PART_FIRST: Final = frozenset(
    ("the", "early", "earlier", "mid", "middle", "late", "later", "beginning", "start", "end")
)
_PART_NAMES: Final = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "earlier": "earlier", "later": "later",
}  # fmt: skip


def _rule_part(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.partition(" ")[0] not in _PART_FIRST:
        return None
    m = _PART.fullmatch(s)
    if m is None:
        return None
    period = rd.closed(m.group(2), off + m.start(2), depth)
    try:
        return _part(_PART_NAMES[m.group(1)], period, m.group(2), rd.ref)
    except _Fail as fail:
        raise _Fail(fail.message, off) from None


def _part(part: str, x: _R, what: str, ref: dt.date | None = None) -> _R:
    assert x.start is not None
    assert x.end is not None
    if part in ("earlier", "later"):
        if ref is not None and x.start <= ref < x.end:
            if part == "earlier":
                return _R(
                    x.start,
                    ref + _DAY,
                    "days",
                    "earlier-in-period",
                    f"from the start of {what!r} to the day said, inclusive",
                )
            return _R(
                ref,
                x.end,
                "days",
                "later-in-period",
                f"from the day said to the end of {what!r}, inclusive",
            )
        part = "early" if part == "earlier" else "late"
    third = ("early", "mid", "late").index(part)
    grain = x.grain
    if grain == "day":
        return x._replace(
            rule="part-of-day", detail="a part of a day is the whole day", explicit=False
        )
    if grain == "week":
        first = (0, 1, 4)[third]
        start = x.start + dt.timedelta(days=first)
        end = start + 3 * _DAY
        names = _WEEKDAY_NAMES
        detail = f"{part} = {names[first]}-{names[first + 2]}"
    elif grain == "month":
        start = x.start + dt.timedelta(days=(0, 10, 20)[third])
        end = x.end if third == 2 else start + 10 * _DAY
        detail = f"{part} = days {start.day}-{(end - _DAY).day}"
    elif grain in ("quarter", "half", "year"):
        size = {"quarter": 1, "half": 2, "year": 4}[grain]
        start = _add_months(x.start, size * third)
        end = _add_months(start, size)
        last = end - _DAY
        detail = f"{part} = {_MONTH_NAMES[start.month]}-{_MONTH_NAMES[last.month]}"
        if size == 1:
            detail = f"{part} = its {('first', 'second', 'third')[third]} month"
    elif grain == "decade":
        first, count = ((0, 4), (4, 3), (7, 3))[third]
        start = x.start.replace(year=x.start.year + first)
        end = start.replace(year=start.year + count)
        detail = f"{part} = {start.year}-{end.year - 1}"
    else:
        raise _Fail(
            f"cannot take the {part} part of {what!r}: expected a day, week, month, quarter, "
            "year or decade",
            0,
        )
    return _R(start, end, "days", f"part-of-{grain}", detail, yearless=x.yearless)


# -- rules: the n-th part of a period ("third Tuesday of September", "week 1 of 2015") -

_SUB_UNITS: Final = _alt([*_UNIT_GRAIN, *_WEEKDAYS])
_SUB: Final = _lazy(
    f"(?:the )?(?:({_ORD_RE}) last|last ({_EXACT_RE})|first ({_EXACT_RE})|(last)|({_ORD_RE})) "
    f"({_SUB_UNITS}) (?:(?:of|in) )?(?:the )?(.+)"
)
_SUB_ALONE: Final = _lazy(f"(?:the )?({_ORD_RE}|last) (quarter|qtr|half)")
_SUB_BEHIND: Final = _lazy(f"(.+?) (?:the )?({_ORD_RE}|last) (quarter|qtr|half)")
_DAY_OF: Final = _lazy(f"(?:the )?(\\d{{1,2}}|{_ORD_RE}) of (?:the )?(.+)")
_BARE_ORDINAL: Final = _lazy(f"the ({_ORD_RE})")
_WEEK_OF: Final = _lazy(r"(?:the )?week (?:of|beginning|starting|commencing)(?: on)? (?:the )?(.+)")
_MONTH_OF: Final = _lazy(r"(?:the )?month of (.+)")


def _rule_sub(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    words = s.split(" ")
    head = words[1] if words[0] == "the" and len(words) > 1 else words[0]
    if head in _SUB_HEADS or head[0].isdigit():
        found = _sub_nth(rd, s, off, depth)
        if found is not None:
            return found
    if words[-1] in ("quarter", "qtr", "half"):
        m = _SUB_BEHIND.fullmatch(s)
        if m:
            period = rd.closed(m.group(1), off, depth)
            index = -1 if m.group(2) == "last" else _ordinal(m.group(2))
            return _sub(period, m.group(3), index, index, m.group(1), off, s)
    if head in ("week", "month"):
        return _period_of(rd, s, off, depth)
    return None


_SUB_HEADS: Final = frozenset([*_ORDINAL_WORDS, "last", "twenty", "thirty"])


def _sub_nth(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    """ "the third Tuesday of March", "the 20th of next month", "on the 5th"."""
    m = _SUB.fullmatch(s)
    if m:
        ord_last, last_n, first_n, last, nth, unit, rest = m.groups()
        period = rd.closed(rest, off + m.start(7), depth)
        if ord_last:
            first = last_index = -_ordinal(ord_last)
        elif last_n:
            first, last_index = -_count(last_n)[0], -1
        elif first_n:
            first, last_index = 1, _count(first_n)[0]
        elif last:
            first = last_index = -1
        else:
            first = last_index = _ordinal(nth)
        return _sub(period, unit, first, last_index, rest, off, s)
    m = _SUB_ALONE.fullmatch(s)
    if m:
        index = -1 if m.group(1) == "last" else _ordinal(m.group(1))
        size = 6 if m.group(2) == "half" else 3
        ref = rd.ref
        year = ref.year
        if index > 0 and (index - 1) * size >= ref.month:
            year -= 1
        whole = _R(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year", "year", "")
        found = _sub(whole, m.group(2), index, index, str(year), off, s)
        return found._replace(
            detail=found.detail + "; no year given: the latest begun by the day said"
        )
    m = _DAY_OF.fullmatch(s)
    if m:
        period = rd.closed(m.group(2), off + m.start(2), depth)
        if period.grain != "month":
            return None
        text = m.group(1)
        index = int(text) if text.isdigit() else _ordinal(text)
        found = _sub(period, "day", index, index, m.group(2), off, s)
        return found._replace(explicit=True, yearless=period.yearless)
    m = _BARE_ORDINAL.fullmatch(s)
    if m:
        return _bare_day(rd.ref, _ordinal(m.group(1)), off, s)
    return None


def _period_of(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    """ "the week of 3 February", "the month of January"."""
    m = _WEEK_OF.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.start is not None
        if x.grain not in ("day", "week"):
            return None
        monday = _monday(x.start)
        return _R(
            monday,
            monday + 7 * _DAY,
            "week",
            "week-of",
            f"the week (Monday to Sunday) holding {m.group(1)!r}",
            yearless=x.yearless,
        )
    m = _MONTH_OF.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        return x if x.grain == "month" else None
    return None


def _bare_day(ref: dt.date, day: int, off: int, s: str) -> _R:
    """The latest day numbered ``day`` on or before the day said ("on the 5th")."""
    first = ref.replace(day=1)
    for back in range(13):
        month = _add_months(first, -back)
        if _valid(month.year, month.month, day) and month.replace(day=day) <= ref:
            d = month.replace(day=day)
            return _R(
                d,
                d + _DAY,
                "day",
                "absolute-date",
                f"no month given: the latest day {day} on or before the day said",
                explicit=True,
            )
    raise _Fail(f"{s!r}: no month has a day {day}", off)


_GRAIN_ORDER: Final = {
    "day": 1, "weekday": 1, "week": 2, "month": 3, "quarter": 4, "half": 5, "year": 6, "decade": 7,
}  # fmt: skip


def _sub(period: _R, unit: str, first: int, last: int, what: str, off: int, s: str) -> _R:
    start, end = period.start, period.end
    assert start is not None
    assert end is not None
    wd = _WEEKDAYS.get(unit)
    kind = "weekday" if wd is not None else _UNIT_GRAIN[unit]
    halves = kind == "half" and period.grain == "month"
    if not halves and _GRAIN_ORDER.get(kind, 0) >= _GRAIN_ORDER.get(period.grain, 9):
        raise _Fail(f"{s!r}: a {kind} is not part of {what!r}", off)
    note = ""
    if kind in ("week", "weekday"):
        target = 3 if wd is None else wd
        t0 = start + dt.timedelta(days=(target - start.weekday()) % 7)
        t1 = end - _DAY - dt.timedelta(days=((end - _DAY).weekday() - target) % 7)
        count = max((t1 - t0).days // 7 + 1, 0)
        if wd is None:
            note = "; a week belongs to the period its Thursday falls in (as in ISO 8601)"

            def item(k: int) -> tuple[dt.date, dt.date]:
                monday = t0 + dt.timedelta(days=7 * k - 3)
                return monday, monday + 7 * _DAY
        else:

            def item(k: int) -> tuple[dt.date, dt.date]:
                day = t0 + dt.timedelta(days=7 * k)
                return day, day + _DAY
    elif kind == "day":
        count = (end - start).days

        def item(k: int) -> tuple[dt.date, dt.date]:
            return start + dt.timedelta(days=k), start + dt.timedelta(days=k + 1)
    elif halves:
        count = 2
        middle = start + 15 * _DAY
        note = "; halves of a month are days 1-15 and 16 to the end"

        def item(k: int) -> tuple[dt.date, dt.date]:
            return (start, middle) if k == 0 else (middle, end)
    else:
        size = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}.get(kind, 0)
        months = (end.year - start.year) * 12 + end.month - start.month
        if not size or start.day != 1 or end.day != 1 or months % size or months < size:
            raise _Fail(f"{s!r}: cannot count {unit} within {what!r}", off)
        count = months // size

        def item(k: int) -> tuple[dt.date, dt.date]:
            return _add_months(start, size * k), _add_months(start, size * (k + 1))

    lo = first - 1 if first > 0 else count + first
    hi = last - 1 if last > 0 else count + last
    if not 0 <= lo <= hi < count:
        raise _Fail(f"{s!r}: {what!r} has {count} {unit.rstrip('s')}(s)", off)
    span_start, span_end = item(lo)[0], item(hi)[1]
    grain = {"weekday": "day"}.get(kind, kind) if lo == hi else "days"
    rule = "nth-weekday" if kind == "weekday" else "sub-period"
    detail = f"{_span_text(span_start, span_end)} within {what!r}{note}"
    return _R(span_start, span_end, grain, rule, detail)
