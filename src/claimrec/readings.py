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

from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Final

import attrs

from claimrec._exact import Number, format_number, to_json_number
from claimrec._readings_parser import _Ends, _Parser, _Result
from claimrec._readings_rules import (
    HedgeRule,
    Position,
    Relation,
    Rule,
    WordRule,
    _is_name,
    _lexicon_data,
    _Node,
)
from claimrec._readings_words import _TOKEN_RE, _Fail, _is_number_token, _position, _tokens
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

MAX_PHRASE_LENGTH: Final = 10_000
"""Longer texts are refused at once: a phrase, or the sentence around it, is far shorter."""


# -- the lexicon ------------------------------------------------------------------


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
