"""Tokens and number words for :mod:`claimrec.readings`: how digits and words make numbers.

The tokenizer, digit groups and suffixes ("3,000", "8k"), the number words ("forty-two",
"a third", "the tenth") and the rounding step of a number as written.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

from claimrec._exact import Number, simplify

_MAX_NUMBER_CHARS: Final = 40
_MAX_MAGNITUDE: Final = 10**60


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
