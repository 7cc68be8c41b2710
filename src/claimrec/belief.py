"""The belief view: Dempster-Shafer belief and plausibility from interval claims.

On one day, each claim about a quantity is a piece of evidence that the true value lies
in the claim's interval. Trust in a claim is partial, so the claim is *discounted* as
Shafer proposed: with its weight ``alpha`` (from :class:`~claimrec.policies.Weights`)
the claim's mass sits on its interval, and the rest, ``1 - alpha``, on the whole frame
(every value the quantity's kind allows), which says nothing. Combining the claims
gives a mass function; for a query interval ``Q``:

- **belief** is the mass that lies wholly inside ``Q`` (how far the evidence forces
  the value into ``Q``);
- **plausibility** is the mass that touches ``Q`` (how far the evidence leaves room
  for it);
- **conflict** is the mass the conjunctive step gave to the empty set: the share of
  the evidence that cannot hold together. Every number is an exact ``Fraction``.

>>> import claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> bel, pl, k = belief(cs, "in_combat", 7500, 8500, at="2025-01-25")
>>> bel, pl
(Fraction(20292, 60917), Fraction(42275, 60917))
>>> k
Fraction(17208, 78125)

The combination rule is a choice:

- ``dempster``: conjunctive combination, then the conflict is removed by normalising
  (divide by ``1 - conflict``). It assumes the claims are independent pieces of
  evidence.
- ``yager``: the conflict mass goes to the whole frame: conflict becomes ignorance.
- ``dubois_prade``: the mass of each conflicting combination goes to the union of the
  intervals in it (with the claims here, the union of every interval when all of them
  were believed, the whole frame otherwise): conflict widens the answer instead of
  vanishing.
- ``cautious``: Denoeux's cautious rule (normalised). For simple support functions
  like these it keeps, for each distinct interval, only its strongest claim, then
  combines as ``dempster`` does. Evidence repeated is not evidence added.

**Why independent origins matter.** Dempster's rule (and Yager's, and Dubois and
Prade's) multiplies masses as probabilities of independent events. Two reports that
rest on one origin (an agency's figure, quoted by three outlets) are one piece of
evidence, not three; combined as if independent they push belief toward the repeated
interval far beyond what the evidence warrants. The cautious rule is idempotent (a
mass function combined with itself is unchanged), so it does not count the same
evidence twice; use it when claims may share an origin you cannot see.
:meth:`MassFunction.shared_origins` lists the origins behind more than one claim; there,
``dempster`` over-counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs

from claimrec.claims import Claim, ClaimSet
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.policies import Weights
from claimrec.ranges import FractionOf, Range
from claimrec.spans import to_date

__all__ = [
    "RULES",
    "FocalElement",
    "MassFunction",
    "Rule",
    "TotalConflictError",
    "belief",
    "mass_function",
]

Rule: TypeAlias = Literal["dempster", "yager", "dubois_prade", "cautious"]
RULES: Final[tuple[str, ...]] = ("dempster", "yager", "dubois_prade", "cautious")

FocalElement: TypeAlias = tuple[Range, ...]
"""A set of values: disjoint ranges in increasing order; ``()`` is the empty set."""


class TotalConflictError(ClaimrecError, ZeroDivisionError):
    """The claims conflict completely, so a normalising rule has nothing to divide by.

    >>> from claimrec import Claim, ClaimSet, Quantity, Range, Source
    >>> sure = Source("a", "A", grade="A")
    >>> cs = ClaimSet(quantities=[Quantity("q")], sources=[sure],
    ...     claims=[Claim(i, "q", Range.exact(n), source="a", credibility=1, evidence="observation")
    ...             for i, n in (("one", 1), ("two", 2))])
    >>> mass_function(cs, "q", at="2025-01-01")
    Traceback (most recent call last):
    ...
    claimrec.belief.TotalConflictError: rule dempster: the claims one, two conflict completely (conflict mass 1); use rule 'yager' or 'dubois_prade', which keep the conflict as ignorance
    """


def _union(ranges: Iterable[Range]) -> FocalElement:
    """The union of ranges as disjoint ranges in increasing order, touching ones merged."""
    pieces = sorted(
        (r for r in ranges if not r.is_empty),
        key=lambda r: (r.lower is not None, r.lower, not r.lower_closed),
    )
    merged: list[Range] = []
    for piece in pieces:
        if merged:
            last = merged[-1]
            assert last.upper is not None
            assert piece.lower is not None
            # The values strictly between the two pieces; none means they join.
            gap = (
                Range(
                    last.kind,
                    last.upper,
                    piece.lower,
                    not last.upper_closed,
                    not piece.lower_closed,
                    last.unit,
                )
                if last.upper <= piece.lower
                else None
            )
            if gap is None or gap.is_empty:
                merged[-1] = last | piece
                continue
        merged.append(piece)
    return tuple(merged)


def _meet(element: FocalElement, interval: Range) -> FocalElement:
    return tuple(r for r in (piece & interval for piece in element) if not r.is_empty)


def _inside(element: FocalElement, query: Range) -> bool:
    return all(query.contains(piece) for piece in element)


def _touches(element: FocalElement, query: Range) -> bool:
    return any(piece.overlaps(query) for piece in element)


@attrs.frozen
class MassFunction:
    """Combined evidence about one quantity on one day.

    ``masses`` pairs each focal element (a tuple of disjoint ranges) with its mass;
    the masses sum to 1. ``conflict`` is the mass the conjunctive step gave to the
    empty set. ``claims`` are the claims combined, with their discount ``alpha``;
    ``skipped`` the claims about that day that could not take part, and why.

    >>> import claimrec
    >>> m = mass_function(claimrec.load("seeds/north-korea-2025.json"), "casualties", at="2025-02-04")
    >>> [(str(r[0]), str(w)) for r, w in m.masses]
    [('[3,001, inf)', '64/125'), ('[0, inf)', '61/125')]
    >>> m.skipped
    (('jones', 'a share of deployed has no interval of its own'),)
    """

    quantity: str
    day: dt.date
    rule: str
    frame: Range
    masses: tuple[tuple[FocalElement, Fraction], ...]
    conflict: Fraction
    claims: tuple[tuple[str, Fraction], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    origins: tuple[tuple[str, str], ...] = ()

    def query(
        self,
        lower: object = None,
        upper: object = None,
        *,
        lower_closed: bool = True,
        upper_closed: bool = True,
    ) -> Range:
        """The query interval ``lower .. upper`` in the quantity's kind (``None``: unbounded).

        >>> import claimrec
        >>> m = mass_function(claimrec.load("seeds/north-korea-2025.json"), "in_combat", at="2025-02-04")
        >>> m.query(None, 100)
        Range(count [0, 100])
        """
        return Range(self.frame.kind, lower, upper, lower_closed, upper_closed, self.frame.unit)

    def belief(self, query: Range) -> Fraction:
        """The mass of the focal elements that lie inside ``query``.

        >>> import claimrec
        >>> m = mass_function(claimrec.load("seeds/north-korea-2025.json"), "in_combat", at="2025-02-04")
        >>> m.belief(m.query(7000, 9000)), m.belief(m.query(0, None))
        (Fraction(12, 25), Fraction(1, 1))
        """
        return sum((w for e, w in self.masses if _inside(e, query)), Fraction(0))

    def plausibility(self, query: Range) -> Fraction:
        """The mass of the focal elements that share a value with ``query``.

        >>> import claimrec
        >>> m = mass_function(claimrec.load("seeds/north-korea-2025.json"), "in_combat", at="2025-02-04")
        >>> m.plausibility(m.query(0, 0))
        Fraction(13, 25)
        """
        return sum((w for e, w in self.masses if _touches(e, query)), Fraction(0))

    def shared_origins(self) -> dict[str, tuple[str, ...]]:
        """Origins behind more than one combined claim: where ``dempster`` over-counts.

        >>> import claimrec
        >>> mass_function(claimrec.load("seeds/north-korea-2025.json"), "in_combat", at="2025-01-25").shared_origins()
        {}
        """
        by_origin: dict[str, list[str]] = {}
        for claim_id, origin in self.origins:
            by_origin.setdefault(origin, []).append(claim_id)
        return {o: tuple(ids) for o, ids in by_origin.items() if len(ids) > 1}


def _alpha(claim: Claim, claimset: ClaimSet, weights: Weights) -> Fraction:
    alpha, text = weights.of(claim, claimset.sources_by_id)
    if not 0 <= alpha <= 1:
        raise ValidationError(
            f"weight of claim {claim.id!r}: {alpha} ({text}) is no discount; "
            "expected a weight between 0 and 1"
        )
    return alpha


def _interval(claim: Claim, day: dt.date, cumulative: bool, frame: Range) -> Range | None:
    """What ``claim`` says about ``day``: its value, carried over time, or nothing."""
    period = claim.period
    assert isinstance(claim.value, Range)
    value = claim.value
    if period.contains(day):
        return value
    if not cumulative:
        return None
    if period.end is not None and period.end <= day:
        if value.lower == frame.lower and value.lower_closed == frame.lower_closed:
            return None
        return Range(value.kind, value.lower, None, value.lower_closed, False, value.unit)
    if value.upper is None:
        return None
    return Range(value.kind, None, value.upper, False, value.upper_closed, value.unit)


def _conjunctive(
    evidence: Iterable[tuple[Range, Fraction]], frame: Range
) -> dict[FocalElement, Fraction]:
    masses: dict[FocalElement, Fraction] = {(frame,): Fraction(1)}
    for interval, alpha in evidence:
        if alpha == 0:
            continue
        combined: dict[FocalElement, Fraction] = {}
        for element, weight in masses.items():
            met = _meet(element, interval)
            combined[met] = combined.get(met, Fraction(0)) + weight * alpha
            if alpha != 1:
                combined[element] = combined.get(element, Fraction(0)) + weight * (1 - alpha)
        masses = combined
    return masses


def mass_function(
    claimset: ClaimSet,
    quantity: str,
    *,
    at: dt.date | str,
    rule: Rule = "dempster",
    weights: Weights | None = None,
) -> MassFunction:
    """Combine the claims about ``quantity`` that hold on day ``at`` under ``rule``.

    A claim holds on ``at`` when its period covers it; for a cumulative quantity, an
    earlier claim's lower bound and a later claim's upper bound hold too, as in
    :func:`claimrec.reconcile`. A claim that is a share of another quantity has no
    interval of its own and is listed in ``skipped``.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> m = mass_function(cs, "in_combat", at="2025-01-25", rule="yager")
    >>> m.conflict == mass_function(cs, "in_combat", at="2025-01-25").conflict
    True
    >>> mass_function(cs, "in_combat", at="2025-01-25", rule="pcr6")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: rule: expected one of dempster, yager, dubois_prade, cautious, got 'pcr6'
    """
    if rule not in RULES:
        raise ValidationError(f"rule: expected one of {', '.join(RULES)}, got {rule!r}")
    day = to_date(at, "at")
    declared = claimset.quantity(quantity)
    frame = declared.unbounded()
    weights = weights or Weights()
    used: list[tuple[Claim, Range, Fraction]] = []
    skipped: list[tuple[str, str]] = []
    for claim in sorted(claimset.claims_about(quantity), key=lambda c: c.id):
        if isinstance(claim.value, FractionOf):
            if claim.period.contains(day):
                skipped.append(
                    (claim.id, f"a share of {claim.value.base} has no interval of its own")
                )
            continue
        interval = _interval(claim, day, declared.cumulative, frame)
        if interval is not None:
            used.append((claim, interval, _alpha(claim, claimset, weights)))
    evidence = [(interval, alpha) for _, interval, alpha in used]
    if rule == "cautious":
        strongest: dict[Range, Fraction] = {}
        for interval, alpha in evidence:
            strongest[interval] = max(strongest.get(interval, Fraction(0)), alpha)
        evidence = list(strongest.items())
    masses = _conjunctive(evidence, frame)
    conflict = masses.pop((), Fraction(0))
    everything = (frame,)
    if conflict and rule in ("dempster", "cautious"):
        if conflict == 1:
            raise TotalConflictError(
                f"rule {rule}: the claims {', '.join(c.id for c, _, _ in used)} conflict "
                "completely (conflict mass 1); use rule 'yager' or 'dubois_prade', which "
                "keep the conflict as ignorance"
            )
        masses = {e: w / (1 - conflict) for e, w in masses.items()}
    elif conflict and rule == "yager":
        masses[everything] = masses.get(everything, Fraction(0)) + conflict
    elif conflict:
        # Dubois-Prade. Some claims share no value (else nothing conflicts), so the
        # combination that believed every claim met nothing: its mass goes to the union
        # of all the intervals. Every other empty combination believed the whole frame
        # somewhere, so its union is the frame.
        all_believed = Fraction(1)
        for _, alpha in evidence:
            all_believed *= alpha
        union = _union(interval for interval, _ in evidence)
        masses[union] = masses.get(union, Fraction(0)) + all_believed
        if conflict != all_believed:
            masses[everything] = masses.get(everything, Fraction(0)) + conflict - all_believed
    ordered = sorted(
        ((e, w) for e, w in masses.items() if w),
        key=lambda item: (item[0] == everything, _sort_key(item[0])),
    )
    return MassFunction(
        quantity,
        day,
        rule,
        frame,
        tuple(ordered),
        conflict,
        tuple((c.id, alpha) for c, _, alpha in used),
        tuple(skipped),
        tuple((c.id, claimset.origin(c)) for c, _, _ in used),
    )


def _sort_key(element: FocalElement) -> tuple[tuple[bool, object, bool, bool, object], ...]:
    return tuple(
        (
            r.lower is not None,
            r.lower if r.lower is not None else 0,
            not r.lower_closed,
            r.upper is None,
            r.upper if r.upper is not None else 0,
        )
        for r in element
    )


def belief(
    claimset: ClaimSet,
    quantity: str,
    lower: object = None,
    upper: object = None,
    *,
    at: dt.date | str,
    rule: Rule = "dempster",
    weights: Weights | None = None,
    lower_closed: bool = True,
    upper_closed: bool = True,
) -> tuple[Fraction, Fraction, Fraction]:
    """``(belief, plausibility, conflict)`` that ``quantity`` lies in ``lower .. upper`` on ``at``.

    The query ends are closed unless ``lower_closed``/``upper_closed`` say otherwise;
    ``None`` leaves an end unbounded. See :func:`mass_function` for which claims count.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> belief(cs, "in_combat", 0, 0, at="2025-01-25", rule="yager")
    (Fraction(18642, 78125), Fraction(57833, 78125), Fraction(17208, 78125))
    >>> belief(cs, "casualties", 3001, None, at="2025-02-10")
    (Fraction(64, 125), Fraction(1, 1), Fraction(0, 1))
    """
    masses = mass_function(claimset, quantity, at=at, rule=rule, weights=weights)
    query = masses.query(lower, upper, lower_closed=lower_closed, upper_closed=upper_closed)
    return masses.belief(query), masses.plausibility(query), masses.conflict
