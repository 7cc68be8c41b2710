"""Tests for claimrec.readings: number phrases to ranges, by table."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimrec._readings_words import _place, _step
from claimrec.errors import ParseError, ValidationError
from claimrec.ranges import FractionOf, Range
from claimrec.readings import (
    DEFAULT_LEXICON,
    MAX_PHRASE_LENGTH,
    HedgeRule,
    Lexicon,
    Reading,
    WordRule,
    parse_range,
    read_range,
)

F = Fraction


def count(lo: object, hi: object) -> Range:
    return Range.closed(lo, hi)


def share(lo: object, hi: object) -> Range:
    return Range.closed(lo, hi, kind="proportion")


def amount(lo: object, hi: object) -> Range:
    return Range.closed(lo, hi, kind="amount")


# -- entailed ranges, family by family ---------------------------------------------

APPROXIMATE = [
    ("about 8,000", count(7500, 8500)),
    ("about 8,000 soldiers", count(7500, 8500)),
    ("About 8,000", count(7500, 8500)),
    ("around 150", count(145, 155)),
    ("roughly 40%", share(F(35, 100), F(45, 100))),
    ("approximately 1.5 million", count(1_450_000, 1_550_000)),
    ("some 2,000 troops", count(1500, 2500)),
    ("an estimated 1.2 million", count(1_150_000, 1_250_000)),
    ("estimated 300", count(250, 350)),
    ("close to 500", count(450, 550)),
    ("circa 40", count(35, 45)),
    ("~2,000", count(1500, 2500)),
    ("≈ 70", count(65, 75)),
    ("about 10,000", count(9500, 10500)),
    ("about 100", count(95, 105)),
    ("about 1 million", count(950_000, 1_050_000)),
    ("about 1.0 million", count(950_000, 1_050_000)),
    ("about 8,500", count(8450, 8550)),
    ("about a dozen", count(6, 18)),
    ("about two dozen", count(18, 30)),
    ("about 0", count(0, 0)),
    ("about 1", count(1, 1)),
    ("about 2.5", amount(F(245, 100), F(255, 100))),
    ("about 0.1", amount(F(95, 1000), F(105, 1000))),
    ("about half", share(F(45, 100), F(55, 100))),
    ("about a third", share(F(1, 3) - F(1, 20), F(1, 3) + F(1, 20))),
    ("about one in five", share(F(15, 100), F(25, 100))),
    ("about 100 percent", share(F(95, 100), 1)),
    ("about 1 percent", share(F(5, 1000), F(15, 1000))),
    ("about 8k", count(7500, 8500)),
    ("about 2.5bn", count(2_450_000_000, 2_550_000_000)),
    ("in the region of 3,000", count(2500, 3500)),
    ("8,000 or so", count(7500, 8500)),
    ("200 or thereabouts", count(150, 250)),
]

LOWER_BOUNDS = [
    ("more than 3,000", Range.more_than(3000)),
    ("more than 3,000 troops", Range.at_least(3001)),
    ("over 10,000", Range.more_than(10000)),
    ("above 1000", Range.more_than(1000)),
    ("exceeding 150", Range.more_than(150)),
    ("exceeded 150", Range.more_than(150)),
    ("greater than 4,565", Range.more_than(4565)),
    ("in excess of 3,000", Range.more_than(3000)),
    ("upwards of 500", Range.more_than(500)),
    ("north of 200", Range.more_than(200)),
    ("> 30", Range.more_than(30)),
    ("at least 200", Range.at_least(200)),
    ("no fewer than 3,000", Range.at_least(3000)),
    ("no less than thirty", Range.at_least(30)),
    ("a minimum of 40", Range.at_least(40)),
    (">= 30", Range.at_least(30)),
    ("≥ 30", Range.at_least(30)),
    ("3,000 or more", Range.at_least(3000)),
    ("3,000 troops or more", Range.at_least(3000)),
    ("five hundred and more", Range.at_least(500)),
    ("10,000+", Range.at_least(10000)),
    ("3,000-plus", Range.at_least(3000)),
    ("3,000 plus", Range.at_least(3000)),
    ("200 or greater", Range.at_least(200)),
    ("more than 5000 or equal to", Range.at_least(5000)),
    ("equal to 5000 or more than", Range.at_least(5000)),
    ("just over 3,000", Range.more_than(3000)),
    ("thirty-odd", Range.more_than(30)),
    ("40 odd", Range.more_than(40)),
    ("more than half", Range("proportion", F(1, 2), 1, False, True)),
    ("more than 1/2", Range("proportion", F(1, 2), 1, False, True)),
    ("more than a third", Range("proportion", F(1, 3), 1, False, True)),
    ("about 8,000 or more", Range.at_least(7500)),
    ("more than 500 or so", Range.more_than(450)),
    ("more than 2.5", Range.more_than(F(5, 2), kind="amount")),
]

UPPER_BOUNDS = [
    ("less than 3000", Range.less_than(3000)),
    ("fewer than a thousand", Range.less_than(1000)),
    ("under 170", Range.less_than(170)),
    ("below 6.0", Range.less_than(6)),
    ("lower than 7", Range.less_than(7)),
    ("< 5", Range.less_than(5)),
    ("up to 700", Range.at_most(700)),
    ("at most 100", Range.at_most(100)),
    ("no more than 6", Range.at_most(6)),
    ("as many as 12,000", Range.at_most(12000)),
    ("<= 100", Range.at_most(100)),
    ("< = 100", Range.at_most(100)),
    ("≤ 100", Range.at_most(100)),
    ("less than or equal to 30", Range.at_most(30)),
    ("500 or fewer", Range.at_most(500)),
    ("five hundred or less", Range.at_most(500)),
    ("equal to 5000 or less", Range.at_most(5000)),
    ("less than 5000 or equal", Range.at_most(5000)),
    ("nearly 10,000", Range.less_than(10000)),
    ("almost 500", Range.less_than(500)),
    ("not quite 200", Range.less_than(200)),
    ("just under 3,000", Range.less_than(3000)),
    ("just below 50", Range.less_than(50)),
    ("barely 100", Range.at_most(100)),
    ("up to half", Range.at_most(F(1, 2), kind="proportion")),
    ("up to 50 percent", Range.at_most(F(1, 2), kind="proportion")),
    ("almost half", Range.less_than(F(1, 2), kind="proportion")),
    ("nearly two-thirds", Range.less_than(F(2, 3), kind="proportion")),
    ("<-30", Range.less_than(-30, kind="amount")),
    ("<=  -30", Range.at_most(-30, kind="amount")),
    ("under 3.5", Range.less_than(F(7, 2), kind="amount")),
    ("up to a few hundred", Range.less_than(1000)),
    ("up to hundreds", Range.unbounded()),
]

RANGES = [
    ("between 8,000 and 9,000", count(8000, 9000)),
    ("between 8,000 and 9,000 troops", count(8000, 9000)),
    ("from 10,000 to 12,000", count(10000, 12000)),
    ("from 10,000 and 12,000", count(10000, 12000)),
    ("8,000 to 10,000", count(8000, 10000)),
    ("8,000-10,000", count(8000, 10000)),
    ("8,000 - 10,000", count(8000, 10000)),
    ("8,000–10,000", count(8000, 10000)),
    ("8,000 — 10,000", count(8000, 10000)),
    ("20~100", count(20, 100)),
    ("20 through 100", count(20, 100)),
    ("8,000 or 9,000", count(8000, 9000)),
    ("one or two", count(1, 2)),
    ("2 or 3 million", count(2_000_000, 3_000_000)),
    ("between 2 and 3 million", count(2_000_000, 3_000_000)),
    ("1.5 to 2 million", count(1_500_000, 2_000_000)),
    ("between 500 and 2 million", count(500, 2_000_000)),
    ("5k-20k", count(5000, 20000)),
    ("between 40 and 50 percent", share(F(2, 5), F(1, 2))),
    ("40-50%", share(F(2, 5), F(1, 2))),
    ("40%-50%", share(F(2, 5), F(1, 2))),
    ("between a third and a half", share(F(1, 3), F(1, 2))),
    ("between 20 and 10", count(10, 20)),
    ("between -10 and 15", amount(-10, 15)),
    ("between negative ten and fifteen", amount(-10, 15)),
    ("between 1.1 and 1.3 dollars", amount(F(11, 10), F(13, 10))),
    ("between 10 dollars and 20 dollars", count(10, 20)),
    ("from 30 degrees celsius to 40 degrees celsius", count(30, 40)),
    ("from 3km to 5km", count(3, 5)),
    ("about $10-$20", count(10, 20)),
    ("around 2 -7 g", count(2, 7)),
    ("~2-7 grams", count(2, 7)),
    ("2 - ~7 grams", count(2, 7)),
    ("between 2.0 g and about 7.0 g", count(2, 7)),
    ("between the tenth and the fifteenth", count(10, 15)),
    ("between one hundred and two hundred", count(100, 200)),
    ("between one thousand and two thousand", count(1000, 2000)),
    ("between one hundred and fifty", count(50, 100)),
    ("from one thousand to one thousand and five hundred", count(1000, 1500)),
    ("up to 10,000-12,000", Range.at_most(12000)),
    ("more than 2 to 3 million", Range.more_than(2_000_000)),
]

COMPOUND = [
    ("more than 20 and less than 30", count(21, 29)),
    ("more than 3,000 but fewer than 5,000", count(3001, 4999)),
    ("at most 100 and at least 20", count(20, 100)),
    ("larger than twenty and less or equal than thirty five", count(21, 35)),
    ("higher or equal than one hundred, lower or equal than three hundred", count(100, 300)),
    ("above one quarter and below a half", Range.open(F(1, 4), F(1, 2), kind="proportion")),
    ("greater than 30 and less than or equal to 40", count(31, 40)),
    ("more than 20 troops, and fewer than 30", count(21, 29)),
    ("at least 2.5 and at most 3", amount(F(5, 2), 3)),
]

VAGUE = [
    ("tens of", Range.at_least(20)),
    ("tens of thousands", Range.at_least(20000)),
    ("tens of thousands of troops", Range.at_least(20000)),
    ("hundreds", Range.at_least(200)),
    ("hundreds of thousands", Range.at_least(200_000)),
    ("thousands of people", Range.at_least(2000)),
    ("millions", Range.at_least(2_000_000)),
    ("billions of", Range.at_least(2_000_000_000)),
    ("a few", count(2, 9)),
    ("a few hundred", count(200, 999)),
    ("a few thousand", count(2000, 9999)),
    ("a few dozen", count(24, 119)),
    ("several", count(3, 9)),
    ("several hundred thousand", count(300_000, 999_999)),
    ("dozens", Range.at_least(24)),
    ("dozens of civilians", Range.at_least(24)),
    ("scores of", Range.at_least(40)),
    ("a handful of", count(2, 9)),
    ("a handful", count(2, 9)),
    ("a couple of", count(2, 3)),
    ("a couple of hundred", count(200, 399)),
    ("about a few hundred", count(200, 999)),
    ("more than a few hundred", Range.more_than(200)),
]

SHARES = [
    ("half", share(F(1, 2), F(1, 2))),
    ("a half", share(F(1, 2), F(1, 2))),
    ("one half", share(F(1, 2), F(1, 2))),
    ("a third", share(F(1, 3), F(1, 3))),
    ("one-third", share(F(1, 3), F(1, 3))),
    ("two-thirds", share(F(2, 3), F(2, 3))),
    ("two thirds", share(F(2, 3), F(2, 3))),
    ("three quarters", share(F(3, 4), F(3, 4))),
    ("three-quarters", share(F(3, 4), F(3, 4))),
    ("a quarter", share(F(1, 4), F(1, 4))),
    ("an eighth", share(F(1, 8), F(1, 8))),
    ("3 tenths", share(F(3, 10), F(3, 10))),
    ("one in five", share(F(1, 5), F(1, 5))),
    ("1 in 4", share(F(1, 4), F(1, 4))),
    ("one out of every ten", share(F(1, 10), F(1, 10))),
    ("one in a hundred", share(F(1, 100), F(1, 100))),
    ("50 percent", share(F(1, 2), F(1, 2))),
    ("50 per cent", share(F(1, 2), F(1, 2))),
    ("50 per-cent", share(F(1, 2), F(1, 2))),
    ("50%", share(F(1, 2), F(1, 2))),
    ("12.5 pct", share(F(1, 8), F(1, 8))),
    ("1/5", share(F(1, 5), F(1, 5))),
    ("20/100", share(F(1, 5), F(1, 5))),
    ("up to 50 percent of those deployed", Range.at_most(F(1, 2), kind="proportion")),
    ("150 percent", amount(F(3, 2), F(3, 2))),
    ("5/3", amount(F(5, 3), F(5, 3))),
    ("-1/2", amount(F(-1, 2), F(-1, 2))),
    ("minus half", amount(F(-1, 2), F(-1, 2))),
    ("-5%", amount(F(-1, 20), F(-1, 20))),
]

NUMBERS = [
    ("8,000", count(8000, 8000)),
    ("3,000", count(3000, 3000)),
    ("10 000", count(10000, 10000)),
    ("10\u00a0000", count(10000, 10000)),
    ("1,200,000", count(1_200_000, 1_200_000)),
    ("100,000.0", count(100000, 100000)),
    ("1.2 million", count(1_200_000, 1_200_000)),
    ("1.2M", count(1_200_000, 1_200_000)),
    ("8k", count(8000, 8000)),
    ("100K", count(100000, 100000)),
    ("3m", count(3_000_000, 3_000_000)),
    ("2.5bn", count(2_500_000_000, 2_500_000_000)),
    ("2.5 bn", count(2_500_000_000, 2_500_000_000)),
    ("3000K", count(3_000_000, 3_000_000)),
    ("three thousand", count(3000, 3000)),
    ("twelve hundred", count(1200, 1200)),
    ("thirty three", count(33, 33)),
    ("twenty-one thousand Eleven", count(21011, 21011)),
    ("seven hundred twenty-one thousand and twelve", count(721012, 721012)),
    ("one hundred and seventy", count(170, 170)),
    ("three thousand nine hundred and sixty five", count(3965, 3965)),
    ("a hundred", count(100, 100)),
    ("a thousand", count(1000, 1000)),
    ("a dozen", count(12, 12)),
    ("two dozen", count(24, 24)),
    ("2 dozens", count(24, 24)),
    ("two hundred dozens", count(2400, 2400)),
    ("three billions", count(3_000_000_000, 3_000_000_000)),
    ("three thousand millions", count(3_000_000_000, 3_000_000_000)),
    ("half a million", count(500_000, 500_000)),
    ("a quarter of a million", count(250_000, 250_000)),
    ("half a dozen", count(6, 6)),
    ("one and a half million", count(1_500_000, 1_500_000)),
    ("two and a half", amount(F(5, 2), F(5, 2))),
    ("two point two million", count(2_200_000, 2_200_000)),
    ("three point five", amount(F(7, 2), F(7, 2))),
    ("1 point 1", amount(F(11, 10), F(11, 10))),
    ("point 77", amount(F(77, 100), F(77, 100))),
    (".77", amount(F(77, 100), F(77, 100))),
    ("01.10", amount(F(11, 10), F(11, 10))),
    ("0.5", amount(F(1, 2), F(1, 2))),
    ("1.5", amount(F(3, 2), F(3, 2))),
    ("0.500", amount(F(1, 2), F(1, 2))),
    ("1,000.500", amount(F(10005, 10), F(10005, 10))),
    ("-5", amount(-5, -5)),
    ("- 1,200,000", amount(-1_200_000, -1_200_000)),
    ("minus three million two hundred thousand", amount(-3_200_000, -3_200_000)),
    ("negative five hundred and four", amount(-504, -504)),
    ("-1.2M", amount(-1_200_000, -1_200_000)),
    ("-$5", amount(-5, -5)),
    ("$10", count(10, 10)),
    ("€5 million", count(5_000_000, 5_000_000)),
    ("the tenth", count(10, 10)),
    ("the 10th", count(10, 10)),
    ("the twenty-first", count(21, 21)),
    ("zero", count(0, 0)),
    ("exactly 12", count(12, 12)),
    ("equal to one hundred and seventy", count(170, 170)),
    ("equals 20", count(20, 20)),
    ("3,000 in 2009", count(3000, 3000)),
    ("1 in 2009", count(1, 1)),
]

ZERO = [
    ("none", count(0, 0)),
    ("None of them", count(0, 0)),
    ("no", count(0, 0)),
    ("no troops", count(0, 0)),
    ("nil", count(0, 0)),
    ("nobody", count(0, 0)),
    ("no one", count(0, 0)),
    ("withdrawn", count(0, 0)),
    ("had withdrawn", count(0, 0)),
    ("retreated", count(0, 0)),
    ("had retreated", count(0, 0)),
    ("pulled out", count(0, 0)),
    ("no sign of", count(0, 0)),
    ("no signs of combat", count(0, 0)),
    ("no evidence of fighting", count(0, 0)),
]

ALL = APPROXIMATE + LOWER_BOUNDS + UPPER_BOUNDS + RANGES + COMPOUND + VAGUE + SHARES + NUMBERS + ZERO


@pytest.mark.parametrize(("phrase", "expected"), ALL)
def test_entailed(phrase: str, expected: Range) -> None:
    assert parse_range(phrase) == expected
    assert read_range(phrase).entailed == expected


def test_the_tables_are_large() -> None:
    assert len(ALL) >= 150


# -- plausible ranges ------------------------------------------------------------------

PLAUSIBLE = [
    ("more than 3,000", count(3001, 4000)),
    ("more than 10,000", count(10001, 11000)),
    ("over 150", count(151, 160)),
    ("at least 200", count(200, 299)),
    ("3,000 or more", count(3000, 3999)),
    ("just over 3,000", count(3001, 3500)),
    ("less than 3000", count(2000, 2999)),
    ("fewer than a thousand", count(900, 999)),
    ("nearly 10,000", count(9000, 9999)),
    ("just under 3,000", count(2500, 2999)),
    ("up to 700", count(601, 700)),
    ("barely 100", count(96, 100)),
    ("almost half", Range("proportion", F(2, 5), F(1, 2), True, False)),
    ("up to 50 percent", Range("proportion", F(2, 5), F(1, 2), False, True)),
    ("more than half", Range("proportion", F(1, 2), F(3, 5), False, True)),
    ("tens of thousands", count(20000, 99999)),
    ("thousands", count(2000, 9999)),
    ("a few", count(3, 5)),
    ("a few hundred", count(300, 599)),
    ("several", count(3, 7)),
    ("dozens", count(24, 99)),
    ("scores of", count(40, 199)),
    ("a couple", count(2, 2)),
    ("more than 1", count(2, 2)),
    ("about 8,000", None),
    ("8,000", None),
    ("between 2 and 3", None),
    ("none", None),
    ("more than 20 and less than 30", None),
    ("up to hundreds", None),
    ("more than a few hundred", None),
    ("about 8,000 or more", None),
    ("at least 4", count(4, 4)),
]


@pytest.mark.parametrize(("phrase", "expected"), PLAUSIBLE)
def test_plausible(phrase: str, expected: Range | None) -> None:
    reading = read_range(phrase)
    assert reading.plausible == expected
    if expected is not None:
        assert reading.entailed.contains(expected)


# -- rules, hedges and numbers recorded -----------------------------------------------

RULES = [
    ("about 8,000", "about", "about", (8000,)),
    ("some 2,000 troops", "about", "some", (2000,)),
    ("more than 3,000", "more than", "more than", (3000,)),
    ("over 10,000", "more than", "over", (10000,)),
    ("no fewer than 3,000", "at least", "no fewer than", (3000,)),
    ("up to 50 percent", "at most", "up to", (F(1, 2),)),
    ("nearly 10,000", "nearly", "nearly", (10000,)),
    ("3,000-plus", "or more", "plus", (3000,)),
    ("8,000 or so", "or so", "or so", (8000,)),
    ("8,000", "number", None, (8000,)),
    ("half", "number", None, (F(1, 2),)),
    ("between 2 and 3 million", "between", None, (2_000_000, 3_000_000)),
    ("2 or 3", "either", None, (2, 3)),
    ("about 10-20", "about + between", "about", (10, 20)),
    ("equal to 5000 or less", "exactly + or less", "equal to ... or less", (5000,)),
    ("less than 5000 or equal", "less than + or equal", "less than ... or equal", (5000,)),
    ("about 8,000 or more", "about + or more", "about ... or more", (8000,)),
    ("more than 20 and less than 30", "bounds", "more than ... less than", (20, 30)),
    ("none", "zero-word", None, ()),
    ("had withdrawn", "zero-word", None, ()),
    ("several hundred", "several", None, ()),
    ("tens of thousands", "tens of", None, ()),
    ("up to hundreds", "at most + hundreds of", "up to", ()),
]


@pytest.mark.parametrize(("phrase", "rule", "hedge", "numbers"), RULES)
def test_rule_hedge_and_numbers(
    phrase: str, rule: str, hedge: str | None, numbers: tuple[object, ...]
) -> None:
    reading = read_range(phrase)
    assert (reading.rule, reading.hedge, reading.numbers) == (rule, hedge, numbers)
    assert reading.phrase == phrase
    assert reading.reason


def test_every_lexicon_example_reads_by_its_rule() -> None:
    for phrase, rule in DEFAULT_LEXICON.rules():
        assert rule.examples, f"rule {rule.name!r} (phrase {phrase!r}) has no examples"
        for example in rule.examples:
            assert rule.name in read_range(example).rule.split(" + "), example


# -- kinds --------------------------------------------------------------------------------

KINDS_OK = [
    ("8,000", "count", count(8000, 8000)),
    ("8,000", "amount", amount(8000, 8000)),
    ("0.5", "proportion", share(F(1, 2), F(1, 2))),
    ("up to 0.5", "proportion", Range.at_most(F(1, 2), kind="proportion")),
    ("between 0.2 and 0.3", "proportion", share(F(1, 5), F(3, 10))),
    ("50 percent", "amount", amount(F(1, 2), F(1, 2))),
    ("50 percent", "proportion", share(F(1, 2), F(1, 2))),
    ("half a million", "count", count(500_000, 500_000)),
    ("about 8,000", "amount", amount(7500, 8500)),
    ("more than 2.5", "amount", Range.more_than(F(5, 2), kind="amount")),
    ("a few", "count", count(2, 9)),
    ("none", "proportion", share(0, 0)),
    ("about 1", "proportion", share(F(1, 2), 1)),
]


@pytest.mark.parametrize(("phrase", "kind", "expected"), KINDS_OK)
def test_kind_given(phrase: str, kind: str, expected: Range) -> None:
    assert parse_range(phrase, kind=kind) == expected  # type: ignore[arg-type]


KIND_ERRORS = [
    ("50 percent", "count", "expected a count, but the phrase gives a share"),
    ("1.5", "count", "expected a count (whole numbers >= 0), but it has 1.5"),
    ("-3", "count", "but it has -3"),
    ("8,000", "proportion", "expected a proportion (0 to 1, such as '50 percent' or '0.5'), but it has 8,000"),
    ("150 percent", "proportion", "but it has 1.5"),
    ("a few", "proportion", "its bounds leave no possible value"),
]


@pytest.mark.parametrize(("phrase", "kind", "message"), KIND_ERRORS)
def test_kind_mismatch(phrase: str, kind: str, message: str) -> None:
    with pytest.raises(ParseError, match=r"kind|proportion") as info:
        parse_range(phrase, kind=kind)  # type: ignore[arg-type]
    assert message in str(info.value)
    assert info.value.text == phrase
    assert info.value.position == 0


def test_unknown_kind() -> None:
    with pytest.raises(ValidationError, match="kind: expected one of 'count', 'proportion', 'amount' or None, got 'money'"):
        parse_range("8,000", kind="money")  # type: ignore[arg-type]


# -- errors ---------------------------------------------------------------------------------

ERRORS = [
    ("", 0, "not an empty text"),
    ("   ", 0, "not an empty text"),
    ("lots", 0, "expected a number, or a word such as 'dozens' or 'none', at 'lots'"),
    ("a", 0, "expected a number"),
    ("the", 0, "expected a number"),
    ("the best", 0, "expected a number"),
    ("about", 5, "after the hedge, at the end (position 5)"),
    ("more than many", 10, "after the hedge, at 'many' (position 10)"),
    ("3.000", 0, "'3.000' may mean 3 or 3,000"),
    ("about 1.500 people", 6, "'3.000' may mean 3 or 3,000"),
    ("3.000.000", 0, "digits grouped by 3"),
    ("1,2345", 0, "digits grouped by 3"),
    ("1234,567", 0, "digits grouped by 3"),
    ("1" * 50, 0, "digits grouped by 3"),
    ("1/0", 2, "a whole, non-zero denominator after '/'"),
    ("1/2k", 2, "a whole, non-zero denominator"),
    ("1/2.5", 2, "a whole, non-zero denominator"),
    ("between 3 and", 13, "a second number, at the end"),
    ("between", 7, "a number after 'between' or 'from'"),
    ("from 3", 6, "'and' or 'to' between the two numbers"),
    ("between 3 or 4", 10, "'and' or 'to' between the two numbers"),
    ("more than 30 and less than 20", 0, "its bounds leave no possible value"),
    ("more than 100%", 0, "as a proportion: its bounds leave no possible value"),
    ("between 3 million and 40 percent", 22, "both shares, or neither"),
    ("between half and 3", 17, "both shares, or neither"),
    ("more than half and less than 3", 30, "both shares, or neither"),
    ("more than 3 or more", 12, "one bound, not both 'more than' and 'or more'"),
    ("5 or equal", 2, "a bound such as 'less than' before 'or equal'"),
    ("about 5 or equal", 8, "a bound such as 'less than' before 'or equal'"),
    ("İİİ lots", 0, "expected a number"),
]


@pytest.mark.parametrize(("phrase", "position", "message"), ERRORS)
def test_errors_point_at_the_problem(phrase: str, position: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        read_range(phrase)
    assert message in str(info.value)
    assert info.value.position == position
    assert info.value.text == phrase
    assert isinstance(info.value, ValueError)


def test_more_than_3_at_least_is_two_bounds() -> None:
    # "at least" is a hedge before a number, so after one it is an unknown word: ignored.
    assert parse_range("more than 3 at least") == Range.more_than(3)


def test_too_long_is_refused_at_once() -> None:
    text = "1" * (MAX_PHRASE_LENGTH + 1)
    with pytest.raises(ParseError, match="expected at most 10,000") as info:
        parse_range(text)
    assert info.value.position == MAX_PHRASE_LENGTH


def test_not_a_string() -> None:
    with pytest.raises(ParseError, match="text: expected a str, got int 8000"):
        parse_range(8000)  # type: ignore[arg-type]


def test_position_past_the_end() -> None:
    with pytest.raises(ParseError, match=r"at the end \(position 9\)"):
        parse_range("more than")


def test_bad_lexicon_argument() -> None:
    with pytest.raises(ValidationError, match="lexicon: expected a Lexicon or None, got"):
        parse_range("8,000", lexicon={"about": 1})  # type: ignore[arg-type]


# -- base and FractionOf -----------------------------------------------------------------


def test_base_makes_a_fraction_of() -> None:
    reading = read_range("up to 50 percent of those deployed", base="deployed")
    assert reading.base == "deployed"
    assert reading.value == FractionOf(Range.at_most(F(1, 2), kind="proportion"), "deployed")
    assert reading.value.resolve(Range.closed(10000, 12000)) == Range.closed(0, 6000)


def test_no_base_value_is_the_entailed_range() -> None:
    assert read_range("about 8,000").value == Range.closed(7500, 8500)


def test_base_needs_a_share() -> None:
    with pytest.raises(ParseError, match="as a share of 'deployed': expected a percent or fraction, but it reads as a count"):
        read_range("8,000", base="deployed")


@pytest.mark.parametrize("base", ["", "  ", 3])
def test_base_must_be_a_name(base: object) -> None:
    with pytest.raises(ValidationError, match="base: expected a quantity name"):
        read_range("half", base=base)  # type: ignore[arg-type]


# -- explain and to_json -------------------------------------------------------------------

EXPLAIN = [
    ("about 8,000", "'about 8,000' read as 8,000 +/- 500 (rule 'about': half the rounding step either way)"),
    ("about half", "'about half' read as 50% +/- 5% (rule 'about': half the rounding step either way)"),
    ("8,000", "'8,000' read as [8,000, 8,000] (rule 'number': the number as written)"),
    ("none", "'none' read as [0, 0] (rule 'zero-word': none at all)"),
    (
        "nearly 10,000",
        "'nearly 10,000' read as [0, 9,999] (rule 'nearly': below the number (entailed), and "
        "within one rounding step of it (plausible)); plausibly [9,000, 9,999]",
    ),
    ("about 15", "'about 15' read as [15, 15] (rule 'about': half the rounding step either way)"),
    ("more than 2.5", "'more than 2.5' read as (2.5, inf) (rule 'more than': above the number, plausibly by at most one rounding step); plausibly (2.5, 2.6]"),
]


@pytest.mark.parametrize(("phrase", "sentence"), EXPLAIN)
def test_explain(phrase: str, sentence: str) -> None:
    assert read_range(phrase).explain() == sentence


def test_explain_names_the_base() -> None:
    text = read_range("up to half", base="deployed").explain()
    assert text.startswith("'up to half' read as [0, 50%] of deployed (rule 'at most'")


def test_to_json() -> None:
    assert read_range("more than half").to_json() == {
        "phrase": "more than half",
        "numbers": ["1/2"],
        "hedge": "more than",
        "rule": "more than",
        "reason": "above the number, plausibly by at most one rounding step",
        "entailed": {
            "lower": "1/2", "upper": 1, "lower_closed": False, "upper_closed": True,
            "kind": "proportion", "unit": None,
        },
        "plausible": {
            "lower": "1/2", "upper": "3/5", "lower_closed": False, "upper_closed": True,
            "kind": "proportion", "unit": None,
        },
        "base": None,
    }
    assert read_range("over 2 cups").to_json()["entailed"] == {
        "lower": 3, "upper": None, "lower_closed": True, "upper_closed": False,
        "kind": "count", "unit": None,
    }
    assert read_range("8,000").to_json()["plausible"] is None


def test_reading_is_frozen_and_validated() -> None:
    reading = read_range("about 8,000")
    with pytest.raises(AttributeError):
        reading.rule = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Reading("x", (1.5,), None, "number", Range.exact(1))  # type: ignore[arg-type]


# -- the lexicon ------------------------------------------------------------------------------


def test_lexicon_lists_rules_sorted() -> None:
    phrases = [phrase for phrase, _ in DEFAULT_LEXICON.rules()]
    assert phrases == sorted(phrases)
    assert len(DEFAULT_LEXICON) == len(phrases) > 100
    assert repr(DEFAULT_LEXICON) == f"Lexicon(<{len(phrases)} phrases>)"


def test_lexicon_keys_are_normalised() -> None:
    assert "<=" in DEFAULT_LEXICON
    assert "< =" in DEFAULT_LEXICON
    assert "MORE   than" in DEFAULT_LEXICON
    assert "zzz" not in DEFAULT_LEXICON
    assert 3 not in DEFAULT_LEXICON
    assert DEFAULT_LEXICON.rule("<=") is DEFAULT_LEXICON.rule("at most")


def test_with_rule_adds_and_replaces() -> None:
    lex = DEFAULT_LEXICON.with_rule("give or take", HedgeRule("wide", "about", steps=1, position="after"))
    assert parse_range("8,000 give or take", lexicon=lex) == count(7000, 9000)
    assert parse_range("8,000 give or take") == count(7500, 8500)
    assert len(lex) == len(DEFAULT_LEXICON)
    lex = DEFAULT_LEXICON.with_rule("umpteen", WordRule("umpteen", 10, None, plausible=(10, 100)))
    reading = read_range("umpteen thousand", lexicon=lex)
    assert reading.entailed == Range.at_least(10000)
    assert reading.plausible == count(10000, 99999)
    assert reading.rule == "umpteen"


def test_without_removes() -> None:
    lex = DEFAULT_LEXICON.without("some")
    with pytest.raises(ParseError, match="expected a number"):
        parse_range("some 2,000", lexicon=lex)
    with pytest.raises(ValidationError, match="phrase: 'zzz' is not in the lexicon"):
        DEFAULT_LEXICON.without("zzz")
    with pytest.raises(ValidationError, match="phrase: 'zzz' is not in the lexicon"):
        DEFAULT_LEXICON.rule("zzz")


def test_lexicon_from_mapping_and_equality() -> None:
    small = Lexicon({"about": DEFAULT_LEXICON.rule("about")})
    assert small == Lexicon([("About", DEFAULT_LEXICON.rule("about"))])
    assert hash(small) == hash(Lexicon({"about": DEFAULT_LEXICON.rule("about")}))
    assert parse_range("about 8,000", lexicon=small) == count(7500, 8500)
    with pytest.raises(ParseError):
        parse_range("more than 8,000", lexicon=small)


LEXICON_ERRORS = [
    ("x", "entries: expected a mapping of phrase -> rule, got 'x'"),
    (3, "entries: expected a mapping of phrase -> rule, got 3"),
    (["about"], "entries: expected (phrase, rule) pairs, got 'about'"),
    ({"about": 3}, "entries['about']: expected a HedgeRule or WordRule, got 3"),
    ({3: HedgeRule("a", "about")}, "phrase: expected a str, got 3"),
    ({"": HedgeRule("a", "about")}, "phrase: expected 1 to 8 words or signs without digits, got ''"),
    ({"over 9": HedgeRule("a", "about")}, "without digits, got 'over 9'"),
    ({"a b c d e f g h i": HedgeRule("a", "about")}, "expected 1 to 8 words"),
    ([("<=", HedgeRule("a", "at_most")), ("< =", HedgeRule("a", "at_most"))], "entries: phrase '< =' is given twice"),
]


@pytest.mark.parametrize(("entries", "message"), LEXICON_ERRORS)
def test_lexicon_errors(entries: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        Lexicon(entries)  # type: ignore[arg-type]
    assert message in str(info.value)


RULE_ERRORS = [
    (lambda: HedgeRule("", "about"), "name: expected a non-empty name, got ''"),
    (lambda: HedgeRule("x", "sideways"), "relation: expected one of 'about', 'exact', 'more', 'at_least', 'less', 'at_most', 'or_equal', got 'sideways'"),
    (lambda: HedgeRule("x", "about", position="middle"), "position: expected one of 'before', 'after', got 'middle'"),
    (lambda: HedgeRule("x", "about", steps=-1), "steps: expected a number >= 0, got -1"),
    (lambda: HedgeRule("x", "about", examples="about 5"), "examples: expected a tuple of phrases, got 'about 5'"),
    (lambda: HedgeRule("x", "about", examples=3), "examples: expected a tuple of phrases, got 3"),
    (lambda: HedgeRule("x", "about", examples=(3,)), "examples: expected phrases (str), got 3"),
    (lambda: WordRule("x", -1), "lower: expected a number >= 0, got -1"),
    (lambda: WordRule("x", 1, -1), "upper: expected a number >= 0, got -1"),
    (lambda: WordRule("x", 5, 2), "word rule 'x': lower (5) must be <= upper (2)"),
    (lambda: WordRule("x", 2, 9, plausible=(1, 5)), "plausible (1, 5) must be a pair lower < upper inside"),
    (lambda: WordRule("x", 2, 9, plausible=(3, 10)), "must be a pair lower < upper inside"),
    (lambda: WordRule("x", 2, 9, plausible=(5, 5)), "must be a pair lower < upper inside"),
    (lambda: WordRule("x", 2, plausible=[3, 5]), "plausible: expected a pair (lower, upper) or None, got [3, 5]"),
    (lambda: WordRule("x", 2, plausible=(1, 2, 3)), "plausible: expected a pair"),
]


@pytest.mark.parametrize(("build", "message"), RULE_ERRORS)
def test_rule_errors(build: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()  # type: ignore[operator]
    assert message in str(info.value)


def test_rule_defaults() -> None:
    assert HedgeRule("a", "about").steps == F(1, 2)
    assert HedgeRule("a", "more").steps == 1
    assert HedgeRule("a", "more", steps="0.5").steps == F(1, 2)
    rule = WordRule("a", 2, 10, plausible=(3, 6))
    assert (rule.upper, rule.plausible, rule.scalable) == (10, (3, 6), True)
    assert WordRule("unbounded", 2, plausible=(2, 10)).upper is None


def test_zero_width_steps_give_no_plausible_range() -> None:
    lex = DEFAULT_LEXICON.with_rule("over", HedgeRule("over", "more", steps=0))
    assert read_range("over 3,000", lexicon=lex).plausible is None


# -- the rounding step ----------------------------------------------------------------------

PLACES = [
    (8000, 1000), (8500, 100), (7, 1), (10, 10), (F(5, 2), F(1, 10)), (F(1, 4), F(1, 100)),
    (F(1, 3), F(1, 10)), (F(2, 3), F(1, 10)), (F(1, 30), F(1, 100)), (F(4, 3), 1),
    (F(40, 3), 10), (F(1, 20), F(1, 100)), (F(3, 50), F(1, 100)),
]


@pytest.mark.parametrize(("value", "place"), PLACES)
def test_place(value: int | Fraction, place: int | Fraction) -> None:
    assert _place(value) == place


STEPS = [
    (8000, 1, 1000), (10000, 1, 1000), (100, 1, 10), (1, 1, 1), (0, 1, 1),
    (-8000, 1, 1000), (12, 12, 12), (120, 12, 12), (F(1, 2), F(1, 100), F(1, 10)),
    (1, F(1, 100), F(1, 10)), (F(1, 10), 1, F(1, 100)), (1_000_000, 1, 100_000),
]


@pytest.mark.parametrize(("value", "unit", "step"), STEPS)
def test_step(value: int | Fraction, unit: int | Fraction, step: int | Fraction) -> None:
    assert _step(value, unit) == step


# -- edges: words that end a numeral, and bounds on the same side --------------------------

EDGES = [
    ("more than 20 and 30 more", Range.more_than(20)),
    ("more than 20 and about 30", Range.more_than(20)),
    ("50 per day", count(50, 50)),
    ("50 per-capita", count(50, 50)),
    ("5 in 3", count(5, 5)),
    ("one in many", count(1, 1)),
    ("half a day", share(F(1, 2), F(1, 2))),
    ("one hundred and a half", count(100, 100)),
    ("2.5 and a half", amount(F(5, 2), F(5, 2))),
    ("three point blank", count(3, 3)),
    ("three point five zero", amount(F(7, 2), F(7, 2))),
    ("at least 20 and more than 20", Range.more_than(20)),
    ("more than 20 and more than 30", Range.more_than(30)),
    ("more than 30 and more than 20", Range.more_than(30)),
    ("less than 30 and at most 30", Range.less_than(30)),
    ("a million", count(1_000_000, 1_000_000)),
    ("twenty five hundred", count(2500, 2500)),
    ("one million two hundred thousand", count(1_200_000, 1_200_000)),
    ("one thousand two hundred million", count(1_200_000_000, 1_200_000_000)),
    ("5 seven", count(5, 5)),
    ("twenty thirty", count(20, 20)),
    ("nine ten", count(9, 9)),
    ("thousand", None),
    ("point blank", None),
    ("and", None),
    ("the first", count(1, 1)),
    ("the twenty", None),
    ("the twenty-fifth", count(25, 25)),
    ("the 3", None),
    ("minus", None),
    ("a few minus", count(2, 9)),
    ("fifty fifty", count(50, 50)),
]


@pytest.mark.parametrize(("phrase", "expected"), EDGES)
def test_edges(phrase: str, expected: Range | None) -> None:
    if expected is None:
        with pytest.raises(ParseError):
            parse_range(phrase)
    else:
        assert parse_range(phrase) == expected


def test_plausible_that_adds_nothing_is_dropped() -> None:
    assert read_range("less than 1").plausible is None
    lex = DEFAULT_LEXICON.with_rule("couple", WordRule("couple", 2, 3, plausible=(2, 3)))
    assert read_range("couple", lexicon=lex).plausible is None


# -- regression: huge numbers are refused, never left to int()'s 4,300-digit limit -----------

HUGE = [
    ("1 point " + "1" * 5000, 8, "at most 40 digits after 'point'"),
    ("point " + "one " * 41, 6, "at most 40 digits after 'point'"),
    ("the " + "1" * 5000 + "th", 4, "a rank of at most 40 digits"),
    ("one " + "trillion " * 1100, 49, "a number below 10**60"),
    ("three thousand " + "millions " * 1100, 96, "a number below 10**60"),
    ("a dozen " + "dozen " * 1600, 332, "a number below 10**60"),
    ("hundreds " + "of thousands " * 700, 272, "a number below 10**60"),
    ("several " + "thousand " * 1100, 188, "a number below 10**60"),
]


@pytest.mark.parametrize(("text", "position", "message"), HUGE, ids=lambda v: str(v)[:20])
def test_huge_numbers_are_refused(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_range(text)
    assert message in str(info.value)
    assert info.value.position == position


def test_largest_numbers_still_read() -> None:
    assert parse_range("one trillion trillion trillion trillion") == Range.exact(10**48)
    assert parse_range("point " + "one " * 40).kind == "amount"


def test_or_equal_before_a_number_is_refused() -> None:
    lex = DEFAULT_LEXICON.with_rule("or equally", HedgeRule("or equal", "or_equal"))
    with pytest.raises(ParseError, match="'or equal' only closes one after it") as info:
        parse_range("or equally 5", lexicon=lex)
    assert info.value.position == 0
