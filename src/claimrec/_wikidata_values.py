"""Quantity values: Wikibase amounts, bounds and units read as ranges, and ranges written back."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Final

from claimrec._exact import Number, format_number
from claimrec._wikidata_snaks import _ITEM, ENTITY
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.ranges import FractionOf, Kind, Range

PERCENT: Final = ENTITY + "Q11229"
"""The unit item for percent: proportions are written in it."""

_PLACES: Final = 6
_DECIMAL: Final = re.compile(r"[+-]?\d{1,100}(?:\.\d{1,100})?\Z")
_NUMBER: Final = r"[+-]?\d{1,100}(?:\.\d{1,100})?"
_LITERAL: Final = re.compile(
    rf"({_NUMBER})(?:±(\d{{1,100}}(?:\.\d{{1,100}})?)| \[({_NUMBER}), ({_NUMBER})\])?\Z"
)
_UNIT_ITEM: Final = re.compile(re.escape(ENTITY) + r"Q[1-9]\d{0,15}\Z")


# -- reading ---------------------------------------------------------------------------


def _decimal_text(value: object, where: str, field: str) -> str:
    if not isinstance(value, str) or not _DECIMAL.match(value):
        raise ValidationError(
            f"{where}: {field}: expected a decimal string such as '+8000' or '-0.5', got {value!r}"
        )
    return value


def _step(text: str) -> Fraction:
    """The place of the last significant digit of a decimal literal."""
    digits = text.lstrip("+-")
    whole, _, fraction = digits.partition(".")
    if fraction:
        return Fraction(1, 10 ** len(fraction))
    trailing = len(whole) - len(whole.rstrip("0"))
    return Fraction(10 ** min(trailing, len(whole) - 1))


def _unit_scale(unit: object, kind: Kind, where: str, field: str) -> tuple[Fraction, str | None]:
    """How an amount in ``unit`` becomes a value of ``kind``, and the range's unit."""
    if unit == "1":
        return Fraction(1), None
    if not isinstance(unit, str) or not _UNIT_ITEM.match(unit):
        raise ValidationError(
            f"{where}: {field}: expected '1' or an item URI such as '{ENTITY}Q11573', got {unit!r}"
        )
    if kind == "amount":
        return Fraction(1), unit
    if kind == "proportion" and unit == PERCENT:
        return Fraction(1, 100), None
    raise ValidationError(
        f"{where}: {field}: a {kind} takes unit '1'"
        + (" or percent" if kind == "proportion" else "")
        + f", got {unit!r}"
    )


def _clip(kind: Kind, value: Fraction, side: str) -> Fraction:
    if kind != "amount" and value < 0:
        return Fraction(0)
    if kind == "proportion" and value > 1 and side == "upper":
        return Fraction(1)
    return value


def _literal_text(amount: str, lower: str | None, upper: str | None) -> str:
    """The quantity as people read it: ``8000``, ``8000±500`` or ``8000 [7500, 8600]``."""
    shown = amount.removeprefix("+")
    if lower is None or upper is None:
        return shown
    spread = Fraction(upper) - Fraction(amount)
    if spread == Fraction(amount) - Fraction(lower):
        text = f"{shown}±{_plain(spread, max(_places(amount), _places(upper)))}"
        if _literal_parts(text) == (amount, lower, upper):
            return text
    return f"{shown} [{lower.removeprefix('+')}, {upper.removeprefix('+')}]"


def _literal_parts(text: str) -> tuple[str, str | None, str | None] | None:
    """The amount and bounds (Wikibase strings) a literal phrase writes, if it is one."""
    match = _LITERAL.match(text)
    if match is None:
        return None
    amount_text, spread, lower, upper = match.groups()
    amount = _signed(amount_text)
    if spread is not None:
        places = max(_places(amount), _places(spread))
        value, delta = Fraction(amount), Fraction(spread)
        return (
            amount,
            _signed(_plain(value - delta, places)),
            _signed(_plain(value + delta, places)),
        )
    if lower is not None:
        return amount, _signed(lower), _signed(upper)
    return amount, None, None


def _signed(text: str) -> str:
    return text if text.startswith(("+", "-")) else "+" + text


def _places(text: str) -> int:
    _, _, fraction = text.partition(".")
    return len(fraction)


def _plain(value: Fraction, places: int) -> str:
    """``value`` (a multiple of ``10**-places``) written with exactly ``places`` decimals."""
    scaled = value * 10**places
    assert scaled.denominator == 1
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places else digits)


def _read_value(
    amount_text: str,
    lower_text: str | None,
    upper_text: str | None,
    kind: Kind,
    scale: Fraction,
    unit: str | None,
    unknown_precision: str,
    where: str,
) -> Range:
    amount = Fraction(_decimal_text(amount_text, where, "amount"))
    if lower_text is None or upper_text is None:
        if unknown_precision == "unbounded":
            return Range.unbounded(kind=kind, unit=unit)
        half = _step(amount_text) / 2
        low, high = (amount - half) * scale, (amount + half) * scale
        return Range(kind, _clip(kind, low, "lower"), _clip(kind, high, "upper"), True, True, unit)
    lower = Fraction(_decimal_text(lower_text, where, "lowerBound"))
    upper = Fraction(_decimal_text(upper_text, where, "upperBound"))
    if not lower <= amount <= upper:
        raise ValidationError(
            f"{where}: amount: expected lowerBound <= amount <= upperBound, got "
            f"{lower_text} <= {amount_text} <= {upper_text}"
        )
    try:
        return Range(kind, lower * scale, upper * scale, True, True, unit)
    except ClaimrecError as err:
        raise ValidationError(f"{where}: amount: {err}") from None


# -- writing ---------------------------------------------------------------------------


def _exact_decimal(value: Fraction) -> str | None:
    """``value`` as a signed Wikibase decimal, if it has a finite decimal form."""
    den = value.denominator
    counts = []
    for prime in (2, 5):
        count = 0
        while den % prime == 0:
            den //= prime
            count += 1
        counts.append(count)
    if den != 1:
        return None
    # A reduced p/(2^a 5^b) needs exactly max(a, b) decimal places.
    return _signed(_plain(value, max(counts)))


def _written(
    value: Number, side: str, what: str, kind: Kind, scale: Fraction, warnings: list[str]
) -> str:
    exact = Fraction(value) * scale
    text = _exact_decimal(exact)
    if text is not None:
        return text
    step = Fraction(1, 10**_PLACES)
    scaled = exact / step
    whole = scaled.__floor__() if side == "lower" else scaled.__ceil__()
    rounded = _signed(_plain(whole * step, _PLACES))
    shown = format_number(value) if kind != "proportion" else f"{format_number(exact)}%"
    warnings.append(
        f"{what}: {side} end {shown} has no finite decimal form: written as "
        f"{rounded.removeprefix('+')} (rounded {'down' if side == 'lower' else 'up'})"
    )
    return rounded


def _unit_of(value: Range, what: str) -> tuple[Fraction, str]:
    if value.kind == "proportion":
        return Fraction(100), PERCENT
    if value.unit is None:
        return Fraction(1), "1"
    if _UNIT_ITEM.match(value.unit):
        return Fraction(1), value.unit
    if _ITEM.match(value.unit):
        return Fraction(1), ENTITY + value.unit
    raise ValidationError(
        f"{what}: unit: expected None, an item id such as 'Q11573' or its URI, got {value.unit!r}"
    )


def _quantity_value(
    value: Range | FractionOf | None, phrase: str | None, what: str, warnings: list[str]
) -> tuple[dict[str, Any] | None, bool]:
    """The quantity datavalue for ``value``, and whether the phrase is its literal."""
    if value is None:
        return None, False
    if isinstance(value, FractionOf):
        warnings.append(
            f"{what}: the value is {value}, a share of another quantity, which a Wikibase "
            "quantity cannot hold: written as an unknown value (somevalue)"
        )
        return None, False
    scale, unit = _unit_of(value, what)
    parts = _literal_parts(phrase) if phrase else None
    if parts is not None:
        amount, lower, upper = parts
        try:
            reread = _read_value(
                amount, lower, upper, value.kind, 1 / scale, value.unit, "digits", what
            )
        except ValidationError:
            reread = None
        if reread == value:
            datavalue = {"amount": amount, "unit": unit}
            if lower is not None and upper is not None:
                datavalue.update(upperBound=upper, lowerBound=lower)
            return datavalue, True
    lo, hi = value.lower, value.upper
    if lo is None and hi is None:
        warnings.append(
            f"{what}: {value} has no finite end: written as an unknown value (somevalue)"
        )
        return None, False
    for end, closed, side in ((lo, value.lower_closed, "lower"), (hi, value.upper_closed, "upper")):
        if end is not None and not closed:
            warnings.append(
                f"{what}: open {side} end {format_number(end)} of {value} written as a closed "
                "bound (Wikibase bounds include their ends)"
            )
    if lo is None or hi is None:
        end_value = lo if hi is None else hi
        assert end_value is not None
        side = "lower" if hi is None else "upper"
        amount = _written(end_value, side, what, value.kind, scale, warnings)
        words = {
            ("lower", True): "at least",
            ("lower", False): "more than",
            ("upper", True): "at most",
            ("upper", False): "less than",
        }[side, value.lower_closed if side == "lower" else value.upper_closed]
        warnings.append(
            f"{what}: {value} is bounded on one side only, which Wikibase cannot express: "
            f"written as amount {amount.removeprefix('+')} with no bounds (precision "
            f"unknown); read it as {words} {format_number(end_value)}"
        )
        return {"amount": amount, "unit": unit}, False
    lower = _written(lo, "lower", what, value.kind, scale, warnings)
    upper = _written(hi, "upper", what, value.kind, scale, warnings)
    middle = (Fraction(lower) + Fraction(upper)) / 2
    central = _exact_decimal(middle)
    assert central is not None
    return {"amount": central, "unit": unit, "upperBound": upper, "lowerBound": lower}, False
