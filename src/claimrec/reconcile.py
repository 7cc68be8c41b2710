"""Reconciliation: claims over time into intervals, conflicts and reasons.

For each group of linked quantities, time is cut at every claim's period boundary.
In each piece (a *segment*), the claims whose periods cover it are weighed together:

1. per quantity, interval claims hold together exactly when every pair overlaps
   (Helly's theorem in one dimension), so a sort-and-sweep finds every minimal conflict
   (a disjoint pair) and every maximal consistent subset;
2. the policy picks among the maximal consistent subsets of a conflicting quantity;
3. constraints and "share of" claims propagate bounds between quantities; when that
   empties a quantity, a minimal set of claims and constraints to blame is found by
   deletion, and the policy sets aside its weakest claim;
4. each bound keeps the claims it rests on, so a bound resting on a disputed claim
   is reported as conditional on it.

A cumulative quantity never decreases: a claim's lower bound also holds at every later
time, its upper bound at every earlier time.

>>> import claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> report = reconcile(cs, at="2025-01-25")
>>> seg = report["in_combat"][0]
>>> seg.status, seg.interval, seg.conflicts
('conflict', None, (('budanov', 'nis_combat'), ('budanov', 'nyt')))
>>> reconcile(cs, at="2025-01-25", policy="most_reliable")["in_combat"][0].interval
Range(count [0, 0])
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from claimrec._sweep import lower_key, sweep, upper_key
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity
from claimrec.constraints import (
    Domain,
    Relation,
    initial_domains,
    minimal_conflict,
    propagate,
    relations_of,
    share_relation,
)
from claimrec.errors import PolicyError
from claimrec.policies import Choice, Member, Option, Policy, Weights, get_policy
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.reasons import Bound
from claimrec.report import QuantityReport, Report, Segment, Status
from claimrec.spans import to_date

__all__ = ["iter_reconcile", "reconcile"]


def reconcile(
    claimset: ClaimSet,
    *,
    at: dt.date | str | None = None,
    policy: str | Policy = "strict",
    weights: Weights | None = None,
) -> Report:
    """Reconcile every quantity of ``claimset`` (on one day only with ``at``).

    ``policy`` is a name (``strict``, ``envelope``, ``most_reliable``,
    ``majority_of_origins``) or a policy object; ``weights`` changes the weights of
    the named weighing policies.
    """
    chosen, weights, day = _setup(claimset, at, policy, weights)
    ordered = {q.name: q for q in _reports(claimset, chosen, weights, day)}
    return Report(chosen.name, day, ordered, claimset=claimset)


def iter_reconcile(
    claimset: ClaimSet,
    *,
    at: dt.date | str | None = None,
    policy: str | Policy = "strict",
    weights: Weights | None = None,
) -> tuple[str, dt.date | None, Iterator[QuantityReport]]:
    """Like :func:`reconcile`, but yield each quantity's report as soon as it is ready.

    Returns the policy name, the day, and an iterator over the quantities in name
    order; only one group of linked quantities is held at a time (plus those of its
    quantities whose turn in name order has not come), so memory stays bounded by the
    largest group rather than the whole report.

    >>> import claimrec
    >>> name, day, reports = iter_reconcile(claimrec.load("seeds/north-korea-2025.json"))
    >>> [q.name for q in reports]
    ['casualties', 'deployed', 'in_combat']
    """
    chosen, weights, day = _setup(claimset, at, policy, weights)
    return chosen.name, day, _reports(claimset, chosen, weights, day)


def _setup(
    claimset: ClaimSet,
    at: dt.date | str | None,
    policy: str | Policy,
    weights: Weights | None,
) -> tuple[Policy, Weights, dt.date | None]:
    chosen = get_policy(policy, weights=weights)
    if weights is not None and not isinstance(policy, str):
        # A policy object brings its own weights; replace them rather than ignore ``weights``.
        cls: Any = type(chosen)
        if not (attrs.has(cls) and "weights" in attrs.fields_dict(cls)):
            raise PolicyError(
                f"weights: policy {chosen.name!r} takes no weights; give them to the policy "
                "object itself, or pass the policy by name"
            )
        evolved: Any = chosen
        chosen = attrs.evolve(evolved, weights=weights)
    prepare = getattr(chosen, "prepare", None)
    if prepare is not None:
        chosen = prepare(claimset)
    used = getattr(chosen, "weights", None) or weights or Weights()
    return chosen, used, None if at is None else to_date(at, "at")


def _reports(
    claimset: ClaimSet, policy: Policy, weights: Weights, day: dt.date | None
) -> Iterator[QuantityReport]:
    claims_of: dict[str, list[Claim]] = {}
    for claim in claimset.claims:
        claims_of.setdefault(claim.quantity, []).append(claim)
    constraints_of: dict[str, list[Constraint]] = {}
    for constraint in claimset.constraints:
        constraints_of.setdefault(constraint.quantities[0], []).append(constraint)
    components = {names[0]: names for names in _components(claimset)}
    waiting: dict[str, QuantityReport] = {}
    for name in sorted(claimset.quantities_by_name):
        if name in components:
            names = components.pop(name)
            claims = [c for n in names for c in claims_of.pop(n, ())]
            constraints = [k for n in names for k in constraints_of.get(n, ())]
            work = _Component(claimset, names, claims, constraints, policy, weights)
            for done, segments in work.run(day).items():
                q = claimset.quantities_by_name[done]
                waiting[done] = QuantityReport(done, q.kind, q.unit, tuple(segments))
        yield waiting.pop(name)


# -- grouping quantities -----------------------------------------------------


def _components(claimset: ClaimSet) -> list[list[str]]:
    parent = {q.name: q.name for q in claimset.quantities}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for constraint in claimset.constraints:
        names = constraint.quantities
        for other in names[1:]:
            union(names[0], other)
    for claim in claimset.claims:
        if isinstance(claim.value, FractionOf):
            union(claim.quantity, claim.value.base)
    groups: dict[str, list[str]] = {}
    for name in sorted(parent):
        groups.setdefault(find(name), []).append(name)
    return [groups[k] for k in sorted(groups)]


# -- keys for comparing ends ---------------------------------------------------


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


# -- one group of linked quantities ------------------------------------------------


class _Component:
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
        self._weights: dict[str, tuple[Fraction, str]] = {}
        self._items: dict[tuple[str, str], _Item] = {}
        self._members: dict[str, Member] = {}
        self._options: dict[tuple[int, ...], Option] = {}
        self._options_by_claims: dict[tuple[object, ...], Option] = {}
        self._choices: dict[tuple[int, ...], tuple[Choice, str]] = {}
        # Reason lines recur from slice to slice: each is made once.
        self._pair_lines: dict[tuple[int, int], str] = {}
        self._weight_lines: dict[str, str] = {}
        self._rival_texts: dict[tuple[str, ...], str] = {}
        self._initial = initial_domains(self.kinds)
        self._ends = {
            n: ((r.lower, r.lower_closed), (r.upper, r.upper_closed))
            for n, r in ((n, q.unbounded()) for n, q in self.quantities.items())
        }
        self._by_slice: dict[
            tuple[dt.date | None, dt.date | None],
            tuple[dict[str, list[_Item]], dict[str, list[Claim]]],
        ] = {}
        self._notes: dict[str, str] = {}
        self._saids: dict[str, str] = {}
        self.disputed_anywhere: frozenset[str] = frozenset()
        self._bounds: dict[tuple[object, ...], Bound] = {}
        self._ranges: dict[tuple[object, ...], Range] = {}
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

    def _range(
        self,
        quantity: Quantity,
        lo: Any,
        lo_closed: bool,
        hi: Any,
        hi_closed: bool,
        *,
        normal: bool = False,
    ) -> Range:
        """The range of ``quantity`` with these ends, made once. With ``normal`` the ends
        are taken from claims of the quantity (or its kind's own bounds) and make a
        non-empty range: they are in normal form already and are not checked again."""
        key = (quantity.name, lo, lo_closed, hi, hi_closed)
        found = self._ranges.get(key)
        if found is None:
            make = Range._from_normal_ends if normal else Range
            found = self._ranges[key] = make(
                quantity.kind, lo, hi, lo_closed, hi_closed, quantity.unit
            )
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

    def run(self, day: dt.date | None) -> dict[str, list[Segment]]:
        linked = bool(self.constraints) or any(isinstance(c.value, FractionOf) for c in self.claims)
        if not linked:
            assert len(self.names) == 1, "only links join quantities"
            return {self.names[0]: self._run_alone(day)}
        return self._run_linked(day)

    def _run_linked(self, day: dt.date | None) -> dict[str, list[Segment]]:
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

    # -- one segment -----------------------------------------------------------

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

    def weight(self, claim: Claim) -> tuple[Fraction, str]:
        found = self._weights.get(claim.id)
        if found is None:
            found = self._weights[claim.id] = self.weights.of(claim, self.claimset.sources_by_id)
        return found

    def member(self, claim: Claim) -> Member:
        found = self._members.get(claim.id)
        if found is None:
            value, text = self.weight(claim)
            found = self._members[claim.id] = Member(
                claim.id, value, text, self.claimset.origin(claim)
            )
        return found

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

    def _settle(self, name: str, items: list[_Item]) -> _Settled | None:
        """One quantity's claims in one slice: ``None`` when they hold together, else
        the conflicts, the options and the policy's choice."""
        if max(it.lo_key for it in items) <= min(it.hi_key for it in items):
            return None
        return self._conflict(name, items)

    def _conflict(self, name: str, items: list[_Item]) -> _Settled:
        """The conflicts among ``items`` (which do not all hold together), the options
        and the policy's choice."""
        subsets, pairs = sweep([(it.lo_key, it.hi_key) for it in items])
        options = []
        for subset in subsets:
            key = tuple([id(items[i]) for i in subset])
            option = self._options.get(key)
            if option is None:
                # The same claims with the same region make the same option, whether a
                # claim is met directly or carried over time: one object, so the
                # decision below is found again.
                lo = max((items[i] for i in subset), key=_lo_key)
                hi = min((items[i] for i in subset), key=_hi_key)
                same = (tuple([items[i].id for i in subset]), lo.lo, hi.hi)
                option = self._options_by_claims.get(same)
                if option is None:
                    members = tuple([self.member(items[i].claim) for i in subset])
                    region = self._range(self.quantities[name], *lo.lo, *hi.hi, normal=True)
                    option = self._options_by_claims[same] = Option(members, region)
                self._options[key] = option
            options.append(option)
        key = tuple([id(o) for o in options])
        decided = self._choices.get(key)
        if decided is None:
            # A policy is a function of the options; the same sides recur over time.
            choice = self.policy.choose(options)
            listed = "maximal consistent subsets: " + "; ".join(o.text for o in options)
            decided = self._choices[key] = (choice, listed)
        choice = decided[0]
        if choice.envelope:
            accepted = list(items)
        elif choice.index is None:
            accepted = []
        else:
            accepted = [items[i] for i in subsets[choice.index]]
        # Items come in claim id order, one per claim, and the pairs sorted: so each
        # pair's ids, the list of pairs and each claim's rivals come out sorted.
        conflicts = [(items[i].id, items[j].id) for i, j in pairs]
        set_aside: dict[str, str] = {}
        if not choice.envelope and len(accepted) < len(items):
            rivals_of: dict[int, list[str]] = {}
            for i, j in pairs:
                rivals_of.setdefault(i, []).append(items[j].id)
                rivals_of.setdefault(j, []).append(items[i].id)
            kept_ids = {it.id for it in accepted}
            by = _set_aside_by(self.policy, choice)
            for k, it in enumerate(items):
                if it.id not in kept_ids:
                    set_aside[it.id] = self._rivals_text(tuple(rivals_of.get(k, ()))) + by
        return _Settled(items, pairs, subsets, options, decided, accepted, set_aside, conflicts)

    def _rivals_text(self, rivals: tuple[str, ...]) -> str:
        """``conflicts with a, b; `` for a claim's rivals (sorted ids), made once."""
        key = rivals
        found = self._rival_texts.get(key)
        if found is None:
            # A claim that overlaps every other one is in every maximal consistent
            # subset (Helly), so only a policy that keeps no side sets it aside.
            found = self._rival_texts[key] = (
                f"conflicts with {', '.join(key)}; "
                if key
                else "agrees with every other claim here, but the segment is in conflict; "
            )
        return found

    def _conflict_lines(self, settled: _Settled) -> list[str]:
        """The reasons a conflict gives: the disjoint pairs, the weights, the options and
        the policy's decision (each line made once and reused)."""
        items, pairs = settled.items, settled.pairs
        lines = []
        for i, j in pairs:
            a, b = items[i], items[j]
            key = (id(a), id(b))
            line = self._pair_lines.get(key)
            if line is None:
                line = self._pair_lines[key] = f"conflict: {a.text} and {b.text} share no value"
            lines.append(line)
        # Indices in order are ids in order (items come in claim id order).
        for k in sorted({k for pair in pairs for k in pair}):
            claim = items[k].claim
            line = self._weight_lines.get(claim.id)
            if line is None:
                _, text = self.weight(claim)
                line = self._weight_lines[claim.id] = f"weight of {claim.id}: {text}"
            lines.append(line)
        choice, listed = settled.decided
        lines.append(listed)
        lines.append(choice.reason)
        return lines

    def _settle_quantity(self, name: str, items: list[_Item], state: _SliceState) -> None:
        if not items:
            return
        settled = self._settle(name, items)
        if settled is None:
            state.accepted[name] = list(items)
            state.supporting[name].update(it.id for it in items)
            return
        state.disputed.update(i for pair in settled.conflicts for i in pair)
        state.conflicts[name].update(settled.conflicts)
        state.reasons[name].extend(self._conflict_lines(settled))
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

    # -- one quantity on its own ---------------------------------------------------

    def _run_alone(self, day: dt.date | None) -> list[Segment]:
        """The segments of a quantity no constraint or "share of" claim links to another.

        The same answers as the general path (a property test compares them), without
        its machinery for propagation.
        """
        name = self.names[0]
        natural = self.slices(None)
        if day is None:
            wanted = list(zip(natural, self._index_alone(natural), strict=True))
        else:
            start, end = self.slices(day)[0]
            wanted = [((start, end), self._contributions(start, end)[0][name])]
        found = ([self._alone(name, start, end, items)] for (start, end), items in wanted)
        return _merged(self.names, found)[name]

    def _index_alone(
        self, slices: Sequence[tuple[dt.date | None, dt.date | None]]
    ) -> list[list[_Item]]:
        """Each natural slice's items, as :meth:`_index_slices` finds them, for one
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

    def _alone(
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
            settled = self._conflict(name, items)
            accepted = settled.accepted
            lines = self._conflict_lines(settled)
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
            Option(tuple(self.member(c) for c in claims if c.id != drop.id)) for drop in claims
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


def _lo_key(item: _Item) -> Any:
    return item.lo_key


def _hi_key(item: _Item) -> Any:
    return item.hi_key


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


@attrs.define
class _Settled:
    """One quantity's conflict in one slice, and what the policy made of it."""

    items: list[_Item]
    pairs: list[tuple[int, int]]
    subsets: list[list[int]]
    options: list[Option]
    decided: tuple[Choice, str]
    accepted: list[_Item]
    set_aside: dict[str, str]
    conflicts: list[tuple[str, str]]

    @property
    def choice(self) -> Choice:
        return self.decided[0]


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


def _set_aside_by(policy: Policy, choice: Choice) -> str:
    if choice.index is None:
        return f"policy {policy.name} takes no side"
    return f"not in the side kept by policy {policy.name}"


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
