"""Quantities, claims about them, constraints between them, and the set that holds them.

>>> from claimrec import Range, Span, Source
>>> cs = ClaimSet(
...     quantities=[Quantity("casualties", cumulative=True)],
...     sources=[Source("nis", "National Intelligence Service", kind="intelligence_service", grade="B")],
...     claims=[Claim("nis_losses", "casualties", Range.more_than(3000), source="nis",
...                   said_on="2025-02-04", period=Span.until("2025-02-05"))],
... )
>>> cs.claim("nis_losses").value
Range(count [3,001, inf))
>>> cs.claim("nis_losses").origin(cs.sources_by_id)
'nis'

Every reference is checked when the set is built, and the error names the item and field:

>>> ClaimSet(quantities=[Quantity("deployed")], claims=[Claim("x", "deplyoed", Range.at_least(1))])
Traceback (most recent call last):
...
claimrec.errors.ValidationError: claim 'x': quantity: unknown quantity 'deplyoed'; declared: deployed
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, exact, format_number
from claimrec.errors import ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import KINDS, FractionOf, Kind, Range
from claimrec.readings import Lexicon, Reading, read_range
from claimrec.spans import Span, to_date

__all__ = [
    "EVIDENCE_KINDS",
    "RELATIONS",
    "Claim",
    "ClaimSet",
    "Constraint",
    "Evidence",
    "Quantity",
    "Relation",
    "Term",
]

Evidence: TypeAlias = Literal["observation", "estimate", "absence_of_evidence", "denial"]
EVIDENCE_KINDS: Final[tuple[str, ...]] = (
    "observation",
    "estimate",
    "absence_of_evidence",
    "denial",
)
Relation: TypeAlias = Literal["<=", ">=", "=", "ratio"]
RELATIONS: Final[tuple[str, ...]] = ("<=", ">=", "=", "ratio")

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]*\Z")


def _check_name(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValidationError(
            f"{attribute.name}: expected a name of letters, digits, '_', '.' or '-' "
            f"starting with a letter or '_', got {value!r}"
        )


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise ValidationError(f"{attribute.name}: expected a string, got {value!r}")


@attrs.frozen
class Quantity:
    """A named quantity claims are about: its kind, unit, and behaviour over time.

    ``cumulative`` quantities (deaths to date) never decrease: the reconciler carries
    their lower bounds forward in time and upper bounds backward.

    >>> Quantity("casualties", cumulative=True)
    Quantity(name='casualties', kind='count', unit=None, cumulative=True, description='')
    >>> Quantity("distance", kind="length")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: quantity 'distance': kind: expected one of count, proportion, amount, got 'length'
    """

    name: str = attrs.field(validator=_check_name)
    kind: Kind = attrs.field(default="count")
    unit: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    cumulative: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    description: str = attrs.field(default="", validator=_check_text)

    def __attrs_post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValidationError(
                f"quantity {self.name!r}: kind: expected one of {', '.join(KINDS)}, "
                f"got {self.kind!r}"
            )
        if self.unit is not None and self.kind != "amount":
            raise ValidationError(
                f"quantity {self.name!r}: unit: only amount quantities have a unit, "
                f"got {self.unit!r} on a {self.kind}"
            )

    def unbounded(self) -> Range:
        """The range of every value this quantity's kind allows.

        >>> Quantity("share", kind="proportion").unbounded()
        Range(proportion [0, 100%])
        """
        return Range.unbounded(kind=self.kind, unit=self.unit)


def _to_attribution(value: object) -> Attribution | None:
    if value is None or isinstance(value, Attribution):
        return value
    if isinstance(value, str):
        return Attribution(value)
    raise ValidationError(f"source: expected a source id or an Attribution, got {value!r}")


def _to_period(value: object) -> Span:
    if isinstance(value, Span):
        return value
    if value is None:
        return Span()
    raise ValidationError(f"period: expected a Span, got {value!r}")


def _optional_day(value: object) -> dt.date | None:
    return None if value is None else to_date(value, "said_on")


@attrs.frozen
class Claim:
    """One statement of a value for a quantity, with its time, provenance and weight.

    ``value`` is a :class:`Range` of the quantity's kind, or a :class:`FractionOf`
    another quantity. ``source`` is an :class:`Attribution` (a plain source id is
    the attribution "said by that source"). ``credibility`` is the Admiralty
    information rating, 1 (confirmed) to 6 (cannot be judged). ``evidence`` says what
    kind of statement it is: an ``observation``, an ``estimate``, an
    ``absence_of_evidence`` ("no signs of"), or a ``denial``.

    >>> Claim("nyt", "in_combat", Range.exact(0), source="anon_officials", evidence="rumour")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: claim 'nyt': evidence: expected one of observation, estimate, absence_of_evidence, denial, got 'rumour'
    """

    id: str = attrs.field(validator=_check_name)
    quantity: str = attrs.field(validator=_check_name)
    value: Range | FractionOf = attrs.field()
    source: Attribution | None = attrs.field(default=None, converter=_to_attribution)
    said_on: dt.date | None = attrs.field(default=None, converter=_optional_day)
    period: Span = attrs.field(default=attrs.Factory(Span), converter=_to_period)
    credibility: int = attrs.field(default=6)
    evidence: Evidence = attrs.field(default="estimate")
    phrase: str | None = attrs.field(default=None, validator=attrs.validators.optional(_check_text))
    citation: str = attrs.field(default="", validator=_check_text)
    notes: str = attrs.field(default="", validator=_check_text)
    reading: Reading | None = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def from_phrase(
        cls,
        id: str,
        quantity: str,
        phrase: str,
        *,
        kind: Kind | None = None,
        base: str | None = None,
        lexicon: Lexicon | None = None,
        **fields: Any,
    ) -> Claim:
        """A claim whose value is read from ``phrase``; the :class:`Reading` is kept.

        ``base`` names the quantity a share is of ("up to 50 percent" of deployed);
        ``lexicon`` replaces the default rules for reading phrases.

        >>> c = Claim.from_phrase("nis_losses", "casualties", "more than 3,000")
        >>> c.value, c.reading.rule
        (Range(count [3,001, inf)), 'more than')
        >>> Claim.from_phrase("jones", "casualties", "up to 50 percent", base="deployed").value
        FractionOf(share=Range(proportion [0, 50%]), base='deployed')
        """
        reading = read_range(
            phrase, kind="proportion" if base else kind, base=base, lexicon=lexicon
        )
        return cls(id, quantity, reading.value, phrase=phrase, reading=reading, **fields)

    def __attrs_post_init__(self) -> None:
        if self.reading is not None and not isinstance(self.reading, Reading):
            self._fail("reading", f"expected a Reading or None, got {self.reading!r}")
        if not isinstance(self.value, Range | FractionOf):
            self._fail("value", f"expected a Range or a FractionOf, got {self.value!r}")
        credibility: object = self.credibility
        # 3.0 == 3, so `in range` alone would let floats and Fractions through.
        if type(credibility) is not int or credibility not in range(1, 7):
            self._fail(
                "credibility",
                f"expected an Admiralty credibility rating 1-6, got {self.credibility!r}",
            )
        if self.evidence not in EVIDENCE_KINDS:
            self._fail(
                "evidence", f"expected one of {', '.join(EVIDENCE_KINDS)}, got {self.evidence!r}"
            )
        if isinstance(self.value, Range) and self.value.is_empty:
            self._fail("value", "an empty range claims nothing; expected a non-empty range")

    def _fail(self, field: str, message: str) -> None:
        raise ValidationError(f"claim {self.id!r}: {field}: {message}")

    def origin(self, sources: Mapping[str, Source] | None = None) -> str:
        """The independent origin of the claim (see :mod:`claimrec.provenance`).

        An unattributed claim is its own origin, under its own id.

        >>> Claim("c1", "q", Range.exact(1)).origin()
        'c1'
        """
        if self.source is None:
            return self.id
        return self.source.origin(sources)

    def describe(self) -> str:
        """A short text of the value and the phrase it rests on.

        >>> Claim("nis_losses", "casualties", Range.more_than(3000), phrase="more than 3,000").describe()
        "[3,001, inf) ('more than 3,000')"
        """
        text = str(self.value)
        return f"{text} ({self.phrase!r})" if self.phrase else text

    def _repr_html_(self) -> str:
        return f"<b>{self.id}</b>: {self.quantity} = <code>{self.value}</code>" + (
            f" &ldquo;{self.phrase}&rdquo;" if self.phrase else ""
        )


def _coefficient(value: object) -> Number:
    return exact(value, "coefficient")


@attrs.frozen
class Term:
    """``coefficient * quantity`` inside a linear constraint.

    >>> str(Term(Fraction(1, 2), "deployed"))
    '0.5*deployed'
    """

    coefficient: Number = attrs.field(converter=_coefficient)
    quantity: str = attrs.field(validator=_check_name)

    def __str__(self) -> str:
        if self.coefficient == 1:
            return self.quantity
        return f"{format_number(self.coefficient, grouping=False)}*{self.quantity}"


def _terms(value: object) -> tuple[Term, ...]:
    if isinstance(value, str):
        return (Term(1, value),)
    if isinstance(value, Term):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(item if isinstance(item, Term) else Term(1, item) for item in value)
    raise ValidationError(f"terms: expected quantity names or Terms, got {value!r}")


_TERM = re.compile(
    # No two runs of spaces touch, so a failed match cannot backtrack quadratically.
    r"\s*(?:([+-])\s*)?(?:(\d+(?:\.\d+|/0*[1-9]\d*)?)\s*(?:\*\s*)?)?([A-Za-z_][A-Za-z0-9_.]*)\s*"
)


@attrs.frozen
class Constraint:
    """A relation between quantities that every true state of the world satisfies.

    Linear: ``sum(left) <= sum(right)`` (or ``>=``, ``=``) with exact coefficients.
    Ratio: ``left = share * right`` with ``share`` a proportion range.
    Build them from text with :meth:`parse`:

    >>> c = Constraint.parse("c2", "in_combat + casualties <= deployed",
    ...                      reason="the killed and injured are no longer in combat")
    >>> str(c), c.quantities
    ('in_combat + casualties <= deployed', ('casualties', 'deployed', 'in_combat'))
    >>> str(Constraint.ratio("r1", "casualties", Range.at_most("0.5", kind="proportion"), "deployed"))
    'casualties = [0, 50%] * deployed'
    """

    id: str = attrs.field(validator=_check_name)
    left: tuple[Term, ...] = attrs.field(converter=_terms)
    relation: Relation = attrs.field()
    right: tuple[Term, ...] = attrs.field(converter=_terms)
    share: Range | None = attrs.field(default=None)
    reason: str = attrs.field(default="", validator=_check_text)

    def __attrs_post_init__(self) -> None:
        where = f"constraint {self.id!r}"
        if self.relation not in RELATIONS:
            raise ValidationError(
                f"{where}: relation: expected one of {', '.join(RELATIONS)}, got {self.relation!r}"
            )
        if not self.left or not self.right:
            raise ValidationError(f"{where}: both sides need at least one quantity")
        if self.relation == "ratio":
            if self.share is None or self.share.kind != "proportion":
                raise ValidationError(
                    f"{where}: share: a ratio needs a proportion range, got {self.share!r}"
                )
            if len(self.left) != 1 or len(self.right) != 1:
                raise ValidationError(f"{where}: a ratio links exactly one quantity to one base")
        elif self.share is not None:
            raise ValidationError(
                f"{where}: share: only a ratio constraint has a share, got {self.share!r}"
            )

    @classmethod
    def parse(cls, id: str, text: str, *, reason: str = "") -> Constraint:
        """A linear constraint from text such as ``"a + 2*b <= c"`` or ``"x >= 1/2 y"``.

        >>> Constraint.parse("c1", "casualties <= deployed").relation
        '<='
        >>> Constraint.parse("c9", "casualties << deployed")
        Traceback (most recent call last):
        ...
        claimrec.errors.ValidationError: constraint 'c9': expression: expected 'left <= right', 'left >= right' or 'left = right' with '+'-separated terms, got 'casualties << deployed'
        """
        for relation in ("<=", ">=", "="):
            left_text, sep, right_text = text.partition(relation)
            if sep:
                left = _parse_side(left_text)
                right = _parse_side(right_text)
                if left is not None and right is not None:
                    return cls(id, left, relation, right, reason=reason)
                break
        raise ValidationError(
            f"constraint {id!r}: expression: expected 'left <= right', 'left >= right' or "
            f"'left = right' with '+'-separated terms, got {text!r}"
        )

    @classmethod
    def ratio(
        cls, id: str, quantity: str, share: Range, base: str, *, reason: str = ""
    ) -> Constraint:
        """``quantity = share * base``, ``share`` a proportion range."""
        return cls(id, quantity, "ratio", base, share=share, reason=reason)

    @property
    def quantities(self) -> tuple[str, ...]:
        """The names of the quantities linked, sorted, each once."""
        return tuple(sorted({t.quantity for t in (*self.left, *self.right)}))

    def __str__(self) -> str:
        left = _side_text(self.left)
        right = _side_text(self.right)
        if self.relation == "ratio":
            return f"{left} = {self.share} * {right}"
        return f"{left} {self.relation} {right}"


def _side_text(terms: tuple[Term, ...]) -> str:
    text = ""
    for i, term in enumerate(terms):
        if term.coefficient < 0:
            text += (
                f" - {Term(-term.coefficient, term.quantity)}"
                if i
                else f"-{Term(-term.coefficient, term.quantity)}"
            )
        else:
            text += f" + {term}" if i else str(term)
    return text


def _parse_side(text: str) -> tuple[Term, ...] | None:
    terms: list[Term] = []
    pos = 0
    while pos < len(text):
        match = _TERM.match(text, pos)
        if match is None or (terms and match.group(1) is None) or match.end() == pos:
            return None
        sign, coefficient, name = match.groups()
        value = Fraction(coefficient) if coefficient else Fraction(1)
        terms.append(Term(-value if sign == "-" else value, name))
        pos = match.end()
    return tuple(terms) or None


def _tuple_of(value: object, cls: type[Any], what: str) -> tuple[Any, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ValidationError(f"{what}: expected a list of {cls.__name__}, got {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, cls):
            raise ValidationError(f"{what}: expected {cls.__name__} items, got {item!r}")
    return items


def _quantities(value: object) -> tuple[Quantity, ...]:
    return _tuple_of(value, Quantity, "quantities")


def _sources(value: object) -> tuple[Source, ...]:
    return _tuple_of(value, Source, "sources")


def _claims(value: object) -> tuple[Claim, ...]:
    return _tuple_of(value, Claim, "claims")


def _constraints(value: object) -> tuple[Constraint, ...]:
    return _tuple_of(value, Constraint, "constraints")


@attrs.frozen
class ClaimSet:
    """Quantities, sources, claims and constraints, checked together.

    Unknown names, duplicate ids and kind or unit mismatches raise
    :class:`~claimrec.errors.ValidationError` naming the item and the field.
    Claims and constraints share one id namespace, since conflicts list both.
    """

    quantities: tuple[Quantity, ...] = attrs.field(default=(), converter=_quantities)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    constraints: tuple[Constraint, ...] = attrs.field(default=(), converter=_constraints)
    quantities_by_name: Mapping[str, Quantity] = attrs.field(init=False, eq=False, repr=False)
    sources_by_id: Mapping[str, Source] = attrs.field(init=False, eq=False, repr=False)
    claims_by_id: Mapping[str, Claim] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        quantities = _index(self.quantities, "quantity", lambda q: q.name)
        sources = _index(self.sources, "source", lambda s: s.id)
        claims = _index(self.claims, "claim", lambda c: c.id)
        _index((*self.claims, *self.constraints), "claim or constraint", lambda c: c.id)
        for source in self.sources:
            if source.speaks_for is not None and source.speaks_for not in sources:
                raise ValidationError(
                    f"source {source.id!r}: speaks_for: unknown source {source.speaks_for!r}"
                )
        for claim in self.claims:
            _check_claim(claim, quantities, sources)
        for constraint in self.constraints:
            _check_constraint(constraint, quantities)
        object.__setattr__(self, "quantities_by_name", quantities)
        object.__setattr__(self, "sources_by_id", sources)
        object.__setattr__(self, "claims_by_id", claims)

    def quantity(self, name: str) -> Quantity:
        """The quantity called ``name``."""
        try:
            return self.quantities_by_name[name]
        except KeyError:
            raise ValidationError(f"quantity: unknown quantity {name!r}") from None

    def claim(self, id: str) -> Claim:
        """The claim with id ``id``."""
        try:
            return self.claims_by_id[id]
        except KeyError:
            raise ValidationError(f"claim: unknown claim id {id!r}") from None

    def claims_about(self, name: str) -> tuple[Claim, ...]:
        """The claims about quantity ``name``, in the set's order.

        >>> ClaimSet(quantities=[Quantity("q")]).claims_about("q")
        ()
        """
        self.quantity(name)
        return tuple(c for c in self.claims if c.quantity == name)

    def origin(self, claim: Claim) -> str:
        """The independent origin of ``claim``, resolved against this set's sources."""
        return claim.origin(self.sources_by_id)

    @classmethod
    def from_dataframe(
        cls,
        df: Any,
        *,
        quantities: Iterable[Quantity | str],
        sources: Iterable[Source] = (),
        constraints: Iterable[Constraint] = (),
    ) -> ClaimSet:
        """A set from a pandas frame with a row per claim (see :mod:`claimrec.frames`)."""
        from claimrec.frames import claimset_from_dataframe

        return claimset_from_dataframe(
            df, quantities=quantities, sources=sources, constraints=constraints
        )

    def add(
        self,
        *items: Quantity | Source | Claim | Constraint,
    ) -> ClaimSet:
        """A new set with ``items`` added (each checked like the rest).

        >>> cs = ClaimSet().add(Quantity("q"), Claim("a", "q", Range.exact(3)))
        >>> len(cs.claims)
        1
        """
        buckets: dict[type[Any], list[Any]] = {Quantity: [], Source: [], Claim: [], Constraint: []}
        for item in items:
            if type(item) not in buckets:
                raise ValidationError(
                    f"add: expected Quantity, Source, Claim or Constraint items, got {item!r}"
                )
            buckets[type(item)].append(item)
        return ClaimSet(
            quantities=(*self.quantities, *buckets[Quantity]),
            sources=(*self.sources, *buckets[Source]),
            claims=(*self.claims, *buckets[Claim]),
            constraints=(*self.constraints, *buckets[Constraint]),
        )


def _index(items: Iterable[Any], what: str, key: Any) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for item in items:
        name = key(item)
        if name in index:
            raise ValidationError(f"{what} {name!r}: id: duplicate id {name!r}")
        index[name] = item
    return index


def _check_claim(
    claim: Claim, quantities: Mapping[str, Quantity], sources: Mapping[str, Source]
) -> None:
    where = f"claim {claim.id!r}"
    quantity = quantities.get(claim.quantity)
    if quantity is None:
        raise ValidationError(
            f"{where}: quantity: unknown quantity {claim.quantity!r}; declared: "
            + (", ".join(sorted(quantities)) or "none")
        )
    value = claim.value
    if isinstance(value, FractionOf):
        base = quantities.get(value.base)
        if base is None:
            raise ValidationError(f"{where}: value: unknown base quantity {value.base!r}")
        if (base.kind, base.unit) != (
            quantity.kind,
            quantity.unit,
        ) or quantity.kind == "proportion":
            raise ValidationError(
                f"{where}: value: a share of {base.name!r} ({base.kind}) cannot give "
                f"{quantity.name!r} ({quantity.kind}); expected a count or amount base of "
                "the same kind and unit"
            )
    elif (value.kind, value.unit) != (quantity.kind, quantity.unit):
        raise ValidationError(
            f"{where}: value: {value.kind} range"
            + (f" in {value.unit!r}" if value.unit else "")
            + f" does not fit quantity {quantity.name!r}, "
            + ("an" if quantity.kind == "amount" else "a")
            + f" {quantity.kind}"
            + (f" in {quantity.unit!r}" if quantity.unit else "")
        )
    if claim.source is not None:
        for source_id in claim.source.sources:
            if source_id not in sources:
                raise ValidationError(f"{where}: source: unknown source {source_id!r}")


def _check_constraint(constraint: Constraint, quantities: Mapping[str, Quantity]) -> None:
    where = f"constraint {constraint.id!r}"
    kinds = set()
    for name in constraint.quantities:
        quantity = quantities.get(name)
        if quantity is None:
            raise ValidationError(f"{where}: quantity: unknown quantity {name!r}")
        kinds.add((quantity.kind, quantity.unit))
    if len(kinds) > 1:
        raise ValidationError(
            f"{where}: quantities of different kinds or units cannot be compared: "
            + ", ".join(f"{q} ({quantities[q].kind})" for q in constraint.quantities)
        )
