"""Propagation of bounds between linked quantities, with a derivation for each bound.

Relations are linear inequalities ``sum(c_i * x_i) <= 0`` (from ``<=``, ``>=`` and
``=`` constraints) and shares ``x = s * base`` with ``s`` in a proportion range (from
ratio constraints and "up to 50 percent of deployed" claims). :func:`propagate`
contracts every domain to a fixpoint, HC4-style: each relation is revised once per
change of a variable it mentions (a worklist), bounds are exact, count bounds are
rounded inward to integers, and every tightened bound records the relation and the
bounds it came from.

>>> from claimrec.claims import Constraint
>>> from claimrec.reasons import Bound, Side
>>> rel = relations_of(Constraint.parse("c2", "in_combat + casualties <= deployed"))
>>> kinds = {"in_combat": "count", "casualties": "count", "deployed": "count"}
>>> doms = initial_domains(kinds)
>>> doms["in_combat"][0] = Bound.stated("in_combat", "lower", 7500, True, ("budanov",))
>>> doms["casualties"][0] = Bound.stated("casualties", "lower", 3001, True, ("nis_losses",))
>>> out = propagate(doms, rel, kinds)
>>> out.domains["deployed"][0].value, sorted(out.domains["deployed"][0].label)
(10501, ['budanov', 'nis_losses'])
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Final, TypeAlias

import attrs

from claimrec._exact import Number, simplify
from claimrec.claims import Claim, Constraint
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.reasons import Bound, Side

__all__ = [
    "Domain",
    "Linear",
    "Outcome",
    "Share",
    "initial_domains",
    "minimal_conflict",
    "propagate",
    "relations_of",
    "share_relation",
]

Domain: TypeAlias = list[Bound]
"""``[lower, upper]`` bounds of one variable."""

_DEFAULT_BUDGET: Final = 64


@attrs.frozen
class Linear:
    """``sum(coefficient * variable) <= 0``, from constraint ``id``."""

    id: str
    text: str
    terms: tuple[tuple[Fraction, str], ...]

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v for _, v in self.terms)


@attrs.frozen
class Share:
    """``variable = s * base`` for some ``s`` in ``share``; from constraint or claim ``id``.

    ``claim`` is true when ``id`` is a claim ("up to 50 percent of deployed"), whose id
    then joins the label of every bound derived through it.
    """

    id: str
    text: str
    variable: str
    base: str
    share: Range
    claim: bool = False

    @property
    def variables(self) -> tuple[str, ...]:
        return (self.variable, self.base)


Relation: TypeAlias = Linear | Share


def relations_of(constraint: Constraint) -> list[Relation]:
    """The relations a constraint stands for (an equality gives two inequalities)."""
    text = str(constraint)
    if constraint.relation == "ratio":
        assert constraint.share is not None
        return [
            Share(
                constraint.id,
                text,
                constraint.left[0].quantity,
                constraint.right[0].quantity,
                constraint.share,
            )
        ]
    left = [(Fraction(t.coefficient), t.quantity) for t in constraint.left]
    right = [(Fraction(t.coefficient), t.quantity) for t in constraint.right]
    le = _combine(left, right)  # left - right <= 0
    ge = _combine(right, left)  # right - left <= 0
    if constraint.relation == "<=":
        return [Linear(constraint.id, text, le)]
    if constraint.relation == ">=":
        return [Linear(constraint.id, text, ge)]
    return [Linear(constraint.id, text, le), Linear(constraint.id, text, ge)]


def _combine(
    plus: list[tuple[Fraction, str]], minus: list[tuple[Fraction, str]]
) -> tuple[tuple[Fraction, str], ...]:
    total: dict[str, Fraction] = {}
    for c, v in plus:
        total[v] = total.get(v, Fraction(0)) + c
    for c, v in minus:
        total[v] = total.get(v, Fraction(0)) - c
    return tuple((c, v) for v, c in total.items() if c != 0)


def share_relation(claim: Claim) -> Share:
    """The relation a "share of another quantity" claim stands for."""
    value = claim.value
    assert isinstance(value, FractionOf)
    return Share(
        claim.id,
        f"{claim.quantity} = {value.share} * {value.base}",
        claim.quantity,
        value.base,
        value.share,
        claim=True,
    )


def initial_domains(kinds: Mapping[str, Kind]) -> dict[str, Domain]:
    """Each variable's domain before any claim: what its kind allows.

    >>> [b.value for b in initial_domains({"x": "proportion"})["x"]]
    [0, 1]
    """
    domains = {}
    for name, kind in kinds.items():
        full = Range.unbounded(kind=kind)
        domains[name] = [
            Bound.of_kind(name, "lower", full.lower, full.lower_closed),
            Bound.of_kind(name, "upper", full.upper, full.upper_closed),
        ]
    return domains


@attrs.frozen
class Outcome:
    """What :func:`propagate` found.

    ``contradiction`` names the variable whose domain emptied, with the two bounds
    that crossed; ``capped`` is true when the revision budget ran out before a fixpoint
    (the bounds are then sound but may not be the tightest).
    """

    domains: dict[str, Domain]
    contradiction: tuple[str, Bound, Bound] | None
    revisions: int
    capped: bool

    @property
    def nogood(self) -> frozenset[str]:
        """The claim and constraint ids the contradiction rests on (empty if none)."""
        if self.contradiction is None:
            return frozenset()
        _, lo, hi = self.contradiction
        return lo.label | hi.label | lo.constraints() | hi.constraints()


def _improves(new: Bound, old: Bound) -> bool:
    """Tighter, or as tight but derived here where ``old`` was carried from another time."""
    if new.tighter_than(old):
        return True
    carried = old.via == "carried" and not old.claims
    return carried and new.via != "carried" and (new.value, new.closed) == (old.value, old.closed)


def _empty(lo: Bound, hi: Bound) -> bool:
    if lo.value is None or hi.value is None:
        return False
    return lo.value > hi.value or (lo.value == hi.value and not (lo.closed and hi.closed))


def _round(kind: Kind, value: Number, closed: bool, lower: bool) -> tuple[Number, bool]:
    if kind != "count":
        return simplify(Fraction(value)), closed
    if lower:
        return (math.ceil(value) if closed else math.floor(value) + 1), True
    return (math.floor(value) if closed else math.ceil(value) - 1), True


def propagate(
    domains: dict[str, Domain],
    relations: Sequence[Relation],
    kinds: Mapping[str, Kind],
    *,
    budget: int = _DEFAULT_BUDGET,
) -> Outcome:
    """Contract ``domains`` (changed in place) under ``relations`` to a fixpoint.

    Each relation is revised at most ``budget`` times on average; integer counts
    converge, and the budget stops a slow (Zeno-like) descent on amounts or huge
    counts, which is then reported as ``capped``.
    """
    for name, (lo, hi) in domains.items():
        if _empty(lo, hi):
            return Outcome(domains, (name, lo, hi), 0, False)
    watchers: dict[str, list[int]] = {}
    for index, relation in enumerate(relations):
        for variable in relation.variables:
            watchers.setdefault(variable, []).append(index)
    queue = deque(range(len(relations)))
    queued = [True] * len(relations)
    limit = budget * max(1, len(relations))
    revisions = 0
    while queue:
        if revisions >= limit:
            return Outcome(domains, None, revisions, True)
        index = queue.popleft()
        queued[index] = False
        revisions += 1
        relation = relations[index]
        proposals = (
            _revise_linear(relation, domains, kinds)
            if isinstance(relation, Linear)
            else _revise_share(relation, domains, kinds)
        )
        for bound in proposals:
            domain = domains[bound.quantity]
            slot = 0 if bound.side == "lower" else 1
            if not _improves(bound, domain[slot]):
                continue
            domain[slot] = bound
            if _empty(domain[0], domain[1]):
                return Outcome(domains, (bound.quantity, domain[0], domain[1]), revisions, False)
            # A relation is revised again after it changed a variable of its own: one
            # revision is not idempotent (integer rounding can enable another step).
            for other in watchers[bound.quantity]:
                if not queued[other]:
                    queued[other] = True
                    queue.append(other)
    return Outcome(domains, None, revisions, False)


def _revise_linear(
    relation: Linear, domains: Mapping[str, Domain], kinds: Mapping[str, Kind]
) -> list[Bound]:
    # Each term's least possible value: c * lower for c > 0, c * upper for c < 0.
    used: list[Bound] = []
    finite_total = Fraction(0)
    infinite_at = -1
    infinite_count = 0
    for position, (c, variable) in enumerate(relation.terms):
        bound = domains[variable][0 if c > 0 else 1]
        used.append(bound)
        if bound.value is None:
            infinite_count += 1
            infinite_at = position
        else:
            finite_total += c * bound.value
    if infinite_count > 1:
        return []
    proposals = []
    for position, (c, variable) in enumerate(relation.terms):
        if infinite_count == 1 and position != infinite_at:
            continue
        own = used[position]
        others = finite_total if own.value is None else finite_total - c * own.value
        premises = tuple(b for i, b in enumerate(used) if i != position)
        closed = all(b.closed for b in premises)
        lower = c < 0
        value, closed = _round(kinds[variable], -others / c, closed, lower)
        proposals.append(
            Bound.derived(
                variable,
                "lower" if lower else "upper",
                value,
                closed,
                relation.id,
                relation.text,
                premises,
            )
        )
    return proposals


def _as_range(domain: Domain, kind: Kind) -> Range:
    lo, hi = domain
    return Range(kind, lo.value, hi.value, lo.closed, hi.closed)


def _revise_share(
    relation: Share, domains: Mapping[str, Domain], kinds: Mapping[str, Kind]
) -> list[Bound]:
    var_kind, base_kind = kinds[relation.variable], kinds[relation.base]
    base = domains[relation.base]
    var = domains[relation.variable]
    nonnegative = base[0].value is not None and base[0].value >= 0
    product = relation.share * _as_range(base, base_kind)
    rests = frozenset((relation.id,)) if relation.claim else frozenset()
    proposals = []
    sides: tuple[tuple[int, Side], ...] = ((0, "lower"), (1, "upper"))
    for slot, side in sides:
        end = product.lower if slot == 0 else product.upper
        if end is None:
            continue
        closed = product.lower_closed if slot == 0 else product.upper_closed
        premises = (base[slot],) if nonnegative else (base[0], base[1])
        value, closed = _round(var_kind, end, closed, slot == 0)
        proposals.append(
            Bound.derived(
                relation.variable,
                side,
                value,
                closed,
                relation.id,
                relation.text,
                premises,
                rests_on=rests,
            )
        )
    # base >= variable.lower / max(share), for non-negative quantities.
    top = relation.share.upper
    lo = var[0]
    if nonnegative and top and lo.value is not None and lo.value > 0:
        value, closed = _round(
            base_kind, Fraction(lo.value) / top, lo.closed and relation.share.upper_closed, True
        )
        proposals.append(
            Bound.derived(
                relation.base,
                "lower",
                value,
                closed,
                relation.id,
                relation.text,
                (lo,),
                rests_on=rests,
            )
        )
    # base <= variable.upper / min(share), when the share has a positive minimum.
    bottom = relation.share.lower
    hi = var[1]
    if nonnegative and bottom and hi.value is not None:
        value, closed = _round(
            base_kind, Fraction(hi.value) / bottom, hi.closed and relation.share.lower_closed, False
        )
        proposals.append(
            Bound.derived(
                relation.base,
                "upper",
                value,
                closed,
                relation.id,
                relation.text,
                (hi,),
                rests_on=rests,
            )
        )
    return proposals


def minimal_conflict(
    items: Iterable[str], is_consistent: Callable[[frozenset[str]], bool]
) -> frozenset[str]:
    """Shrink an inconsistent set of ids to a minimal one, by deletion.

    ``is_consistent(subset)`` re-runs propagation with only ``subset``; an item is
    dropped whenever the rest stays inconsistent. The result is minimal: removing any
    member makes it consistent.

    >>> sorted(minimal_conflict({"a", "b", "c"}, lambda s: not {"a", "c"} <= s))
    ['a', 'c']
    """
    current = set(items)
    for item in sorted(current):
        trial = frozenset(current - {item})
        if not is_consistent(trial):
            current.discard(item)
    return frozenset(current)
