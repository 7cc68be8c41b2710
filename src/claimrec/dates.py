"""Time phrases read as spans of days: "mid-January", "since last week", "4 February 2025".

A phrase is read against a *reference*, the day it was said, and gives a
:class:`~claimrec.spans.Span` (half-open: ``start`` inclusive, ``end`` exclusive).
:func:`read_span` also names the rule that read the phrase and how, so a report can
quote it; :func:`parse_span` returns the span alone.

>>> parse_span("mid-January", reference="2025-02-05")
Span('2025-01-11', '2025-01-21')
>>> print(read_span("since late 2024", reference="2025-02-05").explain())
'since late 2024' said on 2025-02-05 read as 2024-09-01 .. 2025-02-06 (rule 'since': ...)

Every convention (which days "mid" covers, what "last Tuesday" means, where "for weeks"
starts) is documented with examples in ``docs/dates.md``.
"""

from __future__ import annotations

import datetime as dt

import attrs

from claimrec._dates_engine import _read
from claimrec.spans import Span, to_date

__all__ = ["SpanReading", "parse_span", "read_span"]


# -- the public reading ----------------------------------------------------------


@attrs.frozen
class SpanReading:
    """A time phrase, the day it was said, the span it was read as and the rule that read it.

    >>> reading = read_span("mid-January", reference="2025-02-05")
    >>> reading.rule, reading.span
    ('part-of-month', Span('2025-01-11', '2025-01-21'))
    """

    phrase: str = attrs.field(validator=attrs.validators.instance_of(str))
    reference: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    rule: str = attrs.field(validator=attrs.validators.instance_of(str))
    span: Span = attrs.field(validator=attrs.validators.instance_of(Span))
    detail: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def explain(self) -> str:
        """One sentence: the phrase, the day said, the span and the rule with its detail.

        >>> print(read_span("mid-January", reference="2025-02-05").explain())
        'mid-January' said on 2025-02-05 read as 2025-01-11 .. 2025-01-21 (rule 'part-of-month': mid = days 11-20)
        """
        detail = f": {self.detail}" if self.detail else ""
        return (
            f"{self.phrase!r} said on {self.reference.isoformat()} read as {self.span} "
            f"(rule {self.rule!r}{detail})"
        )

    def to_json(self) -> dict[str, str | None]:
        """A JSON-ready dict; dates are ISO strings, ``end`` is exclusive, ``None`` is open.

        >>> read_span("since 2024", reference="2025-02-05").to_json()["end"]
        '2025-02-06'
        >>> read_span("until March 2025", reference="2025-02-05").to_json()["start"] is None
        True
        """
        span = self.span
        return {
            "phrase": self.phrase,
            "reference": self.reference.isoformat(),
            "rule": self.rule,
            "detail": self.detail,
            "start": None if span.start is None else span.start.isoformat(),
            "end": None if span.end is None else span.end.isoformat(),
        }


def read_span(text: str, *, reference: dt.date | str, dayfirst: bool = False) -> SpanReading:
    """Read a time phrase said on ``reference`` (a date or ISO string) as a :class:`SpanReading`.

    Numeric dates are month first ("02/04/2025" is 4 February) unless the first number
    cannot be a month or ``dayfirst`` is true. Anything that cannot be read raises
    :class:`~claimrec.errors.ParseError` (a ``ValueError``) naming the text and the position
    where reading stopped; a bad ``reference`` raises ``ValidationError``.

    >>> read_span("late last month", reference="2025-02-05").span
    Span('2025-01-21', '2025-02-01')
    >>> read_span("02/04/2025", reference="2025-02-05", dayfirst=True).span
    Span('2025-04-02', '2025-04-03')
    >>> read_span("last fortnightly", reference="2025-02-05")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read 'last fortnightly' as a time span: unknown word 'fortnightly' at position 5; expected ...
    """
    ref = to_date(reference, "reference")
    found = _read(text, ref, dayfirst)
    return SpanReading(text, ref, found.rule, Span(found.start, found.end), found.detail)


def parse_span(text: str, *, reference: dt.date | str, dayfirst: bool = False) -> Span:
    """The :class:`~claimrec.spans.Span` a time phrase said on ``reference`` names.

    >>> parse_span("4 February", reference="2025-02-05")
    Span('2025-02-04', '2025-02-05')
    >>> parse_span("the past 3 days", reference="2025-02-05")
    Span('2025-02-02', '2025-02-05')
    >>> parse_span("next month", reference="2025-02-05")
    Span('2025-03-01', '2025-04-01')
    """
    found = _read(text, to_date(reference, "reference"), dayfirst)
    return Span(found.start, found.end)
