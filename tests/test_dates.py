"""Tests for claimrec.dates: time phrases read as spans against a reference day."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import pytest

from claimrec import _dates_relative, _dates_words, dates
from claimrec.dates import SpanReading, parse_span, read_span
from claimrec.errors import ParseError, ValidationError
from claimrec.spans import Span

WED = "2025-02-05"  # a Wednesday; its week runs Monday 3 to Sunday 9 February 2025


def span(start: str | None, end: str | None) -> Span:
    return Span(start, end)


# (phrase, reference, start, end): end is exclusive, as in Span.
CASES: list[tuple[str, str, str | None, str | None]] = [
    # -- absolute dates, months, years (dateutil-style forms) --
    ("4 February 2025", WED, "2025-02-04", "2025-02-05"),
    ("Feb. 4, 2025", WED, "2025-02-04", "2025-02-05"),
    ("2025-02-04", WED, "2025-02-04", "2025-02-05"),
    ("02/04/2025", WED, "2025-02-04", "2025-02-05"),
    ("21/04/2025", WED, "2025-04-21", "2025-04-22"),
    ("3/3/15", WED, "2015-03-03", "2015-03-04"),
    ("20250204", WED, "2025-02-04", "2025-02-05"),
    ("Tuesday, February 4th, 2025", WED, "2025-02-04", "2025-02-05"),
    ("February 2025", WED, "2025-02-01", "2025-03-01"),
    ("2025", WED, "2025-01-01", "2026-01-01"),
    ("4 February", WED, "2025-02-04", "2025-02-05"),
    ("6 February", WED, "2024-02-06", "2024-02-07"),
    ("29 February", WED, "2024-02-29", "2024-03-01"),
    ("March", WED, "2024-03-01", "2024-04-01"),
    ("January", WED, "2025-01-01", "2025-02-01"),
    ("February", WED, "2025-02-01", "2025-03-01"),
    ("this September", WED, "2025-09-01", "2025-10-01"),
    ("next March", WED, "2025-03-01", "2025-04-01"),
    ("last February", WED, "2024-02-01", "2024-03-01"),
    ("the 1990s", WED, "1990-01-01", "2000-01-01"),
    ("the nineties", WED, "1990-01-01", "2000-01-01"),
    ("two thousand and twenty", WED, "2020-01-01", "2021-01-01"),
    ("Q1 2025", WED, "2025-01-01", "2025-04-01"),
    ("H2 2024", WED, "2024-07-01", "2025-01-01"),
    ("the first quarter", WED, "2025-01-01", "2025-04-01"),
    ("the fourth quarter", WED, "2024-10-01", "2025-01-01"),
    ("week 6", WED, "2025-02-03", "2025-02-10"),
    ("the first week of February", WED, "2025-02-03", "2025-02-10"),
    ("the week of 3 February", WED, "2025-02-03", "2025-02-10"),
    ("on the 5th", WED, "2025-02-05", "2025-02-06"),
    ("third Tuesday of March 2025", WED, "2025-03-18", "2025-03-19"),
    ("last Friday of January", WED, "2025-01-31", "2025-02-01"),
    # -- early / mid / late --
    ("mid-January", WED, "2025-01-11", "2025-01-21"),
    ("mid January", WED, "2025-01-11", "2025-01-21"),
    ("early February 2025", WED, "2025-02-01", "2025-02-11"),
    ("late February", WED, "2025-02-21", "2025-03-01"),
    ("late last month", WED, "2025-01-21", "2025-02-01"),
    ("early this month", WED, "2025-02-01", "2025-02-11"),
    ("mid-December", WED, "2024-12-11", "2024-12-21"),
    ("the end of the month", WED, "2025-02-21", "2025-03-01"),
    ("late 2024", WED, "2024-09-01", "2025-01-01"),
    ("mid-2024", WED, "2024-05-01", "2024-09-01"),
    ("the beginning of the year", WED, "2025-01-01", "2025-05-01"),
    ("the early 1990s", WED, "1990-01-01", "1994-01-01"),
    ("early next week", WED, "2025-02-10", "2025-02-13"),
    ("mid next week", WED, "2025-02-11", "2025-02-14"),
    ("end of this week", WED, "2025-02-07", "2025-02-10"),
    ("late yesterday", WED, "2025-02-04", "2025-02-05"),
    ("late on Tuesday", WED, "2025-02-04", "2025-02-05"),
    ("earlier this week", WED, "2025-02-03", "2025-02-06"),
    ("later this week", WED, "2025-02-05", "2025-02-10"),
    ("earlier this month", WED, "2025-02-01", "2025-02-06"),
    ("later this year", WED, "2025-02-05", "2026-01-01"),
    ("earlier last week", WED, "2025-01-27", "2025-01-30"),
    # -- this / last / next period; days around the reference --
    ("last week", WED, "2025-01-27", "2025-02-03"),
    ("this week", WED, "2025-02-03", "2025-02-10"),
    ("next week", WED, "2025-02-10", "2025-02-17"),
    ("past week", WED, "2025-01-27", "2025-02-03"),
    ("last month", WED, "2025-01-01", "2025-02-01"),
    ("this month", WED, "2025-02-01", "2025-03-01"),
    ("next month", WED, "2025-03-01", "2025-04-01"),
    ("last year", WED, "2024-01-01", "2025-01-01"),
    ("next year", WED, "2026-01-01", "2027-01-01"),
    ("last quarter", WED, "2024-10-01", "2025-01-01"),
    ("this decade", WED, "2020-01-01", "2030-01-01"),
    ("yesterday", WED, "2025-02-04", "2025-02-05"),
    ("today", WED, "2025-02-05", "2025-02-06"),
    ("tomorrow", WED, "2025-02-06", "2025-02-07"),
    ("the day before yesterday", WED, "2025-02-03", "2025-02-04"),
    ("year to date", WED, "2025-01-01", "2025-02-06"),
    # -- rolling periods --
    ("the past 3 days", WED, "2025-02-02", "2025-02-05"),
    ("the last 10 days", WED, "2025-01-26", "2025-02-05"),
    ("the past week", WED, "2025-01-29", "2025-02-05"),
    ("in the past week", WED, "2025-01-29", "2025-02-05"),
    ("the past two weeks", WED, "2025-01-22", "2025-02-05"),
    ("the past month", WED, "2025-01-05", "2025-02-05"),
    ("in recent weeks", WED, "2025-01-08", "2025-02-05"),
    ("the past few days", WED, "2025-02-01", "2025-02-05"),
    ("the next 3 days", WED, "2025-02-06", "2025-02-09"),
    ("last 2 quarters", WED, "2024-07-01", "2025-01-01"),
    ("the past 24 hours", WED, "2025-02-04", "2025-02-06"),
    ("in the coming days", WED, "2025-02-06", "2025-02-10"),
    ("in the coming weeks", WED, "2025-02-06", "2025-03-06"),
    # -- weekdays --
    ("on Tuesday", WED, "2025-02-04", "2025-02-05"),
    ("Tuesday", WED, "2025-02-04", "2025-02-05"),
    ("on Wednesday", WED, "2025-01-29", "2025-01-30"),
    ("last Tuesday", WED, "2025-02-04", "2025-02-05"),
    ("last Friday", WED, "2025-01-31", "2025-02-01"),
    ("this Friday", WED, "2025-02-07", "2025-02-08"),
    ("this Monday", WED, "2025-02-03", "2025-02-04"),
    ("next Tuesday", WED, "2025-02-11", "2025-02-12"),
    ("coming Monday", WED, "2025-02-10", "2025-02-11"),
    ("Friday after next", WED, "2025-02-14", "2025-02-15"),
    ("the Tuesday before last", WED, "2025-01-28", "2025-01-29"),
    ("Tuesday last week", WED, "2025-01-28", "2025-01-29"),
    ("next week Friday", WED, "2025-02-14", "2025-02-15"),
    ("2 Fridays ago", WED, "2025-01-24", "2025-01-25"),
    # -- since, until, before, after, from --
    ("since mid-January", WED, "2025-01-11", "2025-02-06"),
    ("since late 2024", WED, "2024-09-01", "2025-02-06"),
    ("since Monday", WED, "2025-02-03", "2025-02-06"),
    ("since 2020", WED, "2020-01-01", "2025-02-06"),
    ("until March", WED, None, "2025-04-01"),
    ("by 4 February", WED, None, "2025-02-05"),
    ("through Feb 10", WED, None, "2025-02-11"),
    ("until the end of the month", WED, None, "2025-03-01"),
    ("before March 2025", WED, None, "2025-03-01"),
    ("after 2020", WED, "2021-01-01", None),
    ("from January 2025 onwards", WED, "2025-01-01", None),
    ("to date", WED, None, "2025-02-06"),
    # -- explicit ranges --
    ("from 10 January to 4 February", WED, "2025-01-10", "2025-02-05"),
    ("between 10 January and 4 February 2025", WED, "2025-01-10", "2025-02-05"),
    ("10-20 January", WED, "2025-01-10", "2025-01-21"),
    ("January 10-20", WED, "2025-01-10", "2025-01-21"),
    ("2014-2018", WED, "2014-01-01", "2019-01-01"),
    ("January-March 2025", WED, "2025-01-01", "2025-04-01"),
    ("from December to March 2025", WED, "2024-12-01", "2025-04-01"),
    ("January 10-20, 2025", WED, "2025-01-10", "2025-01-21"),
    ("from Monday to Wednesday", WED, "2025-02-03", "2025-02-06"),
    ("Monday-Friday", WED, "2025-02-03", "2025-02-08"),
    # -- for --
    ("for weeks", WED, "2025-01-22", "2025-02-06"),
    ("for days", WED, "2025-02-03", "2025-02-06"),
    ("for months", WED, "2024-12-05", "2025-02-06"),
    ("for two weeks", WED, "2025-01-22", "2025-02-06"),
    ("for 3 days from today", WED, "2025-02-05", "2025-02-08"),
    # -- offsets --
    ("a week ago", WED, "2025-01-29", "2025-01-30"),
    ("3 days ago", WED, "2025-02-02", "2025-02-03"),
    ("a few days ago", WED, "2025-02-01", "2025-02-04"),
    ("3 months ago", WED, "2024-11-05", "2024-11-06"),
    ("a fortnight ago", WED, "2025-01-22", "2025-01-23"),
    ("36 hours ago", WED, "2025-02-03", "2025-02-05"),
    ("in 2 weeks", WED, "2025-02-19", "2025-02-20"),
    ("two weeks from now", WED, "2025-02-19", "2025-02-20"),
    ("2 weeks before 1 March 2025", WED, "2025-02-15", "2025-02-16"),
    # -- weekends --
    ("over the weekend", WED, "2025-02-01", "2025-02-03"),
    ("over the weekend", "2025-02-09", "2025-02-08", "2025-02-10"),
    ("this weekend", WED, "2025-02-08", "2025-02-10"),
    ("last weekend", WED, "2025-02-01", "2025-02-03"),
    ("next weekend", WED, "2025-02-15", "2025-02-17"),
    ("the weekend before last", WED, "2025-01-25", "2025-01-27"),
    # -- fillers and case --
    ("in January", WED, "2025-01-01", "2025-02-01"),
    ("in late 2024", WED, "2024-09-01", "2025-01-01"),
    ("for the past week", WED, "2025-01-29", "2025-02-05"),
    ("  IN LATE 2024  ", WED, "2024-09-01", "2025-01-01"),
    ("around next week", WED, "2025-02-10", "2025-02-17"),
    ("2014\u20132018", WED, "2014-01-01", "2019-01-01"),
    # -- other references: leap days, year ends --
    ("29 February", "2024-03-01", "2024-02-29", "2024-03-01"),
    ("last week", "2025-01-01", "2024-12-23", "2024-12-30"),
    ("mid-December", "2025-01-02", "2024-12-11", "2024-12-21"),
    ("next month", "2024-12-15", "2025-01-01", "2025-02-01"),
]


@pytest.mark.parametrize(("text", "reference", "start", "end"), CASES, ids=[c[0] for c in CASES])
def test_parse_span(text: str, reference: str, start: str | None, end: str | None) -> None:
    assert parse_span(text, reference=reference) == span(start, end)


def test_enough_table_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("4 February 2025", "absolute-date"),
        ("February 2025", "absolute-month"),
        ("mid-January", "part-of-month"),
        ("late 2024", "part-of-year"),
        ("early next week", "part-of-week"),
        ("on Tuesday", "weekday"),
        ("Tuesday last week", "weekday-of-week"),
        ("since mid-January", "since"),
        ("until March", "until"),
        ("last week", "relative-period"),
        ("yesterday", "deictic-day"),
        ("the past 3 days", "past-n"),
        ("the next 3 days", "next-n"),
        ("3 days ago", "offset"),
        ("for weeks", "for-plural"),
        ("from 10 January to 4 February", "range"),
        ("over the weekend", "weekend"),
        ("earlier this week", "earlier-in-period"),
        ("Q1 2025", "quarter"),
        ("week 6", "week-number"),
        ("third Tuesday of March 2025", "nth-weekday"),
    ],
)
def test_rule_names(text: str, rule: str) -> None:
    assert read_span(text, reference=WED).rule == rule


def test_dayfirst() -> None:
    assert parse_span("02/04/2025", reference=WED, dayfirst=True) == Span.day("2025-04-02")
    # a second number above 12 cannot be a month, whatever is asked
    assert parse_span("02/13/2025", reference=WED, dayfirst=True) == Span.day("2025-02-13")


def test_reference_as_date_or_datetime() -> None:
    day = dt.date(2025, 2, 5)
    assert parse_span("yesterday", reference=day) == Span.day("2025-02-04")
    moment = dt.datetime(2025, 2, 5, 23, 59)
    assert parse_span("yesterday", reference=moment) == Span.day("2025-02-04")


def test_bad_reference_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="reference"):
        parse_span("yesterday", reference="5 Feb")


# -- the reading object -----------------------------------------------------------


def test_explain_matches_the_documented_sentence() -> None:
    reading = read_span("mid-January", reference=WED)
    assert reading.explain() == (
        "'mid-January' said on 2025-02-05 read as 2025-01-11 .. 2025-01-21 "
        "(rule 'part-of-month': mid = days 11-20)"
    )


def test_explain_without_detail() -> None:
    reading = SpanReading("x", dt.date(2025, 2, 5), "manual", Span.day("2025-02-04"))
    assert reading.explain().endswith("(rule 'manual')")


def test_to_json() -> None:
    assert read_span("since mid-January", reference=WED).to_json() == {
        "phrase": "since mid-January",
        "reference": "2025-02-05",
        "rule": "since",
        "detail": "from the start of 'mid january' (2025-01-11) to the day said, inclusive",
        "start": "2025-01-11",
        "end": "2025-02-06",
    }
    assert read_span("after 2020", reference=WED).to_json()["end"] is None


def test_reading_is_frozen_and_validated() -> None:
    reading = read_span("today", reference=WED)
    with pytest.raises(AttributeError):
        reading.rule = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        SpanReading("x", "2025-02-05", "r", Span.day("2025-02-04"))  # type: ignore[arg-type]


# -- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        ("last fortnightly", 5, "unknown word 'fortnightly'"),
        ("since then", 6, "unknown word 'then'"),
        ("4 Feb 2025 @ noon", 11, "unexpected character '@'"),
        ("mid-Janvier\u00e9", 11, "unexpected character"),
        ("since next week", 0, "after the day said"),
        ("feb 30", 0, "February has no day 30"),
        ("31 April 2025", 0, "April 2025 has no day 31"),
        ("last week foo week", 10, "unknown word 'foo'"),
        ("last week next week", 0, "a week is not part of 'next week'"),
        ("week of", 5, "read 'week' but not what follows"),
        ("the blue moon", 4, "unknown word 'blue'"),
    ],
)
def test_errors_point_at_the_problem(text: str, position: int, fragment: str) -> None:
    with pytest.raises(ParseError, match=fragment) as info:
        parse_span(text, reference=WED)
    assert info.value.position == position
    assert info.value.text == text
    assert isinstance(info.value, ValueError)


def test_error_names_the_text() -> None:
    with pytest.raises(ParseError, match=r"cannot read 'the blue moon' as a time span"):
        parse_span("the blue moon", reference=WED)


def test_non_string_text() -> None:
    with pytest.raises(ParseError, match="expected the time phrase as a string, got 5"):
        parse_span(5, reference=WED)  # type: ignore[arg-type]


def _answer(text: str) -> None:
    """Read ``text``; anything but a result or a ParseError fails the test."""
    with contextlib.suppress(ParseError):
        parse_span(text, reference=WED)


def test_long_text_is_refused_early_and_fast() -> None:
    text = "since " * 20_000  # 120 kB
    with pytest.raises(ParseError, match="at most 200 characters") as info:
        parse_span(text, reference=WED)
    assert info.value.position == 200


@pytest.mark.parametrize(
    "text",
    [
        "since " * 32 + "x",
        "a to " * 39 + "b",
        "1 - " * 49 + "1",
        "mid " * 49 + "may",
        "around " * 28,
        "between 2014 and " * 11,
        "the first week of " * 11,
        "9" * 200,
        "twenty " * 28,
        "- " * 100,
        "later ago 2024 15 " * 11,
        "jan - " * 33,
    ],
)
def test_adversarial_phrases_are_answered(text: str) -> None:
    # Their speed is measured by bench/adversarial_bench.py, not asserted here.
    assert len(text) <= 200
    _answer(text)


@pytest.mark.parametrize(
    "text",
    ["9999", "year 0", "31 December 9999", "10000 years ago", "in 9000 years", "the 0s"],
)
def test_calendar_limits_raise_parse_error(text: str) -> None:
    with pytest.raises(ParseError):
        parse_span(text, reference=WED)


# -- less common paths, each a case a reader can meet ----------------------------------

MORE_CASES: list[tuple[str, str, str | None, str | None]] = [
    ("4 Feb 2025 10:30", WED, "2025-02-04", "2025-02-05"),  # dateutil fallback
    ("February 2025 10:30", WED, "2025-02-01", "2025-03-01"),
    ("2025 10:30", WED, "2025-01-01", "2026-01-01"),
    ("the twenty first of next month", WED, "2025-03-21", "2025-03-22"),
    ("a hundred days ago", WED, "2024-10-28", "2024-10-29"),
    ("3/3/15", "2099-01-01", "2115-03-03", "2115-03-04"),  # two-digit years stay within 80 years
    ("March before last", WED, "2023-03-01", "2023-04-01"),
    ("March after next", WED, "2026-03-01", "2026-04-01"),
    ("last January", WED, "2025-01-01", "2025-02-01"),
    ("the 90s", WED, "1990-01-01", "2000-01-01"),
    ("the 20s", WED, "2020-01-01", "2030-01-01"),
    ("the sixties", WED, "1960-01-01", "1970-01-01"),
    ("the thirties", WED, "1930-01-01", "1940-01-01"),
    ("the twenties", WED, "2020-01-01", "2030-01-01"),
    ("January twenty 2025", WED, "2025-01-20", "2025-01-21"),
    ("the twenty-tens", WED, "2010-01-01", "2020-01-01"),
    ("the two thousands", WED, "2000-01-01", "2010-01-01"),
    ("nineteen oh five", WED, "1905-01-01", "1906-01-01"),
    ("nineteen twenty eight", WED, "1928-01-01", "1929-01-01"),
    ("Q3", WED, "2024-07-01", "2024-10-01"),
    ("Q1", WED, "2025-01-01", "2025-04-01"),
    ("2018Q4", WED, "2018-10-01", "2019-01-01"),
    ("the next 24 hours", WED, "2025-02-05", "2025-02-07"),
    ("this Friday 2/29", WED, "2024-02-29", "2024-03-01"),
    ("this Friday 7/6", WED, "2025-07-06", "2025-07-07"),
    ("early Q1 2025", WED, "2025-01-01", "2025-02-01"),
    ("late H2 2024", WED, "2024-11-01", "2025-01-01"),
    ("the 31st", "2025-03-05", "2025-01-31", "2025-02-01"),
    ("the first half of January 2025", WED, "2025-01-01", "2025-01-16"),
    ("the second half of March 2025", WED, "2025-03-16", "2025-04-01"),
    ("until February", WED, None, "2025-03-01"),
    ("until 29 February", WED, None, "2024-03-01"),
    ("29 February to 1 March 2027", WED, "2024-02-29", "2027-03-02"),
    ("from March to January", WED, "2024-03-01", "2025-02-01"),
    ("in two years since 2011", WED, "2013-01-01", "2013-01-02"),
    ("3 fridays from now", WED, "2025-02-21", "2025-02-22"),
    ("a few Fridays ago", WED, "2025-01-10", "2025-01-25"),
    ("the month of January", WED, "2025-01-01", "2025-02-01"),
    ("week 3 of 2027", WED, "2027-01-18", "2027-01-25"),
    ("the last 3 weeks of 2019", WED, "2019-12-09", "2019-12-30"),
    ("first ten days of last year", WED, "2024-01-01", "2024-01-11"),
]


@pytest.mark.parametrize(
    ("text", "reference", "start", "end"), MORE_CASES, ids=[c[0] for c in MORE_CASES]
)
def test_parse_span_more(text: str, reference: str, start: str | None, end: str | None) -> None:
    assert parse_span(text, reference=reference) == span(start, end)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2025-02-30", "no day 30 in month 2"),
        (".", "no words or digits"),
        ("( , )", "no words or digits"),
        ("4 Feb 0099 10:30", "cannot read"),  # dateutil would read the year as 1999
        ("2025 10:30 blorp", "unknown word 'blorp'"),
        ("Monday January", "cannot read"),
        ("next March 2025", "cannot read"),
        ("13/14", "neither 13 nor 14 can be a month"),
        ("2016 11", "cannot read"),
        ("2016 quarter", "cannot read"),
        ("this 1/2/2025", "cannot read"),
        ("1/2.2025", "cannot read"),
        ("2/30/2025", "no day 30 in month 2 of year 2025"),
        ("2025-13", "expected a month 1-12"),
        ("2019 q1 2019", "gives the year twice"),
        ("H3 2025", "expected H1 or H2"),
        ("week 3 of January", "week numbers count within a year"),
        ("week 53 of 2025", "2025 has no ISO week 53"),
        ("the past 0 days", "names no days"),
        ("last Friday after next", "'after next' is not a date or period"),
        ("early the past 3 days", "cannot take the early part"),
        ("0 fridays ago", "a count of at least 1"),
        ("the 5th of 2025", "cannot read"),
        ("the week of March 2025", "cannot read"),
        ("the month of 2025", "cannot read"),
        ("the 32nd", "no month has a day 32"),
        ("the first month of the past 3 days", "cannot count month"),
        ("the fifth quarter of 2024", "has 4 quarter"),
        ("the eleven thousands", "cannot read"),
        ("the one sixties", "cannot read"),
        ("for 0 days from today", "names no days"),
        ("from 1 March 2025 to 29 February", "February 2025 has no day 29"),
        ("January 10 to the", "cannot read"),
        ("31-20 February", "cannot read"),
    ],
)
def test_more_errors(text: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=fragment):
        parse_span(text, reference=WED)


def test_every_word_the_rules_use_is_known() -> None:
    """Guards the 'unknown word' diagnosis: a word a rule reads must never be called unknown."""
    import claimrec._dates_absolute
    import claimrec._dates_engine
    import claimrec._dates_parts
    import claimrec._dates_phrases

    modules = [dates, _dates_words, _dates_relative, claimrec._dates_absolute,
               claimrec._dates_engine, claimrec._dates_parts, claimrec._dates_phrases]
    patterns = [value._args[0] for module in modules for value in vars(module).values()
                if isinstance(value, _dates_words._LazyPattern)]
    # The rules read through lazily compiled patterns: check them all, not none.
    assert len(patterns) >= 40
    words: set[str] = set()
    for pattern in patterns:
        source = re.sub(r"\[[^\]]*\]|\(\?P<\w+>|\\d", "", pattern)
        words |= set(re.findall(r"[a-z]{2,}", source))
    for phrase in _dates_relative._FIXED:
        words |= set(phrase.split())
    suffixes = {"st", "nd", "rd", "th"}
    assert sorted(words - suffixes - _dates_words._VOCABULARY) == []


# Rarer forms the conformance corpus also holds; here so that every rule is tested even
# where ../shared/corpus is absent. "eoy" is vague: we read the last third of the year.
RARER = [
    ("one thousand seven hundred and eighty nine", "2016-11-07", "1789-01-01", "1790-01-01"),
    ("eoy", "2018-11-23", "2018-09-01", "2019-01-01"),
    ("this friday-jun-15", "2018-06-20", "2018-06-15", "2018-06-16"),
    ("next 5/12", "2019-05-20", "2020-05-12", "2020-05-13"),
    ("Q3 this year", "2016-11-07", "2016-07-01", "2016-10-01"),
    ("5 upcoming years", "2018-08-30", "2018-08-31", "2023-08-31"),
    ("4 weeks in the future", "2016-11-07", "2016-11-08", "2016-12-06"),
    ("following 2 quarters", "2019-07-04", "2019-10-01", "2020-04-01"),
    ("2016 the third quarter", "2016-11-07", "2016-07-01", "2016-10-01"),
    ("third last week of 2018", "2013-02-12", "2018-12-10", "2018-12-17"),
    ("the two thousand and tens", "2016-11-07", "2010-01-01", "2020-01-01"),
    ("friday 2018-7-6", "2018-07-06", "2018-07-06", "2018-07-07"),
]


@pytest.mark.parametrize(("text", "reference", "start", "end"), RARER)
def test_rarer_forms(text: str, reference: str, start: str, end: str) -> None:
    assert parse_span(text, reference=reference) == Span(start, end)
