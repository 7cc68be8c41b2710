"""Reconciling the seed example and small hand-made cases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import claimrec
from claimrec import Claim, ClaimSet, Constraint, Quantity, Range, Source, Span
from claimrec.errors import PolicyError
from claimrec.policies import Choice, Weights

SEED = Path(__file__).parent.parent / "seeds" / "north-korea-2025.json"


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


def test_seed_in_combat_is_a_conflict_of_budanov_against_the_retreat_reports(seed):
    seg = claimrec.reconcile(seed, at="2025-01-25")["in_combat"][0]
    assert seg.status == "conflict"
    assert seg.interval is None
    assert seg.envelope == Range.closed(0, 8500)
    assert seg.conflicts == (("budanov", "nis_combat"), ("budanov", "nyt"))
    assert dict(seg.set_aside).keys() == {"budanov", "nis_combat", "nyt"}


def test_most_reliable_sets_budanov_aside_when_both_reports_stand_against_him(seed):
    seg = claimrec.reconcile(seed, at="2025-01-25", policy="most_reliable")["in_combat"][0]
    assert seg.interval == Range.exact(0)
    assert seg.supporting == ("nis_combat", "nyt")
    assert dict(seg.set_aside)["budanov"] == (
        "conflicts with nis_combat, nyt; not in the side kept by policy most_reliable"
    )
    assert (
        "policy most_reliable kept {nis_combat, nyt} (weight 0.528, 2 origins) by weight "
        "over {budanov} (weight 0.48, 1 origin)"
    ) in seg.reasons


def test_absence_of_evidence_weighs_less_than_an_observation(seed):
    seg = claimrec.reconcile(seed, at="2025-01-18", policy="most_reliable")["in_combat"][0]
    assert seg.interval == Range.closed(7500, 8500)
    assert any("absence_of_evidence 0.5" in r for r in seg.reasons)


def test_envelope_policy_reports_the_hull(seed):
    seg = claimrec.reconcile(seed, at="2025-01-25", policy="envelope")["in_combat"][0]
    assert seg.status == "conflict" and seg.interval == Range.closed(0, 8500)


def test_majority_of_origins_counts_independent_origins():
    # Two strong claims from one agency (relayed by two outlets) against two weaker
    # claims from two independent origins: weight favours the agency, origins do not.
    cs = ClaimSet(
        quantities=[Quantity("q")],
        sources=[Source("agency", "Agency", grade="A"), Source("x", "Outlet X", grade="B"),
                 Source("y", "Outlet Y", grade="B"), Source("p", "P", grade="D"),
                 Source("r", "R", grade="D")],
        claims=[
            Claim("a1", "q", Range.exact(10), source=claimrec.Attribution("x", ("agency",)),
                  credibility=1),
            Claim("a2", "q", Range.exact(10), source=claimrec.Attribution("y", ("agency",)),
                  credibility=1),
            Claim("p1", "q", Range.exact(0), source="p", credibility=4),
            Claim("r1", "q", Range.exact(0), source="r", credibility=4),
        ],
    )
    assert claimrec.reconcile(cs, policy="most_reliable")["q"][0].interval == Range.exact(10)
    seg = claimrec.reconcile(cs, policy="majority_of_origins")["q"][0]
    assert seg.interval == Range.exact(0)
    assert seg.supporting == ("p1", "r1")


def test_seed_casualties_are_more_than_3000_and_at_most_half_of_deployed(seed):
    report = claimrec.reconcile(seed, at="2025-02-04")
    seg = report["casualties"][0]
    assert seg.status == "consistent"
    assert seg.interval == Range.more_than(3000)
    assert seg.supporting == ("jones", "nis_losses")
    assert any("jones says casualties is [0, 50%] of deployed" in r for r in seg.reasons)


def test_seed_deployed_is_derived_from_budanov_and_nis_losses_through_c2(seed):
    seg = claimrec.reconcile(seed, at="2025-02-04")["deployed"][0]
    assert seg.status == "derived"
    assert seg.interval == Range.at_least(10501)
    assert seg.lower.constraint == "c2"
    assert sorted(seg.lower.label) == ["budanov", "nis_losses"]
    assert seg.lower.constraints() == {"c2"}
    assert {c for p in seg.lower.premises for c in p.claims} == {"budanov", "nis_losses"}
    assert any(
        r.startswith("lower bound 10,501 because in_combat >= 7,500 (budanov, 'about 8,000')")
        and "(nis_losses, carried over time, 'more than 3,000')" in r
        and r.endswith(
            "in_combat + casualties <= deployed (c2) (conditional on budanov, which is disputed)"
        )
        for r in seg.reasons
    )


def test_a_bound_resting_on_a_disputed_claim_is_conditional(seed):
    strict = claimrec.reconcile(seed, at="2025-02-03")["deployed"][0]
    assert strict.interval == Range.at_least(3001)
    assert any(r.startswith("if budanov held: lower bound 10,501") for r in strict.reasons)
    chosen = claimrec.reconcile(seed, at="2025-02-03", policy="most_reliable")["deployed"][0]
    assert chosen.interval == Range.at_least(10501)
    assert any("(conditional on budanov, which is disputed)" in r for r in chosen.reasons)


def test_cumulative_lower_bounds_carry_forward_and_upper_bounds_back():
    cs = ClaimSet(
        quantities=[Quantity("dead", cumulative=True)],
        claims=[
            Claim("early", "dead", Range.at_least(100), period=Span.day("2025-01-01")),
            Claim("late", "dead", Range.at_most(500), period=Span.day("2025-03-01")),
        ],
    )
    seg = claimrec.reconcile(cs, at="2025-02-01")["dead"][0]
    assert seg.interval == Range.closed(100, 500)
    assert seg.supporting == ("early", "late")
    assert any("carried over time" in r for r in seg.reasons)


def test_a_contradiction_across_quantities_is_minimal_and_blames_the_weakest():
    cs = ClaimSet(
        quantities=[Quantity("a"), Quantity("b")],
        sources=[Source("strong", "Strong", grade="A"), Source("weak", "Weak", grade="E")],
        claims=[
            Claim("big_a", "a", Range.at_least(10), source="weak"),
            Claim("small_b", "b", Range.at_most(5), source="strong"),
            Claim("other", "b", Range.at_least(1), source="strong"),
        ],
        constraints=[Constraint.parse("k", "a <= b", reason="a is part of b")],
    )
    strict = claimrec.reconcile(cs)
    assert strict["a"][0].conflicts == (("big_a", "k", "small_b"),)
    assert strict["a"][0].interval is None
    chosen = claimrec.reconcile(cs, policy="most_reliable")
    assert dict(chosen["a"][0].set_aside).keys() == {"big_a"}
    assert chosen["b"][0].interval == Range.closed(1, 5)
    assert any("through" in r or "with k" in r for r in chosen["b"][0].reasons)


def test_a_single_claim_can_contradict_the_constraints():
    cs = ClaimSet(
        quantities=[Quantity("a"), Quantity("b")],
        claims=[Claim("x", "a", Range.closed(1, 5))],
        constraints=[Constraint.parse("k1", "a <= b"), Constraint.parse("k2", "2*b <= a")],
    )
    for policy in ("strict", "most_reliable"):
        seg = claimrec.reconcile(cs, policy=policy)["a"][0]
        assert seg.status == "conflict"
        assert seg.conflicts == (("k1", "k2", "x"),)
        assert "x" in dict(seg.set_aside)


def test_no_claims_gives_unknown_and_at_answers_one_day():
    cs = ClaimSet(quantities=[Quantity("q")])
    seg = claimrec.reconcile(cs)["q"][0]
    assert (seg.status, seg.interval, seg.start, seg.end) == ("unknown", None, None, None)
    day = claimrec.reconcile(cs, at=dt.date(2025, 1, 1))["q"][0]
    assert (day.start, day.end) == (dt.date(2025, 1, 1), dt.date(2025, 1, 2))


def test_json_has_exactly_the_documented_keys(seed):
    data = json.loads(claimrec.reconcile(seed).dumps())
    assert set(data) == {"quantities", "policy", "at"}
    for q in data["quantities"].values():
        assert set(q) == {"kind", "unit", "segments"}
        for seg in q["segments"]:
            assert set(seg) == {"start", "end", "status", "interval", "envelope", "supporting",
                                "set_aside", "conflicts", "reasons"}
            if seg["interval"] is not None:
                assert set(seg["interval"]) == {"lower", "upper", "lower_closed", "upper_closed",
                                                "kind", "unit"}


def test_unknown_policy_is_a_policy_error(seed):
    with pytest.raises(PolicyError, match="unknown name 'loudest'"):
        claimrec.reconcile(seed, policy="loudest")


def test_a_custom_policy_object_is_used():
    class Last:
        name = "last"

        def choose(self, options):
            return Choice(len(options) - 1 if options else None, "took the last option")

    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.exact(1)), Claim("b", "q", Range.exact(2))])
    seg = claimrec.reconcile(cs, policy=Last())["q"][0]
    assert seg.interval == Range.exact(2)
    assert "took the last option" in seg.reasons


def test_weights_can_be_changed(seed):
    heavy_absence = Weights(evidence={"observation": 1, "estimate": 1, "denial": 1,
                                      "absence_of_evidence": 5})
    seg = claimrec.reconcile(seed, at="2025-01-18", policy="most_reliable",
                             weights=heavy_absence)["in_combat"][0]
    assert seg.interval == Range.exact(0)


def test_text_markdown_and_explain_render_the_seed(seed):
    report = claimrec.reconcile(seed, policy="most_reliable")
    text = report.to_text()
    assert "in_combat  (count; 3 claims, 3 origins)" in text and "CONFLICT" in text
    assert "minimal conflicts: {budanov, nis_combat}, {budanov, nyt}" in text
    md = report.to_markdown()
    assert "## deployed (count)" in md and "| period | status |" in md
    tree = report.explain("deployed")
    assert "deployed >= 10,501  by c2: in_combat + casualties <= deployed" in tree
    assert "in_combat >= 7,500  stated by budanov 'about 8,000'" in tree
    assert report.to_rows()[0]["quantity"] == "casualties"
    assert "<table>" in report._repr_html_()


def test_report_belief_uses_the_claims_behind_it(seed):
    report = claimrec.reconcile(seed)
    bel, pl, conflict = report.belief("in_combat", 7000, 9000, at="2025-01-25")
    assert 0 <= bel <= pl <= 1 and conflict > 0
    bare = claimrec.Report("strict", None, {})
    with pytest.raises(claimrec.ValidationError, match="keeps no claim set"):
        bare.belief("in_combat", at="2025-01-25")


def test_weights_apply_to_a_policy_object_too(seed):
    from claimrec.policies import MostReliable, Strict

    heavy_absence = Weights(evidence={"observation": 1, "estimate": 1, "denial": 1,
                                      "absence_of_evidence": 5})
    by_name = claimrec.reconcile(seed, at="2025-01-18", policy="most_reliable",
                                 weights=heavy_absence)["in_combat"][0]
    by_object = claimrec.reconcile(seed, at="2025-01-18", policy=MostReliable(),
                                   weights=heavy_absence)["in_combat"][0]
    assert by_name.interval == by_object.interval == Range.exact(0)
    with pytest.raises(PolicyError, match="policy 'strict' takes no weights"):
        claimrec.reconcile(seed, policy=Strict(), weights=heavy_absence)


def test_text_report_lines_show_each_claims_chain_and_grade():
    cs = ClaimSet(
        quantities=[Quantity("q")],
        sources=[Source("agency", "Agency", grade="A"), Source("paper", "Paper", grade="C")],
        claims=[
            Claim("direct", "q", Range.closed(1, 5), source="agency", credibility=2),
            Claim("cited", "q", Range.closed(2, 6),
                  source=claimrec.Attribution("paper", ("agency",)), phrase="two to six"),
            Claim("loose", "q", Range.closed(3, 7)),
        ],
    )
    text = claimrec.reconcile(cs).to_text()
    assert "direct  [1, 5]                                  agency  A2  estimate" in text
    assert "cited   [2, 6]            'two to six'          paper citing agency  A6  estimate" in text
    assert "loose   [3, 7]                                  unattributed  F6  estimate" in text
    assert "q  (count; 3 claims, 2 origins)" in text
