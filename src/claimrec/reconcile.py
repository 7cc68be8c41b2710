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
from collections.abc import Iterator
from typing import Any

import attrs

from claimrec._reconcile_alone import _Alone
from claimrec._reconcile_linked import _Linked
from claimrec.claims import Claim, ClaimSet, Constraint
from claimrec.errors import PolicyError
from claimrec.policies import Policy, Weights, get_policy
from claimrec.ranges import FractionOf
from claimrec.report import QuantityReport, Report
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
            linked = bool(constraints) or any(isinstance(c.value, FractionOf) for c in claims)
            # Only links join quantities, so an unlinked group is one quantity.
            path = _Linked if linked else _Alone
            work = path(claimset, names, claims, constraints, policy, weights)
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
