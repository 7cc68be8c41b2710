"""Half-open day spans: claimrec.spans."""

from __future__ import annotations

import datetime as dt

import pytest

from claimrec.errors import ParseError, ValidationError
from claimrec.spans import Span, to_date

D = dt.date


class TestToDate:
    def test_date(self) -> None:
        assert to_date(D(2025, 2, 4)) == D(2025, 2, 4)

    def test_datetime_gives_its_day(self) -> None:
        result = to_date(dt.datetime(2025, 2, 4, 23, 59))
        assert result == D(2025, 2, 4)
        assert type(result) is dt.date

    def test_iso_text(self) -> None:
        assert to_date(" 2025-02-04 ") == D(2025, 2, 4)

    @pytest.mark.parametrize("text", ["4 Feb 2025", "2025-02-30", "2025-13-01", ""])
    def test_text_that_is_not_an_iso_date(self, text: str) -> None:
        with pytest.raises(
            ValidationError, match=rf"^said_on: expected an ISO date 'YYYY-MM-DD', got '{text}'$"
        ):
            to_date(text, "said_on")

    @pytest.mark.parametrize("value", [20250204, None, 2025.0])
    def test_other_types(self, value: object) -> None:
        with pytest.raises(
            ValidationError, match=r"^date: expected a date or an ISO date string, got "
        ):
            to_date(value)


class TestConstruction:
    def test_ends_are_converted(self) -> None:
        s = Span("2025-01-15", D(2025, 2, 5))
        assert (s.start, s.end) == (D(2025, 1, 15), D(2025, 2, 5))

    def test_open_ends(self) -> None:
        s = Span()
        assert (s.start, s.end) == (None, None)

    def test_bad_ends_name_the_end(self) -> None:
        with pytest.raises(ValidationError, match=r"^start: "):
            Span("soon", None)
        with pytest.raises(ValidationError, match=r"^end: "):
            Span(None, 5)

    def test_end_before_start_is_refused(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^end \(2025-01-15\) must be after start \(2025-02-05\)$"
        ):
            Span("2025-02-05", "2025-01-15")

    def test_empty_span_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"must be after start"):
            Span("2025-02-05", "2025-02-05")


class TestFactories:
    def test_day(self) -> None:
        assert Span.day("2025-02-04") == Span("2025-02-04", "2025-02-05")

    def test_day_needs_a_following_day(self) -> None:
        with pytest.raises(ValidationError, match=r"^day: 9999-12-31 is the last date there is"):
            Span.day(D.max)

    def test_month(self) -> None:
        assert Span.month(2025, 1) == Span("2025-01-01", "2025-02-01")
        assert Span.month(2024, 2).days == 29

    def test_regression_december_ends_on_the_next_new_year(self) -> None:
        assert Span.month(2024, 12) == Span("2024-12-01", "2025-01-01")

    def test_year(self) -> None:
        assert Span.year(2024) == Span("2024-01-01", "2025-01-01")

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda: Span.month(2025, 13), "month=13: month must be in 1..12"),
            (lambda: Span.month(2025, "1"), "month='1'"),
            (lambda: Span.year(0), "year=0"),
            (lambda: Span.year(9999), "year=10000"),
            (lambda: Span.month(9999, 12), "year=10000"),
        ],
    )
    def test_no_such_date(self, make: object, message: str) -> None:
        with pytest.raises(ValidationError, match=f"^no such date: .*{message}"):
            make()  # type: ignore[operator]

    def test_since_until_always(self) -> None:
        assert Span.since("2025-01-15") == Span("2025-01-15", None)
        assert Span.until("2025-02-05") == Span(None, "2025-02-05")
        assert Span.always() == Span(None, None)


class TestFromText:
    @pytest.mark.parametrize(
        ("text", "span"),
        [
            ("4 February 2025", Span.day("2025-02-04")),
            ("Feb. 4, 2025", Span.day("2025-02-04")),
            ("2025-02-04", Span.day("2025-02-04")),
            ("February 2025", Span.month(2025, 2)),
            ("2024", Span.year(2024)),
        ],
    )
    def test_precision_follows_the_text(self, text: str, span: Span) -> None:
        assert Span.from_text(text) == span

    @pytest.mark.parametrize("text", ["", "   ", "x" * 201])
    def test_length(self, text: str) -> None:
        with pytest.raises(ParseError, match=r"expected 1 to 200 characters") as info:
            Span.from_text(text)
        assert info.value.text == text

    def test_not_a_date(self) -> None:
        with pytest.raises(ParseError, match=r"^cannot read 'sometime' as a date: "):
            Span.from_text("sometime")

    def test_no_year(self) -> None:
        with pytest.raises(
            ParseError,
            match=r"^cannot read '4 February' as a date: no year given \(relative phrases need",
        ):
            Span.from_text("4 February")

    @pytest.mark.parametrize("text", ["9999", "December 9999", "31 December 9999"])
    def test_regression_last_representable_dates_raise_parse_error(self, text: str) -> None:
        # These once escaped as a bare ValueError or OverflowError.
        with pytest.raises(ParseError, match=f"^cannot read '{text}' as a date: "):
            Span.from_text(text)

    def test_overflowing_number(self) -> None:
        with pytest.raises(ParseError):
            Span.from_text("99999999999999999999")


class TestProperties:
    def test_days(self) -> None:
        assert Span("2025-01-15", "2025-02-05").days == 21
        assert Span.since("2025-01-15").days is None
        assert Span.until("2025-01-15").days is None

    def test_last_day(self) -> None:
        assert Span("2025-01-15", "2025-02-05").last_day == D(2025, 2, 4)
        assert Span.since("2025-01-15").last_day is None


class TestContains:
    def test_days(self) -> None:
        s = Span("2025-01-15", "2025-02-05")
        assert "2025-01-15" in s
        assert s.contains(D(2025, 2, 4))
        assert "2025-02-05" not in s
        assert "2025-01-14" not in s

    def test_open_ends_contain_everything_that_way(self) -> None:
        assert "1900-01-01" in Span.until("2025-01-01")
        assert "2999-01-01" in Span.since("2025-01-01")
        assert "2024-12-31" not in Span.since("2025-01-01")

    def test_bad_day(self) -> None:
        with pytest.raises(ValidationError, match=r"^day: "):
            Span().contains("tomorrow")

    @pytest.mark.parametrize(
        ("outer", "inner", "expected"),
        [
            (Span("2025-01-01", "2025-02-01"), Span("2025-01-10", "2025-01-20"), True),
            (Span("2025-01-01", "2025-02-01"), Span("2025-01-01", "2025-02-01"), True),
            (Span("2025-01-01", "2025-02-01"), Span("2024-12-31", "2025-01-20"), False),
            (Span("2025-01-01", "2025-02-01"), Span("2025-01-10", "2025-02-02"), False),
            (Span("2025-01-01", "2025-02-01"), Span.since("2025-01-10"), False),
            (Span("2025-01-01", "2025-02-01"), Span.until("2025-01-10"), False),
            (Span.always(), Span.since("2025-01-10"), True),
            (Span.always(), Span.until("2025-01-10"), True),
            (Span.since("2025-01-01"), Span.since("2025-01-10"), True),
            (Span.until("2025-01-10"), Span.until("2025-01-01"), True),
        ],
    )
    def test_spans(self, outer: Span, inner: Span, expected: bool) -> None:
        assert outer.contains(inner) is expected
        assert (inner in outer) is expected


class TestSetOperations:
    def test_intersection(self) -> None:
        a = Span("2025-01-15", "2025-02-05")
        assert a & Span.day("2025-02-04") == Span.day("2025-02-04")
        assert Span.day("2025-02-04") & a == Span.day("2025-02-04")

    def test_intersection_with_open_ends(self) -> None:
        a = Span.since("2025-01-01")
        b = Span.until("2025-02-01")
        assert a & b == Span("2025-01-01", "2025-02-01")
        assert b & a == Span("2025-01-01", "2025-02-01")
        assert Span.always() & Span.always() == Span.always()

    def test_disjoint_and_touching_spans_share_nothing(self) -> None:
        assert Span("2025-01-01", "2025-01-10") & Span("2025-01-10", None) is None
        assert Span.until("2025-01-01") & Span.since("2025-03-01") is None

    def test_overlaps(self) -> None:
        assert not Span("2025-01-01", "2025-01-10").overlaps(Span("2025-01-10", None))
        assert Span("2025-01-01", "2025-01-11").overlaps(Span("2025-01-10", None))

    def test_hull(self) -> None:
        a = Span("2025-01-01", "2025-01-02")
        b = Span("2025-03-01", "2025-03-02")
        assert a | b == Span("2025-01-01", "2025-03-02")
        assert b | a == Span("2025-01-01", "2025-03-02")

    def test_hull_with_open_ends(self) -> None:
        a = Span("2025-01-01", "2025-01-02")
        assert a | Span.since("2025-03-01") == Span.since("2025-01-01")
        assert Span.until("2024-01-01") | a == Span.until("2025-01-02")


class TestText:
    @pytest.mark.parametrize(
        ("span", "text", "rep"),
        [
            (
                Span("2025-01-15", "2025-02-05"),
                "2025-01-15 .. 2025-02-05",
                "Span('2025-01-15', '2025-02-05')",
            ),
            (Span.since("2025-01-15"), "2025-01-15 ..", "Span('2025-01-15', None)"),
            (Span.until("2025-02-05"), ".. 2025-02-05", "Span(None, '2025-02-05')"),
            (Span.always(), "..", "Span(None, None)"),
        ],
    )
    def test_str_and_repr(self, span: Span, text: str, rep: str) -> None:
        assert str(span) == text
        assert repr(span) == rep
