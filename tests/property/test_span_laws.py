"""Laws of day spans: intersection, hull and containment."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from claimrec.spans import Span
from claimrec.strategies import dates, spans

LAWS = settings(max_examples=200, deadline=None)
SMALL = dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 3, 31))


def meet(a: Span | None, b: Span | None) -> Span | None:
    """Intersection extended to "nothing" (None), so laws can chain it."""
    return None if a is None or b is None else a & b


@st.composite
def near_spans(draw: st.DrawFn) -> Span:
    """Spans over a few months, so that pairs often overlap, touch or nest."""
    start = draw(st.none() | SMALL)
    end = draw(st.none() | SMALL)
    if start is not None and end is not None:
        if end == start:
            end = start + dt.timedelta(days=1)
        start, end = min(start, end), max(start, end)
    return Span(start, end)


SPANS = near_spans() | spans()


@LAWS
@given(SPANS, SPANS)
def test_intersection_and_hull_commute(a: Span, b: Span) -> None:
    assert a & b == b & a
    assert a | b == b | a


@LAWS
@given(SPANS, SPANS, SPANS)
def test_intersection_and_hull_associate(a: Span, b: Span, c: Span) -> None:
    assert meet(meet(a, b), c) == meet(a, meet(b, c))
    assert (a | b) | c == a | (b | c)


@LAWS
@given(SPANS, SPANS)
def test_absorption_and_idempotence(a: Span, b: Span) -> None:
    assert a & (a | b) == a
    ab = a & b
    assert ab is None or a | ab == a
    assert a & a == a
    assert a | a == a


@LAWS
@given(SPANS, SPANS)
def test_containment_agrees_with_the_operations(a: Span, b: Span) -> None:
    ab = a & b
    if ab is not None:
        assert a.contains(ab)
        assert b.contains(ab)
    hull = a | b
    assert hull.contains(a)
    assert hull.contains(b)
    assert a.contains(b) == (a & b == b)
    assert a.overlaps(b) == (ab is not None)


@LAWS
@given(SPANS, SPANS, SMALL | dates())
def test_days_in_intersection_and_hull(a: Span, b: Span, day: dt.date) -> None:
    ab = a & b
    assert (ab is not None and day in ab) == (day in a and day in b)
    if day in a or day in b:
        assert day in a | b


@LAWS
@given(SPANS, SMALL | dates())
def test_half_open(a: Span, day: dt.date) -> None:
    assert (day in a) == ((a.start is None or a.start <= day) and (a.end is None or day < a.end))
    if a.days is not None:
        assert a.last_day is not None
        assert a.start is not None
        assert a.last_day in a
        assert a.end not in a
        assert (a.last_day - a.start).days + 1 == a.days
