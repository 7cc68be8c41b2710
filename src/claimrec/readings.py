"""Readings of number phrases: "about 8,000", "more than 3,000", "up to half".

:func:`read_range` turns a phrase into a :class:`Reading`: the numbers it found, the
hedge, the lexicon rule applied, what the words guarantee (``entailed``) and, where the
words imply more, a narrower ``plausible`` range:

>>> r = read_range("more than 3,000 casualties")
>>> r.entailed, r.plausible
(Range(count [3,001, inf)), Range(count [3,001, 4,000]))
>>> print(r.explain())
'more than 3,000 casualties' read as [3,001, inf) (rule 'more than': above the number, \
plausibly by at most one rounding step); plausibly [3,001, 4,000]
>>> parse_range("about 8,000")
Range(count [7,500, 8,500])
>>> parse_range("up to 50 percent")
Range(proportion [0, 50%])

The hedges and quantity words are data in a :class:`Lexicon` that callers can list,
override and extend; docs/readings.md lists every rule with examples.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number, exact, format_number, simplify, to_json_number
from claimrec.errors import ParseError, ValidationError
from claimrec.ranges import KINDS, FractionOf, Kind, Range, format_value

__all__ = [
    "DEFAULT_LEXICON",
    "MAX_PHRASE_LENGTH",
    "HedgeRule",
    "Lexicon",
    "Position",
    "Reading",
    "Relation",
    "Rule",
    "WordRule",
    "parse_range",
    "read_range",
]

Relation: TypeAlias = Literal["about", "exact", "more", "at_least", "less", "at_most", "or_equal"]
Position: TypeAlias = Literal["before", "after"]
_RELATIONS: Final[tuple[Relation, ...]] = (
    "about", "exact", "more", "at_least", "less", "at_most", "or_equal",
)
_BOUNDS: Final = frozenset(("more", "at_least", "less", "at_most"))

MAX_PHRASE_LENGTH: Final = 10_000
"""Longer texts are refused at once: a phrase, or the sentence around it, is far shorter."""

_MAX_NUMBER_CHARS: Final = 40
_MAX_MAGNITUDE: Final = 10**60


# -- rules and the lexicon ----------------------------------------------------


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


def _normal_key(phrase: object) -> str:
    if not isinstance(phrase, str):
        raise ValidationError(f"phrase: expected a str, got {phrase!r}")
    tokens = _TOKEN_RE.findall(phrase.lower())
    if not tokens or len(tokens) > 8 or any(_is_number_token(t) for t in tokens):
        raise ValidationError(
            f"phrase: expected 1 to 8 words or signs without digits, got {phrase!r}"
        )
    return " ".join(tokens)


def _entries(value: object) -> tuple[tuple[str, Rule], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    if not isinstance(items, Iterable) or isinstance(items, str):
        raise ValidationError(f"entries: expected a mapping of phrase -> rule, got {value!r}")
    seen: dict[str, Rule] = {}
    for item in items:
        if not isinstance(item, tuple) or len(item) != 2:
            raise ValidationError(f"entries: expected (phrase, rule) pairs, got {item!r}")
        key = _normal_key(item[0])
        if not isinstance(item[1], (HedgeRule, WordRule)):
            raise ValidationError(
                f"entries[{item[0]!r}]: expected a HedgeRule or WordRule, got {item[1]!r}"
            )
        if key in seen:
            raise ValidationError(f"entries: phrase {key!r} is given twice")
        seen[key] = item[1]
    return tuple(sorted(seen.items()))


@attrs.frozen(repr=False)
class Lexicon:
    """The hedges and quantity words :func:`read_range` knows, as phrase -> rule.

    Phrases are matched whole, longest first, case-insensitively; ``"<="`` and
    ``"< ="`` are the same phrase. A lexicon is immutable: :meth:`with_rule` and
    :meth:`without` return new ones.

    >>> lex = DEFAULT_LEXICON.with_rule("in the ballpark of", DEFAULT_LEXICON.rule("about"))
    >>> read_range("in the ballpark of 8,000", lexicon=lex).entailed
    Range(count [7,500, 8,500])
    >>> "about" in DEFAULT_LEXICON.without("about")
    False
    """

    entries: tuple[tuple[str, Rule], ...] = attrs.field(converter=_entries)
    _trie: _Node = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        root = _Node()
        for key, rule in self.entries:
            node = root
            for token in key.split(" "):
                node = node.kids.setdefault(token, _Node())
            node.rule, node.key = rule, key
        object.__setattr__(self, "_trie", root)

    def rules(self) -> tuple[tuple[str, Rule], ...]:
        """Every ``(phrase, rule)`` pair, sorted by phrase.

        >>> dict(DEFAULT_LEXICON.rules())["roughly"].name
        'about'
        """
        return self.entries

    def rule(self, phrase: str) -> Rule:
        """The rule for ``phrase``; :class:`~claimrec.errors.ValidationError` if absent.

        >>> DEFAULT_LEXICON.rule("Or More").relation
        'at_least'
        """
        key = _normal_key(phrase)
        for known, rule in self.entries:
            if known == key:
                return rule
        raise ValidationError(f"phrase: {phrase!r} is not in the lexicon")

    def with_rule(self, phrase: str, rule: Rule) -> Lexicon:
        """A lexicon where ``phrase`` reads by ``rule`` (added, or replacing the old one).

        >>> strict = DEFAULT_LEXICON.with_rule("about", HedgeRule("about", "about", steps=1))
        >>> parse_range("about 8,000", lexicon=strict)
        Range(count [7,000, 9,000])
        """
        key = _normal_key(phrase)
        return Lexicon([(k, r) for k, r in self.entries if k != key] + [(key, rule)])

    def without(self, phrase: str) -> Lexicon:
        """A lexicon without ``phrase``; :class:`~claimrec.errors.ValidationError` if absent.

        >>> len(DEFAULT_LEXICON.without("some")) == len(DEFAULT_LEXICON) - 1
        True
        """
        key = _normal_key(phrase)
        if key not in self:
            raise ValidationError(f"phrase: {phrase!r} is not in the lexicon")
        return Lexicon([(k, r) for k, r in self.entries if k != key])

    def __contains__(self, phrase: object) -> bool:
        try:
            key = _normal_key(phrase)
        except ValidationError:
            return False
        return any(known == key for known, _ in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon(<{len(self.entries)} phrases>)"


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


# -- tokens ---------------------------------------------------------------------

# One pass over the text; every alternative is either fixed-width or a single greedy
# run that can only give back its last character, so scanning is linear in the input.
_SUFFIX = r"(?:(?:k|mn|m|bn|b|tn)(?![^\W\d_]))?"
_TOKEN_RE: Final = re.compile(
    r"[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3}(?![0-9]))+(?:\.[0-9]+)?" + _SUFFIX
    + r"|[0-9](?:[0-9,.]*[0-9])?" + _SUFFIX
    + r"|\.[0-9]+"
    + r"|[^\W\d_]+(?:['’][^\W\d_]+)?"
    + r"|\S"
)
_NUMBER_RE: Final = re.compile(
    r"([0-9]{1,3}(?:([, \u00a0\u2009\u202f])[0-9]{3})(?:\2[0-9]{3})*|[0-9]*)"
    r"(?:\.([0-9]+))?(k|mn|m|bn|b|tn|)"
)
_SUFFIXES: Final[dict[str, int]] = {
    "": 1, "k": 10**3, "m": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9, "tn": 10**12,
}


def _is_number_token(token: str) -> bool:
    return token[0] in "0123456789" or (token[0] == "." and len(token) > 1)


def _tokens(text: str) -> list[str]:
    low = text.lower()
    if len(low) != len(text):
        # A few characters lengthen when lowered (e.g. 'İ'); keep offsets aligned.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return _TOKEN_RE.findall(low)


def _position(text: str, index: int) -> int:
    """The character offset of token ``index`` (the end of the text past the last one)."""
    low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for count, match in enumerate(_TOKEN_RE.finditer(low)):
        if count == index:
            return match.start()
    return len(text)


class _Fail(Exception):
    """Reading stopped at token ``index``; ``expected`` says what would have fitted."""

    def __init__(self, index: int, expected: str) -> None:
        super().__init__(expected)
        self.index = index
        self.expected = expected


def _digits(token: str, index: int) -> tuple[Number, int]:
    """The value written by a digit token, and the multiplier of its suffix ("8k")."""
    match = _NUMBER_RE.fullmatch(token)
    if match is None or len(token) > _MAX_NUMBER_CHARS:
        raise _Fail(index, "a number written with digits grouped by 3 (such as 3,000 or 2.5)")
    whole, sep, frac, suffix = match.groups()
    if frac is not None and len(frac) == 3 and not sep and whole[:1] != "0" and whole:
        raise _Fail(
            index,
            "an unambiguous number ('3.000' may mean 3 or 3,000: write 3,000 or 3.0)",
        )
    digits = whole.replace(sep, "") if sep else whole
    value: Number = int(digits or "0")
    if frac:
        value = simplify(Fraction(int(digits + frac), 10 ** len(frac)))
    mult = _SUFFIXES[suffix]
    return value * mult, mult


# -- number words -------------------------------------------------------------------

_UNITS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS: Final[dict[str, int]] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_HUNDREDS: Final = frozenset(("hundred", "hundreds"))
_BIG: Final[dict[str, int]] = {
    "thousand": 10**3, "thousands": 10**3, "million": 10**6, "millions": 10**6,
    "mn": 10**6, "billion": 10**9, "billions": 10**9, "bn": 10**9, "trillion": 10**12,
    "trillions": 10**12, "dozen": 12, "dozens": 12,
}
_DIGIT_WORDS: Final[dict[str, str]] = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}
_DENOMINATORS: Final[dict[str, int]] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10, "twentieth": 20, "twentieths": 20, "hundredth": 100,
    "hundredths": 100, "thousandth": 1000, "thousandths": 1000,
}
_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
    "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100, "thousandth": 1000,
}
_ORDINAL_SUFFIXES: Final = frozenset(("st", "nd", "rd", "th"))
_NUMBER_WORDS: Final = frozenset(
    (*_UNITS, *_TEENS, *_TENS, "a", "an", "half", "point", "the")
)
_SIGNS: Final = frozenset(("-", "−", "minus", "negative"))
_CURRENCY: Final = frozenset(("$", "€", "£", "¥", "₹"))
_CONNECTORS: Final = frozenset(("to", "-", "–", "—", "through", "thru", "till", "until", "~", "or"))
_FROM_CONNECTORS: Final = _CONNECTORS - {"or", "~"} | {"and"}
_CONJUNCTIONS: Final = frozenset(("and", "but", ",", "yet", "while"))
_UNIT_SIGNS: Final = frozenset(("'", '"', "″", "′", "°", *_CURRENCY))
_STRUCTURE_WORDS: Final = frozenset(("and", "or", "to", "through", "thru", "till", "until", "but"))
_LINKS: Final = _CONNECTORS | _CONJUNCTIONS
_AND: Final = frozenset(("and",))
_RANGE_WHY: Final = {
    "between": "from the one number to the other, both included",
    "either": "one number or the other, or a value between",
}
_SCALES: Final = _HUNDREDS | frozenset(_BIG)
_FRACTION_STARTS: Final = frozenset(("half", "a", "an", "one"))
_PERCENT: Final = frozenset(("%", "percent", "pct", "percentage"))


def _place(value: Number) -> Number:
    """The place value of the last non-zero digit of ``value`` > 0 written in decimal.

    A fraction with no finite decimal (1/3) takes the place of its leading digit.
    """
    if isinstance(value, int):
        place = 1
        while value % (place * 10) == 0:
            place *= 10
        return place
    den = value.denominator
    places = 0
    while den % 10 == 0:
        den //= 10
        places += 1
    while den % 2 == 0 or den % 5 == 0:
        den //= 2 if den % 2 == 0 else 5
        places += 1
    if den == 1:
        scaled = value.numerator * (10**places // value.denominator)
        return Fraction(_place(scaled), 10**places)
    lead = Fraction(1)
    while lead > value:
        lead /= 10
    while lead * 10 <= value:
        lead *= 10
    return simplify(lead)


def _is_power_of_ten(value: Number) -> bool:
    fraction = Fraction(value)
    if fraction.numerator == 1:
        fraction = Fraction(fraction.denominator)
    elif fraction.denominator != 1:
        return False
    text = str(fraction.numerator)
    return text[0] == "1" and text.count("0") == len(text) - 1


def _step(value: Number, unit: Number) -> Number:
    """The rounding step of a number as written; see docs/readings.md.

    ``unit`` is what the written number counts: 1, 12 for "dozen", 1/100 for a percent.
    """
    if value < 0:
        value = -value
    if unit == 1 and isinstance(value, int) and value > 1:
        ten = 1
        while value % (ten * 10) == 0:
            ten *= 10
        return ten // 10 if ten == value else ten
    written = simplify(Fraction(value) / unit)
    if written == 0:
        return unit
    place = _place(written)
    if written != 1 and _is_power_of_ten(written):
        place = simplify(Fraction(place, 10))
    return simplify(Fraction(place) * unit)


class _Q:
    """A quantity read from the text: one number, a vague word, or a range of two."""

    __slots__ = (
        "factor", "hi", "hi_c", "lo", "nums", "plain", "plaus", "pre", "rule", "share",
        "unit", "value", "why",
    )

    def __init__(
        self,
        value: Number | None,
        lo: Number,
        hi: Number | None,
        *,
        share: bool = False,
        nums: tuple[Number, ...] = (),
        rule: str = "number",
        why: str = "",
    ) -> None:
        self.value = value
        self.lo = lo
        self.hi = hi
        self.hi_c = True
        self.share = share
        self.nums = nums
        self.rule = rule
        self.why = why
        self.plaus: tuple[Number, Number] | None = None
        self.plain = False
        self.pre: Number = 0
        self.factor: Number = 1
        self.unit: Number = 1

    def step(self) -> Number:
        return 0 if self.value is None else _step(self.value, self.unit)


def _number(value: Number, *, share: bool = False, unit: Number = 1) -> _Q:
    q = _Q(value, value, value, share=share, nums=(value,), why="the number as written")
    q.unit = unit
    return q


_Ends: TypeAlias = tuple[Number | None, bool, Number | None, bool]


class _Result:
    """What a phrase says, before the kind is settled."""

    __slots__ = ("ends", "hedges", "nums", "plaus", "reasons", "rules", "share")

    def __init__(self) -> None:
        self.ends: _Ends = (None, False, None, False)
        self.plaus: _Ends | None = None
        self.nums: tuple[Number, ...] = ()
        self.hedges: list[str] = []
        self.rules: list[str] = []
        self.reasons: list[str] = []
        self.share = False


# -- the parser -----------------------------------------------------------------------


class _Parser:
    """A recursive-descent reader over the tokens of one phrase; see docs/readings.md."""

    __slots__ = ("n", "plausible", "toks", "trie")

    def __init__(self, toks: list[str], trie: _Node, plausible: bool) -> None:
        self.toks = toks
        self.n = len(toks)
        self.trie = trie
        self.plausible = plausible

    def tok(self, i: int) -> str:
        return self.toks[i] if i < self.n else ""

    def is_num(self, i: int) -> bool:
        return i < self.n and _is_number_token(self.toks[i])

    def match(self, i: int, want: str) -> tuple[Rule, str, int] | None:
        """The longest lexicon phrase at token ``i`` whose rule fits ``want``."""
        node = self.trie
        best: tuple[Rule, str, int] | None = None
        j = i
        while j < self.n:
            nxt = node.kids.get(self.toks[j])
            if nxt is None:
                break
            node = nxt
            j += 1
            rule = node.rule
            if rule is not None and (
                want == "word"
                if isinstance(rule, WordRule)
                else want == rule.position
            ):
                best = (rule, node.key, j)
        return best

    # -- the whole phrase ----------------------------------------------------

    def phrase(self) -> _Result:
        res = _Result()
        pre = self.match(0, "before")
        i = 0
        if pre is not None:
            i = pre[2]
            res.hedges.append(pre[1])
        q, i = self.span(i, pre is not None)
        pre_rule = None if pre is None else pre[0]
        assert not isinstance(pre_rule, WordRule)
        if pre_rule is not None and pre_rule.relation in _BOUNDS:
            second = self.second_bound(i)
            if second is not None:
                return self.compound(res, pre_rule, q, *second)
        post_rule: HedgeRule | None = None
        k = self.skip_units(i)
        start = k + 1 if self.tok(k) == "-" else k
        post = self.match(start, "after")
        if post is not None:
            rule = post[0]
            assert isinstance(rule, HedgeRule)
            post_rule = rule
            res.hedges.append(post[1])
        relation, steps, q = self.combine(pre_rule, post_rule, q, i)
        res.ends, res.plaus = _apply(relation, steps, q, self.plausible)
        res.nums = q.nums
        res.share = q.share
        names = [r.name for r in (pre_rule, post_rule) if r is not None]
        if q.rule != "number" or not names:
            names.append(q.rule)
        res.rules = names
        res.reasons = [r.description for r in (pre_rule, post_rule) if r is not None]
        if q.why and (q.rule != "number" or not res.reasons):
            res.reasons.append(q.why)
        return res

    def combine(
        self, pre: HedgeRule | None, post: HedgeRule | None, q: _Q, i: int
    ) -> tuple[Relation, Number, _Q]:
        """One relation from a hedge before and one after the number."""
        if pre is not None and pre.relation == "or_equal":
            raise _Fail(0, f"a bound before the number; {pre.name!r} only closes one after it")
        if post is None:
            return ("exact", 0, q) if pre is None else (pre.relation, pre.steps, q)
        if pre is None:
            if post.relation == "or_equal":
                raise _Fail(i, "a bound such as 'less than' before 'or equal'")
            return post.relation, post.steps, q
        if post.relation == "or_equal":
            if pre.relation not in _BOUNDS:
                raise _Fail(i, "a bound such as 'less than' before 'or equal'")
            closed: Relation = "at_least" if pre.relation in ("more", "at_least") else "at_most"
            return closed, pre.steps, q
        if pre.relation == "exact":
            return post.relation, post.steps, q
        if pre.relation == "about" and post.relation != "about":
            return post.relation, post.steps, _widen(q, pre.steps)
        if post.relation == "about":
            return pre.relation, pre.steps, _widen(q, post.steps)
        raise _Fail(i, f"one bound, not both {pre.name!r} and {post.name!r}")

    def second_bound(self, i: int) -> tuple[HedgeRule, _Q, str] | None:
        """A second bound after a conjunction: "more than 20 and less than 30"."""
        k = self.skip_units(i)
        if self.tok(k) not in _CONJUNCTIONS:
            return None
        k += 1
        if self.tok(k) == "and":  # ", and"
            k += 1
        found = self.match(k, "before")
        if found is None:
            return None
        rule = found[0]
        assert isinstance(rule, HedgeRule)
        if rule.relation not in _BOUNDS:
            return None
        q, _ = self.span(found[2], True)
        return rule, q, found[1]

    def compound(
        self, res: _Result, first: HedgeRule, q1: _Q, second: HedgeRule, q2: _Q, hedge: str
    ) -> _Result:
        a = _apply(first.relation, first.steps, q1, False)[0]
        b = _apply(second.relation, second.steps, q2, False)[0]
        if q1.share != q2.share:
            raise _Fail(self.n, "two bounds of the same kind (both shares, or neither)")
        lo, lo_c = _tighter(a[0], a[1], b[0], b[1], lower=True)
        hi, hi_c = _tighter(a[2], a[3], b[2], b[3], lower=False)
        res.ends = (lo, lo_c, hi, hi_c)
        res.hedges.append(hedge)
        res.nums = q1.nums + q2.nums
        res.share = q1.share
        res.rules = ["bounds"]
        res.reasons = [f"both {first.name!r} and {second.name!r} hold"]
        return res

    # -- a number, a vague word, or a range of two numbers --------------------------

    def span(self, i: int, hedged: bool) -> tuple[_Q, int]:
        """A quantity, or a range of two numbers ("between 2 and 3", "8,000-9,000")."""
        t = self.tok(i)
        if t == "between":
            return self.frame(i + 1, _AND)
        if t == "from":
            return self.frame(i + 1, _FROM_CONNECTORS)
        found = self.quantity(i, True)
        if found is None:
            after = " after the hedge" if hedged else ""
            raise _Fail(i, f"a number, or a word such as 'dozens' or 'none'{after}")
        q1, j = found
        if q1.value is not None:
            k = self.skip_units(j)
            conn = self.tok(k)
            if conn in _CONNECTORS:
                end = self.end(k + 1, True)
                if end is not None:
                    rule = "either" if conn == "or" else "between"
                    return _between(q1, end[0], rule, k + 1), end[1]
        return q1, j

    def frame(self, i: int, connectors: frozenset[str]) -> tuple[_Q, int]:
        """The two ends after 'between' or 'from'.

        'and' may belong to the first number ("one hundred and fifty") or join the two
        ("between one hundred and two hundred"): try the first reading, then the second.
        """
        k = i
        for allow_and in (True, False):
            first = self.end(i, allow_and)
            if first is None:
                raise _Fail(i, "a number after 'between' or 'from'")
            k = self.skip_units(first[1])
            if self.tok(k) in connectors:
                second = self.end(k + 1, True)
                if second is None:
                    raise _Fail(k + 1, "a second number")
                return _between(first[0], second[0], "between", k + 1), second[1]
        raise _Fail(k, "'and' or 'to' between the two numbers")

    def end(self, i: int, allow_and: bool) -> tuple[_Q, int] | None:
        """One end of a range: a number, perhaps after 'about' or '~' (the range
        already states the spread, so the hedge adds nothing)."""
        found = self.match(i, "before")
        if found is not None and isinstance(found[0], HedgeRule) and found[0].relation == "about":
            i = found[2]
        return self.numeral(i, allow_and)

    def skip_units(self, i: int) -> int:
        """Past up to three unit words or signs after a number ("degrees celsius", "km",
        "$") when a link word or a hedge follows them, else ``i``."""
        j = i
        while j < i + 3 and j < self.n:
            t = self.toks[j]
            if t in _UNIT_SIGNS or (
                t[0].isalpha() and t not in _STRUCTURE_WORDS and t not in self.trie.kids
            ):
                j += 1
            else:
                break
        t = self.tok(j)
        return j if t in _LINKS or t in self.trie.kids else i

    def quantity(self, i: int, allow_and: bool) -> tuple[_Q, int] | None:
        got = self.numeral(i, allow_and)
        if got is not None:
            return got
        found = self.match(i, "word")
        if found is None:
            return None
        rule, _, j = found
        assert isinstance(rule, WordRule)
        scale = 1
        if rule.scalable:
            while True:
                k = j + 1 if self.tok(j) == "of" else j
                t = self.tok(k)
                if t in _HUNDREDS:
                    scale *= 100
                elif t in _BIG:
                    scale *= _BIG[t]
                else:
                    break
                if scale > _MAX_MAGNITUDE:
                    raise _Fail(k, "a number below 10**60, not a chain of scale words")
                j = k + 1
        q = _Q(
            None,
            rule.lower * scale,
            None if rule.upper is None else rule.upper * scale,
            rule=rule.name,
            why=rule.description,
        )
        q.hi_c = rule.upper == rule.lower
        if rule.plausible is not None:
            q.plaus = (rule.plausible[0] * scale, rule.plausible[1] * scale)
        return q, j

    # -- numerals ------------------------------------------------------------------------

    def numeral(self, i: int, allow_and: bool) -> tuple[_Q, int] | None:
        """A number in digits or words, a fraction, a percent or a share ("one in five")."""
        j = i + 1 if self.tok(i) in _CURRENCY else i
        neg = False
        if self.tok(j) in _SIGNS and (
            self.is_num(j + 1) or self.tok(j + 1) in _NUMBER_WORDS or self.tok(j + 1) in _CURRENCY
        ):
            neg = True
            j += 2 if self.tok(j + 1) in _CURRENCY else 1
        t = self.tok(j)
        if t == "the":
            return self.ordinal(j + 1)
        if t in _FRACTION_STARTS and self.tok(j + 1) not in _SCALES:
            got = self.word_fraction(j)
            if got is not None:
                return self.after_share(got[0], got[1], neg)
        words = self.words(j, allow_and)
        if words is None:
            return None
        value, mult, unit, plain, j = words
        if plain and isinstance(value, int):
            k = j + 1 if self.tok(j) == "-" else j
            den = _DENOMINATORS.get(self.tok(k))
            if den is not None:
                return self.after_share(_number(Fraction(value, den), share=True), k + 1, neg)
            if self.tok(j) == "/" and self.is_num(j + 1):
                over, over_mult = _digits(self.tok(j + 1), j + 1)
                if over == 0 or over_mult != 1 or not isinstance(over, int):
                    raise _Fail(j + 1, "a whole, non-zero denominator after '/'")
                q = _number(simplify(Fraction(value, over)), share=True)
                return self.after_share(q, j + 2, neg)
            got_in = None if neg else self.one_in(value, j)
            if got_in is not None:
                return got_in
        if neg:
            value = -value
        end = self.percent(j)
        if end is not None:
            q = _number(simplify(Fraction(value, 100)), share=True, unit=Fraction(1, 100))
            q.pre, q.factor = simplify(Fraction(value, mult)), Fraction(mult, 100)
            return q, end
        return self.finish(value, mult, unit, plain, j), j

    def percent(self, j: int) -> int | None:
        """The index past "%", "percent", "per cent" or "per-cent" at ``j``, if there."""
        t = self.tok(j)
        if t in _PERCENT:
            return j + 1
        if t == "per":
            k = j + 2 if self.tok(j + 1) == "-" else j + 1
            if self.tok(k) == "cent":
                return k + 1
        return None

    @staticmethod
    def finish(value: Number, mult: int, unit: int, plain: bool, j: int) -> _Q:
        q = _number(value, unit=unit)
        q.plain = plain
        q.factor = mult
        q.pre = value if mult == 1 else simplify(Fraction(value, mult))
        return q

    def one_in(self, value: int, j: int) -> tuple[_Q, int] | None:
        """ "one in five", "1 in 5", "one out of every ten": a share.

        A year after 'in' ("3,000 in 2009") is not a denominator.
        """
        t = self.tok(j)
        if t == "in":
            k = j + 1
        elif t == "out" and self.tok(j + 1) == "of":
            k = j + 2
        else:
            return None
        if self.tok(k) == "every":
            k += 1
        over = self.tok(k)
        if over.isdigit() and len(over) == 4 and 1800 <= int(over) <= 2100:
            return None
        words = self.words(k, True)
        if words is None or not isinstance(words[0], int) or not 0 < value <= words[0]:
            return None
        return _number(Fraction(value, words[0]), share=True), words[4]

    def word_fraction(self, j: int) -> tuple[_Q, int] | None:
        """ "half", "a half", "a third", "one-quarter", "an eighth"."""
        if self.tok(j) == "half":
            return _number(Fraction(1, 2), share=True), j + 1
        k = j + 2 if self.tok(j + 1) == "-" else j + 1
        den = _DENOMINATORS.get(self.tok(k))
        if den is None:
            return None
        return _number(Fraction(1, den), share=True), k + 1

    def after_share(self, q: _Q, j: int, neg: bool) -> tuple[_Q, int]:
        """A share, or with "a million" after it ("half a million") a number."""
        assert q.value is not None
        k = j + 1 if self.tok(j) == "of" else j
        if self.tok(k) in ("a", "an"):
            t = self.tok(k + 1)
            scale = 100 if t in _HUNDREDS else _BIG.get(t)
            if scale is not None:
                value = simplify(Fraction(q.value * scale))
                return self.finish(-value if neg else value, scale, 12 if scale == 12 else 1,
                                   False, k + 2), k + 2
        if neg:
            q = _number(-q.value, share=True)
        return q, j

    def ordinal(self, j: int) -> tuple[_Q, int] | None:
        """ "the tenth", "the 10th", "the twenty-first": a rank, read as its number."""
        t = self.tok(j)
        if t in _ORDINALS:
            return _number(_ORDINALS[t]), j + 1
        if t in _TENS:
            k = j + 2 if self.tok(j + 1) == "-" else j + 1
            unit = _ORDINALS.get(self.tok(k), 10)
            return (_number(_TENS[t] + unit), k + 1) if unit < 10 else None
        if t.isdigit() and self.tok(j + 1) in _ORDINAL_SUFFIXES:
            if len(t) > _MAX_NUMBER_CHARS:
                raise _Fail(j, f"a rank of at most {_MAX_NUMBER_CHARS} digits")
            return _number(int(t)), j + 2
        return None

    def words(self, j: int, allow_and: bool) -> tuple[Number, int, int, bool, int] | None:
        """A numeral in digits and/or words: (value, trailing multiplier, unit, plain, end).

        ``plain`` is true when no scale word or suffix multiplies the number; ``unit``
        is 12 when the numeral ends in "dozen" (it sets the rounding step).
        """
        total: Number = 0
        group: Number = 0
        small = 0  # the group's last part: 0 nothing, 1 tens (may take a unit), 2 closed
        hundred = decimal = False
        mult, last_big, unit = 1, 0, 1
        plain = True
        start = j
        t = self.tok(j)
        digits = self.is_num(j)
        if t in ("a", "an"):
            if self.tok(j + 1) not in _SCALES:
                return None
            group, small, j = 1, 2, j + 1
        elif digits:
            group, mult = _digits(t, j)
            plain, decimal = mult == 1, not isinstance(group, int)
            last_big = 0 if plain else mult
            small, j = 2, j + 1
        elif t != "point" and t not in _UNITS and t not in _TEENS and t not in _TENS:
            return None
        while j < self.n:
            t = self.toks[j]
            if t in _UNITS and small != 2 and not digits:
                group += _UNITS[t]
                small, mult = 2, 1
            elif t in _TEENS and small == 0 and not digits:
                group += _TEENS[t]
                small, mult = 2, 1
            elif t in _TENS and small == 0 and not digits:
                group += _TENS[t]
                small, mult = 1, 1
            elif t == "-" and small == 1 and self.tok(j + 1) in _UNITS:
                pass
            elif t in _HUNDREDS and small and not hundred and not decimal and 0 < group < 100:
                group *= 100
                hundred, small, plain, mult = True, 0, False, 1
            elif t in _BIG and (group or total):
                big = _BIG[t]
                if not group:
                    total *= big
                    mult *= big
                elif last_big and big >= last_big:
                    total = (total + group) * big
                    mult = big
                else:
                    total += group * big
                    mult = big
                if total > _MAX_MAGNITUDE:
                    raise _Fail(j, "a number below 10**60, not a chain of scale words")
                unit = 12 if big == 12 else 1
                last_big, group, small, hundred, decimal, plain = big, 0, 0, False, False, False
            elif t == "and" and self.tok(j + 1) == "a" and self.tok(j + 2) == "half":
                if small != 2 or decimal:
                    break
                group += Fraction(1, 2)
                decimal = True
                j += 2
            elif t == "and" and allow_and and (hundred or total) and small == 0 and (
                self.tok(j + 1) in _UNITS or self.tok(j + 1) in _TEENS or self.tok(j + 1) in _TENS
            ):
                digits = False
            elif t == "point" and not decimal and not hundred and (small == 2 or j == start):
                got = self.decimals(j + 1)
                if got is None:
                    break
                group += got[0]
                j = got[1]
                small, decimal, mult = 2, True, 1
                continue
            else:
                break
            j += 1
        if j == start:
            return None
        value = total + group
        return (simplify(value) if isinstance(value, Fraction) else value), mult, unit, plain, j

    def decimals(self, j: int) -> tuple[Fraction, int] | None:
        """The digits after 'point': one digit token or digit words ("point seven five")."""
        t = self.tok(j)
        start = j
        if t.isdigit():
            digits, j = t, j + 1
        else:
            digits = ""
            while self.tok(j) in _DIGIT_WORDS:
                digits += _DIGIT_WORDS[self.tok(j)]
                j += 1
            if not digits:
                return None
        if len(digits) > _MAX_NUMBER_CHARS:
            raise _Fail(start, f"at most {_MAX_NUMBER_CHARS} digits after 'point'")
        return Fraction(int(digits), 10 ** len(digits)), j


def _widen(q: _Q, steps: Number) -> _Q:
    """The quantity 'about q' as a range (for "about 500 or more")."""
    s = q.step() * steps
    wide = _Q(None, q.lo - s, None if q.hi is None else q.hi + s, share=q.share, nums=q.nums,
              rule=q.rule, why=q.why)
    wide.plaus = q.plaus
    wide.hi_c = q.hi_c
    return wide


def _between(a: _Q, b: _Q, rule: str, index: int) -> _Q:
    """The range from one number to another; a scale or percent on the second carries over
    to a bare first number ("2 to 3 million", "between 40 and 50 percent")."""
    x, y = a.value, b.value
    assert x is not None
    assert y is not None
    share = a.share
    if a.plain and b.factor != 1 and x <= b.pre:
        x, share = simplify(Fraction(x * b.factor)), b.share
    if share != b.share:
        raise _Fail(index, "two numbers of the same kind (both shares, or neither)")
    lo, hi = (x, y) if x <= y else (y, x)
    return _Q(None, lo, hi, share=share, nums=(x, y), rule=rule, why=_RANGE_WHY[rule])


def _tighter(
    a: Number | None, a_c: bool, b: Number | None, b_c: bool, *, lower: bool
) -> tuple[Number | None, bool]:
    if a is None:
        return b, b_c
    if b is None:
        return a, a_c
    if a == b:
        return a, a_c and b_c
    if (a > b) == lower:
        return a, a_c
    return b, b_c


def _apply(
    relation: Relation, steps: Number, q: _Q, plausible: bool
) -> tuple[_Ends, _Ends | None]:
    """The entailed ends a relation gives a quantity, and the plausible ones if asked."""
    lo, hi = q.lo, q.hi
    hi_c = q.hi_c and hi is not None
    plaus: _Ends | None = None if q.plaus is None else (q.plaus[0], True, q.plaus[1], False)
    if relation == "exact":
        return (lo, True, hi, hi_c), plaus
    s = q.step() * steps if plausible or relation == "about" else 0
    if relation == "about":
        return (lo - s, True, None if hi is None else hi + s, hi_c), plaus
    if relation == "more":
        return (lo, False, None, False), ((lo, False, lo + s, True) if s else None)
    if relation == "at_least":
        return (lo, True, None, False), ((lo, True, lo + s, False) if s else None)
    if hi is None:
        return (None, False, None, False), None
    if relation == "less":
        return (None, False, hi, False), ((hi - s, True, hi, False) if s else None)
    return (None, False, hi, hi_c), ((hi - s, False, hi, True) if s else None)


# -- readings -----------------------------------------------------------------------


@attrs.frozen
class Reading:
    """What a phrase says about a number, and by which rule.

    ``entailed`` is what the words guarantee; ``plausible``, when set, is the narrower
    range they imply (round-number implicature); ``base`` names the quantity a share
    is taken of.

    >>> r = read_range("up to 50 percent of those deployed", base="deployed")
    >>> r.hedge, r.rule, r.numbers
    ('up to', 'at most', (Fraction(1, 2),))
    >>> r.value
    FractionOf(share=Range(proportion [0, 50%]), base='deployed')
    """

    phrase: str = attrs.field(validator=attrs.validators.instance_of(str))
    numbers: tuple[Number, ...] = attrs.field(
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of((int, Fraction)), attrs.validators.instance_of(tuple)
        )
    )
    hedge: str | None = attrs.field(
        validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    rule: str = attrs.field(validator=_is_name)
    entailed: Range = attrs.field(validator=attrs.validators.instance_of(Range))
    plausible: Range | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Range))
    )
    base: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    reason: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    @property
    def value(self) -> Range | FractionOf:
        """The claim's value: ``entailed``, or a :class:`FractionOf` ``base`` for a share.

        >>> read_range("8,000").value
        Range(count [8,000, 8,000])
        """
        if self.base is not None:
            return FractionOf(self.entailed, self.base)
        return self.entailed

    def explain(self) -> str:
        """One sentence saying how the phrase was read.

        >>> print(read_range("about 8,000").explain())
        'about 8,000' read as 8,000 +/- 500 (rule 'about': half the rounding step either way)
        """
        e = self.entailed
        kind = e.kind
        if (
            len(self.numbers) == 1
            and e.lower is not None
            and e.upper is not None
            and e.lower < self.numbers[0] < e.upper
            and self.numbers[0] - e.lower == e.upper - self.numbers[0]
        ):
            what = f"{format_value(self.numbers[0], kind)} +/- {format_value(e.upper - self.numbers[0], kind)}"
        else:
            what = str(e)
        if self.base is not None:
            what += f" of {self.base}"
        text = f"{self.phrase!r} read as {what} (rule {self.rule!r}: {self.reason})"
        if self.plausible is not None:
            text += f"; plausibly {self.plausible}"
        return text

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict; ranges as in reports, numbers as ints or ``"p/q"`` strings.

        >>> read_range("half")
        Reading(phrase='half', numbers=(Fraction(1, 2),), hedge=None, rule='number', ...)
        >>> read_range("half").to_json()["numbers"]
        ['1/2']
        """
        return {
            "phrase": self.phrase,
            "numbers": [to_json_number(n) for n in self.numbers],
            "hedge": self.hedge,
            "rule": self.rule,
            "reason": self.reason,
            "entailed": self.entailed.to_json(),
            "plausible": None if self.plausible is None else self.plausible.to_json(),
            "base": self.base,
        }


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _read(text: object, lexicon: Lexicon | None, plausible: bool) -> tuple[str, _Result]:
    if not isinstance(text, str):
        shown = repr(text)
        raise ParseError(
            f"text: expected a str, got {type(text).__name__} "
            f"{shown if len(shown) <= 60 else shown[:57] + '...'}",
            text="",
        )
    if len(text) > MAX_PHRASE_LENGTH:
        raise ParseError(
            f"cannot read a text of {len(text):,} characters as a number phrase: "
            f"expected at most {MAX_PHRASE_LENGTH:,}",
            text=text,
            position=MAX_PHRASE_LENGTH,
        )
    if lexicon is None:
        lexicon = DEFAULT_LEXICON
    elif not isinstance(lexicon, Lexicon):
        raise ValidationError(f"lexicon: expected a Lexicon or None, got {lexicon!r}")
    toks = _tokens(text)
    if not toks:
        raise ParseError(
            f"cannot read {_short(text)} as a number phrase: expected a phrase such as "
            "'about 8,000', not an empty text",
            text=text,
            position=0,
        )
    try:
        return text, _Parser(toks, lexicon._trie, plausible).phrase()
    except _Fail as fail:
        pos = _position(text, fail.index)
        where = f"{text[pos:pos + 20]!r}" if pos < len(text) else "the end"
        raise ParseError(
            f"cannot read {_short(text)} as a number phrase: expected {fail.expected}, "
            f"at {where} (position {pos})",
            text=text,
            position=pos,
        ) from None


def _kind(text: str, res: _Result, kind: object) -> Kind:
    nums = res.nums
    if kind is None:
        if res.share:
            return "proportion" if all(0 <= v <= 1 for v in nums) else "amount"
        for v in nums:
            if v < 0 or not isinstance(v, int):
                return "amount"
        return "count"
    if kind not in KINDS:
        raise ValidationError(
            f"kind: expected one of 'count', 'proportion', 'amount' or None, got {kind!r}"
        )
    problem = None
    if kind == "count":
        if res.share:
            problem = "a count, but the phrase gives a share (a percent or fraction)"
        else:
            for v in nums:
                if v < 0 or not isinstance(v, int):
                    problem = f"a count (whole numbers >= 0), but it has {format_number(v)}"
                    break
    elif kind == "proportion":
        for v in nums:
            if not 0 <= v <= 1:
                problem = (
                    f"a proportion (0 to 1, such as '50 percent' or '0.5'), "
                    f"but it has {format_number(v)}"
                )
                break
    if problem is not None:
        raise ParseError(
            f"cannot read {_short(text)} as kind={kind!r}: expected {problem}",
            text=text,
            position=0,
        )
    return kind


def _build(text: str, kind: Kind, ends: _Ends, *, strict: bool = True) -> Range:
    lo, lo_c, hi, hi_c = ends
    if kind != "amount" and lo is not None and lo < 0:
        lo, lo_c = 0, True
    if kind == "proportion" and hi is not None and hi > 1:
        hi, hi_c = 1, True
    try:
        r = Range(kind, lo, hi, lo_c, hi_c)
    except ValidationError:
        r = Range.empty(kind=kind)
    if r.is_empty and strict:
        raise ParseError(
            f"cannot read {_short(text)} as a {kind}: its bounds leave no possible value",
            text=text,
            position=0,
        )
    return r


def _check_base(base: object) -> None:
    if not isinstance(base, str) or not base.strip():
        raise ValidationError(f"base: expected a quantity name, got {base!r}")


def read_range(
    text: str,
    *,
    kind: Kind | None = None,
    base: str | None = None,
    lexicon: Lexicon | None = None,
) -> Reading:
    """Read a number phrase into a :class:`Reading`.

    ``kind=None`` infers the kind: ``proportion`` for percents and fractions (at most
    100%), ``amount`` for negative or fractional numbers, else ``count``. A given
    ``kind`` must fit the phrase. ``base`` names the quantity a share is "of".
    Words after the phrase ("about 8,000 soldiers") are ignored.

    Raises :class:`~claimrec.errors.ParseError` (a ``ValueError``) naming the part not
    understood, on any text that is not a number phrase.

    >>> read_range("nearly 10,000").plausible
    Range(count [9,000, 9,999])
    >>> read_range("50 percent", kind="count")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read '50 percent' as kind='count': expected a count, ...
    """
    text, res = _read(text, lexicon, True)
    settled = _kind(text, res, kind)
    entailed = _build(text, settled, res.ends)
    plausible = None
    if res.plaus is not None:
        p = _build(text, settled, res.plaus, strict=False) & entailed
        if not p.is_empty and p != entailed:
            plausible = p
    if base is not None:
        _check_base(base)
        if settled != "proportion":
            raise ParseError(
                f"cannot read {_short(text)} as a share of {base!r}: "
                f"expected a percent or fraction, but it reads as a {settled}",
                text=text,
                position=0,
            )
    return Reading(
        text,
        res.nums,
        " ... ".join(res.hedges) or None,
        " + ".join(res.rules),
        entailed,
        plausible,
        base,
        "; ".join(res.reasons),
    )


def parse_range(
    text: str, *, kind: Kind | None = None, lexicon: Lexicon | None = None
) -> Range:
    """The entailed :class:`~claimrec.ranges.Range` of a phrase: ``read_range(...).entailed``.

    >>> parse_range("more than 3,000 troops")
    Range(count [3,001, inf))
    >>> parse_range("between 40 and 50 percent")
    Range(proportion [40%, 50%])
    >>> parse_range("lots")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read 'lots' as a number phrase: expected a number, ...
    """
    text, res = _read(text, lexicon, False)
    return _build(text, _kind(text, res, kind), res.ends)


DEFAULT_LEXICON: Final = Lexicon(_lexicon_data())
"""The lexicon :func:`read_range` uses unless given another; see docs/readings.md."""
