"""Hypothesis strategies for claimrec's types, for your own property tests.

Installing claimrec registers them with Hypothesis (through its entry point), so
``st.from_type(claimrec.Range)`` works without importing this module.

>>> from hypothesis import given
>>> @given(ranges(kinds=("count",)))
... def test_hull_contains(r):
...     assert (r | r) == r
>>> test_hull_contains()
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction

from hypothesis import strategies as st

from claimrec._exact import Number
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity, Relation, Term
from claimrec.provenance import GRADES, SOURCE_KINDS, Attribution, Source
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.spans import Span

__all__ = [
    "attributions",
    "claim_sets",
    "claims",
    "constraints",
    "dates",
    "numbers",
    "quantities",
    "ranges",
    "sources",
    "spans",
]

_NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(
    lambda s: not s.startswith("_") or len(s) > 1
)


def numbers(
    *, min_value: Number | None = None, max_value: Number | None = None, integers: bool = False
) -> st.SearchStrategy[Number]:
    """Exact numbers (ints, or Fractions with small denominators); shrinks toward 0.

    >>> from hypothesis import given
    >>> @given(numbers(min_value=0, max_value=10))
    ... def test(n):
    ...     assert 0 <= n <= 10
    >>> test()
    """
    ints = st.integers(
        min_value=None if min_value is None else math.ceil(min_value),
        max_value=None if max_value is None else math.floor(max_value),
    )
    if integers:
        return ints
    fractions = st.fractions(min_value=min_value, max_value=max_value, max_denominator=12).map(
        lambda f: f.numerator if f.denominator == 1 else f
    )
    return st.one_of(ints, fractions)


@st.composite
def _ranges(
    draw: st.DrawFn, kind: Kind, unit: str | None, allow_empty: bool, max_magnitude: int
) -> Range:
    if kind == "proportion":
        lo_bound, hi_bound = Fraction(0), Fraction(1)
    elif kind == "count":
        lo_bound, hi_bound = Fraction(0), Fraction(max_magnitude)
    else:
        lo_bound, hi_bound = Fraction(-max_magnitude), Fraction(max_magnitude)
    integers = kind == "count"
    a = draw(numbers(min_value=lo_bound, max_value=hi_bound, integers=integers))
    b = draw(numbers(min_value=a, max_value=hi_bound, integers=integers))
    lower = None if kind != "proportion" and draw(st.booleans()) and draw(st.booleans()) else a
    upper = None if kind != "proportion" and draw(st.booleans()) and draw(st.booleans()) else b
    lower_closed = draw(st.booleans())
    upper_closed = draw(st.booleans())
    result = Range(kind, lower, upper, lower_closed, upper_closed, unit)
    if result.is_empty and not allow_empty:
        return Range(kind, a, a, True, True, unit)
    return result


def ranges(
    *,
    kinds: tuple[Kind, ...] = ("count", "proportion", "amount"),
    unit: str | None = None,
    allow_empty: bool = False,
    max_magnitude: int = 10**6,
) -> st.SearchStrategy[Range]:
    """Ranges of the given kinds (amounts in ``unit``), open, closed or unbounded.

    Shrinks toward small ranges of the first kind given (counts near 0, proportions
    near their upper end). Empty ranges only with ``allow_empty``.

    >>> from hypothesis import given
    >>> @given(ranges(kinds=("proportion",)))
    ... def test(r):
    ...     assert r.kind == "proportion" and not r.is_empty
    >>> test()
    """
    return st.sampled_from(kinds).flatmap(
        lambda kind: _ranges(kind, unit if kind == "amount" else None, allow_empty, max_magnitude)
    )


def dates(
    *, min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Days between ``min_value`` and ``max_value``; shrinks toward ``min_value``."""
    return st.dates(min_value=min_value, max_value=max_value)


@st.composite
def spans(draw: st.DrawFn, *, allow_open: bool = True) -> Span:
    """Spans of days, possibly open-ended (unless ``allow_open`` is False).

    >>> from hypothesis import given
    >>> @given(spans(allow_open=False))
    ... def test(s):
    ...     assert s.days >= 1
    >>> test()
    """
    start = draw(dates())
    length = draw(st.integers(min_value=1, max_value=400))
    open_start = allow_open and draw(st.integers(0, 4)) == 0
    open_end = allow_open and draw(st.integers(0, 4)) == 0
    return Span(
        None if open_start else start,
        None if open_end else start + dt.timedelta(days=length),
    )


@st.composite
def sources(draw: st.DrawFn, *, ids: st.SearchStrategy[str] = _NAMES) -> Source:
    """Sources with any kind and grade.

    >>> from hypothesis import given
    >>> @given(sources())
    ... def test(s):
    ...     assert s.grade in "ABCDEF"
    >>> test()
    """
    return Source(
        draw(ids),
        draw(st.sampled_from(("Ministry of Defence", "Agence \u00e9", "Anonymous officials"))),
        draw(st.sampled_from(SOURCE_KINDS)),
        draw(st.sampled_from(sorted(GRADES))),
    )


@st.composite
def attributions(
    draw: st.DrawFn, source_ids: tuple[str, ...] = ("agency", "outlet", "officials")
) -> Attribution:
    """Attribution chains over the given source ids; shrinks toward the first id alone.

    >>> from hypothesis import given
    >>> @given(attributions())
    ... def test(a):
    ...     assert a.said_by in ("agency", "outlet", "officials")
    >>> test()
    """
    said_by = draw(st.sampled_from(source_ids))
    citing = draw(st.lists(st.sampled_from(source_ids), max_size=2))
    reported = draw(st.lists(st.sampled_from(source_ids), max_size=2))
    return Attribution(said_by, tuple(citing), tuple(reported))


@st.composite
def constraints(
    draw: st.DrawFn, quantity_names: tuple[str, ...] = ("a", "b", "c"), *, id: str = "k"
) -> Constraint:
    """Linear (``<=``, ``>=``, ``=``, with small exact coefficients) or ratio constraints
    between the named quantities; shrinks toward ``a <= b``-style links.

    >>> from hypothesis import given
    >>> @given(constraints())
    ... def test(k):
    ...     assert set(k.quantities) <= {"a", "b", "c"}
    >>> test()
    """
    if len(quantity_names) >= 2 and draw(st.integers(0, 4)) == 4:
        quantity, base = draw(st.permutations(quantity_names))[:2]
        share = draw(ranges(kinds=("proportion",)))
        return Constraint.ratio(id, quantity, share, base, reason="generated")
    coefficient = st.sampled_from((1, 2, Fraction(1, 2), 3))
    terms = st.lists(
        st.builds(Term, coefficient, st.sampled_from(quantity_names)), min_size=1, max_size=2
    )
    relation: Relation = draw(st.sampled_from(("<=", ">=", "=")))
    return Constraint(id, tuple(draw(terms)), relation, tuple(draw(terms)), reason="generated")


def quantities(
    *, kinds: tuple[Kind, ...] = ("count", "proportion", "amount")
) -> st.SearchStrategy[Quantity]:
    """Quantities with random names, kinds and the cumulative flag."""
    return st.builds(
        Quantity,
        name=_NAMES,
        kind=st.sampled_from(kinds),
        unit=st.none(),
        cumulative=st.booleans(),
    )


@st.composite
def claims(
    draw: st.DrawFn,
    *,
    quantity: Quantity | None = None,
    source_ids: tuple[str, ...] = (),
    id: str | None = None,
) -> Claim:
    """Claims about ``quantity`` (a random one by default), attributed to ``source_ids``.

    >>> from hypothesis import given
    >>> @given(claims())
    ... def test(c):
    ...     assert 1 <= c.credibility <= 6
    >>> test()
    """
    if quantity is None:
        quantity = draw(quantities())
    value = draw(ranges(kinds=(quantity.kind,), unit=quantity.unit, max_magnitude=10**4))
    said = draw(st.none() | dates())
    source = None
    attributed: bool = draw(st.booleans())
    if source_ids and attributed:
        source = draw(attributions(source_ids))
    return Claim(
        id if id is not None else draw(_NAMES),
        quantity.name,
        value,
        source,
        said,
        draw(spans()),
        draw(st.integers(1, 6)),
        draw(st.sampled_from(("observation", "estimate", "absence_of_evidence", "denial"))),
        draw(st.sampled_from((None, "about 8,000", "more than 3,000", "none"))),
        draw(st.sampled_from(("", "AJP, 5 Feb 2025"))),
        draw(st.sampled_from(("", 'a note; with "quotes"\nand a newline'))),
    )


@st.composite
def claim_sets(
    draw: st.DrawFn,
    *,
    max_quantities: int = 3,
    max_claims: int = 12,
    max_sources: int = 4,
    constraints: bool = True,
) -> ClaimSet:
    """Valid claim sets: every reference resolves. Shrinks toward few, simple claims.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(claim_sets())
    ... def test(cs):
    ...     assert all(c.quantity in cs.quantities_by_name for c in cs.claims)
    >>> test()
    """
    names = draw(st.lists(_NAMES, min_size=1, max_size=max_quantities, unique=True))
    kind: Kind = draw(st.sampled_from(("count", "amount")))
    qs = [
        Quantity(
            name,
            "proportion" if i and draw(st.integers(0, 3)) == 0 else kind,
            None,
            draw(st.booleans()),
        )
        for i, name in enumerate(names)
    ]
    source_ids = draw(st.lists(_NAMES, max_size=max_sources, unique=True))
    srcs = [draw(sources(ids=st.just(i))) for i in source_ids]
    n = draw(st.integers(0, max_claims))
    cls = []
    for i in range(n):
        q = draw(st.sampled_from(qs))
        claim = draw(claims(quantity=q, source_ids=tuple(source_ids), id=f"c{i}"))
        if q.kind != "proportion" and draw(st.integers(0, 5)) == 0:
            base = draw(st.sampled_from([b for b in qs if b.kind == q.kind]))
            share = draw(ranges(kinds=("proportion",)))
            claim = Claim(
                claim.id,
                claim.quantity,
                FractionOf(share, base.name),
                claim.source,
                claim.said_on,
                claim.period,
                claim.credibility,
                claim.evidence,
                claim.phrase,
                claim.citation,
                claim.notes,
            )
        cls.append(claim)
    cons = []
    same_kind = [q.name for q in qs if q.kind == kind]
    if constraints and len(same_kind) >= 2:
        for i in range(draw(st.integers(0, 2))):
            a, b = draw(st.permutations(same_kind))[:2]
            relation: Relation = draw(st.sampled_from(("<=", ">=", "=")))
            cons.append(Constraint(f"k{i}", a, relation, b, reason="generated"))
    return ClaimSet(qs, srcs, cls, cons)
