"""Reading: Wikibase statements read as claims, with their periods, ranks and references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

import attrs

from claimrec._wikidata_snaks import (
    _DAY,
    _DEPRECATION_REASON,
    _END_TIME,
    _MONTH,
    _POINT_IN_TIME,
    _PUBLISHED,
    _QUOTATION,
    _REFERENCE_URL,
    _RETRIEVED,
    _START_TIME,
    _STATED_IN,
    _TITLE,
    _YEAR,
    RANKS,
    _datavalue,
    _has_value,
    _item_id,
    _list,
    _mapping,
    _single,
    _snaks,
    _string,
    _time,
)
from claimrec._wikidata_values import _decimal_text, _literal_text, _read_value, _unit_scale
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import Kind
from claimrec.spans import Span

_READ_QUALIFIERS: Final = {_POINT_IN_TIME, _START_TIME, _END_TIME, _DEPRECATION_REASON}
_READ_REFERENCES: Final = {
    _STATED_IN,
    _REFERENCE_URL,
    _RETRIEVED,
    _PUBLISHED,
    _QUOTATION,
    _TITLE,
}
_STATEMENT_ID: Final = re.compile(r"([QPLM][1-9]\d*(?:-[FS][1-9]\d*)?)\$([0-9A-Fa-f-]+)\Z")


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


def _unit_span(day: dt.date, precision: int) -> Span:
    if precision == _YEAR:
        return Span.year(day.year)
    if precision == _MONTH:
        return Span.month(day.year, day.month)
    return Span.day(day)


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
