"""The lean path: a quantity that no constraint or "share of" claim links to another
(private to :mod:`claimrec.reconcile`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from claimrec._reconcile_component import _Component, _merged
from claimrec._reconcile_items import _Item, _plausible_reason
from claimrec.report import Segment


class _Alone(_Component):
    """One quantity on its own: one pass per slice of time finds the interval's ends and
    the envelope, and no propagation machinery is built."""

    def run(self, day: dt.date | None) -> dict[str, list[Segment]]:
        """The segments of a quantity no constraint or "share of" claim links to another.

        The same answers as the general path (a property test compares them), without
        its machinery for propagation.
        """
        name = self.names[0]
        natural = self.slices(None)
        if day is None:
            wanted = list(zip(natural, self._index(natural), strict=True))
        else:
            start, end = self.slices(day)[0]
            wanted = [((start, end), self._contributions(start, end)[0][name])]
        found = ([self._segment(name, start, end, items)] for (start, end), items in wanted)
        return _merged(self.names, found)

    def _index(
        self, slices: Sequence[tuple[dt.date | None, dt.date | None]]
    ) -> list[list[_Item]]:
        """Each natural slice's items, as :meth:`_Linked._index_slices` finds them, for one
        quantity: the claim's own range where its period covers the slice, and for a
        cumulative quantity its lower end after it and its upper end before it."""
        first = {start: k for k, (start, _) in enumerate(slices)}
        last = {end: k for k, (_, end) in enumerate(slices)}
        table: list[list[_Item]] = [[] for _ in slices]
        cumulative = self.quantities[self.names[0]].cumulative
        for claim in self.claims:
            p = claim.period
            k0, k1 = first[p.start], last[p.end]
            item = self._item(claim, "direct")
            for k in range(k0, k1 + 1):
                table[k].append(item)
            if cumulative:
                forward, backward = self._carried_items(claim)
                if forward is not None:
                    for k in range(k1 + 1, len(slices)):
                        table[k].append(forward)
                if backward is not None:
                    for k in range(k0):
                        table[k].append(backward)
        return table

    def _segment(
        self, name: str, start: dt.date | None, end: dt.date | None, items: list[_Item]
    ) -> Segment:
        if not items:
            return Segment(name, start, end, "unknown", None, None)
        quantity = self.quantities[name]
        # One pass for the envelope's ends (the first item at a tie, as min and max
        # pick), the intersection's ends and the items that set them. Keys are ranks
        # (:meth:`_rank_items`), ints from 0.
        low = high = items[0]
        low_key, high_key = low.lo_key, low.hi_key
        lo_max, hi_min = -1, len(self._items) * 2
        lows: list[_Item] = []
        highs: list[_Item] = []
        for it in items:
            lo_key, hi_key = it.lo_key, it.hi_key
            if lo_key > lo_max:
                lo_max = lo_key
                lows = [it]
            elif lo_key == lo_max:
                lows.append(it)
            if hi_key < hi_min:
                hi_min = hi_key
                highs = [it]
            elif hi_key == hi_min:
                highs.append(it)
            if lo_key < low_key:
                low, low_key = it, lo_key
            if hi_key > high_key:
                high, high_key = it, hi_key
        envelope = self._range(quantity, *low.lo, *high.hi, normal=True)
        initial = self._initial[name]
        settled = None
        if lo_max <= hi_min:
            accepted = items
            lines = []
            lower = self._stated(name, "lower", lows, initial[0])
            upper = self._stated(name, "upper", highs, initial[1])
        else:
            settled = self.sides.conflict(self.quantities[name], items)
            accepted = settled.accepted
            lines = self.sides.lines(settled)
            lower, upper = self._bounds_of(name, accepted, hull=settled.choice.envelope)
        interval = None
        if accepted:
            interval = self._range(
                quantity, lower.value, lower.closed, upper.value, upper.closed, normal=True
            )
            if lower.via != "kind":
                lines.append(self._sentence(lower))
            if upper.via != "kind":
                lines.append(self._sentence(upper))
            if settled is None and self._plausible and any(it.plausible for it in accepted):
                plausible = _plausible_reason(interval, accepted)
                if plausible is not None:
                    lines.append(plausible)
        if quantity.cumulative:
            setters = (*lower.claims, *upper.claims)
            lines += [
                it.carried_text(name) for it in accepted if it.carried and it.id not in setters
            ]
        kept = interval is not None
        # Items come in claim id order, so their ids are sorted already.
        return Segment(
            name,
            start,
            end,
            "consistent" if settled is None else "conflict",
            interval,
            envelope,
            tuple([it.id for it in accepted]),
            () if settled is None else tuple(settled.set_aside.items()),
            () if settled is None else tuple(settled.conflicts),
            tuple(lines),
            lower if kept and lower.via != "kind" else None,
            upper if kept and upper.via != "kind" else None,
        )
