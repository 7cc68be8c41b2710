"""Hypothesis strategies for claimrec's types: claimrec.strategies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

import claimrec
from claimrec import strategies as cst
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.provenance import GRADES, SOURCE_KINDS, Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.spans import Span

FAST = settings(max_examples=50, deadline=None)
# find() shrinks what it finds, which is slow for claim sets; seeing one example is enough.
SEEN = settings(phases=[Phase.generate], database=None, deadline=None)


def test_all_names_the_public_strategies() -> None:
    assert cst.__all__ == sorted(cst.__all__)
    for name in cst.__all__:
        assert callable(getattr(cst, name))


class TestNumbers:
    @FAST
    @given(cst.numbers(min_value=Fraction(-3, 2), max_value=Fraction(7, 2)))
    def test_bounds(self, n: int | Fraction) -> None:
        assert Fraction(-3, 2) <= n <= Fraction(7, 2)
        assert isinstance(n, int) or n.denominator != 1

    @FAST
    @given(cst.numbers(min_value=Fraction(1, 2), max_value=Fraction(9, 2), integers=True))
    def test_integers_only(self, n: int | Fraction) -> None:
        assert type(n) is int
        assert 1 <= n <= 4

    @FAST
    @given(cst.numbers())
    def test_unbounded(self, n: int | Fraction) -> None:
        assert isinstance(n, int | Fraction)


class TestRanges:
    @FAST
    @given(cst.ranges())
    def test_default_ranges_are_non_empty(self, r: Range) -> None:
        assert not r.is_empty
        assert r.unit is None

    @FAST
    @given(cst.ranges(kinds=("count",), max_magnitude=100))
    def test_counts(self, r: Range) -> None:
        assert r.kind == "count"
        assert r.lower is not None
        assert 0 <= r.lower <= 101  # an open lower end at 100 becomes 101

    @FAST
    @given(cst.ranges(kinds=("proportion",)))
    def test_proportions(self, r: Range) -> None:
        assert r.kind == "proportion"
        assert r.lower is not None
        assert r.upper is not None
        assert 0 <= r.lower <= r.upper <= 1

    @FAST
    @given(cst.ranges(kinds=("amount", "count"), unit="km"))
    def test_unit_goes_on_amounts_only(self, r: Range) -> None:
        assert r.unit == ("km" if r.kind == "amount" else None)

    @pytest.mark.parametrize(
        ("lower_open", "upper_open"), [(False, False), (True, False), (False, True), (True, True)]
    )
    def test_unbounded_ends_are_drawn(self, lower_open: bool, upper_open: bool) -> None:
        find(
            cst.ranges(kinds=("amount",)),
            lambda r: (r.lower is None, r.upper is None) == (lower_open, upper_open),
            settings=settings(SEEN, max_examples=2000),
        )

    def test_empty_ranges_are_drawn_only_when_allowed(self) -> None:
        assert find(
            cst.ranges(kinds=("count",), allow_empty=True), lambda r: r.is_empty, settings=SEEN
        ).is_empty
        with pytest.raises(NoSuchExample):
            find(
                cst.ranges(kinds=("count",)),
                lambda r: r.is_empty,
                settings=settings(SEEN, max_examples=100),
            )


class TestDates:
    @FAST
    @given(cst.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2025, 1, 31)))
    def test_bounds(self, d: dt.date) -> None:
        assert d.year == 2025
        assert d.month == 1


class TestSpans:
    @FAST
    @given(cst.spans(allow_open=False))
    def test_closed_spans(self, s: Span) -> None:
        assert s.days is not None
        assert 1 <= s.days <= 400

    @pytest.mark.parametrize(
        ("start_open", "end_open"), [(False, False), (True, False), (False, True)]
    )
    def test_open_spans_are_drawn(self, start_open: bool, end_open: bool) -> None:
        find(
            cst.spans(),
            lambda s: (s.start is None, s.end is None) == (start_open, end_open),
            settings=SEEN,
        )


class TestSources:
    @FAST
    @given(cst.sources(ids=st.just("nis")))
    def test_sources(self, s: Source) -> None:
        assert isinstance(s, Source)
        assert s.id == "nis"
        assert s.kind in SOURCE_KINDS
        assert s.grade in GRADES


class TestAttributions:
    @FAST
    @given(cst.attributions(("a", "b", "c")))
    def test_only_the_given_ids(self, a: Attribution) -> None:
        assert isinstance(a, Attribution)
        assert set(a.chain) <= {"a", "b", "c"}


class TestQuantities:
    @FAST
    @given(cst.quantities(kinds=("proportion",)))
    def test_kinds(self, q: Quantity) -> None:
        assert q.kind == "proportion"
        assert q.unit is None


class TestClaims:
    @FAST
    @given(cst.claims(quantity=Quantity("d", kind="amount", unit="km"), id="c1"))
    def test_claims_fit_their_quantity(self, c: Claim) -> None:
        assert isinstance(c, Claim)
        assert c.id == "c1"
        assert c.quantity == "d"
        assert isinstance(c.value, Range)
        assert c.value.unit == "km"
        assert c.source is None

    @FAST
    @given(cst.claims(source_ids=("nis", "ajp")))
    def test_attributed_claims_use_the_given_sources(self, c: Claim) -> None:
        assert isinstance(c, Claim)
        assert c.source is None or set(c.source.chain) <= {"nis", "ajp"}


class TestClaimSets:
    @FAST
    @given(cst.claim_sets(max_quantities=2, max_claims=4, max_sources=2))
    def test_limits(self, cs: ClaimSet) -> None:
        assert 1 <= len(cs.quantities) <= 2
        assert len(cs.claims) <= 4
        assert len(cs.sources) <= 2
        assert len(cs.constraints) <= 2

    @FAST
    @given(cst.claim_sets(constraints=False))
    def test_without_constraints(self, cs: ClaimSet) -> None:
        assert cs.constraints == ()

    @pytest.mark.parametrize(
        "feature",
        [
            lambda cs: any(q.kind == "count" for q in cs.quantities),
            lambda cs: any(q.kind == "amount" for q in cs.quantities),
            lambda cs: any(q.kind == "proportion" for q in cs.quantities),
            lambda cs: bool(cs.constraints),
            lambda cs: any(isinstance(c.value, FractionOf) for c in cs.claims),
            lambda cs: any(c.source is not None for c in cs.claims),
        ],
        ids=["count", "amount", "proportion", "constraint", "share", "source"],
    )
    def test_every_feature_is_drawn(self, feature: Callable[[ClaimSet], bool]) -> None:
        find(cst.claim_sets(), feature, settings=SEEN)


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_quantities_attributions_and_constraints_are_registered_too(data: st.DataObject) -> None:
    quantity = data.draw(st.from_type(claimrec.Quantity))
    constraint = data.draw(st.from_type(claimrec.Constraint))
    attribution = data.draw(st.from_type(claimrec.Attribution))
    assert isinstance(quantity, claimrec.Quantity)
    assert constraint.relation in ("<=", ">=", "=", "ratio")
    assert attribution.said_by in ("agency", "outlet", "officials")
