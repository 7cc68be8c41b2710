"""What the two ways of reconciling a group of quantities share: its claims' contributions
over time, ranges, bounds and their sentences (private to :mod:`claimrec.reconcile`)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

import attrs

from claimrec._reconcile_conflicts import _Conflicts
from claimrec._reconcile_items import _Item, _note, _Ranges, _reading_detail
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity
from claimrec.constraints import initial_domains, relations_of
from claimrec.policies import Policy, Weights
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.reasons import Bound
from claimrec.report import Segment


class _Component:
    """One group of linked quantities (or one quantity alone), with what it has made so
    far: contributions, ranges, bounds and sentences are each made once."""

    def __init__(
        self,
        claimset: ClaimSet,
        names: list[str],
        claims: list[Claim],
        constraints: list[Constraint],
        policy: Policy,
        weights: Weights,
    ) -> None:
        self.claimset = claimset
        self.names = names
        self.policy = policy
        self.weights = weights
        self.quantities: dict[str, Quantity] = {n: claimset.quantities_by_name[n] for n in names}
        self.kinds: dict[str, Kind] = {n: q.kind for n, q in self.quantities.items()}
        self.claims = sorted(claims, key=lambda c: c.id)
        self.constraints = sorted(constraints, key=lambda k: k.id)
        self.constraint_relations = {k.id: relations_of(k) for k in self.constraints}
        self.constraint_quantities = {k.id: k.quantities for k in self.constraints}
        self._items: dict[tuple[str, str], _Item] = {}
        # Shared, and holding no reference back to the component: a cycle would keep
        # every finished component alive until the cyclic collector ran.
        self._range = _Ranges()
        self.sides = _Conflicts(claimset, policy, weights, self._range)
        self._initial = initial_domains(self.kinds)
        self._ends = {
            n: ((lo.value, lo.closed), (hi.value, hi.closed))
            for n, (lo, hi) in self._initial.items()
        }
        self._by_slice: dict[
            tuple[dt.date | None, dt.date | None],
            tuple[dict[str, list[_Item]], dict[str, list[Claim]]],
        ] = {}
        self._notes: dict[str, str] = {}
        self._saids: dict[str, str] = {}
        self._bounds: dict[tuple[object, ...], Bound] = {}
        self._sentences: dict[Bound, str] = {}
        # Whether any claim has a plausible (narrower) reading to tighten an estimate.
        self._plausible = any(
            c.reading is not None and c.reading.plausible is not None for c in self.claims
        )
        self._rank_items()

    def _note(self, claim: Claim) -> str:
        found = self._notes.get(claim.id)
        if found is None:
            found = self._notes[claim.id] = _note(claim)
        return found

    def _said(self, claim: Claim) -> str:
        """``budanov said 'about 8,000'``, made once."""
        found = self._saids.get(claim.id)
        if found is None:
            found = self._saids[claim.id] = f"{claim.id} said {self._note(claim)}"
        return found

    def _sentence(self, bound: Bound) -> str:
        # Bounds compare by identity (eq=False), so each one is its own key.
        found = self._sentences.get(bound)
        if found is None:
            found = self._sentences[bound] = bound.sentence()
        return found

    # -- time ----------------------------------------------------------------

    def slices(self, day: dt.date | None) -> list[tuple[dt.date | None, dt.date | None]]:
        if day is not None:
            return [(day, day + dt.timedelta(days=1))]
        cuts = sorted(
            {d for c in self.claims for d in (c.period.start, c.period.end) if d is not None}
        )
        if not cuts:
            return [(None, None)]
        bounds: list[dt.date | None] = [None, *cuts, None]
        return list(itertools.pairwise(bounds))

    def _rank_items(self) -> None:
        """Make every claim's contributions, and replace each end's sort key by its rank
        among the ends of the quantity's contributions.

        Contributions are compared only with others of their quantity, so the ranks
        order them exactly as the keys do; and comparing ints is much cheaper than
        comparing key tuples, which the sweeps of every segment do many times.
        """
        by_quantity: dict[str, list[_Item]] = {}
        for claim in self.claims:
            if isinstance(claim.value, FractionOf):
                continue
            found = by_quantity.setdefault(claim.quantity, [])
            found.append(self._item(claim, "direct"))
            found.extend(it for it in self._carried_items(claim) if it is not None)
        for found in by_quantity.values():
            keys = {it.lo_key for it in found} | {it.hi_key for it in found}
            rank = {key: r for r, key in enumerate(sorted(keys))}
            for it in found:
                it.lo_key = rank[it.lo_key]
                it.hi_key = rank[it.hi_key]

    # -- contributions -----------------------------------------------------------

    def _item(self, claim: Claim, how: str) -> _Item:
        """The claim's contribution, ``direct`` or carried ``forward``/``backward`` in time."""
        key = (claim.id, how)
        item = self._items.get(key)
        if item is None:
            value = claim.value
            assert isinstance(value, Range)
            if how == "forward":
                value = Range(value.kind, value.lower, None, value.lower_closed, False, value.unit)
            elif how == "backward":
                value = Range(value.kind, None, value.upper, False, value.upper_closed, value.unit)
            item = self._items[key] = _Item(claim, value, how != "direct")
        return item

    def _contributions(
        self, start: dt.date | None, end: dt.date | None
    ) -> tuple[dict[str, list[_Item]], dict[str, list[Claim]]]:
        """What each claim says about ``[start, end)``: directly, or carried over time."""
        found = self._by_slice.get((start, end))
        if found is not None:
            return found
        items: dict[str, list[_Item]] = {n: [] for n in self.names}
        shares: dict[str, list[Claim]] = {n: [] for n in self.names}
        for claim in self.claims:
            p = claim.period
            before = p.end is not None and start is not None and p.end <= start
            after = p.start is not None and end is not None and p.start >= end
            if not before and not after:
                self._add_direct(claim, items, shares)
            else:
                self._add_carried(claim, items, forward=before)
        return items, shares

    def _add_direct(
        self, claim: Claim, items: dict[str, list[_Item]], shares: dict[str, list[Claim]]
    ) -> None:
        if isinstance(claim.value, FractionOf):
            shares[claim.quantity].append(claim)
        else:
            items[claim.quantity].append(self._item(claim, "direct"))

    def _add_carried(self, claim: Claim, items: dict[str, list[_Item]], *, forward: bool) -> None:
        """A cumulative quantity's claim, at a later (``forward``) or earlier time."""
        found = self._carried_items(claim)[0 if forward else 1]
        if found is not None:
            items[claim.quantity].append(found)

    def _carried_items(self, claim: Claim) -> tuple[_Item | None, _Item | None]:
        """What a claim of a cumulative quantity says at later and at earlier times: its
        lower end and its upper end, each ``None`` when it says nothing there."""
        value = claim.value
        if not self.quantities[claim.quantity].cumulative or isinstance(value, FractionOf):
            return None, None
        floor, ceiling = self._ends[claim.quantity]
        forward = backward = None
        if (value.lower, value.lower_closed) != floor:
            forward = self._item(claim, "forward")
        if (value.upper, value.upper_closed) != ceiling:
            backward = self._item(claim, "backward")
        return forward, backward

    # -- bounds ------------------------------------------------------------------

    def _bounds_of(self, name: str, accepted: list[_Item], hull: bool) -> tuple[Bound, Bound]:
        """The bounds ``accepted`` state: their intersection, or with ``hull`` their hull
        (each end then set by one claim, the first in id order)."""
        initial = self._initial[name]
        if not accepted:
            return initial[0], initial[1]
        if hull:
            lows = [min(accepted, key=lambda it: (it.lo_key, it.id))]
            highs = [max(accepted, key=lambda it: (it.hi_key, it.id))]
        else:
            lo_key = max(it.lo_key for it in accepted)
            hi_key = min(it.hi_key for it in accepted)
            lows = [it for it in accepted if it.lo_key == lo_key]
            highs = [it for it in accepted if it.hi_key == hi_key]
        return (
            self._stated(name, "lower", lows, initial[0]),
            self._stated(name, "upper", highs, initial[1]),
        )

    def _stated(self, name: str, side: str, setters: list[_Item], default: Bound) -> Bound:
        value, closed = setters[0].lo if side == "lower" else setters[0].hi
        if value is None or (value == default.value and closed == default.closed):
            return default
        key = (side, id(setters[0])) if len(setters) == 1 else (side, *map(id, setters))
        cached = self._bounds.get(key)
        if cached is not None:
            return cached
        # Setters come in claim id order, one item per claim.
        ids = tuple([it.id for it in setters])
        detail = ""
        if len(ids) == 1:
            carried = setters[0].carried
            notes = self._note(setters[0].claim)
            detail = _reading_detail(setters[0].claim)
        else:
            carried = all(it.carried for it in setters)
            notes = " and ".join([self._said(it.claim) for it in setters])
        bound = Bound.stated(
            name,
            side,  # type: ignore[arg-type]
            value,
            closed,
            ids,
            notes,
            carried=carried,
            detail=detail,
        )
        self._bounds[key] = bound
        return bound


def _merged(names: Sequence[str], slices: Iterable[list[Segment]]) -> dict[str, list[Segment]]:
    """Each quantity's segments over the slices in time order, neighbours that say the
    same joined into one, with nothing-saying ends dropped."""
    per_quantity: dict[str, list[Segment]] = {n: [] for n in names}
    for segments in slices:
        for seg in segments:
            merged = per_quantity[seg.quantity]
            if merged and merged[-1].end == seg.start and merged[-1].same_content(seg):
                merged[-1] = attrs.evolve(merged[-1], end=seg.end)
            else:
                merged.append(seg)
    for merged in per_quantity.values():
        _trim(merged)
    return per_quantity


def _trim(segments: list[Segment]) -> None:
    """Drop the leading and trailing segments that say nothing (unknown, no reasons)."""
    while len(segments) > 1 and segments[0].status == "unknown" and not segments[0].reasons:
        segments.pop(0)
    while len(segments) > 1 and segments[-1].status == "unknown" and not segments[-1].reasons:
        segments.pop()
