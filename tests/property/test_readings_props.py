"""Laws of the number-phrase reader: total, linear, and faithful to the numbers it reads."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimrec.errors import ParseError
from claimrec.ranges import Range
from claimrec.readings import DEFAULT_LEXICON, MAX_PHRASE_LENGTH, parse_range, read_range

# Pieces that exercise every path of the reader: hedges, numbers in digits and words,
# separators, connectors, scale words, signs and junk.
PIECES = [
    *(phrase for phrase, _ in DEFAULT_LEXICON.rules()),
    "8,000",
    "3.000",
    "1,2345",
    "10 000",
    "1.2",
    ".5",
    "0",
    "7",
    "12",
    "2009",
    "8k",
    "2.5bn",
    "one",
    "twenty",
    "-",
    "five",
    "hundred",
    "thousand",
    "million",
    "dozen",
    "dozens",
    "a",
    "an",
    "half",
    "third",
    "quarters",
    "point",
    "and",
    "or",
    "to",
    "between",
    "from",
    "in",
    "out",
    "of",
    "every",
    "the",
    "tenth",
    "10th",
    "percent",
    "per",
    "cent",
    "%",
    "/",
    "$",
    "minus",
    "negative",
    "–",
    "~",
    ",",
    ".",
    "troops",
    "İ",
    "ß",
    "٣",
    "\u00a0",
    "",
    "+",
    "trillion",
    "1" * 45,
    "point " + "1" * 45,
    "the " + "9" * 45 + "th",
]

pieces = st.lists(st.sampled_from(PIECES), max_size=12)


def _total(text: str) -> Range | None:
    """The reading of ``text``, or None after checking the ParseError it raised."""
    try:
        return parse_range(text)
    except ParseError as err:
        error = err
    assert isinstance(error, ValueError)
    assert error.text == text
    assert error.position is None or 0 <= error.position <= len(text)
    return None


@settings(max_examples=400)
@given(st.text())
def test_any_text_reads_or_raises_parse_error(text: str) -> None:
    _total(text)


@settings(max_examples=400)
@given(st.data())
def test_phrase_like_text_reads_or_raises_parse_error(data: st.DataObject) -> None:
    words = data.draw(pieces)
    sep = data.draw(st.sampled_from([" ", "", "  ", "-"]))
    text = sep.join(words)
    got = _total(text)
    kind = data.draw(st.sampled_from([None, "count", "proportion", "amount"]))
    try:
        reading = read_range(text, kind=kind)
    except ParseError:
        return
    assert reading.entailed == parse_range(text, kind=kind)
    if kind is None:
        assert reading.entailed == got
    assert not reading.entailed.is_empty
    if reading.plausible is not None:
        assert reading.entailed.contains(reading.plausible)
        assert reading.plausible != reading.entailed
    assert reading.explain().startswith(repr(text))
    assert reading.to_json()["phrase"] == text


# -- time linear in the input ---------------------------------------------------------

ADVERSARIAL = [
    "1",
    "1,",
    ",",
    " ",
    "1 000 ",
    "1.",
    ".1",
    "about ",
    "more than ",
    "between 1 and ",
    "-",
    "- ",
    "and ",
    "a ",
    "half ",
    "of ",
    "point ",
    "one ",
    "hundred ",
    "thousand ",
    "no ",
    "at least ",
    "or ",
    "İ",
    "x",
    "'",
    "1k",
    "1 in ",
    "trillion ",
    "dozen ",
    "of thousands ",
    "one ",
    "th",
    "1/",
    "the ",
    "and a half ",
    "1 point ",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_adversarial_text_is_answered(data: st.DataObject) -> None:
    # Time on such text is measured by bench/adversarial_bench.py, not asserted here.
    units = data.draw(st.lists(st.sampled_from(ADVERSARIAL), min_size=1, max_size=3))
    unit = "".join(units)
    prefix = data.draw(st.sampled_from(["", "about ", "between ", "from ", "more than "]))
    for size in (MAX_PHRASE_LENGTH - len(prefix), 100_000):
        _total(prefix + (unit * (size // len(unit) + 1))[:size])


# -- faithful to the numbers ------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10**12)


@given(counts)
def test_a_number_with_commas_reads_as_itself(n: int) -> None:
    assert parse_range(f"{n:,}") == Range.exact(n)
    assert parse_range(str(n)) == Range.exact(n)
    assert parse_range(f"{n:,} soldiers") == Range.exact(n)


_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell_below_thousand(n: int, british: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_SMALL[hundreds]} hundred")
    if rest:
        tens, units = divmod(rest, 10)
        small = (
            _SMALL[rest]
            if rest < 20
            else _TENS_WORDS[tens] + (f"-{_SMALL[units]}" if units else "")
        )
        parts.append(("and " if hundreds and british else "") + small)
    return " ".join(parts)


def _spell(n: int, british: bool) -> str:
    if n == 0:
        return "zero"
    parts = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk, n = divmod(n, scale)
        if chunk:
            parts.append((_spell_below_thousand(chunk, british) + f" {name}").strip())
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=999_999_999_999), st.booleans())
def test_a_number_in_words_reads_as_itself(n: int, british: bool) -> None:
    assert parse_range(_spell(n, british)) == Range.exact(n)


@given(st.integers(min_value=1, max_value=10**9))
def test_bounds_hold_their_number(n: int) -> None:
    assert n + 1 in parse_range(f"more than {n:,}")
    assert n not in parse_range(f"more than {n:,}")
    assert n in parse_range(f"at least {n:,}")
    assert n in parse_range(f"up to {n:,}")
    assert n not in parse_range(f"fewer than {n:,}")
    assert n - 1 in parse_range(f"nearly {n:,}")
    about = parse_range(f"about {n:,}")
    assert n in about
    assert parse_range(f"{n:,} or more") == Range.at_least(n)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_between_is_the_closed_range(a: int, b: int) -> None:
    expected = Range.closed(min(a, b), max(a, b))
    assert parse_range(f"between {a:,} and {b:,}") == expected
    assert parse_range(f"from {a:,} to {b:,}") == expected
    assert parse_range(f"{a:,}–{b:,}") == expected


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["%", " percent", " per cent"]))
def test_percent_is_a_share(n: int, sign: str) -> None:
    assert parse_range(f"{n}{sign}") == Range.exact(Fraction(n, 100), kind="proportion")
    assert parse_range(f"up to {n}{sign}") == Range.at_most(Fraction(n, 100), kind="proportion")


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_scale_words_multiply(n: int, scale: str) -> None:
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale]
    assert parse_range(f"{n} {scale}") == Range.exact(n * factor)
    assert parse_range(f"between 1 and {n} {scale}") == Range.closed(factor, n * factor)


@settings(max_examples=200)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.-0123456789%"))
def test_case_does_not_matter(text: str) -> None:
    assert _total(text.upper()) == _total(text)
