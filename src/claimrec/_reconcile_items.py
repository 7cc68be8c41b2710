"""A claim's contribution to one quantity in one stretch of time, and the reason texts
made from claims alone (private to :mod:`claimrec.reconcile`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from claimrec._sweep import lower_key, upper_key
from claimrec.claims import Claim, Quantity
from claimrec.ranges import Range
from claimrec.reasons import Bound


class _Item:
    """One claim's contribution to one quantity in one segment."""

    __slots__ = (
        "_carried_text",
        "_text",
        "carried",
        "claim",
        "hi",
        "hi_key",
        "id",
        "lo",
        "lo_key",
        "plausible",
        "range",
    )

    def __init__(self, claim: Claim, rng: Range, carried: bool) -> None:
        self.claim = claim
        self.id = claim.id
        self.range = rng
        self.carried = carried
        self.lo = (rng.lower, rng.lower_closed)
        self.hi = (rng.upper, rng.upper_closed)
        # Sort keys of the ends; the component replaces them by their ranks.
        self.lo_key: Any = lower_key(rng.lower, rng.lower_closed)
        self.hi_key: Any = upper_key(rng.upper, rng.upper_closed)
        self._text: str | None = None
        self._carried_text: str | None = None
        reading = claim.reading
        self.plausible = not carried and reading is not None and reading.plausible is not None

    @property
    def text(self) -> str:
        """``budanov [7,500, 8,500] ('about 8,000')``, made once."""
        if self._text is None:
            self._text = f"{self.claim.id} {self.range} ({_note(self.claim)})"
        return self._text

    def carried_text(self, quantity: str) -> str:
        """Why a carried contribution applies, made once."""
        if self._carried_text is None:
            self._carried_text = (
                f"{self.claim.id} ({_note(self.claim)}, {self.claim.period}) carried over time "
                f"as {self.range}: {quantity} is cumulative"
            )
        return self._carried_text


def _note(claim: Claim) -> str:
    return repr(claim.phrase) if claim.phrase else f"{claim.value}"


def _reading_detail(claim: Claim) -> str:
    """How the claim's phrase was read: ``read as 8,000 +/- 500, rule 'about'``."""
    if claim.reading is None:
        return ""
    explained = claim.reading.explain().removeprefix(f"{claim.reading.phrase!r} ")
    read_as = explained.split(" (rule ", 1)[0].split("; plausibly", 1)[0]
    return f"{read_as}, rule {claim.reading.rule!r}"


def _plausible_reason(interval: Range, items: Sequence[_Item]) -> str | None:
    """A best estimate from the plausible readings, when they agree with the interval."""
    readings = [
        (it.claim, it.claim.reading.plausible)
        for it in items
        if it.plausible
        and it.claim.reading is not None
        and it.claim.reading.plausible is not None
        and it.claim.reading.plausible.kind == interval.kind
    ]
    if not readings:
        return None
    best = interval
    for _, plausible in readings:
        best = best & plausible
    used = "; ".join(
        f"{c.id} {c.phrase!r} plausibly {p}" for c, p in sorted(readings, key=lambda r: r[0].id)
    )
    if best.is_empty:
        return f"plausible readings do not agree ({used}); the best estimate stays the interval"
    if best == interval:
        return None
    return f"best estimate {best}, narrowed by plausible readings: {used}"


def _lo_key(item: _Item) -> Any:
    return item.lo_key


def _hi_key(item: _Item) -> Any:
    return item.hi_key


def _are(ids: Sequence[str]) -> str:
    return "is" if len(ids) == 1 else "are"


def _carried(bound: Bound, start: dt.date | None, end: dt.date | None) -> Bound:
    """``bound``, derived in ``[start, end)``, as it holds later for a cumulative quantity."""
    if bound.via == "carried" and not bound.claims:
        return bound
    when = f"{'' if start is None else start} .. {'' if end is None else end}".strip()
    return Bound(
        bound.quantity,
        bound.side,
        bound.value,
        bound.closed,
        "carried",
        note=f"the bound derived for {when}",
        premises=(bound,),
        label=bound.label,
    )


class _Ranges:
    """Ranges made once: the same ends recur from segment to segment."""

    def __init__(self) -> None:
        self._made: dict[tuple[object, ...], Range] = {}

    def __call__(
        self,
        quantity: Quantity,
        lo: Any,
        lo_closed: bool,
        hi: Any,
        hi_closed: bool,
        *,
        normal: bool = False,
    ) -> Range:
        """The range of ``quantity`` with these ends. With ``normal`` the ends are taken
        from claims of the quantity (or its kind's own bounds) and make a non-empty
        range: they are in normal form already and are not checked again."""
        key = (quantity.name, lo, lo_closed, hi, hi_closed)
        found = self._made.get(key)
        if found is None:
            make = Range._from_normal_ends if normal else Range
            found = self._made[key] = make(
                quantity.kind, lo, hi, lo_closed, hi_closed, quantity.unit
            )
        return found
