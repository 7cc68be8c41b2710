"""Sources and attribution chains: claimrec.provenance."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimrec.errors import ValidationError
from claimrec.provenance import (
    CREDIBILITY,
    CREDIBILITY_WEIGHTS,
    GRADE_WEIGHTS,
    GRADES,
    SOURCE_KINDS,
    Attribution,
    Source,
)

HUR = Source("hur", "Defence Intelligence of Ukraine", kind="intelligence_service", grade="B")
BUDANOV = Source("budanov", "Kyrylo Budanov", kind="person", grade="B", speaks_for="hur")


class TestTables:
    def test_grades_and_credibility_cover_the_admiralty_scale(self) -> None:
        assert list(GRADES) == list("ABCDEF")
        assert list(CREDIBILITY) == [1, 2, 3, 4, 5, 6]
        assert set(GRADE_WEIGHTS) == set(GRADES)
        assert set(CREDIBILITY_WEIGHTS) == set(CREDIBILITY)

    def test_cannot_be_judged_sits_at_the_middle(self) -> None:
        assert GRADE_WEIGHTS["F"] == CREDIBILITY_WEIGHTS[6] == Fraction(1, 2)
        assert GRADE_WEIGHTS["A"] > GRADE_WEIGHTS["B"] > GRADE_WEIGHTS["E"]


class TestSource:
    def test_defaults(self) -> None:
        s = Source("x", "X")
        assert (s.kind, s.grade, s.speaks_for, s.notes) == ("other", "F", None, "")

    def test_every_kind_is_accepted(self) -> None:
        for kind in SOURCE_KINDS:
            assert Source("x", "X", kind=kind).kind == kind

    @pytest.mark.parametrize("field", ["id", "name"])
    @pytest.mark.parametrize("value", ["", "   ", None, 5])
    def test_id_and_name_must_be_non_empty_text(self, field: str, value: object) -> None:
        args = {"id": "x", "name": "X", field: value}
        with pytest.raises(ValidationError, match=f"^{field}: expected a non-empty string, got "):
            Source(**args)  # type: ignore[arg-type]

    def test_unknown_kind(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^kind: expected one of person, government, .*, other, got 'spy agency'$",
        ):
            Source("nis", "NIS", kind="spy agency")

    @pytest.mark.parametrize("grade", ["G", "b", "", 1])
    def test_unknown_grade(self, grade: object) -> None:
        with pytest.raises(
            ValidationError, match=r"^grade: expected an Admiralty reliability grade A-F, got "
        ):
            Source("nis", "NIS", grade=grade)  # type: ignore[arg-type]

    def test_speaks_for_must_be_non_empty_when_given(self) -> None:
        assert BUDANOV.speaks_for == "hur"
        with pytest.raises(ValidationError, match=r"^speaks_for: expected a non-empty string"):
            Source("x", "X", speaks_for="")

    def test_notes_must_be_text(self) -> None:
        assert Source("x", "X", notes="n").notes == "n"
        with pytest.raises((TypeError, ValueError), match=r"notes"):
            Source("x", "X", notes=None)  # type: ignore[arg-type]

    def test_grade_meaning(self) -> None:
        assert HUR.grade_meaning == "usually reliable"
        assert Source("x", "X").grade_meaning == "reliability cannot be judged"


class TestAttribution:
    def test_chain_runs_from_deepest_citation_to_last_relay(self) -> None:
        a = Attribution("nyt", citing=("officials", "leak"), reported_by=("ajp", "wire"))
        assert a.chain == ("leak", "officials", "nyt", "ajp", "wire")

    def test_a_single_id_is_a_one_item_chain_link(self) -> None:
        a = Attribution("nyt", citing="officials", reported_by="ajp")
        assert (a.citing, a.reported_by) == (("officials",), ("ajp",))

    def test_lists_become_tuples(self) -> None:
        assert Attribution("nyt", citing=["officials"]).citing == ("officials",)

    def test_said_by_must_be_non_empty(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^said_by: expected a non-empty string, got ''$"
        ):
            Attribution("")

    @pytest.mark.parametrize("field", ["citing", "reported_by"])
    def test_regression_bad_chain_names_its_field(self, field: str) -> None:
        with pytest.raises(
            ValidationError, match=f"^{field}: expected a source id or a list of source ids, got 5$"
        ):
            Attribution("nyt", **{field: 5})  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["citing", "reported_by"])
    @pytest.mark.parametrize("bad", ["", 3, None])
    def test_chain_ids_must_be_non_empty_text(self, field: str, bad: object) -> None:
        with pytest.raises(ValidationError, match=f"^{field}: expected non-empty source ids, got "):
            Attribution("nyt", **{field: ("ajp", bad)})  # type: ignore[arg-type]

    def test_sources_lists_each_id_once_in_chain_order(self) -> None:
        a = Attribution("nis", citing=("ajp",), reported_by=("ajp", "nyt"))
        assert a.sources == ("ajp", "nis", "nyt")


REGISTRY = {s.id: s for s in (HUR, BUDANOV)}


class TestOrigin:
    def test_speaker_is_the_origin_when_nothing_is_cited(self) -> None:
        assert Attribution("nis", reported_by=("ajp",)).origin() == "nis"

    def test_deepest_citation_is_the_origin(self) -> None:
        assert Attribution("nyt", citing=("officials", "leak")).origin() == "leak"

    def test_speaks_for_is_followed(self) -> None:
        assert Attribution("budanov", reported_by=("twz",)).origin(REGISTRY) == "hur"

    def test_speaks_for_is_followed_through_citations(self) -> None:
        assert Attribution("twz", citing=("budanov",)).origin(REGISTRY) == "hur"

    def test_without_a_registry_speaks_for_is_not_known(self) -> None:
        assert Attribution("budanov").origin() == "budanov"

    def test_unknown_source_is_its_own_origin(self) -> None:
        assert Attribution("nis").origin(REGISTRY) == "nis"

    def test_chains_of_speaks_for(self) -> None:
        press = Source("press", "Press office", speaks_for="budanov")
        registry = {**REGISTRY, "press": press}
        assert Attribution("press").origin(registry) == "hur"

    def test_cycle_stops_at_the_first_repeat(self) -> None:
        a = Source("a", "A", speaks_for="b")
        b = Source("b", "B", speaks_for="a")
        assert Attribution("a").origin({"a": a, "b": b}) == "b"
        selfish = Source("s", "S", speaks_for="s")
        assert Attribution("s").origin({"s": selfish}) == "s"

    def test_repeats_share_an_origin(self) -> None:
        via_twz = Attribution("budanov", reported_by=("twz",))
        via_ajp = Attribution("budanov", reported_by=("ajp",))
        assert via_twz.origin(REGISTRY) == via_ajp.origin(REGISTRY)
