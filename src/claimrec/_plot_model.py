"""What a chart of :mod:`claimrec.plot` shows, in exact numbers: marks, notes, panels, rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from claimrec.claims import Claim, ClaimSet
from claimrec.errors import ValidationError
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.spans import Span

if TYPE_CHECKING:
    from claimrec.report import Report, Segment


@attrs.frozen
class _Mark:
    """A claim's value over some days: its own range, or a share resolved to a range."""

    claim: Claim
    start: dt.date | None
    end: dt.date | None
    value: Range

    @property
    def resolved(self) -> bool:
        """True for a share claim drawn as the range it gives against its base."""
        return isinstance(self.claim.value, FractionOf)


@attrs.frozen
class _Note:
    """A share claim that its base gives no bound, and why."""

    claim: Claim
    start: dt.date | None
    end: dt.date | None
    why: str


@attrs.frozen
class _Panel:
    """What one quantity's timeline panel shows, in exact numbers."""

    name: str
    description: str
    kind: Kind
    unit: str | None
    marks: tuple[_Mark, ...]
    notes: tuple[_Note, ...]
    segments: tuple[Segment, ...]


def _names(claimset: ClaimSet, report: Report, chosen: Iterable[str] | None) -> list[str]:
    if chosen is not None:
        names = [claimset.quantity(name).name for name in chosen]
    else:
        about = {c.quantity for c in claimset.claims}
        names = [q.name for q in claimset.quantities if q.name in about or q.name in report]
    if not names:
        raise ValidationError("quantities: nothing to draw; no quantity has claims or segments")
    return names


def _panel(claimset: ClaimSet, report: Report, name: str) -> _Panel:
    quantity = claimset.quantity(name)
    marks: list[_Mark] = []
    notes: list[_Note] = []
    for claim in claimset.claims_about(name):
        value = claim.value
        if isinstance(value, Range):
            marks.append(_Mark(claim, claim.period.start, claim.period.end, value))
            continue
        pieces, why = _share_pieces(claim, value, report, quantity.unbounded())
        marks.extend(pieces)
        if not pieces:
            notes.append(_Note(claim, claim.period.start, claim.period.end, why))
    return _Panel(
        name,
        quantity.description,
        quantity.kind,
        quantity.unit,
        tuple(marks),
        tuple(notes),
        report.get(name, ()),
    )


def _share_pieces(
    claim: Claim, value: FractionOf, report: Report, nothing: Range
) -> tuple[list[_Mark], str]:
    """The share resolved against each base segment its period meets, where that bounds it.

    Also says why the last piece that gave no bound gave none.
    """
    pieces: list[_Mark] = []
    why = f"{value.base} has no reconciled interval over its period"
    for seg in report.get(value.base, ()):
        days = claim.period & Span(seg.start, seg.end)
        if days is None:
            continue
        if seg.interval is None:
            why = f"{value.base} has no reconciled interval here"
            continue
        resolved = value.resolve(seg.interval)
        if resolved == nothing:
            why = f"{value.base} is {seg.interval} here"
            continue
        last = pieces[-1] if pieces else None
        if last is not None and last.end == days.start and last.value == resolved:
            pieces[-1] = attrs.evolve(last, end=days.end)
        else:
            pieces.append(_Mark(claim, days.start, days.end, resolved))
    return pieces, why


def _forest_rows(
    claimset: ClaimSet, report: Report, name: str, day: dt.date
) -> tuple[Segment | None, list[tuple[_Mark | _Note, str]]]:
    seg = report.segment(name, day) if name in report else None
    supporting = set() if seg is None else set(seg.supporting)
    set_aside = set() if seg is None else {i for i, _ in seg.set_aside}
    nothing = claimset.quantity(name).unbounded()
    rows: list[tuple[_Mark | _Note, str]] = []
    for claim in claimset.claims_about(name):
        covers = claim.period.contains(day)
        if not covers and claim.id not in supporting | set_aside:
            continue
        flags = [] if covers else ["carried over"]
        if claim.evidence == "absence_of_evidence":
            flags.append("absence of evidence")
        if claim.id in set_aside:
            flags.append("set aside")
        value = claim.value
        if isinstance(value, Range):
            rows.append((_Mark(claim, None, None, value), ", ".join(flags)))
            continue
        pieces, why = _share_pieces(claim, value, report, nothing)
        here = [p for p in pieces if Span(p.start, p.end).contains(day)]
        if here:
            flags.append(f"{value.share} of {value.base} = {here[0].value}")
            rows.append((attrs.evolve(here[0], start=None, end=None), ", ".join(flags)))
        else:
            rows.append((_Note(claim, None, None, why), ", ".join(flags)))
    return seg, rows


def _phrase(claim: Claim) -> str:
    """The phrase quoted, else the value (a share's own range, as the base follows)."""
    if claim.phrase:
        return f"“{claim.phrase}”"
    value = claim.value
    return str(value.share if isinstance(value, FractionOf) else value)
