"""Wikidata quantities: Wikibase quantity statements read as claims, and intervals written back.

A Wikibase quantity statement holds an ``amount`` (a signed decimal string), a ``unit``
(``"1"`` or an item URI) and, optionally, ``lowerBound`` and ``upperBound`` together.
Qualifiers say when it holds (P585 point in time, or P580 start time and P582 end time),
its rank says how far to trust it (preferred, normal, deprecated, with P2241 reason for
deprecated rank), and its references say where it was found (P248 stated in, P854
reference URL, P813 retrieved, and here also P577 publication date, P1683 quotation and
P1476 title). :func:`read_statements` turns statements into claims:

>>> statement = {
...     "mainsnak": {"snaktype": "value", "property": "P1114", "datatype": "quantity",
...                  "datavalue": {"type": "quantity", "value": {
...                      "amount": "+8000", "unit": "1",
...                      "lowerBound": "+7500", "upperBound": "+8500"}}},
...     "type": "statement", "rank": "normal",
...     "qualifiers": {"P585": [{"snaktype": "value", "property": "P585", "datatype": "time",
...         "datavalue": {"type": "time", "value": {
...             "time": "+2025-02-04T00:00:00Z", "timezone": 0, "before": 0, "after": 0,
...             "precision": 11, "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}}}]},
...     "qualifiers-order": ["P585"],
... }
>>> imported = read_statements([statement], quantity="in_combat")
>>> claim = imported.claims[0]
>>> claim.id, claim.value, claim.period, claim.phrase
('in_combat.1', Range(count [7,500, 8,500]), Span('2025-02-04', '2025-02-05'), '8000±500')
>>> claim_statement(claim).statement == statement
True

Reading:

- **Bounds absent** mean the precision is unknown, never that the amount is exact. By
  default (``unknown_precision="digits"``) the amount is read as precise to its last
  significant digit: ``+8000`` is ``[7,500, 8,500]`` (trailing zeros of a whole number
  are not significant), ``+8125`` is ``[8,124.5, 8,125.5]`` and ``+2.50`` is
  ``[2.495, 2.505]``, clipped to what the kind allows. ``unknown_precision="unbounded"``
  reads it as saying nothing about the value at all.
- Bounds are inclusive, so a bounded statement reads as a closed range.
- ``unit`` ``"1"`` fits a count or a proportion (a share, 0.5 = 50%); percent
  (Q11229) fits a proportion; an item URI fits an amount, which keeps the URI as its unit.
- P585 at year, month or day precision (9, 10, 11) is that whole year, month or day.
  P580 starts the period at the first day of its year, month or day, and P582 ends it
  after the last day: the widest period the qualifiers allow. Precision finer than a
  day is read as the day; an absent, unknown or "no value" end is open.
- A deprecated statement is read into a claim but listed in ``set_aside`` with its
  reason, and left out of :meth:`WikidataImport.claimset`.
- References: the items stated in (P248) become the attribution: the first reference's
  item said it, later ones relayed it (they add no independent origin). The phrase is
  the first quotation (P1683), else the quantity as written ("8000±500"); the citation
  is the last reference's URL or title; ``said_on`` is the first publication date.

Writing (:func:`claim_statement`, :func:`segment_statement`): Wikibase bounds are
closed and finite, so an open end is written as the closed bound at the same value, a
one-sided range as its finite end with no bounds, and a number with no finite decimal
form (1/3) is rounded outward to six places. Each such change is returned in
``warnings``, never made silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, format_number
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.report import Report, Segment
from claimrec.spans import Span

__all__ = [
    "DEFAULT_PROPERTY",
    "GREGORIAN",
    "PERCENT",
    "RANKS",
    "Rank",
    "WikidataExport",
    "WikidataImport",
    "claim_statement",
    "read_statements",
    "report_statements",
    "segment_statement",
]

ENTITY: Final = "http://www.wikidata.org/entity/"
GREGORIAN: Final = ENTITY + "Q1985727"
"""The calendar model of every time value read or written: the proleptic Gregorian calendar."""
PERCENT: Final = ENTITY + "Q11229"
"""The unit item for percent: proportions are written in it."""
DEFAULT_PROPERTY: Final = "P1114"
"""The property a statement is written under unless told otherwise: P1114, quantity."""

Rank: TypeAlias = Literal["preferred", "normal", "deprecated"]
RANKS: Final[tuple[str, ...]] = ("preferred", "normal", "deprecated")

_POINT_IN_TIME: Final = "P585"
_START_TIME: Final = "P580"
_END_TIME: Final = "P582"
_DEPRECATION_REASON: Final = "P2241"
_STATED_IN: Final = "P248"
_REFERENCE_URL: Final = "P854"
_RETRIEVED: Final = "P813"
_PUBLISHED: Final = "P577"
_QUOTATION: Final = "P1683"
_TITLE: Final = "P1476"
_READ_QUALIFIERS: Final = {_POINT_IN_TIME, _START_TIME, _END_TIME, _DEPRECATION_REASON}
_READ_REFERENCES: Final = {
    _STATED_IN,
    _REFERENCE_URL,
    _RETRIEVED,
    _PUBLISHED,
    _QUOTATION,
    _TITLE,
}

_YEAR, _MONTH, _DAY = 9, 10, 11
_PLACES: Final = 6
_DECIMAL: Final = re.compile(r"[+-]?\d{1,100}(?:\.\d{1,100})?\Z")
_NUMBER: Final = r"[+-]?\d{1,100}(?:\.\d{1,100})?"
_LITERAL: Final = re.compile(
    rf"({_NUMBER})(?:±(\d{{1,100}}(?:\.\d{{1,100}})?)| \[({_NUMBER}), ({_NUMBER})\])?\Z"
)
_TIME: Final = re.compile(r"([+-])(\d{1,16})-(\d\d)-(\d\d)T\d\d:\d\d:\d\dZ\Z")
_ITEM: Final = re.compile(r"Q[1-9]\d{0,15}\Z")
_UNIT_ITEM: Final = re.compile(re.escape(ENTITY) + r"Q[1-9]\d{0,15}\Z")
_STATEMENT_ID: Final = re.compile(r"([QPLM][1-9]\d*(?:-[FS][1-9]\d*)?)\$([0-9A-Fa-f-]+)\Z")
_CLAIM_ID: Final = re.compile(r"([QPLM][1-9]\d*(?:-[FS][1-9]\d*)?)\.([0-9A-Fa-f-]+)\Z")


@attrs.frozen
class WikidataImport:
    """Claims read from Wikibase statements, with what the reading could not use.

    ``claims`` holds one claim per statement with a value, in statement order;
    ``set_aside`` the ids of the deprecated ones with the reason; ``ranks`` every
    claim's rank; ``sources`` the sources the attributions name; ``skipped`` the
    statements with no number to read (unknown value, no value), and why.

    >>> nothing = {"mainsnak": {"snaktype": "somevalue", "property": "P1114"}}
    >>> read_statements([nothing], quantity="q").skipped
    (('q.1', 'somevalue: the statement gives no number to read'),)
    """

    quantity: Quantity
    claims: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    set_aside: tuple[tuple[str, str], ...] = ()
    ranks: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def usable(self) -> tuple[Claim, ...]:
        """The claims not set aside (preferred and normal rank).

        >>> WikidataImport(Quantity("q")).usable
        ()
        """
        aside = {i for i, _ in self.set_aside}
        return tuple(c for c in self.claims if c.id not in aside)

    def claimset(self) -> ClaimSet:
        """A claim set of the quantity, the sources and the usable claims.

        >>> WikidataImport(Quantity("q")).claimset().quantities
        (Quantity(name='q', kind='count', unit=None, cumulative=False, description=''),)
        """
        return ClaimSet(quantities=[self.quantity], sources=self.sources, claims=self.usable)


@attrs.frozen(hash=False)
class WikidataExport:
    """A Wikibase statement (plain JSON-ready data) and what writing it changed or lost.

    >>> WikidataExport({"mainsnak": {}}, ("a note",)).warnings
    ('a note',)
    """

    statement: dict[str, Any]
    warnings: tuple[str, ...] = ()


# -- reading ---------------------------------------------------------------------------


def _mapping(value: object, where: str, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValidationError(f"{where}: {field}: expected an object, got {value!r}")
    return value


def _list(value: object, where: str, field: str) -> list[Any]:
    if not isinstance(value, list):
        raise ValidationError(f"{where}: {field}: expected a list, got {value!r}")
    return value


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


def _snaks(container: Mapping[str, Any], key: str, where: str) -> dict[str, list[Any]]:
    raw = container.get(key, {})
    found = _mapping(raw, where, key)
    return {p: _list(v, where, f"{key}.{p}") for p, v in found.items()}


def _datavalue(snak: object, where: str, field: str, kind: str) -> Any:
    """The value of a ``value`` snak, checked to be of datavalue type ``kind``."""
    snak = _mapping(snak, where, field)
    datavalue = _mapping(snak.get("datavalue"), where, f"{field}.datavalue")
    if datavalue.get("type") != kind:
        raise ValidationError(
            f"{where}: {field}.datavalue.type: expected {kind!r}, got {datavalue.get('type')!r}"
        )
    return datavalue.get("value")


def _has_value(snak: object, where: str, field: str) -> bool:
    snaktype = _mapping(snak, where, field).get("snaktype", "value")
    if snaktype not in ("value", "somevalue", "novalue"):
        raise ValidationError(
            f"{where}: {field}.snaktype: expected value, somevalue or novalue, got {snaktype!r}"
        )
    return bool(snaktype == "value")


def _time(snak: object, where: str, field: str) -> tuple[dt.date, int] | None:
    """The first day of the year, month or day a time snak names, and its precision."""
    if not _has_value(snak, where, field):
        return None
    value = _mapping(_datavalue(snak, where, field, "time"), where, f"{field}.value")
    precision = value.get("precision")
    if type(precision) is not int or not _YEAR <= precision <= 14:
        raise ValidationError(
            f"{where}: {field}.precision: expected 9 (year), 10 (month), 11 (day) or finer, "
            f"got {precision!r}"
        )
    if value.get("calendarmodel", GREGORIAN) != GREGORIAN:
        raise ValidationError(
            f"{where}: {field}.calendarmodel: expected the Gregorian calendar {GREGORIAN}, "
            f"got {value.get('calendarmodel')!r}"
        )
    text = value.get("time")
    match = _TIME.match(text) if isinstance(text, str) else None
    if match is None or match.group(1) == "-" or not 1 <= int(match.group(2)) <= 9999:
        raise ValidationError(
            f"{where}: {field}.time: expected a time such as '+2025-02-04T00:00:00Z' "
            f"in the years 1 to 9999, got {text!r}"
        )
    year, month, day = (int(match.group(i)) for i in (2, 3, 4))
    try:
        if precision == _YEAR:
            return dt.date(year, 1, 1), _YEAR
        if precision == _MONTH:
            return dt.date(year, month, 1), _MONTH
        return dt.date(year, month, day), _DAY
    except ValueError as err:
        raise ValidationError(f"{where}: {field}.time: {text!r} is no date: {err}") from None


def _unit_span(day: dt.date, precision: int) -> Span:
    if precision == _YEAR:
        return Span.year(day.year)
    if precision == _MONTH:
        return Span.month(day.year, day.month)
    return Span.day(day)


def _single(snaks: Mapping[str, list[Any]], prop: str, where: str, what: str) -> Any:
    values = snaks.get(prop, [])
    if len(values) > 1:
        raise ValidationError(f"{where}: {what}.{prop}: expected one value, got {len(values)}")
    return values[0] if values else None


def _period(qualifiers: Mapping[str, list[Any]], where: str) -> Span:
    point = _single(qualifiers, _POINT_IN_TIME, where, "qualifiers")
    start = _single(qualifiers, _START_TIME, where, "qualifiers")
    end = _single(qualifiers, _END_TIME, where, "qualifiers")
    if point is not None:
        if start is not None or end is not None:
            raise ValidationError(
                f"{where}: qualifiers: expected {_POINT_IN_TIME} (point in time) or "
                f"{_START_TIME}/{_END_TIME} (start and end time), not both"
            )
        when = _time(point, where, f"qualifiers.{_POINT_IN_TIME}")
        return Span() if when is None else _unit_span(*when)
    first = None if start is None else _time(start, where, f"qualifiers.{_START_TIME}")
    last = None if end is None else _time(end, where, f"qualifiers.{_END_TIME}")
    try:
        return Span(
            None if first is None else _unit_span(*first).start,
            None if last is None else _unit_span(*last).end,
        )
    except ClaimrecError as err:
        raise ValidationError(f"{where}: qualifiers: {err}") from None


def _item_id(snak: object, where: str, field: str) -> str:
    value = _mapping(_datavalue(snak, where, field, "wikibase-entityid"), where, field)
    ident = value.get("id")
    if ident is None and type(value.get("numeric-id")) is int:
        ident = f"Q{value['numeric-id']}"
    if not isinstance(ident, str) or not _ITEM.match(ident):
        raise ValidationError(f"{where}: {field}: expected an item such as 'Q9684', got {value!r}")
    return ident


def _string(snak: object, where: str, field: str, kind: str) -> str:
    value = _datavalue(snak, where, field, kind)
    if kind == "monolingualtext":
        value = _mapping(value, where, field).get("text")
    if not isinstance(value, str):
        raise ValidationError(f"{where}: {field}: expected text, got {value!r}")
    return value


@attrs.define
class _References:
    stated_in: list[str] = attrs.Factory(list)
    quotation: str | None = None
    citation: str = ""
    published: dt.date | None = None
    notes: list[str] = attrs.Factory(list)


def _references(statement: Mapping[str, Any], where: str) -> _References:
    found = _References()
    for n, raw in enumerate(_list(statement.get("references", []), where, "references")):
        field = f"references[{n}]"
        snaks = _snaks(_mapping(raw, where, field), "snaks", f"{where}: {field}")
        unread = sorted(set(snaks) - _READ_REFERENCES)
        if unread:
            found.notes.append(f"unread reference properties {', '.join(unread)}")
        for snak in snaks.get(_STATED_IN, []):
            if _has_value(snak, where, f"{field}.{_STATED_IN}"):
                item = _item_id(snak, where, f"{field}.{_STATED_IN}")
                if item not in found.stated_in:
                    found.stated_in.append(item)
        for snak in snaks.get(_QUOTATION, []):
            if found.quotation is None and _has_value(snak, where, f"{field}.{_QUOTATION}"):
                found.quotation = _string(snak, where, f"{field}.{_QUOTATION}", "monolingualtext")
        citation = ""
        for prop, kind in ((_TITLE, "monolingualtext"), (_REFERENCE_URL, "string")):
            for snak in snaks.get(prop, []):
                if _has_value(snak, where, f"{field}.{prop}"):
                    citation = _string(snak, where, f"{field}.{prop}", kind)
        found.citation = citation or found.citation
        for snak in snaks.get(_PUBLISHED, []):
            when = _time(snak, where, f"{field}.{_PUBLISHED}")
            if when is not None and found.published is None:
                if when[1] == _DAY:
                    found.published = when[0]
                else:
                    found.notes.append(
                        f"publication date {when[0].isoformat()[: 4 if when[1] == _YEAR else 7]} "
                        "is not a day: not read as said_on"
                    )
        for snak in snaks.get(_RETRIEVED, []):
            when = _time(snak, where, f"{field}.{_RETRIEVED}")
            if when is not None:
                found.notes.append(f"retrieved {when[0].isoformat()}")
    return found


def read_statements(
    statements: Iterable[Mapping[str, Any]],
    *,
    quantity: Quantity | str,
    kind: Kind = "count",
    unknown_precision: Literal["digits", "unbounded"] = "digits",
    sources: Mapping[str, Source] | None = None,
) -> WikidataImport:
    """Read Wikibase quantity statements (one property's list) as claims about ``quantity``.

    ``quantity`` is a :class:`~claimrec.claims.Quantity` or a name (then of ``kind``;
    an amount takes the unit of the first statement). ``sources`` maps item ids to
    the :class:`~claimrec.provenance.Source` each stands for; an item not in it
    becomes a source named by its id, of grade F (cannot be judged). Claim ids come
    from statement ids (``Q42$F078...`` becomes ``Q42.F078...``), else are
    ``<quantity>.<n>``. See the module docstring for how each part is read; errors
    name the statement and the field.

    >>> read_statements([{"mainsnak": {"snaktype": "value", "property": "P1114",
    ...     "datavalue": {"type": "quantity", "value": {"amount": "+8000", "unit": "1"}}}}],
    ...     quantity="in_combat").claims[0].value
    Range(count [7,500, 8,500])
    >>> read_statements([{"mainsnak": {"snaktype": "value", "property": "P1114",
    ...     "datavalue": {"type": "quantity", "value": {"amount": "8,000", "unit": "1"}}}}],
    ...     quantity="in_combat")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: statement #1: amount: expected a decimal string such as '+8000' or '-0.5', got '8,000'
    """
    if unknown_precision not in ("digits", "unbounded"):
        raise ValidationError(
            f"unknown_precision: expected 'digits' or 'unbounded', got {unknown_precision!r}"
        )
    declared = quantity if isinstance(quantity, Quantity) else None
    name = quantity.name if isinstance(quantity, Quantity) else quantity
    kind = quantity.kind if isinstance(quantity, Quantity) else kind
    known = dict(sources or {})
    claims: list[Claim] = []
    used_sources: dict[str, Source] = {}
    set_aside: list[tuple[str, str]] = []
    ranks: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    if isinstance(statements, Mapping | str):
        raise ValidationError(
            f"statements: expected a list of statements, got {type(statements).__name__}"
        )
    for n, raw in enumerate(statements, start=1):
        where = f"statement #{n}"
        statement = _mapping(raw, where, "statement")
        sid = statement.get("id")
        if sid is not None:
            where = f"statement {sid!r}"
        claim_id, id_note = _claim_id(sid, name, n)
        rank = statement.get("rank", "normal")
        if rank not in RANKS:
            raise ValidationError(
                f"{where}: rank: expected one of {', '.join(RANKS)}, got {rank!r}"
            )
        mainsnak = _mapping(statement.get("mainsnak"), where, "mainsnak")
        if not _has_value(mainsnak, where, "mainsnak"):
            skipped.append(
                (claim_id, f"{mainsnak['snaktype']}: the statement gives no number to read")
            )
            continue
        value = _mapping(_datavalue(mainsnak, where, "mainsnak", "quantity"), where, "value")
        scale, unit = _unit_scale(value.get("unit"), kind, where, "unit")
        if declared is None:
            declared = Quantity(name, kind, unit)
        elif unit != declared.unit:
            raise ValidationError(
                f"{where}: unit: expected {declared.unit or '1'!r} like the quantity, "
                f"got {value.get('unit')!r}"
            )
        raw_lower, raw_upper = value.get("lowerBound"), value.get("upperBound")
        if (raw_lower is None) != (raw_upper is None):
            raise ValidationError(
                f"{where}: lowerBound and upperBound: expected both or neither, got "
                f"{raw_lower!r} and {raw_upper!r}"
            )
        amount_text = _decimal_text(value.get("amount"), where, "amount")
        lower_text = None if raw_lower is None else _decimal_text(raw_lower, where, "lowerBound")
        upper_text = None if raw_upper is None else _decimal_text(raw_upper, where, "upperBound")
        rng = _read_value(
            amount_text, lower_text, upper_text, kind, scale, unit, unknown_precision, where
        )
        qualifiers = _snaks(statement, "qualifiers", where)
        period = _period(qualifiers, where)
        refs = _references(statement, where)
        notes = [id_note] if id_note else []
        if rank != "normal":
            notes.append(f"rank {rank}")
        ranks.append((claim_id, rank))
        reason_snak = _single(qualifiers, _DEPRECATION_REASON, where, "qualifiers")
        reason = None
        if reason_snak is not None and _has_value(
            reason_snak, where, f"qualifiers.{_DEPRECATION_REASON}"
        ):
            reason = _item_id(reason_snak, where, f"qualifiers.{_DEPRECATION_REASON}")
            notes.append(f"reason for deprecated rank {reason}")
        if rank == "deprecated":
            set_aside.append(
                (
                    claim_id,
                    "deprecated rank in Wikidata"
                    + (f" (reason for deprecated rank: {reason})" if reason else ""),
                )
            )
        unread = sorted(set(qualifiers) - _READ_QUALIFIERS)
        if unread:
            notes.append(f"unread qualifiers {', '.join(unread)}")
        notes.extend(refs.notes)
        attribution = None
        if refs.stated_in:
            ids = []
            for item in refs.stated_in:
                source = known.get(item) or Source(item, item)
                used_sources.setdefault(source.id, source)
                ids.append(source.id)
            attribution = Attribution(ids[0], reported_by=tuple(ids[1:]))
        claims.append(
            Claim(
                claim_id,
                name,
                rng,
                attribution,
                refs.published,
                period,
                phrase=refs.quotation
                if refs.quotation is not None
                else _literal_text(amount_text, lower_text, upper_text),
                citation=refs.citation,
                notes="; ".join(notes),
            )
        )
    if declared is None:
        declared = Quantity(name, kind)
    return WikidataImport(
        declared,
        tuple(claims),
        tuple(used_sources.values()),
        tuple(set_aside),
        tuple(ranks),
        tuple(skipped),
    )


def _claim_id(sid: object, quantity: str, n: int) -> tuple[str, str]:
    if isinstance(sid, str):
        match = _STATEMENT_ID.match(sid)
        if match:
            return f"{match.group(1)}.{match.group(2)}", ""
    fallback = f"{quantity}.{n}"
    return fallback, ("" if sid is None else f"Wikidata statement {sid}")


# -- writing ---------------------------------------------------------------------------


def _value_snak(prop: str, value: dict[str, Any] | None) -> dict[str, Any]:
    if value is None:
        return {"snaktype": "somevalue", "property": prop, "datatype": "quantity"}
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "quantity",
        "datavalue": {"type": "quantity", "value": value},
    }


def _time_snak(prop: str, day: dt.date, precision: int) -> dict[str, Any]:
    month = day.month if precision >= _MONTH else 0
    mday = day.day if precision >= _DAY else 0
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "time",
        "datavalue": {
            "type": "time",
            "value": {
                "time": f"+{day.year:04d}-{month:02d}-{mday:02d}T00:00:00Z",
                "timezone": 0,
                "before": 0,
                "after": 0,
                "precision": precision,
                "calendarmodel": GREGORIAN,
            },
        },
    }


def _item_snak(prop: str, item: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "wikibase-item",
        "datavalue": {
            "type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(item[1:]), "id": item},
        },
    }


def _text_snak(prop: str, text: str, language: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "monolingualtext",
        "datavalue": {"type": "monolingualtext", "value": {"text": text, "language": language}},
    }


def _url_snak(prop: str, url: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "url",
        "datavalue": {"type": "string", "value": url},
    }


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


def _period_qualifiers(period: Span) -> dict[str, list[dict[str, Any]]]:
    start, end = period.start, period.end
    if start is not None and end is not None:
        for precision, span in (
            (_DAY, Span.day(start)),
            (_MONTH, Span.month(start.year, start.month)),
            (_YEAR, Span.year(start.year)),
        ):
            if span == period:
                return {_POINT_IN_TIME: [_time_snak(_POINT_IN_TIME, start, precision)]}
    qualifiers = {}
    if start is not None:
        qualifiers[_START_TIME] = [_time_snak(_START_TIME, start, _DAY)]
    if end is not None:
        qualifiers[_END_TIME] = [_time_snak(_END_TIME, end - dt.timedelta(days=1), _DAY)]
    return qualifiers


def _check_items(items: Mapping[str, str] | None) -> Mapping[str, str]:
    given: Mapping[str, object] = items or {}
    for source_id, item in given.items():
        if not isinstance(item, str) or not _ITEM.match(item):
            raise ValidationError(
                f"items[{source_id!r}]: expected an item id such as 'Q9684', got {item!r}"
            )
    return items or {}


def _check_property(prop: str) -> str:
    given: object = prop
    if not isinstance(given, str) or not re.fullmatch(r"P[1-9]\d{0,15}", given):
        raise ValidationError(f"property: expected a property id such as 'P1114', got {prop!r}")
    return prop


def _reference(snaks: list[dict[str, Any]]) -> dict[str, Any]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for snak in snaks:
        grouped.setdefault(snak["property"], []).append(snak)
    return {"snaks": grouped, "snaks-order": list(grouped)}


def _claim_references(
    claim: Claim,
    items: Mapping[str, str],
    retrieved: dt.date | None,
    language: str,
    literal: bool,
    warnings: list[str],
) -> list[dict[str, Any]]:
    """One reference per source in the chain that has an item; details on first and last."""
    what = f"claim {claim.id!r}"
    chain: list[str] = []
    if claim.source is not None:
        chain = [claim.source.said_by, *claim.source.reported_by]
        if claim.source.citing:
            warnings.append(
                f"{what}: cites {', '.join(claim.source.citing)}; a Wikidata reference cannot "
                "say whom a source cited"
            )
    unmapped = [s for s in chain if s not in items]
    if unmapped:
        warnings.append(
            f"{what}: no Wikidata item for source {', '.join(unmapped)} (pass items=...): "
            "not written as stated in (P248)"
        )
    references: list[list[dict[str, Any]]] = [
        [_item_snak(_STATED_IN, items[s])] for s in chain if s in items
    ] or [[]]
    first, last = references[0], references[-1]
    if claim.phrase is not None and not literal:
        first.append(_text_snak(_QUOTATION, claim.phrase, language))
    if claim.said_on is not None:
        first.append(_time_snak(_PUBLISHED, claim.said_on, _DAY))
    if claim.citation:
        if re.fullmatch(r"https?://\S+", claim.citation):
            last.append(_url_snak(_REFERENCE_URL, claim.citation))
        else:
            last.append(_text_snak(_TITLE, claim.citation, language))
    if retrieved is not None:
        last.append(_time_snak(_RETRIEVED, retrieved, _DAY))
    return [_reference(snaks) for snaks in references if snaks]


def _statement(
    mainsnak: dict[str, Any],
    qualifiers: dict[str, list[dict[str, Any]]],
    sid: str | None,
    rank: str,
    references: list[dict[str, Any]],
) -> dict[str, Any]:
    statement: dict[str, Any] = {"mainsnak": mainsnak, "type": "statement"}
    if qualifiers:
        statement["qualifiers"] = qualifiers
        statement["qualifiers-order"] = list(qualifiers)
    if sid is not None:
        statement["id"] = sid
    statement["rank"] = rank
    if references:
        statement["references"] = references
    return statement


def claim_statement(
    claim: Claim,
    *,
    property: str = DEFAULT_PROPERTY,
    rank: Rank = "normal",
    reason: str | None = None,
    items: Mapping[str, str] | None = None,
    retrieved: dt.date | str | None = None,
    language: str = "en",
) -> WikidataExport:
    """One claim as a Wikibase statement.

    The value becomes the amount and bounds (see the module docstring for ranges
    Wikibase cannot hold); the period becomes P585 when it is exactly one day, month
    or year, else P580/P582 at day precision; ``rank`` and ``reason`` (an item id,
    with ``deprecated`` only) become the rank and P2241. ``items`` maps source ids to
    item ids: each source of the chain (speaker, then relaying outlets) with an item
    gives a reference stated in it. The first reference carries the quotation (the
    phrase, unless the phrase is the quantity as written) and the publication date
    (``said_on``), the last the citation (a URL as P854, other text as P1476) and
    ``retrieved`` (P813). A claim id made from a statement id gives the statement id back.

    >>> from claimrec import Range
    >>> out = claim_statement(Claim("nis_losses", "casualties", Range.more_than(3000)))
    >>> out.statement["mainsnak"]["datavalue"]["value"]
    {'amount': '+3001', 'unit': '1'}
    >>> print(out.warnings[0])
    claim 'nis_losses': [3,001, inf) is bounded on one side only, which Wikibase cannot express: written as amount 3001 with no bounds (precision unknown); read it as at least 3,001
    """
    what = f"claim {claim.id!r}"
    prop = _check_property(property)
    known = _check_items(items)
    if rank not in RANKS:
        raise ValidationError(f"rank: expected one of {', '.join(RANKS)}, got {rank!r}")
    if reason is not None and (rank != "deprecated" or not _ITEM.match(str(reason))):
        raise ValidationError(
            f"reason: expected an item id such as 'Q25895909' with rank 'deprecated', "
            f"got {reason!r} with rank {rank!r}"
        )
    day = None if retrieved is None else _to_day(retrieved, "retrieved")
    warnings: list[str] = []
    value, literal = _quantity_value(claim.value, claim.phrase, what, warnings)
    qualifiers = _period_qualifiers(claim.period)
    if reason is not None:
        qualifiers[_DEPRECATION_REASON] = [_item_snak(_DEPRECATION_REASON, reason)]
    match = _CLAIM_ID.match(claim.id)
    sid = f"{match.group(1)}${match.group(2)}" if match else None
    references = _claim_references(claim, known, day, language, literal, warnings)
    return WikidataExport(
        _statement(_value_snak(prop, value), qualifiers, sid, rank, references),
        tuple(warnings),
    )


def _to_day(value: object, field: str) -> dt.date:
    from claimrec.spans import to_date

    return to_date(value, field)


def segment_statement(
    segment: Segment,
    claimset: ClaimSet,
    *,
    property: str = DEFAULT_PROPERTY,
    items: Mapping[str, str] | None = None,
    retrieved: dt.date | str | None = None,
    language: str = "en",
) -> WikidataExport:
    """A reconciled segment as a Wikibase statement whose references cite its claims.

    The interval becomes the amount and bounds, the segment's dates the qualifiers.
    The references are those of :func:`claim_statement` for every claim behind the
    interval: the supporting claims and every claim a bound rests on. A segment with no
    interval (a conflict no policy settled) is written as an unknown value. What
    Wikidata cannot hold (a derivation through a constraint, the claims set aside, the
    conflict) is returned in ``warnings``.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> seg = claimrec.reconcile(cs).segment("deployed", "2025-02-04")
    >>> out = segment_statement(seg, cs)
    >>> out.statement["mainsnak"]["datavalue"]["value"]["amount"], len(out.statement["references"])
    ('+10501', 2)
    """
    what = f"{segment.quantity} {segment.period}"
    prop = _check_property(property)
    known = _check_items(items)
    day = None if retrieved is None else _to_day(retrieved, "retrieved")
    warnings: list[str] = []
    value, _ = _quantity_value(segment.interval, None, what, warnings)
    cited = set(segment.supporting)
    if segment.interval is None:
        # Nothing settled: the unknown value rests on every claim that was weighed.
        cited.update(i for i, _ in segment.set_aside)
        envelope = "" if segment.envelope is None else f"; the claims span {segment.envelope}"
        conflicts = "; ".join("{" + ", ".join(c) + "}" for c in segment.conflicts)
        warnings.append(
            f"{what}: status {segment.status}, no interval: written as an unknown value "
            f"(somevalue) citing every claim weighed{envelope}"
            + (f"; they conflict: {conflicts}" if conflicts else "")
        )
    for bound in (segment.lower, segment.upper):
        if bound is None:
            continue
        cited.update(i for i in bound.label if i in claimset.claims_by_id)
        if bound.via == "constraint":
            warnings.append(
                f"{what}: {bound.side} bound {bound.value_text()} is derived through "
                f"{bound.constraint} ({bound.constraint_text}), which Wikidata cannot hold; "
                "the references cite the claims it rests on"
            )
    if segment.interval is not None:
        if segment.status == "conflict":
            warnings.append(
                f"{what}: the claims conflict here and the interval is a policy's choice; "
                "Wikidata cannot hold the conflict"
            )
        for ident, why in segment.set_aside:
            warnings.append(f"{what}: {ident} was set aside and is not cited: {why}")
    references: list[dict[str, Any]] = []
    claim_warnings: list[str] = []
    for ident in sorted(cited):
        claim = claimset.claim(ident)
        references.extend(_claim_references(claim, known, day, language, False, claim_warnings))
    warnings.extend(dict.fromkeys(claim_warnings))
    qualifiers = _period_qualifiers(Span(segment.start, segment.end))
    return WikidataExport(
        _statement(_value_snak(prop, value), qualifiers, None, "normal", references),
        tuple(warnings),
    )


def report_statements(
    report: Report,
    claimset: ClaimSet,
    *,
    properties: Mapping[str, str] | None = None,
    items: Mapping[str, str] | None = None,
    retrieved: dt.date | str | None = None,
    language: str = "en",
) -> dict[str, tuple[WikidataExport, ...]]:
    """Every segment of a report with claims behind it, by quantity, as statements.

    ``properties`` maps quantity names to property ids (default :data:`DEFAULT_PROPERTY`).
    Segments of status ``unknown`` (no claim at all) are left out.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> out = report_statements(claimrec.reconcile(cs), cs)
    >>> {name: len(statements) for name, statements in out.items()}
    {'casualties': 3, 'deployed': 4, 'in_combat': 4}
    """
    chosen = dict(properties or {})
    return {
        name: tuple(
            segment_statement(
                seg,
                claimset,
                property=chosen.get(name, DEFAULT_PROPERTY),
                items=items,
                retrieved=retrieved,
                language=language,
            )
            for seg in segments
            if seg.status != "unknown"
        )
        for name, segments in report.items()
    }
