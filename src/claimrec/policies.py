"""Policies: how to pick a reading when claims conflict, and the weights they use.

When claims about one quantity cannot all hold, the reconciler finds the maximal
consistent subsets (the *options*). A policy is a small object with one method,
``choose(options)``, that returns a :class:`Choice`: the option it keeps (or none), and
why. Built-in policies, by name:

- ``strict``: a conflict has no interval; no side is taken.
- ``envelope``: the hull of all the claims, taking no side.
- ``most_reliable``: the option with the greatest weight (each independent origin
  counted once, at its strongest claim).
- ``majority_of_origins``: the option backed by the most independent origins; weight
  breaks ties.

A claim's weight is the product of its source's Admiralty grade weight, its
credibility weight and its evidence weight. The defaults are documented in
docs/concepts.md and can be changed:

>>> w = Weights()
>>> w.evidence["absence_of_evidence"] < w.evidence["observation"]
True
>>> get_policy("most_reliable", weights=Weights(evidence={**EVIDENCE_WEIGHTS, "denial": Fraction(1)})).name
'most_reliable'
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, Final, Protocol

import attrs

from claimrec._exact import exact, format_number
from claimrec.claims import Claim
from claimrec.errors import PolicyError, ValidationError
from claimrec.provenance import CREDIBILITY_WEIGHTS, GRADE_WEIGHTS, Source
from claimrec.ranges import Range

__all__ = [
    "EVIDENCE_WEIGHTS",
    "POLICIES",
    "Choice",
    "Envelope",
    "MajorityOfOrigins",
    "Member",
    "MostReliable",
    "Option",
    "Policy",
    "Strict",
    "Weights",
    "get_policy",
]

EVIDENCE_WEIGHTS: Final[Mapping[str, Fraction]] = {
    "observation": Fraction(1),
    "estimate": Fraction(4, 5),
    "denial": Fraction(3, 5),
    "absence_of_evidence": Fraction(1, 2),
}
"""Default weight of each evidence kind: not seeing something weighs half of seeing it."""


def _weight_table(value: Mapping[Any, object]) -> dict[Any, Fraction]:
    table = {k: Fraction(exact(v, f"weight of {k!r}")) for k, v in value.items()}
    for k, v in table.items():
        if v < 0:
            raise ValidationError(f"weight of {k!r}: expected a number >= 0, got {format_number(v)}")
    return table


@attrs.frozen
class Weights:
    """Weight tables for grades (A-F), credibility (1-6) and evidence kinds.

    >>> w = Weights()
    >>> src = Source("nis", "NIS", kind="intelligence_service", grade="B")
    >>> c = Claim("nis_combat", "in_combat", Range.exact(0), source="nis", credibility=3,
    ...           evidence="absence_of_evidence")
    >>> w.of(c, {"nis": src})
    (Fraction(6, 25), 'B 0.8 x credibility 3 0.6 x absence_of_evidence 0.5 = 0.24')
    """

    grades: Mapping[str, Fraction] = attrs.field(
        factory=lambda: dict(GRADE_WEIGHTS), converter=_weight_table
    )
    credibility: Mapping[int, Fraction] = attrs.field(
        factory=lambda: dict(CREDIBILITY_WEIGHTS), converter=_weight_table
    )
    evidence: Mapping[str, Fraction] = attrs.field(
        factory=lambda: dict(EVIDENCE_WEIGHTS), converter=_weight_table
    )
    # Weights depend only on (grade, credibility, evidence): few combinations, made once.
    _made: dict[tuple[str, int, str], tuple[Fraction, str]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False
    )

    def grade_of(self, claim: Claim, sources: Mapping[str, Source]) -> str:
        """The grade that counts: that of the claim's origin (the deepest cited source, or
        the speaker, followed up whom it speaks for), as learned trust uses; F if unknown."""
        source = sources.get(claim.origin(sources))
        return "F" if source is None else source.grade

    def of(self, claim: Claim, sources: Mapping[str, Source]) -> tuple[Fraction, str]:
        """The claim's weight and the sum that gives it."""
        grade = self.grade_of(claim, sources)
        key = (grade, claim.credibility, claim.evidence)
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = self._make(*key)
        return found

    def _make(self, grade: str, credibility: int, evidence: str) -> tuple[Fraction, str]:
        try:
            g = self.grades[grade]
            c = self.credibility[credibility]
            e = self.evidence[evidence]
        except KeyError as err:
            raise PolicyError(
                f"weights: no weight for {err.args[0]!r}; give a weight for every grade, "
                "credibility rating and evidence kind"
            ) from None
        value = g * c * e
        text = (
            f"{grade} {_num(g)} x credibility {credibility} {_num(c)} x "
            f"{evidence} {_num(e)} = {_num(value)}"
        )
        return value, text


def _num(value: Fraction) -> str:
    return _ratio_text(value.numerator, value.denominator)


@functools.lru_cache(maxsize=4096)
def _ratio_text(numerator: int, denominator: int) -> str:
    # Option weights are sums of a few weight products, so the same values recur; keyed
    # by ints, as hashing a Fraction costs more than formatting it from the cache.
    return format_number(numerator if denominator == 1 else Fraction(numerator, denominator))


@attrs.frozen
class Member:
    """A claim inside an option: its id, weight, how the weight was made, and origin."""

    id: str
    weight: Fraction
    weight_text: str
    origin: str


@attrs.frozen
class Option:
    """A maximal consistent subset of claims, and the interval it supports.

    ``ids`` (sorted claim ids), ``origins`` (the distinct independent origins, sorted),
    ``weight`` (the sum over origins of each origin's strongest claim: repeats add
    nothing) and ``text`` are worked out once, when the option is made.

    >>> o = Option((Member("a", Fraction(1, 2), "", "x"), Member("b", Fraction(1, 3), "", "x"),
    ...             Member("c", Fraction(1, 5), "", "y")))
    >>> o.ids, o.origins, o.weight, o.text
    (('a', 'b', 'c'), ('x', 'y'), Fraction(7, 10), '{a, b, c} (weight 0.7, 2 origins)')
    """

    members: tuple[Member, ...]
    interval: Range | None = None
    ids: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    origins: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    weight: Fraction = attrs.field(init=False, eq=False, repr=False)
    text: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Each origin counts at its strongest claim, and never below nothing. Weights
        # are compared and summed as plain int numerators and denominators: Fraction
        # arithmetic would reduce at every step.
        best: dict[str, tuple[int, int]] = {}
        for m in self.members:
            w = m.weight
            n = w.numerator
            d = w.denominator if n > 0 else 1
            if n < 0:
                n = 0
            known = best.get(m.origin)
            if known is None or n * known[1] > known[0] * d:
                best[m.origin] = (n, d)
        # Sum over the least common denominator, reduced once at the end (weights
        # share few denominators, so the common one stays small).
        numerator, denominator = 0, 1
        for n, d in best.values():
            if denominator % d:
                scale = d // math.gcd(denominator, d)
                numerator *= scale
                denominator *= scale
            numerator += n * (denominator // d)
        ids = tuple(sorted([m.id for m in self.members]))
        origins = tuple(sorted(best))
        common = math.gcd(numerator, denominator)
        numerator, denominator = numerator // common, denominator // common
        weight = Fraction(numerator, denominator)
        n = len(origins)
        text = (
            f"{{{', '.join(ids)}}} (weight {_ratio_text(numerator, denominator)}, "
            f"{n} origin{'' if n == 1 else 's'})"
        )
        # Frozen: the derived fields are set once, here.
        object.__setattr__(self, "ids", ids)
        object.__setattr__(self, "origins", origins)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "text", text)


@attrs.frozen
class Choice:
    """A policy's decision: the index of the option kept (``None``: none), and why."""

    index: int | None
    reason: str
    envelope: bool = False


class Policy(Protocol):
    """What the reconciler asks of a policy."""

    @property
    def name(self) -> str: ...

    def choose(self, options: Sequence[Option]) -> Choice: ...


@attrs.frozen
class Strict:
    """A conflict has no interval: every side is set aside.

    >>> Strict().choose([]).index is None
    True
    """

    name: str = "strict"

    def choose(self, options: Sequence[Option]) -> Choice:
        return Choice(None, "policy strict takes no side in a conflict")


@attrs.frozen
class Envelope:
    """A conflict is answered by the hull of every claim in it.

    >>> Envelope().choose([]).envelope
    True
    """

    name: str = "envelope"

    def choose(self, options: Sequence[Option]) -> Choice:
        return Choice(None, "policy envelope reports the hull of all sides", envelope=True)


def _pick(
    options: Sequence[Option], key_name: str, keys: Sequence[tuple[object, ...]]
) -> tuple[int, str]:
    # Ties go to the option whose sorted claim ids come first.
    order = sorted(range(len(options)), key=lambda i: options[i].ids)
    best = max(order, key=lambda i: keys[i])
    others = [options[i].text for i in order if i != best]
    if not others:
        return best, f"kept {options[best].text}, the only side"
    tie = any(keys[i] == keys[best] for i in order if i != best)
    reason = f"kept {options[best].text} by {key_name} over " + "; ".join(others)
    if tie:
        reason += " (a tie, broken by claim ids)"
    return best, reason


@attrs.frozen
class MostReliable:
    """Keep the option with the greatest weight (origins counted once).

    >>> a = Option((Member("budanov", Fraction(12, 25), "", "hur"),))
    >>> b = Option((Member("nyt", Fraction(36, 125), "", "officials"), Member("nis_combat", Fraction(6, 25), "", "nis")))
    >>> MostReliable().choose([a, b]).index
    1
    """

    weights: Weights = attrs.field(factory=Weights)
    name: str = "most_reliable"

    def choose(self, options: Sequence[Option]) -> Choice:
        index, reason = _pick(options, "weight", [(o.weight, len(o.origins)) for o in options])
        return Choice(index, f"policy most_reliable {reason}")


@attrs.frozen
class MajorityOfOrigins:
    """Keep the option backed by the most independent origins; weight breaks ties.

    >>> a = Option((Member("x", Fraction(1), "", "agency"), Member("y", Fraction(1), "", "agency")))
    >>> b = Option((Member("z", Fraction(1, 2), "", "p"), Member("w", Fraction(1, 2), "", "q")))
    >>> MajorityOfOrigins().choose([a, b]).index
    1
    """

    weights: Weights = attrs.field(factory=Weights)
    name: str = "majority_of_origins"

    def choose(self, options: Sequence[Option]) -> Choice:
        index, reason = _pick(
            options, "independent origins", [(len(o.origins), o.weight) for o in options]
        )
        return Choice(index, f"policy majority_of_origins {reason}")


POLICIES: Final[tuple[str, ...]] = (
    "strict",
    "envelope",
    "most_reliable",
    "majority_of_origins",
    "learned_trust",
)


def get_policy(policy: str | Policy, *, weights: Weights | None = None) -> Policy:
    """A policy object from its name (or the object itself).

    >>> get_policy("envelope").name
    'envelope'
    """
    if not isinstance(policy, str):
        return policy
    if policy == "strict":
        return Strict()
    if policy == "envelope":
        return Envelope()
    if policy == "most_reliable":
        return MostReliable(weights or Weights())
    if policy == "majority_of_origins":
        return MajorityOfOrigins(weights or Weights())
    if policy == "learned_trust":
        from claimrec.trust import LearnedTrust

        return LearnedTrust(weights or Weights())
    raise PolicyError(f"policy: unknown name {policy!r}; expected one of {', '.join(POLICIES)}")
