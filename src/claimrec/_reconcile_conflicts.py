"""The conflicts of one segment's claims: the sweep, the options, the policy's choice
and the reasons they give (private to :mod:`claimrec.reconcile`)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import attrs

from claimrec._reconcile_items import _hi_key, _Item, _lo_key
from claimrec._sweep import sweep
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.policies import Choice, Member, Option, Policy, Weights
from claimrec.ranges import Range


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


def _set_aside_by(policy: Policy, choice: Choice) -> str:
    if choice.index is None:
        return f"policy {policy.name} takes no side"
    return f"not in the side kept by policy {policy.name}"


class _Conflicts:
    """Conflict analysis for one group of linked quantities.

    Options, decisions and reason lines recur from segment to segment: each is made
    once and found again.
    """

    def __init__(
        self,
        claimset: ClaimSet,
        policy: Policy,
        weights: Weights,
        make_range: Callable[..., Range],
    ) -> None:
        self.claimset = claimset
        self.policy = policy
        self.weights = weights
        self.make_range = make_range
        self._weights: dict[str, tuple[Fraction, str]] = {}
        self._members: dict[str, Member] = {}
        self._options: dict[tuple[int, ...], Option] = {}
        self._options_by_claims: dict[tuple[Any, ...], Option] = {}
        self._choices: dict[tuple[int, ...], tuple[Choice, str]] = {}
        self._pair_lines: dict[tuple[int, int], str] = {}
        self._weight_lines: dict[str, str] = {}
        self._rival_texts: dict[tuple[str, ...], str] = {}

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

    def settle(self, quantity: Quantity, items: list[_Item]) -> _Settled | None:
        """One quantity's claims in one slice: ``None`` when they hold together, else
        the conflicts, the options and the policy's choice."""
        if max(it.lo_key for it in items) <= min(it.hi_key for it in items):
            return None
        return self.conflict(quantity, items)

    def conflict(self, quantity: Quantity, items: list[_Item]) -> _Settled:
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
                    region = self.make_range(quantity, *lo.lo, *hi.hi, normal=True)
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
                    set_aside[it.id] = self.rivals_text(tuple(rivals_of.get(k, ()))) + by
        return _Settled(items, pairs, subsets, options, decided, accepted, set_aside, conflicts)

    def rivals_text(self, rivals: tuple[str, ...]) -> str:
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

    def lines(self, settled: _Settled) -> list[str]:
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
