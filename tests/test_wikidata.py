"""Wikidata quantities: claimrec.wikidata (statements to claims, intervals to statements)."""

from __future__ import annotations

import copy
import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import claimrec
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.errors import ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.report import Segment
from claimrec.spans import Span
from claimrec.wikidata import (
    GREGORIAN,
    PERCENT,
    WikidataExport,
    WikidataImport,
    claim_statement,
    read_statements,
    report_statements,
    segment_statement,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
ENTITY = "http://www.wikidata.org/entity/"
METRE = ENTITY + "Q11573"

# A statement shaped like one fetched from the Wikidata API (hashes and all), with
# made-up values: 8,000 (7,500 to 8,500) from 15 January to 4 February 2025,
# preferred, with one reference stated in an item, a URL and a retrieval date.
REAL_SHAPED: dict[str, Any] = {
    "mainsnak": {
        "snaktype": "value",
        "property": "P1114",
        "hash": "3f1c0e1d0d8a3b4f5b2a9c7e6d5f4a3b2c1d0e9f",
        "datavalue": {
            "value": {
                "amount": "+8000",
                "unit": "1",
                "upperBound": "+8500",
                "lowerBound": "+7500",
            },
            "type": "quantity",
        },
        "datatype": "quantity",
    },
    "type": "statement",
    "qualifiers": {
        "P580": [
            {
                "snaktype": "value",
                "property": "P580",
                "hash": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
                "datavalue": {
                    "value": {
                        "time": "+2025-01-15T00:00:00Z",
                        "timezone": 0,
                        "before": 0,
                        "after": 0,
                        "precision": 11,
                        "calendarmodel": GREGORIAN,
                    },
                    "type": "time",
                },
                "datatype": "time",
            }
        ],
        "P582": [
            {
                "snaktype": "value",
                "property": "P582",
                "hash": "1b2c3d4e5f60718293a4b5c6d7e8f90123456789",
                "datavalue": {
                    "value": {
                        "time": "+2025-02-04T00:00:00Z",
                        "timezone": 0,
                        "before": 0,
                        "after": 0,
                        "precision": 11,
                        "calendarmodel": GREGORIAN,
                    },
                    "type": "time",
                },
                "datatype": "time",
            }
        ],
    },
    "qualifiers-order": ["P580", "P582"],
    "id": "Q4115189$5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F",
    "rank": "preferred",
    "references": [
        {
            "hash": "fa3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b",
            "snaks": {
                "P248": [
                    {
                        "snaktype": "value",
                        "property": "P248",
                        "datavalue": {
                            "value": {"entity-type": "item", "numeric-id": 9684, "id": "Q9684"},
                            "type": "wikibase-entityid",
                        },
                        "datatype": "wikibase-item",
                    }
                ],
                "P854": [
                    {
                        "snaktype": "value",
                        "property": "P854",
                        "datavalue": {"value": "https://example.org/report", "type": "string"},
                        "datatype": "url",
                    }
                ],
                "P813": [
                    {
                        "snaktype": "value",
                        "property": "P813",
                        "datavalue": {
                            "value": {
                                "time": "+2025-02-06T00:00:00Z",
                                "timezone": 0,
                                "before": 0,
                                "after": 0,
                                "precision": 11,
                                "calendarmodel": GREGORIAN,
                            },
                            "type": "time",
                        },
                        "datatype": "time",
                    }
                ],
            },
            "snaks-order": ["P248", "P854", "P813"],
        }
    ],
}

NYT = Source("nyt", "The New York Times", kind="news_outlet", grade="B")


def quantity(
    amount: str, lower: str | None = None, upper: str | None = None, unit: str = "1"
) -> dict[str, Any]:
    value: dict[str, Any] = {"amount": amount, "unit": unit}
    if lower is not None:
        value["lowerBound"] = lower
    if upper is not None:
        value["upperBound"] = upper
    return {
        "snaktype": "value",
        "property": "P1114",
        "datatype": "quantity",
        "datavalue": {"type": "quantity", "value": value},
    }


def time(prop: str, when: object, precision: object = 11, **extra: Any) -> dict[str, Any]:
    value = {
        "time": when,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": precision,
        "calendarmodel": GREGORIAN,
        **extra,
    }
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "time",
        "datavalue": {"type": "time", "value": value},
    }


def item(prop: str, qid: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "wikibase-item",
        "datavalue": {
            "type": "wikibase-entityid",
            "value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid},
        },
    }


def text(prop: str, words: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "monolingualtext",
        "datavalue": {"type": "monolingualtext", "value": {"text": words, "language": "en"}},
    }


def url(prop: str, address: str) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": "url",
        "datavalue": {"type": "string", "value": address},
    }


def nothing(prop: str, snaktype: str = "somevalue") -> dict[str, Any]:
    return {"snaktype": snaktype, "property": prop}


def statement(
    mainsnak: dict[str, Any],
    qualifiers: list[dict[str, Any]] = (),  # type: ignore[assignment]
    references: list[list[dict[str, Any]]] = (),  # type: ignore[assignment]
    **extra: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {"mainsnak": mainsnak, "type": "statement", **extra}
    if qualifiers:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for q in qualifiers:
            grouped.setdefault(q["property"], []).append(q)
        result["qualifiers"] = grouped
    if references:
        result["references"] = []
        for snaks in references:
            grouped = {}
            for s in snaks:
                grouped.setdefault(s["property"], []).append(s)
            result["references"].append({"snaks": grouped, "snaks-order": list(grouped)})
    return result


def read_one(st: dict[str, Any], **kwargs: Any) -> Claim:
    kwargs.setdefault("quantity", "q")
    imported = read_statements([st], **kwargs)
    assert len(imported.claims) == 1
    return imported.claims[0]


def value_of(out: WikidataExport) -> dict[str, Any]:
    return out.statement["mainsnak"]["datavalue"]["value"]  # type: ignore[no-any-return]


class TestReadingRealShapedStatements:
    def test_every_field_is_read(self) -> None:
        imported = read_statements([REAL_SHAPED], quantity="in_combat", sources={"Q9684": NYT})
        (claim,) = imported.claims
        assert claim.id == "Q4115189.5C1D2E3F-4A5B-6C7D-8E9F-0A1B2C3D4E5F"
        assert claim.value == Range.closed(7500, 8500)
        assert claim.period == Span("2025-01-15", "2025-02-05")
        assert claim.source == Attribution("nyt")
        assert claim.phrase == "8000±500"
        assert claim.citation == "https://example.org/report"
        assert claim.notes == "rank preferred; retrieved 2025-02-06"
        assert (claim.credibility, claim.evidence, claim.said_on) == (6, "estimate", None)
        assert imported.ranks == ((claim.id, "preferred"),)
        assert imported.sources == (NYT,)
        assert imported.set_aside == ()
        assert imported.claimset().claims == (claim,)

    def test_the_statement_survives_the_round_trip(self) -> None:
        imported = read_statements([REAL_SHAPED], quantity="in_combat", sources={"Q9684": NYT})
        out = claim_statement(
            imported.claims[0],
            rank="preferred",
            items={"nyt": "Q9684"},
            retrieved="2025-02-06",
        )
        assert out.warnings == ()
        assert out.statement == strip_hashes(REAL_SHAPED)

    def test_an_unmapped_item_becomes_a_source_of_its_own(self) -> None:
        imported = read_statements([REAL_SHAPED], quantity="in_combat")
        assert imported.sources == (Source("Q9684", "Q9684"),)
        assert imported.claims[0].source == Attribution("Q9684")

    def test_a_deprecated_statement_is_set_aside_with_its_reason(self) -> None:
        deprecated = copy.deepcopy(REAL_SHAPED)
        deprecated["rank"] = "deprecated"
        deprecated["qualifiers"]["P2241"] = [item("P2241", "Q25895909")]
        deprecated["id"] = "Q4115189$AAAA"
        plain = statement(quantity("+0", "+0", "+0"), rank="normal")
        imported = read_statements([deprecated, plain], quantity="in_combat")
        first, second = imported.claims
        assert imported.set_aside == (
            (first.id, "deprecated rank in Wikidata (reason for deprecated rank: Q25895909)"),
        )
        assert imported.usable == (second,)
        assert imported.claimset().claims == (second,)
        assert "reason for deprecated rank Q25895909" in first.notes
        out = claim_statement(first, rank="deprecated", reason="Q25895909", retrieved="2025-02-06")
        assert out.statement["qualifiers"]["P2241"] == [item("P2241", "Q25895909")]
        assert out.statement["rank"] == "deprecated"

    def test_deprecated_without_a_reason(self) -> None:
        st = statement(quantity("+5", "+5", "+5"), rank="deprecated")
        imported = read_statements([st], quantity="q")
        assert imported.set_aside == (("q.1", "deprecated rank in Wikidata"),)

    def test_a_reason_with_no_value_is_no_reason(self) -> None:
        st = statement(quantity("+5"), [nothing("P2241")], rank="deprecated")
        assert read_statements([st], quantity="q").set_aside == (
            ("q.1", "deprecated rank in Wikidata"),
        )


def strip_hashes(st: dict[str, Any]) -> dict[str, Any]:
    """The statement as claimrec writes it: Wikibase computes hashes itself."""
    result = copy.deepcopy(st)
    result["mainsnak"].pop("hash")
    for snaks in result["qualifiers"].values():
        for snak in snaks:
            snak.pop("hash", None)
    for reference in result["references"]:
        reference.pop("hash")
    # claimrec writes keys in one order; dict equality ignores order anyway.
    return result


class TestReadingValues:
    @pytest.mark.parametrize(
        ("amount", "kind", "expected"),
        [
            ("+8000", "count", Range.closed(7500, 8500)),
            ("+8125", "count", Range.exact(8125)),
            ("+0", "count", Range.exact(0)),
            ("+2.50", "amount", Range.closed("2.495", "2.505", kind="amount")),
            ("-40", "amount", Range.closed(-45, -35, kind="amount")),
            ("+0.5", "proportion", Range.closed("0.45", "0.55", kind="proportion")),
            ("+1", "proportion", Range.closed("0.5", 1, kind="proportion")),
        ],
    )
    def test_absent_bounds_mean_the_last_significant_digit(
        self, amount: str, kind: str, expected: Range
    ) -> None:
        claim = read_one(statement(quantity(amount)), kind=kind)
        assert claim.value == expected
        assert claim.phrase == amount.removeprefix("+")

    def test_absent_bounds_can_mean_nothing_at_all(self) -> None:
        claim = read_one(statement(quantity("+8000")), unknown_precision="unbounded")
        assert claim.value == Range.unbounded()

    def test_an_unknown_reading_of_absent_bounds_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="unknown_precision: expected 'digits'"):
            read_statements([], quantity="q", unknown_precision="exact")  # type: ignore[arg-type]

    def test_percent_is_read_as_a_share(self) -> None:
        claim = read_one(statement(quantity("+50", "+45", "+55", PERCENT)), kind="proportion")
        assert claim.value == Range.closed("0.45", "0.55", kind="proportion")

    def test_an_amount_keeps_its_unit_item(self) -> None:
        imported = read_statements(
            [statement(quantity("+3.5", "+3", "+4", METRE))], quantity="length", kind="amount"
        )
        assert imported.claims[0].value == Range.closed(3, 4, kind="amount", unit=METRE)
        assert imported.quantity == Quantity("length", "amount", METRE)

    def test_an_amount_in_unit_one_has_no_unit(self) -> None:
        claim = read_one(statement(quantity("+3", "+3", "+3")), kind="amount")
        assert claim.value == Range.exact(3, kind="amount")

    def test_a_declared_quantity_gives_the_kind(self) -> None:
        declared = Quantity("share", "proportion")
        imported = read_statements([statement(quantity("+0.5", "+0.5", "+0.5"))], quantity=declared)
        assert imported.claims[0].value == Range.exact("0.5", kind="proportion")
        assert imported.quantity is declared

    def test_every_statement_must_share_the_unit(self) -> None:
        statements = [statement(quantity("+1", unit=METRE)), statement(quantity("+1"))]
        with pytest.raises(ValidationError, match=r"statement #2: unit: expected '.*Q11573'"):
            read_statements(statements, quantity="length", kind="amount")

    @pytest.mark.parametrize(
        ("unit", "kind", "message"),
        [
            (METRE, "count", "a count takes unit '1', got"),
            (METRE, "proportion", "a proportion takes unit '1' or percent"),
            ("metre", "amount", "unit: expected '1' or an item URI"),
            (None, "count", "unit: expected '1' or an item URI"),
        ],
    )
    def test_units_that_do_not_fit_are_refused(self, unit: str, kind: str, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            read_one(statement(quantity("+1", unit=unit)), kind=kind)

    @pytest.mark.parametrize("amount", ["8000", "+8,000", "+1e3", "+.5", "", None, 8000, "+ 8"])
    def test_amounts_must_be_decimal_strings(self, amount: object) -> None:
        st = statement(quantity("+1"))
        st["mainsnak"]["datavalue"]["value"]["amount"] = amount
        if amount == "8000":  # an unsigned amount is lenient-read
            assert read_one(st).value == Range.closed(7500, 8500)
            return
        with pytest.raises(ValidationError, match="amount: expected a decimal string"):
            read_one(st)

    def test_bounds_come_together(self) -> None:
        with pytest.raises(ValidationError, match="lowerBound and upperBound: expected both"):
            read_one(statement(quantity("+5", lower="+4")))

    def test_bounds_must_be_decimals(self) -> None:
        with pytest.raises(ValidationError, match="upperBound: expected a decimal string"):
            read_one(statement(quantity("+5", "+4", "six")))
        with pytest.raises(ValidationError, match="lowerBound: expected a decimal string"):
            read_one(statement(quantity("+5", "four", "+6")))

    def test_the_amount_lies_within_its_bounds(self) -> None:
        with pytest.raises(ValidationError, match=r"expected lowerBound <= amount <= upperBound"):
            read_one(statement(quantity("+9", "+4", "+6")))

    def test_bounds_must_fit_the_kind(self) -> None:
        with pytest.raises(ValidationError, match=r"amount: lower \(-2\) of a count range"):
            read_one(statement(quantity("+0", "-2", "+2")))

    @pytest.mark.parametrize(
        ("amount", "lower", "upper", "phrase"),
        [
            ("+8000", "+7500", "+8600", "8000 [7500, 8600]"),
            ("+0.50", "+0.45", "+0.55", "0.50±0.05"),
            ("+0.5", "+0.45", "+0.55", "0.5±0.05"),
            ("+8000", "+7500.0", "+8500.0", "8000±500.0"),
            ("+8000.0", "+7500", "+8500", "8000.0 [7500, 8500]"),
            ("-3", "-5", "-1", "-3±2"),
        ],
    )
    def test_the_phrase_writes_the_quantity_as_given(
        self, amount: str, lower: str, upper: str, phrase: str
    ) -> None:
        st = statement(quantity(amount, lower, upper))
        claim = read_one(st, kind="amount")
        assert claim.phrase == phrase
        assert value_of(claim_statement(claim)) == st["mainsnak"]["datavalue"]["value"]


class TestReadingSnaks:
    @pytest.mark.parametrize("snaktype", ["somevalue", "novalue"])
    def test_statements_without_a_number_are_skipped_with_a_reason(self, snaktype: str) -> None:
        imported = read_statements([statement(nothing("P1114", snaktype))], quantity="q")
        assert imported.claims == ()
        assert imported.skipped == (("q.1", f"{snaktype}: the statement gives no number to read"),)
        assert imported.quantity == Quantity("q")

    def test_an_unknown_snaktype_is_refused(self) -> None:
        with pytest.raises(ValidationError, match=r"mainsnak.snaktype: expected value, somevalue"):
            read_one(statement(nothing("P1114", "maybe")))

    def test_the_mainsnak_must_be_a_quantity(self) -> None:
        st = statement(url("P1114", "https://example.org"))
        with pytest.raises(
            ValidationError, match=r"datavalue.type: expected 'quantity', got 'string'"
        ):
            read_one(st)

    @pytest.mark.parametrize(
        ("st", "message"),
        [
            ("a statement", "statement #1: statement: expected an object"),
            ({"type": "statement"}, "mainsnak: expected an object, got None"),
            ({"mainsnak": {"snaktype": "value"}}, "mainsnak.datavalue: expected an object"),
            (statement(quantity("+1"), rank="best"), "rank: expected one of preferred"),
            ({**statement(quantity("+1")), "qualifiers": []}, "qualifiers: expected an object"),
            (
                {**statement(quantity("+1")), "qualifiers": {"P580": {}}},
                "qualifiers.P580: expected a list",
            ),
            ({**statement(quantity("+1")), "references": {}}, "references: expected a list"),
            (
                {**statement(quantity("+1")), "references": [[]]},
                r"references\[0\]: expected an object",
            ),
        ],
    )
    def test_malformed_statements_name_the_field(self, st: object, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            read_statements([st], quantity="q")  # type: ignore[list-item]

    def test_the_statement_id_names_the_statement_in_errors(self) -> None:
        st = statement(quantity("x"), id="Q1$ABC")
        with pytest.raises(ValidationError, match=r"statement 'Q1\$ABC': amount"):
            read_one(st)

    def test_statements_must_be_a_list(self) -> None:
        with pytest.raises(ValidationError, match="statements: expected a list of statements"):
            read_statements(REAL_SHAPED, quantity="q")  # type: ignore[arg-type]

    def test_odd_statement_ids_are_kept_in_the_notes(self) -> None:
        claim = read_one(statement(quantity("+1"), id="custom-id"))
        assert (claim.id, claim.notes) == ("q.1", "Wikidata statement custom-id")

    def test_lexeme_statement_ids_map_too(self) -> None:
        claim = read_one(statement(quantity("+1"), id="L7-S1$0A-1B"))
        assert claim.id == "L7-S1.0A-1B"
        assert claim_statement(claim).statement["id"] == "L7-S1$0A-1B"


class TestReadingTime:
    @pytest.mark.parametrize(
        ("when", "precision", "span"),
        [
            ("+2025-00-00T00:00:00Z", 9, Span("2025-01-01", "2026-01-01")),
            ("+2025-02-00T00:00:00Z", 10, Span("2025-02-01", "2025-03-01")),
            ("+2025-02-04T00:00:00Z", 11, Span.day("2025-02-04")),
            ("+2025-02-04T13:45:00Z", 13, Span.day("2025-02-04")),
        ],
    )
    def test_point_in_time_is_its_whole_unit(self, when: str, precision: int, span: Span) -> None:
        claim = read_one(statement(quantity("+1"), [time("P585", when, precision)]))
        assert claim.period == span

    def test_start_and_end_take_the_widest_period(self) -> None:
        st = statement(
            quantity("+1"),
            [
                time("P580", "+2025-01-00T00:00:00Z", 10),
                time("P582", "+2025-00-00T00:00:00Z", 9),
            ],
        )
        assert read_one(st).period == Span("2025-01-01", "2026-01-01")

    @pytest.mark.parametrize("snaktype", ["somevalue", "novalue"])
    def test_unknown_ends_are_open(self, snaktype: str) -> None:
        st = statement(
            quantity("+1"), [time("P580", "+2025-01-15T00:00:00Z"), nothing("P582", snaktype)]
        )
        assert read_one(st).period == Span.since("2025-01-15")
        st = statement(quantity("+1"), [nothing("P585", snaktype)])
        assert read_one(st).period == Span.always()

    def test_only_an_end(self) -> None:
        st = statement(quantity("+1"), [time("P582", "+2025-02-04T00:00:00Z")])
        assert read_one(st).period == Span.until("2025-02-05")

    @pytest.mark.parametrize(
        ("qualifiers", "message"),
        [
            (
                [time("P585", "+2025-02-04T00:00:00Z"), time("P580", "+2025-01-01T00:00:00Z")],
                "expected P585 .* or P580/P582 .*, not both",
            ),
            (
                [time("P585", "+2025-02-04T00:00:00Z"), time("P585", "+2025-02-05T00:00:00Z")],
                "qualifiers.P585: expected one value, got 2",
            ),
            ([time("P585", "+2020-00-00T00:00:00Z", 8)], r"precision: expected 9 \(year\)"),
            ([time("P585", "+2020-00-00T00:00:00Z", "11")], "precision: expected 9"),
            (
                [time("P585", "+2025-02-04T00:00:00Z", calendarmodel=ENTITY + "Q1985786")],
                "calendarmodel: expected the Gregorian calendar",
            ),
            ([time("P585", "-0044-03-15T00:00:00Z")], "in the years 1 to 9999"),
            ([time("P585", "+0000-01-01T00:00:00Z")], "in the years 1 to 9999"),
            ([time("P585", "+12025-01-01T00:00:00Z")], "in the years 1 to 9999"),
            ([time("P585", "2025-02-04")], "time: expected a time such as"),
            ([time("P585", 20250204)], "time: expected a time such as"),
            ([time("P585", "+2025-02-30T00:00:00Z")], "is no date: day is out of range"),
            ([time("P585", "+2025-13-00T00:00:00Z", 10)], "is no date: month must be in"),
            (
                [time("P580", "+2025-02-04T00:00:00Z"), time("P582", "+2025-01-04T00:00:00Z")],
                r"qualifiers: end \(2025-01-05\) must be after start",
            ),
            ([item("P585", "Q1")], "datavalue.type: expected 'time'"),
            (
                [
                    {
                        "snaktype": "value",
                        "property": "P585",
                        "datavalue": {"type": "time", "value": 1},
                    }
                ],
                "P585.value: expected an object",
            ),
        ],
    )
    def test_bad_times_name_the_field(self, qualifiers: list[dict[str, Any]], message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            read_one(statement(quantity("+1"), qualifiers))

    def test_unread_qualifiers_are_noted(self) -> None:
        st = statement(quantity("+1"), [item("P1480", "Q5727902"), url("P2699", "https://x.org")])
        assert read_one(st).notes == "unread qualifiers P1480, P2699"


class TestReadingReferences:
    def test_later_references_relay_the_first(self) -> None:
        st = statement(
            quantity("+1"),
            references=[
                [item("P248", "Q1"), text("P1683", "about one")],
                [item("P248", "Q2"), item("P248", "Q1"), text("P1476", "A report")],
                [item("P248", "Q3"), text("P1683", "a second quote")],
            ],
        )
        claim = read_one(st)
        assert claim.source == Attribution("Q1", reported_by=("Q2", "Q3"))
        assert claim.phrase == "about one"
        assert claim.citation == "A report"

    def test_a_url_is_preferred_to_a_title_in_one_reference(self) -> None:
        st = statement(
            quantity("+1"),
            references=[[text("P1476", "A report"), url("P854", "https://example.org/a")]],
        )
        assert read_one(st).citation == "https://example.org/a"

    def test_an_item_given_by_number_only(self) -> None:
        snak = item("P248", "Q42")
        del snak["datavalue"]["value"]["id"]
        claim = read_one(statement(quantity("+1"), references=[[snak]]))
        assert claim.source == Attribution("Q42")

    @pytest.mark.parametrize(
        "value",
        [{"entity-type": "item", "id": "P31"}, {"entity-type": "item"}, "Q1", {"numeric-id": "7"}],
    )
    def test_bad_items_are_refused(self, value: object) -> None:
        snak = item("P248", "Q1")
        snak["datavalue"]["value"] = value
        with pytest.raises(ValidationError, match=r"references\[0\]\.P248: expected an"):
            read_one(statement(quantity("+1"), references=[[snak]]))

    def test_a_text_that_is_not_text_is_refused(self) -> None:
        snak = text("P1683", "x")
        snak["datavalue"]["value"]["text"] = 5
        with pytest.raises(ValidationError, match="P1683: expected text, got 5"):
            read_one(statement(quantity("+1"), references=[[snak]]))

    def test_snaks_without_values_are_passed_over(self) -> None:
        st = statement(
            quantity("+1"),
            references=[
                [
                    nothing("P248"),
                    nothing("P1683"),
                    nothing("P854"),
                    nothing("P577"),
                    nothing("P813", "novalue"),
                ]
            ],
        )
        claim = read_one(st)
        assert (claim.source, claim.phrase, claim.citation, claim.said_on) == (None, "1", "", None)

    def test_publication_day_is_said_on(self) -> None:
        st = statement(
            quantity("+1"),
            references=[
                [time("P577", "+2025-02-04T00:00:00Z")],
                [time("P577", "+2025-02-09T00:00:00Z")],
            ],
        )
        assert read_one(st).said_on == dt.date(2025, 2, 4)

    @pytest.mark.parametrize(
        ("when", "precision", "shown"),
        [("+2025-02-00T00:00:00Z", 10, "2025-02"), ("+2025-00-00T00:00:00Z", 9, "2025")],
    )
    def test_a_coarse_publication_date_is_noted_not_guessed(
        self, when: str, precision: int, shown: str
    ) -> None:
        claim = read_one(statement(quantity("+1"), references=[[time("P577", when, precision)]]))
        assert claim.said_on is None
        assert claim.notes == f"publication date {shown} is not a day: not read as said_on"

    def test_retrieval_dates_and_unread_properties_are_noted(self) -> None:
        st = statement(
            quantity("+1"),
            references=[[time("P813", "+2025-02-06T00:00:00Z"), url("P4656", "https://w.org")]],
        )
        assert read_one(st).notes == "unread reference properties P4656; retrieved 2025-02-06"

    def test_references_must_hold_snaks(self) -> None:
        st = statement(quantity("+1"))
        st["references"] = [{"snaks": []}]
        with pytest.raises(ValidationError, match=r"references\[0\]: snaks: expected an object"):
            read_one(st)


class TestWritingValues:
    def export(self, value: Range | FractionOf, **kwargs: Any) -> WikidataExport:
        return claim_statement(Claim("c", "q", value, **kwargs))

    def test_a_closed_range_gives_its_midpoint_and_bounds(self) -> None:
        out = self.export(Range.closed(3001, 4000))
        assert value_of(out) == {
            "amount": "+3500.5",
            "unit": "1",
            "upperBound": "+4000",
            "lowerBound": "+3001",
        }
        assert out.warnings == ()

    def test_a_negative_amount(self) -> None:
        out = self.export(Range.closed("-2.5", "-0.5", kind="amount"))
        assert value_of(out)["amount"] == "-1.5"
        assert value_of(out)["lowerBound"] == "-2.5"

    def test_a_proportion_is_written_in_percent(self) -> None:
        out = self.export(Range.at_most("0.5", kind="proportion"))
        assert value_of(out) == {
            "amount": "+25",
            "unit": PERCENT,
            "upperBound": "+50",
            "lowerBound": "+0",
        }

    def test_units_are_written_as_item_uris(self) -> None:
        for unit in (METRE, "Q11573"):
            out = self.export(Range.closed(1, 2, kind="amount", unit=unit))
            assert value_of(out)["unit"] == METRE

    def test_a_unit_without_an_item_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="claim 'c': unit: expected None, an item id"):
            self.export(Range.closed(1, 2, kind="amount", unit="km"))

    def test_numbers_without_a_finite_decimal_are_rounded_outward(self) -> None:
        out = self.export(Range.closed(Fraction(1, 3), Fraction(2, 3), kind="amount"))
        assert value_of(out) == {
            "amount": "+0.5",
            "unit": "1",
            "upperBound": "+0.666667",
            "lowerBound": "+0.333333",
        }
        assert out.warnings == (
            "claim 'c': lower end 1/3 has no finite decimal form: written as 0.333333 (rounded down)",
            "claim 'c': upper end 2/3 has no finite decimal form: written as 0.666667 (rounded up)",
        )

    def test_rounding_shows_percent_for_proportions(self) -> None:
        out = self.export(Range.closed(Fraction(1, 3), Fraction(1, 2), kind="proportion"))
        assert value_of(out)["lowerBound"] == "+33.333333"
        assert "lower end 100/3% has no finite decimal form" in out.warnings[0]

    def test_open_ends_become_closed_with_a_warning(self) -> None:
        out = self.export(Range.open(0, 1))
        assert value_of(out) == {
            "amount": "+0.5",
            "unit": "1",
            "upperBound": "+1",
            "lowerBound": "+0",
        }
        assert out.warnings == (
            "claim 'c': open lower end 0 of (0, 1) written as a closed bound (Wikibase bounds "
            "include their ends)",
            "claim 'c': open upper end 1 of (0, 1) written as a closed bound (Wikibase bounds "
            "include their ends)",
        )

    @pytest.mark.parametrize(
        ("value", "amount", "words"),
        [
            (Range.at_least(3001), "+3001", "at least 3,001"),
            (Range.more_than(3000, kind="amount"), "+3000", "more than 3,000"),
            (Range.at_most(-5, kind="amount"), "-5", "at most -5"),
            (Range.less_than(Fraction(1, 3), kind="amount"), "+0.333334", "less than 1/3"),
        ],
    )
    def test_one_sided_ranges_give_their_end_and_say_so(
        self, value: Range, amount: str, words: str
    ) -> None:
        out = self.export(value)
        assert value_of(out) == {"amount": amount, "unit": "1"}
        assert out.warnings[-1].endswith(f"read it as {words}")
        assert "bounded on one side only, which Wikibase cannot express" in out.warnings[-1]

    def test_an_unbounded_amount_is_an_unknown_value(self) -> None:
        out = self.export(Range.unbounded(kind="amount"))
        assert out.statement["mainsnak"] == {
            "snaktype": "somevalue",
            "property": "P1114",
            "datatype": "quantity",
        }
        assert out.warnings == (
            "claim 'c': (-inf, inf) has no finite end: written as an unknown value (somevalue)",
        )

    def test_a_share_of_another_quantity_is_an_unknown_value(self) -> None:
        out = self.export(FractionOf(Range.at_most("0.5", kind="proportion"), "deployed"))
        assert out.statement["mainsnak"]["snaktype"] == "somevalue"
        assert (
            "a share of another quantity, which a Wikibase quantity cannot hold" in out.warnings[0]
        )

    def test_a_literal_phrase_gives_the_amount_back(self) -> None:
        out = self.export(Range.closed(7500, 8600), phrase="8000 [7500, 8600]")
        assert value_of(out)["amount"] == "+8000"
        assert "references" not in out.statement

    def test_a_literal_without_bounds_is_written_without_bounds(self) -> None:
        out = self.export(Range.closed(7500, 8500), phrase="8000")
        assert value_of(out) == {"amount": "+8000", "unit": "1"}

    def test_a_literal_that_disagrees_with_the_value_is_a_quotation(self) -> None:
        out = self.export(Range.closed(1, 3), phrase="8000±500")
        assert value_of(out)["amount"] == "+2"
        assert out.statement["references"][0]["snaks"]["P1683"] == [text("P1683", "8000±500")]

    def test_a_literal_that_cannot_be_read_is_a_quotation(self) -> None:
        out = self.export(Range.closed(1, 3), phrase="5 [9, 1]")
        assert out.statement["references"][0]["snaks"]["P1683"][0]["datavalue"]["value"] == {
            "text": "5 [9, 1]",
            "language": "en",
        }

    def test_a_percent_literal(self) -> None:
        out = self.export(Range.closed("0.45", "0.55", kind="proportion"), phrase="50±5")
        assert value_of(out) == {
            "amount": "+50",
            "unit": PERCENT,
            "upperBound": "+55",
            "lowerBound": "+45",
        }


class TestWritingStatements:
    def test_periods_of_a_whole_unit_are_points_in_time(self) -> None:
        for span, precision, when in (
            (Span.day("2025-02-04"), 11, "+2025-02-04T00:00:00Z"),
            (Span.month(2025, 2), 10, "+2025-02-00T00:00:00Z"),
            (Span.year(2025), 9, "+2025-00-00T00:00:00Z"),
        ):
            out = claim_statement(Claim("c", "q", Range.exact(1), period=span))
            assert out.statement["qualifiers"] == {"P585": [time("P585", when, precision)]}
            assert out.statement["qualifiers-order"] == ["P585"]
            assert read_one(out.statement).period == span

    def test_other_periods_are_start_and_end_days(self) -> None:
        out = claim_statement(
            Claim("c", "q", Range.exact(1), period=Span("2025-01-15", "2025-02-05"))
        )
        assert out.statement["qualifiers"] == {
            "P580": [time("P580", "+2025-01-15T00:00:00Z")],
            "P582": [time("P582", "+2025-02-04T00:00:00Z")],
        }

    def test_open_periods_leave_out_the_open_end(self) -> None:
        since = claim_statement(Claim("c", "q", Range.exact(1), period=Span.since("2025-01-01")))
        assert set(since.statement["qualifiers"]) == {"P580"}
        until = claim_statement(Claim("c", "q", Range.exact(1), period=Span.until("2025-01-01")))
        assert set(until.statement["qualifiers"]) == {"P582"}
        always = claim_statement(Claim("c", "q", Range.exact(1)))
        assert "qualifiers" not in always.statement

    def test_references_follow_the_chain(self) -> None:
        claim = Claim(
            "nyt",
            "in_combat",
            Range.exact(0),
            source=Attribution("nyt", citing=("officials",), reported_by=("twz", "ajp")),
            said_on="2025-01-31",
            phrase="had retreated",
            citation="https://example.org/ajp",
        )
        out = claim_statement(
            claim, items={"nyt": "Q9684", "ajp": "Q1"}, retrieved=dt.date(2025, 2, 6), language="de"
        )
        first, last = out.statement["references"]
        assert first["snaks-order"] == ["P248", "P1683", "P577"]
        assert first["snaks"]["P1683"][0]["datavalue"]["value"]["language"] == "de"
        assert last["snaks-order"] == ["P248", "P854", "P813"]
        assert out.warnings == (
            "claim 'nyt': cites officials; a Wikidata reference cannot say whom a source cited",
            "claim 'nyt': no Wikidata item for source twz (pass items=...): not written as "
            "stated in (P248)",
        )
        back = read_one(out.statement, sources={"Q9684": NYT, "Q1": Source("ajp", "AJP")})
        assert back.source == Attribution("nyt", reported_by=("ajp",))
        assert (back.said_on, back.phrase, back.citation) == (
            claim.said_on,
            claim.phrase,
            claim.citation,
        )
        assert back.notes == "retrieved 2025-02-06"

    def test_a_claim_with_nothing_to_cite_has_no_references(self) -> None:
        out = claim_statement(Claim("c", "q", Range.exact(1), phrase="1"))
        assert "references" not in out.statement

    def test_a_title_citation(self) -> None:
        out = claim_statement(Claim("c", "q", Range.exact(1), citation="AJP, 5 February 2025"))
        assert out.statement["references"] == [
            {"snaks": {"P1476": [text("P1476", "AJP, 5 February 2025")]}, "snaks-order": ["P1476"]}
        ]

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"property": "quantity"}, "property: expected a property id such as 'P1114'"),
            ({"property": 1114}, "property: expected a property id"),
            ({"rank": "best"}, "rank: expected one of preferred, normal, deprecated"),
            ({"reason": "Q1"}, "reason: expected an item id .* with rank 'deprecated'"),
            ({"rank": "deprecated", "reason": "wrong"}, "reason: expected an item id"),
            ({"items": {"nyt": "9684"}}, r"items\['nyt'\]: expected an item id such as 'Q9684'"),
            ({"items": {"nyt": None}}, r"items\['nyt'\]: expected an item id"),
            ({"retrieved": "Feb 6"}, "retrieved: expected an ISO date"),
        ],
    )
    def test_bad_arguments_are_refused(self, kwargs: dict[str, Any], message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            claim_statement(Claim("c", "q", Range.exact(1)), **kwargs)

    def test_another_property(self) -> None:
        out = claim_statement(Claim("c", "q", Range.exact(1)), property="P1120")
        assert out.statement["mainsnak"]["property"] == "P1120"

    def test_exports_compare_by_value(self) -> None:
        claim = Claim("c", "q", Range.exact(1))
        assert claim_statement(claim) == claim_statement(claim)


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


class TestSegments:
    def test_a_derived_bound_cites_the_claims_it_rests_on(self, seed: ClaimSet) -> None:
        seg = claimrec.reconcile(seed).segment("deployed", "2025-02-04")
        out = segment_statement(seg, seed, items={"nyt": "Q9684"}, retrieved="2025-02-06")
        assert value_of(out) == {"amount": "+10501", "unit": "1"}
        quotes = [
            r["snaks"]["P1683"][0]["datavalue"]["value"]["text"]
            for r in out.statement["references"]
        ]
        assert quotes == ["about 8,000", "more than 3,000"]
        assert out.statement["qualifiers"] == {"P585": [time("P585", "+2025-02-04T00:00:00Z")]}
        assert any(
            "derived through c2 (in_combat + casualties <= deployed)" in w for w in out.warnings
        )
        assert out.statement["rank"] == "normal"

    def test_a_conflict_without_an_interval_is_an_unknown_value_citing_all(
        self, seed: ClaimSet
    ) -> None:
        seg = claimrec.reconcile(seed)["in_combat"][1]
        out = segment_statement(seg, seed)
        assert out.statement["mainsnak"]["snaktype"] == "somevalue"
        assert len(out.statement["references"]) == 3
        assert out.warnings[0] == (
            "in_combat 2025-01-21 .. 2025-02-01: status conflict, no interval: written as an "
            "unknown value (somevalue) citing every claim weighed; the claims span [0, 8,500]; "
            "they conflict: {budanov, nis_combat}; {budanov, nyt}"
        )

    def test_a_policy_choice_says_what_it_set_aside(self, seed: ClaimSet) -> None:
        seg = claimrec.reconcile(seed, policy="most_reliable")["in_combat"][1]
        out = segment_statement(seg, seed)
        assert value_of(out) == {
            "amount": "+0",
            "unit": "1",
            "upperBound": "+0",
            "lowerBound": "+0",
        }
        assert len(out.statement["references"]) == 2
        assert any("interval is a policy's choice" in w for w in out.warnings)
        assert any(
            w.startswith("in_combat 2025-01-21 .. 2025-02-01: budanov was set aside")
            for w in out.warnings
        )

    def test_an_unknown_segment(self) -> None:
        seg = Segment("q", None, None, "unknown", None, None)
        out = segment_statement(seg, ClaimSet(quantities=[Quantity("q")]))
        assert out.statement == {
            "mainsnak": {"snaktype": "somevalue", "property": "P1114", "datatype": "quantity"},
            "type": "statement",
            "rank": "normal",
        }
        assert out.warnings == (
            "q all time: status unknown, no interval: written as an unknown value (somevalue) "
            "citing every claim weighed",
        )

    def test_a_report_gives_every_segment_with_claims(self, seed: ClaimSet) -> None:
        report = claimrec.reconcile(seed)
        out = report_statements(report, seed, properties={"casualties": "P1339"})
        assert set(out) == {"casualties", "deployed", "in_combat"}
        assert all(e.statement["mainsnak"]["property"] == "P1339" for e in out["casualties"])
        assert all(e.statement["mainsnak"]["property"] == "P1114" for e in out["deployed"])
        unknown_cs = ClaimSet(
            quantities=[Quantity("q")],
            claims=[Claim("c", "q", Range.exact(1), period=Span.day("2025-01-01"))],
        )
        assert len(report_statements(claimrec.reconcile(unknown_cs), unknown_cs)["q"]) == 1


class TestImportResult:
    def test_an_empty_import(self) -> None:
        imported = WikidataImport(Quantity("q"))
        assert imported.usable == ()
        assert imported.claimset() == ClaimSet(quantities=[Quantity("q")])

    def test_seed_claims_round_trip_where_wikidata_can_hold_them(self, seed: ClaimSet) -> None:
        items = {"nyt": "Q9684"}
        for claim in seed.claims:
            out = claim_statement(claim, items=items)
            imported = read_statements(
                [out.statement], quantity=seed.quantity(claim.quantity), sources={"Q9684": NYT}
            )
            if isinstance(claim.value, FractionOf):
                assert imported.claims == ()
                continue
            (back,) = imported.claims
            assert back.period == claim.period
            assert back.said_on == claim.said_on
            assert back.phrase == claim.phrase
            if claim.value.is_bounded:
                assert back.value == claim.value
            else:
                assert any("bounded on one side only" in w for w in out.warnings)
            assert attrs.evolve(back, id=claim.id).citation == claim.citation


def _examples_module() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "docs" / "examples" / "generate.py"
    spec = importlib.util.spec_from_file_location("claimrec_examples", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_wikidata_example_equals_a_fresh_export() -> None:
    examples = _examples_module()
    for name, text in examples.wikidata_export().items():
        committed = (examples.HERE / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/examples/{name} is stale: run docs/examples/generate.py"
