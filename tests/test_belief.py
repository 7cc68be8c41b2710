"""The belief view: claimrec.belief (Dempster-Shafer over interval claims)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimrec
from claimrec.belief import (
    RULES,
    MassFunction,
    Rule,
    TotalConflictError,
    _union,
    belief,
    mass_function,
)
from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.errors import ClaimrecError, KindError, ValidationError
from claimrec.policies import Weights
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.spans import Span

ALL_RULES: tuple[Rule, ...] = ("dempster", "yager", "dubois_prade", "cautious")
SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
DAY = "2025-01-25"


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


def simple(*claims: tuple[str, Range, str], kind: str = "count") -> ClaimSet:
    """Claims about quantity q, each said by a source of the given grade, observed."""
    sources = {grade: Source(f"s{grade}", f"S{grade}", grade=grade) for _, _, grade in claims}
    return ClaimSet(
        quantities=[Quantity("q", kind)],  # type: ignore[arg-type]
        sources=list(sources.values()),
        claims=[
            Claim(i, "q", r, source=f"s{g}", credibility=1, evidence="observation")
            for i, r, g in claims
        ],
    )


def brute_force(
    evidence: list[tuple[Range, Fraction]], frame: Range, rule: str
) -> dict[tuple[Range, ...], Fraction]:
    """Every combination of focal elements, one per claim, enumerated: the definition."""
    result: dict[tuple[Range, ...], Fraction] = {}
    conflict = Fraction(0)
    for picks in product((True, False), repeat=len(evidence)):
        weight = Fraction(1)
        meet = frame
        chosen = []
        for (interval, alpha), pick in zip(evidence, picks, strict=True):
            weight *= alpha if pick else 1 - alpha
            if pick:
                meet = meet & interval
                chosen.append(interval)
        if not weight:
            continue
        if meet.is_empty:
            conflict += weight
            if rule == "dubois_prade":
                key = _union(chosen) if all(picks) else (frame,)
                result[key] = result.get(key, Fraction(0)) + weight
            elif rule == "yager":
                result[(frame,)] = result.get((frame,), Fraction(0)) + weight
        else:
            result[(meet,)] = result.get((meet,), Fraction(0)) + weight
    if rule == "dempster":
        result = {k: w / (1 - conflict) for k, w in result.items()}
    return {k: w for k, w in result.items() if w}


class TestSeed:
    def test_budanov_against_two_zero_claims(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "in_combat", at=DAY)
        alpha = dict(m.claims)
        assert alpha == {
            "budanov": Fraction(12, 25),
            "nis_combat": Fraction(6, 25),
            "nyt": Fraction(36, 125),
        }
        # Conflict: budanov believed and at least one of the zero claims believed.
        doubt = (1 - alpha["nyt"]) * (1 - alpha["nis_combat"])
        assert m.conflict == alpha["budanov"] * (1 - doubt)
        assert sum(w for _, w in m.masses) == 1

    def test_rules_agree_on_conflict_and_differ_on_what_it_becomes(self, seed: ClaimSet) -> None:
        results = {rule: belief(seed, "in_combat", 0, 0, at=DAY, rule=rule) for rule in ALL_RULES}
        conflicts = {r[2] for rule, r in results.items() if rule != "cautious"}
        assert len(conflicts) == 1
        for bel, pl, _ in results.values():
            assert 0 <= bel <= pl <= 1
        # Yager keeps conflict as ignorance: belief no higher than Dempster's.
        assert results["yager"][0] <= results["dempster"][0]
        assert results["yager"][1] >= results["dempster"][1]

    def test_dubois_prade_gives_the_conflict_to_the_union(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "in_combat", at=DAY, rule="dubois_prade")
        union = (Range.exact(0), Range.closed(7500, 8500))
        masses = dict(m.masses)
        alpha = dict(m.claims)
        assert masses[union] == alpha["budanov"] * alpha["nyt"] * alpha["nis_combat"]
        # Belief that the value is 0 or about 8,000 counts the union; that it is 0 does not.
        assert m.belief(m.query(0, 8500)) > m.belief(m.query(0, 0))

    def test_a_day_with_one_claim_has_no_conflict(self, seed: ClaimSet) -> None:
        bel, pl, k = belief(seed, "in_combat", 7500, 8500, at="2025-02-04")
        assert (bel, pl, k) == (Fraction(12, 25), Fraction(1), Fraction(0))

    def test_shares_of_another_quantity_are_skipped_with_a_reason(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "casualties", at="2025-02-04")
        assert m.skipped == (("jones", "a share of deployed has no interval of its own"),)
        assert [c for c, _ in m.claims] == ["nis_losses"]

    def test_a_share_outside_the_day_is_not_listed(self, seed: ClaimSet) -> None:
        assert mass_function(seed, "casualties", at="2025-03-01").skipped == ()

    def test_cumulative_lower_bounds_carry_forward(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "deployed", at="2025-03-01")
        assert [str(e[0]) for e, _ in m.masses] == ["[10,001, inf)", "[0, inf)"]

    def test_a_day_with_no_claim_is_pure_ignorance(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "in_combat", at="2024-01-01")
        assert m.masses == (((m.frame,), Fraction(1)),)
        assert belief(seed, "in_combat", 0, 100, at="2024-01-01") == (
            Fraction(0),
            Fraction(1),
            Fraction(0),
        )

    def test_shared_origins_are_reported(self) -> None:
        agency = Source("agency", "Agency", grade="B")
        outlets = [Source(n, n.upper(), kind="news_outlet", grade="B") for n in ("a", "b")]
        cs = ClaimSet(
            quantities=[Quantity("q")],
            sources=[agency, *outlets],
            claims=[
                Claim("x", "q", Range.closed(5, 10), source=Attribution("a", citing="agency")),
                Claim("y", "q", Range.closed(5, 10), source=Attribution("b", citing="agency")),
            ],
        )
        m = mass_function(cs, "q", at=DAY)
        assert m.shared_origins() == {"agency": ("x", "y")}


class TestRules:
    def test_every_rule_is_listed(self) -> None:
        assert ALL_RULES == RULES

    def test_an_unknown_rule_is_refused(self, seed: ClaimSet) -> None:
        with pytest.raises(ValidationError, match="rule: expected one of"):
            mass_function(seed, "in_combat", at=DAY, rule="pcr5")  # type: ignore[arg-type]

    def test_an_unknown_quantity_is_refused(self, seed: ClaimSet) -> None:
        with pytest.raises(ValidationError, match="unknown quantity 'troops'"):
            belief(seed, "troops", 0, 1, at=DAY)

    def test_a_bad_day_is_refused(self, seed: ClaimSet) -> None:
        with pytest.raises(ValidationError, match="at: expected an ISO date"):
            belief(seed, "in_combat", 0, 1, at="late January")

    def test_total_conflict_stops_dempster_and_cautious(self) -> None:
        cs = simple(("one", Range.exact(1), "A"), ("two", Range.exact(2), "A"))
        normalising: tuple[Rule, ...] = ("dempster", "cautious")
        for rule in normalising:
            with pytest.raises(TotalConflictError, match="conflict completely") as err:
                mass_function(cs, "q", at=DAY, rule=rule)
            assert isinstance(err.value, ClaimrecError)
            assert isinstance(err.value, ZeroDivisionError)

    def test_total_conflict_is_ignorance_for_yager(self) -> None:
        cs = simple(("one", Range.exact(1), "A"), ("two", Range.exact(2), "A"))
        assert belief(cs, "q", 1, 2, at=DAY, rule="yager") == (
            Fraction(0),
            Fraction(1),
            Fraction(1),
        )

    def test_total_conflict_is_the_union_for_dubois_prade(self) -> None:
        cs = simple(("one", Range.exact(1), "A"), ("two", Range.exact(3), "A"))
        m = mass_function(cs, "q", at=DAY, rule="dubois_prade")
        assert m.masses == (((Range.exact(1), Range.exact(3)), Fraction(1)),)
        assert m.belief(m.query(1, 3)) == 1
        assert m.plausibility(m.query(2, 2)) == 0

    def test_dubois_prade_union_of_touching_counts_is_one_interval(self) -> None:
        cs = simple(("one", Range.closed(0, 1), "A"), ("two", Range.closed(2, 3), "A"))
        m = mass_function(cs, "q", at=DAY, rule="dubois_prade")
        assert m.masses == (((Range.closed(0, 3),), Fraction(1)),)

    def test_dubois_prade_when_all_claims_agree_puts_conflict_on_the_frame(self) -> None:
        cs = simple(
            ("a", Range.closed(0, 5), "B"),
            ("b", Range.closed(3, 9), "B"),
            ("c", Range.closed(7, 9), "B"),
        )
        m = mass_function(cs, "q", at=DAY, rule="dubois_prade")
        evidence = [(c.value, Fraction(4, 5)) for c in cs.claims if isinstance(c.value, Range)]
        expected = brute_force(evidence, m.frame, "dubois_prade")
        assert dict(m.masses) == expected

    def test_a_zero_weight_claim_changes_nothing(self) -> None:
        cs = simple(("a", Range.closed(0, 5), "B"))
        zero = Weights(
            evidence={"observation": 0, "estimate": 0, "denial": 0, "absence_of_evidence": 0}
        )
        m = mass_function(cs, "q", at=DAY, weights=zero)
        assert m.masses == (((m.frame,), Fraction(1)),)
        assert m.claims == (("a", Fraction(0)),)

    def test_weights_above_one_are_refused(self) -> None:
        cs = simple(("a", Range.closed(0, 5), "B"))
        too_heavy: dict[object, object] = {}
        for grade, weight in Weights().grades.items():
            too_heavy[grade] = weight
        too_heavy["B"] = Fraction(2)
        with pytest.raises(ValidationError, match=r"weight of claim 'a': 2 .* is no discount"):
            mass_function(
                cs,
                "q",
                at=DAY,
                weights=Weights(grades=too_heavy),
            )

    def test_the_cautious_rule_does_not_count_a_repeat_twice(self) -> None:
        once = simple(("a", Range.closed(0, 5), "B"))
        twice = simple(("a", Range.closed(0, 5), "B"), ("b", Range.closed(0, 5), "B"))
        q = (0, 5)
        assert belief(twice, "q", *q, at=DAY, rule="cautious") == belief(once, "q", *q, at=DAY)
        assert belief(twice, "q", *q, at=DAY)[0] > belief(once, "q", *q, at=DAY)[0]

    def test_the_cautious_rule_keeps_the_strongest_of_a_repeat(self) -> None:
        weak_strong = simple(("a", Range.closed(0, 5), "E"), ("b", Range.closed(0, 5), "A"))
        strong = simple(("b", Range.closed(0, 5), "A"))
        assert (
            belief(weak_strong, "q", 0, 5, at=DAY, rule="cautious")[0]
            == belief(strong, "q", 0, 5, at=DAY)[0]
            == 1
        )

    def test_queries_of_another_kind_are_refused(self, seed: ClaimSet) -> None:
        m = mass_function(seed, "in_combat", at=DAY)
        with pytest.raises(KindError):
            m.belief(Range.closed(0, 1, kind="proportion"))
        with pytest.raises(KindError):
            m.plausibility(Range.closed(0, 1, kind="amount"))

    def test_open_query_ends(self) -> None:
        cs = simple(("a", Range.closed(0, 5, kind="amount"), "A"), kind="amount")
        assert belief(cs, "q", 0, 5, at=DAY, lower_closed=False)[:2] == (Fraction(0), Fraction(1))
        assert belief(cs, "q", 0, 5, at=DAY)[:2] == (Fraction(1), Fraction(1))

    def test_a_reversed_query_is_refused(self, seed: ClaimSet) -> None:
        with pytest.raises(ValidationError, match=r"lower .* must be <= upper"):
            belief(seed, "in_combat", 10, 1, at=DAY)


class TestCumulative:
    def cs(self, *claims: Claim) -> ClaimSet:
        return ClaimSet(quantities=[Quantity("dead", cumulative=True)], claims=claims)

    def test_an_upper_bound_holds_at_earlier_days(self) -> None:
        later = Claim("later", "dead", Range.closed(100, 200), period=Span.day("2025-03-01"))
        m = mass_function(self.cs(later), "dead", at="2025-02-01")
        assert m.masses[0][0] == (Range.at_most(200),)

    def test_an_unbounded_later_claim_says_nothing_earlier(self) -> None:
        later = Claim("later", "dead", Range.at_least(100), period=Span.day("2025-03-01"))
        assert mass_function(self.cs(later), "dead", at="2025-02-01").claims == ()

    def test_an_earlier_claim_without_a_lower_bound_says_nothing_later(self) -> None:
        earlier = Claim("earlier", "dead", Range.at_most(100), period=Span.day("2025-01-01"))
        assert mass_function(self.cs(earlier), "dead", at="2025-02-01").claims == ()

    def test_non_cumulative_claims_hold_only_in_their_period(self) -> None:
        cs = ClaimSet(
            quantities=[Quantity("q")],
            claims=[Claim("c", "q", Range.exact(3), period=Span.day("2025-01-01"))],
        )
        assert mass_function(cs, "q", at=dt.date(2025, 1, 2)).claims == ()
        assert mass_function(cs, "q", at=dt.date(2025, 1, 1)).claims == (
            ("c", Fraction(1, 2) * Fraction(1, 2) * Fraction(4, 5)),
        )


class TestUnion:
    def test_disjoint_pieces_stay_apart_in_order(self) -> None:
        a, b = Range.closed(5, 6, kind="amount"), Range.closed(0, 1, kind="amount")
        assert _union([a, b]) == (b, a)

    def test_touching_amounts_join_when_one_end_is_closed(self) -> None:
        a = Range("amount", 0, 1, True, False)
        b = Range("amount", 1, 2, True, True)
        assert _union([a, b]) == (Range.closed(0, 2, kind="amount"),)
        c = Range("amount", 1, 2, False, True)
        assert _union([a, c]) == (a, c)

    def test_overlaps_and_unbounded_pieces_join(self) -> None:
        a = Range("amount", None, 3, False, True)
        b = Range("amount", 2, None, True, False)
        assert _union([b, a]) == (Range.unbounded(kind="amount"),)

    def test_empty_pieces_vanish(self) -> None:
        assert _union([Range.empty()]) == ()


def _intervals() -> st.SearchStrategy[Range]:
    return st.tuples(st.integers(0, 20), st.integers(0, 6)).map(
        lambda t: Range.closed(t[0], t[0] + t[1])
    )


class TestLaws:
    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.tuples(_intervals(), st.sampled_from("ABCDEF")), min_size=1, max_size=4),
        st.sampled_from(["yager", "dubois_prade", "dempster"]),
        _intervals(),
    )
    def test_combination_matches_the_definition(
        self, claims: list[tuple[Range, str]], rule: str, query: Range
    ) -> None:
        cs = simple(*((f"c{i}", r, g) for i, (r, g) in enumerate(claims)))
        weights = Weights()
        evidence = [
            (c.value, weights.of(c, cs.sources_by_id)[0])
            for c in sorted(cs.claims, key=lambda c: c.id)
        ]
        try:
            m = mass_function(cs, "q", at=DAY, rule=rule)  # type: ignore[arg-type]
        except TotalConflictError:
            assert rule == "dempster"
            return
        expected = brute_force(evidence, m.frame, rule)  # type: ignore[arg-type]
        assert dict(m.masses) == expected
        assert sum(w for _, w in m.masses) == 1
        bel, pl = m.belief(query), m.plausibility(query)
        assert 0 <= bel <= pl <= 1
        assert m.belief(m.frame) == 1

    @settings(max_examples=60, deadline=None)
    @given(st.lists(_intervals(), min_size=1, max_size=4), _intervals())
    def test_plausibility_is_one_minus_belief_of_the_complement(
        self, intervals: list[Range], query: Range
    ) -> None:
        cs = simple(*((f"c{i}", r, "B") for i, r in enumerate(intervals)))
        m = mass_function(cs, "q", at=DAY, rule="yager")
        assert query.lower is not None
        assert query.upper is not None
        below = Range("count", None, query.lower, False, False)
        above = Range("count", query.upper, None, False, False)
        # The complement is two pieces: a focal element avoids Q when it lies in one of them.
        outside = sum(
            (w for e, w in m.masses if all(below.contains(p) or above.contains(p) for p in e)),
            Fraction(0),
        )
        assert m.plausibility(query) == 1 - outside

    @settings(max_examples=40, deadline=None)
    @given(st.lists(_intervals(), min_size=1, max_size=3))
    def test_cautious_is_idempotent(self, intervals: list[Range]) -> None:
        once = simple(*((f"c{i}", r, "C") for i, r in enumerate(intervals)))
        twice = simple(
            *((f"c{i}", r, "C") for i, r in enumerate(intervals)),
            *((f"d{i}", r, "C") for i, r in enumerate(intervals)),
        )
        # Grade C weighs less than 1, so conflict is never total here.
        a = mass_function(once, "q", at=DAY, rule="cautious")
        b = mass_function(twice, "q", at=DAY, rule="cautious")
        assert a.masses == b.masses
        assert a.conflict == b.conflict


def test_mass_function_is_a_value() -> None:
    m = MassFunction("q", dt.date(2025, 1, 1), "yager", Range.unbounded(), (), Fraction(0))
    assert m.shared_origins() == {}


def test_fraction_claims_are_never_combined() -> None:
    cs = ClaimSet(
        quantities=[Quantity("a"), Quantity("b")],
        claims=[Claim("share", "a", FractionOf(Range.at_most("0.5", kind="proportion"), "b"))],
    )
    m = mass_function(cs, "a", at=DAY)
    assert m.claims == ()
    assert m.skipped == (("share", "a share of b has no interval of its own"),)
