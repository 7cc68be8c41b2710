"""W3C PROV: claimrec.prov (claim sets and reconciliations as PROV documents)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import claimrec
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity
from claimrec.errors import ClaimFileError, ClaimrecError, ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import Range
from claimrec.spans import Span

prov_model = pytest.importorskip("prov.model")

from claimrec.prov import (  # noqa: E402  (after the skip: these need prov)
    NAMESPACES,
    ProvFormat,
    ProvUnavailableError,
    dumps_prov,
    read_prov,
    to_prov,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
SRC = NAMESPACES["source"]


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


def records(doc: Any, kind: str) -> list[Any]:
    return [r for r in doc.get_records() if type(r).__name__ == kind]


def name(identifier: Any) -> str:
    return str(identifier.localpart)


class TestTheChainSurvives:
    def test_officials_nyt_article_through_prov_json_read_by_the_prov_package(
        self, seed: ClaimSet
    ) -> None:
        text = dumps_prov(seed, claimrec.reconcile(seed))
        doc = prov_model.ProvDocument.deserialize(content=text, format="json")
        # Keys are qualified names: cited:nyt_1 and relayed:nyt_1 are different statements.
        attributed = {str(r.args[0]): name(r.args[1]) for r in records(doc, "ProvAttribution")}
        derivations = records(doc, "ProvDerivation")
        primary = {
            str(r.args[0]): str(r.args[1])
            for r in derivations
            if "prov:PrimarySource" in {str(t) for t in r.get_asserted_types()}
        }
        quoted = {
            str(r.args[1]): str(r.args[0])
            for r in derivations
            if "prov:Quotation" in {str(t) for t in r.get_asserted_types()}
        }
        claim = "claim:nyt"
        assert attributed[claim] == "nyt"
        origin = primary[claim]
        assert attributed[origin] == "us_ua_officials"
        article = quoted[claim]
        assert attributed[article] == "ajp"
        labels = {
            name(a.identifier): a.get_attribute("prov:label") for a in records(doc, "ProvAgent")
        }
        assert labels["us_ua_officials"] == {"Anonymous US and Ukrainian officials"}
        assert labels["nyt"] == {"The New York Times"}
        assert labels["ajp"] == {"AJP"}

    def test_and_through_claimrec_reading_it_back(self, seed: ClaimSet) -> None:
        for fmt in ("json", "provn"):
            back = read_prov(dumps_prov(seed, claimrec.reconcile(seed), format=fmt), format=fmt)
            assert back.claim("nyt").source.chain == ("us_ua_officials", "nyt", "ajp")  # type: ignore[union-attr]
            assert back == seed

    def test_prov_n_parses_to_the_same_document(self, seed: ClaimSet) -> None:
        doc = to_prov(seed, claimrec.reconcile(seed))
        again = prov_model.ProvDocument.deserialize(content=doc.get_provn(), format="provn")
        assert again == doc
        assert (
            prov_model.ProvDocument.deserialize(content=doc.serialize(format="json"), format="json")
            == doc
        )


class TestMapping:
    def test_sources_are_agents_of_the_right_type(self, seed: ClaimSet) -> None:
        agents = {name(a.identifier): a for a in records(to_prov(seed), "ProvAgent")}
        assert {str(t) for t in agents["budanov"].get_asserted_types()} == {"prov:Person"}
        assert {str(t) for t in agents["us_ua_officials"].get_asserted_types()} == {"prov:Person"}
        assert {str(t) for t in agents["nis"].get_asserted_types()} == {"prov:Organization"}
        assert agents["wide_reports"].get_asserted_types() == set()
        assert agents["nis"].get_attribute("claimrec:grade") == {"B"}

    def test_speaking_for_is_delegation(self, seed: ClaimSet) -> None:
        delegations = records(to_prov(seed), "ProvDelegation")
        assert sorted((name(d.args[0]), name(d.args[1])) for d in delegations) == [
            ("budanov", "hur"),
        ]

    def test_relaying_outlets_quote_in_order(self, seed: ClaimSet) -> None:
        doc = to_prov(seed)
        quotations = [
            (name(r.args[0]), name(r.args[1]))
            for r in records(doc, "ProvDerivation")
            if "prov:Quotation" in {str(t) for t in r.get_asserted_types()}
        ]
        assert ("budanov_1", "budanov") in quotations
        assert ("budanov_2", "budanov_1") in quotations

    def test_claims_carry_their_fields(self, seed: ClaimSet) -> None:
        entity = next(
            e
            for e in records(to_prov(seed), "ProvEntity")
            if str(e.identifier) == "claim:nis_losses"
        )
        assert entity.get_attribute("prov:value") == {"[3,001, inf)"}
        assert entity.get_attribute("claimrec:phrase") == {"more than 3,000"}
        assert entity.get_attribute("claimrec:credibility") == {2}
        (said,) = entity.get_attribute("claimrec:said_on")
        assert said.value == "2025-02-03"
        (value,) = entity.get_attribute("claimrec:value")
        assert json.loads(value)["lower"] == 3001

    def test_the_reconciliation_is_an_activity_and_segments_are_derived(
        self, seed: ClaimSet
    ) -> None:
        report = claimrec.reconcile(seed, at="2025-02-04")
        doc = to_prov(seed, report)
        (run,) = records(doc, "ProvActivity")
        assert str(run.identifier) == "run:reconcile"
        assert run.get_attribute("claimrec:policy") == {"strict"}
        assert {u.args[1].localpart for u in records(doc, "ProvUsage")} >= {"budanov", "c2"}
        derived = {
            (name(r.args[1]), next(iter(r.get_attribute("claimrec:role"))))
            for r in records(doc, "ProvDerivation")
            if name(r.args[0]) == "deployed_1"
        }
        assert derived == {("budanov", "lower"), ("nis_losses", "lower"), ("c2", "lower")}
        segments = {
            name(e.identifier): e
            for e in records(doc, "ProvEntity")
            if "claimrec:Segment" in {str(t) for t in e.get_asserted_types()}
        }
        assert set(segments) == {"casualties_1", "deployed_1", "in_combat_1"}
        (text,) = segments["deployed_1"].get_attribute("claimrec:segment")
        assert json.loads(text) == report["deployed"][0].to_json()
        assert len(records(doc, "ProvGeneration")) == 3

    def test_supporting_and_upper_roles(self, seed: ClaimSet) -> None:
        doc = to_prov(seed, claimrec.reconcile(seed, at="2025-02-04"))
        roles = {
            next(iter(r.get_attribute("claimrec:role")))
            for r in records(doc, "ProvDerivation")
            if name(r.args[0]) == "in_combat_1"
        }
        assert roles == {"supporting", "lower", "upper"}

    def test_open_segments_have_no_dates_and_no_interval_text(self) -> None:
        cs = ClaimSet(
            quantities=[Quantity("q")],
            claims=[Claim("a", "q", Range.exact(1)), Claim("b", "q", Range.exact(2))],
        )
        doc = to_prov(cs, claimrec.reconcile(cs))
        (segment,) = [e for e in records(doc, "ProvEntity") if name(e.identifier) == "q_1"]
        assert segment.get_attribute("prov:value") == {"no interval"}
        assert segment.get_attribute("claimrec:start") == set()
        assert records(doc, "ProvActivity")[0].get_attribute("claimrec:at") == set()

    def test_awkward_names_are_escaped_and_restored(self) -> None:
        cs = ClaimSet(
            quantities=[Quantity("q.v-1", kind="amount", unit="km")],
            sources=[Source("Reuters / AP é", "Wire")],
            claims=[
                Claim(
                    "c.1-",
                    "q.v-1",
                    Range.closed(1, 2, kind="amount", unit="km"),
                    source=Attribution("Reuters / AP é"),
                    notes='with "quotes"\nand a newline',
                )
            ],
            constraints=[
                Constraint.ratio("r.1", "q.v-1", Range.at_most("0.5", kind="proportion"), "q.v-1")
            ],
        )
        for fmt in ("json", "provn"):
            assert read_prov(dumps_prov(cs, claimrec.reconcile(cs), format=fmt), format=fmt) == cs
        assert "source:Reuters%20%2F%20AP%20%C3%A9" in dumps_prov(cs)

    def test_the_same_input_gives_the_same_bytes(self, seed: ClaimSet) -> None:
        report = claimrec.reconcile(seed)
        assert dumps_prov(seed, report) == dumps_prov(claimrec.load(SEED), claimrec.reconcile(seed))

    def test_a_bad_format_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="format: expected 'json' or 'provn'"):
            dumps_prov(ClaimSet(), format="rdf")  # type: ignore[arg-type]


def _doc_with(*edits: Any) -> Any:
    """A small PROV document in claimrec's namespaces, changed by ``edits``."""
    cs = ClaimSet(
        quantities=[Quantity("q")],
        sources=[Source("s", "S"), Source("t", "T")],
        claims=[Claim("c", "q", Range.exact(1), source=Attribution("s", ("t",), ("t",)))],
        constraints=[Constraint.parse("k", "q <= q")],
    )
    doc = to_prov(cs)
    for edit in edits:
        edit(doc)
    return doc


def _entity(doc: Any, ident: str) -> Any:
    return next(r for r in doc.get_records() if str(r.identifier) == ident)


class TestReadingErrors:
    def test_foreign_records_are_ignored(self) -> None:
        def add_foreign(doc: Any) -> None:
            doc.add_namespace("ex", "https://example.org/")
            doc.agent("ex:someone")
            doc.entity("ex:thing")
            doc.entity("source:ghost")  # an entity, not an agent: no source
            doc.activity("ex:act")
            doc.wasAttributedTo("claim:c", "ex:someone")
            doc.actedOnBehalfOf("ex:someone", "source:s")
            doc.wasDerivedFrom("ex:thing", "claim:c")
            doc.wasGeneratedBy("ex:thing", "ex:act")

        back = read_prov(_doc_with(add_foreign))
        assert back.claim("c").source == Attribution("s", ("t",), ("t",))

    def test_a_claim_attributed_twice_is_refused(self) -> None:
        doc = _doc_with(lambda d: d.wasAttributedTo("claim:c", "source:t"))
        with pytest.raises(ClaimFileError, match="wasAttributedTo: expected one, got 's' and 't'"):
            read_prov(doc)

    def test_a_statement_attributed_to_no_source_is_refused(self) -> None:
        def orphan(doc: Any) -> None:
            doc.entity("cited:c_2")
            doc.hadPrimarySource("cited:c_1", "cited:c_2")

        with pytest.raises(ClaimFileError, match="statement cited:c_2 is attributed to no source"):
            read_prov(_doc_with(orphan))

    def test_a_loop_of_quotations_is_refused(self) -> None:
        with pytest.raises(ClaimFileError, match="loops back to claim:c"):
            read_prov(_doc_with(lambda d: d.wasQuotedFrom("claim:c", "relayed:c_1")))

    def test_an_attribute_given_twice_is_refused(self) -> None:
        doc = _doc_with(lambda d: _entity(d, "claim:c").add_attributes({"claimrec:phrase": "a"}))
        _entity(doc, "claim:c").add_attributes({"claimrec:phrase": "b"})
        with pytest.raises(
            ClaimFileError, match="claim 'c': claimrec:phrase: expected one value, got 2"
        ):
            read_prov(doc)

    @pytest.mark.parametrize(
        ("ident", "attributes", "message"),
        [
            ("claim:c", {"claimrec:notes": 5}, "claimrec:notes: expected text, got 5"),
            ("claim:c", {"claimrec:said_on": 20250204}, "claimrec:said_on: expected an xsd:date"),
            (
                "claim:c",
                {"claimrec:quantity": "q"},
                "claimrec:quantity: expected a quantity:<name>",
            ),
            ("constraint:k", {"claimrec:constraint": "[1]"}, "expected a JSON object, got \\[1\\]"),
            ("constraint:k", {"claimrec:constraint": "{nope"}, "expected JSON text"),
        ],
    )
    def test_bad_attributes_name_the_item_and_field(
        self, ident: str, attributes: dict[str, Any], message: str
    ) -> None:
        def replace(doc: Any) -> None:
            record = _entity(doc, ident)
            for key in attributes:
                record._attributes.pop(record.bundle.valid_qualified_name(key), None)
            record.add_attributes(attributes)

        with pytest.raises(ClaimFileError, match=message):
            read_prov(_doc_with(replace))

    def test_a_missing_value_is_refused(self) -> None:
        def drop(doc: Any) -> None:
            record = _entity(doc, "claim:c")
            record._attributes.pop(doc.valid_qualified_name("claimrec:value"))

        with pytest.raises(ClaimFileError, match="claim 'c': claimrec:value: missing"):
            read_prov(_doc_with(drop))

    def test_missing_optional_fields_take_their_defaults(self) -> None:
        def strip(doc: Any) -> None:
            for ident, keys in (
                ("claim:c", ("claimrec:credibility", "claimrec:evidence", "claimrec:notes")),
                ("quantity:q", ("claimrec:kind", "claimrec:cumulative", "claimrec:description")),
                ("source:s", ("claimrec:kind", "claimrec:grade", "claimrec:notes")),
            ):
                record = _entity(doc, ident)
                for key in keys:
                    record._attributes.pop(doc.valid_qualified_name(key))

        back = read_prov(_doc_with(strip))
        assert (back.claim("c").credibility, back.claim("c").evidence) == (6, "estimate")
        assert back.quantity("q") == Quantity("q")
        assert back.sources_by_id["s"] == Source("s", "S")

    def test_claim_file_rules_apply(self) -> None:
        def bad_grade(doc: Any) -> None:
            record = _entity(doc, "source:s")
            record._attributes.pop(doc.valid_qualified_name("claimrec:grade"))
            record.add_attributes({"claimrec:grade": "Z"})

        with pytest.raises(ClaimFileError, match=r"PROV document: .*grade"):
            read_prov(_doc_with(bad_grade))

    def test_bad_text_is_refused(self) -> None:
        with pytest.raises(ClaimFileError, match="not a PROV-JSON document"):
            read_prov("{not json")
        with pytest.raises(ClaimFileError, match="format: expected 'json' or 'provn'"):
            read_prov("{}", format="xml")  # type: ignore[arg-type]

    def test_a_prov_without_a_prov_n_reader_says_so(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*args: object, **kwargs: object) -> None:
            raise NotImplementedError

        monkeypatch.setattr(prov_model.ProvDocument, "deserialize", refuse)
        with pytest.raises(ClaimFileError, match=r"cannot read PROV-N; prov 3.2 or later"):
            read_prov("document\nendDocument", format="provn")


class TestWithoutProv:
    def test_a_clear_error_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "prov", None)
        monkeypatch.setitem(sys.modules, "prov.model", None)
        for call in (lambda: to_prov(ClaimSet()), lambda: read_prov("{}")):
            with pytest.raises(
                ProvUnavailableError, match=r"pip install 'claimrec\[prov\]'"
            ) as err:
                call()
            assert isinstance(err.value, ClaimrecError)
            assert isinstance(err.value, ImportError)

    def test_import_claimrec_never_needs_prov(self) -> None:
        code = (
            "import sys; sys.modules['prov'] = None; "
            "import claimrec, claimrec.prov, claimrec.wikidata, claimrec.belief, "
            "claimrec.estimative; print('ok')"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.stdout.strip() == "ok", result.stderr


def test_spans_and_dates_survive(seed: ClaimSet) -> None:
    cs = ClaimSet(
        quantities=[Quantity("q")],
        claims=[
            Claim("a", "q", Range.exact(1), period=Span.since("2025-01-01"), said_on="2025-01-02"),
            Claim("b", "q", Range.exact(1), period=Span.until("2025-01-01"), phrase=""),
        ],
    )
    assert read_prov(dumps_prov(cs, format="provn"), format="provn") == cs


def test_the_committed_prov_examples_equal_a_fresh_export() -> None:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "docs" / "examples" / "generate.py"
    spec = importlib.util.spec_from_file_location("claimrec_examples", path)
    assert spec is not None
    assert spec.loader is not None
    examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(examples)
    for name, text in examples.prov_export().items():
        committed = (examples.HERE / name).read_text(encoding="utf-8")
        assert committed == text, f"docs/examples/{name} is stale: run docs/examples/generate.py"
        fmt: ProvFormat = "json" if name.endswith(".json") else "provn"
        assert read_prov(committed, format=fmt) == claimrec.load(SEED)
