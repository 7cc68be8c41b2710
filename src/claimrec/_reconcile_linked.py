"""The general path: linked quantities, settled slice by slice and then propagated
through constraints, "share of" claims and time (private to :mod:`claimrec.reconcile`)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Mapping, Sequence

from claimrec._reconcile_component import _Component, _merged
from claimrec._reconcile_conflicts import _set_aside_by
from claimrec._reconcile_items import _are, _carried, _Item, _plausible_reason
from claimrec._sweep import sweep
from claimrec.claims import Claim
from claimrec.constraints import Domain, Relation, minimal_conflict, propagate, share_relation
from claimrec.policies import Option
from claimrec.ranges import Range
from claimrec.reasons import Bound
from claimrec.report import Segment, Status


class _Linked(_Component):
    """Linked quantities: each slice of time settled per quantity, then propagated."""

    # Claims in conflict with another claim of their quantity in some segment.
    disputed_anywhere: frozenset[str] = frozenset()

    def run(self, day: dt.date | None) -> dict[str, list[Segment]]:
        """The segments of linked quantities: each slice settled, then propagated.

        A derived bound of a cumulative quantity holds beyond its slice: a lower bound at
        every later time, an upper bound at every earlier time. A pass forward over the
        slices carries the lower bounds; when it derives an upper bound of a cumulative
        quantity, a pass backward (knowing the lower bounds of the first) carries those
        to earlier slices, and a second pass forward solves the slices with both.
        """
        natural = self.slices(None)
        self._index_slices(natural)
        self.disputed_anywhere = self._disputed(natural)
        none: list[dict[str, Bound]] = [{} for _ in natural]
        if not any(q.cumulative for q in self.quantities.values()):
            slices = natural if day is None else self.slices(day)
            return _merged(self.names, [self._solve(a, b, {}, {})[0] for a, b in slices])
        if day is None:
            segments, lows, derived_up = self._forward(natural, none, len(natural))
            if derived_up and len(natural) > 1:
                segments = self._forward(natural, self._backward(natural, lows), len(natural))[0]
            return _merged(self.names, segments)
        # The day's answer needs the bounds derived before it and after it.
        k = next(k for k, (_, end) in enumerate(natural) if end is None or day < end)
        _, lows, derived_up = self._forward(natural, none, len(natural))
        ups = self._backward(natural, lows) if derived_up and len(natural) > 1 else none
        carry = self._forward(natural, ups, k + 1)[1][k]
        start, end = self.slices(day)[0]
        return _merged(self.names, [self._solve(start, end, carry, ups[k])[0]])

    def _forward(
        self,
        slices: Sequence[tuple[dt.date | None, dt.date | None]],
        ups: Sequence[Mapping[str, Bound]],
        count: int,
    ) -> tuple[list[list[Segment]], list[dict[str, Bound]], bool]:
        """Solve the first ``count`` slices in time order, each with the lower bounds
        carried from before it and its upper bounds ``ups``: their segments, the lower
        bounds each slice got, and whether any slice derived an upper bound to carry back."""
        segments: list[list[Segment]] = []
        lows: list[dict[str, Bound]] = []
        carry: dict[str, Bound] = {}
        derived_up = False
        for k in range(count):
            start, end = slices[k]
            lows.append(carry)
            found, carry, back = self._solve(start, end, carry, ups[k])
            segments.append(found)
            # With no upper bounds carried in, any carried out was derived here.
            derived_up = derived_up or bool(back)
        return segments, lows, derived_up

    def _backward(
        self,
        slices: Sequence[tuple[dt.date | None, dt.date | None]],
        lows: Sequence[Mapping[str, Bound]],
    ) -> list[dict[str, Bound]]:
        """For each slice, the upper bounds carried back to it from the slices after it,
        each solved with the lower bounds ``lows`` of a pass forward."""
        ups: list[dict[str, Bound]] = [{} for _ in slices]
        carry_up: dict[str, Bound] = {}
        for k in range(len(slices) - 1, -1, -1):
            ups[k] = carry_up
            start, end = slices[k]
            carry_up = self._solve(start, end, lows[k], carry_up)[2]
        return ups

    def _disputed(self, slices: Sequence[tuple[dt.date | None, dt.date | None]]) -> frozenset[str]:
        """Claims in conflict with another claim of their quantity in some segment."""
        disputed: set[str] = set()
        for start, end in slices:
            items, _ = self._contributions(start, end)
            for found in items.values():
                for i, j in sweep([(it.lo_key, it.hi_key) for it in found])[1]:
                    disputed.update((found[i].claim.id, found[j].claim.id))
        return frozenset(disputed)

    def _index_slices(self, slices: Sequence[tuple[dt.date | None, dt.date | None]]) -> None:
        """Each natural slice's contributions, made in one pass over the claims.

        Slices are cut at every period boundary, so a period covers a run of them:
        the work is the size of the result rather than slices times claims.
        """
        first = {start: k for k, (start, _) in enumerate(slices)}
        last = {end: k for k, (_, end) in enumerate(slices)}
        table: list[tuple[dict[str, list[_Item]], dict[str, list[Claim]]]] = [
            ({n: [] for n in self.names}, {n: [] for n in self.names}) for _ in slices
        ]
        for claim in self.claims:
            p = claim.period
            k0, k1 = first[p.start], last[p.end]
            for k in range(k0, k1 + 1):
                self._add_direct(claim, *table[k])
            if self.quantities[claim.quantity].cumulative:
                for k in range(k1 + 1, len(slices)):
                    self._add_carried(claim, table[k][0], forward=True)
                for k in range(k0):
                    self._add_carried(claim, table[k][0], forward=False)
        self._by_slice = {bounds: table[k] for k, bounds in enumerate(slices)}

    # -- one segment -----------------------------------------------------------

    def _solve(
        self,
        start: dt.date | None,
        end: dt.date | None,
        carry: Mapping[str, Bound],
        carry_up: Mapping[str, Bound],
    ) -> tuple[list[Segment], dict[str, Bound], dict[str, Bound]]:
        """The segments of one slice of time, given the derived lower bounds carried
        forward to it and the upper bounds carried back to it; and the bounds it carries
        on (lower bounds forward, upper bounds back)."""
        items, shares = self._contributions(start, end)
        state = _SliceState(self.names)
        state.carry_in = dict(carry)
        state.carry_up = dict(carry_up)
        # 1. each quantity on its own
        for name in self.names:
            self._settle_quantity(name, items[name], state)
        # 2. linked quantities
        for name in self.names:
            for claim in shares[name]:
                state.accepted_shares.append(claim)
                state.supporting[name].add(claim.id)
        outcome_domains = self._propagate_with_policy(items, state)
        # 3. what would follow from each side not taken
        self._conditional_bounds(items, state, outcome_domains)
        segments = [
            self._segment(name, start, end, items[name], shares[name], state, outcome_domains)
            for name in self.names
        ]
        carry_out = {}
        carry_back = {}
        for name, quantity in self.quantities.items():
            if not quantity.cumulative or name in state.no_interval:
                continue
            lower, upper = outcome_domains[name]
            if lower.premises:
                carry_out[name] = _carried(lower, start, end)
            if upper.premises:
                carry_back[name] = _carried(upper, start, end)
        return segments, carry_out, carry_back

    def _settle_quantity(self, name: str, items: list[_Item], state: _SliceState) -> None:
        if not items:
            return
        settled = self.sides.settle(self.quantities[name], items)
        if settled is None:
            state.accepted[name] = list(items)
            state.supporting[name].update(it.id for it in items)
            return
        state.disputed.update(i for pair in settled.conflicts for i in pair)
        state.conflicts[name].update(settled.conflicts)
        state.reasons[name].extend(self.sides.lines(settled))
        state.options[name] = (settled.subsets, settled.options)
        if settled.choice.envelope:
            state.envelope_policy.add(name)
            state.envelope_claims.update(it.id for it in items)
        elif settled.choice.index is None:
            state.no_interval.add(name)
        if settled.accepted:
            state.accepted[name] = settled.accepted
            state.supporting[name].update(it.id for it in settled.accepted)
        for ident, why in settled.set_aside.items():
            state.set_aside[name].setdefault(ident, why)

    # -- propagation -------------------------------------------------------------

    def _domains(
        self,
        items: Mapping[str, Iterable[_Item]],
        state: _SliceState,
        subset: frozenset[str] | None = None,
        hull: Collection[str] | None = None,
    ) -> dict[str, Domain]:
        """Each quantity's stated bounds, with bounds carried from earlier slices.

        A carried bound counts only while every claim it rests on is accepted (and,
        inside a ``subset`` trial, only when all it rests on is in the subset). The
        quantities in ``hull`` (by default those the envelope policy answers) take the
        hull of their claims rather than the intersection.
        """
        hull = state.envelope_policy if hull is None else hull
        domains = {name: list(bounds) for name, bounds in self._initial.items()}
        excluded = state.dropped | {i for aside in state.set_aside.values() for i in aside}
        for slot, carried in ((0, state.carry_in), (1, state.carry_up)):
            for name, bound in carried.items():
                if bound.label & excluded:
                    continue
                if subset is not None and not (bound.label | bound.constraints()) <= subset:
                    continue
                domains[name][slot] = bound
        for name in self.names:
            accepted = list(items[name])
            if not accepted:
                continue
            for slot, stated in enumerate(self._bounds_of(name, accepted, name in hull)):
                if stated.tighter_than(domains[name][slot]) or domains[name][slot].via == "kind":
                    domains[name][slot] = stated
        return domains

    def _relations(
        self, share_claims: Iterable[Claim], constraint_ids: Iterable[str]
    ) -> list[Relation]:
        relations: list[Relation] = []
        for ident in constraint_ids:
            relations.extend(self.constraint_relations[ident])
        relations.extend(share_relation(c) for c in share_claims)
        return relations

    def _propagate_with_policy(
        self, items: Mapping[str, list[_Item]], state: _SliceState
    ) -> dict[str, Domain]:
        all_constraints = [k.id for k in self.constraints]
        while True:
            accepted = {
                n: [it for it in state.accepted.get(n, []) if it.id not in state.dropped]
                for n in self.names
            }
            shares = [c for c in state.accepted_shares if c.id not in state.dropped]
            domains = self._domains(accepted, state)
            relations = self._relations(shares, all_constraints)
            if not relations and not state.carry_in and not state.carry_up:
                return domains
            # Even with no relation here, a bound carried from an earlier time can
            # contradict this slice's claims; propagate checks the domains first.
            outcome = propagate(domains, relations, self.kinds)
            if outcome.capped:
                state.capped = True
            if outcome.contradiction is None:
                return outcome.domains
            nogood = minimal_conflict(
                outcome.nogood,
                functools.partial(self._consistent, accepted=accepted, shares=shares, state=state),
            )
            self._resolve_nogood(nogood, state)

    def _consistent(
        self,
        subset: frozenset[str],
        accepted: Mapping[str, list[_Item]],
        shares: list[Claim],
        state: _SliceState,
    ) -> bool:
        items = {n: [it for it in accepted[n] if it.id in subset] for n in self.names}
        domains = self._domains(items, state, subset)
        relations = self._relations(
            [c for c in shares if c.id in subset],
            [k.id for k in self.constraints if k.id in subset],
        )
        return propagate(domains, relations, self.kinds).contradiction is None

    def _resolve_nogood(self, nogood: frozenset[str], state: _SliceState) -> None:
        claim_ids = sorted(i for i in nogood if i in self.claimset.claims_by_id)
        constraint_ids = sorted(i for i in nogood if i not in self.claimset.claims_by_id)
        involved = {self.claimset.claims_by_id[i].quantity for i in claim_ids}
        for k in constraint_ids:
            involved.update(self.constraint_quantities[k])
        conflict = tuple(sorted(nogood))
        through = ", ".join(constraint_ids) or "no constraint"
        text = (
            f"conflict across quantities: {', '.join(claim_ids) or 'the constraints alone'} "
            f"cannot all hold with {through}"
        )
        claims = [self.claimset.claims_by_id[i] for i in claim_ids]
        state.disputed.update(claim_ids)
        # Homogeneous constraints hold when every quantity is 0, which every kind
        # allows, so a contradiction always involves at least one claim.
        assert claims, nogood
        options = [
            Option(tuple(self.sides.member(c) for c in claims if c.id != drop.id)) for drop in claims
        ]
        choice = self.policy.choose(options)
        dropped = claim_ids if choice.index is None else [claims[choice.index].id]
        reason = _set_aside_by(self.policy, choice)
        if len(claims) == 1:
            # No other side exists: the claim alone cannot hold with the constraints.
            reason = f"it cannot hold with {through}"
        for name in sorted(involved):
            state.conflicts[name].add(conflict)
            state.reasons[name].append(text)
            if len(claims) > 1:
                state.reasons[name].append(choice.reason)
            if choice.index is None:
                state.no_interval.add(name)
        for ident in dropped:
            claim = self.claimset.claims_by_id[ident]
            state.dropped.add(ident)
            state.set_aside[claim.quantity][ident] = (
                f"conflicts across quantities with "
                f"{', '.join(i for i in conflict if i != ident)}; {reason}"
            )
            state.supporting[claim.quantity].discard(ident)

    def _conditional_bounds(
        self, items: Mapping[str, list[_Item]], state: _SliceState, final: dict[str, Domain]
    ) -> None:
        if not self.constraints and not state.accepted_shares:
            return
        shares = [c for c in state.accepted_shares if c.id not in state.dropped]
        relations = self._relations(shares, [k.id for k in self.constraints])
        kept = {
            n: [it for it in state.accepted.get(n, []) if it.id not in state.dropped]
            for n in self.names
        }
        for name, (subsets, options) in sorted(state.options.items()):
            chosen = {it.id for it in state.accepted.get(name, [])}
            for subset, option in zip(subsets, options, strict=True):
                ids = option.ids
                if set(ids) == chosen:
                    continue
                trial = dict(kept)
                trial[name] = [
                    items[name][i] for i in subset if items[name][i].claim.id not in state.dropped
                ]
                domains = self._domains(trial, state, hull=state.envelope_policy - {name})
                outcome = propagate(domains, relations, self.kinds)
                if outcome.contradiction is not None:
                    continue
                for other in self.names:
                    if other == name:
                        continue
                    for slot in (0, 1):
                        bound = outcome.domains[other][slot]
                        current = final[other][slot]
                        if bound.via == "constraint" and bound.tighter_than(current):
                            state.conditional[other].append((ids, bound))

    # -- the segment ---------------------------------------------------------------

    def _segment(
        self,
        name: str,
        start: dt.date | None,
        end: dt.date | None,
        items: list[_Item],
        shares: list[Claim],
        state: _SliceState,
        domains: Mapping[str, Domain],
    ) -> Segment:
        quantity = self.quantities[name]
        lower, upper = domains[name]
        envelope = None
        if items:
            lo = min(items, key=lambda it: it.lo_key)
            hi = max(items, key=lambda it: it.hi_key)
            envelope = self._range(quantity, *lo.lo, *hi.hi, normal=True)
        has_bounds = lower.via != "kind" or upper.via != "kind"
        status: Status
        if state.conflicts[name]:
            status = "conflict"
        elif state.accepted.get(name) or any(c.id in state.supporting[name] for c in shares):
            status = "consistent"
        elif has_bounds:
            status = "derived"
        else:
            status = "unknown"
        interval: Range | None
        if name in state.no_interval or (status == "unknown"):
            interval = None
        else:
            interval = self._range(quantity, lower.value, lower.closed, upper.value, upper.closed)
        reasons = list(state.reasons[name])
        if interval is not None:
            for bound in (lower, upper):
                if bound.via == "kind":
                    continue
                sentence = self._sentence(bound)
                # A hull bound of the envelope policy holds if any one of its claims does,
                # so it is not conditional on the claim at its end.
                rests = sorted(
                    bound.label & (state.disputed | self.disputed_anywhere) - state.envelope_claims
                )
                if rests and bound.premises:
                    sentence += (
                        f" (conditional on {', '.join(rests)}, which {_are(rests)} disputed)"
                    )
                reasons.append(sentence)
            if status == "consistent":
                plausible = _plausible_reason(interval, state.accepted.get(name, ()))
                if plausible is not None:
                    reasons.append(plausible)
        setters = {c for b in (lower, upper) for c in b.claims}
        for it in items:
            if it.carried and it.id in state.supporting[name] and it.id not in setters:
                reasons.append(it.carried_text(name))
        for claim in shares:
            if claim.id in state.supporting[name]:
                said = f" ({claim.phrase!r})" if claim.phrase else ""
                reasons.append(f"{claim.id} says {name} is {claim.value}{said}")
        conditional = []
        for ids, bound in state.conditional[name]:
            conditional.append((ids, bound))
            reasons.append(f"if {', '.join(ids)} held: {bound.sentence()}")
        if state.capped:
            reasons.append(
                "propagation stopped at its revision budget: bounds are sound but may not be "
                "the tightest"
            )
        kept_lower = lower if interval is not None and lower.via != "kind" else None
        kept_upper = upper if interval is not None and upper.via != "kind" else None
        return Segment(
            name,
            start,
            end,
            status,
            interval,
            envelope,
            tuple(sorted(state.supporting[name])),
            tuple(sorted(state.set_aside[name].items())),
            tuple(sorted(state.conflicts[name])),
            tuple(reasons),
            kept_lower,
            kept_upper,
            tuple(conditional),
        )


class _SliceState:
    """What one segment has settled so far, per quantity."""

    def __init__(self, names: Sequence[str]) -> None:
        self.accepted: dict[str, list[_Item]] = {}
        self.accepted_shares: list[Claim] = []
        self.supporting: dict[str, set[str]] = {n: set() for n in names}
        self.set_aside: dict[str, dict[str, str]] = {n: {} for n in names}
        self.conflicts: dict[str, set[tuple[str, ...]]] = {n: set() for n in names}
        self.reasons: dict[str, list[str]] = {n: [] for n in names}
        self.conditional: dict[str, list[tuple[tuple[str, ...], Bound]]] = {n: [] for n in names}
        self.options: dict[str, tuple[list[list[int]], list[Option]]] = {}
        self.disputed: set[str] = set()
        self.dropped: set[str] = set()
        self.no_interval: set[str] = set()
        self.envelope_policy: set[str] = set()
        self.capped = False
        self.carry_in: dict[str, Bound] = {}
        self.carry_up: dict[str, Bound] = {}
        self.envelope_claims: set[str] = set()
