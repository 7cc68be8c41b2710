"""Writing: claims, reconciled segments and reports as Wikibase statements with references."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from claimrec._wikidata_snaks import (
    _DAY,
    _DEPRECATION_REASON,
    _END_TIME,
    _ITEM,
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
    Rank,
    _item_snak,
    _text_snak,
    _time_snak,
    _url_snak,
    _value_snak,
)
from claimrec._wikidata_values import _quantity_value
from claimrec.claims import Claim, ClaimSet
from claimrec.errors import ValidationError
from claimrec.report import Report, Segment
from claimrec.spans import Span

DEFAULT_PROPERTY: Final = "P1114"
"""The property a statement is written under unless told otherwise: P1114, quantity."""

_CLAIM_ID: Final = re.compile(r"([QPLM][1-9]\d*(?:-[FS][1-9]\d*)?)\.([0-9A-Fa-f-]+)\Z")


@attrs.frozen(hash=False)
class WikidataExport:
    """A Wikibase statement (plain JSON-ready data) and what writing it changed or lost.

    >>> WikidataExport({"mainsnak": {}}, ("a note",)).warnings
    ('a note',)
    """

    statement: dict[str, Any]
    warnings: tuple[str, ...] = ()


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
