"""The phrase reader behind :mod:`claimrec.readings`: tokens to the ends of a range."""

from __future__ import annotations

from fractions import Fraction
from typing import TypeAlias

from claimrec._exact import Number, simplify
from claimrec._readings_rules import _BOUNDS, HedgeRule, Relation, Rule, WordRule, _Node
from claimrec._readings_words import (
    _AND,
    _BIG,
    _CONJUNCTIONS,
    _CONNECTORS,
    _CURRENCY,
    _DENOMINATORS,
    _DIGIT_WORDS,
    _FRACTION_STARTS,
    _FROM_CONNECTORS,
    _HUNDREDS,
    _LINKS,
    _MAX_MAGNITUDE,
    _MAX_NUMBER_CHARS,
    _NUMBER_WORDS,
    _ORDINAL_SUFFIXES,
    _ORDINALS,
    _PERCENT,
    _RANGE_WHY,
    _SCALES,
    _SIGNS,
    _STRUCTURE_WORDS,
    _TEENS,
    _TENS,
    _UNIT_SIGNS,
    _UNITS,
    _digits,
    _Fail,
    _is_number_token,
    _step,
)


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

