"""Laws of typed ranges: the hull/intersection lattice, sound arithmetic, count normalisation."""

from __future__ import annotations

import operator
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimrec._exact import Number
from claimrec.errors import ValidationError
from claimrec.ranges import Kind, Range
from claimrec.strategies import numbers, ranges

LAWS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KINDS: tuple[Kind, ...] = ("count", "proportion", "amount")
OPS: dict[str, Callable[[object, object], object]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}


@st.composite
def same_kind(draw: st.DrawFn, n: int) -> tuple[Range, ...]:
    """``n`` ranges of one kind (and one unit), empties included."""
    kind = draw(st.sampled_from(KINDS))
    unit = draw(st.sampled_from((None, "km"))) if kind == "amount" else None
    return tuple(
        draw(ranges(kinds=(kind,), unit=unit, allow_empty=True, max_magnitude=1000))
        for _ in range(n)
    )


@st.composite
def members(draw: st.DrawFn, r: Range) -> Number:
    """A number inside the non-empty range ``r``, often one of its closed ends."""
    lo = r.lower if r.lower is not None else (r.upper if r.upper is not None else 0) - 1000
    hi = r.upper if r.upper is not None else lo + 1000
    if r.kind == "count":
        return draw(st.integers(lo, hi))  # type: ignore[arg-type]
    t = draw(st.fractions(min_value=0, max_value=1, max_denominator=1000))
    x = lo + t * (hi - lo)
    if x not in r:  # an open end; the midpoint is always inside
        x = (Fraction(lo) + hi) / 2
    return x.numerator if isinstance(x, Fraction) and x.denominator == 1 else x


# -- the lattice of hull (|) and intersection (&) -------------------------------


@LAWS
@given(same_kind(2))
def test_intersection_and_hull_commute(ab: tuple[Range, Range]) -> None:
    a, b = ab
    assert a & b == b & a
    assert a | b == b | a


@LAWS
@given(same_kind(3))
def test_intersection_and_hull_associate(abc: tuple[Range, Range, Range]) -> None:
    a, b, c = abc
    assert (a & b) & c == a & (b & c)
    assert (a | b) | c == a | (b | c)


@LAWS
@given(same_kind(2))
def test_absorption(ab: tuple[Range, Range]) -> None:
    a, b = ab
    assert a & (a | b) == a
    assert a | (a & b) == a


@LAWS
@given(same_kind(1))
def test_idempotence(a: tuple[Range]) -> None:
    (r,) = a
    assert r & r == r
    assert r | r == r


@LAWS
@given(same_kind(2))
def test_order_agrees_with_the_operations(ab: tuple[Range, Range]) -> None:
    a, b = ab
    meet, join = a & b, a | b
    assert a.contains(meet)
    assert b.contains(meet)
    assert join.contains(a)
    assert join.contains(b)
    assert a.contains(b) == (a & b == b)
    assert a.overlaps(b) == (not meet.is_empty)


@LAWS
@given(same_kind(2), st.data())
def test_membership_of_intersection_and_hull(ab: tuple[Range, Range], data: st.DataObject) -> None:
    a, b = ab
    assume(not a.is_empty)
    x = data.draw(members(a))
    assert x in a
    assert (x in a & b) == (x in b)
    assert x in a | b


# -- arithmetic soundness: x in A and y in B imply x op y in A op B ----------------


@LAWS
@pytest.mark.parametrize("op", list(OPS))
@given(
    a=ranges(kinds=KINDS, max_magnitude=1000),
    b=ranges(kinds=KINDS, max_magnitude=1000),
    data=st.data(),
)
def test_arithmetic_is_sound(op: str, a: Range, b: Range, data: st.DataObject) -> None:
    x = data.draw(members(a), label="x")
    y = data.draw(members(b), label="y")
    if op == "/" and b.lower == b.upper == 0:
        with pytest.raises(ValidationError, match="exactly 0"):
            a / b
        return
    result = OPS[op](a, b)
    assert isinstance(result, Range)
    if op == "/" and y == 0:
        return
    value = OPS[op](Fraction(x), Fraction(y))
    assert isinstance(value, Fraction)
    if result.kind == "count" and value.denominator != 1:
        return  # a count holds whole numbers only: half of 3 people is no count
    assert value in result, f"{x} {op} {y} = {value} not in {a} {op} {b} = {result}"


@LAWS
@given(
    op=st.sampled_from(list(OPS)),
    a=ranges(kinds=KINDS, max_magnitude=1000),
    y=numbers(min_value=-1000, max_value=1000),
    data=st.data(),
)
def test_arithmetic_with_scalars_is_sound(
    op: str, a: Range, y: Number, data: st.DataObject
) -> None:
    x = Fraction(data.draw(members(a), label="x"))
    cases = [(lambda: OPS[op](a, y), OPS[op](x, Fraction(y)) if y or op != "/" else None)]
    cases.append((lambda: OPS[op](y, a), OPS[op](Fraction(y), x) if x or op != "/" else None))
    for compute, value in cases:
        if value is None:
            continue
        result = compute()
        assert isinstance(result, Range)
        assert isinstance(value, Fraction)
        if result.kind == "count" and value.denominator != 1:
            continue
        assert value in result, f"{value} not in {result}"


@LAWS
@given(
    op=st.sampled_from(["+", "-", "/"]),
    a=ranges(kinds=("amount",), unit="km", max_magnitude=1000),
    b=ranges(kinds=("amount",), unit="km", max_magnitude=1000),
    data=st.data(),
)
def test_arithmetic_keeps_units(op: str, a: Range, b: Range, data: st.DataObject) -> None:
    x, y = data.draw(members(a)), data.draw(members(b))
    assume(not (op == "/" and y == 0))
    result = OPS[op](a, b)
    assert isinstance(result, Range)
    assert result.unit == (None if op == "/" else "km")
    assert OPS[op](Fraction(x), Fraction(y)) in result


# -- count normalisation ------------------------------------------------------------


@LAWS
@given(a=st.integers(0, 10**6), gap=st.integers(2, 1000))
def test_open_count_is_the_closed_count_inside(a: int, gap: int) -> None:
    b = a + gap
    assert Range("count", a, b, False, False) == Range.closed(a + 1, b - 1)
    assert Range("count", a, b, False, True) == Range.closed(a + 1, b)
    assert Range("count", a, b, True, False) == Range.closed(a, b - 1)
    assert Range("count", a, None, False, False) == Range.at_least(a + 1)


@LAWS
@given(a=st.integers(0, 10**6))
def test_open_count_without_an_integer_inside_is_empty(a: int) -> None:
    assert Range("count", a, a + 1, False, False).is_empty
    assert Range("count", a, a, False, True).is_empty


@LAWS
@given(
    lower=st.none() | numbers(min_value=0, max_value=100),
    upper=st.none() | numbers(min_value=0, max_value=100),
    lower_closed=st.booleans(),
    upper_closed=st.booleans(),
)
def test_count_holds_exactly_the_integers_of_the_real_interval(
    lower: Number | None, upper: Number | None, lower_closed: bool, upper_closed: bool
) -> None:
    if lower is not None and upper is not None and lower > upper:
        lower, upper = upper, lower
    count = Range("count", lower, upper, lower_closed, upper_closed)
    real = Range(
        "amount", 0 if lower is None else lower, upper, lower is None or lower_closed, upper_closed
    )
    for n in range(-2, 104):
        assert (n in count) == (n in real), n
    if not count.is_empty:
        assert type(count.lower) is int
        assert count.lower_closed
        assert count.upper is None or (type(count.upper) is int and count.upper_closed)
