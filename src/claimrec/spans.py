"""Half-open spans of calendar days: ``[start, end)``, either end may be open.

>>> s = Span("2025-01-15", "2025-02-05")
>>> s
Span('2025-01-15', '2025-02-05')
>>> str(s), s.days
('2025-01-15 .. 2025-02-05', 21)
>>> s & Span.day("2025-02-04")
Span('2025-02-04', '2025-02-05')
>>> Span.from_text("February 2025")
Span('2025-02-01', '2025-03-01')

The end is exclusive, so consecutive spans share a boundary and never a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
from dateutil import parser as date_parser

from claimrec.errors import ParseError, ValidationError

__all__ = ["Span", "to_date"]

_MAX_TEXT: Final = 200


def to_date(value: object, field: str = "date") -> dt.date:
    """A ``datetime.date`` from a date, a datetime (its day) or an ISO ``YYYY-MM-DD`` string.

    >>> to_date("2025-02-04")
    datetime.date(2025, 2, 4)
    >>> to_date("4 Feb", "said_on")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: said_on: expected an ISO date 'YYYY-MM-DD', got '4 Feb'
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(
                f"{field}: expected an ISO date 'YYYY-MM-DD', got {value!r}"
            ) from None
    raise ValidationError(f"{field}: expected a date or an ISO date string, got {value!r}")


def _start(value: object) -> dt.date | None:
    return None if value is None else to_date(value, "start")


def _end(value: object) -> dt.date | None:
    return None if value is None else to_date(value, "end")


@attrs.frozen(repr=False)
class Span:
    """Days from ``start`` (inclusive) to ``end`` (exclusive); ``None`` is open-ended.

    >>> Span("2025-02-05", "2025-01-15")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: end (2025-01-15) must be after start (2025-02-05)
    """

    start: dt.date | None = attrs.field(default=None, converter=_start)
    end: dt.date | None = attrs.field(default=None, converter=_end)

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError(f"end ({self.end}) must be after start ({self.start})")

    # -- factories -------------------------------------------------------

    @classmethod
    def day(cls, day: object) -> Span:
        """The single day ``day``.

        >>> Span.day("2025-02-04")
        Span('2025-02-04', '2025-02-05')
        """
        d = to_date(day, "day")
        return cls(d, _next_day(d))

    @classmethod
    def month(cls, year: int, month: int) -> Span:
        """A calendar month.

        >>> Span.month(2025, 1).days
        31
        """
        first = _checked_date(year, month, 1)
        return cls(first, _checked_date(year + month // 12, month % 12 + 1, 1))

    @classmethod
    def year(cls, year: int) -> Span:
        """A calendar year.

        >>> Span.year(2024).days
        366
        """
        first = _checked_date(year, 1, 1)
        return cls(first, _checked_date(year + 1, 1, 1))

    @classmethod
    def since(cls, start: object) -> Span:
        """From ``start`` on, open-ended.

        >>> str(Span.since("2025-01-15"))
        '2025-01-15 ..'
        """
        return cls(to_date(start, "start"), None)

    @classmethod
    def until(cls, end: object) -> Span:
        """Everything before ``end`` (exclusive).

        >>> str(Span.until("2025-02-05"))
        '.. 2025-02-05'
        """
        return cls(None, to_date(end, "end"))

    @classmethod
    def always(cls) -> Span:
        """The span with both ends open.

        >>> Span.always().contains("1900-01-01")
        True
        """
        return cls(None, None)

    @classmethod
    def from_text(cls, text: str) -> Span:
        """The day, month or year an absolute date written in words or digits names.

        The precision follows the text: "4 February 2025" is a day, "February 2025" a
        month, "2025" a year. Relative phrases ("last week") belong to
        :func:`claimrec.parse_span`.

        >>> Span.from_text("Feb. 4, 2025"), Span.from_text("2024")
        (Span('2025-02-04', '2025-02-05'), Span('2024-01-01', '2025-01-01'))
        >>> Span.from_text("sometime")
        Traceback (most recent call last):
        ...
        claimrec.errors.ParseError: cannot read 'sometime' as a date: ...
        """
        stripped = text.strip()
        if not stripped or len(stripped) > _MAX_TEXT:
            raise ParseError(
                f"cannot read {text[:60]!r} as a date: expected 1 to {_MAX_TEXT} characters",
                text=text,
            )
        # Parse twice with different defaults: a field the text does not give takes
        # the default, so the fields that differ between the two are unspecified.
        try:
            one = date_parser.parse(stripped, default=dt.datetime(2001, 1, 1))
            two = date_parser.parse(stripped, default=dt.datetime(2002, 2, 28))
        except (ValueError, OverflowError) as err:
            raise ParseError(f"cannot read {text!r} as a date: {err}", text=text) from None
        if one.year != two.year:
            raise ParseError(
                f"cannot read {text!r} as a date: no year given "
                "(relative phrases need parse_span with a reference date)",
                text=text,
            )
        try:
            if one.month != two.month:
                return cls.year(one.year)
            if one.day != two.day:
                return cls.month(one.year, one.month)
            return cls.day(one.date())
        except ValidationError as err:
            raise ParseError(f"cannot read {text!r} as a date: {err}", text=text) from None

    # -- properties ------------------------------------------------------

    @property
    def days(self) -> int | None:
        """The number of days, or ``None`` when open-ended."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days

    @property
    def last_day(self) -> dt.date | None:
        """The last day inside the span (``end`` minus one day), or ``None`` when open.

        >>> Span("2025-01-15", "2025-02-05").last_day
        datetime.date(2025, 2, 4)
        """
        return None if self.end is None else self.end - dt.timedelta(days=1)

    # -- set operations --------------------------------------------------

    def contains(self, item: object) -> bool:
        """Whether a day (date or ISO string) or a whole span lies inside.

        >>> Span("2025-01-15", "2025-02-05").contains("2025-02-05")
        False
        """
        if isinstance(item, Span):
            return _le_start(self.start, item.start) and _le_end(item.end, self.end)
        day = to_date(item, "day")
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def __contains__(self, item: object) -> bool:
        return self.contains(item)

    def overlaps(self, other: Span) -> bool:
        """Whether the spans share at least one day.

        >>> Span("2025-01-01", "2025-01-10").overlaps(Span("2025-01-10", None))
        False
        """
        return self.intersection(other) is not None

    def intersection(self, other: Span) -> Span | None:
        """The days in both (``&``), or ``None`` when they share none."""
        start = _later(self.start, other.start)
        end = (
            other.end
            if self.end is None
            else self.end
            if other.end is None
            else min(self.end, other.end)
        )
        if start is not None and end is not None and end <= start:
            return None
        return Span(start, end)

    def __and__(self, other: Span) -> Span | None:
        return self.intersection(other)

    def hull(self, other: Span) -> Span:
        """The smallest span holding both (``|``), gaps included.

        >>> Span("2025-01-01", "2025-01-02") | Span("2025-03-01", "2025-03-02")
        Span('2025-01-01', '2025-03-02')
        """
        start = None if self.start is None or other.start is None else min(self.start, other.start)
        end = None if self.end is None or other.end is None else max(self.end, other.end)
        return Span(start, end)

    def __or__(self, other: Span) -> Span:
        return self.hull(other)

    # -- text ------------------------------------------------------------

    def __str__(self) -> str:
        start = "" if self.start is None else self.start.isoformat()
        end = "" if self.end is None else self.end.isoformat()
        return f"{start} .. {end}".strip()

    def __repr__(self) -> str:
        start = None if self.start is None else self.start.isoformat()
        end = None if self.end is None else self.end.isoformat()
        return f"Span({start!r}, {end!r})"


def _checked_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except (ValueError, TypeError, OverflowError) as err:
        raise ValidationError(f"no such date: year={year!r}, month={month!r}: {err}") from None


def _next_day(day: dt.date) -> dt.date:
    if day == dt.date.max:
        raise ValidationError(f"day: {day} is the last date there is; a span needs a day after it")
    return day + dt.timedelta(days=1)


def _later(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _le_start(a: dt.date | None, b: dt.date | None) -> bool:
    """Start ``a`` is at or before start ``b`` (``None`` is the distant past)."""
    return a is None or (b is not None and a <= b)


def _le_end(a: dt.date | None, b: dt.date | None) -> bool:
    """End ``a`` is at or before end ``b`` (``None`` is the distant future)."""
    return b is None or (a is not None and a <= b)
