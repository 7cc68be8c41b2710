"""Estimative language: ICD 203 likelihood words, and Admiralty codes as MISP tags.

US Intelligence Community Directive 203 fixes seven likelihood expressions, each in two
interchangeable rows ("likely" or "probable"), and the probability band each one means.
:func:`parse_likelihood` finds the expression in a sentence and gives its band as a
proportion :class:`~claimrec.ranges.Range`:

>>> parse_likelihood("The unit has likely withdrawn").band
Range(proportion (55%, 80%])
>>> likelihood_band("highly improbable")
Range(proportion [5%, 20%))

**Open and closed ends.** The bands meet at 5%, 20%, 45%, 55%, 80% and 95%. A boundary
belongs to the band nearer 50%, so the words never claim more than they must:
"roughly even chance" is ``[45%, 55%]``, "unlikely" ``[20%, 45%)``, "likely"
``(55%, 80%]``. The outer ends, 1% and 99%, are closed. The bands cover ``[1%, 99%]``
without overlap, and the convention is symmetric: the band of ``1 - p`` mirrors that of ``p``.

A likelihood can serve as a claim's confidence in two ways: as an Admiralty credibility
rating (:func:`credibility_for`, for :attr:`Claim.credibility <claimrec.claims.Claim>`),
or as a weight multiplier (:func:`confidence_weight`) to apply to a claim's weight.

Admiralty codes travel between tools as MISP taxonomy tags,
``admiralty-scale:source-reliability="b"`` and
``admiralty-scale:information-credibility="2"``:

>>> read_tags(['admiralty-scale:source-reliability="b"', 'tlp:white'])
('B', None)
>>> credibility_tag(2)
'admiralty-scale:information-credibility="2"'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Literal, overload

import attrs

from claimrec._exact import Number, exact
from claimrec.claims import Claim
from claimrec.errors import ParseError, ValidationError
from claimrec.provenance import CREDIBILITY, GRADES, Source
from claimrec.ranges import Range

__all__ = [
    "LIKELIHOODS",
    "MISP_NAMESPACE",
    "Likelihood",
    "apply_tags",
    "confidence_weight",
    "credibility_for",
    "credibility_tag",
    "describe_probability",
    "grade_tag",
    "likelihood_band",
    "parse_likelihood",
    "parse_tag",
    "read_tags",
    "tags_for",
]


@attrs.frozen
class Likelihood:
    """One ICD 203 likelihood expression: its words, its band, and its Admiralty rating.

    ``term`` is the first-row word, ``synonym`` the second-row word, ``variants`` every
    phrasing :func:`parse_likelihood` accepts (adverb forms included), ``band`` the
    probability band and ``credibility`` the Admiralty information rating it maps to.

    >>> LIKELIHOODS[4].term, LIKELIHOODS[4].synonym, str(LIKELIHOODS[4].band)
    ('likely', 'probable', '(55%, 80%]')
    """

    term: str
    synonym: str
    variants: tuple[str, ...]
    band: Range
    credibility: int


def _band(lower: str, upper: str, lower_closed: bool, upper_closed: bool) -> Range:
    return Range("proportion", lower, upper, lower_closed, upper_closed)


# Admiralty ratings: 1 means "confirmed by other sources", a statement about
# corroboration that no choice of words can make, so the scale tops out at 2.
LIKELIHOODS: Final[tuple[Likelihood, ...]] = (
    Likelihood(
        "almost no chance",
        "remote",
        ("almost no chance", "remote", "remote chance"),
        _band("1/100", "1/20", True, False),
        5,
    ),
    Likelihood(
        "very unlikely",
        "highly improbable",
        ("very unlikely", "highly improbable"),
        _band("1/20", "1/5", True, False),
        5,
    ),
    Likelihood(
        "unlikely",
        "improbable",
        ("unlikely", "improbable", "improbably"),
        _band("1/5", "9/20", True, False),
        4,
    ),
    Likelihood(
        "roughly even chance",
        "roughly even odds",
        ("roughly even chance", "roughly even odds"),
        _band("9/20", "11/20", True, True),
        3,
    ),
    Likelihood(
        "likely",
        "probable",
        ("likely", "probable", "probably"),
        _band("11/20", "4/5", False, True),
        2,
    ),
    Likelihood(
        "very likely",
        "highly probable",
        ("very likely", "highly probable"),
        _band("4/5", "19/20", False, True),
        2,
    ),
    Likelihood(
        "almost certain",
        "nearly certain",
        ("almost certain", "almost certainly", "nearly certain", "nearly certainly"),
        _band("19/20", "99/100", False, True),
        2,
    ),
)
"""The seven ICD 203 expressions, from least to most likely."""

_BY_VARIANT: Final[dict[str, Likelihood]] = {v: e for e in LIKELIHOODS for v in e.variants}
# Longest first, so "very unlikely" wins over "unlikely" at the same place. Every
# alternative is a fixed string between word boundaries: matching stays linear.
_TERMS: Final = re.compile(
    r"\b(not\s+)?("
    + "|".join(
        r"\s+".join(map(re.escape, v.split())) for v in sorted(_BY_VARIANT, key=len, reverse=True)
    )
    + r")\b",
    re.IGNORECASE,
)
_MAX_TEXT: Final = 10_000


def parse_likelihood(text: str) -> Likelihood:
    """The ICD 203 expression in ``text`` (a word or a sentence).

    Case and spacing do not matter. Repeating the same expression is fine; two
    different ones, a negated one ("not likely"), or none at all raise
    :class:`~claimrec.errors.ParseError`, since ICD 203 gives them no band.

    >>> parse_likelihood("We assess with moderate confidence that it is almost certainly so").term
    'almost certain'
    >>> parse_likelihood("not likely")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read 'not likely' as an ICD 203 likelihood: 'not likely' is negated, and ICD 203 gives a negation no band
    """
    if not isinstance(text, str):
        raise ParseError(f"likelihood: expected a string, got {text!r}")
    if len(text) > _MAX_TEXT:
        raise ParseError(
            f"cannot read a text of {len(text)} characters as an ICD 203 likelihood: "
            f"expected at most {_MAX_TEXT}",
            text=text[:60],
        )
    found: dict[str, Likelihood] = {}
    for match in _TERMS.finditer(text):
        if match.group(1):
            raise ParseError(
                f"cannot read {text!r} as an ICD 203 likelihood: {match.group(0)!r} is "
                "negated, and ICD 203 gives a negation no band",
                text=text,
                position=match.start(),
            )
        entry = _BY_VARIANT[" ".join(match.group(2).lower().split())]
        found[entry.term] = entry
    if not found:
        raise ParseError(
            f"cannot read {text!r} as an ICD 203 likelihood: expected one of "
            + ", ".join(repr(v) for e in LIKELIHOODS for v in (e.term, e.synonym)),
            text=text,
        )
    if len(found) > 1:
        raise ParseError(
            f"cannot read {text!r} as an ICD 203 likelihood: it uses "
            + " and ".join(repr(t) for t in found)
            + "; expected one expression",
            text=text,
        )
    return next(iter(found.values()))


def likelihood_band(text: str) -> Range:
    """The probability band of the ICD 203 expression in ``text``, as a proportion range.

    >>> likelihood_band("roughly even odds")
    Range(proportion [45%, 55%])
    """
    return parse_likelihood(text).band


def describe_probability(probability: object) -> Likelihood:
    """The ICD 203 expression whose band holds ``probability`` (a share, 0.7 = 70%).

    >>> describe_probability("0.7").term, describe_probability(Fraction(11, 20)).term
    ('likely', 'roughly even chance')
    >>> describe_probability(0.995)
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: probability: 0.995 lies outside the ICD 203 scale; expected 0.01 to 0.99
    """
    value = exact(probability, "probability")
    for entry in LIKELIHOODS:
        if entry.band.contains(value):
            return entry
    raise ValidationError(
        f"probability: {probability!r} lies outside the ICD 203 scale; expected 0.01 to 0.99"
    )


def credibility_for(text: str) -> int:
    """The Admiralty credibility rating (1-6) for an ICD 203 expression.

    "almost certain", "very likely" and "likely" give 2 (probably true), "roughly even
    chance" 3 (possibly true), "unlikely" 4 (doubtful), "very unlikely" and "almost no
    chance" 5 (improbable). Rating 1 (confirmed by other sources) is about corroboration,
    not wording, so no expression gives it.

    >>> credibility_for("very likely"), credibility_for("remote")
    (2, 5)
    """
    return parse_likelihood(text).credibility


_POINTS: Final = ("lower", "midpoint", "upper")


def confidence_weight(
    text: str, *, point: Literal["lower", "midpoint", "upper"] = "lower"
) -> Fraction:
    """A weight multiplier from an ICD 203 expression: a point of its band.

    ``lower`` (the default, the cautious reading) takes the band's lower end, ``upper``
    its upper end, ``midpoint`` its middle. Multiply a claim's weight by it, for
    example ``Weights().of(claim, sources)[0] * confidence_weight("likely")``.

    >>> confidence_weight("likely"), confidence_weight("likely", point="midpoint")
    (Fraction(11, 20), Fraction(27, 40))
    """
    if point not in _POINTS:
        raise ValidationError(f"point: expected one of {', '.join(_POINTS)}, got {point!r}")
    band = parse_likelihood(text).band
    assert band.lower is not None
    assert band.upper is not None
    value: Number
    if point == "lower":
        value = band.lower
    elif point == "upper":
        value = band.upper
    else:
        value = (Fraction(band.lower) + band.upper) / 2
    return Fraction(value)


# -- Admiralty codes as MISP tags ----------------------------------------------------

MISP_NAMESPACE: Final = "admiralty-scale"
"""The MISP taxonomy that carries Admiralty codes."""

_RELIABILITY: Final = "source-reliability"
_CREDIBILITY: Final = "information-credibility"
_TAG: Final = re.compile(
    r"\s*admiralty-scale\s*:\s*([a-z-]+)\s*=\s*(?:\"([^\"]*)\"|([^\"\s]*))\s*\Z", re.IGNORECASE
)


def grade_tag(grade: str) -> str:
    """The MISP tag for an Admiralty source-reliability grade A-F.

    >>> grade_tag("B")
    'admiralty-scale:source-reliability="b"'
    """
    given: object = grade
    if not isinstance(given, str) or given.upper() not in GRADES:
        raise ValidationError(f"grade: expected an Admiralty reliability grade A-F, got {grade!r}")
    return f'{MISP_NAMESPACE}:{_RELIABILITY}="{grade.lower()}"'


def credibility_tag(rating: int) -> str:
    """The MISP tag for an Admiralty information-credibility rating 1-6.

    >>> credibility_tag(6)
    'admiralty-scale:information-credibility="6"'
    """
    if type(rating) is not int or rating not in CREDIBILITY:
        raise ValidationError(
            f"credibility: expected an Admiralty credibility rating 1-6, got {rating!r}"
        )
    return f'{MISP_NAMESPACE}:{_CREDIBILITY}="{rating}"'


def parse_tag(tag: str) -> tuple[str, str | int]:
    """Read one admiralty-scale MISP tag: ``("source-reliability", "B")`` or
    ``("information-credibility", 2)``.

    Case and spaces around the parts do not matter, and the quotes may be left out.

    >>> parse_tag('admiralty-scale:information-credibility="3"')
    ('information-credibility', 3)
    >>> parse_tag('admiralty-scale:source-reliability="g"')
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read tag 'admiralty-scale:source-reliability="g"': source-reliability: expected a letter a-f, got 'g'
    """
    if not isinstance(tag, str):
        raise ParseError(f"tag: expected a string, got {tag!r}")
    match = _TAG.match(tag)
    if match is None:
        raise ParseError(
            f'cannot read tag {tag!r}: expected {MISP_NAMESPACE}:{_RELIABILITY}="a".."f" '
            f'or {MISP_NAMESPACE}:{_CREDIBILITY}="1".."6"',
            text=tag,
        )
    predicate = match.group(1).lower()
    value = match.group(2) if match.group(2) is not None else match.group(3)
    value = value.strip()
    if predicate == _RELIABILITY:
        if value.upper() not in GRADES or len(value) != 1:
            raise ParseError(
                f"cannot read tag {tag!r}: {_RELIABILITY}: expected a letter a-f, got {value!r}",
                text=tag,
            )
        return _RELIABILITY, value.upper()
    if predicate == _CREDIBILITY:
        if value not in {str(n) for n in CREDIBILITY}:
            raise ParseError(
                f"cannot read tag {tag!r}: {_CREDIBILITY}: expected a digit 1-6, got {value!r}",
                text=tag,
            )
        return _CREDIBILITY, int(value)
    raise ParseError(
        f"cannot read tag {tag!r}: predicate: expected {_RELIABILITY} or {_CREDIBILITY}, "
        f"got {match.group(1)!r}",
        text=tag,
    )


def read_tags(tags: Iterable[str]) -> tuple[str | None, int | None]:
    """The reliability grade and credibility rating in a list of MISP tags.

    Tags of other taxonomies are skipped; an admiralty-scale tag that cannot be read,
    or two that disagree, raise :class:`~claimrec.errors.ParseError`.

    >>> read_tags(['admiralty-scale:information-credibility="2"',
    ...            'admiralty-scale:information-credibility="2"'])
    (None, 2)
    >>> read_tags(['admiralty-scale:source-reliability="a"', 'admiralty-scale:source-reliability="c"'])
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: source-reliability: tags disagree: 'A' and 'C'
    """
    if isinstance(tags, str):
        raise ParseError(f"tags: expected a list of tags, got the string {tags!r}")
    found: dict[str, str | int] = {}
    items: Iterable[object] = tags
    for tag in items:
        if not (isinstance(tag, str) and tag.strip().lower().startswith(MISP_NAMESPACE + ":")):
            continue
        predicate, value = parse_tag(tag)
        if predicate in found and found[predicate] != value:
            raise ParseError(
                f"{predicate}: tags disagree: {found[predicate]!r} and {value!r}", text=tag
            )
        found[predicate] = value
    grade = found.get(_RELIABILITY)
    rating = found.get(_CREDIBILITY)
    assert grade is None or isinstance(grade, str)
    assert rating is None or isinstance(rating, int)
    return grade, rating


def tags_for(source: Source | None = None, claim: Claim | None = None) -> tuple[str, ...]:
    """The MISP tags for a source's grade and a claim's credibility.

    >>> tags_for(Source("nis", "NIS", grade="B"), Claim("c", "q", Range.exact(1), credibility=2))
    ('admiralty-scale:source-reliability="b"', 'admiralty-scale:information-credibility="2"')
    """
    tags = []
    if source is not None:
        tags.append(grade_tag(source.grade))
    if claim is not None:
        tags.append(credibility_tag(claim.credibility))
    return tuple(tags)


@overload
def apply_tags(item: Source, tags: Iterable[str]) -> Source: ...
@overload
def apply_tags(item: Claim, tags: Iterable[str]) -> Claim: ...


def apply_tags(item: Source | Claim, tags: Iterable[str]) -> Source | Claim:
    """A copy of a source with the grade, or of a claim with the credibility, the tags give.

    A source takes the source-reliability tag and a claim the information-credibility
    tag; the other tag, and tags of other taxonomies, leave it unchanged.

    >>> apply_tags(Source("nis", "NIS"), ['admiralty-scale:source-reliability="b"']).grade
    'B'
    >>> apply_tags(Claim("c", "q", Range.exact(1)), ['admiralty-scale:information-credibility="3"']).credibility
    3
    """
    grade, rating = read_tags(tags)
    if isinstance(item, Source):
        return item if grade is None else attrs.evolve(item, grade=grade)
    return item if rating is None else attrs.evolve(item, credibility=rating)
