"""Laws of the time-phrase reader, checked with hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimrec.dates import parse_span, read_span
from claimrec.errors import ParseError
from claimrec.spans import Span

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Words and signs the reader knows, so that random phrases reach deep into the rules.
VOCABULARY = (
    "since", "until", "till", "through", "by", "before", "after", "from", "to", "between", "and",
    "the", "of", "in", "on", "at", "for", "ago", "last", "this", "next", "past", "previous",
    "coming", "following", "early", "mid", "late", "earlier", "later", "beginning", "end",
    "start", "week", "weeks", "month", "months", "year", "years", "day", "days", "quarter",
    "weekend", "today", "yesterday", "tomorrow", "few", "a", "couple", "several", "two", "twenty",
    "first", "third", "last", "hundred", "thousand", "noughties", "q1", "h2", "2024", "2025",
    "1990s", "15", "3rd", "31", "12", "0", "-", "/", ".", "~", "'s", "hours", "recent",
    "fortnight", "onwards", "around", "january", "feb", "mar", "december", "monday", "tue",
    "friday", "sundays",
)  # fmt: skip

references = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
any_references = st.dates()  # the calendar's edges too: arithmetic past them must not leak
days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 12, 31))
many = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_or_reject(text: str, reference: dt.date) -> Span | None:
    """The span, or None after checking the error is a well-formed ParseError."""
    error: ParseError | None = None
    try:
        return parse_span(text, reference=reference)
    except ParseError as err:
        error = err
    assert isinstance(error, ValueError)
    assert error.text == text
    assert error.position is None or 0 <= error.position <= len(text)
    assert str(error)
    return None


@many
@given(st.text(max_size=300), any_references)
def test_any_text_reads_or_raises_parse_error(text: str, reference: dt.date) -> None:
    read_or_reject(text, reference)


@many
@given(st.data(), any_references)
def test_vocabulary_soup_reads_or_raises_parse_error(
    data: st.DataObject, reference: dt.date
) -> None:
    words = data.draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
    text = " ".join(words)
    found = read_or_reject(text, reference)
    if found is not None:
        assert found.start is not None or found.end is not None or found == Span.always()


@many
@given(days, references, st.data())
def test_written_dates_are_that_day(day: dt.date, reference: dt.date, data: st.DataObject) -> None:
    month = MONTHS[day.month - 1]
    form = data.draw(
        st.sampled_from(
            [
                day.isoformat(),
                f"{day.day} {month} {day.year}",
                f"{month} {day.day}, {day.year}",
                f"{month[:3]}. {day.day}, {day.year}",
                f"{day.month}/{day.day}/{day.year}",
                f"{WEEKDAYS[day.weekday()]}, {month} {day.day}, {day.year}",
            ]
        )
    )
    assert parse_span(form, reference=reference) == Span.day(day)


@many
@given(days, references)
def test_months_and_years(day: dt.date, reference: dt.date) -> None:
    month = MONTHS[day.month - 1]
    assert parse_span(f"{month} {day.year}", reference=reference) == Span.month(day.year, day.month)
    assert parse_span(str(day.year), reference=reference) == Span.year(day.year)


@many
@given(references, st.sampled_from(MONTHS))
def test_parts_of_a_month_tile_it(reference: dt.date, month: str) -> None:
    whole = parse_span(month, reference=reference)
    early = parse_span(f"early {month}", reference=reference)
    mid = parse_span(f"mid-{month}", reference=reference)
    late = parse_span(f"late {month}", reference=reference)
    assert early.start == whole.start
    assert early.end == mid.start
    assert mid.end == late.start
    assert late.end == whole.end


@many
@given(references, st.sampled_from(MONTHS))
def test_a_month_without_year_has_begun_within_the_year(reference: dt.date, month: str) -> None:
    found = parse_span(month, reference=reference)
    assert found.start is not None
    assert found.start <= reference
    assert found.start > reference - dt.timedelta(days=366)


@many
@given(references)
def test_days_and_weeks_around_the_reference_follow_each_other(reference: dt.date) -> None:
    yesterday, today, tomorrow = (
        parse_span(w, reference=reference) for w in ("yesterday", "today", "tomorrow")
    )
    assert today == Span.day(reference)
    assert yesterday.end == today.start
    assert today.end == tomorrow.start
    last, this, nxt = (
        parse_span(f"{w} week", reference=reference) for w in ("last", "this", "next")
    )
    assert reference in this
    assert this.start is not None
    assert this.start.weekday() == 0
    assert this.days == 7
    assert last.end == this.start
    assert this.end == nxt.start


@many
@given(references, st.integers(min_value=0, max_value=3000))
def test_n_days_ago_and_the_past_n_days(reference: dt.date, n: int) -> None:
    assert parse_span(f"{n} days ago", reference=reference) == Span.day(
        reference - dt.timedelta(days=n)
    )
    if n:
        past = parse_span(f"the past {n} days", reference=reference)
        assert past.end == reference
        assert past.days == n


@many
@given(references, st.sampled_from(WEEKDAYS), st.sampled_from(["", "on ", "last "]))
def test_a_weekday_is_the_latest_one_before(reference: dt.date, weekday: str, prefix: str) -> None:
    found = parse_span(f"{prefix}{weekday}", reference=reference)
    assert found.days == 1
    assert found.start is not None
    assert found.start.weekday() == WEEKDAYS.index(weekday)
    assert reference - dt.timedelta(days=7) <= found.start < reference


@many
@given(
    references,
    st.sampled_from(
        ["mid-January", "late last month", "last week", "Monday", "early this month", "2020",
         "yesterday", "the start of the year", "3 days ago"]
    ),
)  # fmt: skip
def test_since_runs_from_the_start_to_the_day_said(reference: dt.date, phrase: str) -> None:
    inner = parse_span(phrase, reference=reference)
    assert inner.start is not None
    if inner.start > reference:
        with pytest.raises(ParseError, match="after the day said"):
            parse_span(f"since {phrase}", reference=reference)
        return
    found = parse_span(f"since {phrase}", reference=reference)
    assert found.start == inner.start
    assert found.end == reference + dt.timedelta(days=1)
    assert reference in found


@many
@given(references, st.data())
def test_ranges_hold_both_ends(reference: dt.date, data: st.DataObject) -> None:
    first = data.draw(days)
    second = data.draw(st.dates(min_value=first, max_value=dt.date(9998, 12, 31)))
    found = parse_span(f"from {first.isoformat()} to {second.isoformat()}", reference=reference)
    assert found == Span(first, second + dt.timedelta(days=1))


@many
@given(
    st.sampled_from(["mid-January", "since late 2024", "last week", "for weeks"]),
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2100, 12, 31)),
)
def test_readings_explain_and_serialise(phrase: str, reference: dt.date) -> None:
    reading = read_span(phrase, reference=reference)
    assert reading.explain().startswith(f"{phrase!r} said on {reference.isoformat()}")
    as_json = reading.to_json()
    assert as_json["start"] == (
        None if reading.span.start is None else reading.span.start.isoformat()
    )
    assert as_json["rule"] == reading.rule
