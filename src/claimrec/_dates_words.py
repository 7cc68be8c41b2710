"""The words of time phrases: vocabulary, regex fragments and the normalised text.

Patterns are compiled on first use (:class:`_LazyPattern`), so importing claimrec stays quick.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import Final, NamedTuple

from claimrec.errors import ParseError


class _LazyPattern:
    """A regular expression compiled on first use, so importing claimrec stays quick."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._get().match(text, pos)

    def fullmatch(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._get().fullmatch(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._get().finditer(text)


def _lazy(pattern: str, flags: int = 0) -> _LazyPattern:
    return _LazyPattern(pattern, flags)


# -- vocabulary ----------------------------------------------------------------------

_MONTHS: Final = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES: Final = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS: Final = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_WEEKDAYS_PLURAL: Final = {
    "mondays": 0, "tuesdays": 1, "wednesdays": 2, "thursdays": 3, "fridays": 4,
    "saturdays": 5, "sundays": 6,
}  # fmt: skip
_WEEKDAY_NAMES: Final = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
# Each unit as (relativedelta field, multiple).
_UNITS: Final = {
    "day": ("days", 1), "days": ("days", 1), "week": ("days", 7), "weeks": ("days", 7),
    "wk": ("days", 7), "wks": ("days", 7), "fortnight": ("days", 14),
    "fortnights": ("days", 14), "month": ("months", 1), "months": ("months", 1),
    "quarter": ("months", 3), "quarters": ("months", 3), "qtr": ("months", 3),
    "qtrs": ("months", 3), "year": ("years", 1), "years": ("years", 1), "yr": ("years", 1),
    "yrs": ("years", 1), "decade": ("years", 10), "decades": ("years", 10),
    "hour": ("hours", 1), "hours": ("hours", 1), "hr": ("hours", 1), "hrs": ("hours", 1),
}  # fmt: skip
_UNIT_GRAIN: Final = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "qtr": "quarter", "qtrs": "quarter", "year": "year", "years": "year", "yr": "year",
    "yrs": "year", "decade": "decade", "decades": "decade", "half": "half", "halves": "half",
}  # fmt: skip
_SMALL: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS: Final = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_DECADE_WORDS: Final = {
    "tens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
    "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
# Vague counts as the smallest and largest number they allow.
_VAGUE_COUNTS: Final = {
    "a couple of": (2, 2), "a couple": (2, 2), "couple of": (2, 2), "couple": (2, 2),
    "a few": (2, 4), "few": (2, 4), "several": (3, 7), "a dozen": (12, 12),
    "dozen": (12, 12),
}  # fmt: skip
# Words the rules use, beyond the tables above.
_KEYWORDS: Final = frozenset(
    (
        "a", "about", "after", "afternoon", "afterwards", "ago", "an", "and", "approximately",
        "around", "as", "at", "aughts", "back", "before", "beginning", "between", "bom", "boy",
        "by", "circa", "coming", "commencing", "couple", "current", "date", "day", "dozen",
        "during", "earlier", "early", "end", "eom", "eoy", "evening", "ever", "far", "few",
        "following", "for", "forward", "forwards", "from", "future", "half", "halves", "hence",
        "hundred", "in", "last", "late", "later", "mid", "middle", "midmonth", "midweek",
        "midyear", "month", "morning", "mtd", "next", "night", "no", "noughties", "now", "number",
        "of", "oh", "on", "onward", "onwards", "over", "past", "previous", "previously", "prior",
        "recent", "right", "roughly", "several", "since", "so", "some", "sometime", "start",
        "starting", "than", "the", "this", "thousand", "thousands", "through", "throughout",
        "thru", "til", "till", "time", "tmr", "tmrw", "to", "today", "tomorrow", "tonight",
        "until", "up", "upcoming", "week", "weekend", "within", "year", "yesterday", "ytd",
    )
)  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + ")"


_MONTH_RE: Final = _alt(_MONTHS)
_WD_RE: Final = _alt(_WEEKDAYS)
_WDPL_RE: Final = _alt(_WEEKDAYS_PLURAL)
_UNIT_RE: Final = _alt(_UNITS)
_CARD_RE: Final = (
    f"(?:{_alt(_TENS)}(?: {_alt(_SMALL)})?|{_alt(_TEENS)}|{_alt(_SMALL)}|(?:a |one )hundred)"
)
_COUNT_RE: Final = f"(?:\\d+|{_alt(_VAGUE_COUNTS)}|{_CARD_RE}|an?)"
_EXACT_RE: Final = f"(?:\\d+|{_CARD_RE})"
_ORD_RE: Final = (
    f"(?:\\d{{1,3}}(?:st|nd|rd|th)|(?:twenty|thirty) {_alt(_ORDINAL_WORDS)}|{_alt(_ORDINAL_WORDS)})"
)
_DUR_RE: Final = f"{_COUNT_RE} {_UNIT_RE}(?: (?:and )?{_COUNT_RE} {_UNIT_RE})*"
_DUR_PART: Final = _lazy(f"({_COUNT_RE}) ({_UNIT_RE})")

_VOCABULARY: Final = (
    _KEYWORDS
    | _MONTHS.keys()
    | _WEEKDAYS.keys()
    | _WEEKDAYS_PLURAL.keys()
    | _UNITS.keys()
    | _UNIT_GRAIN.keys()
    | _SMALL.keys()
    | _TEENS.keys()
    | _TENS.keys()
    | _ORDINAL_WORDS.keys()
    | _DECADE_WORDS.keys()
    | {"qtr", "yr", "wk"}
)


# -- normalising the text --------------------------------------------------------------

_TRANSLATE: Final = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2018": "'",
        "\u2019": "'", "\u201c": '"', "\u201d": '"',
    }
)  # fmt: skip
_TOKEN: Final = _lazy(
    r"(?P<ord>\d+(?:st|nd|rd|th|s)(?![a-z]))"
    r"|(?P<qh>[qh][1-4](?![a-z0-9]))"
    r"|(?P<num>\d+)"
    r"|(?P<poss>'s(?![a-z]))"
    r"|(?P<word>[a-z]+)"
    r"|(?P<sep>[/.~:-])"
    r"|(?P<skip>[\s,()'\"]+)"
    r"|(?P<bad>.)",
    re.DOTALL,
)


# Words and numbers apart, single spaces: already in normal form (the common case).
_PLAIN: Final = _lazy(r"(?:[a-z]+|\d+)(?: (?:[a-z]+|\d+))*")


class _Text(NamedTuple):
    """The normalised phrase: lower-case tokens joined by single spaces, and where each began."""

    norm: str
    tokens: tuple[str, ...]
    kinds: tuple[str, ...]
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def orig(self, norm_pos: int) -> int:
        """The offset in the original text of a position in the normalised one."""
        i = max(bisect.bisect_right(self.norm_starts, norm_pos) - 1, 0)
        return self.orig_starts[i] + min(norm_pos - self.norm_starts[i], len(self.tokens[i]))


def _normalise(text: str, lowered: str) -> _Text:
    tokens: list[str] = []
    kinds: list[str] = []
    origs: list[int] = []
    end = len(lowered)
    for m in _TOKEN.finditer(lowered):
        kind = m.lastgroup
        if kind == "skip":
            continue
        start = m.start()
        if kind == "bad":
            raise ParseError(
                f"cannot read {_shown(text)} as a time span: unexpected character "
                f"{text[start]!r} at position {start}; expected letters, digits, spaces "
                "or one of , . / - ~ ( )",
                text=text,
                position=start,
            )
        value = m.group()
        if value == "." and not (
            0 < start < end - 1 and lowered[start - 1].isdigit() and lowered[start + 1].isdigit()
        ):
            continue  # a full stop after "Feb." or "16." is punctuation, not a separator
        tokens.append(value)
        kinds.append(str(kind))
        origs.append(start)
    # A hyphen between two date-like tokens may mark a range ("January-March", "2014-2018")
    # or join a date ("2015-3-3"); elsewhere it joins words ("mid-January", "twenty-first").
    keep = [
        i
        for i, tok in enumerate(tokens)
        if tok != "-"
        or i in (0, len(tokens) - 1)
        or (_date_like(tokens[i - 1], kinds[i - 1]) and _date_like(tokens[i + 1], kinds[i + 1]))
    ]
    toks = tuple(tokens[i] for i in keep)
    norm_starts: list[int] = []
    pos = 0
    for tok in toks:
        norm_starts.append(pos)
        pos += len(tok) + 1
    return _Text(
        " ".join(toks),
        toks,
        tuple(kinds[i] for i in keep),
        tuple(norm_starts),
        tuple(origs[i] for i in keep),
    )


def _date_like(token: str, kind: str) -> bool:
    return kind != "word" or token in _MONTHS or token in _WEEKDAYS


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 80 else repr(text[:77] + "...")
