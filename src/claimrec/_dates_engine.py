"""The reader: the rules tried in order on a phrase and its parts, and the diagnosis.

A phrase no rule reads gets a :class:`~claimrec.errors.ParseError` naming where reading stopped.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable
from typing import Final

from claimrec._dates_absolute import _rule_calendar, _rule_numeric, _rule_words, _rule_year
from claimrec._dates_base import _DAY, _R, _Fail
from claimrec._dates_parts import _rule_part, _rule_sub
from claimrec._dates_phrases import (
    _rule_around,
    _rule_ends,
    _rule_filler,
    _rule_for,
    _rule_onwards,
    _rule_point,
    _rule_range,
)
from claimrec._dates_relative import (
    _rule_fixed,
    _rule_offset,
    _rule_relative,
    _rule_rolling,
    _rule_weekday,
)
from claimrec._dates_words import (
    _KEYWORDS,
    _PLAIN,
    _TRANSLATE,
    _VOCABULARY,
    _normalise,
    _shown,
    _Text,
)
from claimrec.errors import ParseError
from claimrec.spans import Span

_MAX_TEXT: Final = 200
_MAX_DEPTH: Final = 12
_MAX_PREFIX: Final = 24  # tokens tried when looking for the readable start of a bad phrase


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
