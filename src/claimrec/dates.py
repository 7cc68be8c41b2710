"""Time phrases read as spans of days: "mid-January", "since last week", "4 February 2025".

A phrase is read against a *reference*, the day it was said, and gives a
:class:`~claimrec.spans.Span` (half-open: ``start`` inclusive, ``end`` exclusive).
:func:`read_span` also names the rule that read the phrase and how, so a report can
quote it; :func:`parse_span` returns the span alone.

>>> parse_span("mid-January", reference="2025-02-05")
Span('2025-01-11', '2025-01-21')
>>> print(read_span("since late 2024", reference="2025-02-05").explain())
'since late 2024' said on 2025-02-05 read as 2024-09-01 .. 2025-02-06 (rule 'since': ...)

Every convention (which days "mid" covers, what "last Tuesday" means, where "for weeks"
starts) is documented with examples in ``docs/dates.md``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Final, NamedTuple

import attrs
from dateutil.relativedelta import relativedelta

from claimrec.errors import ParseError
from claimrec.spans import Span, to_date

__all__ = ["SpanReading", "parse_span", "read_span"]


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


_MAX_TEXT: Final = 200
_MAX_DEPTH: Final = 12
_MAX_PREFIX: Final = 24  # tokens tried when looking for the readable start of a bad phrase
_DAY: Final = dt.timedelta(days=1)


# -- the public reading ----------------------------------------------------------


@attrs.frozen
class SpanReading:
    """A time phrase, the day it was said, the span it was read as and the rule that read it.

    >>> reading = read_span("mid-January", reference="2025-02-05")
    >>> reading.rule, reading.span
    ('part-of-month', Span('2025-01-11', '2025-01-21'))
    """

    phrase: str = attrs.field(validator=attrs.validators.instance_of(str))
    reference: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    rule: str = attrs.field(validator=attrs.validators.instance_of(str))
    span: Span = attrs.field(validator=attrs.validators.instance_of(Span))
    detail: str = attrs.field(default="", validator=attrs.validators.instance_of(str))

    def explain(self) -> str:
        """One sentence: the phrase, the day said, the span and the rule with its detail.

        >>> print(read_span("mid-January", reference="2025-02-05").explain())
        'mid-January' said on 2025-02-05 read as 2025-01-11 .. 2025-01-21 (rule 'part-of-month': mid = days 11-20)
        """
        detail = f": {self.detail}" if self.detail else ""
        return (
            f"{self.phrase!r} said on {self.reference.isoformat()} read as {self.span} "
            f"(rule {self.rule!r}{detail})"
        )

    def to_json(self) -> dict[str, str | None]:
        """A JSON-ready dict; dates are ISO strings, ``end`` is exclusive, ``None`` is open.

        >>> read_span("since 2024", reference="2025-02-05").to_json()["end"]
        '2025-02-06'
        >>> read_span("until March 2025", reference="2025-02-05").to_json()["start"] is None
        True
        """
        span = self.span
        return {
            "phrase": self.phrase,
            "reference": self.reference.isoformat(),
            "rule": self.rule,
            "detail": self.detail,
            "start": None if span.start is None else span.start.isoformat(),
            "end": None if span.end is None else span.end.isoformat(),
        }


def read_span(text: str, *, reference: dt.date | str, dayfirst: bool = False) -> SpanReading:
    """Read a time phrase said on ``reference`` (a date or ISO string) as a :class:`SpanReading`.

    Numeric dates are month first ("02/04/2025" is 4 February) unless the first number
    cannot be a month or ``dayfirst`` is true. Anything that cannot be read raises
    :class:`~claimrec.errors.ParseError` (a ``ValueError``) naming the text and the position
    where reading stopped; a bad ``reference`` raises ``ValidationError``.

    >>> read_span("late last month", reference="2025-02-05").span
    Span('2025-01-21', '2025-02-01')
    >>> read_span("02/04/2025", reference="2025-02-05", dayfirst=True).span
    Span('2025-04-02', '2025-04-03')
    >>> read_span("last fortnightly", reference="2025-02-05")
    Traceback (most recent call last):
    ...
    claimrec.errors.ParseError: cannot read 'last fortnightly' as a time span: unknown word 'fortnightly' at position 5; expected ...
    """
    ref = to_date(reference, "reference")
    found = _read(text, ref, dayfirst)
    return SpanReading(text, ref, found.rule, Span(found.start, found.end), found.detail)


def parse_span(text: str, *, reference: dt.date | str, dayfirst: bool = False) -> Span:
    """The :class:`~claimrec.spans.Span` a time phrase said on ``reference`` names.

    >>> parse_span("4 February", reference="2025-02-05")
    Span('2025-02-04', '2025-02-05')
    >>> parse_span("the past 3 days", reference="2025-02-05")
    Span('2025-02-02', '2025-02-05')
    >>> parse_span("next month", reference="2025-02-05")
    Span('2025-03-01', '2025-04-01')
    """
    found = _read(text, to_date(reference, "reference"), dayfirst)
    return Span(found.start, found.end)


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


# -- the engine ----------------------------------------------------------------------


class _R(NamedTuple):
    """An internal reading: a span, its grain and how it was read."""

    start: dt.date | None
    end: dt.date | None
    grain: str
    rule: str
    detail: str
    explicit: bool = False  # a calendar date or month written out (it beats a weekday)
    yearless: bool = False  # ... whose year was inferred from the reference


class _Fail(Exception):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


_Rule = Callable[["_Reader", str, int, int], "_R | None"]


class _Reader:
    """One reading: the reference, the options, a memo of sub-phrases and the best failure."""

    __slots__ = ("dayfirst", "failure", "memo", "ref")

    def __init__(self, ref: dt.date, dayfirst: bool) -> None:
        self.ref = ref
        self.dayfirst = dayfirst
        self.memo: dict[tuple[str, int], _R | None] = {}
        self.failure: _Fail | None = None

    def _run(self, rules: tuple[_Rule, ...], s: str, off: int, depth: int, kind: int) -> _R | None:
        if depth > _MAX_DEPTH or not s:
            return None
        key = (s, kind)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = None  # a phrase that reaches itself again does not read
        found = None
        for rule in rules:
            try:
                found = rule(self, s, off, depth + 1)
            except _Fail as fail:
                self._note(fail)
                continue
            except (ValueError, OverflowError) as err:
                # date arithmetic past year 1 or 9999 raises these
                self._note(_Fail(f"{s!r} falls outside the calendar (years 1-9999): {err}", off))
                continue
            if found is not None:
                break
        self.memo[key] = found
        return found

    def _note(self, fail: _Fail) -> None:
        if self.failure is None or fail.pos > self.failure.pos:
            self.failure = fail

    def point(self, s: str, off: int, depth: int) -> _R | None:
        """A closed span: a day, a period, a part of one, an offset from one."""
        return self._run(_POINT_RULES, s, off, depth, 1)

    def phrase(self, s: str, off: int, depth: int) -> _R | None:
        """A point, or a span with open or explicit ends ("since X", "from X to Y")."""
        return self._run(_PHRASE_RULES, s, off, depth, 0)

    def closed(self, s: str, off: int, depth: int) -> _R:
        """A point with both ends, or a failure naming the sub-phrase."""
        found = self.point(s, off, depth)
        if found is None or found.start is None or found.end is None:
            raise _Fail(f"{s!r} is not a date or period", off)
        return found


def _read(text: object, ref: dt.date, dayfirst: bool) -> _R:
    if not isinstance(text, str):
        raise ParseError(f"expected the time phrase as a string, got {text!r}", text="")
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if not stripped:
        raise ParseError(
            f"cannot read {_shown(text)} as a time span: the text is empty; expected a date "
            "or a phrase such as 'last week'",
            text=text,
            position=0,
        )
    if len(stripped) > _MAX_TEXT:
        raise ParseError(
            f"cannot read {_shown(text)} as a time span: expected at most {_MAX_TEXT} "
            f"characters, got {len(stripped)}",
            text=text,
            position=lead + _MAX_TEXT,
        )
    if len(stripped) == 10 and stripped[4] == "-" and stripped[7] == "-":
        try:
            day = dt.date.fromisoformat(stripped)
        except ValueError:
            pass
        else:
            return _R(day, day + _DAY, "day", "absolute-date", "ISO date", explicit=True)
    translated = text.translate(_TRANSLATE)
    if not translated.isascii():
        pos = next(i for i, ch in enumerate(translated) if not ch.isascii())
        raise ParseError(
            f"cannot read {_shown(text)} as a time span: unexpected character {text[pos]!r} "
            f"at position {pos}; expected English words, digits and plain punctuation",
            text=text,
            position=pos,
        )
    lowered = translated.lower()
    simple = lowered.strip()
    if not _PLAIN.fullmatch(simple):
        simple = _normalise(text, lowered).norm
    if not simple:
        raise ParseError(
            f"cannot read {_shown(text)} as a time span: it has no words or digits; {_EXPECTED}",
            text=text,
            position=lead,
        )
    reader = _Reader(ref, dayfirst)
    found = reader.phrase(simple, 0, 0)
    if found is not None:
        return found
    norm = _normalise(text, lowered)
    fallback = _dateutil(stripped, norm)
    if fallback is not None:
        return fallback
    raise _diagnose(text, norm, reader)


def _dateutil(stripped: str, norm: _Text) -> _R | None:
    """The last resort for absolute dates in forms the rules do not know ("4 Feb 2025 10:30")."""
    odd = ":" in norm.tokens or any(
        kind == "word" and tok not in _VOCABULARY
        for tok, kind in zip(norm.tokens, norm.kinds, strict=True)
    )
    years = [
        tok
        for tok, kind in zip(norm.tokens, norm.kinds, strict=True)
        if kind == "num" and len(tok) == 4
    ]
    if not odd or not years or any(tok in _NOT_DATEUTIL for tok in norm.tokens):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            span = Span.from_text(stripped)
    except Exception:  # dateutil raises assorted errors on odd input
        return None
    assert span.start is not None
    if str(span.start.year).zfill(4) not in years:
        return None
    grain = "day" if span.days == 1 else "month" if span.days in (28, 29, 30, 31) else "year"
    return _R(span.start, span.end, grain, "dateutil", "read by dateutil", explicit=True)


_NOT_DATEUTIL: Final = _KEYWORDS - {"the", "of", "at", "on", "and", "a"}
_EXPECTED: Final = (
    "expected a date (e.g. '4 February 2025'), a month, a weekday, or a phrase such as "
    "'last week', 'mid-January' or 'since late 2024'"
)


def _diagnose(text: str, norm: _Text, reader: _Reader) -> ParseError:
    for i, tok in enumerate(norm.tokens):
        if norm.kinds[i] == "word" and tok not in _VOCABULARY:
            pos = norm.orig_starts[i]
            return ParseError(
                f"cannot read {_shown(text)} as a time span: unknown word {text[pos : pos + len(tok)]!r} "
                f"at position {pos}; {_EXPECTED}",
                text=text,
                position=pos,
            )
    if reader.failure is not None:
        pos = norm.orig(reader.failure.pos)
        return ParseError(
            f"cannot read {_shown(text)} as a time span: {reader.failure.message} "
            f"(at position {pos})",
            text=text,
            position=pos,
        )
    for k in range(min(len(norm.tokens) - 1, _MAX_PREFIX), 0, -1):
        if reader.phrase(" ".join(norm.tokens[:k]), 0, 0) is not None:
            pos = norm.orig_starts[k]
            return ParseError(
                f"cannot read {_shown(text)} as a time span: read {text[:pos].strip()!r} "
                f"but not what follows at position {pos} ({text[pos:].strip()!r}); "
                "expected the phrase to end there",
                text=text,
                position=pos,
            )
    pos = norm.orig_starts[0]
    return ParseError(
        f"cannot read {_shown(text)} as a time span at position {pos}; {_EXPECTED}",
        text=text,
        position=pos,
    )


# -- small helpers -------------------------------------------------------------------


def _day(d: dt.date, grain: str, rule: str, detail: str) -> _R:
    return _R(d, d + _DAY, grain, rule, detail)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, _add_months(first, 1)


def _add_months(first: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after the month of ``first`` (a first of a month)."""
    years, month = divmod(first.month - 1 + months, 12)
    return dt.date(first.year + years, month + 1, 1)


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _before(ref: dt.date, wd: int, n: int = 1) -> dt.date:
    """The ``n``-th ``wd`` strictly before ``ref``."""
    back = (ref.weekday() - wd) % 7 or 7
    return ref - dt.timedelta(days=back + 7 * (n - 1))


def _after(ref: dt.date, wd: int, n: int = 1) -> dt.date:
    """The ``n``-th ``wd`` strictly after ``ref``."""
    ahead = (wd - ref.weekday()) % 7 or 7
    return ref + dt.timedelta(days=ahead + 7 * (n - 1))


def _ordinal(text: str) -> int:
    if text[0].isdigit():
        return int(text[:-2])
    words = text.split(" ")
    if len(words) == 2:
        return _TENS[words[0]] + _ORDINAL_WORDS[words[1]]
    return _ORDINAL_WORDS[text]


def _cardinal(words: list[str]) -> int | None:
    """A whole number written in words ("two thousand and twenty"), or None."""
    total = current = 0
    last = ""
    for w in words:
        if w in _SMALL and last in ("", "tens", "hundred", "thousand", "and"):
            current += _SMALL[w]
            last = "small"
        elif w in _TEENS and last in ("", "hundred", "thousand", "and"):
            current += _TEENS[w]
            last = "teen"
        elif w in _TENS and last in ("", "hundred", "thousand", "and"):
            current += _TENS[w]
            last = "tens"
        elif w == "hundred" and last in ("small", "teen"):
            current *= 100
            last = "hundred"
        elif w == "thousand" and last in ("small", "teen", "tens", "hundred"):
            total += current * 1000
            current = 0
            last = "thousand"
        elif w == "and" and last in ("hundred", "thousand"):
            last = "and"
        else:
            return None
    return None if last in ("", "and") else total + current


def _count(text: str) -> tuple[int, int]:
    if text.isdigit():
        return int(text), int(text)
    if text in _VAGUE_COUNTS:
        return _VAGUE_COUNTS[text]
    if text in ("a", "an"):
        return 1, 1
    words = text.split(" ")
    if words[-1] == "hundred":
        return 100, 100
    value = _cardinal(words)
    assert value is not None  # the regex admits only numbers _cardinal reads
    return value, value


class _Duration(NamedTuple):
    """A length of time; hours are kept apart, as the days they may cover."""

    low: relativedelta
    high: relativedelta
    text: str
    hours_low: int = 0
    hours_high: int = 0

    @property
    def exact(self) -> bool:
        return self.low == self.high and self.hours_low == self.hours_high

    def days_up(self) -> dt.timedelta:
        """The most whole days the hours may reach into."""
        return dt.timedelta(days=-(-self.hours_high // 24))

    def days_down(self) -> dt.timedelta:
        """The fewest whole days the hours surely span."""
        return dt.timedelta(days=self.hours_low // 24)


@functools.lru_cache(maxsize=512)
def _duration(text: str) -> _Duration:
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    for m in _DUR_PART.finditer(text):
        lo, hi = _count(m.group(1))
        field, mult = _UNITS[m.group(2)]
        low[field] = low.get(field, 0) + lo * mult
        high[field] = high.get(field, 0) + hi * mult
    return _Duration(_delta(low), _delta(high), text, low.get("hours", 0), high.get("hours", 0))


def _delta(fields: dict[str, int]) -> relativedelta:
    return relativedelta(
        years=fields.get("years", 0), months=fields.get("months", 0), days=fields.get("days", 0)
    )


def _two_digit_year(yy: int, ref: dt.date) -> int:
    """A two-digit year: the year with those last digits at most 20 years after the reference."""
    year = ref.year // 100 * 100 + yy
    if year > ref.year + 20:
        year -= 100
    elif year <= ref.year - 80:
        year += 100
    return year


def _span_text(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} .. {(end - _DAY).isoformat()}"


# -- rules: fixed phrases --------------------------------------------------------------


def _deictic(days: int, name: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        return _day(ref + dt.timedelta(days=days), "day", "deictic-day", name)

    return read


def _weekend(which: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        saturday = _monday(ref) + dt.timedelta(days=5)
        if which == "past":
            detail = "the latest weekend begun by the day said"
            if ref < saturday:
                saturday -= dt.timedelta(days=7)
        else:
            shift = {"this": 0, "last": -7, "next": 7, "before last": -14}[which]
            saturday += dt.timedelta(days=shift)
            detail = {
                "this": "Saturday and Sunday of the week said (weeks start on Monday)",
                "last": "Saturday and Sunday of the week before",
                "next": "Saturday and Sunday of the week after",
                "before last": "Saturday and Sunday of the week before last",
            }[which]
        return _R(saturday, saturday + 2 * _DAY, "weekend", "weekend", detail)

    return read


def _to_date(unit: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        start = {
            "year": ref.replace(month=1, day=1),
            "month": ref.replace(day=1),
            "week": _monday(ref),
        }[unit]
        return _R(
            start, ref + _DAY, "days", "to-date", f"from the start of the {unit} to the day said"
        )

    return read


def _until_now(ref: dt.date) -> _R:
    return _R(None, ref + _DAY, "open", "to-date", "every day up to the day said, no start given")


def _fixed_part(part: str, unit: str) -> Callable[[dt.date], _R]:
    def read(ref: dt.date) -> _R:
        period = _relative_period(ref, 0, unit)
        return _part(_PART_NAMES[part], period, f"this {unit}")

    return read


_FIXED: Final[dict[str, Callable[[dt.date], _R]]] = {
    **{w: _deictic(0, "the day said") for w in (
        "today", "now", "tonight", "this morning", "this afternoon", "this evening",
        "right now", "earlier today", "later today")},
    **{w: _deictic(1, "the day after the day said") for w in ("tomorrow", "tmrw", "tmr")},
    **{w: _deictic(-1, "the day before the day said") for w in ("yesterday", "last night")},
    **{w: _deictic(2, "two days after the day said") for w in (
        "the day after tomorrow", "day after tomorrow")},
    **{w: _deictic(-2, "two days before the day said") for w in (
        "the day before yesterday", "day before yesterday")},
    **{w: _weekend("this") for w in ("weekend", "the weekend", "this weekend", "at the weekend")},
    **{w: _weekend("past") for w in (
        "over the weekend", "during the weekend", "the past weekend", "this past weekend",
        "past weekend")},
    **{w: _weekend("last") for w in ("last weekend", "previous weekend", "the previous weekend")},
    **{w: _weekend("before last") for w in ("the weekend before last", "weekend before last")},
    **{w: _weekend("next") for w in (
        "next weekend", "coming weekend", "the coming weekend", "this coming weekend",
        "the following weekend", "following weekend")},
    **{w: _to_date("year") for w in ("year to date", "ytd", "so far this year", "the year so far")},
    **{w: _to_date("month") for w in ("month to date", "mtd", "so far this month")},
    **{w: _to_date("week") for w in ("week to date", "so far this week")},
    **dict.fromkeys(("to date", "so far", "until now", "till now", "up to now", "as of now",
                     "as of today", "until today"), _until_now),
    **{w: _fixed_part(part, unit) for words, part, unit in (
        (("eom", "the eom"), "end", "month"), (("bom", "the bom"), "beginning", "month"),
        (("eoy", "the eoy"), "end", "year"), (("boy", "the boy"), "beginning", "year"),
        (("midweek",), "mid", "week"), (("midmonth",), "mid", "month"),
        (("midyear",), "mid", "year")) for w in words},
}  # fmt: skip


def _rule_fixed(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    read = _FIXED.get(s)
    return None if read is None else read(rd.ref)


# -- rules: calendar dates written out ---------------------------------------------------

_CAL_FILLERS: Final = frozenset(("of", "in", "/", "-", ".", "the", "'s"))
_ORD_TOKEN: Final = _lazy(r"\d{1,2}(?:st|nd|rd|th)$")


def _day_words(words: list[str], k: int) -> tuple[int, int] | None:
    """A day of the month in words at ``words[k]``: (day, words used)."""
    w = words[k]
    if w in _TENS:
        nxt = words[k + 1] if k + 1 < len(words) else ""
        unit = _SMALL.get(nxt) or _ORDINAL_WORDS.get(nxt)
        if unit is not None and unit < 10:
            return _TENS[w] + unit, 2
        return _TENS[w], 1
    value = _ORDINAL_WORDS.get(w) or _SMALL.get(w) or _TEENS.get(w)
    return None if value is None else (value, 1)


def _rule_calendar(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    words = s.split(" ")
    if _MONTHS.keys().isdisjoint(words):
        return None
    i, n = 0, len(words)
    if words[0] == "the":
        i = 1
    mod = ""
    if i < n and words[i] in ("this", "next", "last", "coming"):
        mod = words[i]
        i += 1
    weekday = False
    if i < n and words[i] in _WEEKDAYS:
        weekday = True
        i += 1
        if i < n and words[i] in ("of", "in"):
            return None
    shift: int | None = None
    step = 0
    tail = words[-2:]
    if tail == ["after", "next"] and not mod:
        step, n = 2, n - 2
    elif tail == ["before", "last"] and not mod:
        step, n = -2, n - 2
    elif len(words) >= 2 and tail[1] == "year" and tail[0] in ("this", "next", "last"):
        shift = {"this": 0, "next": 1, "last": -1}[tail[0]]
        n -= 2
    month = day = year = None
    k = i
    while k < n:
        w = words[k]
        if w in _CAL_FILLERS:
            k += 1
        elif w in _MONTHS:
            if month is not None:
                return None
            month = _MONTHS[w]
            k += 1
        elif w.isdigit():
            if len(w) == 4 and year is None:
                year = int(w)
            elif len(w) <= 2 and day is None and 1 <= int(w) <= 31:
                day = int(w)
            else:
                return None
            k += 1
        elif day is None and _ORD_TOKEN.match(w):
            day = int(w[:-2])
            k += 1
        else:
            found = _day_words(words, k) if day is None else None
            if found is None:
                return None
            day, used = found
            k += used
    if month is None or (weekday and day is None):
        return None
    if weekday and mod and day is not None and year is None and shift is None:
        shift, mod = 0, ""  # "this Friday 7.6": the modifier belongs to the weekday
    if year is not None and (mod or step or shift is not None):
        return None
    return _resolve_calendar(rd.ref, mod, step, shift, year, month, day, off, s)


def _resolve_calendar(
    ref: dt.date,
    mod: str,
    step: int,
    shift: int | None,
    year: int | None,
    month: int,
    day: int | None,
    off: int,
    s: str,
) -> _R:
    name = _MONTH_NAMES[month]
    what = name if day is None else f"{day} {name}"
    yearless = False
    if year is not None:
        detail = "given in full"
    elif shift is not None:
        year = ref.year + shift
        detail = f"the year is {year} (relative to the day said)"
    else:
        key = (month, day or 1)
        now = (ref.month, ref.day if day is not None else 1)
        year = ref.year
        if mod == "this":
            detail = f"'this': {what} of the year said"
        elif mod in ("next", "coming") or step == 2:
            if key <= now:
                year += 1
            detail = f"'next': the first {what} after the day said"
            if step == 2:
                year += 1
                detail = f"'after next': the {what} a year after the next one"
        elif mod == "last" or step == -2:
            if key >= now:
                year -= 1
            detail = f"'last': the latest {what} before the day said"
            if step == -2:
                year -= 1
                detail = f"'before last': the {what} a year before the last one"
        else:
            yearless = True
            if key > now:
                year -= 1
            detail = f"no year given: the latest {what} " + (
                "begun by the day said" if day is None else "on or before the day said"
            )
            if day is not None:
                # 29 February: step back to the latest leap year
                tries = 0
                while not _valid(year, month, day) and tries < 8:
                    year -= 1
                    tries += 1
    if day is None:
        start, end = _month_span(year, month)
        return _R(start, end, "month", "absolute-month", detail, explicit=True, yearless=yearless)
    if not _valid(year, month, day):
        when = name if yearless else f"{name} {year}"
        raise _Fail(f"{s!r} is not a date: {when} has no day {day}", off)
    d = dt.date(year, month, day)
    return _R(d, d + _DAY, "day", "absolute-date", detail, explicit=True, yearless=yearless)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


# -- rules: dates in digits --------------------------------------------------------------

_NUMERIC: Final = _lazy(
    r"(?:(this|next|last) )?(\d{1,4})(?: ([/.-]))? (\d{1,4})(?:(?: ([/.-]))? (\d{1,4}))?"
)
_COMPACT: Final = _lazy(r"(\d{4})(\d\d)(\d\d)")


def _rule_numeric(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not (s[0].isdigit() or s.startswith(("this ", "next ", "last "))):
        return None
    m = _COMPACT.fullmatch(s)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        return _numeric_day(y, mo, d, "year, month and day run together", off, s)
    m = _NUMERIC.fullmatch(s)
    if m is None:
        return None
    mod, a, sep1, b, sep2, c = m.groups()
    if c is None:
        if sep1 is None:
            return None
        if len(a) == 4 and len(b) <= 2 and not mod:
            return _numeric_month(int(a), int(b), off, s)
        if len(b) == 4 and len(a) <= 2 and not mod:
            return _numeric_month(int(b), int(a), off, s)
        if len(a) > 2 or len(b) > 2 or sep1 == "-":
            return None  # "3-5" is more often a range of numbers than a day
        mo, d, how = _month_day(int(a), int(b), rd.dayfirst)
        if not 1 <= mo <= 12:
            raise _Fail(f"{s!r} is not a date: neither {a} nor {b} can be a month", off)
        found = _resolve_calendar(rd.ref, mod or "", 0, None, None, mo, d, off, s)
        return found._replace(detail=f"{how}; {found.detail}")
    if mod or (sep1 is not None and sep2 is not None and sep1 != sep2):
        return None
    if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
        return _numeric_day(int(a), int(b), int(c), "year, month, day", off, s)
    if len(a) > 2 or len(b) > 2 or len(c) not in (2, 4):
        return None
    year = int(c) if len(c) == 4 else _two_digit_year(int(c), rd.ref)
    mo, d, how = _month_day(int(a), int(b), rd.dayfirst)
    if len(c) == 2:
        how += f"; two-digit year {c} read as {year}"
    return _numeric_day(year, mo, d, how, off, s)


def _month_day(a: int, b: int, dayfirst: bool) -> tuple[int, int, str]:
    if dayfirst:
        if b > 12 >= a:
            return a, b, f"month first, because {b} cannot be a month"
        return b, a, "day first, as asked"
    if a > 12 >= b:
        return b, a, f"day first, because {a} cannot be a month"
    return a, b, "month first (US order)"


def _numeric_day(y: int, mo: int, d: int, how: str, off: int, s: str) -> _R:
    if not (1 <= mo <= 12 and _valid(y, mo, d)):
        raise _Fail(f"{s!r} is not a date: no day {d} in month {mo} of year {y}", off)
    day = dt.date(y, mo, d)
    return _R(day, day + _DAY, "day", "absolute-date", how, explicit=True)


def _numeric_month(y: int, mo: int, off: int, s: str) -> _R:
    if not 1 <= mo <= 12 or y == 0:
        raise _Fail(f"{s!r} is not a month: expected a month 1-12 and a year 1-9999", off)
    start, end = _month_span(y, mo)
    return _R(start, end, "month", "absolute-month", "month and year in digits", explicit=True)


# -- rules: years, decades, quarters, week numbers -------------------------------------

_YEAR: Final = _lazy(r"(?:the )?(?:(?:year )?(\d{4})|year (\d{1,4}))")
_DECADE: Final = _lazy(r"(?:the )?(\d0|\d{3}0)s")
_QUARTER: Final = _lazy(
    r"(?:(\d\d|\d{4}) (?:- )?)?([qh])([1-4])(?: (?:- )?(\d\d|\d{4}|(this|next|last) year))?"
)
_WEEK_NUMBER: Final = _lazy(r"(?:the )?week (?:number |no )?(\d{1,2})(?: (?:of|in) (.+))?")


def _rule_year(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not (s[0].isdigit() or s[0] in "tyqhw"):  # "the", "year", "q1", "h2", "week"
        return None
    m = _YEAR.fullmatch(s)
    if m:
        return _year(int(m.group(1) or m.group(2)), "a calendar year", off, s)
    m = _DECADE.fullmatch(s)
    if m:
        digits = m.group(1)
        if len(digits) == 4:
            return _decade(int(digits), "given in full")
        start = rd.ref.year // 100 * 100 + int(digits)
        if start > rd.ref.year:
            start -= 100
        return _decade(start, "the latest such decade begun by the day said")
    m = _QUARTER.fullmatch(s)
    if m:
        return _quarter(rd, m, off, s)
    m = _WEEK_NUMBER.fullmatch(s)
    if m:
        return _week_number(rd, m, off, depth, s)
    return None


def _year(year: int, how: str, off: int, s: str) -> _R:
    if not 1 <= year < 9999:
        raise _Fail(f"{s!r} is not a year: expected a year from 1 to 9998", off)
    return _R(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year", "year", how)


def _decade(start: int, how: str) -> _R:
    return _R(
        dt.date(start, 1, 1),
        dt.date(start + 10, 1, 1),
        "decade",
        "decade",
        f"{start}-{start + 9}, {how}",
    )


def _quarter(rd: _Reader, m: re.Match[str], off: int, s: str) -> _R:
    before, letter, number, after, relative = m.groups()
    if before and after:
        raise _Fail(f"{s!r} gives the year twice", off)
    ref = rd.ref
    size = 3 if letter == "q" else 6
    index = int(number)
    name = f"{letter.upper()}{index}"
    if size == 6 and index > 2:
        raise _Fail(f"{s!r} is not a half year: expected H1 or H2", off)
    year_text = before or after
    if relative:
        year = ref.year + {"this": 0, "next": 1, "last": -1}[relative]
        how = f"{name} of {year}"
    elif year_text:
        year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), ref)
        how = f"{name} of {year}"
    else:
        year = ref.year if (index - 1) * size < ref.month else ref.year - 1
        how = f"no year given: the latest {name} begun by the day said"
    start = dt.date(year, (index - 1) * size + 1, 1)
    grain, rule = ("quarter", "quarter") if size == 3 else ("half", "half-year")
    return _R(start, _add_months(start, size), grain, rule, how)


def _week_number(rd: _Reader, m: re.Match[str], off: int, depth: int, s: str) -> _R:
    number = int(m.group(1))
    year = rd.ref.year
    if m.group(2):
        period = rd.closed(m.group(2), off + m.start(2), depth)
        if period.grain != "year":
            raise _Fail(f"{s!r}: week numbers count within a year", off + m.start(2))
        assert period.start is not None
        year = period.start.year
    try:
        monday = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise _Fail(f"{s!r}: {year} has no ISO week {number}", off) from None
    return _R(
        monday,
        monday + 7 * _DAY,
        "week",
        "week-number",
        f"ISO week {number} of {year} (weeks start on Monday)",
    )


# -- rules: this/last/next period, rolling periods -----------------------------------

_SHIFTS: Final = {
    "": 0, "this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1,
    "coming": 1, "upcoming": 1, "following": 1,
}  # fmt: skip
_RELATIVE: Final = _lazy(
    r"(?:the )?(?:(this|current|last|past|previous|next|coming|upcoming|following) )?"
    r"(day|week|wk|month|year|yr|quarter|qtr|decade)"
)


def _rule_relative(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.rpartition(" ")[2] not in _UNIT_GRAIN:
        return None
    m = _RELATIVE.fullmatch(s)
    if m is None:
        return None
    return _relative_period(rd.ref, _SHIFTS[m.group(1) or ""], m.group(2))


def _relative_period(ref: dt.date, shift: int, unit: str) -> _R:
    grain = _UNIT_GRAIN[unit]
    where = {-1: "before the one said in", 0: "said in", 1: "after the one said in"}[shift]
    if grain == "day":
        day = ref + dt.timedelta(days=shift)
        return _day(day, "day", "deictic-day", f"the day {where.replace(' in', '')}".strip())
    if grain == "week":
        start = _monday(ref) + dt.timedelta(days=7 * shift)
        end = start + 7 * _DAY
        detail = f"the calendar week {where} (weeks start on Monday)"
    elif grain == "month":
        start = _add_months(ref.replace(day=1), shift)
        end = _add_months(start, 1)
        detail = f"the calendar month {where}"
    elif grain == "quarter":
        start = _add_months(dt.date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * shift)
        end = _add_months(start, 3)
        detail = f"the calendar quarter {where}"
    elif grain == "year":
        start, end = dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift + 1, 1, 1)
        detail = f"the calendar year {where}"
    else:
        first = ref.year // 10 * 10 + 10 * shift
        start, end = dt.date(first, 1, 1), dt.date(first + 10, 1, 1)
        detail = f"the decade {where} ({first}-{first + 9})"
    return _R(start, end, grain, "relative-period", detail)


_ROLL_ONE: Final = _lazy(r"the (past|last|next) (day|week|wk|fortnight|month|year|yr|decade)")
_ROLL: Final = _lazy(f"(?:the )?(last|past|previous|next|coming|upcoming|following) ({_DUR_RE})")
_ROLL_AFTER: Final = _lazy(
    f"({_COUNT_RE}) (next|upcoming|coming|past|previous|last|following) ({_UNIT_RE})"
)
_ROLL_FUTURE: Final = _lazy(f"({_DUR_RE}) in the (future|past)")
_RECENT: Final = _lazy(r"recent (days|weeks|months|years)")
_COMING: Final = _lazy(r"(?:the )?(?:coming|next|following|upcoming) (days|weeks|months|years)")
_QUARTERS_ONLY: Final = _lazy(f"{_COUNT_RE} (?:quarters?|qtrs?)")


_ROLL_FIRST: Final = frozenset(
    [*_SHIFTS, *_SMALL, *_TEENS, *_TENS, *_VAGUE_COUNTS, "a", "an", "the", "recent", "hundred"]
)


def _rule_rolling(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    first = s.partition(" ")[0]
    if not (first in _ROLL_FIRST or first.isdigit()):
        return None
    m = _ROLL_ONE.fullmatch(s)
    if m:
        dur = _duration(f"1 {m.group(2)}")._replace(text=m.group(2))
        return _rolling(rd.ref, m.group(1) != "next", dur, off, s)
    m = _ROLL.fullmatch(s)
    if m:
        return _rolling(rd.ref, _SHIFTS[m.group(1)] < 0, _duration(m.group(2)), off, s)
    m = _ROLL_AFTER.fullmatch(s)
    if m:
        dur = _duration(f"{m.group(1)} {m.group(3)}")
        return _rolling(rd.ref, _SHIFTS[m.group(2)] < 0, dur, off, s)
    m = _ROLL_FUTURE.fullmatch(s)
    if m:
        return _rolling(rd.ref, m.group(2) == "past", _duration(m.group(1)), off, s)
    m = _RECENT.fullmatch(s)
    if m:
        return _rolling(rd.ref, True, _duration(f"few {m.group(1)}"), off, s)
    m = _COMING.fullmatch(s)
    if m:
        return _rolling(rd.ref, False, _duration(f"few {m.group(1)}"), off, s)
    return None


def _rolling(ref: dt.date, past: bool, dur: _Duration, off: int, s: str) -> _R:
    vague = "" if dur.exact else "; a vague count is read at its widest"
    if _QUARTERS_ONLY.fullmatch(dur.text):
        this_quarter = dt.date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1)
        if past:
            start, end = this_quarter - dur.high, this_quarter
            detail = f"the {dur.text} before the quarter said in (whole quarters)"
        else:
            start = this_quarter + relativedelta(months=3)
            end = start + dur.high
            detail = f"the {dur.text} after the quarter said in (whole quarters)"
    elif dur.hours_high:
        if past:
            start, end = ref - dur.high - dur.days_up(), ref + _DAY
            detail = f"the days the {dur.text} before the day said may reach, and that day"
        else:
            start, end = ref, ref + _DAY + dur.high + dur.days_up()
            detail = f"the day said and the days the {dur.text} after it may reach"
    elif past:
        start, end = ref - dur.high, ref
        detail = f"the {dur.text} before the day said, not counting it"
    else:
        start = ref + _DAY
        end = start + dur.high
        detail = f"the {dur.text} after the day said, not counting it"
    if end <= start:
        raise _Fail(f"{s!r} names no days", off)
    return _R(start, end, "days", "past-n" if past else "next-n", detail + vague)


# -- rules: weekdays -----------------------------------------------------------------

_WD_ALONE: Final = _lazy(
    f"(?:the )?(?:(?:(last|past|previous|this past|this|current|next|following|coming|upcoming|"
    f"this coming|this upcoming) )?({_WD_RE})|({_WD_RE}) (after next|before last))"
)
_WD_THEN: Final = _lazy(
    f"(?:(this|next|last|coming|following) )?({_WD_RE}) (?:(?:of|on|from|in) )?(?:the )?(.+)"
)
_WD_TAIL: Final = _lazy(f"(.+?)(?: 's| on)? ({_WD_RE})")


def _rule_weekday(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _WEEKDAYS.keys().isdisjoint(s.split(" ")):
        return None
    m = _WD_ALONE.fullmatch(s)
    if m:
        mod, name, other, tail = m.groups()
        return _weekday(rd.ref, mod or "", _WEEKDAYS[name or other], tail)
    m = _WD_THEN.fullmatch(s)
    if m:
        found = _weekday_in(
            rd, m.group(3), off + m.start(3), depth, _WEEKDAYS[m.group(2)], bool(m.group(1))
        )
        if found is not None:
            return found
    m = _WD_TAIL.fullmatch(s)
    if m:
        return _weekday_in(rd, m.group(1), off, depth, _WEEKDAYS[m.group(2)], False)
    return None


def _weekday(ref: dt.date, mod: str, wd: int, tail: str | None) -> _R:
    name = _WEEKDAY_NAMES[wd]
    if tail is not None:
        if tail == "after next":
            return _day(
                _after(ref, wd, 2), "day", "weekday", f"the second {name} after the day said"
            )
        return _day(_before(ref, wd, 2), "day", "weekday", f"the second {name} before the day said")
    if mod in ("this", "current"):
        day = _monday(ref) + dt.timedelta(days=wd)
        detail = f"the {name} of the week said (weeks start on Monday)"
    elif mod in ("next", "following"):
        day = _monday(ref) + dt.timedelta(days=wd + 7)
        detail = f"the {name} of the week after the one said"
    elif mod in ("coming", "upcoming", "this coming", "this upcoming"):
        day = _after(ref, wd)
        detail = f"the first {name} after the day said"
    else:
        day = _before(ref, wd)
        detail = f"the latest {name} before the day said"
    return _day(day, "day", "weekday", detail)


def _weekday_in(rd: _Reader, rest: str, off: int, depth: int, wd: int, modified: bool) -> _R | None:
    found = rd.point(rest, off, depth)
    if found is None or found.start is None:
        return None
    start = found.start
    name = _WEEKDAY_NAMES[wd]
    if found.explicit and found.grain == "day":
        if modified and found.yearless:
            # "this Friday 7.6": the modifier belongs to the weekday; the date takes the year said
            again = rd.point(f"{rest} {rd.ref.year}", off, depth)
            if again is not None:
                found = again
        return found._replace(detail=f"{found.detail}; the date given wins over the weekday")
    if found.grain not in ("week", "day"):
        return None
    day = _monday(start) + dt.timedelta(days=wd)
    return _day(day, "day", "weekday-of-week", f"the {name} of the week of {rest!r}")


# -- rules: early/mid/late, earlier/later ------------------------------------------------

_PART: Final = _lazy(
    r"(?:the )?(early|earlier|mid|middle|late|later|beginning|start|end)"
    r"(?: (?:of|in|on))?(?: the)? (.+)"
)
_PART_FIRST: Final = frozenset(
    ("the", "early", "earlier", "mid", "middle", "late", "later", "beginning", "start", "end")
)
_PART_NAMES: Final = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "earlier": "earlier", "later": "later",
}  # fmt: skip


def _rule_part(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.partition(" ")[0] not in _PART_FIRST:
        return None
    m = _PART.fullmatch(s)
    if m is None:
        return None
    period = rd.closed(m.group(2), off + m.start(2), depth)
    try:
        return _part(_PART_NAMES[m.group(1)], period, m.group(2), rd.ref)
    except _Fail as fail:
        raise _Fail(fail.message, off) from None


def _part(part: str, x: _R, what: str, ref: dt.date | None = None) -> _R:
    assert x.start is not None
    assert x.end is not None
    if part in ("earlier", "later"):
        if ref is not None and x.start <= ref < x.end:
            if part == "earlier":
                return _R(
                    x.start,
                    ref + _DAY,
                    "days",
                    "earlier-in-period",
                    f"from the start of {what!r} to the day said, inclusive",
                )
            return _R(
                ref,
                x.end,
                "days",
                "later-in-period",
                f"from the day said to the end of {what!r}, inclusive",
            )
        part = "early" if part == "earlier" else "late"
    third = ("early", "mid", "late").index(part)
    grain = x.grain
    if grain == "day":
        return x._replace(
            rule="part-of-day", detail="a part of a day is the whole day", explicit=False
        )
    if grain == "week":
        first = (0, 1, 4)[third]
        start = x.start + dt.timedelta(days=first)
        end = start + 3 * _DAY
        names = _WEEKDAY_NAMES
        detail = f"{part} = {names[first]}-{names[first + 2]}"
    elif grain == "month":
        start = x.start + dt.timedelta(days=(0, 10, 20)[third])
        end = x.end if third == 2 else start + 10 * _DAY
        detail = f"{part} = days {start.day}-{(end - _DAY).day}"
    elif grain in ("quarter", "half", "year"):
        size = {"quarter": 1, "half": 2, "year": 4}[grain]
        start = _add_months(x.start, size * third)
        end = _add_months(start, size)
        last = end - _DAY
        detail = f"{part} = {_MONTH_NAMES[start.month]}-{_MONTH_NAMES[last.month]}"
        if size == 1:
            detail = f"{part} = its {('first', 'second', 'third')[third]} month"
    elif grain == "decade":
        first, count = ((0, 4), (4, 3), (7, 3))[third]
        start = x.start.replace(year=x.start.year + first)
        end = start.replace(year=start.year + count)
        detail = f"{part} = {start.year}-{end.year - 1}"
    else:
        raise _Fail(
            f"cannot take the {part} part of {what!r}: expected a day, week, month, quarter, "
            "year or decade",
            0,
        )
    return _R(start, end, "days", f"part-of-{grain}", detail, yearless=x.yearless)


# -- rules: offsets ("3 days ago", "in two weeks", "2 weeks before May 13") -----------

_AGO: Final = _lazy(f"({_DUR_RE}) (ago|back|earlier|before|prior|previously)")
_LATER: Final = _lazy(f"({_DUR_RE}) (later|hence|from now|from today|afterwards|after)")
_IN: Final = _lazy(f"in ({_DUR_RE})(?: time)?")
_ANCHORED: Final = _lazy(f"(?:in )?({_DUR_RE}) (from|after|before|since|prior to) (.+)")
_WD_COUNT: Final = _lazy(
    f"({_COUNT_RE}) ({_WDPL_RE}|{_WD_RE}) (from now|from today|later|hence|ago|back|before|earlier)"
)


_OFFSET_WORDS: Final = frozenset(
    (
        "ago",
        "back",
        "earlier",
        "before",
        "prior",
        "previously",
        "later",
        "hence",
        "from",
        "afterwards",
        "after",
        "in",
        "since",
    )
)


def _rule_offset(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _OFFSET_WORDS.isdisjoint(s.split(" ")):
        return None
    ref = rd.ref
    m = _AGO.fullmatch(s)
    if m:
        return _offset(ref, _duration(m.group(1)), -1, "the day said")
    m = _LATER.fullmatch(s) or _IN.fullmatch(s)
    if m:
        return _offset(ref, _duration(m.group(1)), 1, "the day said")
    m = _ANCHORED.fullmatch(s)
    if m:
        anchor = rd.closed(m.group(3), off + m.start(3), depth)
        assert anchor.start is not None
        sign = -1 if m.group(2) in ("before", "prior to") else 1
        return _offset(anchor.start, _duration(m.group(1)), sign, repr(m.group(3)))
    m = _WD_COUNT.fullmatch(s)
    if m:
        low, high = _count(m.group(1))
        name = m.group(2)
        wd = _WEEKDAYS_PLURAL.get(name, _WEEKDAYS.get(name, 0))
        if low < 1:
            raise _Fail(f"{s!r}: expected a count of at least 1", off)
        plural = _WEEKDAY_NAMES[wd] + "s"
        if m.group(3) in ("ago", "back", "before", "earlier"):
            first, last = _before(ref, wd, high), _before(ref, wd, low)
            detail = f"counting {plural} back from the day said"
        else:
            first, last = _after(ref, wd, low), _after(ref, wd, high)
            detail = f"counting {plural} on from the day said"
        return _R(first, last + _DAY, "day" if low == high else "days", "weekday-offset", detail)
    return None


def _offset(base: dt.date, dur: _Duration, sign: int, anchor: str) -> _R:
    if sign > 0:
        first = base + dur.low + dur.days_down()
        last = base + dur.high + dur.days_up()
        detail = f"{dur.text} after {anchor}"
    else:
        first = base - dur.high - dur.days_up()
        last = base - dur.low - dur.days_down()
        detail = f"{dur.text} before {anchor}"
    if not dur.exact:
        detail += "; a vague count is read as all the days it allows"
    return _R(first, last + _DAY, "day" if first == last else "days", "offset", detail)


# -- rules: the n-th part of a period ("third Tuesday of September", "week 1 of 2015") -

_SUB_UNITS: Final = _alt([*_UNIT_GRAIN, *_WEEKDAYS])
_SUB: Final = _lazy(
    f"(?:the )?(?:({_ORD_RE}) last|last ({_EXACT_RE})|first ({_EXACT_RE})|(last)|({_ORD_RE})) "
    f"({_SUB_UNITS}) (?:(?:of|in) )?(?:the )?(.+)"
)
_SUB_ALONE: Final = _lazy(f"(?:the )?({_ORD_RE}|last) (quarter|qtr|half)")
_SUB_BEHIND: Final = _lazy(f"(.+?) (?:the )?({_ORD_RE}|last) (quarter|qtr|half)")
_DAY_OF: Final = _lazy(f"(?:the )?(\\d{{1,2}}|{_ORD_RE}) of (?:the )?(.+)")
_BARE_ORDINAL: Final = _lazy(f"the ({_ORD_RE})")
_WEEK_OF: Final = _lazy(r"(?:the )?week (?:of|beginning|starting|commencing)(?: on)? (?:the )?(.+)")
_MONTH_OF: Final = _lazy(r"(?:the )?month of (.+)")


def _rule_sub(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    words = s.split(" ")
    head = words[1] if words[0] == "the" and len(words) > 1 else words[0]
    if head in _SUB_HEADS or head[0].isdigit():
        found = _sub_nth(rd, s, off, depth)
        if found is not None:
            return found
    if words[-1] in ("quarter", "qtr", "half"):
        m = _SUB_BEHIND.fullmatch(s)
        if m:
            period = rd.closed(m.group(1), off, depth)
            index = -1 if m.group(2) == "last" else _ordinal(m.group(2))
            return _sub(period, m.group(3), index, index, m.group(1), off, s)
    if head in ("week", "month"):
        return _period_of(rd, s, off, depth)
    return None


_SUB_HEADS: Final = frozenset([*_ORDINAL_WORDS, "last", "twenty", "thirty"])


def _sub_nth(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    """ "the third Tuesday of March", "the 20th of next month", "on the 5th"."""
    m = _SUB.fullmatch(s)
    if m:
        ord_last, last_n, first_n, last, nth, unit, rest = m.groups()
        period = rd.closed(rest, off + m.start(7), depth)
        if ord_last:
            first = last_index = -_ordinal(ord_last)
        elif last_n:
            first, last_index = -_count(last_n)[0], -1
        elif first_n:
            first, last_index = 1, _count(first_n)[0]
        elif last:
            first = last_index = -1
        else:
            first = last_index = _ordinal(nth)
        return _sub(period, unit, first, last_index, rest, off, s)
    m = _SUB_ALONE.fullmatch(s)
    if m:
        index = -1 if m.group(1) == "last" else _ordinal(m.group(1))
        size = 6 if m.group(2) == "half" else 3
        ref = rd.ref
        year = ref.year
        if index > 0 and (index - 1) * size >= ref.month:
            year -= 1
        whole = _R(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), "year", "year", "")
        found = _sub(whole, m.group(2), index, index, str(year), off, s)
        return found._replace(
            detail=found.detail + "; no year given: the latest begun by the day said"
        )
    m = _DAY_OF.fullmatch(s)
    if m:
        period = rd.closed(m.group(2), off + m.start(2), depth)
        if period.grain != "month":
            return None
        text = m.group(1)
        index = int(text) if text.isdigit() else _ordinal(text)
        found = _sub(period, "day", index, index, m.group(2), off, s)
        return found._replace(explicit=True, yearless=period.yearless)
    m = _BARE_ORDINAL.fullmatch(s)
    if m:
        return _bare_day(rd.ref, _ordinal(m.group(1)), off, s)
    return None


def _period_of(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    """ "the week of 3 February", "the month of January"."""
    m = _WEEK_OF.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.start is not None
        if x.grain not in ("day", "week"):
            return None
        monday = _monday(x.start)
        return _R(
            monday,
            monday + 7 * _DAY,
            "week",
            "week-of",
            f"the week (Monday to Sunday) holding {m.group(1)!r}",
            yearless=x.yearless,
        )
    m = _MONTH_OF.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        return x if x.grain == "month" else None
    return None


def _bare_day(ref: dt.date, day: int, off: int, s: str) -> _R:
    """The latest day numbered ``day`` on or before the day said ("on the 5th")."""
    first = ref.replace(day=1)
    for back in range(13):
        month = _add_months(first, -back)
        if _valid(month.year, month.month, day) and month.replace(day=day) <= ref:
            d = month.replace(day=day)
            return _R(
                d,
                d + _DAY,
                "day",
                "absolute-date",
                f"no month given: the latest day {day} on or before the day said",
                explicit=True,
            )
    raise _Fail(f"{s!r}: no month has a day {day}", off)


_GRAIN_ORDER: Final = {
    "day": 1, "weekday": 1, "week": 2, "month": 3, "quarter": 4, "half": 5, "year": 6, "decade": 7,
}  # fmt: skip


def _sub(period: _R, unit: str, first: int, last: int, what: str, off: int, s: str) -> _R:
    start, end = period.start, period.end
    assert start is not None
    assert end is not None
    wd = _WEEKDAYS.get(unit)
    kind = "weekday" if wd is not None else _UNIT_GRAIN[unit]
    halves = kind == "half" and period.grain == "month"
    if not halves and _GRAIN_ORDER.get(kind, 0) >= _GRAIN_ORDER.get(period.grain, 9):
        raise _Fail(f"{s!r}: a {kind} is not part of {what!r}", off)
    note = ""
    if kind in ("week", "weekday"):
        target = 3 if wd is None else wd
        t0 = start + dt.timedelta(days=(target - start.weekday()) % 7)
        t1 = end - _DAY - dt.timedelta(days=((end - _DAY).weekday() - target) % 7)
        count = max((t1 - t0).days // 7 + 1, 0)
        if wd is None:
            note = "; a week belongs to the period its Thursday falls in (as in ISO 8601)"

            def item(k: int) -> tuple[dt.date, dt.date]:
                monday = t0 + dt.timedelta(days=7 * k - 3)
                return monday, monday + 7 * _DAY
        else:

            def item(k: int) -> tuple[dt.date, dt.date]:
                day = t0 + dt.timedelta(days=7 * k)
                return day, day + _DAY
    elif kind == "day":
        count = (end - start).days

        def item(k: int) -> tuple[dt.date, dt.date]:
            return start + dt.timedelta(days=k), start + dt.timedelta(days=k + 1)
    elif halves:
        count = 2
        middle = start + 15 * _DAY
        note = "; halves of a month are days 1-15 and 16 to the end"

        def item(k: int) -> tuple[dt.date, dt.date]:
            return (start, middle) if k == 0 else (middle, end)
    else:
        size = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}.get(kind, 0)
        months = (end.year - start.year) * 12 + end.month - start.month
        if not size or start.day != 1 or end.day != 1 or months % size or months < size:
            raise _Fail(f"{s!r}: cannot count {unit} within {what!r}", off)
        count = months // size

        def item(k: int) -> tuple[dt.date, dt.date]:
            return _add_months(start, size * k), _add_months(start, size * (k + 1))

    lo = first - 1 if first > 0 else count + first
    hi = last - 1 if last > 0 else count + last
    if not 0 <= lo <= hi < count:
        raise _Fail(f"{s!r}: {what!r} has {count} {unit.rstrip('s')}(s)", off)
    span_start, span_end = item(lo)[0], item(hi)[1]
    grain = {"weekday": "day"}.get(kind, kind) if lo == hi else "days"
    rule = "nth-weekday" if kind == "weekday" else "sub-period"
    detail = f"{_span_text(span_start, span_end)} within {what!r}{note}"
    return _R(span_start, span_end, grain, rule, detail)


# -- rules: years and decades in words --------------------------------------------------

_WORDS: Final = _lazy(r"(?:the )?(year )?([a-z]+(?: [a-z]+)*)")
_NUMBER_WORDS: Final = frozenset(
    [
        *_SMALL,
        *_TEENS,
        *_TENS,
        *_DECADE_WORDS,
        "hundred",
        "thousand",
        "and",
        "oh",
        "thousands",
        "noughties",
        "aughts",
    ]
)


def _rule_words(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    first = s.partition(" ")[0]
    if first not in _NUMBER_WORDS and first not in ("the", "year"):
        return None
    m = _WORDS.fullmatch(s)
    if m is None:
        return None
    words = m.group(2).split(" ")
    if not all(w in _NUMBER_WORDS for w in words):
        return None
    last = words[-1]
    if last in ("noughties", "aughts") and len(words) == 1:
        return _decade(2000, "the 2000s")
    if last == "thousands":
        value = _cardinal(words[:-1])
        if value is None or not 1 <= value <= 9:
            return None
        return _decade(value * 1000, "a decade in words")
    if last in _DECADE_WORDS:
        prefix = words[:-1]
        if prefix and prefix[-1] == "and":
            prefix = prefix[:-1]
        tens = _DECADE_WORDS[last]
        if not prefix:
            start = rd.ref.year // 100 * 100 + tens
            if start > rd.ref.year:
                start -= 100
            return _decade(start, "the latest such decade begun by the day said")
        value = _cardinal(prefix)
        if value is None or not (10 <= value <= 99 or (value % 100 == 0 and value < 10000)):
            return None
        base = value * 100 if value < 100 else value
        return _decade(base + tens, "a decade in words")
    value = _cardinal(words)
    if value is not None and (value >= 1000 or m.group(1)):
        return _year(value, "a year in words", off, s)
    for k in (1, 2):
        high = _cardinal(words[:k])
        low_words = words[k:]
        if low_words[:1] == ["oh"] and len(low_words) == 2:
            low = _SMALL.get(low_words[1])
        else:
            low = _cardinal(low_words) if low_words[:1] != ["and"] else None
        if high is not None and low is not None and 10 <= high <= 99 and 0 < low <= 99:
            return _year(high * 100 + low, "a year in words, said in pairs", off, s)
    return None


# -- rules: fillers ------------------------------------------------------------------

_AROUND: Final = _lazy(r"(?:around|about|approximately|circa|roughly) (.+)")
_FILLER: Final = _lazy(
    r"(?:(?:in|on|at|during|over|within|throughout|sometime in|some time in) (.+))|for (the .+)"
)


def _rule_around(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _AROUND.fullmatch(s)
    return None if m is None else rd.point(m.group(1), off + m.start(1), depth)


def _rule_filler(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _FILLER.fullmatch(s)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    return rd.phrase(m.group(group), off + m.start(group), depth)


# -- rules: open and explicit ends ("since X", "until X", "from X to Y") ---------------

_SINCE: Final = _lazy(r"(?:ever )?since (.+)")
_UNTIL: Final = _lazy(
    r"(?:until|till|til|up to|up until|through|thru|by|as of|to|no later than) (.+)"
)
_BEFORE: Final = _lazy(r"(?:before|prior to|earlier than) (.+)")
_AFTER: Final = _lazy(r"(?:after|later than) (.+)")
_ONWARDS: Final = _lazy(
    r"(?:from|starting|starting from|starting on|beginning|as from) (.+?)"
    r"(?: (?:on|onwards|onward|forward|forwards))?"
)
_FOR: Final = _lazy(f"for ({_DUR_RE})(?: (?:from|starting|starting from|beginning) (.+))?")
_FOR_PLURAL: Final = _lazy(r"for (days|weeks|months|years|decades)")
_RANGE_PREFIX: Final = _lazy(r"(from|between) (.+)")
_RANGE_SEPARATORS: Final = frozenset(("to", "till", "til", "until", "through", "thru", "-", "~"))
_RANGE_WORDS: Final = _RANGE_SEPARATORS | {"and"}
_BARE_DAY: Final = _lazy(f"(?:the )?(\\d{{1,2}}|{_ORD_RE})(?: (\\d{{4}}))?")


def _rule_point(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    return rd.point(s, off, depth)


_ENDS_FIRST: Final = frozenset(
    (
        "ever",
        "since",
        "until",
        "till",
        "til",
        "up",
        "through",
        "thru",
        "by",
        "as",
        "to",
        "no",
        "before",
        "prior",
        "earlier",
        "after",
        "later",
    )
)


def _rule_ends(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if s.partition(" ")[0] not in _ENDS_FIRST:
        return None
    ref = rd.ref
    m = _SINCE.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.start is not None
        if x.start > ref:
            raise _Fail(
                f"{s!r}: {m.group(1)!r} starts on {x.start}, after the day said ({ref})", off
            )
        return _R(
            x.start,
            ref + _DAY,
            "days",
            "since",
            f"from the start of {m.group(1)!r} ({x.start}) to the day said, inclusive",
        )
    m = _UNTIL.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        detail = f"up to the end of {m.group(1)!r}, no start given"
        if x.yearless:
            x = _nearest(rd, x, m.group(1), off + m.start(1), depth)
            detail += "; no year given: the nearest such date, past or future"
        assert x.end is not None
        return _R(None, x.end, "open", "until", detail)
    m = _BEFORE.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        return _R(None, x.start, "open", "before", f"every day before {m.group(1)!r} ({x.start})")
    m = _AFTER.fullmatch(s)
    if m:
        x = rd.closed(m.group(1), off + m.start(1), depth)
        assert x.end is not None
        return _R(x.end, None, "open", "after", f"every day after {m.group(1)!r} ({x.end - _DAY})")
    return None


def _nearest(rd: _Reader, x: _R, text: str, off: int, depth: int) -> _R:
    """The yearless ``x`` or the same date a year later, whichever is nearer the day said."""
    assert x.start is not None
    assert x.end is not None
    later = rd.point(f"{text} {x.start.year + 1}", off, depth)
    if later is None or later.start is None or x.end > rd.ref:
        return x
    return later if (later.start - rd.ref) < (rd.ref - x.end) else x


def _rule_for(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if not s.startswith("for "):
        return None
    ref = rd.ref
    m = _FOR_PLURAL.fullmatch(s)
    if m:
        unit = m.group(1)
        start = ref - _duration(f"2 {unit}").high
        return _R(
            start,
            ref + _DAY,
            "days",
            "for-plural",
            f"'for {unit}' = at least 2 {unit}, up to the day said",
        )
    m = _FOR.fullmatch(s)
    if m is None:
        return None
    dur = _duration(m.group(1))
    if m.group(2):
        x = rd.closed(m.group(2), off + m.start(2), depth)
        assert x.start is not None
        end = x.start + dur.high + dur.days_up()
        if end <= x.start:
            raise _Fail(f"{s!r} names no days", off)
        return _R(
            x.start, end, "days", "for-duration", f"{dur.text} from the start of {m.group(2)!r}"
        )
    return _R(
        ref - dur.high - dur.days_up(),
        ref + _DAY,
        "days",
        "for-duration",
        f"{dur.text} up to the day said, inclusive",
    )


def _rule_range(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    if _RANGE_WORDS.isdisjoint(s.split(" ")):
        return None
    m = _RANGE_PREFIX.fullmatch(s)
    body, start = (m.group(2), off + m.start(2)) if m else (s, off)
    separators = _RANGE_SEPARATORS | ({"and"} if m and m.group(1) == "between" else set())
    words = body.split(" ")
    pos = start
    for i, word in enumerate(words):
        if word in separators and 0 < i < len(words) - 1:
            left = " ".join(words[:i])
            right = " ".join(words[i + 1 :])
            found = _range(rd, left, start, right, pos + len(word) + 1, depth)
            if found is not None:
                return found
        pos += len(word) + 1
    return None


def _range(rd: _Reader, left: str, loff: int, right: str, roff: int, depth: int) -> _R | None:
    # The left end is read first, so that a split whose left side is no date costs little.
    b = None
    if _BARE_DAY.fullmatch(left):
        b = rd.point(right, roff, depth)
        if b is not None and b.explicit and b.grain == "day":
            a = _day_like(left, b)
        else:
            a = rd.point(left, loff, depth)
    else:
        a = rd.point(left, loff, depth)
    if a is None:
        return None
    if b is None:
        b = rd.point(right, roff, depth)
    if b is None and a.explicit and a.grain == "day":
        b = _day_like(right, a)
    if b is None or a.start is None or b.start is None or b.end is None:
        return None
    start, end = a.start, b.end
    if a.yearless and not b.yearless:
        # "December to March 2025": the left end takes the year that puts it first
        for year in (b.start.year, b.start.year - 1):
            again = rd.point(f"{left} {year}", loff, depth)
            if again is not None and again.start is not None and again.start < end:
                start = again.start
                break
    elif b.yearless:
        # "from March to January": the right end is the first one ending after the left starts
        for year in (start.year, start.year + 1):
            again = rd.point(f"{right} {year}", roff, depth)
            if again is not None and again.end is not None and again.end > start:
                end = again.end
                break
    if end <= start and b.rule == "weekday":
        end += 7 * _DAY  # "Monday to Wednesday": the Wednesday after that Monday
    if end <= start:
        raise _Fail(f"{left!r} to {right!r} ends before it starts", loff)
    return _R(
        start,
        end,
        "days",
        "range",
        f"from the start of {left!r} to the end of {right!r}, both included",
    )


def _day_like(text: str, other: _R) -> _R | None:
    """A bare day number ("10" in "10-20 January") in the month of the other end."""
    m = _BARE_DAY.fullmatch(text)
    if m is None:
        return None
    assert other.start is not None
    number, year_text = m.groups()
    day = int(number) if number.isdigit() else _ordinal(number)
    year = int(year_text) if year_text else other.start.year
    if not _valid(year, other.start.month, day):
        return None
    d = dt.date(year, other.start.month, day)
    return _R(d, d + _DAY, "day", "absolute-date", "day of the other end's month", explicit=True)


def _rule_onwards(rd: _Reader, s: str, off: int, depth: int) -> _R | None:
    m = _ONWARDS.fullmatch(s)
    if m is None:
        return None
    x = rd.closed(m.group(1), off + m.start(1), depth)
    return _R(x.start, None, "open", "onwards", f"from the start of {m.group(1)!r} ({x.start}) on")


_POINT_RULES: Final[tuple[_Rule, ...]] = (
    _rule_fixed,
    _rule_numeric,
    _rule_year,
    _rule_calendar,
    _rule_rolling,
    _rule_relative,
    _rule_weekday,
    _rule_part,
    _rule_offset,
    _rule_sub,
    _rule_words,
    _rule_around,
)
_PHRASE_RULES: Final[tuple[_Rule, ...]] = (
    _rule_point,
    _rule_ends,
    _rule_for,
    _rule_range,
    _rule_onwards,
    _rule_filler,
)
