"""Typed intervals: claimrec.ranges."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimrec.errors import KindError, ValidationError
from claimrec.ranges import KINDS, FractionOf, Range

KM = {"kind": "amount", "unit": "km"}


def amount(lower: object, upper: object, **kw: object) -> Range:
    return Range.closed(lower, upper, kind="amount", **kw)  # type: ignore[arg-type]


class TestConstruction:
    def test_kinds(self) -> None:
        assert KINDS == ("count", "proportion", "amount")

    def test_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValueError, match=r"kind"):
            Range("weight", 1, 2)  # type: ignore[arg-type]

    def test_open_flag_must_be_a_bool(self) -> None:
        with pytest.raises((TypeError, ValueError), match=r"lower_closed"):
            Range("amount", 1, 2, "yes")  # type: ignore[arg-type]
        with pytest.raises((TypeError, ValueError), match=r"upper_closed"):
            Range("amount", 1, 2, True, 1)  # type: ignore[arg-type]

    def test_unit_must_be_text(self) -> None:
        with pytest.raises((TypeError, ValueError), match=r"unit"):
            Range("amount", 1, 2, unit=5)  # type: ignore[arg-type]

    def test_ends_are_converted_to_exact_numbers(self) -> None:
        r = Range("amount", "0.5", 2.25)
        assert (r.lower, r.upper) == (Fraction(1, 2), Fraction(9, 4))

    def test_bad_ends_name_the_end(self) -> None:
        with pytest.raises(ValidationError, match=r"^lower: "):
            Range.closed("x", 1)
        with pytest.raises(ValidationError, match=r"^upper: "):
            Range.closed(1, "y")

    def test_unit_only_on_amounts(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^unit \('km'\) is only allowed on amount ranges, not on count$"
        ):
            Range.exact(3, unit="km")
        assert Range.exact(3, **KM).unit == "km"  # type: ignore[arg-type]

    def test_lower_above_upper_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"^lower \(8,500\) must be <= upper \(7,500\)$"):
            Range.closed(8500, 7500)

    @pytest.mark.parametrize("kind", ["count", "proportion"])
    def test_negative_ends_are_refused_for_counts_and_proportions(self, kind: str) -> None:
        with pytest.raises(
            ValidationError, match=rf"^lower \(-1\) of a {kind} range must be >= 0$"
        ):
            Range(kind, -1, None)  # type: ignore[arg-type]
        with pytest.raises(
            ValidationError, match=rf"^upper \(-1\) of a {kind} range must be >= 0$"
        ):
            Range(kind, None, -1)  # type: ignore[arg-type]

    def test_negative_amounts_are_fine(self) -> None:
        assert Range.closed(-5, -1, kind="amount").lower == -5

    def test_proportion_over_one_is_refused(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^upper \(1\.5\) of a proportion range must be <= 1 \(100%\)$"
        ):
            Range.at_most("1.5", kind="proportion")

    def test_proportion_fills_missing_ends_with_0_and_1(self) -> None:
        r = Range("proportion")
        assert (r.lower, r.upper, r.lower_closed, r.upper_closed) == (0, 1, True, True)

    def test_count_lower_defaults_to_zero(self) -> None:
        r = Range("count", None, 5, False, True)
        assert (r.lower, r.lower_closed) == (0, True)

    def test_amount_unbounded_ends_are_open(self) -> None:
        r = Range("amount", None, None, True, True)
        assert (r.lower, r.upper, r.lower_closed, r.upper_closed) == (None, None, False, False)


class TestCountNormalisation:
    def test_open_lower_becomes_next_integer(self) -> None:
        r = Range.more_than(3000)
        assert (r.lower, r.lower_closed, r.upper) == (3001, True, None)

    def test_open_upper_becomes_previous_integer(self) -> None:
        assert Range.less_than(50) == Range.closed(0, 49)

    def test_fractional_ends_round_inward(self) -> None:
        assert Range("count", Fraction(1, 2), Fraction(5, 2)) == Range.closed(1, 2)
        assert Range("count", Fraction(1, 2), Fraction(5, 2), False, False) == Range.closed(1, 2)

    def test_open_integers_exclude_the_ends(self) -> None:
        assert Range("count", 3, 5, False, False) == Range.exact(4)

    def test_no_integer_inside_is_empty(self) -> None:
        assert Range("count", 3, 4, False, False).is_empty
        assert Range("count", Fraction(1, 3), Fraction(2, 3)).is_empty

    def test_normalised_ends_are_ints(self) -> None:
        r = Range("count", Fraction(1, 2), Fraction(7, 2))
        assert type(r.lower) is int
        assert type(r.upper) is int


class TestFactories:
    def test_closed(self) -> None:
        r = Range.closed(7500, 8500)
        assert (r.kind, r.lower, r.upper, r.lower_closed, r.upper_closed) == (
            "count",
            7500,
            8500,
            True,
            True,
        )

    def test_open_defaults_to_amount(self) -> None:
        r = Range.open(0, 1)
        assert (r.kind, r.lower_closed, r.upper_closed) == ("amount", False, False)

    def test_exact(self) -> None:
        assert Range.exact("0.5", kind="proportion") == Range.closed(
            Fraction(1, 2), Fraction(1, 2), kind="proportion"
        )

    def test_at_least_and_more_than(self) -> None:
        assert Range.at_least(10) == Range("count", 10, None)
        assert Range.more_than(1, kind="amount") == Range("amount", 1, None, False, False)

    def test_at_most_and_less_than(self) -> None:
        assert Range.at_most(50) == Range.closed(0, 50)
        assert Range.at_most(5, kind="amount") == Range("amount", None, 5, False, True)
        assert Range.less_than(5, kind="amount") == Range("amount", None, 5, False, False)

    def test_unbounded(self) -> None:
        assert Range.unbounded() == Range.at_least(0)
        assert Range.unbounded(kind="proportion") == Range.closed(0, 1, kind="proportion")
        r = Range.unbounded(**KM)  # type: ignore[arg-type]
        assert (r.lower, r.upper, r.unit) == (None, None, "km")

    def test_empty(self) -> None:
        r = Range.empty(**KM)  # type: ignore[arg-type]
        assert r.is_empty
        assert r.unit == "km"

    def test_every_empty_range_of_a_kind_is_equal(self) -> None:
        assert Range.open(3, 3, kind="amount") == Range.empty(kind="amount")
        assert Range("count", 7, 7, False, True) == Range.empty()


class TestProperties:
    def test_is_empty(self) -> None:
        assert Range.empty().is_empty
        assert not Range.exact(0).is_empty
        assert not Range.closed(0, 1, kind="amount").is_empty

    def test_is_bounded(self) -> None:
        assert Range.closed(1, 2).is_bounded
        assert not Range.at_least(1).is_bounded
        assert not Range.at_most(1, kind="amount").is_bounded

    def test_width(self) -> None:
        assert Range.closed(7500, 8500).width == 1000
        assert Range.exact(4).width == 0
        assert Range.empty().width == 0
        assert Range.at_least(1).width is None
        assert Range.at_most(1, kind="amount").width is None

    def test_midpoint(self) -> None:
        assert Range.closed(0, 3, kind="amount").midpoint == Fraction(3, 2)
        assert Range.closed(2, 4).midpoint == 3
        assert Range.at_least(1).midpoint is None
        assert Range.at_most(1, kind="amount").midpoint is None
        assert Range.empty().midpoint is None


class TestContains:
    def test_numbers(self) -> None:
        r = Range.more_than(3000)
        assert 3000 not in r
        assert 3001 in r
        assert r.contains(10**9)

    def test_open_and_closed_ends(self) -> None:
        r = Range.open(0, 1)
        assert 0 not in r
        assert 1 not in r
        assert Fraction(1, 2) in r
        closed = Range.closed(0, 1, kind="amount")
        assert 0 in closed
        assert 1 in closed

    def test_outside(self) -> None:
        r = Range.closed(1, 2, kind="amount")
        assert 0 not in r
        assert 3 not in r

    def test_counts_contain_only_whole_numbers(self) -> None:
        r = Range.closed(0, 10)
        assert Fraction(1, 2) not in r
        assert 2.0 in r

    def test_unbounded_amount_contains_everything(self) -> None:
        assert -(10**12) in Range.unbounded(kind="amount")

    def test_empty_contains_no_number(self) -> None:
        assert 0 not in Range.empty()

    def test_text_numbers(self) -> None:
        assert "0.5" in Range.closed(0, 1, kind="proportion")

    def test_bad_number_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"^value: "):
            Range.closed(0, 1).contains("many")

    def test_ranges(self) -> None:
        assert Range.closed(0, 10).contains(Range.closed(2, 3))
        assert not Range.closed(0, 10).contains(Range.closed(5, 11))
        assert not Range.open(0, 1).contains(Range.closed(0, 1, kind="amount"))

    def test_every_range_contains_the_empty_range(self) -> None:
        assert Range.exact(5).contains(Range.empty())
        assert Range.empty().contains(Range.empty())

    def test_ranges_of_other_kinds_are_refused(self) -> None:
        with pytest.raises(KindError, match=r"^cannot compare count range and proportion range"):
            Range.closed(0, 1).contains(Range.closed(0, 1, kind="proportion"))


class TestSetOperations:
    def test_intersection(self) -> None:
        assert Range.closed(7500, 8500) & Range.at_least(8000) == Range.closed(8000, 8500)

    def test_intersection_keeps_the_tighter_end(self) -> None:
        a = Range("amount", 0, 5, True, False)
        b = Range("amount", 0, 5, False, True)
        assert a & b == Range.open(0, 5)
        assert Range.at_most(3, kind="amount") & Range.at_least(1, kind="amount") == amount(1, 3)
        assert Range.at_least(1, kind="amount") & Range.at_most(3, kind="amount") == amount(1, 3)
        assert amount(0, 9) & amount(1, 3) == amount(1, 3)
        assert amount(1, 3) & amount(0, 9) == amount(1, 3)

    def test_disjoint_intersection_is_empty(self) -> None:
        assert (Range.closed(0, 10) & Range.closed(20, 30)).is_empty
        assert (amount(0, 1) & Range.at_least(2, kind="amount")).is_empty

    def test_touching_open_ends_do_not_intersect(self) -> None:
        a = Range("amount", 0, 1, True, False)
        b = Range("amount", 1, 2, True, True)
        assert (a & b).is_empty

    def test_intersection_with_empty_is_empty(self) -> None:
        assert (Range.empty() & Range.exact(1)).is_empty
        assert (Range.exact(1) & Range.empty()).is_empty

    def test_hull(self) -> None:
        assert Range.closed(0, 1) | Range.closed(5, 6) == Range.closed(0, 6)
        assert Range.closed(5, 6) | Range.closed(0, 1) == Range.closed(0, 6)

    def test_hull_keeps_the_looser_end(self) -> None:
        a = Range("amount", 0, 5, True, False)
        b = Range("amount", 0, 5, False, True)
        assert a | b == amount(0, 5)
        assert amount(0, 1) | Range.at_least(0, kind="amount") == Range.at_least(0, kind="amount")
        assert Range.at_most(0, kind="amount") | amount(0, 1) == Range.at_most(1, kind="amount")

    def test_hull_with_empty_is_the_other(self) -> None:
        assert Range.empty() | Range.exact(1) == Range.exact(1)
        assert Range.exact(1) | Range.empty() == Range.exact(1)

    def test_overlaps(self) -> None:
        assert Range.closed(0, 5).overlaps(Range.closed(5, 9))
        assert not Range.closed(0, 4).overlaps(Range.at_least(5))

    @pytest.mark.parametrize(
        ("other", "message"),
        [
            (Range.exact(1, kind="amount"), "cannot intersect count range and amount range"),
            (
                Range.exact(1, kind="amount", unit="km"),
                "cannot intersect count range and amount range in 'km'",
            ),
        ],
    )
    def test_mixing_kinds_or_units_is_refused(self, other: Range, message: str) -> None:
        with pytest.raises(KindError, match=f"^{message}: kinds and units must match$"):
            Range.exact(1) & other

    def test_mixing_units_is_refused(self) -> None:
        with pytest.raises(KindError, match=r"^cannot take the hull of amount range in 'km' and"):
            Range.exact(1, **KM) | Range.exact(1, kind="amount", unit="kg")  # type: ignore[arg-type]

    def test_non_ranges_are_refused(self) -> None:
        with pytest.raises(KindError, match=r"^cannot intersect a Range and int 5$"):
            Range.exact(1) & 5  # type: ignore[operator]


class TestArithmetic:
    def test_add_counts(self) -> None:
        assert Range.closed(1, 2) + Range.closed(3, 4) == Range.closed(4, 6)

    def test_add_unbounded(self) -> None:
        assert Range.at_least(7500) + Range.more_than(3000) == Range.at_least(10501)
        total = Range.at_most(1, kind="amount") + Range.at_least(1, kind="amount")
        assert total == Range.unbounded(kind="amount")

    def test_add_keeps_open_ends_open(self) -> None:
        assert Range.open(0, 1) + amount(1, 2) == Range.open(1, 3)

    def test_subtract_gives_an_amount(self) -> None:
        assert Range.closed(1, 2) - Range.closed(3, 4) == amount(-3, -1)

    def test_multiply_counts(self) -> None:
        assert Range.closed(2, 3) * Range.closed(4, 5) == Range.closed(8, 15)

    def test_multiply_proportions_gives_a_proportion(self) -> None:
        half = Range.exact("0.5", kind="proportion")
        assert half * Range.closed("0.5", 1, kind="proportion") == Range.closed(
            "0.25", "0.5", kind="proportion"
        )

    def test_proportion_times_count_is_a_count(self) -> None:
        assert Range.exact("0.5", kind="proportion") * Range.more_than(10000) == Range.at_least(
            5001
        )
        assert Range.closed(10000, 12000) * Range.at_most("0.5", kind="proportion") == (
            Range.closed(0, 6000)
        )

    def test_proportion_plus_proportion_is_an_amount(self) -> None:
        half = Range.exact("0.5", kind="proportion")
        assert (half + half).kind == "amount"

    def test_multiply_signs(self) -> None:
        assert amount(-2, 3) * amount(-5, 1) == amount(-15, 10)

    def test_multiply_open_end_at_zero(self) -> None:
        # (0, 1) * [0, 1]: 0 is reached (0 * anything), 1 is not.
        assert Range.open(0, 1) * amount(0, 1) == Range("amount", 0, 1, True, False)
        assert Range.open(0, 1) * Range("amount", 0, 1, False, True) == Range.open(0, 1)

    def test_multiply_unbounded(self) -> None:
        assert Range.at_least(1) * Range.at_least(2) == Range.at_least(2)
        everything = Range.unbounded(kind="amount")
        assert everything * Range.exact(0, kind="amount") == Range.exact(0, kind="amount")
        assert Range.more_than(0, kind="amount") * everything == everything

    def test_divide(self) -> None:
        assert Range.closed(1, 2) / Range.closed(4, 8) == amount(Fraction(1, 8), Fraction(1, 2))

    def test_divide_by_open_end_at_zero(self) -> None:
        assert amount(1, 2) / Range("amount", 0, 5, False, True) == Range.at_least(
            Fraction(1, 5), kind="amount"
        )
        assert amount(1, 2) / Range("amount", -5, 0, True, False) == Range.at_most(
            Fraction(-1, 5), kind="amount"
        )

    def test_divide_by_unbounded(self) -> None:
        assert amount(1, 2) / Range.more_than(0, kind="amount") == Range.more_than(0, kind="amount")
        assert amount(1, 2) / Range.at_least(2) == Range("amount", 0, 1, False, True)
        assert amount(1, 2) / Range.at_most(-2, kind="amount") == Range(
            "amount", -1, 0, True, False
        )

    def test_divide_by_range_holding_zero_is_unbounded(self) -> None:
        assert amount(1, 2) / Range.closed(0, 3) == Range.unbounded(kind="amount")

    def test_divide_by_exact_zero_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"^cannot divide by a range that is exactly 0$"):
            Range.exact(1) / 0

    def test_empty_operand_gives_empty(self) -> None:
        assert (Range.empty() + Range.exact(1)).is_empty
        assert (Range.exact(1) * Range.empty()).is_empty
        assert (Range.exact(1) / Range.empty(kind="amount")).kind == "amount"

    def test_negate(self) -> None:
        assert -Range.closed(1, 2) == amount(-2, -1)
        assert -Range.at_least(1) == Range.at_most(-1, kind="amount")
        assert -Range.at_most(1, kind="amount") == Range.at_least(-1, kind="amount")
        assert -Range("amount", 0, 1, True, False) == Range("amount", -1, 0, False, True)
        assert (-Range.empty(**KM)).unit == "km"  # type: ignore[arg-type]
        assert (-Range.empty()).is_empty

    def test_scalars(self) -> None:
        r = Range.closed(1, 2)
        assert r + 1 == Range.closed(2, 3)
        assert 1 + r == Range.closed(2, 3)
        assert r - 1 == amount(0, 1)
        assert 10 - r == amount(8, 9)
        assert r * 2 == Range.closed(2, 4)
        assert 2 * r == Range.closed(2, 4)
        assert r / 2 == amount(Fraction(1, 2), 1)
        assert 2 / r == amount(1, 2)

    def test_negative_or_fractional_scalar_beside_a_count_is_an_amount(self) -> None:
        assert Range.closed(1, 2) * -1 == amount(-2, -1)
        assert Range.closed(1, 2) * "0.5" == amount("0.5", 1)

    def test_bad_scalar_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"^operand: expected a number, got True$"):
            Range.exact(1) + True

    def test_units(self) -> None:
        km = Range.closed(1, 2, **KM)  # type: ignore[arg-type]
        assert (km + km).unit == "km"
        assert (km - km).unit == "km"
        assert km * 2 == Range.closed(2, 4, **KM)  # type: ignore[arg-type]
        assert 2 * km == Range.closed(2, 4, **KM)  # type: ignore[arg-type]
        assert (km / 2).unit == "km"
        assert km / km == amount(Fraction(1, 2), 2)
        assert (Range.closed(1, 2) * km).unit == "km"

    @pytest.mark.parametrize(
        ("op", "b"),
        [
            ("+", Range.exact(1, kind="amount", unit="kg")),
            ("*", Range.exact(1, kind="amount", unit="km")),
        ],
    )
    def test_two_units_that_do_not_combine_are_refused(self, op: str, b: Range) -> None:
        km = Range.exact(1, **KM)  # type: ignore[arg-type]
        with pytest.raises(KindError, match=r"a product of two units is not supported"):
            km + b if op == "+" else km * b

    def test_plain_number_and_unit_are_refused_for_add_and_divide_by(self) -> None:
        km = Range.exact(1, **KM)  # type: ignore[arg-type]
        with pytest.raises(
            KindError, match=r"^cannot apply '\+' to amount range in 'km' and amount range: a plain"
        ):
            km + 1
        with pytest.raises(KindError, match=r"^cannot apply '-' to count range and amount range"):
            Range.exact(1) - km
        with pytest.raises(KindError, match=r"cannot be added to, subtracted from, or divided by"):
            1 / km


class TestText:
    @pytest.mark.parametrize(
        ("r", "text"),
        [
            (Range.more_than(3000), "[3,001, inf)"),
            (Range.at_most("0.5", kind="proportion"), "[0, 50%]"),
            (Range.open(0, 1), "(0, 1)"),
            (Range.at_most(5, kind="amount"), "(-inf, 5]"),
            (Range.closed("2.5", 3, kind="amount", unit="km"), "[2.5, 3] km"),
            (Range.empty(), "empty"),
        ],
    )
    def test_str(self, r: Range, text: str) -> None:
        assert str(r) == text

    def test_repr(self) -> None:
        assert repr(Range.more_than(3000)) == "Range(count [3,001, inf))"

    def test_repr_html_escapes(self) -> None:
        r = Range.exact(1, kind="amount", unit="<m>")
        assert r._repr_html_() == "<code>[1, 1] &lt;m&gt;</code> <small>amount</small>"
        assert "&amp;" in Range.exact(1, kind="amount", unit="&")._repr_html_()


class TestFractionOf:
    def test_resolve(self) -> None:
        half = FractionOf(Range.at_most("0.5", kind="proportion"), "deployed")
        assert half.resolve(Range.closed(10000, 12000)) == Range.closed(0, 6000)
        assert half.resolve(Range.more_than(10000)) == Range.at_least(0)

    def test_str(self) -> None:
        half = FractionOf(Range.at_most("0.5", kind="proportion"), "deployed")
        assert str(half) == "[0, 50%] of deployed"

    @pytest.mark.parametrize("share", [Range.exact(1), "0.5", None])
    def test_share_must_be_a_proportion(self, share: object) -> None:
        with pytest.raises(
            ValidationError, match=r"^share: expected a proportion Range such as \[0, 50%\]"
        ):
            FractionOf(share, "deployed")  # type: ignore[arg-type]

    @pytest.mark.parametrize("base", ["", "  ", None])
    def test_base_must_be_a_name(self, base: object) -> None:
        with pytest.raises(ValidationError, match=r"^base: expected a non-empty name, got "):
            FractionOf(Range.exact(1, kind="proportion"), base)  # type: ignore[arg-type]
