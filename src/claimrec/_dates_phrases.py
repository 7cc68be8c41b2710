"""Rules for whole phrases: fillers and open or explicit ends.

Fillers: "in X", "around X"; ends: "since X", "until X", "for 3 weeks", "from X to Y".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from claimrec._dates_absolute import _valid
from claimrec._dates_base import _DAY, _R, _duration, _Fail, _ordinal
from claimrec._dates_words import _DUR_RE, _ORD_RE, _lazy

if TYPE_CHECKING:
    from claimrec._dates_engine import _Reader

# -- rules: fillers ------------------------------------------------------------------

_AROUND: Final = _lazy(r"(?:around|about|approximately|circa|roughly) (.+)")
_FILLER: Final = _lazy(
    r"(?:(?:in|on|at|during|over|within|throughout|sometime in|some time in) (.+))|for (the .+)"
)


def _rule_around(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _AROUND.fullmatch(s)
    return None if m is None else rd.point(m.group(1), off + m.start(1), depth)


def _rule_filler(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _FILLER.fullmatch(s)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    return rd.phrase(m.group(group), off + m.start(group), depth)


# -- rules: open and explicit ends ("since X", "until X", "from X to Y") ---------------

_SINCE: Final = _lazy(r"(?:ever )?since (.+)")
_UNTIL: Final = _lazy(
    r"(?:until|till|til|up to|up until|through|thru|by|as of|to|no later than) (.+)"
)
_BEFORE: Final = _lazy(r"(?:before|prior to|earlier than) (.+)")
_AFTER: Final = _lazy(r"(?:after|later than) (.+)")
_ONWARDS: Final = _lazy(
    r"(?:from|starting|starting from|starting on|beginning|as from) (.+?)"
    r"(?: (?:on|onwards|onward|forward|forwards))?"
)
_FOR: Final = _lazy(f"for ({_DUR_RE})(?: (?:from|starting|starting from|beginning) (.+))?")
_FOR_PLURAL: Final = _lazy(r"for (days|weeks|months|years|decades)")
_RANGE_PREFIX: Final = _lazy(r"(from|between) (.+)")
_RANGE_SEPARATORS: Final = frozenset(("to", "till", "til", "until", "through", "thru", "-", "~"))
_RANGE_WORDS: Final = _RANGE_SEPARATORS | {"and"}
_BARE_DAY: Final = _lazy(f"(?:the )?(\\d{{1,2}}|{_ORD_RE})(?: (\\d{{4}}))?")


def _rule_point(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    return rd.point(s, off, depth)


_ENDS_FIRST: Final = frozenset(
    (
        "ever",
        "since",
        "until",
        "till",
        "til",
        "up",
        "through",
        "thru",
        "by",
        "as",
        "to",
        "no",
        "before",
        "prior",
        "earlier",
        "after",
        "later",
    )
)


def _rule_ends(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.partition(" ")[0] not in _ENDS_FIRST:
        return None
    ref = rd.ref
    m = _SINCE.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.start is not None
        if x.start > ref:
            raise _Fail(
                f"{s!r}: {m.group(1)!r} starts on {x.start}, after the day said ({ref})", off
            )
        return _R(
            x.start,
            ref + _DAY,
            "days",
            "since",
            f"from the start of {m.group(1)!r} ({x.start}) to the day said, inclusive",
        )
    m = _UNTIL.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        detail = f"up to the end of {m.group(1)!r}, no start given"
        if x.yearless:
            x = _nearest(rd, x, m.group(1), off + m.start(1), depth)
            detail += "; no year given: the nearest such date, past or future"
        assert x.end is not None
        return _R(None, x.end, "open", "until", detail)
    m = _BEFORE.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        return _R(None, x.start, "open", "before", f"every day before {m.group(1)!r} ({x.start})")
    m = _AFTER.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.end is not None
        return _R(x.end, None, "open", "after", f"every day after {m.group(1)!r} ({x.end - _DAY})")
    return None


def _nearest(rd: _Reader, x: _R, text: str, off: int, depth: int) -> _R:
    """The yearless ``x`` or the same date a year later, whichever is nearer the day said."""
    assert x.start is not None
    assert x.end is not None
    later = rd.point(f"{text} {x.start.year + 1}", off, depth)
    if later is None or later.start is None or x.end > rd.ref:
        return x
    return later if (later.start - rd.ref) < (rd.ref - x.end) else x


def _rule_for(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not s.startswith("for "):
        return None
    ref = rd.ref
    m = _FOR_PLURAL.fullmatch(s)
    if m:
        unit = m.group(1)
        start = ref - _duration(f"2 {unit}").high
        return _R(
            start,
            ref + _DAY,
            "days",
            "for-plural",
            f"'for {unit}' = at least 2 {unit}, up to the day said",
        )
    m = _FOR.fullmatch(s)
    if m is None:
        return None
    dur = _duration(m.group(1))
    if m.group(2):
        x = rd.closed(m.group(2), off + m.start(2), depth)
        assert x.start is not None
        end = x.start + dur.high + dur.days_up()
        if end <= x.start:
            raise _Fail(f"{s!r} names no days", off)
        return _R(
            x.start, end, "days", "for-duration", f"{dur.text} from the start of {m.group(2)!r}"
        )
    return _R(
        ref - dur.high - dur.days_up(),
        ref + _DAY,
        "days",
        "for-duration",
        f"{dur.text} up to the day said, inclusive",
    )


def _rule_range(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _RANGE_WORDS.isdisjoint(s.split(" ")):
        return None
    m = _RANGE_PREFIX.fullmatch(s)
    body, start = (m.group(2), off + m.start(2)) if m else (s, off)
    separators = _RANGE_SEPARATORS | ({"and"} if m and m.group(1) == "between" else set())
    words = body.split(" ")
    pos = start
    for i, word in enumerate(words):
        if word in separators and 0 < i < len(words) - 1:
            left = " ".join(words[:i])
            right = " ".join(words[i + 1 :])
            found = _range(rd, left, start, right, pos + len(word) + 1, depth)
            if found is not None:
                return found
        pos += len(word) + 1
    return None


def _range(rd: _Reader, left: str, loff: int, right: str, roff: int, depth: int) -> _R | None:
    # The left end is read first, so that a split whose left side is no date costs little.
    b = None
    if _BARE_DAY.fullmatch(left):
        b = rd.point(right, roff, depth)
        if b is not None and b.explicit and b.grain == "day":
            a = _day_like(left, b)
        else:
            a = rd.point(left, loff, depth)
    else:
        a = rd.point(left, loff, depth)
    if a is None:
        return None
    if b is None:
        b = rd.point(right, roff, depth)
    if b is None and a.explicit and a.grain == "day":
        b = _day_like(right, a)
    if b is None or a.start is None or b.start is None or b.end is None:
        return None
    start, end = a.start, b.end
    if a.yearless and not b.yearless:
        # "December to March 2025": the left end takes the year that puts it first
        for year in (b.start.year, b.start.year - 1):
            again = rd.point(f"{left} {year}", loff, depth)
            if again is not None and again.start is not None and again.start < end:
                start = again.start
                break
    elif b.yearless:
        # "from March to January": the right end is the first one ending after the left starts
        for year in (start.year, start.year + 1):
            again = rd.point(f"{right} {year}", roff, depth)
            if again is not None and again.end is not None and again.end > start:
                end = again.end
                break
    if end <= start and b.rule == "weekday":
        end += 7 * _DAY  # "Monday to Wednesday": the Wednesday after that Monday
    if end <= start:
        raise _Fail(f"{left!r} to {right!r} ends before it starts", loff)
    return _R(
        start,
        end,
        "days",
        "range",
        f"from the start of {left!r} to the end of {right!r}, both included",
    )


def _day_like(text: str, other: _R) -> _R | None:
    """A bare day number ("10" in "10-20 January") in the month of the other end."""
    m = _BARE_DAY.fullmatch(text)
    if m is None:
        return None
    assert other.start is not None
    number, year_text = m.groups()
    day = int(number) if number.isdigit() else _ordinal(number)
    year = int(year_text) if year_text else other.start.year
    if not _valid(year, other.start.month, day):
        return None
    d = dt.date(year, other.start.month, day)
    return _R(d, d + _DAY, "day", "absolute-date", "day of the other end's month", explicit=True)


def _rule_onwards(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _ONWARDS.fullmatch(s)
    if m is None:
        return None
    x = rd.closed(m.group(1), off + m.start(1), depth)
    return _R(x.start, None, "open", "onwards", f"from the start of {m.group(1)!r} ({x.start}) on")
