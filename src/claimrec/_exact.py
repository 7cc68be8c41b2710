"""Exact numbers at the edge: ints and Fractions inside, floats and decimal strings accepted."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeAlias

from claimrec.errors import ValidationError

Number: TypeAlias = int | Fraction
"""An exact number: what every bound inside claimrec is."""

_MAX_DIGITS = 400


def simplify(value: Fraction) -> Number:
    """Return ``value`` as an int when it is integral, else unchanged."""
    return value.numerator if value.denominator == 1 else value


def exact(value: object, field: str = "value") -> Number:
    """Convert ``value`` to an exact int or Fraction, or raise naming ``field``.

    Floats are read through their shortest repr (``0.1`` is 1/10, as written),
    decimal strings digit for digit; NaN, infinities and booleans are refused.

    >>> exact(0.1)
    Fraction(1, 10)
    >>> exact("2.50")
    Fraction(5, 2)
    >>> exact(float("nan"), "lower")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: lower: expected a finite number, got nan
    """
    if isinstance(value, bool):
        raise ValidationError(f"{field}: expected a number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return simplify(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"{field}: expected a finite number, got {value!r}")
        return simplify(Fraction(repr(value)))
    if isinstance(value, Decimal):
        return _exact_decimal(value, value, field)
    if isinstance(value, str):
        return _exact_text(value, field)
    raise ValidationError(
        f"{field}: expected an int, Fraction, float or decimal string, got {value!r}"
    )


def _exact_text(value: str, field: str) -> Number:
    text = value.strip()
    if "/" in text:
        num, _, den = text.partition("/")
        try:
            n, d = int(num.strip()), int(den.strip())
        except ValueError:
            raise ValidationError(
                f"{field}: expected a fraction 'p/q' of integers, got {value!r}"
            ) from None
        if d == 0:
            raise ValidationError(f"{field}: fraction {value!r} has a zero denominator")
        return simplify(Fraction(n, d))
    try:
        dec = Decimal(text)
    except InvalidOperation:
        raise ValidationError(
            f"{field}: expected a decimal number such as '3000' or '0.5', got {value!r}"
        ) from None
    if len(text) > _MAX_DIGITS:
        raise ValidationError(
            f"{field}: expected a number written in at most {_MAX_DIGITS} characters, "
            f"got {len(text)}"
        )
    return _exact_decimal(dec, value, field)


def _exact_decimal(dec: Decimal, value: object, field: str) -> Number:
    if not dec.is_finite():
        raise ValidationError(f"{field}: expected a finite number, got {value!r}")
    # An exponent such as 1e999999999 would build a billion-digit integer.
    if not dec.is_zero() and abs(dec.adjusted()) > _MAX_DIGITS:
        raise ValidationError(
            f"{field}: expected a number between 1e-{_MAX_DIGITS} and 1e{_MAX_DIGITS} "
            f"in size, got {value!r}"
        )
    return simplify(Fraction(dec))


def format_number(value: Number, *, grouping: bool = True) -> str:
    """Write an exact number for people: ``3,001``, ``2.5``, ``1/3``.

    >>> format_number(10501), format_number(Fraction(5, 2)), format_number(Fraction(1, 3))
    ('10,501', '2.5', '1/3')
    """
    value = simplify(value) if isinstance(value, Fraction) else value
    if isinstance(value, int):
        return f"{value:,}" if grouping else str(value)
    dec = _as_short_decimal(value)
    if dec is not None:
        return dec
    return f"{value.numerator}/{value.denominator}"


def _as_short_decimal(value: Fraction) -> str | None:
    """The value as a decimal with at most six places, when it has one."""
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    places = max(twos, fives)
    if den != 1 or places > 6:
        return None
    scaled = value * 10**places
    sign = "-" if scaled < 0 else ""
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def to_json_number(value: Number) -> int | str:
    """A JSON-ready number: an int when integral, else a ``"p/q"`` string.

    >>> to_json_number(3), to_json_number(Fraction(1, 2))
    (3, '1/2')
    """
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return value.numerator
    return f"{value.numerator}/{value.denominator}"
