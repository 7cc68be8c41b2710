"""Who said a number, citing whom, reported by whom, and how far to trust them.

A :class:`Source` is a person, organisation or outlet with an Admiralty (NATO
AJP-2.1) source-reliability grade, A (completely reliable) to F (cannot be judged).
An :class:`Attribution` records the chain behind one claim: the source that said it,
the sources it cited (nearest first), and the outlets that relayed it (nearest first).

Claims resting on the same *origin* are not independent, however many outlets repeat
them. The origin is the deepest cited source, or the speaker when nothing is cited,
followed up to the organisation a person speaks for:

>>> hur = Source("hur", "Defence Intelligence of Ukraine", kind="intelligence_service", grade="B")
>>> budanov = Source("budanov", "Kyrylo Budanov", kind="person", grade="B", speaks_for="hur")
>>> registry = {s.id: s for s in (hur, budanov)}
>>> Attribution("budanov", reported_by=("twz", "ajp")).origin(registry)
'hur'
>>> Attribution("nyt", citing=("anon_officials",)).origin(registry)
'anon_officials'
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs

from claimrec.errors import ValidationError

__all__ = [
    "CREDIBILITY",
    "CREDIBILITY_WEIGHTS",
    "GRADES",
    "GRADE_WEIGHTS",
    "SOURCE_KINDS",
    "Attribution",
    "Grade",
    "Source",
    "SourceKind",
]

Grade: TypeAlias = Literal["A", "B", "C", "D", "E", "F"]
GRADES: Final[dict[str, str]] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""Admiralty source-reliability grades and their standard meanings."""

CREDIBILITY: Final[dict[int, str]] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""Admiralty information-credibility ratings and their standard meanings."""

GRADE_WEIGHTS: Final[Mapping[str, Fraction]] = {
    "A": Fraction(1),
    "B": Fraction(4, 5),
    "C": Fraction(3, 5),
    "D": Fraction(2, 5),
    "E": Fraction(1, 5),
    "F": Fraction(1, 2),
}
"""Default weight of each grade. F (cannot be judged) sits at the middle, not the bottom:
an unknown source is not thereby an unreliable one."""

CREDIBILITY_WEIGHTS: Final[Mapping[int, Fraction]] = {
    1: Fraction(1),
    2: Fraction(4, 5),
    3: Fraction(3, 5),
    4: Fraction(2, 5),
    5: Fraction(1, 5),
    6: Fraction(1, 2),
}
"""Default weight of each credibility rating; 6 (cannot be judged) sits at the middle."""

SourceKind: TypeAlias = Literal[
    "person",
    "government",
    "government_agency",
    "intelligence_service",
    "military",
    "news_outlet",
    "think_tank",
    "anonymous_officials",
    "organisation",
    "other",
]
SOURCE_KINDS: Final[tuple[str, ...]] = (
    "person",
    "government",
    "government_agency",
    "intelligence_service",
    "military",
    "news_outlet",
    "think_tank",
    "anonymous_officials",
    "organisation",
    "other",
)


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{attribute.name}: expected a non-empty string, got {value!r}")


def _ids(value: object, field: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(value)
    raise ValidationError(f"{field}: expected a source id or a list of source ids, got {value!r}")


def _citing(value: object) -> tuple[str, ...]:
    return _ids(value, "citing")


def _reported_by(value: object) -> tuple[str, ...]:
    return _ids(value, "reported_by")


def _all_ids(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[object, ...]
) -> None:
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(
                f"{attribute.name}: expected non-empty source ids, got {item!r} in {value!r}"
            )


@attrs.frozen
class Source:
    """A person, organisation or outlet that says or relays claims.

    >>> Source("nis", "National Intelligence Service (South Korea)", kind="spy agency")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: kind: expected one of person, government, ..., got 'spy agency'
    """

    id: str = attrs.field(validator=_non_empty)
    name: str = attrs.field(validator=_non_empty)
    kind: str = attrs.field(default="other")
    grade: str = attrs.field(default="F")
    speaks_for: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_non_empty)
    )
    notes: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @kind.validator
    def _check_kind(self, attribute: attrs.Attribute[str], value: object) -> None:
        if value not in SOURCE_KINDS:
            raise ValidationError(f"kind: expected one of {', '.join(SOURCE_KINDS)}, got {value!r}")

    @grade.validator
    def _check_grade(self, attribute: attrs.Attribute[str], value: object) -> None:
        if value not in GRADES:
            raise ValidationError(
                f"grade: expected an Admiralty reliability grade A-F, got {value!r}"
            )

    @property
    def grade_meaning(self) -> str:
        """The standard meaning of the grade.

        >>> Source("x", "X", grade="B").grade_meaning
        'usually reliable'
        """
        return GRADES[self.grade]


@attrs.frozen
class Attribution:
    """The chain behind a claim: said by, citing (nearest first), reported by (nearest first).

    >>> a = Attribution("anon_officials", reported_by=("nyt", "ajp"))
    >>> a.chain
    ('anon_officials', 'nyt', 'ajp')
    >>> Attribution("")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: said_by: expected a non-empty string, got ''
    """

    said_by: str = attrs.field(validator=_non_empty)
    citing: tuple[str, ...] = attrs.field(default=(), converter=_citing, validator=_all_ids)
    reported_by: tuple[str, ...] = attrs.field(
        default=(), converter=_reported_by, validator=_all_ids
    )

    @property
    def chain(self) -> tuple[str, ...]:
        """Every source id from the deepest one cited to the last outlet that relayed it.

        >>> Attribution("nyt", citing=("officials",), reported_by=("ajp",)).chain
        ('officials', 'nyt', 'ajp')
        """
        return (*reversed(self.citing), self.said_by, *self.reported_by)

    def origin(self, sources: Mapping[str, Source] | None = None) -> str:
        """The id of the independent origin: the deepest source, up to whom it speaks for.

        ``speaks_for`` links are followed (a spokesperson speaks for an agency) and a
        cycle of them stops at the first repeat.
        """
        origin = self.citing[-1] if self.citing else self.said_by
        seen = {origin}
        while sources is not None and origin in sources:
            parent = sources[origin].speaks_for
            if parent is None or parent in seen:
                break
            seen.add(parent)
            origin = parent
        return origin

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source id the attribution names, each once, in chain order."""
        return tuple(dict.fromkeys(self.chain))
