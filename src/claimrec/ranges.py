"""Typed intervals of exact numbers: counts, proportions and amounts.

A :class:`Range` is an interval with a *kind*:

- ``count``: whole numbers >= 0. Ends are rounded inward to closed integers, so
  "more than 3,000" ``(3000, inf)`` is stored as ``[3001, inf)``; a missing lower end is 0.
- ``proportion``: a share in [0, 1]; a missing lower end is 0 and a missing upper end is 1.
- ``amount``: a real number, optionally in a ``unit`` (``None`` means a plain number).

>>> Range.more_than(3000)
Range(count [3,001, inf))
>>> Range.at_most("0.5", kind="proportion")
Range(proportion [0, 50%])
>>> Range.closed(7500, 8500) & Range.at_least(8000)
Range(count [8,000, 8,500])

Arithmetic is exact and sound: if ``x in A`` and ``y in B`` then ``x + y in A + B``
(likewise for ``-``, ``*`` and ``/``). A proportion times a count is a count:

>>> Range.exact("0.5", kind="proportion") * Range.more_than(10000)
Range(count [5,001, inf))
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, exact, format_number, simplify, to_json_number
from claimrec.errors import KindError, ValidationError

__all__ = ["KINDS", "FractionOf", "Kind", "Range", "format_value"]

Kind: TypeAlias = Literal["count", "proportion", "amount"]
KINDS: Final[tuple[Kind, ...]] = ("count", "proportion", "amount")

# Infinite ends are represented by float infinities inside arithmetic only; every
# finite end stays an int or Fraction.
_INF: Final = math.inf
_Ext: TypeAlias = "Number | float"


def _lower(value: object) -> Number | None:
    return None if value is None else exact(value, "lower")


def _upper(value: object) -> Number | None:
    return None if value is None else exact(value, "upper")


@attrs.frozen(repr=False)
class Range:
    """A typed interval; ``None`` ends are unbounded. See the module docstring.

    Build ranges with the factories (:meth:`closed`, :meth:`more_than`, ...) or
    directly; bad ends raise :class:`~claimrec.errors.ValidationError`:

    >>> Range("count", 5, 1)
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: lower (5) must be <= upper (1)
    """

    kind: Kind = attrs.field(validator=attrs.validators.in_(KINDS))
    lower: Number | None = attrs.field(default=None, converter=_lower)
    upper: Number | None = attrs.field(default=None, converter=_upper)
    lower_closed: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    upper_closed: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    unit: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )

    def __attrs_post_init__(self) -> None:
        lo, hi = self.lower, self.upper
        lo_c, hi_c = self.lower_closed, self.upper_closed
        if self.unit is not None and self.kind != "amount":
            raise ValidationError(
                f"unit ({self.unit!r}) is only allowed on amount ranges, not on {self.kind}"
            )
        if lo is not None and hi is not None and lo > hi:
            raise ValidationError(
                f"lower ({format_number(lo)}) must be <= upper ({format_number(hi)})"
            )
        if self.kind != "amount":
            what = f"a {self.kind} range"
            if lo is not None and lo < 0:
                raise ValidationError(f"lower ({format_number(lo)}) of {what} must be >= 0")
            if hi is not None and hi < 0:
                raise ValidationError(f"upper ({format_number(hi)}) of {what} must be >= 0")
            if lo is None:
                lo, lo_c = 0, True
        if self.kind == "proportion":
            if hi is not None and hi > 1:
                raise ValidationError(
                    f"upper ({format_number(hi)}) of a proportion range must be <= 1 (100%)"
                )
            if hi is None:
                hi, hi_c = 1, True
        if self.kind == "count":
            assert lo is not None
            lo, lo_c = (math.ceil(lo) if lo_c else math.floor(lo) + 1), True
            if hi is not None:
                hi, hi_c = (math.floor(hi) if hi_c else math.ceil(hi) - 1), True
        if lo is None:
            lo_c = False
        if hi is None:
            hi_c = False
        if lo is not None and hi is not None and (lo > hi or (lo == hi and not (lo_c and hi_c))):
            lo, hi, lo_c, hi_c = 0, 0, False, False
        object.__setattr__(self, "lower", lo)
        object.__setattr__(self, "upper", hi)
        object.__setattr__(self, "lower_closed", lo_c)
        object.__setattr__(self, "upper_closed", hi_c)

    @classmethod
    def _from_normal_ends(
        cls,
        kind: Kind,
        lower: Number | None,
        upper: Number | None,
        lower_closed: bool,
        upper_closed: bool,
        unit: str | None,
    ) -> Range:
        """A non-empty range from ends already in normal form, without checking them.

        For the reconciler, which only joins ends of valid ranges of one kind (an
        intersection of ranges that overlap, or a hull): such ends are already what
        :meth:`__attrs_post_init__` would make of them. Tests check that both ways give
        equal ranges.
        """
        made = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(made, "kind", kind)
        setattr_(made, "lower", lower)
        setattr_(made, "upper", upper)
        setattr_(made, "lower_closed", lower_closed)
        setattr_(made, "upper_closed", upper_closed)
        setattr_(made, "unit", unit)
        return made

    # -- factories -------------------------------------------------------

    @classmethod
    def closed(
        cls, lower: object, upper: object, *, kind: Kind = "count", unit: str | None = None
    ) -> Range:
        """``[lower, upper]``.

        >>> Range.closed(7500, 8500)
        Range(count [7,500, 8,500])
        """
        return cls(kind, lower, upper, True, True, unit)

    @classmethod
    def open(
        cls, lower: object, upper: object, *, kind: Kind = "amount", unit: str | None = None
    ) -> Range:
        """``(lower, upper)``; either end may be ``None`` for unbounded.

        >>> Range.open(0, 1)
        Range(amount (0, 1))
        """
        return cls(kind, lower, upper, False, False, unit)

    @classmethod
    def exact(cls, value: object, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """The single value ``[value, value]``.

        >>> Range.exact(0)
        Range(count [0, 0])
        """
        return cls.closed(value, value, kind=kind, unit=unit)

    @classmethod
    def at_least(cls, value: object, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """``[value, inf)``.

        >>> Range.at_least(10)
        Range(count [10, inf))
        """
        return cls(kind, value, None, True, False, unit)

    @classmethod
    def more_than(cls, value: object, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """``(value, inf)``.

        >>> Range.more_than(10000)
        Range(count [10,001, inf))
        """
        return cls(kind, value, None, False, False, unit)

    @classmethod
    def at_most(cls, value: object, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """``[0, value]`` for counts and proportions, ``(-inf, value]`` for amounts.

        >>> Range.at_most(50)
        Range(count [0, 50])
        """
        return cls(kind, None, value, False, True, unit)

    @classmethod
    def less_than(cls, value: object, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """``[0, value)`` for counts and proportions, ``(-inf, value)`` for amounts.

        >>> Range.less_than(50)
        Range(count [0, 49])
        """
        return cls(kind, None, value, False, False, unit)

    @classmethod
    def unbounded(cls, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """Everything the kind allows.

        >>> Range.unbounded(kind="proportion")
        Range(proportion [0, 100%])
        """
        return cls(kind, None, None, False, False, unit)

    @classmethod
    def empty(cls, *, kind: Kind = "count", unit: str | None = None) -> Range:
        """The empty range of a kind.

        >>> Range.empty().is_empty
        True
        """
        return cls(kind, 0, 0, False, False, unit)

    # -- properties ------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        """True when no value lies in the range.

        >>> Range.closed(5, 4.5, kind="amount").is_empty
        Traceback (most recent call last):
        ...
        claimrec.errors.ValidationError: lower (5) must be <= upper (4.5)
        >>> Range.open(3, 4, kind="count").is_empty
        True
        """
        return self.lower == 0 and self.upper == 0 and not self.lower_closed

    @property
    def is_bounded(self) -> bool:
        """True when both ends are finite.

        >>> Range.at_least(1).is_bounded
        False
        """
        return self.lower is not None and self.upper is not None

    @property
    def width(self) -> Number | None:
        """``upper - lower``; ``None`` when unbounded, 0 for a single value or empty.

        >>> Range.closed(7500, 8500).width
        1000
        """
        if self.lower is None or self.upper is None:
            return None
        return self.upper - self.lower

    @property
    def midpoint(self) -> Number | None:
        """The middle of a bounded range, else ``None``.

        >>> Range.closed(0, 3, kind="amount").midpoint
        Fraction(3, 2)
        """
        if self.lower is None or self.upper is None or self.is_empty:
            return None
        return simplify(Fraction(self.lower + self.upper, 2))

    # -- set operations --------------------------------------------------

    def contains(self, item: object) -> bool:
        """Whether a number lies in the range, or a whole range lies inside it.

        Counts contain only whole numbers. Every range contains the empty range.

        >>> Range.more_than(3000).contains(3000), Range.more_than(3000).contains(3001)
        (False, True)
        >>> Range.closed(0, 10).contains(Range.closed(2, 3))
        True
        """
        if isinstance(item, Range):
            self._check_compatible(item, "compare")
            if item.is_empty:
                return True
            return self.intersection(item) == item
        value = exact(item, "value")
        if self.is_empty or (self.kind == "count" and not isinstance(value, int)):
            return False
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def __contains__(self, item: object) -> bool:
        return self.contains(item)

    def overlaps(self, other: Range) -> bool:
        """Whether the two ranges share a value.

        >>> Range.closed(0, 5).overlaps(Range.closed(5, 9)), Range.closed(0, 4).overlaps(Range.at_least(5))
        (True, False)
        """
        return not self.intersection(other).is_empty

    def intersection(self, other: Range) -> Range:
        """The values in both ranges (``&``); possibly empty.

        >>> Range.closed(0, 10) & Range.closed(20, 30)
        Range(count empty)
        """
        self._check_compatible(other, "intersect")
        if self.is_empty:
            return self
        if other.is_empty:
            return other
        lo, lo_c = _tighter_lower(self.lower, self.lower_closed, other.lower, other.lower_closed)
        hi, hi_c = _tighter_upper(self.upper, self.upper_closed, other.upper, other.upper_closed)
        if lo is not None and hi is not None and lo > hi:
            return Range.empty(kind=self.kind, unit=self.unit)
        return Range(self.kind, lo, hi, lo_c, hi_c, self.unit)

    def __and__(self, other: Range) -> Range:
        return self.intersection(other)

    def hull(self, other: Range) -> Range:
        """The smallest range holding both (``|``).

        >>> Range.closed(0, 1) | Range.closed(5, 6)
        Range(count [0, 6])
        """
        self._check_compatible(other, "take the hull of")
        if self.is_empty:
            return other
        if other.is_empty:
            return self
        lo, lo_c = _looser_lower(self.lower, self.lower_closed, other.lower, other.lower_closed)
        hi, hi_c = _looser_upper(self.upper, self.upper_closed, other.upper, other.upper_closed)
        return Range(self.kind, lo, hi, lo_c, hi_c, self.unit)

    def __or__(self, other: Range) -> Range:
        return self.hull(other)

    def _check_compatible(self, other: object, verb: str) -> None:
        if not isinstance(other, Range):
            raise KindError(f"cannot {verb} a Range and {type(other).__name__} {other!r}")
        if self.kind != other.kind or self.unit != other.unit:
            raise KindError(
                f"cannot {verb} {_describe(self)} and {_describe(other)}: "
                "kinds and units must match"
            )

    # -- arithmetic ------------------------------------------------------

    def __neg__(self) -> Range:
        if self.is_empty:
            return Range.empty(kind="amount", unit=self.unit)
        return Range(
            "amount",
            None if self.upper is None else -self.upper,
            None if self.lower is None else -self.lower,
            self.upper_closed,
            self.lower_closed,
            self.unit,
        )

    def __add__(self, other: object) -> Range:
        return _arith("+", self, _operand(other, self))

    def __radd__(self, other: object) -> Range:
        return _arith("+", _operand(other, self), self)

    def __sub__(self, other: object) -> Range:
        return _arith("-", self, _operand(other, self))

    def __rsub__(self, other: object) -> Range:
        return _arith("-", _operand(other, self), self)

    def __mul__(self, other: object) -> Range:
        return _arith("*", self, _operand(other, self))

    def __rmul__(self, other: object) -> Range:
        return _arith("*", _operand(other, self), self)

    def __truediv__(self, other: object) -> Range:
        return _arith("/", self, _operand(other, self))

    def __rtruediv__(self, other: object) -> Range:
        return _arith("/", _operand(other, self), self)

    # -- text ------------------------------------------------------------

    def __str__(self) -> str:
        if self.is_empty:
            return "empty"
        left = "[" if self.lower_closed else "("
        right = "]" if self.upper_closed else ")"
        lo = "-inf" if self.lower is None else self._format(self.lower)
        hi = "inf" if self.upper is None else self._format(self.upper)
        text = f"{left}{lo}, {hi}{right}"
        return f"{text} {self.unit}" if self.unit else text

    def _format(self, value: Number) -> str:
        return format_value(value, self.kind)

    def to_json(self) -> dict[str, Any]:
        """The range as the JSON object of claim files and reports.

        >>> Range.more_than(3000).to_json()
        {'lower': 3001, 'upper': None, 'lower_closed': True, 'upper_closed': False, 'kind': 'count', 'unit': None}
        """
        return {
            "lower": None if self.lower is None else to_json_number(self.lower),
            "upper": None if self.upper is None else to_json_number(self.upper),
            "lower_closed": self.lower_closed,
            "upper_closed": self.upper_closed,
            "kind": self.kind,
            "unit": self.unit,
        }

    def __repr__(self) -> str:
        return f"Range({self.kind} {self})"

    def _repr_html_(self) -> str:
        return f"<code>{_html_escape(str(self))}</code> <small>{self.kind}</small>"


def format_value(value: Number, kind: Kind) -> str:
    """A number as a range of ``kind`` shows it: ``3,001``, or ``50%`` for a proportion.

    >>> format_value(Fraction(1, 2), "proportion"), format_value(3001, "count")
    ('50%', '3,001')
    """
    if kind == "proportion" and value != 0:
        return format_number(simplify(Fraction(value) * 100), grouping=False) + "%"
    return format_number(value)


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _describe(r: Range) -> str:
    return f"{r.kind} range in {r.unit!r}" if r.unit else f"{r.kind} range"


# -- end comparisons ------------------------------------------------------


def _tighter_lower(
    a: Number | None, a_c: bool, b: Number | None, b_c: bool
) -> tuple[Number | None, bool]:
    if a is None:
        return b, b_c
    if b is None or a > b:
        return a, a_c
    if b > a:
        return b, b_c
    return a, a_c and b_c


def _tighter_upper(
    a: Number | None, a_c: bool, b: Number | None, b_c: bool
) -> tuple[Number | None, bool]:
    if a is None:
        return b, b_c
    if b is None or a < b:
        return a, a_c
    if b < a:
        return b, b_c
    return a, a_c and b_c


def _looser_lower(
    a: Number | None, a_c: bool, b: Number | None, b_c: bool
) -> tuple[Number | None, bool]:
    if a is None or b is None:
        return None, False
    if a < b:
        return a, a_c
    if b < a:
        return b, b_c
    return a, a_c or b_c


def _looser_upper(
    a: Number | None, a_c: bool, b: Number | None, b_c: bool
) -> tuple[Number | None, bool]:
    if a is None or b is None:
        return None, False
    if a > b:
        return a, a_c
    if b > a:
        return b, b_c
    return a, a_c or b_c


# -- arithmetic -------------------------------------------------------------


def _operand(other: object, partner: Range) -> Range:
    """A scalar as a single-value range: a count when it can be one beside a count."""
    if isinstance(other, Range):
        return other
    value = exact(other, "operand")
    if partner.kind == "count" and isinstance(value, int) and value >= 0:
        return Range.exact(value, kind="count")
    return Range.exact(value, kind="amount")


def _result_kind(op: str, a: Range, b: Range) -> tuple[Kind, str | None]:
    """The kind and unit of ``a op b``; see docs/concepts.md for the table."""
    if a.unit is not None or b.unit is not None:
        if a.unit is not None and b.unit is not None:
            if a.unit != b.unit or op == "*":
                raise KindError(
                    f"cannot apply {op!r} to {_describe(a)} and {_describe(b)}: "
                    "units must match, and a product of two units is not supported"
                )
            return ("amount", None) if op == "/" else ("amount", a.unit)
        if op in "+-" or (op == "/" and b.unit is not None):
            raise KindError(
                f"cannot apply {op!r} to {_describe(a)} and {_describe(b)}: "
                "a plain number cannot be added to, subtracted from, or divided by an amount with a unit"
            )
        return "amount", a.unit or b.unit
    kinds = {a.kind, b.kind}
    if op == "+" and kinds == {"count"}:
        return "count", None
    if op == "*" and kinds <= {"count", "proportion"}:
        return ("proportion" if kinds == {"proportion"} else "count"), None
    return "amount", None


def _mul_ext(x: _Ext, y: _Ext) -> _Ext:
    if x == 0 or y == 0:
        return 0
    return x * y


def _arith(op: str, a: Range, b: Range) -> Range:
    kind, unit = _result_kind(op, a, b)
    if a.is_empty or b.is_empty:
        return Range.empty(kind=kind, unit=unit)
    if op == "-":
        b = -b
        op = "+"
    if op == "+":
        lo = None if a.lower is None or b.lower is None else a.lower + b.lower
        hi = None if a.upper is None or b.upper is None else a.upper + b.upper
        return Range(
            kind, lo, hi, a.lower_closed and b.lower_closed, a.upper_closed and b.upper_closed, unit
        )
    if op == "/":
        b = _reciprocal(b)
    return _multiply(kind, unit, a, b)


def _ends(r: Range) -> tuple[tuple[_Ext, bool], tuple[_Ext, bool]]:
    lo: _Ext = -_INF if r.lower is None else r.lower
    hi: _Ext = _INF if r.upper is None else r.upper
    return (lo, r.lower_closed), (hi, r.upper_closed)


def _multiply(kind: Kind, unit: str | None, a: Range, b: Range) -> Range:
    corners = []
    for x, x_c in _ends(a):
        for y, y_c in _ends(b):
            attained = (x_c and y_c) or (x == 0 and x_c) or (y == 0 and y_c)
            corners.append((_mul_ext(x, y), attained))
    lo = min(v for v, _ in corners)
    hi = max(v for v, _ in corners)
    lo_c = any(att for v, att in corners if v == lo)
    hi_c = any(att for v, att in corners if v == hi)
    return Range(kind, _finite(lo), _finite(hi), lo_c, hi_c, unit)


def _finite(value: _Ext) -> Number | None:
    if isinstance(value, float):
        return None
    return value


def _reciprocal(r: Range) -> Range:
    if r.lower == 0 and r.upper == 0:
        raise ValidationError("cannot divide by a range that is exactly 0")
    if r.contains(0):
        return Range("amount", None, None, False, False)
    # 0 is outside r, or one of its open ends.
    lo, lo_c = _recip_end(r.upper, r.upper_closed)
    hi, hi_c = _recip_end(r.lower, r.lower_closed)
    return Range("amount", lo, hi, lo_c, hi_c)


def _recip_end(value: Number | None, closed: bool) -> tuple[Number | None, bool]:
    if value is None:
        return 0, False
    if value == 0:
        return None, False
    return simplify(1 / Fraction(value)), closed


def _is_proportion(instance: object, attribute: attrs.Attribute[Range], value: object) -> None:
    if not isinstance(value, Range) or value.kind != "proportion":
        raise ValidationError(
            f"{attribute.name}: expected a proportion Range such as [0, 50%], got {value!r}"
        )


def _is_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{attribute.name}: expected a non-empty name, got {value!r}")


@attrs.frozen
class FractionOf:
    """A value stated as a share of another quantity: "up to 50 percent of deployed".

    >>> up_to_half = FractionOf(Range.at_most("0.5", kind="proportion"), "deployed")
    >>> str(up_to_half)
    '[0, 50%] of deployed'
    >>> up_to_half.resolve(Range.more_than(10000))
    Range(count [0, inf))
    >>> up_to_half.resolve(Range.closed(10000, 12000))
    Range(count [0, 6,000])
    """

    share: Range = attrs.field(validator=_is_proportion)
    base: str = attrs.field(validator=_is_name)

    def resolve(self, base_value: Range) -> Range:
        """The value this share gives when the base lies in ``base_value``."""
        return self.share * base_value

    def __str__(self) -> str:
        return f"{self.share} of {self.base}"
