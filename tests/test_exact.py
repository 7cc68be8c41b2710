"""Exact numbers at the edge: claimrec._exact."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from claimrec._exact import exact, format_number, simplify, to_json_number
from claimrec.errors import ValidationError


class TestSimplify:
    def test_integral_fraction_becomes_int(self) -> None:
        result = simplify(Fraction(6, 3))
        assert result == 2
        assert type(result) is int

    def test_proper_fraction_is_kept(self) -> None:
        assert simplify(Fraction(1, 3)) == Fraction(1, 3)


class TestExact:
    def test_int_passes_through(self) -> None:
        assert exact(3000) == 3000

    def test_fraction_is_simplified(self) -> None:
        assert type(exact(Fraction(10, 5))) is int
        assert exact(Fraction(1, 2)) == Fraction(1, 2)

    def test_float_is_read_as_written(self) -> None:
        assert exact(0.1) == Fraction(1, 10)
        assert exact(2.0) == 2

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
    def test_non_finite_float_is_refused(self, value: float) -> None:
        with pytest.raises(ValidationError, match=r"^lower: expected a finite number, got "):
            exact(value, "lower")

    def test_decimal_is_exact(self) -> None:
        assert exact(Decimal("0.125")) == Fraction(1, 8)

    @pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Inf")])
    def test_non_finite_decimal_is_refused(self, value: Decimal) -> None:
        with pytest.raises(ValidationError, match=r"expected a finite number"):
            exact(value)

    @pytest.mark.parametrize(
        "value", ["1e999999999", "1e-999999999", Decimal("1e999999999"), "1e401"]
    )
    def test_regression_huge_exponent_is_refused_not_expanded(self, value: object) -> None:
        # Guards against building a billion-digit integer from a ten-character string.
        with pytest.raises(ValidationError, match=r"between 1e-400 and 1e400 in size"):
            exact(value, "upper")

    def test_largest_allowed_exponent_is_read(self) -> None:
        assert exact("1e400") == 10**400

    def test_zero_with_any_exponent_is_zero(self) -> None:
        assert exact("0e-999999999") == 0

    def test_boolean_is_not_a_number(self) -> None:
        with pytest.raises(ValidationError, match=r"^credibility: expected a number, got True$"):
            exact(True, "credibility")

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("3000", 3000),
            (" 2.50 ", Fraction(5, 2)),
            ("1/3", Fraction(1, 3)),
            (" -4 / 2 ", -2),
            ("1e3", 1000),
        ],
    )
    def test_text_numbers(self, text: str, expected: object) -> None:
        assert exact(text) == expected

    def test_text_fraction_of_non_integers_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"expected a fraction 'p/q' of integers"):
            exact("1.5/2")

    def test_text_fraction_with_zero_denominator_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"^v: fraction '1/0' has a zero denominator$"):
            exact("1/0", "v")

    def test_text_that_is_not_a_number_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"such as '3000' or '0.5', got '3,000'"):
            exact("3,000")

    @pytest.mark.parametrize("text", ["nan", "Infinity", "-inf"])
    def test_non_finite_text_is_refused(self, text: str) -> None:
        with pytest.raises(ValidationError, match=r"expected a finite number"):
            exact(text)

    def test_overlong_text_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"at most 400 characters, got 401"):
            exact("1" * 401)

    @pytest.mark.parametrize("value", [None, [1], {"lower": 1}, 1j])
    def test_other_types_are_refused(self, value: object) -> None:
        with pytest.raises(ValidationError, match=r"^value: expected an int, Fraction, float"):
            exact(value)


class TestFormatNumber:
    def test_int_is_grouped(self) -> None:
        assert format_number(10501) == "10,501"
        assert format_number(-3000) == "-3,000"

    def test_int_without_grouping(self) -> None:
        assert format_number(10501, grouping=False) == "10501"

    @pytest.mark.parametrize(
        ("value", "text"),
        [
            (Fraction(5, 2), "2.5"),
            (Fraction(-1, 2), "-0.5"),
            (Fraction(1, 64), "0.015625"),
            (Fraction(-7, 20), "-0.35"),
        ],
    )
    def test_short_decimals(self, value: Fraction, text: str) -> None:
        assert format_number(value) == text

    @pytest.mark.parametrize(
        ("value", "text"), [(Fraction(1, 3), "1/3"), (Fraction(1, 128), "1/128")]
    )
    def test_fraction_without_a_short_decimal(self, value: Fraction, text: str) -> None:
        assert format_number(value) == text

    def test_regression_integral_fraction_is_written_as_an_integer(self) -> None:
        # Fraction(3) once came out as ".3".
        assert format_number(Fraction(3)) == "3"
        assert format_number(Fraction(-4000, 2)) == "-2,000"


class TestToJsonNumber:
    def test_int(self) -> None:
        assert to_json_number(3) == 3

    def test_fraction_is_a_p_q_string(self) -> None:
        assert to_json_number(Fraction(-1, 3)) == "-1/3"
