"""The reconciliation report: segments per quantity, as JSON, text and Markdown.

A :class:`Report` maps each quantity name to its list of :class:`Segment`\\ s. Each
segment covers ``[start, end)`` and says its status (``consistent``, ``conflict``,
``derived`` or ``unknown``), the interval, the envelope of the claims, which claims
support it, which were set aside and why, the minimal conflicts, and the reasons.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from json.encoder import encode_basestring as _string
from typing import Any, Final, Literal, TextIO, TypeAlias

import attrs

from claimrec.claims import ClaimSet
from claimrec.errors import ValidationError
from claimrec.io import range_to_json
from claimrec.ranges import Kind, Range
from claimrec.reasons import Bound
from claimrec.spans import Span, to_date

__all__ = ["STATUSES", "QuantityReport", "Report", "Segment", "Status", "write_json"]

Status: TypeAlias = Literal["consistent", "conflict", "derived", "unknown"]
STATUSES: Final[tuple[str, ...]] = ("consistent", "conflict", "derived", "unknown")


@attrs.frozen
class Segment:
    """What is known of one quantity over ``[start, end)`` (``None``: open-ended)."""

    quantity: str
    start: dt.date | None
    end: dt.date | None
    status: Status
    interval: Range | None
    envelope: Range | None
    supporting: tuple[str, ...] = ()
    set_aside: tuple[tuple[str, str], ...] = ()
    conflicts: tuple[tuple[str, ...], ...] = ()
    reasons: tuple[str, ...] = ()
    lower: Bound | None = attrs.field(default=None, eq=False, repr=False)
    upper: Bound | None = attrs.field(default=None, eq=False, repr=False)
    conditional: tuple[tuple[tuple[str, ...], Bound], ...] = attrs.field(
        default=(), eq=False, repr=False
    )

    def same_content(self, other: Segment) -> bool:
        """True when the two segments say the same, whatever their dates."""
        return (
            self.status,
            self.interval,
            self.envelope,
            self.supporting,
            self.set_aside,
            self.conflicts,
            self.reasons,
        ) == (
            other.status,
            other.interval,
            other.envelope,
            other.supporting,
            other.set_aside,
            other.conflicts,
            other.reasons,
        )

    @property
    def period(self) -> str:
        """``2025-01-15 .. 2025-02-05`` (either end may be blank)."""
        start = "" if self.start is None else self.start.isoformat()
        end = "" if self.end is None else self.end.isoformat()
        return f"{start} .. {end}".strip() if start or end else "all time"

    def to_json(self) -> dict[str, Any]:
        """The segment with exactly the keys of the report format."""
        return {
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
            "status": self.status,
            "interval": None if self.interval is None else range_to_json(self.interval),
            "envelope": None if self.envelope is None else range_to_json(self.envelope),
            "supporting": list(self.supporting),
            "set_aside": dict(self.set_aside),
            "conflicts": [list(c) for c in self.conflicts],
            "reasons": list(self.reasons),
        }

    def to_row(self) -> dict[str, Any]:
        """A flat dict for tables and data frames."""
        interval = self.interval
        return {
            "quantity": self.quantity,
            "start": self.start,
            "end": self.end,
            "status": self.status,
            "lower": None if interval is None else interval.lower,
            "upper": None if interval is None else interval.upper,
            "interval": None if interval is None else str(interval),
            "envelope": None if self.envelope is None else str(self.envelope),
            "supporting": ", ".join(self.supporting),
            "set_aside": ", ".join(i for i, _ in self.set_aside),
            "conflicts": "; ".join("{" + ", ".join(c) + "}" for c in self.conflicts),
        }


@attrs.frozen
class QuantityReport:
    """One quantity's kind, unit and segments in time order."""

    name: str
    kind: Kind
    unit: str | None
    segments: tuple[Segment, ...]


@attrs.frozen
class Report(Mapping[str, tuple[Segment, ...]]):
    """The result of :func:`claimrec.reconcile`: quantity name -> segments."""

    policy: str
    at: dt.date | None
    quantities: Mapping[str, QuantityReport]
    claim_lines: Mapping[str, str] = attrs.field(factory=dict, eq=False, repr=False)
    claimset: ClaimSet | None = attrs.field(default=None, eq=False, repr=False)

    def belief(
        self,
        quantity: str,
        lower: object = None,
        upper: object = None,
        *,
        at: dt.date | str,
        rule: str = "dempster",
    ) -> tuple[Fraction, Fraction, Fraction]:
        """Belief, plausibility and conflict mass that ``quantity`` lies in ``[lower, upper]``.

        Dempster-Shafer view of the claims covering ``at`` (see :mod:`claimrec.belief`).

        >>> import claimrec
        >>> report = claimrec.reconcile(claimrec.load("seeds/north-korea-2025.json"))
        >>> bel, pl, conflict = report.belief("in_combat", 7000, 9000, at="2025-01-25")
        >>> bel <= pl
        True
        """
        from claimrec.belief import belief

        if self.claimset is None:
            raise ValidationError(
                "belief: this report keeps no claim set; build it with claimrec.reconcile"
            )
        return belief(
            self.claimset,
            quantity,
            lower,
            upper,
            at=at,
            rule=rule,  # type: ignore[arg-type]
        )

    def __getitem__(self, name: str) -> tuple[Segment, ...]:
        return self.quantities[name].segments

    def __iter__(self) -> Iterator[str]:
        return iter(self.quantities)

    def __len__(self) -> int:
        return len(self.quantities)

    def segment(self, quantity: str, day: dt.date | str) -> Segment | None:
        """The segment of ``quantity`` covering ``day``, if any."""
        when = to_date(day, "day")
        return next((s for s in self[quantity] if Span(s.start, s.end).contains(when)), None)

    @property
    def has_conflict(self) -> bool:
        """True when any segment of any quantity is in conflict."""
        return any(s.status == "conflict" for q in self.quantities.values() for s in q.segments)

    def to_json(self) -> dict[str, Any]:
        """The report as plain data: exactly the keys of the report format."""
        return {
            "quantities": {name: _quantity_json(q) for name, q in sorted(self.quantities.items())},
            "policy": self.policy,
            "at": None if self.at is None else self.at.isoformat(),
        }

    def dumps(self) -> str:
        """The JSON text: sorted keys, so the same claims give the same bytes."""
        out = io.StringIO()
        write_json(self.policy, self.at, [self.quantities[n] for n in sorted(self.quantities)], out)
        return out.getvalue()

    def to_rows(self) -> list[dict[str, Any]]:
        """One plain dict per segment, for tables."""
        return [s.to_row() for q in self.quantities.values() for s in q.segments]

    def to_dataframe(self) -> Any:
        """A pandas frame of :meth:`to_rows` with typed columns (see :mod:`claimrec.frames`)."""
        from claimrec.frames import report_to_dataframe

        return report_to_dataframe(self)

    def to_text(self) -> str:
        """A report for people: a block per quantity, a line per segment, then reasons."""
        width = max((len(c.id) for c in self.claimset.claims), default=0) if self.claimset else 0
        lines = [f"policy: {self.policy}" + (f"   at: {self.at.isoformat()}" if self.at else "")]
        for name, q in sorted(self.quantities.items()):
            lines.append("")
            lines.append(f"{name}  ({q.kind}{', ' + q.unit if q.unit else ''}{self._counts(name)})")
            for seg in q.segments:
                shown = "no interval" if seg.interval is None else str(seg.interval)
                head = f"  {seg.period:<26}  {seg.status.upper() if seg.status == 'conflict' else seg.status:<10}  {shown}"
                if seg.status == "conflict" and seg.envelope is not None:
                    head += f"   envelope {seg.envelope}"
                lines.append(head)
                shown_ids = sorted({*seg.supporting, *(i for i, _ in seg.set_aside)})
                lines.extend(f"    {found}" for i in shown_ids if (found := self._line(i, width)))
                if seg.conflicts:
                    lines.append(
                        "    minimal conflicts: "
                        + ", ".join("{" + ", ".join(c) + "}" for c in seg.conflicts)
                    )
                lines.extend(f"    - {r}" for r in seg.reasons)
                lines.extend(f"    set aside {i}: {r}" for i, r in seg.set_aside)
        return "\n".join(lines) + "\n"

    def claim_line(self, claim_id: str) -> str | None:
        """The text report's line about one claim: value, phrase, chain, grade, evidence.

        >>> import claimrec
        >>> report = claimrec.reconcile(claimrec.load("seeds/north-korea-2025.json"))
        >>> report.claim_line("nyt").split()[-4:]
        ['via', 'ajp', 'C3', 'estimate']
        """
        width = max((len(c.id) for c in self.claimset.claims), default=0) if self.claimset else 0
        return self._line(claim_id, width)

    def _line(self, claim_id: str, width: int) -> str | None:
        """One line about a claim for the text report: value, phrase, chain, grade, evidence."""
        if claim_id in self.claim_lines:
            return self.claim_lines[claim_id]
        if self.claimset is None or claim_id not in self.claimset.claims_by_id:
            return None
        claim = self.claimset.claims_by_id[claim_id]
        chain = "unattributed"
        if claim.source is not None:
            chain = claim.source.said_by
            if claim.source.citing:
                chain += " citing " + ", ".join(claim.source.citing)
            if claim.source.reported_by:
                chain += " via " + ", ".join(claim.source.reported_by)
        origin = self.claimset.sources_by_id.get(self.claimset.origin(claim))
        grade = "F" if origin is None else origin.grade
        phrase = repr(claim.phrase) if claim.phrase else ""
        return (
            f"{claim.id:<{width}}  {claim.value!s:<16}  {phrase:<20}  {chain}  "
            f"{grade}{claim.credibility}  {claim.evidence.replace('_', ' ')}"
        )

    def _counts(self, name: str) -> str:
        """``; 3 claims, 3 origins`` for a quantity, when the report keeps its claim set."""
        if self.claimset is None:
            return ""
        claims = self.claimset.claims_about(name)
        origins = {self.claimset.origin(c) for c in claims}
        quantity = self.claimset.quantity(name)
        cumulative = ", cumulative" if quantity.cumulative else ""
        return (
            f"{cumulative}; {len(claims)} claim{'s' if len(claims) != 1 else ''}, "
            f"{len(origins)} origin{'s' if len(origins) != 1 else ''}"
        )

    def to_markdown(self) -> str:
        """The report as Markdown: a table per quantity, reasons as lists."""
        out = [f"# Reconciliation (policy `{self.policy}`)"]
        if self.at:
            out.append(f"\nAt {self.at.isoformat()}.")
        for name, q in sorted(self.quantities.items()):
            out.append(f"\n## {name} ({q.kind}{', ' + q.unit if q.unit else ''})\n")
            out.append("| period | status | interval | envelope | supporting | set aside |")
            out.append("|---|---|---|---|---|---|")
            for seg in q.segments:
                out.append(
                    f"| {seg.period} | {seg.status} | "
                    f"{'-' if seg.interval is None else _md(str(seg.interval))} | "
                    f"{'-' if seg.envelope is None else _md(str(seg.envelope))} | "
                    f"{', '.join(seg.supporting) or '-'} | "
                    f"{', '.join(i for i, _ in seg.set_aside) or '-'} |"
                )
            for seg in q.segments:
                if seg.reasons or seg.set_aside or seg.conflicts:
                    out.append(f"\n**{seg.period}**\n")
                    out.extend("- minimal conflict: {" + ", ".join(c) + "}" for c in seg.conflicts)
                    out.extend(f"- {_md(r)}" for r in seg.reasons)
                    out.extend(f"- set aside `{i}`: {_md(r)}" for i, r in seg.set_aside)
        return "\n".join(out) + "\n"

    def explain(self, quantity: str) -> str:
        """The full justification tree of every bound of ``quantity``, segment by segment."""
        lines = [f"{quantity}"]
        for seg in self[quantity]:
            shown = "no interval" if seg.interval is None else str(seg.interval)
            lines.append(f"  {seg.period}: {seg.status} {shown}")
            for bound in (seg.lower, seg.upper):
                if bound is not None:
                    lines.extend("    " + line for line in bound.tree())
            for ids, bound in seg.conditional:
                lines.append(f"    if {', '.join(ids)} held:")
                lines.extend("      " + line for line in bound.tree())
            for ident, why in seg.set_aside:
                lines.append(f"    set aside {ident}: {why}")
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{r['quantity']}</td><td>{r['start'] or ''}</td><td>{r['end'] or ''}</td>"
            f"<td>{r['status']}</td><td>{_html(r['interval'] or '-')}</td></tr>"
            for r in self.to_rows()
        )
        return (
            f"<table><caption>policy {_html(self.policy)}</caption><tr><th>quantity</th><th>start</th>"
            f"<th>end</th><th>status</th><th>interval</th></tr>{rows}</table>"
        )


def _quantity_json(q: QuantityReport) -> dict[str, Any]:
    return {"kind": q.kind, "unit": q.unit, "segments": [s.to_json() for s in q.segments]}


def write_json(
    policy: str, at: dt.date | None, quantities: Iterable[QuantityReport], out: TextIO
) -> bool:
    """Write a report as JSON, one quantity at a time; returns whether any conflict was seen.

    The bytes equal ``Report.dumps()``: keys sorted, two-space indents, so a stream of
    quantity reports (see :func:`claimrec.reconcile.iter_reconcile`) never has to be
    held whole in memory. Quantities must come in name order.
    """
    out.write("{\n")
    out.write(f'  "at": {json.dumps(None if at is None else at.isoformat())},\n')
    out.write(f'  "policy": {json.dumps(policy, ensure_ascii=False)},\n')
    out.write('  "quantities": {')
    conflict = False
    first = True
    for q in quantities:
        conflict = conflict or any(s.status == "conflict" for s in q.segments)
        # The text of each range is made once per quantity (not kept across quantities,
        # so memory stays that of one quantity's report).
        body = _quantity_text(q, {})
        out.write(("\n" if first else ",\n") + f"    {json.dumps(q.name, ensure_ascii=False)}: ")
        out.write(body.replace("\n", "\n    "))
        first = False
    out.write("}\n}\n" if first else "\n  }\n}\n")
    return conflict


# In a quantity's JSON text (before write_json indents it into the report), a segment
# sits in the "segments" list and its keys three levels in: six spaces.
_SEGMENT_PAD: Final = "      "


def _quantity_text(q: QuantityReport, ranges: dict[Range, str]) -> str:
    """``_dump(_quantity_json(q), "")``, written straight from the segments (a property
    test checks they agree). ``ranges`` keeps the text of each range met so far."""
    if q.segments:
        texts = ",\n".join(["    " + _segment_text(seg, ranges) for seg in q.segments])
        segments = f"[\n{texts}\n  ]"
    else:
        segments = "[]"
    return (
        f'{{\n  "kind": {_string(q.kind)},\n  "segments": {segments},\n'
        f'  "unit": {_dump(q.unit, "  ")}\n}}'
    )


def _strings(values: Iterable[str], pad: str) -> str:
    inner = ",\n".join([f"{pad}  {_string(v)}" for v in values])
    return f"[\n{inner}\n{pad}]" if inner else "[]"


def _range_text(value: Range | None, ranges: dict[Range, str]) -> str:
    if value is None:
        return "null"
    found = ranges.get(value)
    if found is None:
        found = ranges[value] = _dump(value.to_json(), _SEGMENT_PAD)
    return found


def _segment_text(seg: Segment, ranges: dict[Range, str]) -> str:
    """One segment's JSON object, indented as it sits in its quantity's JSON text."""
    pad = _SEGMENT_PAD
    if seg.conflicts:
        conflicts = ",\n".join([pad + "  " + _strings(c, pad + "  ") for c in seg.conflicts])
        conflicts = f"[\n{conflicts}\n{pad}]"
    else:
        conflicts = "[]"
    if seg.set_aside:
        aside = ",\n".join(
            [f"{pad}  {_string(k)}: {_string(v)}" for k, v in sorted(dict(seg.set_aside).items())]
        )
        aside = f"{{\n{aside}\n{pad}}}"
    else:
        aside = "{}"
    start = "null" if seg.start is None else f'"{seg.start.isoformat()}"'
    end = "null" if seg.end is None else f'"{seg.end.isoformat()}"'
    return (
        f'{{\n{pad}"conflicts": {conflicts},\n'
        f'{pad}"end": {end},\n'
        f'{pad}"envelope": {_range_text(seg.envelope, ranges)},\n'
        f'{pad}"interval": {_range_text(seg.interval, ranges)},\n'
        f'{pad}"reasons": {_strings(seg.reasons, pad)},\n'
        f'{pad}"set_aside": {aside},\n'
        f'{pad}"start": {start},\n'
        f'{pad}"status": {_string(seg.status)},\n'
        f'{pad}"supporting": {_strings(seg.supporting, pad)}\n'
        "    }"
    )


def _dump(value: Any, pad: str) -> str:
    """``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``, indented by
    ``pad``, for a report's plain data (dicts with string keys, lists, strings, ints,
    ``None``, booleans): the same text, about twice as fast (with an indent, the json
    module encodes in Python, one generator step per token)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict:
        if not value:
            return "{}"
        inner = pad + "  "
        body = ",\n".join([f"{inner}{_string(k)}: {_dump(value[k], inner)}" for k in sorted(value)])
        return f"{{\n{body}\n{pad}}}"
    if kind is list:
        if not value:
            return "[]"
        inner = pad + "  "
        body = ",\n".join([inner + _dump(item, inner) for item in value])
        return f"[\n{body}\n{pad}]"
    if value is None:
        return "null"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
