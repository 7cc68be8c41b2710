"""Claim files: claimrec.io."""

from __future__ import annotations

import json
import tomllib
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import claimrec
from claimrec import io
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity
from claimrec.errors import ClaimFileError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.spans import Span

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
HALF = Range.at_most("0.5", kind="proportion")


def claim_file(*claims: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A claim file with one count quantity 'q', two sources, and the given claims."""
    data: dict[str, Any] = {
        "format": "claimrec/1",
        "quantities": [{"name": "q"}, {"name": "base"}],
        "sources": [{"id": "nis", "name": "NIS"}, {"id": "ajp", "name": "AJP"}],
        "claims": list(claims),
    }
    data.update(top)
    return data


def one_claim(**fields: Any) -> dict[str, Any]:
    claim = {"id": "c", "quantity": "q", "value": {"lower": 1, "upper": 2}}
    claim.update(fields)
    return claim_file(claim)


def file_error(data: object, path: str | None = "claims.json") -> ClaimFileError:
    with pytest.raises(ClaimFileError) as info:
        io.from_dict(data, path=path)
    return info.value


def small_set() -> ClaimSet:
    return ClaimSet(
        quantities=[
            Quantity("casualties", cumulative=True, description="killed or injured"),
            Quantity("deployed", cumulative=True),
            Quantity("dist", kind="amount", unit="km"),
        ],
        sources=[
            Source("hur", "HUR", kind="intelligence_service", grade="B"),
            Source("budanov", "Budanov", kind="person", grade="B", speaks_for="hur"),
            Source("ajp", "AJP — Seoul", kind="news_outlet", grade="C", notes="seed"),
        ],
        claims=[
            Claim(
                "nis_losses",
                "casualties",
                Range.more_than(3000),
                source=Attribution("budanov", citing=("hur",), reported_by=("ajp",)),
                said_on="2025-02-03",
                period=Span("2025-02-03", "2025-02-04"),
                credibility=2,
                evidence="observation",
                phrase="more than 3,000",
                citation="AJP",
                notes='a "quoted" note\non two lines',
            ),
            Claim(
                "jones", "casualties", FractionOf(HALF, "deployed"), period=Span.since("2025-02-04")
            ),
            Claim("d", "dist", Range.closed("2.5", Fraction(10, 3), kind="amount", unit="km")),
        ],
        constraints=[
            Constraint.parse("c1", "casualties <= deployed", reason="among those sent"),
            Constraint.ratio("r1", "casualties", HALF, "deployed"),
        ],
    )


class TestRangeToJson:
    def test_count(self) -> None:
        assert io.range_to_json(Range.more_than(3000)) == {
            "lower": 3001,
            "upper": None,
            "lower_closed": True,
            "upper_closed": False,
            "kind": "count",
            "unit": None,
        }

    def test_fractions_are_p_q_strings(self) -> None:
        data = io.range_to_json(Range.open("0.5", Fraction(7, 3), unit="km"))
        assert (data["lower"], data["upper"], data["unit"]) == ("1/2", "7/3", "km")


class TestToDict:
    def test_structure(self) -> None:
        data = io.to_dict(small_set())
        assert data["format"] == "claimrec/1"
        assert data["quantities"][0] == {
            "name": "casualties",
            "kind": "count",
            "unit": None,
            "cumulative": True,
            "description": "killed or injured",
        }
        assert data["sources"][1] == {
            "id": "budanov",
            "name": "Budanov",
            "kind": "person",
            "grade": "B",
            "speaks_for": "hur",
            "notes": "",
        }
        claim = data["claims"][0]
        assert claim["source"] == {"said_by": "budanov", "citing": ["hur"], "reported_by": ["ajp"]}
        assert claim["said_on"] == "2025-02-03"
        assert claim["period"] == {"start": "2025-02-03", "end": "2025-02-04"}
        assert (claim["credibility"], claim["evidence"], claim["phrase"]) == (
            2,
            "observation",
            "more than 3,000",
        )

    def test_absent_fields_are_none(self) -> None:
        claim = io.to_dict(small_set())["claims"][1]
        assert claim["source"] is None
        assert claim["said_on"] is None
        assert claim["phrase"] is None
        assert claim["period"] == {"start": "2025-02-04", "end": None}

    def test_share_value(self) -> None:
        value = io.to_dict(small_set())["claims"][1]["value"]
        assert value == {"share": io.range_to_json(HALF), "of": "deployed"}

    def test_constraints(self) -> None:
        linear, ratio = io.to_dict(small_set())["constraints"]
        assert linear == {
            "id": "c1",
            "expr": "casualties <= deployed",
            "reason": "among those sent",
        }
        assert ratio == {
            "id": "r1",
            "ratio": {"quantity": "casualties", "share": io.range_to_json(HALF), "of": "deployed"},
            "reason": "",
        }


class TestDumps:
    def test_json_text(self) -> None:
        text = io.dumps(small_set())
        assert text.endswith("}\n")
        assert '\n  "quantities": [' in text
        assert "AJP — Seoul" in text
        assert json.loads(text) == io.to_dict(small_set())

    def test_toml_text(self) -> None:
        text = io.dumps(small_set(), format="toml")
        assert text.startswith('format = "claimrec/1"\n\n[[quantities]]\n')
        assert "cumulative = true" in text
        assert "cumulative = false" in text
        assert 'speaks_for = "hur"' in text
        assert "unit = " in text
        assert (
            'value = { lower = 3001, lower_closed = true, upper_closed = false, kind = "count" }'
            in text
        )
        assert "citing = " in text
        tomllib.loads(text)

    def test_toml_writes_an_open_period_as_an_empty_table(self) -> None:
        cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim("c", "q", Range.exact(1))])
        assert "period = {}" in io.dumps(cs, format="toml")

    def test_regression_toml_escapes_delete(self) -> None:
        # JSON leaves U+007F raw, which TOML forbids in strings.
        cs = ClaimSet(quantities=[Quantity("q", description="a\x7fb")])
        text = io.dumps(cs, format="toml")
        assert "\x7f" not in text
        assert io.loads(text, format="toml") == cs

    @pytest.mark.parametrize("format", ["json", "toml"])
    def test_round_trip(self, format: io.FileFormat) -> None:
        cs = small_set()
        assert io.loads(io.dumps(cs, format=format), format=format) == cs


class TestFiles:
    @pytest.mark.parametrize("name", ["claims.json", "claims.toml", "claims.txt"])
    def test_save_and_load(self, tmp_path: Path, name: str) -> None:
        path = tmp_path / name
        io.save(small_set(), path)
        assert claimrec.load(path) == small_set()
        assert claimrec.load(str(path)) == small_set()

    def test_save_picks_the_format_from_the_suffix(self, tmp_path: Path) -> None:
        io.save(small_set(), tmp_path / "a.toml")
        io.save(small_set(), tmp_path / "a.json")
        assert (tmp_path / "a.toml").read_text(encoding="utf-8").startswith("format = ")
        assert (tmp_path / "a.json").read_text(encoding="utf-8").startswith("{")

    def test_missing_file(self, tmp_path: Path) -> None:
        path = tmp_path / "nope.json"
        with pytest.raises(ClaimFileError, match=r"nope.json: cannot read the file: ") as info:
            io.load(path)
        assert info.value.path == str(path)

    def test_directory(self, tmp_path: Path) -> None:
        with pytest.raises(ClaimFileError, match=r"cannot read the file"):
            io.load(tmp_path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        path = tmp_path / "latin1.json"
        path.write_bytes(b'{"format": "claimrec/1", "quantities": [{"name": "\xe9"}]}')
        with pytest.raises(ClaimFileError, match=r"cannot read the file: 'utf-8' codec"):
            io.load(path)

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.toml"
        path.write_text('format = "claimrec/2"\n', encoding="utf-8")
        with pytest.raises(ClaimFileError) as info:
            io.load(path)
        assert str(info.value) == f"{path}: format: expected 'claimrec/1', got 'claimrec/2'"
        assert (info.value.path, info.value.item, info.value.field) == (str(path), None, "format")


class TestSeed:
    def test_seed_loads(self) -> None:
        cs = claimrec.load(SEED)
        assert [c.id for c in cs.claims] == [
            "budanov",
            "nyt",
            "nis_combat",
            "nis_losses",
            "jones",
            "deployed_believed",
        ]
        assert cs.claim("nis_losses").value == Range.more_than(3000)
        assert cs.claim("jones").value == FractionOf(HALF, "deployed")
        assert cs.origin(cs.claim("budanov")) == "hur"
        assert [str(c) for c in cs.constraints] == [
            "casualties <= deployed",
            "in_combat + casualties <= deployed",
        ]

    @pytest.mark.parametrize("format", ["json", "toml"])
    def test_seed_round_trips(self, format: io.FileFormat) -> None:
        cs = claimrec.load(SEED)
        assert io.loads(io.dumps(cs, format=format), format=format) == cs


class TestSchema:
    def validator(self) -> jsonschema.Draft202012Validator:
        schema = io.schema()
        jsonschema.Draft202012Validator.check_schema(schema)
        return jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )

    def test_schema_names_the_format(self) -> None:
        assert io.schema()["properties"]["format"]["const"] == io.FORMAT == "claimrec/1"

    def test_seed_file_is_valid(self) -> None:
        self.validator().validate(json.loads(SEED.read_text(encoding="utf-8")))

    def test_regression_integer_ends_are_valid(self) -> None:
        # "number" was a oneOf of integer and number, which every integer matches twice.
        self.validator().validate(io.to_dict(small_set()))

    def test_schema_refuses_what_the_loader_refuses(self) -> None:
        validator = self.validator()
        for bad in (
            one_claim(valeu=3),
            one_claim(credibility=7),
            one_claim(evidence="rumour"),
            one_claim(said_on="4 Feb 2025"),
            claim_file(format="claimrec/2"),
            claim_file(extra=[]),
        ):
            assert not validator.is_valid(bad), bad
            with pytest.raises(ClaimFileError):
                io.from_dict(bad)


class TestFromDict:
    def test_minimal_file(self) -> None:
        assert io.from_dict({"format": "claimrec/1"}) == ClaimSet()

    def test_defaults(self) -> None:
        cs = io.from_dict(one_claim())
        assert cs.sources[0] == Source("nis", "NIS")
        assert cs.claim("c") == Claim("c", "q", Range.closed(1, 2))

    def test_source_name_defaults_to_its_id(self) -> None:
        cs = io.from_dict(claim_file(sources=[{"id": "nis"}]))
        assert cs.sources[0].name == "nis"

    def test_range_kind_and_unit_come_from_the_quantity(self) -> None:
        data = claim_file(
            {"id": "c", "quantity": "d", "value": {"lower": "2.5", "upper_closed": False}},
            quantities=[{"name": "d", "kind": "amount", "unit": "km"}],
        )
        value = io.from_dict(data).claim("c").value
        assert value == Range.at_least("2.5", kind="amount", unit="km")

    def test_share_value(self) -> None:
        data = one_claim(value={"share": {"upper": "1/2"}, "of": "base"})
        assert io.from_dict(data).claim("c").value == FractionOf(HALF, "base")

    def test_attribution_forms(self) -> None:
        assert io.from_dict(one_claim(source="nis")).claim("c").source == Attribution("nis")
        full = {"said_by": "nis", "citing": ["ajp"], "reported_by": ["ajp"]}
        assert io.from_dict(one_claim(source=full)).claim("c").source == Attribution(
            "nis", ("ajp",), ("ajp",)
        )
        assert io.from_dict(one_claim(source={"said_by": "nis"})).claim("c").source == Attribution(
            "nis"
        )
        assert io.from_dict(one_claim(source=None)).claim("c").source is None

    def test_period_forms(self) -> None:
        period = {"start": "2025-01-15", "end": None}
        assert io.from_dict(one_claim(period=period)).claim("c").period == Span.since("2025-01-15")
        assert io.from_dict(one_claim(period={})).claim("c").period == Span()
        assert io.from_dict(one_claim(period=None)).claim("c").period == Span()

    def test_constraint_forms(self) -> None:
        data = claim_file(
            constraints=[
                {"id": "k1", "expr": "q <= 2*base", "reason": "why"},
                {"id": "k2", "ratio": {"quantity": "q", "share": {"upper": "1/2"}, "of": "base"}},
            ]
        )
        k1, k2 = io.from_dict(data).constraints
        assert k1 == Constraint.parse("k1", "q <= 2*base", reason="why")
        assert k2 == Constraint.ratio("k2", "q", HALF, "base")

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "claims.json: expected a claim-file object, got list"),
            ({}, "claims.json: format: expected 'claimrec/1', got None"),
            (
                {"format": "claimrec/1", "claim": []},
                "claims.json: unknown top-level field(s) ['claim']; expected format, quantities, "
                "sources, claims, constraints",
            ),
            (
                {"format": "claimrec/1", "claims": {}},
                "claims.json: claims: expected an array, got dict",
            ),
            (
                {"format": "claimrec/1", "quantities": ["q"]},
                "claims.json: quantity: expected an object, got 'q'",
            ),
            (
                {"format": "claimrec/1", "quantities": [{"kind": "count"}]},
                "claims.json: quantity: name: expected a string, got None",
            ),
        ],
    )
    def test_file_level_errors(self, data: object, message: str) -> None:
        assert str(file_error(data)) == message

    def test_no_path(self) -> None:
        assert str(file_error([], path=None)) == "<claims>: expected a claim-file object, got list"

    def test_error_attributes(self) -> None:
        err = file_error(one_claim(credibility="high"))
        assert str(err) == "claims.json: claim 'c': credibility: expected int, got 'high'"
        assert (err.path, err.item, err.field) == ("claims.json", "claim 'c'", "credibility")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"valeu": 3},
                "claim 'c': unknown field(s) ['valeu']; expected some of ['citation', "
                "'credibility', 'evidence', 'id', 'notes', 'period', 'phrase', 'quantity', "
                "'said_on', 'source', 'value']",
            ),
            ({"credibility": True}, "claim 'c': credibility: expected int, got True"),
            ({"credibility": 2.0}, "claim 'c': credibility: expected int, got 2.0"),
            ({"phrase": 5}, "claim 'c': phrase: expected str, got 5"),
            ({"notes": None}, "claim 'c': notes: expected str, got None"),
            (
                {"credibility": 9},
                "claim 'c': credibility: expected an Admiralty credibility rating 1-6, got 9",
            ),
            (
                {"evidence": "rumour"},
                "claim 'c': evidence: expected one of observation, estimate, "
                "absence_of_evidence, denial, got 'rumour'",
            ),
            (
                {"said_on": "4 Feb 2025"},
                "claim 'c': said_on: expected an ISO date 'YYYY-MM-DD', got '4 Feb 2025'",
            ),
            (
                {"value": None},
                "claim 'c': value: expected a range object, a share {'share': ..., 'of': ...} "
                "or a 'phrase'",
            ),
            (
                {"value": 3000},
                "claim 'c': value: expected a range object with lower/upper, got 3000",
            ),
            (
                {"value": {"lower": 1, "open": True}},
                "claim 'c': value: unknown field(s) ['open']; expected some of ['kind', "
                "'lower', 'lower_closed', 'unit', 'upper', 'upper_closed']",
            ),
            (
                {"value": {"lower": "3,000"}},
                "claim 'c': value.lower: expected a decimal number such as '3000' or '0.5', "
                "got '3,000'",
            ),
            (
                {"value": {"upper": [1]}},
                "claim 'c': value.upper: expected a number or a 'p/q' string, got [1]",
            ),
            (
                {"value": {"upper": True}},
                "claim 'c': value.upper: expected a number or a 'p/q' string, got True",
            ),
            (
                {"value": {"lower": 1, "lower_closed": "yes"}},
                "claim 'c': value.lower_closed: expected true or false, got 'yes'",
            ),
            (
                {"value": {"lower": -1}},
                "claim 'c': value: lower (-1) of a count range must be >= 0",
            ),
            (
                {"value": {"lower": 5, "upper": 1}},
                "claim 'c': value: lower (5) must be <= upper (1)",
            ),
            (
                {"value": {"lower": 1, "kind": "weight"}},
                "claim 'c': value.kind: expected one of count, proportion, amount, got 'weight'",
            ),
            (
                {"value": {"lower": 1, "kind": "amount", "unit": 3}},
                "claim 'c': value.unit: expected a unit name or null, got 3",
            ),
            (
                {"value": {"lower": 1, "kind": "amount", "unit": "kg"}},
                "claim 'c': value: amount range in 'kg' does not fit quantity 'q', a count",
            ),
            (
                {"value": {"lower": 1, "upper": 1, "lower_closed": False}},
                "claim 'c': value: an empty range claims nothing; expected a non-empty range",
            ),
            (
                {"value": {"share": {"upper": "1/2"}, "of": "base", "as": 1}},
                "claim 'c': value: unknown field(s) ['as']; expected share, of",
            ),
            (
                {"value": {"of": "base"}},
                "claim 'c': value.share: expected a range object with lower/upper, or a 'phrase' "
                "to read it from",
            ),
            (
                {"value": {"share": {"upper": "1/2"}, "of": 5}},
                "claim 'c': value.of: expected a quantity name, got 5",
            ),
            (
                {"value": {"share": {"upper": "3/2"}, "of": "base"}},
                "claim 'c': value.share: upper (1.5) of a proportion range must be <= 1 (100%)",
            ),
            (
                {"value": {"share": {"upper": 1, "kind": "count"}, "of": "base"}},
                "claim 'c': share: expected a proportion Range such as [0, 50%], got "
                "Range(count [0, 1])",
            ),
            (
                {"value": {"share": {"upper": "1/2"}, "of": "nobody"}},
                "claim 'c': value: unknown base quantity 'nobody'",
            ),
            (
                {"source": 5},
                "claim 'c': source: expected a source id or an object with said_by, citing, "
                "reported_by, got 5",
            ),
            (
                {"source": {"said_by": "nis", "via": "ajp"}},
                "claim 'c': source: expected a source id or an object with said_by, citing, "
                "reported_by, got {'said_by': 'nis', 'via': 'ajp'}",
            ),
            (
                {"source": {"said_by": "nis", "citing": "ajp"}},
                "claim 'c': source.citing: expected a list of source ids, got 'ajp'",
            ),
            (
                {"source": {"said_by": "nis", "reported_by": [1]}},
                "claim 'c': source.reported_by: expected a list of source ids, got [1]",
            ),
            (
                {"source": {"citing": ["ajp"]}},
                "claim 'c': source.said_by: expected a source id, got None",
            ),
            ({"source": ""}, "claim 'c': said_by: expected a non-empty string, got ''"),
            ({"source": "mod"}, "claim 'c': source: unknown source 'mod'"),
            (
                {"period": "2025"},
                "claim 'c': period: expected an object with start and end dates, got '2025'",
            ),
            (
                {"period": {"start": "2025-01-01", "stop": "2025-02-01"}},
                "claim 'c': period: expected an object with start and end dates, got "
                "{'start': '2025-01-01', 'stop': '2025-02-01'}",
            ),
            (
                {"period": {"end": 2025}},
                "claim 'c': period.end: expected an ISO date string, got 2025",
            ),
            (
                {"period": {"start": "2025-02-05", "end": "2025-01-15"}},
                "claim 'c': period: end (2025-01-15) must be after start (2025-02-05)",
            ),
            (
                {"period": {"start": "2025-02-30"}},
                "claim 'c': period: start: expected an ISO date 'YYYY-MM-DD', got '2025-02-30'",
            ),
            (
                {"id": "nis losses"},
                "claim 'nis losses': id: expected a name of letters, digits, '_', '.' or '-' "
                "starting with a letter or '_', got 'nis losses'",
            ),
            (
                {"quantity": "troops"},
                "claim 'c': quantity: unknown quantity 'troops'; declared: base, q",
            ),
        ],
    )
    def test_claim_errors(self, fields: dict[str, Any], message: str) -> None:
        assert str(file_error(one_claim(**fields))) == f"claims.json: {message}"

    def test_claim_without_a_quantity(self) -> None:
        data = claim_file({"id": "c", "value": {"lower": 1}})
        assert str(file_error(data)).startswith("claims.json: claim 'c': quantity: expected a name")

    @pytest.mark.parametrize(
        ("quantity", "message"),
        [
            ({"name": "q", "kind": "tally"}, "kind: expected one of count, proportion, amount"),
            ({"name": "q", "unit": "km"}, "unit: only amount quantities have a unit"),
            ({"name": "q", "unit": 5}, "unit: expected str, got 5"),
            ({"name": "q", "cumulative": "yes"}, "cumulative: expected bool, got 'yes'"),
            ({"name": "q", "description": 1}, "description: expected str, got 1"),
            ({"name": "q", "size": 1}, "unknown field(s) ['size']"),
            ({"name": "2q"}, "name: expected a name"),
        ],
    )
    def test_quantity_errors(self, quantity: dict[str, Any], message: str) -> None:
        err = file_error({"format": "claimrec/1", "quantities": [quantity]})
        assert str(err).startswith(f"claims.json: quantity '{quantity['name']}': {message}")

    @pytest.mark.parametrize(
        ("source", "message"),
        [
            ({"id": "x", "kind": "spy"}, "kind: expected one of person, government"),
            ({"id": "x", "grade": "G"}, "grade: expected an Admiralty reliability grade A-F"),
            ({"id": "x", "grade": 2}, "grade: expected str, got 2"),
            ({"id": "x", "speaks_for": "y"}, "speaks_for: unknown source 'y'"),
            ({"id": "x", "notes": None}, "notes: expected str, got None"),
            ({"id": ""}, "id: expected a non-empty string"),
        ],
    )
    def test_source_errors(self, source: dict[str, Any], message: str) -> None:
        err = file_error({"format": "claimrec/1", "sources": [source]})
        assert message in str(err)
        assert str(err).startswith("claims.json: source ")

    @pytest.mark.parametrize(
        ("constraint", "message"),
        [
            (
                {"id": "k"},
                "constraint 'k': expr: expected exactly one of 'expr' (a <= b) or 'ratio'",
            ),
            (
                {"id": "k", "expr": "q <= base", "ratio": {}},
                "constraint 'k': expr: expected exactly one of 'expr' (a <= b) or 'ratio'",
            ),
            ({"id": "k", "expr": 5}, "constraint 'k': expr: expected str, got 5"),
            (
                {"id": "k", "expr": "q << base"},
                "constraint 'k': expression: expected 'left <= right', 'left >= right' or "
                "'left = right' with '+'-separated terms, got 'q << base'",
            ),
            (
                {"id": "k", "expr": "1/0 q <= base"},
                "constraint 'k': expression: expected 'left <= right', 'left >= right' or "
                "'left = right' with '+'-separated terms, got '1/0 q <= base'",
            ),
            (
                {"id": "k", "ratio": {"quantity": "q", "of": "base"}},
                "constraint 'k': ratio: expected an object with quantity, share, of; got "
                "{'quantity': 'q', 'of': 'base'}",
            ),
            (
                {"id": "k", "ratio": "q = 1/2 base"},
                "constraint 'k': ratio: expected an object with quantity, share, of; got "
                "'q = 1/2 base'",
            ),
            (
                {"id": "k", "ratio": {"quantity": "q", "share": {"upper": 2}, "of": "base"}},
                "constraint 'k': ratio.share: upper (2) of a proportion range must be <= 1 (100%)",
            ),
            (
                {"id": "k", "ratio": {"quantity": 1, "share": {}, "of": "base"}},
                "constraint 'k': ratio: expected quantity names, got "
                "{'quantity': 1, 'share': {}, 'of': 'base'}",
            ),
            (
                {"id": "k", "ratio": {"quantity": "q", "share": {}, "of": 2}},
                "constraint 'k': ratio: expected quantity names, got",
            ),
            (
                {"id": "k", "expr": "q <= troops"},
                "constraint 'k': quantity: unknown quantity 'troops'",
            ),
            (
                {"id": "k", "expr": "q <= base", "why": ""},
                "constraint 'k': unknown field(s) ['why']",
            ),
        ],
    )
    def test_constraint_errors(self, constraint: dict[str, Any], message: str) -> None:
        err = file_error(claim_file(constraints=[constraint]))
        assert str(err).startswith(f"claims.json: {message}")

    @pytest.mark.parametrize(
        ("top", "message"),
        [
            (
                {"quantities": [{"name": "q"}, {"name": "q"}]},
                "claims.json: quantity 'q': id: duplicate id 'q'",
            ),
            (
                {"claims": [{"id": "c", "quantity": "q", "value": {}}] * 2},
                "claims.json: claim 'c': id: duplicate id 'c'",
            ),
            (
                {
                    "claims": [{"id": "c", "quantity": "q", "value": {}}],
                    "constraints": [{"id": "c", "expr": "q <= base"}],
                },
                "claims.json: claim or constraint 'c': id: duplicate id 'c'",
            ),
        ],
    )
    def test_set_level_errors(self, top: dict[str, Any], message: str) -> None:
        assert str(file_error(claim_file(**top))) == message


class TestRangeFromJson:
    def test_defaults(self) -> None:
        assert io.range_from_json({}) == Range.at_least(0)
        assert io.range_from_json({"lower": 3000, "lower_closed": False}) == Range.more_than(3000)
        assert io.range_from_json({"upper": "1/2"}, kind="proportion") == HALF

    def test_object_overrides_the_defaults(self) -> None:
        r = io.range_from_json({"kind": "amount", "unit": "kg", "lower": 1}, kind="count")
        assert (r.kind, r.unit) == ("amount", "kg")
        assert io.range_from_json({"kind": "amount", "unit": None}, unit="kg").unit is None

    def test_regression_errors_are_claim_file_errors(self) -> None:
        # A public function once raised claimrec.io's private exception class.
        with pytest.raises(ClaimFileError) as info:
            io.range_from_json({"lower": "x"}, field="interval")
        assert str(info.value) == (
            "interval.lower: expected a decimal number such as '3000' or '0.5', got 'x'"
        )
        assert info.value.field == "interval.lower"

    @pytest.mark.parametrize(
        ("obj", "message"),
        [
            (
                {"kind": "weight"},
                "value.kind: expected one of count, proportion, amount, got 'weight'",
            ),
            ({"kind": ["count"]}, "value.kind: expected one of count, proportion, amount"),
            ({"kind": "amount", "unit": 3}, "value.unit: expected a unit name or null, got 3"),
        ],
    )
    def test_regression_bad_kind_or_unit_is_a_claim_file_error(
        self, obj: dict[str, Any], message: str
    ) -> None:
        # These once escaped the loader as attrs' bare ValueError or TypeError.
        with pytest.raises(ClaimFileError) as info:
            io.range_from_json(obj)
        assert str(info.value).startswith(message)


class TestLoads:
    def test_json(self) -> None:
        assert io.loads('{"format": "claimrec/1"}') == ClaimSet()

    def test_toml(self) -> None:
        assert io.loads('format = "claimrec/1"', format="toml") == ClaimSet()

    def test_json_numbers_are_exact(self) -> None:
        text = json.dumps(
            claim_file(
                {"id": "c", "quantity": "d", "value": {"lower": "LOWER", "upper": "UPPER"}},
                quantities=[{"name": "d", "kind": "amount"}],
            )
        )
        text = text.replace('"LOWER"', "0.1").replace('"UPPER"', "12345678.123456789")
        value = io.loads(text).claim("c").value
        assert value == Range.closed("0.1", "12345678.123456789", kind="amount")

    def test_regression_toml_numbers_are_exact(self) -> None:
        # tomllib reads floats as binary doubles unless told otherwise.
        text = (
            'format = "claimrec/1"\n[[quantities]]\nname = "d"\nkind = "amount"\n'
            '[[claims]]\nid = "c"\nquantity = "d"\nvalue = { lower = 0.12345678901234567890123 }\n'
        )
        value = io.loads(text, format="toml").claim("c").value
        assert value.lower == Fraction("0.12345678901234567890123")  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (
                '{"format": "claimrec/1", "claims": [',
                "claims.json: not valid JSON at line 1, column 37: Expecting value",
            ),
            ("", "claims.json: not valid JSON at line 1, column 1: Expecting value"),
            (
                '{"format": "claimrec/1", "claims": [{"id": "c", "quantity": "q", '
                '"value": {"lower": NaN}}]}',
                "claims.json: NaN is not a number claimrec accepts; write a finite number or null",
            ),
            (
                '{"format": "claimrec/1", "x": -Infinity}',
                "claims.json: -Infinity is not a number claimrec accepts; write a finite number "
                "or null",
            ),
        ],
    )
    def test_bad_json(self, text: str, message: str) -> None:
        with pytest.raises(ClaimFileError) as info:
            io.loads(text, path="claims.json")
        assert str(info.value) == message

    def test_integer_too_long_for_python(self) -> None:
        with pytest.raises(ClaimFileError, match=r"^<claims>: Exceeds the limit"):
            io.loads('{"format": "claimrec/1", "x": ' + "9" * 5000 + "}")

    def test_bad_toml(self) -> None:
        with pytest.raises(ClaimFileError, match=r"^claims.toml: not valid TOML: "):
            io.loads("format = ", format="toml", path="claims.toml")

    @pytest.mark.parametrize(
        ("text", "format"), [("[" * 100_000, "json"), ("a = " + "[" * 100_000, "toml")]
    )
    def test_regression_deep_nesting_is_a_claim_file_error(
        self, text: str, format: io.FileFormat
    ) -> None:
        # This once escaped as a bare RecursionError.
        with pytest.raises(
            ClaimFileError, match=r"^<claims>: nested too deeply to be a claim file$"
        ):
            io.loads(text, format=format)

    def test_regression_huge_exponent_is_refused_quickly(self) -> None:
        text = json.dumps(one_claim(value={"lower": 1})).replace(
            '"lower": 1', '"lower": 1e999999999'
        )
        with pytest.raises(ClaimFileError, match=r"value.lower: expected a number between"):
            io.loads(text)

    def test_nothing_loads_partially(self) -> None:
        good = {"id": "a", "quantity": "q", "value": {"lower": 1}}
        bad = {"id": "b", "quantity": "q", "value": {"lower": "x"}}
        with pytest.raises(ClaimFileError, match=r"claim 'b'"):
            io.loads(json.dumps(claim_file(good, bad)))
