"""Laws of constraint propagation, checked by brute force on small systems."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimrec
from claimrec import ClaimSet, Range
from claimrec.constraints import Linear, Share, initial_domains, propagate
from claimrec.reasons import Bound
from claimrec.strategies import claim_sets

LAWS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ("a", "b", "c")
TOP = 6


@st.composite
def systems(draw):
    """Small integer systems: three counts in [0, 6] with random bounds and relations."""
    kinds = dict.fromkeys(NAMES, "count")
    box = {}
    for n in NAMES:
        lo = draw(st.integers(0, TOP))
        hi = draw(st.integers(lo, TOP))
        box[n] = (lo, hi)
    relations = []
    for i in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 3)) == 0:
            x, base = draw(st.permutations(NAMES))[:2]
            lo = Fraction(draw(st.integers(0, 4)), 4)
            hi = Fraction(draw(st.integers(int(lo * 4), 4)), 4)
            relations.append(
                Share(f"r{i}", f"{x} in share of {base}", x, base,
                      Range.closed(lo, hi, kind="proportion"))
            )
        else:
            terms = tuple(
                (Fraction(draw(st.sampled_from([-2, -1, 1, 2]))), n)
                for n in draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3, unique=True))
            )
            relations.append(Linear(f"r{i}", "generated", terms))
    return kinds, box, relations


def _domains(kinds, box):
    domains = initial_domains(kinds)
    for n, (lo, hi) in box.items():
        domains[n] = [Bound.stated(n, "lower", lo, True, (f"{n}_lo",)),
                      Bound.stated(n, "upper", hi, True, (f"{n}_hi",))]
    return domains


def _holds(relation, point) -> bool:
    if isinstance(relation, Linear):
        return sum(c * point[v] for c, v in relation.terms) <= 0
    base, x = point[relation.base], point[relation.variable]
    if base == 0:
        return x == 0 and relation.share.lower is not None
    return relation.share.contains(Fraction(x, base))


def _solutions(box, relations):
    ranges = [range(box[n][0], box[n][1] + 1) for n in NAMES]
    for values in itertools.product(*ranges):
        point = dict(zip(NAMES, values, strict=True))
        if all(_holds(r, point) for r in relations):
            yield point


@LAWS
@given(systems())
def test_propagation_is_sound(system):
    kinds, box, relations = system
    out = propagate(_domains(kinds, box), relations, kinds)
    solutions = list(_solutions(box, relations))
    if out.contradiction is not None:
        assert solutions == []
        return
    for point in solutions:
        for n in NAMES:
            lo, hi = out.domains[n]
            assert lo.value <= point[n] and (hi.value is None or point[n] <= hi.value)


def _values(out):
    return {n: (d[0].value, d[1].value) for n, d in out.domains.items()}


@LAWS
@given(systems(), st.randoms(use_true_random=False))
def test_propagation_does_not_depend_on_the_order_of_relations(system, rnd):
    kinds, box, relations = system
    first = propagate(_domains(kinds, box), relations, kinds)
    shuffled = list(relations)
    rnd.shuffle(shuffled)
    second = propagate(_domains(kinds, box), shuffled, kinds)
    assert (first.contradiction is None) == (second.contradiction is None)
    if first.contradiction is None:
        assert _values(first) == _values(second)


@LAWS
@given(systems(), systems())
def test_adding_a_relation_never_widens_a_domain(system, other):
    kinds, box, relations = system
    extra = other[2][0]
    before = propagate(_domains(kinds, box), relations, kinds)
    after = propagate(_domains(kinds, box), [*relations, extra], kinds)
    if before.contradiction is not None:
        assert after.contradiction is not None
        return
    if after.contradiction is not None:
        return
    for n in NAMES:
        (lo0, hi0), (lo1, hi1) = _values(before)[n], _values(after)[n]
        assert lo1 >= lo0
        assert hi0 is None or (hi1 is not None and hi1 <= hi0)


def _restricted(cs: ClaimSet, ids) -> ClaimSet:
    return ClaimSet(
        cs.quantities, cs.sources,
        [c for c in cs.claims if c.id in ids],
        [k for k in cs.constraints if k.id in ids],
    )


def _has_conflict(cs: ClaimSet, day) -> bool:
    return any(seg.status == "conflict" for segs in claimrec.reconcile(cs, at=day).values()
               for seg in segs)


@LAWS
@given(claim_sets(max_claims=8), st.dates(dt.date(2000, 1, 1), dt.date(2031, 12, 31)))
def test_every_reported_conflict_is_minimal(cs, day):
    report = claimrec.reconcile(cs, at=day)
    conflicts = {c for segs in report.values() for seg in segs for c in seg.conflicts}
    for conflict in conflicts:
        assert _has_conflict(_restricted(cs, set(conflict)), day), conflict
        for member in conflict:
            assert not _has_conflict(_restricted(cs, set(conflict) - {member}), day), (
                conflict, member)
