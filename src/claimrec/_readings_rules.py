"""Hedge and word rules for :mod:`claimrec.readings`, and the default lexicon's data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, exact, format_number
from claimrec.errors import ValidationError

Relation: TypeAlias = Literal["about", "exact", "more", "at_least", "less", "at_most", "or_equal"]
Position: TypeAlias = Literal["before", "after"]
_RELATIONS: Final[tuple[Relation, ...]] = (
    "about", "exact", "more", "at_least", "less", "at_most", "or_equal",
)
_BOUNDS: Final = frozenset(("more", "at_least", "less", "at_most"))


# -- rules ------------------------------------------------------------------------


def _is_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{attribute.name}: expected a non-empty name, got {value!r}")


def _one_of(choices: tuple[str, ...]) -> Callable[[object, attrs.Attribute[str], object], None]:
    def check(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
        if value not in choices:
            raise ValidationError(
                f"{attribute.name}: expected one of {', '.join(map(repr, choices))}, "
                f"got {value!r}"
            )

    return check


def _non_negative(value: object, field: str) -> Number:
    number = exact(value, field)
    if number < 0:
        raise ValidationError(f"{field}: expected a number >= 0, got {value!r}")
    return number


def _steps(value: object) -> Number:
    return _non_negative(value, "steps")


def _lower(value: object) -> Number:
    return _non_negative(value, "lower")


def _upper(value: object) -> Number | None:
    return None if value is None else _non_negative(value, "upper")


def _examples(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValidationError(f"examples: expected a tuple of phrases, got {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise ValidationError(f"examples: expected phrases (str), got {item!r}")
    return items


def _default_steps(rule: HedgeRule) -> Number:
    return Fraction(1, 2) if rule.relation == "about" else 1


@attrs.frozen
class HedgeRule:
    """How a hedge word changes the number it stands before (or after).

    ``relation`` says what the hedge does to the number *n*:

    - ``about``: entailed ``[n - s, n + s]`` with ``s = steps`` rounding steps;
    - ``more`` / ``at_least``: entailed ``(n, inf)`` / ``[n, inf)``, plausibly at most
      ``steps`` rounding steps above *n*;
    - ``less`` / ``at_most``: entailed ``[0, n)`` / ``[0, n]``, plausibly at most
      ``steps`` rounding steps below *n*;
    - ``exact``: ``[n, n]`` (words such as "exactly");
    - ``or_equal``: closes the strict bound of another hedge ("less than 5 or equal").

    ``steps`` defaults to 1/2 for ``about`` and 1 otherwise; 0 gives no plausible range.
    ``position`` is ``"after"`` for hedges that follow the number ("3,000 or more").

    >>> rule = HedgeRule("in excess of", "more", description="above the number")
    >>> rule.steps, rule.position
    (1, 'before')
    >>> HedgeRule("odd", "sideways")
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: relation: expected one of 'about', 'exact', ..., got 'sideways'
    """

    name: str = attrs.field(validator=_is_name)
    relation: Relation = attrs.field(validator=_one_of(_RELATIONS))
    steps: Number = attrs.field(
        default=attrs.Factory(_default_steps, takes_self=True),
        converter=_steps,
    )
    position: Position = attrs.field(default="before", validator=_one_of(("before", "after")))
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    examples: tuple[str, ...] = attrs.field(default=(), converter=_examples)


def _plausible_pair(value: object) -> tuple[Number, Number] | None:
    if value is None:
        return None
    if not isinstance(value, tuple) or len(value) != 2:
        raise ValidationError(f"plausible: expected a pair (lower, upper) or None, got {value!r}")
    return exact(value[0], "plausible lower"), exact(value[1], "plausible upper")


@attrs.frozen
class WordRule:
    """A word that stands for a number: "a few", "dozens", "none".

    The word reads as ``[lower, upper)`` (``upper=None``: unbounded; ``upper == lower``:
    exactly ``lower``) and plausibly as ``[plausible[0], plausible[1])``; both are
    multiplied by any scale word that follows when ``scalable``, so "a few" ``[2, 10)``
    makes "a few hundred" ``[200, 1000)``.

    >>> WordRule("several", 3, 10, plausible=(3, 8)).upper
    10
    >>> WordRule("bad", 5, 2)
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: word rule 'bad': lower (5) must be <= upper (2)
    """

    name: str = attrs.field(validator=_is_name)
    lower: Number = attrs.field(converter=_lower)
    upper: Number | None = attrs.field(default=None, converter=_upper)
    plausible: tuple[Number, Number] | None = attrs.field(
        default=None, converter=_plausible_pair
    )
    scalable: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    description: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    examples: tuple[str, ...] = attrs.field(default=(), converter=_examples)

    def __attrs_post_init__(self) -> None:
        if self.upper is not None and self.lower > self.upper:
            raise ValidationError(
                f"word rule {self.name!r}: lower ({format_number(self.lower)}) must be "
                f"<= upper ({format_number(self.upper)})"
            )
        if self.plausible is not None:
            lo, hi = self.plausible
            if lo >= hi or lo < self.lower or (self.upper is not None and hi > self.upper):
                raise ValidationError(
                    f"word rule {self.name!r}: plausible {self.plausible!r} must be a "
                    "pair lower < upper inside [lower, upper]"
                )


Rule: TypeAlias = HedgeRule | WordRule


class _Node:
    """A trie node over lexicon tokens."""

    __slots__ = ("key", "kids", "rule")

    def __init__(self) -> None:
        self.kids: dict[str, _Node] = {}
        self.rule: Rule | None = None
        self.key = ""


# -- the default lexicon's rules ------------------------------------------------


def _lexicon_data() -> list[tuple[str, Rule]]:
    about = HedgeRule(
        "about", "about",
        description="half the rounding step either way",
        examples=("about 8,000", "around 150", "roughly 40%", "some 2,000", "an estimated 1.2 million"),
    )
    more = HedgeRule(
        "more than", "more",
        description="above the number, plausibly by at most one rounding step",
        examples=("more than 3,000", "over 10,000", "exceeding 150", "above 1000", "upwards of 500"),
    )
    at_least = HedgeRule(
        "at least", "at_least",
        description="the number or above, plausibly less than one rounding step above",
        examples=("at least 200", "no fewer than 3,000", ">= 30", "a minimum of 40"),
    )
    less = HedgeRule(
        "less than", "less",
        description="below the number, plausibly by at most one rounding step",
        examples=("less than 3000", "fewer than a thousand", "under 170", "below 6.0"),
    )
    at_most = HedgeRule(
        "at most", "at_most",
        description="the number or below, plausibly less than one rounding step below",
        examples=("at most 100", "no more than 6", "up to 700", "as many as 12,000", "<= 100"),
    )
    nearly = HedgeRule(
        "nearly", "less",
        description="below the number (entailed), and within one rounding step of it (plausible)",
        examples=("nearly 10,000", "almost half", "not quite 200"),
    )
    just_under = HedgeRule(
        "just under", "less", steps=Fraction(1, 2),
        description="below the number, plausibly within half a rounding step",
        examples=("just under 3,000", "slightly fewer than 500"),
    )
    just_over = HedgeRule(
        "just over", "more", steps=Fraction(1, 2),
        description="above the number, plausibly within half a rounding step",
        examples=("just over 3,000", "slightly more than 40 percent"),
    )
    barely = HedgeRule(
        "barely", "at_most", steps=Fraction(1, 2),
        description="the number or below, plausibly within half a rounding step",
        examples=("barely 100", "only just 2,000"),
    )
    exactly = HedgeRule(
        "exactly", "exact",
        description="the number itself",
        examples=("exactly 12", "equal to 170", "equals 20"),
    )
    or_more = HedgeRule(
        "or more", "at_least", position="after",
        description="the number or above, plausibly less than one rounding step above",
        examples=("3,000 or more", "10,000-plus", "500+", "200 or greater"),
    )
    or_less = HedgeRule(
        "or less", "at_most", position="after",
        description="the number or below, plausibly less than one rounding step below",
        examples=("500 or fewer", "five hundred or less"),
    )
    or_so = HedgeRule(
        "or so", "about", position="after",
        description="half the rounding step either way",
        examples=("8,000 or so", "200 or thereabouts"),
    )
    odd = HedgeRule(
        "odd", "more", position="after",
        description="above the number, plausibly by at most one rounding step",
        examples=("thirty-odd", "40 odd"),
    )
    or_equal = HedgeRule(
        "or equal", "or_equal", steps=0, position="after",
        description="the bound includes the number",
        examples=("less than 5000 or equal", "more than 5000 or equal to"),
    )
    zero = WordRule(
        "zero-word", 0, 0, scalable=False,
        description="none at all",
        examples=("none", "no troops", "nil", "had withdrawn", "no signs of combat"),
    )
    few = WordRule(
        "a few", 2, 10, plausible=(3, 6),
        description="two to nine, plausibly three to five (times any scale word)",
        examples=("a few", "a few hundred", "a few thousand"),
    )
    several = WordRule(
        "several", 3, 10, plausible=(3, 8),
        description="three to nine, plausibly three to seven (times any scale word)",
        examples=("several", "several hundred", "several thousand"),
    )
    handful = WordRule(
        "a handful", 2, 10, plausible=(3, 7), scalable=False,
        description="two to nine, plausibly three to six",
        examples=("a handful of", "a handful"),
    )
    couple = WordRule(
        "a couple", 2, 4, plausible=(2, 3),
        description="two or three, plausibly two (times any scale word)",
        examples=("a couple of", "a couple of hundred"),
    )

    def plural(name: str, unit: int, *phrases: str) -> WordRule:
        return WordRule(
            name, 2 * unit, None, plausible=(2 * unit, 10 * unit),
            description=(
                f"at least two {format_number(unit)}s, plausibly fewer than ten "
                "(times any scale word after 'of')"
            ),
            examples=phrases,
        )

    dozens = WordRule(
        "dozens", 24, None, plausible=(24, 100),
        description="at least two dozen, plausibly fewer than a hundred",
        examples=("dozens", "dozens of", "dozens of thousands"),
    )
    scores = WordRule(
        "scores", 40, None, plausible=(40, 200),
        description="at least two score, plausibly fewer than two hundred",
        examples=("scores", "scores of"),
    )
    data: list[tuple[str, Rule]] = []

    def add(rule: Rule, *phrases: str) -> None:
        data.extend((phrase, rule) for phrase in phrases)

    add(about, "about", "around", "roughly", "approximately", "approx", "some", "an estimated",
        "estimated", "close to", "circa", "ca", "~", "≈", "in the region of",
        "on the order of", "an approximate")
    add(more, "more than", "over", "above", "exceeding", "exceeds", "exceeded", "exceed",
        "greater than", "larger than", "bigger than", "higher than", "in excess of",
        "upwards of", "upward of", "surpass", "surpassed", "surpassing", "north of", ">")
    add(at_least, "at least", "no fewer than", "no less than", "not less than",
        "not fewer than", "a minimum of", "at a minimum", ">=", "≥", "greater than or equal to",
        "greater or equal than", "greater or equal to", "bigger or equal than",
        "higher or equal than", "larger or equal than", "more than or equal to",
        "equal to or more than", "equal to or greater than", "at least or equal to")
    add(less, "less than", "fewer than", "under", "below", "lower than", "smaller than", "<")
    add(at_most, "at most", "no more than", "not more than", "up to", "as many as",
        "a maximum of", "<=", "≤", "less than or equal to", "less or equal than",
        "less or equal to", "smaller or equal than", "lower or equal than",
        "fewer than or equal to", "equal to or less than", "equal to or fewer than")
    add(nearly, "nearly", "almost", "not quite", "just shy of", "close on")
    add(just_under, "just under", "just below", "slightly less than", "slightly fewer than",
        "a little under", "a little less than", "just short of")
    add(just_over, "just over", "just above", "slightly more than", "slightly over",
        "a little over", "a little more than")
    add(barely, "barely", "only just", "scarcely", "hardly")
    add(exactly, "exactly", "precisely", "equal to", "equals", "equals to", "equal",
        "equaling", "equaling to", "equalling", "equalling to", "=", "a total of")
    add(or_more, "or more", "and more", "or greater", "or greater than", "or more than",
        "or above", "and above", "and over", "or over", "plus", "+", "and up")
    add(or_less, "or less", "or fewer", "and less", "and fewer", "or below", "and below",
        "or under", "and under", "or lower", "or less than", "or fewer than")
    add(or_so, "or so", "or thereabouts", "give or take")
    add(odd, "odd")
    add(or_equal, "or equal", "or equal to")
    add(zero, "none", "no", "nil", "nobody", "no one", "not one", "not a single", "not any",
        "withdrawn", "had withdrawn", "have withdrawn", "has withdrawn", "were withdrawn",
        "retreated", "had retreated", "have retreated", "has retreated", "pulled out",
        "had pulled out", "no sign of", "no signs of", "no sign", "no signs", "no evidence of")
    add(few, "a few")
    add(several, "several")
    add(handful, "a handful", "a handful of")
    add(couple, "a couple", "a couple of")
    add(dozens, "dozens", "dozens of")
    add(scores, "scores", "scores of")
    add(plural("tens of", 10, "tens of", "tens of thousands"), "tens", "tens of")
    add(plural("hundreds of", 100, "hundreds of", "hundreds of thousands"),
        "hundreds", "hundreds of")
    add(plural("thousands of", 1000, "thousands of", "thousands"), "thousands", "thousands of")
    add(plural("millions of", 10**6, "millions of", "millions"), "millions", "millions of")
    add(plural("billions of", 10**9, "billions of"), "billions", "billions of")
    return data
