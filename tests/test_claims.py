"""Quantities, claims, constraints and claim sets: claimrec.claims."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from claimrec.claims import (
    EVIDENCE_KINDS,
    RELATIONS,
    Claim,
    ClaimSet,
    Constraint,
    Quantity,
    Term,
)
from claimrec.errors import ValidationError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.spans import Span

HALF = Range.at_most("0.5", kind="proportion")


def seedlike(**extra: object) -> ClaimSet:
    """A small valid claim set, with extra items appended."""
    base: dict[str, list[object]] = {
        "quantities": [
            Quantity("in_combat"),
            Quantity("casualties", cumulative=True),
            Quantity("deployed", cumulative=True),
        ],
        "sources": [
            Source("hur", "HUR", kind="intelligence_service", grade="B"),
            Source("budanov", "Kyrylo Budanov", kind="person", grade="B", speaks_for="hur"),
            Source("ajp", "AJP", kind="news_outlet", grade="B"),
        ],
        "claims": [
            Claim(
                "budanov",
                "in_combat",
                Range.closed(7500, 8500),
                source=Attribution("budanov", reported_by=("ajp",)),
            ),
            Claim("jones", "casualties", FractionOf(HALF, "deployed")),
        ],
        "constraints": [Constraint.parse("c1", "casualties <= deployed")],
    }
    for key, items in extra.items():
        base[key] = [*base[key], *items]  # type: ignore[misc]
    return ClaimSet(**base)  # type: ignore[arg-type]


class TestQuantity:
    def test_defaults(self) -> None:
        q = Quantity("deployed")
        assert (q.kind, q.unit, q.cumulative, q.description) == ("count", None, False, "")

    @pytest.mark.parametrize("name", ["in_combat", "_x", "a.b", "a-b", "Q2"])
    def test_names(self, name: str) -> None:
        assert Quantity(name).name == name

    @pytest.mark.parametrize("name", ["", "2q", "in combat", "q!", None, 3])
    def test_bad_names(self, name: object) -> None:
        with pytest.raises(
            ValidationError, match=r"^name: expected a name of letters, digits, '_', '.' or '-' "
        ):
            Quantity(name)  # type: ignore[arg-type]

    def test_unknown_kind(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^quantity 'distance': kind: expected one of count, proportion, amount, "
            r"got 'length'$",
        ):
            Quantity("distance", kind="length")  # type: ignore[arg-type]

    def test_unit_only_on_amounts(self) -> None:
        assert Quantity("distance", kind="amount", unit="km").unit == "km"
        with pytest.raises(
            ValidationError,
            match=r"^quantity 'troops': unit: only amount quantities have a unit, got 'km' on a count$",
        ):
            Quantity("troops", unit="km")

    def test_unit_must_be_text(self) -> None:
        with pytest.raises((TypeError, ValueError), match=r"unit"):
            Quantity("d", kind="amount", unit=1)  # type: ignore[arg-type]

    def test_cumulative_must_be_a_bool(self) -> None:
        with pytest.raises((TypeError, ValueError), match=r"cumulative"):
            Quantity("d", cumulative="yes")  # type: ignore[arg-type]

    def test_description_must_be_text(self) -> None:
        assert Quantity("d", description="troops").description == "troops"
        with pytest.raises(ValidationError, match=r"^description: expected a string, got None$"):
            Quantity("d", description=None)  # type: ignore[arg-type]

    def test_unbounded(self) -> None:
        assert Quantity("share", kind="proportion").unbounded() == Range.closed(
            0, 1, kind="proportion"
        )
        assert Quantity("d", kind="amount", unit="km").unbounded().unit == "km"


class TestClaim:
    def test_defaults(self) -> None:
        c = Claim("c1", "q", Range.exact(1))
        assert c.source is None
        assert c.said_on is None
        assert c.period == Span()
        assert (c.credibility, c.evidence, c.phrase, c.citation, c.notes) == (
            6,
            "estimate",
            None,
            "",
            "",
        )

    def test_evidence_kinds(self) -> None:
        assert EVIDENCE_KINDS == ("observation", "estimate", "absence_of_evidence", "denial")
        for kind in EVIDENCE_KINDS:
            assert Claim("c", "q", Range.exact(0), evidence=kind).evidence == kind  # type: ignore[arg-type]

    def test_source_id_becomes_an_attribution(self) -> None:
        assert Claim("c", "q", Range.exact(0), source="nis").source == Attribution("nis")

    def test_attribution_is_kept(self) -> None:
        a = Attribution("nyt", citing=("officials",))
        assert Claim("c", "q", Range.exact(0), source=a).source is a

    def test_bad_source(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^source: expected a source id or an Attribution, got 5$"
        ):
            Claim("c", "q", Range.exact(0), source=5)  # type: ignore[arg-type]

    def test_said_on(self) -> None:
        assert Claim("c", "q", Range.exact(0), said_on="2025-02-04").said_on == dt.date(2025, 2, 4)
        with pytest.raises(ValidationError, match=r"^said_on: expected an ISO date"):
            Claim("c", "q", Range.exact(0), said_on="4 Feb 2025")  # type: ignore[arg-type]

    def test_period(self) -> None:
        span = Span("2025-01-15", "2025-02-05")
        assert Claim("c", "q", Range.exact(0), period=span).period is span
        assert Claim("c", "q", Range.exact(0), period=None).period == Span()  # type: ignore[arg-type]
        with pytest.raises(ValidationError, match=r"^period: expected a Span, got '2025'$"):
            Claim("c", "q", Range.exact(0), period="2025")  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["id", "quantity"])
    def test_ids_must_be_names(self, field: str) -> None:
        args = {"id": "c", "quantity": "q", field: "nis losses"}
        with pytest.raises(ValidationError, match=f"^{field}: expected a name of letters"):
            Claim(value=Range.exact(0), **args)

    def test_value_must_be_a_range_or_share(self) -> None:
        assert isinstance(Claim("c", "q", FractionOf(HALF, "d")).value, FractionOf)
        with pytest.raises(
            ValidationError, match=r"^claim 'c': value: expected a Range or a FractionOf, got 3000$"
        ):
            Claim("c", "q", 3000)  # type: ignore[arg-type]

    def test_empty_value_claims_nothing(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^claim 'c': value: an empty range claims nothing; expected a non-empty range$",
        ):
            Claim("c", "q", Range.empty())

    @pytest.mark.parametrize("credibility", [1, 6])
    def test_credibility_in_range(self, credibility: int) -> None:
        assert Claim("c", "q", Range.exact(0), credibility=credibility).credibility == credibility

    @pytest.mark.parametrize("credibility", [0, 7, True, "3", None])
    def test_credibility_out_of_range(self, credibility: object) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^claim 'c': credibility: expected an Admiralty credibility rating 1-6, got ",
        ):
            Claim("c", "q", Range.exact(0), credibility=credibility)  # type: ignore[arg-type]

    @pytest.mark.parametrize("credibility", [3.0, Fraction(3)])
    def test_regression_credibility_that_equals_an_int_is_still_refused(
        self, credibility: object
    ) -> None:
        # 3.0 in range(1, 7) is True; such a claim once loaded and then failed to round-trip.
        with pytest.raises(ValidationError, match=r"credibility"):
            Claim("c", "q", Range.exact(0), credibility=credibility)  # type: ignore[arg-type]

    def test_unknown_evidence(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^claim 'nyt': evidence: expected one of observation, estimate, "
            r"absence_of_evidence, denial, got 'rumour'$",
        ):
            Claim("nyt", "q", Range.exact(0), evidence="rumour")  # type: ignore[arg-type]

    @pytest.mark.parametrize("field", ["phrase", "citation", "notes"])
    def test_texts(self, field: str) -> None:
        c = Claim("c", "q", Range.exact(0), **{field: "text"})  # type: ignore[arg-type]
        assert getattr(c, field) == "text"
        with pytest.raises(ValidationError, match=f"^{field}: expected a string, got 5$"):
            Claim("c", "q", Range.exact(0), **{field: 5})  # type: ignore[arg-type]

    def test_origin(self) -> None:
        assert Claim("c1", "q", Range.exact(1)).origin() == "c1"
        budanov = Source("budanov", "B", speaks_for="hur")
        c = Claim("c", "q", Range.exact(1), source="budanov")
        assert c.origin() == "budanov"
        assert c.origin({"budanov": budanov}) == "hur"

    def test_describe(self) -> None:
        c = Claim("n", "casualties", Range.more_than(3000), phrase="more than 3,000")
        assert c.describe() == "[3,001, inf) ('more than 3,000')"
        assert Claim("n", "q", Range.exact(1)).describe() == "[1, 1]"
        assert Claim("j", "q", FractionOf(HALF, "d")).describe() == "[0, 50%] of d"

    def test_repr_html(self) -> None:
        c = Claim("n", "casualties", Range.more_than(3000), phrase="more than 3,000")
        assert c._repr_html_() == (
            "<b>n</b>: casualties = <code>[3,001, inf)</code> &ldquo;more than 3,000&rdquo;"
        )
        assert Claim("n", "q", Range.exact(1))._repr_html_() == "<b>n</b>: q = <code>[1, 1]</code>"


class TestTerm:
    def test_coefficient_is_exact(self) -> None:
        assert Term("0.5", "deployed").coefficient == Fraction(1, 2)
        assert Term(Fraction(4, 2), "d").coefficient == 2

    def test_bad_coefficient(self) -> None:
        with pytest.raises(ValidationError, match=r"^coefficient: "):
            Term("half", "d")

    def test_bad_quantity(self) -> None:
        with pytest.raises(ValidationError, match=r"^quantity: expected a name"):
            Term(1, "two words")

    @pytest.mark.parametrize(
        ("term", "text"),
        [
            (Term(1, "d"), "d"),
            (Term(Fraction(1, 2), "d"), "0.5*d"),
            (Term(Fraction(1, 3), "d"), "1/3*d"),
            (Term(-1, "d"), "-1*d"),
            (Term(1000, "d"), "1000*d"),
        ],
    )
    def test_str(self, term: Term, text: str) -> None:
        assert str(term) == text


class TestConstraint:
    def test_relations(self) -> None:
        assert RELATIONS == ("<=", ">=", "=", "ratio")

    def test_sides_from_names_terms_and_lists(self) -> None:
        c = Constraint("c", "a", "<=", [Term(2, "b"), "c"])
        assert c.left == (Term(1, "a"),)
        assert c.right == (Term(2, "b"), Term(1, "c"))
        assert Constraint("c", Term(3, "a"), "=", ("b",)).left == (Term(3, "a"),)

    def test_bad_side(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^terms: expected quantity names or Terms, got 5$"
        ):
            Constraint("c", 5, "<=", "b")  # type: ignore[arg-type]

    def test_unknown_relation(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^constraint 'c': relation: expected one of <=, >=, =, ratio, got '<'$",
        ):
            Constraint("c", "a", "<", "b")  # type: ignore[arg-type]

    def test_empty_side(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^constraint 'c': both sides need at least one quantity$"
        ):
            Constraint("c", [], "<=", "b")

    def test_bad_id_and_reason(self) -> None:
        with pytest.raises(ValidationError, match=r"^id: "):
            Constraint("c 1", "a", "<=", "b")
        with pytest.raises(ValidationError, match=r"^reason: expected a string"):
            Constraint("c", "a", "<=", "b", reason=None)  # type: ignore[arg-type]

    def test_ratio(self) -> None:
        c = Constraint.ratio("r1", "casualties", HALF, "deployed", reason="Jones")
        assert (c.relation, c.share, c.reason) == ("ratio", HALF, "Jones")
        assert str(c) == "casualties = [0, 50%] * deployed"
        assert c.quantities == ("casualties", "deployed")

    @pytest.mark.parametrize("share", [None, Range.exact(1)])
    def test_ratio_needs_a_proportion(self, share: Range | None) -> None:
        with pytest.raises(
            ValidationError, match=r"^constraint 'r': share: a ratio needs a proportion range, got "
        ):
            Constraint("r", "a", "ratio", "b", share=share)

    def test_ratio_links_one_quantity_to_one_base(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^constraint 'r': a ratio links exactly one quantity to one base$",
        ):
            Constraint("r", ["a", "b"], "ratio", "c", share=HALF)
        with pytest.raises(ValidationError, match=r"exactly one quantity to one base"):
            Constraint("r", "a", "ratio", ["b", "c"], share=HALF)

    def test_only_a_ratio_has_a_share(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^constraint 'c': share: only a ratio constraint has a share, got Range",
        ):
            Constraint("c", "a", "<=", "b", share=HALF)

    @pytest.mark.parametrize(
        ("text", "relation", "left", "right"),
        [
            ("casualties <= deployed", "<=", [(1, "casualties")], [(1, "deployed")]),
            (
                "in_combat + casualties <= deployed",
                "<=",
                [(1, "in_combat"), (1, "casualties")],
                [(1, "deployed")],
            ),
            ("x >= 1/2 y", ">=", [(1, "x")], [(Fraction(1, 2), "y")]),
            ("a = 2*b - 0.5 c", "=", [(1, "a")], [(2, "b"), (Fraction(-1, 2), "c")]),
            ("-a+b<=c", "<=", [(-1, "a"), (1, "b")], [(1, "c")]),
            ("+ a <= 2 * b", "<=", [(1, "a")], [(2, "b")]),
            ("a.b <= c", "<=", [(1, "a.b")], [(1, "c")]),
        ],
    )
    def test_parse(
        self,
        text: str,
        relation: str,
        left: list[tuple[object, str]],
        right: list[tuple[object, str]],
    ) -> None:
        c = Constraint.parse("c", text, reason="why")
        assert c.relation == relation
        assert c.left == tuple(Term(k, q) for k, q in left)
        assert c.right == tuple(Term(k, q) for k, q in right)
        assert c.reason == "why"

    @pytest.mark.parametrize(
        "text",
        [
            "casualties << deployed",
            "a < b",
            "<= b",
            "a <=",
            "a b <= c",
            "a <= b <= c",
            "a => b",
            "2 <= b",
            "a * b <= c",
            "2.5/2 a <= b",
        ],
    )
    def test_parse_refuses(self, text: str) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^constraint 'c9': expression: expected 'left <= right', 'left >= right' or "
            r"'left = right' with '\+'-separated terms, got ",
        ):
            Constraint.parse("c9", text)

    def test_regression_zero_denominator_coefficient_is_a_validation_error(self) -> None:
        # "1/0 a" once raised a bare ZeroDivisionError out of Constraint.parse and load.
        with pytest.raises(ValidationError, match=r"expression"):
            Constraint.parse("c", "1/0 a <= b")

    def test_regression_parse_is_linear_in_the_input(self) -> None:
        # Two touching runs of spaces once made a failed match quadratic (5 s for 16 kB).
        with pytest.raises(ValidationError, match=r"expression"):
            Constraint.parse("c", "a <= " + " " * 200_000 + "!")

    @pytest.mark.parametrize(
        "text",
        [
            "casualties <= deployed",
            "in_combat + casualties <= deployed",
            "-a + 0.5*b - 1/3*c >= d",
            "a = 2*b",
        ],
    )
    def test_str_parses_back(self, text: str) -> None:
        c = Constraint.parse("c", text)
        assert str(c) == text
        assert Constraint.parse("c", str(c)) == c

    def test_quantities_are_sorted_and_unique(self) -> None:
        c = Constraint.parse("c", "b + a <= b + c")
        assert c.quantities == ("a", "b", "c")


class TestClaimSet:
    def test_empty(self) -> None:
        cs = ClaimSet()
        assert (cs.quantities, cs.sources, cs.claims, cs.constraints) == ((), (), (), ())

    def test_lookups(self) -> None:
        cs = seedlike()
        assert cs.quantity("deployed").cumulative
        assert cs.claim("budanov").value == Range.closed(7500, 8500)
        assert cs.quantities_by_name["in_combat"] is cs.quantities[0]
        assert cs.sources_by_id["hur"].grade == "B"
        assert set(cs.claims_by_id) == {"budanov", "jones"}

    def test_unknown_lookups(self) -> None:
        cs = seedlike()
        with pytest.raises(ValidationError, match=r"^quantity: unknown quantity 'troops'$"):
            cs.quantity("troops")
        with pytest.raises(ValidationError, match=r"^claim: unknown claim id 'nyt'$"):
            cs.claim("nyt")
        with pytest.raises(ValidationError, match=r"unknown quantity 'troops'"):
            cs.claims_about("troops")

    def test_claims_about(self) -> None:
        cs = seedlike()
        assert [c.id for c in cs.claims_about("in_combat")] == ["budanov"]
        assert cs.claims_about("deployed") == ()

    def test_origin_uses_the_sets_sources(self) -> None:
        cs = seedlike()
        assert cs.origin(cs.claim("budanov")) == "hur"
        assert cs.origin(cs.claim("jones")) == "jones"

    def test_lists_become_tuples(self) -> None:
        cs = ClaimSet(quantities=[Quantity("q")])
        assert cs.quantities == (Quantity("q"),)

    def test_equality_ignores_the_indexes(self) -> None:
        assert seedlike() == seedlike()
        assert seedlike() != ClaimSet()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("quantities", "q", "^quantities: expected a list of Quantity, got 'q'$"),
            ("sources", 5, "^sources: expected a list of Source, got 5$"),
            ("claims", [Quantity("q")], "^claims: expected Claim items, got Quantity"),
            ("constraints", [None], "^constraints: expected Constraint items, got None$"),
        ],
    )
    def test_item_types(self, field: str, value: object, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            ClaimSet(**{field: value})  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            ({"quantities": [Quantity("deployed")]}, "^quantity 'deployed': id: duplicate id"),
            ({"sources": [Source("hur", "Other")]}, "^source 'hur': id: duplicate id 'hur'$"),
            (
                {"claims": [Claim("jones", "deployed", Range.exact(1))]},
                "^claim 'jones': id: duplicate id 'jones'$",
            ),
            (
                {"constraints": [Constraint.parse("budanov", "in_combat <= deployed")]},
                "^claim or constraint 'budanov': id: duplicate id 'budanov'$",
            ),
            (
                {"constraints": [Constraint.parse("c1", "in_combat <= deployed")]},
                "^claim or constraint 'c1': id: duplicate id 'c1'$",
            ),
        ],
    )
    def test_duplicate_ids(self, extra: dict[str, object], message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            seedlike(**extra)

    def test_speaks_for_must_be_known(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^source 'press': speaks_for: unknown source 'mod'$"
        ):
            seedlike(sources=[Source("press", "Press", speaks_for="mod")])

    def test_unknown_quantity(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^claim 'x': quantity: unknown quantity 'deplyoed'; "
            r"declared: casualties, deployed, in_combat$",
        ):
            seedlike(claims=[Claim("x", "deplyoed", Range.at_least(1))])
        with pytest.raises(ValidationError, match=r"; declared: none$"):
            ClaimSet(claims=[Claim("x", "q", Range.at_least(1))])

    def test_share_of_an_unknown_base(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^claim 'x': value: unknown base quantity 'troops'$"
        ):
            seedlike(claims=[Claim("x", "casualties", FractionOf(HALF, "troops"))])

    def test_share_of_a_base_of_another_kind(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^claim 'x': value: a share of 'dist' \(amount\) cannot give 'casualties' "
            r"\(count\); expected a count or amount base of the same kind and unit$",
        ):
            seedlike(
                quantities=[Quantity("dist", kind="amount")],
                claims=[Claim("x", "casualties", FractionOf(HALF, "dist"))],
            )

    def test_share_cannot_give_a_proportion(self) -> None:
        with pytest.raises(ValidationError, match=r"a share of 'p' \(proportion\) cannot give"):
            ClaimSet(
                quantities=[Quantity("p", kind="proportion")],
                claims=[Claim("x", "p", FractionOf(HALF, "p"))],
            )

    def test_share_of_a_base_in_another_unit(self) -> None:
        with pytest.raises(ValidationError, match=r"cannot give 'd_km'"):
            ClaimSet(
                quantities=[
                    Quantity("d_km", kind="amount", unit="km"),
                    Quantity("d_mi", kind="amount", unit="mi"),
                ],
                claims=[Claim("x", "d_km", FractionOf(HALF, "d_mi"))],
            )

    @pytest.mark.parametrize(
        ("quantity", "value", "message"),
        [
            (
                Quantity("d", kind="amount", unit="km"),
                Range.exact(1, kind="amount", unit="kg"),
                "^claim 'x': value: amount range in 'kg' does not fit quantity 'd', "
                "an amount in 'km'$",
            ),
            (
                Quantity("d", kind="amount", unit="km"),
                Range.exact(1),
                "^claim 'x': value: count range does not fit quantity 'd', an amount in 'km'$",
            ),
            (
                Quantity("d"),
                Range.exact(1, kind="amount", unit="km"),
                "^claim 'x': value: amount range in 'km' does not fit quantity 'd', a count$",
            ),
        ],
    )
    def test_value_must_fit_the_quantity(
        self, quantity: Quantity, value: Range, message: str
    ) -> None:
        with pytest.raises(ValidationError, match=message):
            ClaimSet(quantities=[quantity], claims=[Claim("x", "d", value)])

    def test_value_in_the_right_unit(self) -> None:
        q = Quantity("d", kind="amount", unit="km")
        cs = ClaimSet(
            quantities=[q], claims=[Claim("x", "d", Range.exact(1, kind="amount", unit="km"))]
        )
        assert cs.claim("x").value.unit == "km"  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        "source",
        [
            Attribution("mod"),
            Attribution("hur", citing=("mod",)),
            Attribution("hur", reported_by=("ajp", "mod")),
        ],
    )
    def test_every_source_in_the_chain_must_be_known(self, source: Attribution) -> None:
        with pytest.raises(ValidationError, match=r"^claim 'x': source: unknown source 'mod'$"):
            seedlike(claims=[Claim("x", "deployed", Range.exact(1), source=source)])

    def test_constraint_on_an_unknown_quantity(self) -> None:
        with pytest.raises(
            ValidationError, match=r"^constraint 'c2': quantity: unknown quantity 'troops'$"
        ):
            seedlike(constraints=[Constraint.parse("c2", "casualties <= troops")])

    def test_constraint_across_kinds(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^constraint 'c2': quantities of different kinds or units cannot be compared: "
            r"casualties \(count\), share \(proportion\)$",
        ):
            seedlike(
                quantities=[Quantity("share", kind="proportion")],
                constraints=[Constraint.parse("c2", "casualties <= share")],
            )

    def test_add(self) -> None:
        cs = seedlike().add(
            Quantity("wounded"),
            Source("nis", "NIS"),
            Claim("nis", "wounded", Range.more_than(3000), source="nis"),
            Constraint.parse("c3", "wounded <= casualties"),
        )
        assert cs.quantities[-1].name == "wounded"
        assert cs.sources[-1].id == "nis"
        assert cs.claims[-1].id == "nis"
        assert cs.constraints[-1].id == "c3"

    def test_add_checks_like_the_rest(self) -> None:
        with pytest.raises(ValidationError, match=r"duplicate id"):
            seedlike().add(Quantity("deployed"))

    def test_add_refuses_other_items(self) -> None:
        with pytest.raises(
            ValidationError,
            match=r"^add: expected Quantity, Source, Claim or Constraint items, got 'q'$",
        ):
            ClaimSet().add("q")  # type: ignore[arg-type]
