"""Learned trust: how far to trust each source, learned from its record over many quantities.

When the same sources make claims about many quantities, their track record says how far
to trust them. :func:`learn` estimates each independent origin's *reliability* from every
conflict in a claim set at once, in the style of CRH/GTM truth discovery:

1. start from the Admiralty prior: an origin's reliability is its grade weight (F, 0.5,
   for an origin with no declared source);
2. in every conflict (a quantity over a time when its claims cannot all hold), the
   learned truth is the consistent subset with the greatest weight, each origin counted
   once at reliability x the claim's credibility and evidence weights;
3. each origin's reliability becomes ``(s x prior + agreed) / (s + conflicts)``: of the
   conflicts it took part in, the share the learned truth agreed with, pulled towards the
   prior by ``s`` (``prior_strength``, 2) imagined conflicts; a conflict among ``k``
   options counts ``k - 1`` times (once per rival the learned truth was chosen over), so
   a two-sided conflict, where the heavier side wins on its own weight, teaches least;
4. repeat 2-3 until no reliability moves by more than ``tolerance`` (an iteration in
   which no learned truth changes moves none) or ``max_iterations`` is reached.

Reliabilities are exact fractions (counts and priors only); floats are used only to
compare the sums in step 2. The :class:`LearnedTrust` policy (``policy="learned_trust"``)
learns from the claim set it reconciles and keeps, in each conflict, the consistent
subset with the greatest learned weight.

>>> import claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> model = learn(cs)
>>> model.sources["hur"].text
'hur 8/15 = (2 x 0.8 + 0 agreed) / (2 + 1 conflict)'
>>> seg = claimrec.reconcile(cs, at="2025-01-25", policy="learned_trust")["in_combat"][0]
>>> seg.interval
Range(count [0, 0])
>>> reason = next(r for r in seg.reasons if r.startswith("policy"))
>>> print(reason)  # doctest: +NORMALIZE_WHITESPACE
policy learned_trust kept {nis_combat, nyt} (learned weight 0.612 from nis 13/15 x 0.3,
us_ua_officials 11/15 x 0.48) over {budanov} (learned weight 0.32 from hur 8/15 x 0.6);
learned from 1 conflict in 2 iterations, converged; reliability: hur 8/15 = (2 x 0.8 +
0 agreed) / (2 + 1 conflict), nis 13/15 = (2 x 0.8 + 1 agreed) / (2 + 1 conflict),
us_ua_officials 11/15 = (2 x 0.6 + 1 agreed) / (2 + 1 conflict); claim factor: budanov
credibility 3 0.6 x observation 1 = 0.6, nis_combat credibility 3 0.6 x
absence_of_evidence 0.5 = 0.3, nyt credibility 3 0.6 x estimate 0.8 = 0.48
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from itertools import chain
from operator import itemgetter
from typing import Any, Final

import attrs

from claimrec._exact import exact, format_number, to_json_number
from claimrec._gc import paused
from claimrec._sweep import Key, lower_key, maximal_overlaps, upper_key
from claimrec.claims import Claim, ClaimSet
from claimrec.errors import PolicyError
from claimrec.policies import Choice, Member, Option, Weights
from claimrec.ranges import Range
from claimrec.spans import Span

__all__ = [
    "PRIOR_STRENGTH",
    "LearnedTrust",
    "SourceTrust",
    "TrustModel",
    "learn",
    "learn_points",
]

PRIOR_STRENGTH: Final[Fraction] = Fraction(2)
"""How many conflicts the Admiralty prior counts for in a learned reliability."""

_NUMBER_TYPES: Final = (int, float, Fraction)
_POINT_TYPES: Final = frozenset(_NUMBER_TYPES)
_TIE_BREAKS: Final[dict[int, str]] = {
    1: "the number of origins",
    2: "position: the more central option",
    3: "claim ids",
}
_first = itemgetter(0)
_third = itemgetter(2)


def _fraction(value: object, field: str) -> Fraction:
    return Fraction(exact(value, field))


def _to_strength(value: object) -> Fraction:
    return _fraction(value, "prior_strength")


def _positive(instance: object, attribute: attrs.Attribute[Any], value: Fraction) -> None:
    if value <= 0:
        raise PolicyError(f"{attribute.name}: expected a number > 0, got {value!r}")


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 1:
        raise PolicyError(f"{attribute.name}: expected an int >= 1, got {value!r}")


def _is_tolerance(value: object) -> bool:
    return (
        not isinstance(value, bool) and isinstance(value, _NUMBER_TYPES) and 0 <= value < math.inf
    )


def _tolerance(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_tolerance(value):
        raise PolicyError(f"{attribute.name}: expected a finite number >= 0, got {value!r}")


def _show(value: Fraction) -> str:
    """``0.8``, ``8/15``: exact, as short as it goes."""
    return format_number(value)


def _approx(value: Fraction) -> str:
    """``0.32`` when exact in a few places, else ``~0.613``."""
    text = _show(value)
    return text if "/" not in text else f"~{float(value):.3g}"


@attrs.frozen
class SourceTrust:
    """What was learned about one independent origin.

    ``conflicts`` counts the conflicting quantities (over a time) it took part in and
    ``agreed`` those whose learned truth agreed with it; ``claims`` counts every claim it
    made that learning could use. ``weight`` and ``agreed_weight`` count the same
    conflicts, each as many times as it has options less one (a two-sided conflict once,
    one among three options twice): the reliability is
    ``(prior_strength x prior + agreed_weight) / (prior_strength + weight)``. When every
    conflict was two-sided they equal ``conflicts`` and ``agreed`` (the default).

    >>> t = SourceTrust("nis", Fraction(13, 15), Fraction(4, 5), claims=2, conflicts=1, agreed=1)
    >>> t.text
    'nis 13/15 = (2 x 0.8 + 1 agreed) / (2 + 1 conflict)'
    >>> SourceTrust("c", Fraction(10, 13), Fraction(1, 2), 5, 5, 3, weight=11, agreed_weight=9).text
    'c 10/13 = (2 x 0.5 + 9 agreed) / (2 + 11 in all): agreed in 3 of 5 conflicts, each counting its options - 1'
    >>> SourceTrust("d", Fraction(1, 4), Fraction(1, 2), 1, 1, 0, weight=2, agreed_weight=0).text
    'd 0.25 = (2 x 0.5 + 0 agreed) / (2 + 2 in all): agreed in 0 of 1 conflict, counting its options - 1'
    """

    id: str
    reliability: Fraction
    prior: Fraction
    claims: int
    conflicts: int
    agreed: int
    prior_strength: Fraction = PRIOR_STRENGTH
    weight: int = attrs.field(default=attrs.Factory(lambda self: self.conflicts, takes_self=True))
    agreed_weight: int = attrs.field(
        default=attrs.Factory(lambda self: self.agreed, takes_self=True)
    )

    @property
    def text(self) -> str:
        """The reliability and the sum that gives it.

        >>> learn_points([("a", "q", 1)]).sources["a"].text
        'a 0.5 = (2 x 0.5 + 0 agreed) / (2 + 0 conflicts)'
        """
        s, head = _show(self.prior_strength), f"{self.id} {_show(self.reliability)}"
        if self.weight == self.conflicts:
            plural = "" if self.conflicts == 1 else "s"
            return (
                f"{head} = ({s} x {_show(self.prior)} + {self.agreed} agreed) / ({s} + "
                f"{self.conflicts} conflict{plural})"
            )
        each = "conflict, counting" if self.conflicts == 1 else "conflicts, each counting"
        return (
            f"{head} = ({s} x {_show(self.prior)} + {self.agreed_weight} agreed) / ({s} + "
            f"{self.weight} in all): agreed in {self.agreed} of {self.conflicts} {each} its "
            "options - 1"
        )

    def to_json(self) -> dict[str, Any]:
        """Plain data; fractions as ``"p/q"`` strings, with a float beside them.

        >>> SourceTrust("x", Fraction(1, 2), Fraction(1, 2), 3, 0, 0).to_json()["reliability"]
        '1/2'
        """
        return {
            "reliability": to_json_number(self.reliability),
            "reliability_float": float(self.reliability),
            "prior": to_json_number(self.prior),
            "claims": self.claims,
            "conflicts": self.conflicts,
            "agreed": self.agreed,
            "weight": self.weight,
            "agreed_weight": self.agreed_weight,
        }


@attrs.frozen
class TrustModel:
    """Learned reliabilities by origin id, and how the learning went.

    ``conflicts`` counts the conflicting variables learned from; ``truths`` maps every
    variable to its learned value: the claimed value for :func:`learn_points`, the kept
    subset's interval for :func:`learn` (whose variables are named
    ``"quantity start .. end"``).

    >>> model = learn_points([("a", "q1", 5), ("b", "q1", 5), ("c", "q1", 7)])
    >>> model.truths["q1"], model.reliability("c"), model.reliability("nobody") is None
    (5, Fraction(1, 3), True)
    >>> model.to_json()["sources"]["a"]
    {'reliability': '2/3', 'reliability_float': 0.666..., 'prior': '1/2', 'claims': 1, 'conflicts': 1, 'agreed': 1, 'weight': 1, 'agreed_weight': 1}
    """

    sources: Mapping[str, SourceTrust]
    iterations: int
    converged: bool
    conflicts: int
    tolerance: float | Fraction = 1e-6
    prior_strength: Fraction = PRIOR_STRENGTH
    truths: Mapping[Hashable, object] = attrs.field(factory=dict, repr=False, eq=False)

    def reliability(self, source: str) -> Fraction | None:
        """The learned reliability of ``source``, or ``None`` if it made no usable claim.

        >>> learn_points([("a", "q", 1), ("b", "q", 2)]).reliability("a")
        Fraction(2, 3)
        """
        found = self.sources.get(source)
        return None if found is None else found.reliability

    def to_json(self) -> dict[str, Any]:
        """The model as plain data, sources sorted by id (``truths`` left out).

        >>> learn_points([("a", "q", 1)]).to_json()
        {'iterations': 1, 'converged': True, 'conflicts': 0, 'tolerance': 1e-06, 'prior_strength': 2, 'sources': {'a': {...}}}
        """
        return {
            "iterations": self.iterations,
            "converged": self.converged,
            "conflicts": self.conflicts,
            "tolerance": float(self.tolerance),
            "prior_strength": to_json_number(self.prior_strength),
            "sources": {k: self.sources[k].to_json() for k in sorted(self.sources)},
        }


# -- the learning problem --------------------------------------------------------------


class _Problem:
    """Every conflicting variable's options, flattened for a fast inner loop.

    Sources are numbered in id order. Each conflicting variable owns the slice
    ``flat[lo:hi]`` of options (sorted tuples of source numbers, each origin once),
    ordered by how a tie between equal weights is broken: more origins first, then the
    more central option (by the position of its values), then the lower one; so the
    first option of greatest weight wins. ``factors`` holds each member's claim factor,
    or is ``None`` when every factor is 1. ``seen`` lists each source once per
    conflicting variable it took part in.
    """

    def __init__(self, sources: list[str], priors: list[Fraction], claims: list[int]) -> None:
        self.sources = sources
        self.priors = priors
        self.claims = claims
        self.flat: list[tuple[int, ...]] = []
        self.factors: list[tuple[float, ...]] | None = None
        self.regions: list[object] = []
        self.spans: list[tuple[int, int]] = []
        self.names: list[Hashable] = []
        self.seen: list[int] = []
        self.truths: dict[Hashable, object] = {}

    def add(
        self, name: Hashable, options: Sequence[tuple[tuple[int, ...], tuple[float, ...], object]]
    ) -> None:
        """Add a variable's options ``(members, factors, region)``, given in position order."""
        if len(options) == 1:
            self.truths[name] = options[0][2]
            return
        k = len(options)
        lo = len(self.flat)
        for i in sorted(range(k), key=lambda i: (-len(options[i][0]), abs(2 * i - k + 1), i)):
            members, factors, region = options[i]
            self.flat.append(members)
            self.regions.append(region)
            assert self.factors is not None, "only weighed problems add options one by one"
            self.factors.append(factors)
        self.spans.append((lo, len(self.flat)))
        self.names.append(name)
        self.seen.extend(set(chain.from_iterable(o[0] for o in options)))

    def solve(
        self, strength: Fraction, tolerance: float | Fraction, max_iterations: int
    ) -> TrustModel:
        """Alternate learned truths and reliabilities until they settle.

        A conflict among ``k`` options counts ``k - 1`` times, in a source's agreements
        (when the learned truth sides with it) and in its total alike.
        """
        flat, spans = self.flat, self.spans
        trials = Counter(self.seen)
        priors = [float(p) for p in self.priors]
        a = float(strength)
        # Options repeat (the same few sources side together often): weigh each once.
        distinct: dict[tuple[int, ...], int] = {}
        ids = [distinct.setdefault(m, len(distinct)) for m in flat]
        groups = list(distinct)
        pairs = [lo for lo, hi in spans if hi - lo == 2]
        longer = [(lo, hi) for lo, hi in spans if hi - lo > 2]
        # Each conflict's count, in the order of ``wins``: 1 for two options, k - 1 for k.
        counts = [1] * len(pairs) + [hi - lo - 1 for lo, hi in longer]
        weighed = Counter(trials)
        for lo, hi in longer:
            for s in set(chain.from_iterable(flat[lo:hi])):
                weighed[s] += hi - lo - 2
        weights = priors
        wins: list[int] = []
        hits: Counter[int] = Counter()
        iterations = 0
        converged = False
        while iterations < max_iterations:
            iterations += 1
            weight = weights.__getitem__
            if self.factors is None:
                by_group = [sum(map(weight, m)) for m in groups]
                scores = list(map(by_group.__getitem__, ids))
            else:
                scores = [
                    math.fsum(weight(s) * f for s, f in zip(m, fs, strict=True))
                    for m, fs in zip(flat, self.factors, strict=True)
                ]
            new_wins = [lo if scores[lo] >= scores[lo + 1] else lo + 1 for lo in pairs]
            for lo, hi in longer:
                part = scores[lo:hi]
                new_wins.append(lo + part.index(max(part)))
            if wins:
                for old, win, count in zip(wins, new_wins, counts, strict=True):
                    if old != win:
                        for s in flat[old]:
                            hits[s] -= count
                        for s in flat[win]:
                            hits[s] += count
            else:
                hits = Counter(chain.from_iterable(map(flat.__getitem__, new_wins[: len(pairs)])))
                for win, count in zip(new_wins[len(pairs) :], counts[len(pairs) :], strict=True):
                    for s in flat[win]:
                        hits[s] += count
            wins = new_wins
            new = [(a * p + hits[s]) / (a + weighed[s]) for s, p in enumerate(priors)]
            delta = max((abs(x - y) for x, y in zip(new, weights, strict=True)), default=0.0)
            weights = new
            if delta <= tolerance:
                converged = True
                break
        truths = dict(self.truths)
        names = [self.names[i] for i, (lo, hi) in enumerate(spans) if hi - lo == 2]
        names += [self.names[i] for i, (lo, hi) in enumerate(spans) if hi - lo > 2]
        for name, win in zip(names, wins, strict=True):
            truths[name] = self.regions[win]
        agreed = Counter(chain.from_iterable(map(flat.__getitem__, wins)))
        sources = {
            source: SourceTrust(
                source,
                (strength * self.priors[s] + hits[s]) / (strength + weighed[s]),
                self.priors[s],
                self.claims[s],
                trials[s],
                agreed[s],
                strength,
                weighed[s],
                hits[s],
            )
            for s, source in enumerate(self.sources)
        }
        return TrustModel(sources, iterations, converged, len(spans), tolerance, strength, truths)


def _check_settings(prior_strength: object, tolerance: object, max_iterations: object) -> Fraction:
    strength = _fraction(prior_strength, "prior_strength")
    if strength <= 0:
        raise PolicyError(f"prior_strength: expected a number > 0, got {prior_strength!r}")
    if not _is_tolerance(tolerance):
        raise PolicyError(f"tolerance: expected a finite number >= 0, got {tolerance!r}")
    if type(max_iterations) is not int or max_iterations < 1:
        raise PolicyError(f"max_iterations: expected an int >= 1, got {max_iterations!r}")
    return strength


def learn_points(
    rows: Iterable[tuple[str, Hashable, int | float | Fraction]],
    *,
    priors: Mapping[str, object] | None = None,
    prior_strength: object = PRIOR_STRENGTH,
    tolerance: float | Fraction = 1e-6,
    max_iterations: int = 50,
) -> TrustModel:
    """Learn reliabilities from plain ``(source, variable, value)`` rows of exact values.

    The fast path for many claims (no :class:`~claimrec.Claim` objects are built): each
    value is a point, each source its own origin, every claim factor 1, and a source's
    prior ``priors[source]`` (default 1/2, the weight of grade F). The learning is
    :func:`learn`'s, from the same code.

    >>> rows = [("ap", "q1", 10), ("bbc", "q1", 10), ("rumour", "q1", 99),
    ...         ("ap", "q2", 3), ("rumour", "q2", 4)]
    >>> model = learn_points(rows)
    >>> model.truths, model.iterations, model.converged
    ({'q1': 10, 'q2': 3}, 2, True)
    >>> print(model.sources["rumour"].text)
    rumour 0.25 = (2 x 0.5 + 0 agreed) / (2 + 2 conflicts)
    >>> learn_points([("a", "q", float("nan"))])
    Traceback (most recent call last):
    ...
    claimrec.errors.PolicyError: learn_points: values: expected finite ints, floats or Fractions, got nan
    """
    strength = _check_settings(prior_strength, tolerance, max_iterations)
    rows = list(rows)
    counts = Counter(map(_first, rows))
    values = list(map(_third, rows))
    if not set(map(type, counts)) <= {str}:
        bad = next(s for s in counts if not isinstance(s, str))
        raise PolicyError(f"learn_points: sources: expected strings, got {bad!r}")
    if not set(map(type, values)) <= _POINT_TYPES or not all(map(math.isfinite, values)):
        bad = next(v for v in values if type(v) not in _POINT_TYPES or not math.isfinite(v))
        raise PolicyError(
            f"learn_points: values: expected finite ints, floats or Fractions, got {bad!r}"
        )
    del values
    names = sorted(counts)
    index = {name: i for i, name in enumerate(names)}
    table = priors or {}
    problem = _Problem(
        names,
        [_fraction(table.get(name, Fraction(1, 2)), f"prior of {name!r}") for name in names],
        [counts[name] for name in names],
    )
    # Millions of small tuples and lists, none of which can form a cycle, would set the
    # cyclic collector off again and again: it costs more than the grouping itself.
    with paused():
        _add_points(problem, rows, index)
    return problem.solve(strength, tolerance, max_iterations)


def _add_points(
    problem: _Problem, rows: list[tuple[str, Hashable, Any]], index: Mapping[str, int]
) -> None:
    by_variable: defaultdict[Hashable, list[tuple[Any, int]]] = defaultdict(list)
    for source, variable, value in rows:
        by_variable[variable].append((value, index[source]))
    flat, regions, spans, names, seen = (
        problem.flat,
        problem.regions,
        problem.spans,
        problem.names,
        problem.seen,
    )
    truths = problem.truths
    for variable, said in by_variable.items():
        if len(said) == 1:
            truths[variable] = said[0][0]
            continue
        said.sort()
        groups: list[tuple[list[int], Any]] = []
        previous: Any = None
        current: list[int] = []
        for value, number in said:
            if groups and value == previous:
                current.append(number)
            else:
                current = [number]
                groups.append((current, value))
                previous = value
        k = len(groups)
        if k == 1:
            truths[variable] = groups[0][1]
            continue
        options = [
            ((g[0],) if len(g) == 1 else tuple(sorted(set(g))), value) for g, value in groups
        ]
        lo = len(flat)
        if k == 2:
            first, second = options
            if len(second[0]) > len(first[0]):
                first, second = second, first
            flat += (first[0], second[0])
            regions += (first[1], second[1])
        else:
            order = sorted(range(k), key=lambda i: (-len(options[i][0]), abs(2 * i - k + 1), i))
            flat += [options[i][0] for i in order]
            regions += [options[i][1] for i in order]
        spans.append((lo, len(flat)))
        names.append(variable)
        who = [number for _, number in said]
        seen += who if len(set(who)) == len(who) else set(who)


# -- claim sets --------------------------------------------------------------------------


def _day_keys(claim: Claim) -> tuple[Key, Key]:
    """A claim's period as sweep keys; ``end`` is exclusive, so it sorts before a start."""
    return lower_key(claim.period.start, True), upper_key(claim.period.end, False)


def _factor(claim: Claim, weights: Weights) -> tuple[Fraction, str]:
    """The claim's credibility weight x evidence weight, and the sum that gives it."""
    try:
        c = weights.credibility[claim.credibility]
        e = weights.evidence[claim.evidence]
    except KeyError as err:
        raise PolicyError(
            f"weights: no weight for {err.args[0]!r}; give a weight for every grade, "
            "credibility rating and evidence kind"
        ) from None
    text = f"credibility {claim.credibility} {_show(c)} x {claim.evidence} {_show(e)}"
    return c * e, f"{text} = {_show(c * e)}"


def _prior(origin: str, claimset: ClaimSet, weights: Weights) -> Fraction:
    source = claimset.sources_by_id.get(origin)
    grade = "F" if source is None else source.grade
    try:
        return weights.grades[grade]
    except KeyError:
        raise PolicyError(
            f"weights: no weight for {grade!r}; give a weight for every grade, "
            "credibility rating and evidence kind"
        ) from None


def learn(
    claimset: ClaimSet,
    *,
    weights: Weights | None = None,
    prior_strength: object = PRIOR_STRENGTH,
    tolerance: float | Fraction = 1e-6,
    max_iterations: int = 50,
) -> TrustModel:
    """Learn each independent origin's reliability from every conflict in ``claimset``.

    A variable is a quantity over a time: the claims whose periods share a day (a
    maximal such group; a claim may sit in more than one). It is a conflict when its
    claims cannot all hold, and its options are then its maximal consistent subsets.
    Sources are identified by origin (:meth:`ClaimSet.origin
    <claimrec.claims.ClaimSet.origin>`): ten outlets repeating one agency are one
    origin, counted once. An origin's prior is its grade weight in ``weights``; a claim
    weighs its origin's reliability x its credibility weight x its evidence weight.
    Claims that are a share of another quantity are not learned from.

    >>> import claimrec
    >>> model = learn(claimrec.load("seeds/north-korea-2025.json"))
    >>> sorted(model.sources), model.conflicts
    (['hur', 'nis', 'us_ua_officials', 'wide_reports'], 1)
    >>> print(model.sources["nis"].text)
    nis 13/15 = (2 x 0.8 + 1 agreed) / (2 + 1 conflict)
    >>> model.truths["in_combat 2025-01-21 .. 2025-02-01"]
    Range(count [0, 0])
    """
    strength = _check_settings(prior_strength, tolerance, max_iterations)
    weights = weights or Weights()
    origin_of = {c.id: claimset.origin(c) for c in claimset.claims}
    usable = sorted(
        ((c, c.value) for c in claimset.claims if isinstance(c.value, Range)),
        key=lambda pair: pair[0].id,
    )
    counts = Counter(origin_of[c.id] for c, _ in usable)
    names = sorted(counts)
    index = {name: i for i, name in enumerate(names)}
    problem = _Problem(
        names,
        [_prior(name, claimset, weights) for name in names],
        [counts[name] for name in names],
    )
    problem.factors = []
    factor = {c.id: float(_factor(c, weights)[0]) for c, _ in usable}
    by_quantity: dict[str, list[tuple[Claim, Range]]] = {}
    for claim, value in usable:
        by_quantity.setdefault(claim.quantity, []).append((claim, value))
    for quantity in sorted(by_quantity):
        claims = by_quantity[quantity]
        for group in maximal_overlaps([_day_keys(c) for c, _ in claims]):
            members = [claims[i][0] for i in group]
            ranges = [claims[i][1] for i in group]
            starts = [c.period.start for c in members if c.period.start is not None]
            ends = [c.period.end for c in members if c.period.end is not None]
            span = Span(max(starts) if starts else None, min(ends) if ends else None)
            name = quantity if span == Span() else f"{quantity} {span}"
            spans = [
                (lower_key(r.lower, r.lower_closed), upper_key(r.upper, r.upper_closed))
                for r in ranges
            ]
            options = []
            for subset in maximal_overlaps(spans):
                best: dict[int, float] = {}
                for i in subset:
                    s = index[origin_of[members[i].id]]
                    best[s] = max(best.get(s, 0.0), factor[members[i].id])
                lo = max(subset, key=lambda i: spans[i][0])
                hi = min(subset, key=lambda i: spans[i][1])
                region = _region(ranges[lo], ranges[hi])
                order = sorted(best)
                options.append((tuple(order), tuple(best[s] for s in order), region))
            problem.add(name, options)
    return problem.solve(strength, tolerance, max_iterations)


def _region(low: Range, high: Range) -> Range:
    """The values two ranges that share a value have in common."""
    return Range(low.kind, low.lower, high.upper, low.lower_closed, high.upper_closed, low.unit)


# -- the policy ----------------------------------------------------------------------------


@attrs.frozen
class LearnedTrust:
    """Keep, in each conflict, the consistent subset with the greatest learned weight.

    :meth:`prepare` learns every origin's reliability from a whole claim set (the
    reconciler calls it first); :meth:`choose` then weighs each option by the sum over
    its origins (each once, at its strongest claim) of learned reliability x the claim's
    credibility and evidence weights. Before :meth:`prepare`, or for an origin it never
    saw, a claim weighs its Admiralty weight, as under ``most_reliable``. Ties go to more
    origins, then the more central option, then claim ids.

    >>> from claimrec.policies import Member, Option
    >>> model = learn_points([("nis", "q", 0), ("ap", "q", 0), ("hur", "q", 9)])
    >>> policy = LearnedTrust(model=model, factors={
    ...     "a": (Fraction(1), "1"), "b": (Fraction(1), "1"), "c": (Fraction(1), "1")})
    >>> zero = Option((Member("a", Fraction(1, 2), "", "nis"), Member("b", Fraction(1, 2), "", "ap")))
    >>> nine = Option((Member("c", Fraction(1, 2), "", "hur"),))
    >>> choice = policy.choose([zero, nine])
    >>> choice.index
    0
    >>> print(choice.reason)  # doctest: +NORMALIZE_WHITESPACE
    policy learned_trust kept {a, b} (learned weight ~1.33 from ap 2/3 x 1, nis 2/3 x 1)
    over {c} (learned weight ~0.333 from hur 1/3 x 1); learned from 1 conflict in 2
    iterations, converged; reliability: ap 2/3 = (2 x 0.5 + 1 agreed) / (2 + 1 conflict),
    hur 1/3 = (2 x 0.5 + 0 agreed) / (2 + 1 conflict), nis 2/3 = (2 x 0.5 + 1 agreed) /
    (2 + 1 conflict); claim factor: a 1, b 1, c 1
    """

    weights: Weights = attrs.field(factory=Weights)
    tolerance: float | Fraction = attrs.field(default=1e-6, validator=_tolerance)
    max_iterations: int = attrs.field(default=50, validator=_positive_int)
    prior_strength: Fraction = attrs.field(
        default=PRIOR_STRENGTH,
        converter=_to_strength,
        validator=_positive,
    )
    model: TrustModel | None = attrs.field(default=None, repr=False)
    factors: Mapping[str, tuple[Fraction, str]] = attrs.field(factory=dict, repr=False, eq=False)
    name: str = "learned_trust"

    def prepare(self, claimset: ClaimSet) -> LearnedTrust:
        """This policy with reliabilities learned from ``claimset``.

        >>> import claimrec
        >>> policy = LearnedTrust().prepare(claimrec.load("seeds/north-korea-2025.json"))
        >>> policy.model.reliability("nis"), policy.factors["nis_combat"]
        (Fraction(13, 15), (Fraction(3, 10), 'credibility 3 0.6 x absence_of_evidence 0.5 = 0.3'))
        """
        model = learn(
            claimset,
            weights=self.weights,
            prior_strength=self.prior_strength,
            tolerance=self.tolerance,
            max_iterations=self.max_iterations,
        )
        factors = {c.id: _factor(c, self.weights) for c in claimset.claims}
        return attrs.evolve(self, model=model, factors=factors)

    def _member(self, member: Member) -> tuple[Fraction, str, str | None]:
        """A member's learned weight, how it was made, and the origin learned from."""
        found = None if self.model is None else self.model.sources.get(member.origin)
        factor = self.factors.get(member.id)
        if found is None or factor is None:
            return member.weight, f"{member.origin} {_show(member.weight)} (not learned)", None
        value = found.reliability * factor[0]
        return (
            value,
            f"{member.origin} {_show(found.reliability)} x {_show(factor[0])}",
            member.origin,
        )

    def choose(self, options: Sequence[Option]) -> Choice:
        """Keep the option with the greatest learned weight; the reason names the weights.

        >>> LearnedTrust().choose([]).reason
        'policy learned_trust has no option to keep'
        """
        if not options:
            return Choice(None, "policy learned_trust has no option to keep")
        k = len(options)
        totals: list[Fraction] = []
        texts: list[str] = []
        learned: set[str] = set()
        used: set[str] = set()
        for option in options:
            best: dict[str, tuple[Fraction, str, str | None, str]] = {}
            for m in option.members:
                value, text, origin = self._member(m)
                if m.origin not in best or value > best[m.origin][0]:
                    best[m.origin] = (value, text, origin, m.id)
            total = sum((best[o][0] for o in best), Fraction(0))
            totals.append(total)
            parts = ", ".join(best[o][1] for o in sorted(best))
            texts.append(
                "{"
                + ", ".join(option.ids)
                + "}"
                + f" (learned weight {_approx(total)}"
                + (f" from {parts})" if parts else ")")
            )
            for _, _, origin, ident in best.values():
                if origin is not None:
                    learned.add(origin)
                    used.add(ident)
        keys = [
            (totals[i], len(options[i].origins), -abs(2 * i - k + 1), options[i].ids)
            for i in range(k)
        ]
        index = max(range(k), key=keys.__getitem__)
        others = "; ".join(texts[i] for i in range(k) if i != index)
        reason = f"policy learned_trust kept {texts[index]} " + (
            f"over {others}" if others else "(the only option)"
        )
        tied = [i for i in range(k) if i != index and totals[i] == totals[index]]
        if tied:
            level = max(next((j for j in (1, 2) if keys[i][j] != keys[index][j]), 3) for i in tied)
            reason += " (a tie in learned weight, broken by " + _TIE_BREAKS[level] + ")"
        if self.model is None:
            reason += "; nothing learned yet (prepare the policy with a claim set)"
        else:
            model = self.model
            reason += (
                f"; learned from {model.conflicts} conflict"
                + ("" if model.conflicts == 1 else "s")
                + f" in {model.iterations} iteration"
                + ("" if model.iterations == 1 else "s")
                + (
                    ", converged"
                    if model.converged
                    else f", stopped at the cap of {self.max_iterations}"
                )
            )
            if learned:
                reason += "; reliability: " + ", ".join(
                    model.sources[o].text for o in sorted(learned)
                )
                reason += "; claim factor: " + ", ".join(
                    f"{i} {self.factors[i][1]}" for i in sorted(used)
                )
        return Choice(index, reason)
