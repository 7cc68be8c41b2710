"""Reconciling small hand-made claim sets: one case per behaviour of claimrec.reconcile."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest

import claimrec
from claimrec import Claim, ClaimSet, Constraint, Quantity, Range, Source, Span
from claimrec.policies import Choice, MostReliable, Weights
from claimrec.ranges import FractionOf
from claimrec.reconcile import iter_reconcile

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
HALF = Range.at_most(Fraction(1, 2), kind="proportion")
D = dt.date
JAN = Span("2025-01-01", "2025-02-01")


def only(report, name):
    [seg] = report[name]
    return seg


def has(reasons, *parts):
    """True when one reason contains every part."""
    return any(all(p in r for p in parts) for r in reasons)


@pytest.fixture(scope="module")
def seed():
    return claimrec.load(SEED)


# -- a quantity on its own ---------------------------------------------------------------------


def test_agreeing_claims_give_the_intersection_and_name_the_setter_of_each_bound():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("wide", "q", Range.closed(0, 100)),
                          Claim("low", "q", Range.at_least(10)),
                          Claim("high", "q", Range.at_most(50))])
    seg = only(claimrec.reconcile(cs), "q")
    assert (seg.status, seg.interval, seg.envelope) == ("consistent", Range.closed(10, 50),
                                                        Range.unbounded())
    assert seg.supporting == ("high", "low", "wide")
    assert seg.set_aside == () and seg.conflicts == ()
    assert seg.reasons == ("lower bound 10: low said [10, inf)", "upper bound 50: high said [0, 50]")
    assert seg.lower.claims == ("low",) and seg.upper.claims == ("high",)


def test_a_bound_several_claims_set_names_them_all():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.closed(3, 9), phrase="three to nine"),
                          Claim("b", "q", Range.closed(3, 7))])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.lower.claims == ("a", "b")
    assert "lower bound 3: a said 'three to nine' and b said [3, 7]" in seg.reasons


def test_a_claim_without_a_phrase_is_quoted_by_its_value():
    cs = ClaimSet(quantities=[Quantity("x", "amount", unit="km")],
                  claims=[Claim("d", "x", Range.closed(Fraction(1, 2), 3, kind="amount",
                                                       unit="km"))])
    seg = only(claimrec.reconcile(cs), "x")
    assert seg.reasons == ("lower bound 0.5: d said [0.5, 3] km",
                           "upper bound 3: d said [0.5, 3] km")


def test_an_amount_claim_unbounded_below_leaves_the_lower_bound_out_of_the_reasons():
    cs = ClaimSet(quantities=[Quantity("x", "amount")],
                  claims=[Claim("d", "x", Range.at_most(-2, kind="amount"))])
    seg = only(claimrec.reconcile(cs), "x")
    assert seg.interval == Range.at_most(-2, kind="amount")
    assert seg.lower is None
    assert seg.reasons == ("upper bound -2: d said (-inf, -2]",)


def test_no_claims_at_all_is_one_unknown_segment_for_all_time():
    seg = only(claimrec.reconcile(ClaimSet(quantities=[Quantity("q")])), "q")
    assert (seg.start, seg.end, seg.status, seg.interval, seg.envelope) == (
        None, None, "unknown", None, None)
    assert seg.reasons == ()


def test_a_conflict_under_strict_has_no_interval_and_sets_every_side_aside():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("lo", "q", Range.exact(1)), Claim("hi", "q", Range.exact(10)),
                          Claim("mid", "q", Range.closed(0, 2))])
    seg = only(claimrec.reconcile(cs), "q")
    assert (seg.status, seg.interval, seg.envelope) == ("conflict", None, Range.closed(0, 10))
    assert seg.conflicts == (("hi", "lo"), ("hi", "mid"))
    assert dict(seg.set_aside) == {
        "hi": "conflicts with lo, mid; policy strict takes no side",
        "lo": "conflicts with hi; policy strict takes no side",
        "mid": "conflicts with hi; policy strict takes no side",
    }
    assert seg.supporting == ()
    assert has(seg.reasons, "conflict: hi [10, 10] ([10, 10]) and lo [1, 1] ([1, 1]) share no value")
    assert has(seg.reasons, "maximal consistent subsets: ", "{lo, mid}", "{hi}")


def test_under_strict_a_claim_that_agrees_with_both_sides_is_set_aside_too():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("lo", "q", Range.exact(1)), Claim("hi", "q", Range.exact(10)),
                          Claim("wide", "q", Range.closed(0, 20))])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.conflicts == (("hi", "lo"),)
    why = dict(seg.set_aside)["wide"]
    assert "conflicts with" not in why
    assert why.endswith("policy strict takes no side")
    kept = only(claimrec.reconcile(cs, policy="most_reliable"), "q")
    assert "wide" in kept.supporting


def test_most_reliable_keeps_the_heavier_side_and_says_why_the_other_was_set_aside():
    cs = ClaimSet(quantities=[Quantity("q")],
                  sources=[Source("good", "Good", grade="A"), Source("poor", "Poor", grade="E")],
                  claims=[Claim("a", "q", Range.exact(1), source="good", credibility=1),
                          Claim("b", "q", Range.exact(10), source="poor")])
    seg = only(claimrec.reconcile(cs, policy="most_reliable"), "q")
    assert (seg.status, seg.interval, seg.supporting) == ("conflict", Range.exact(1), ("a",))
    assert dict(seg.set_aside) == {
        "b": "conflicts with a; not in the side kept by policy most_reliable"}
    assert has(seg.reasons, "weight of a: A 1 x credibility 1 1 x estimate 0.8 = 0.8")
    assert has(seg.reasons, "policy most_reliable kept {a} (weight 0.8, 1 origin) by weight over {b}")


def test_a_custom_policy_that_keeps_a_side_sets_the_rest_aside_by_name():
    class First:
        name = "first"

        def choose(self, options):
            return Choice(0, "took the first option")

    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.exact(1)), Claim("b", "q", Range.exact(10))])
    seg = only(claimrec.reconcile(cs, policy=First()), "q")
    assert seg.interval == Range.exact(1)
    assert dict(seg.set_aside) == {"b": "conflicts with a; not in the side kept by policy first"}


def test_a_policy_that_prepares_itself_for_the_claim_set_is_prepared_first():
    seen = []

    class Prepared:
        name = "prepared"

        def choose(self, options):
            return Choice(len(options) - 1, "took the last option")

    class Learner:
        name = "learner"

        def prepare(self, claimset):
            seen.append(claimset)
            return Prepared()

        def choose(self, options):  # replaced by prepare: never called
            raise AssertionError

    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.exact(1)), Claim("b", "q", Range.exact(10))])
    report = claimrec.reconcile(cs, policy=Learner())
    assert seen == [cs]
    assert report.policy == "prepared"
    assert "took the last option" in only(report, "q").reasons


def test_weights_given_to_reconcile_change_the_choice_and_the_claim_lines():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("seen", "q", Range.exact(5), evidence="observation"),
                          Claim("unseen", "q", Range.exact(0), evidence="absence_of_evidence")])
    default = only(claimrec.reconcile(cs, policy="most_reliable"), "q")
    assert default.supporting == ("seen",)
    heavy = Weights(evidence={"observation": 1, "estimate": 1, "denial": 1,
                              "absence_of_evidence": 3})
    changed = only(claimrec.reconcile(cs, policy="most_reliable", weights=heavy), "q")
    assert changed.supporting == ("unseen",)
    # a policy object keeps its own weights
    own = only(claimrec.reconcile(cs, policy=MostReliable(heavy)), "q")
    assert own.supporting == ("unseen",)


# -- time ----------------------------------------------------------------------------------------


def test_at_answers_one_day_and_accepts_a_date_or_an_iso_string():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("jan", "q", Range.exact(1), period=JAN),
                          Claim("feb", "q", Range.exact(2), period=Span.month(2025, 2))])
    for day in (D(2025, 1, 31), "2025-01-31"):
        report = claimrec.reconcile(cs, at=day)
        assert report.at == D(2025, 1, 31)
        seg = only(report, "q")
        assert (seg.start, seg.end, seg.interval) == (D(2025, 1, 31), D(2025, 2, 1),
                                                      Range.exact(1))
    assert only(claimrec.reconcile(cs, at="2025-02-01"), "q").interval == Range.exact(2)
    assert only(claimrec.reconcile(cs, at="2025-03-01"), "q").status == "unknown"


def test_time_is_cut_at_every_period_boundary_and_unknown_ends_are_dropped():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.closed(0, 10), period=JAN),
                          Claim("b", "q", Range.closed(5, 20), period=Span("2025-01-15",
                                                                           "2025-03-01"))])
    segs = claimrec.reconcile(cs)["q"]
    assert [(s.start, s.end, s.status, s.interval) for s in segs] == [
        (D(2025, 1, 1), D(2025, 1, 15), "consistent", Range.closed(0, 10)),
        (D(2025, 1, 15), D(2025, 2, 1), "consistent", Range.closed(5, 10)),
        (D(2025, 2, 1), D(2025, 3, 1), "consistent", Range.closed(5, 20)),
    ]


def test_an_unknown_gap_between_claims_is_kept():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.exact(1), period=Span.day("2025-01-01")),
                          Claim("b", "q", Range.exact(1), period=Span.day("2025-01-10"))])
    segs = claimrec.reconcile(cs)["q"]
    assert [s.status for s in segs] == ["consistent", "unknown", "consistent"]
    assert (segs[1].start, segs[1].end) == (D(2025, 1, 2), D(2025, 1, 10))


def test_an_unknown_segment_that_has_reasons_is_not_dropped():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("p", "a", Range.exact(1)), Claim("q", "a", Range.exact(10)),
                          Claim("r", "a", Range.closed(0, 5), period=JAN)],
                  constraints=[Constraint.parse("k", "a <= b")])
    one_day = only(claimrec.reconcile(cs, at="2024-06-01"), "b")
    assert has(one_day.reasons, "if p held: lower bound 1")
    seg = claimrec.reconcile(cs).segment("b", "2024-06-01")
    assert seg is not None
    assert seg.reasons == one_day.reasons


def test_neighbouring_segments_that_say_the_same_are_merged():
    # y's claim cuts time in the middle of x's claim, but changes nothing for x.
    cs = ClaimSet(quantities=[Quantity("x"), Quantity("y")],
                  claims=[Claim("cx", "x", Range.closed(1, 5), period=JAN),
                          Claim("cy", "y", Range.closed(0, 1000),
                                period=Span("2025-01-15", "2025-02-01"))],
                  constraints=[Constraint.parse("k", "x <= y")])
    report = claimrec.reconcile(cs)
    seg = only(report, "x")
    assert (seg.start, seg.end, seg.interval) == (D(2025, 1, 1), D(2025, 2, 1),
                                                  Range.closed(1, 5))
    y = report["y"]
    assert [(s.start, s.end, s.status) for s in y] == [
        (D(2025, 1, 1), D(2025, 1, 15), "derived"),
        (D(2025, 1, 15), D(2025, 2, 1), "consistent"),
    ]
    assert y[0].interval == Range.at_least(1)
    assert y[1].interval == Range.closed(1, 1000)


def test_a_cumulative_quantity_carries_lower_bounds_forward_and_upper_bounds_back():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim("early", "dead", Range.closed(100, 200),
                                period=Span.day("2025-01-01")),
                          Claim("late", "dead", Range.closed(300, 500),
                                period=Span.day("2025-03-01"))])
    segs = claimrec.reconcile(cs)["dead"]
    by_start = {s.start: s for s in segs}
    before = segs[0]
    assert (before.start, before.end) == (None, D(2025, 1, 1))
    assert before.interval == Range.at_most(200)
    assert before.lower is None and before.upper.via == "carried"
    assert "upper bound 200: carried over time from early ([100, 200]), since the quantity is " \
           "cumulative" in before.reasons
    between = by_start[D(2025, 1, 2)]
    assert between.interval == Range.closed(100, 500)
    assert between.supporting == ("early", "late")
    after = segs[-1]
    assert (after.start, after.end, after.interval) == (D(2025, 3, 2), None, Range.at_least(300))


def test_a_carried_claim_that_sets_no_bound_is_still_named():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim("early", "dead", Range.at_least(100),
                                period=Span.day("2025-01-01")),
                          Claim("now", "dead", Range.closed(150, 160),
                                period=Span.day("2025-02-01"))])
    seg = only(claimrec.reconcile(cs, at="2025-02-01"), "dead")
    assert seg.interval == Range.closed(150, 160)
    assert seg.supporting == ("early", "now")
    assert ("early ([100, inf), 2025-01-01 .. 2025-01-02) carried over time as [100, inf): dead "
            "is cumulative") in seg.reasons


def test_a_cumulative_claim_with_no_lower_bound_is_not_carried_forward():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim("cap", "dead", Range.at_most(50), period=Span.day("2025-01-01"))])
    assert only(claimrec.reconcile(cs, at="2025-02-01"), "dead").status == "unknown"
    assert only(claimrec.reconcile(cs, at="2024-12-01"), "dead").interval == Range.at_most(50)


def test_a_cumulative_claim_with_no_upper_bound_is_not_carried_back():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim("floor", "dead", Range.at_least(50),
                                period=Span.day("2025-01-01"))])
    assert only(claimrec.reconcile(cs, at="2024-12-01"), "dead").status == "unknown"
    assert only(claimrec.reconcile(cs, at="2025-02-01"), "dead").interval == Range.at_least(50)


def test_a_cumulative_amount_unbounded_below_is_not_carried_forward():
    cs = ClaimSet(quantities=[Quantity("debt", "amount", cumulative=True)],
                  claims=[Claim("cap", "debt", Range.at_most(5, kind="amount"),
                                period=Span.day("2025-01-01"))])
    assert only(claimrec.reconcile(cs, at="2025-02-01"), "debt").status == "unknown"


def test_a_cumulative_quantity_that_falls_is_a_conflict():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim("early", "dead", Range.at_least(100),
                                period=Span.day("2025-01-01")),
                          Claim("late", "dead", Range.at_most(50), period=Span.day("2025-02-01"))])
    seg = only(claimrec.reconcile(cs, at="2025-02-01"), "dead")
    assert seg.status == "conflict"
    assert seg.conflicts == (("early", "late"),)
    assert has(seg.reasons, "conflict: early [100, inf)", "late [0, 50]")
    # and on the day of the first claim, the later upper bound carried back conflicts too
    assert only(claimrec.reconcile(cs, at="2025-01-01"), "dead").status == "conflict"


def test_a_non_cumulative_quantity_is_not_carried():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim("a", "q", Range.closed(1, 2), period=Span.day("2025-01-01"))])
    assert only(claimrec.reconcile(cs, at="2025-02-01"), "q").status == "unknown"


# -- plausible readings -------------------------------------------------------------------------


def test_a_stated_bound_says_how_its_phrase_was_read():
    cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim.from_phrase("c", "q", "about 8,000")])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.reasons == (
        "lower bound 7,500: c said 'about 8,000' (read as 8,000 +/- 500, rule 'about')",
        "upper bound 8,500: c said 'about 8,000' (read as 8,000 +/- 500, rule 'about')",
    )


def test_a_plausible_reading_narrows_the_best_estimate_and_says_which():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim.from_phrase("c", "q", "more than 3,000")])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.interval == Range.at_least(3001)
    assert seg.reasons[-1] == (
        "best estimate [3,001, 4,000], narrowed by plausible readings: "
        "c 'more than 3,000' plausibly [3,001, 4,000]"
    )
    assert "(read as [3,001, inf), rule 'more than')" in seg.reasons[0]


def test_plausible_readings_that_disagree_leave_the_interval_as_the_best_estimate():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim.from_phrase("c", "q", "more than 3,000"),
                          Claim.from_phrase("d", "q", "nearly 10,000")])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.status == "consistent"
    assert seg.interval == Range.closed(3001, 9999)
    assert seg.reasons[-1] == (
        "plausible readings do not agree (c 'more than 3,000' plausibly [3,001, 4,000]; "
        "d 'nearly 10,000' plausibly [9,000, 9,999]); the best estimate stays the interval"
    )


def test_a_plausible_reading_that_narrows_nothing_adds_no_reason():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim.from_phrase("c", "q", "several"), Claim("d", "q", Range.closed(3, 7))])
    seg = only(claimrec.reconcile(cs), "q")
    assert seg.interval == Range.closed(3, 7)
    assert not has(seg.reasons, "plausib")


def test_plausible_readings_are_not_used_for_a_conflict():
    cs = ClaimSet(quantities=[Quantity("q")],
                  claims=[Claim.from_phrase("c", "q", "more than 3,000"),
                          Claim.from_phrase("d", "q", "a few")])
    seg = only(claimrec.reconcile(cs, policy="most_reliable"), "q")
    assert seg.status == "conflict" and seg.interval is not None
    assert not has(seg.reasons, "plausib")


def test_a_carried_claim_gives_no_plausible_estimate():
    cs = ClaimSet(quantities=[Quantity("dead", cumulative=True)],
                  claims=[Claim.from_phrase("c", "dead", "more than 3,000",
                                            period=Span.day("2025-01-01"))])
    seg = only(claimrec.reconcile(cs, at="2025-02-01"), "dead")
    assert seg.interval == Range.at_least(3001)
    assert not has(seg.reasons, "plausib")


# -- linked quantities ----------------------------------------------------------------------------


def test_a_constraint_derives_a_bound_on_a_quantity_no_claim_is_about():
    cs = ClaimSet(quantities=[Quantity("part"), Quantity("whole")],
                  claims=[Claim("p", "part", Range.at_least(40), phrase="at least 40")],
                  constraints=[Constraint.parse("k", "part <= whole")])
    seg = only(claimrec.reconcile(cs), "whole")
    assert (seg.status, seg.interval, seg.supporting) == ("derived", Range.at_least(40), ())
    assert seg.reasons == (
        "lower bound 40 because part >= 40 (p, 'at least 40') and part <= whole (k)",)
    assert seg.lower.constraints() == {"k"} and seg.lower.label == {"p"}


def test_quantities_linked_by_nothing_are_reconciled_apart():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("ca", "a", Range.at_least(5))])
    report = claimrec.reconcile(cs)
    assert only(report, "b").status == "unknown"
    assert only(report, "a").interval == Range.at_least(5)


def test_a_share_claim_bounds_its_quantity_from_its_base():
    cs = ClaimSet(quantities=[Quantity("hurt"), Quantity("sent")],
                  claims=[Claim("sent_c", "sent", Range.closed(10000, 12000)),
                          Claim.from_phrase("jones", "hurt", "up to 50 percent", base="sent")])
    seg = only(claimrec.reconcile(cs), "hurt")
    assert (seg.status, seg.interval, seg.supporting) == ("consistent", Range.at_most(6000),
                                                          ("jones",))
    assert seg.upper.label == {"jones", "sent_c"}
    assert "jones says hurt is [0, 50%] of sent ('up to 50 percent')" in seg.reasons
    assert has(seg.reasons, "upper bound 6,000 because sent <= 12,000 (sent_c, [10,000, 12,000])")


def test_a_share_claim_whose_base_is_unbounded_is_consistent_without_a_bound():
    cs = ClaimSet(quantities=[Quantity("hurt"), Quantity("sent")],
                  claims=[Claim("jones", "hurt", FractionOf(HALF, "sent"))])
    report = claimrec.reconcile(cs)
    seg = only(report, "hurt")
    assert (seg.status, seg.interval, seg.supporting) == ("consistent", Range.at_least(0),
                                                          ("jones",))
    assert seg.lower is None and seg.upper is None
    assert seg.reasons == ("jones says hurt is [0, 50%] of sent",)
    assert only(report, "sent").status == "unknown"


def test_a_share_of_an_amount_that_may_be_negative():
    cs = ClaimSet(quantities=[Quantity("x", "amount"), Quantity("b", "amount")],
                  claims=[Claim("cb", "b", Range.closed(-10, 20, kind="amount")),
                          Claim("s", "x", FractionOf(HALF, "b"))])
    seg = only(claimrec.reconcile(cs), "x")
    assert seg.interval == Range.closed(-5, 10, kind="amount")
    assert [p.side for p in seg.lower.premises] == ["lower", "upper"]


def test_a_ratio_constraint_bounds_the_base_from_its_part():
    cs = ClaimSet(quantities=[Quantity("x"), Quantity("b")],
                  claims=[Claim("cx", "x", Range.closed(30, 40))],
                  constraints=[Constraint.ratio(
                      "r", "x", Range.closed(Fraction(1, 4), Fraction(1, 2), kind="proportion"),
                      "b")])
    seg = only(claimrec.reconcile(cs), "b")
    assert (seg.status, seg.interval) == ("derived", Range.closed(60, 160))


def test_the_envelope_policy_propagates_the_hull():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("lo", "a", Range.exact(1)), Claim("hi", "a", Range.exact(10)),
                          Claim("bmax", "b", Range.at_most(5))],
                  constraints=[Constraint.parse("k", "a <= b")])
    report = claimrec.reconcile(cs, policy="envelope")
    a = only(report, "a")
    assert (a.status, a.interval, a.envelope) == ("conflict", Range.closed(1, 5),
                                                   Range.closed(1, 10))
    assert a.supporting == ("hi", "lo") and a.set_aside == ()
    assert "upper bound 5 because b <= 5 (bmax, [0, 5]) and a <= b (k)" in a.reasons
    b = only(report, "b")
    assert b.interval == Range.closed(1, 5)
    assert "lower bound 1 because a >= 1 (lo, [1, 1]) and a <= b (k)" in b.reasons


def test_the_envelope_policy_on_the_seed_propagates_budanovs_lower_bound_away(seed):
    report = claimrec.reconcile(seed, at="2025-01-25", policy="envelope")
    assert only(report, "in_combat").interval == Range.closed(0, 8500)
    # the hull's lower bound is 0, so nothing is derived for deployed except conditionally
    deployed = only(report, "deployed")
    assert deployed.status == "unknown"
    assert has(deployed.reasons, "if budanov held: lower bound 7,500")


def test_the_envelope_hull_is_not_conditional_on_the_claim_at_its_end():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("lo", "a", Range.exact(1)), Claim("hi", "a", Range.exact(10))],
                  constraints=[Constraint.parse("k", "a <= b")])
    seg = only(claimrec.reconcile(cs, policy="envelope"), "b")
    assert seg.interval == Range.at_least(1)
    assert not has(seg.reasons, "conditional on lo")


# -- conditional bounds ------------------------------------------------------------------------------


def _disputed_link():
    return ClaimSet(
        quantities=[Quantity("a"), Quantity("b")],
        claims=[Claim("lo", "a", Range.exact(1)), Claim("up", "a", Range.exact(10)),
                Claim("bmax", "b", Range.at_most(5))],
        constraints=[Constraint.parse("k", "a <= b")],
    )


def test_a_strict_conflict_reports_what_each_side_would_imply_elsewhere():
    b = only(claimrec.reconcile(_disputed_link()), "b")
    assert (b.status, b.interval) == ("consistent", Range.closed(0, 5))
    assert [ids for ids, _ in b.conditional] == [("lo",)]
    assert "if lo held: lower bound 1 because a >= 1 (lo, [1, 1]) and a <= b (k)" in b.reasons


def test_a_side_that_would_contradict_the_rest_gives_no_conditional_bound():
    b = only(claimrec.reconcile(_disputed_link()), "b")
    assert not has(b.reasons, "if hi held")


def test_the_kept_side_gives_a_bound_conditional_on_its_disputed_claims():
    report = claimrec.reconcile(_disputed_link(), policy="most_reliable")
    a = only(report, "a")
    assert a.interval == Range.exact(1)  # a tie, broken by claim ids: 'lo' before 'up'
    assert has(a.reasons, "(a tie, broken by claim ids)")
    b = only(report, "b")
    assert b.interval == Range.closed(1, 5)
    assert b.conditional == ()
    assert "lower bound 1 because a >= 1 (lo, [1, 1]) and a <= b (k) (conditional on lo, " \
           "which is disputed)" in b.reasons
    # a stated bound is not called conditional on its own claim
    assert "upper bound 1: lo said [1, 1]" in a.reasons


def test_the_seed_deployed_bound_is_conditional_on_budanov(seed):
    strict = only(claimrec.reconcile(seed, at="2025-02-03"), "deployed")
    assert strict.interval == Range.at_least(3001)
    [(ids, bound)] = strict.conditional
    assert ids == ("budanov",)
    assert (bound.value, bound.constraint, bound.label) == (10501, "c2",
                                                            {"budanov", "nis_losses"})


def test_conditional_bounds_under_envelope_use_the_intersection_of_each_side():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("p", "a", Range.closed(0, 10)), Claim("q", "a", Range.closed(5, 20)),
                          Claim("r", "a", Range.closed(100, 200))],
                  constraints=[Constraint.parse("k", "a <= b")])
    strict = only(claimrec.reconcile(cs), "b")
    assert has(strict.reasons, "if p, q held: lower bound 5")
    envelope = only(claimrec.reconcile(cs, policy="envelope"), "b")
    assert has(envelope.reasons, "if p, q held: lower bound 5")


# -- contradictions across quantities -----------------------------------------------------------------


def _crossing():
    return ClaimSet(
        quantities=[Quantity("a"), Quantity("b")],
        sources=[Source("strong", "Strong", grade="A"), Source("weak", "Weak", grade="E")],
        claims=[Claim("big_a", "a", Range.at_least(10), source="weak"),
                Claim("small_b", "b", Range.at_most(5), source="strong")],
        constraints=[Constraint.parse("k", "a <= b", reason="a is part of b")],
    )


def test_a_contradiction_across_quantities_under_strict_leaves_both_without_an_interval():
    report = claimrec.reconcile(_crossing())
    for name, claim in (("a", "big_a"), ("b", "small_b")):
        seg = only(report, name)
        assert (seg.status, seg.interval, seg.supporting) == ("conflict", None, ())
        assert seg.conflicts == (("big_a", "k", "small_b"),)
        assert "conflict across quantities: big_a, small_b cannot all hold with k" in seg.reasons
        assert "policy strict takes no side in a conflict" in seg.reasons
        [(ident, why)] = seg.set_aside
        assert ident == claim
        assert why.startswith("conflicts across quantities with ")
        assert why.endswith("; policy strict takes no side")
    assert report.has_conflict


@pytest.mark.parametrize("policy", ["most_reliable", "majority_of_origins"])
def test_a_contradiction_across_quantities_under_a_weighing_policy_drops_the_weakest(policy):
    report = claimrec.reconcile(_crossing(), policy=policy)
    a, b = only(report, "a"), only(report, "b")
    assert dict(a.set_aside) == {"big_a": "conflicts across quantities with k, small_b; not in "
                                          f"the side kept by policy {policy}"}
    assert (a.status, a.interval) == ("conflict", Range.closed(0, 5))
    assert (b.status, b.interval, b.supporting, b.set_aside) == (
        "conflict", Range.closed(0, 5), ("small_b",), ())
    assert has(b.reasons, f"policy {policy} kept {{small_b}}")
    assert "upper bound 5 because b <= 5 (small_b, [0, 5]) and a <= b (k) (conditional on " \
           "small_b, which is disputed)" in a.reasons


def test_a_contradiction_across_quantities_under_envelope_keeps_no_interval():
    report = claimrec.reconcile(_crossing(), policy="envelope")
    for name in ("a", "b"):
        seg = only(report, name)
        assert (seg.status, seg.interval, seg.supporting) == ("conflict", None, ())
        assert len(seg.set_aside) == 1


def test_the_envelope_policy_does_not_claim_to_keep_a_side_across_quantities():
    seg = only(claimrec.reconcile(_crossing(), policy="envelope"), "a")
    [(_, why)] = seg.set_aside
    assert "side kept" not in why


def test_a_contradiction_through_a_share_claim_alone_names_no_constraint():
    cs = ClaimSet(quantities=[Quantity("x"), Quantity("b")],
                  claims=[Claim("cx", "x", Range.at_least(10)),
                          Claim("cb", "b", Range.at_most(15), credibility=1),
                          Claim("s", "x", FractionOf(HALF, "b"), credibility=5)])
    strict = claimrec.reconcile(cs)
    x = only(strict, "x")
    assert x.conflicts == (("cb", "cx", "s"),)
    assert "conflict across quantities: cb, cx, s cannot all hold with no constraint" in x.reasons
    assert set(dict(x.set_aside)) == {"cx", "s"}
    chosen = claimrec.reconcile(cs, policy="most_reliable")
    x = only(chosen, "x")
    # the weakest of the three is the share claim (credibility 5)
    assert set(dict(x.set_aside)) == {"s"}
    assert x.interval == Range.at_least(10)
    assert not has(x.reasons, "s says x is")


def test_a_single_claim_against_the_constraints_is_set_aside_under_every_policy():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("x", "a", Range.closed(1, 5))],
                  constraints=[Constraint.parse("k1", "a <= b"), Constraint.parse("k2", "2*b <= a")])
    for policy in ("strict", "envelope", "most_reliable", "majority_of_origins"):
        seg = only(claimrec.reconcile(cs, policy=policy), "a")
        assert seg.status == "conflict", policy
        assert seg.conflicts == (("k1", "k2", "x"),)
        assert set(dict(seg.set_aside)) == {"x"}


def test_a_single_claim_against_the_constraints_has_a_readable_reason():
    cs = ClaimSet(quantities=[Quantity("a"), Quantity("b")],
                  claims=[Claim("x", "a", Range.closed(1, 5))],
                  constraints=[Constraint.parse("k1", "a <= b"), Constraint.parse("k2", "2*b <= a")])
    seg = only(claimrec.reconcile(cs, policy="most_reliable"), "a")
    assert not any(r.rstrip().endswith("over") for r in seg.reasons)


def test_a_zeno_like_cycle_on_amounts_is_reported_as_capped():
    cs = ClaimSet(quantities=[Quantity("x", "amount"), Quantity("y", "amount")],
                  claims=[Claim("cx", "x", Range.closed(0, 100, kind="amount")),
                          Claim("cy", "y", Range.closed(0, 100, kind="amount"))],
                  constraints=[Constraint.parse("k1", "2*x <= y"), Constraint.parse("k2", "y <= x")])
    report = claimrec.reconcile(cs)
    for name in ("x", "y"):
        seg = only(report, name)
        assert seg.status == "consistent"
        assert 0 < seg.interval.upper < Fraction(1, 10**6)
        assert seg.reasons[-1] == ("propagation stopped at its revision budget: bounds are sound "
                                   "but may not be the tightest")


# -- the report as a whole ---------------------------------------------------------------------------


def test_claim_lines_show_the_attribution_chain_grade_and_evidence():
    cs = ClaimSet(
        quantities=[Quantity("q")],
        sources=[Source("nyt", "NYT", kind="news_outlet", grade="B"),
                 Source("off", "Officials", kind="anonymous_officials", grade="C"),
                 Source("ajp", "AJP", kind="news_outlet", grade="B")],
        claims=[Claim("chain", "q", Range.exact(0), phrase="had retreated", credibility=3,
                      source=claimrec.provenance.Attribution("nyt", citing=("off",),
                                                             reported_by=("ajp",))),
                Claim("plain", "q", Range.exact(0), source="nyt", evidence="denial"),
                Claim("anon", "q", Range.exact(0), evidence="absence_of_evidence")],
    )
    report = claimrec.reconcile(cs)
    lines = {i: report.claim_line(i) for i in ("chain", "plain", "anon")}
    assert report.claim_line("nobody") is None
    assert lines["chain"].split() == ["chain", "[0,", "0]", "'had", "retreated'", "nyt", "citing",
                                      "off", "via", "ajp", "C3", "estimate"]
    assert lines["plain"].split() == ["plain", "[0,", "0]", "nyt", "B6", "denial"]
    assert lines["anon"].split() == ["anon", "[0,", "0]", "unattributed", "F6", "absence", "of",
                                     "evidence"]
    assert len({line.index("[0,") for line in lines.values()}) == 1  # ids padded to one width


def test_the_report_lists_quantities_in_name_order_with_kind_and_unit():
    cs = ClaimSet(quantities=[Quantity("zeta"), Quantity("alpha", "amount", unit="km")])
    report = claimrec.reconcile(cs, policy="envelope")
    assert list(report) == ["alpha", "zeta"]
    assert (report.quantities["alpha"].kind, report.quantities["alpha"].unit) == ("amount", "km")
    assert report.policy == "envelope" and report.at is None
    assert report.claim_lines == {}


def test_iter_reconcile_yields_each_quantity_in_name_order_as_reconcile_does():
    # two groups, interleaved by name: {a, c} and {b, d}
    cs = ClaimSet(quantities=[Quantity(n) for n in "dcba"],
                  claims=[Claim("ca", "a", Range.at_least(3)), Claim("cd", "d", Range.at_most(9))],
                  constraints=[Constraint.parse("k1", "a <= c"), Constraint.parse("k2", "b >= d")])
    name, day, reports = iter_reconcile(cs, at="2025-01-01", policy="most_reliable")
    assert (name, day) == ("most_reliable", D(2025, 1, 1))
    streamed = list(reports)
    assert [q.name for q in streamed] == ["a", "b", "c", "d"]
    whole = claimrec.reconcile(cs, at="2025-01-01", policy="most_reliable")
    assert [q.segments for q in streamed] == [whole[n] for n in "abcd"]
    assert streamed[2].segments[0].interval == Range.at_least(3)


def test_json_output_of_the_seed_has_every_claim_accounted_for(seed):
    data = json.loads(claimrec.reconcile(seed, policy="most_reliable").dumps())
    mentioned = set()
    for q in data["quantities"].values():
        for seg in q["segments"]:
            mentioned.update(seg["supporting"])
            mentioned.update(seg["set_aside"])
    assert mentioned == {c.id for c in seed.claims}


def test_a_quantity_that_is_a_share_of_itself_is_explained_in_as_many_lines_as_bounds():
    # x = s * x, s in [1/6, 7/12): each revision of x rests on x twice, so written out
    # as a tree the derivation would have 2^(revisions) lines.
    from fractions import Fraction

    from claimrec import FractionOf

    cs = ClaimSet(
        quantities=[Quantity("x", "amount", cumulative=True)],
        claims=[
            Claim("c0", "x", FractionOf(Range("proportion", Fraction(1, 6), Fraction(7, 12),
                                              True, False), "x")),
            Claim("c1", "x", Range("amount", Fraction(-699, 2), 235, False, False),
                  period=Span("2001-06-22", "2002-07-27")),
        ],
    )
    report = claimrec.reconcile(cs)
    text = report.explain("x")
    assert "as derived above" in text
    assert len(text.splitlines()) < 5_000
    data = json.dumps([s.lower.to_json() for s in report["x"] if s.lower is not None])
    assert '"repeated": true' in data and len(data) < 2_000_000


def _carried_back(x_claim: Claim) -> ClaimSet:
    # x never decreases and never exceeds y; y is at most 100 in March.
    return ClaimSet(
        quantities=[Quantity("x", cumulative=True), Quantity("y")],
        claims=[x_claim,
                Claim("y_march", "y", Range.at_most(100), period=Span("2025-03-01", "2025-04-01"))],
        constraints=[Constraint("c", "x", "<=", "y")],
    )


def test_a_derived_upper_bound_of_a_cumulative_quantity_holds_at_every_earlier_time():
    cs = _carried_back(Claim("x_jan", "x", Range.at_least(10), period=Span("2025-01-01", "2025-02-01")))
    report = claimrec.reconcile(cs)
    before, jan, feb, march, after = report["x"]
    assert (before.status, before.interval) == ("derived", Range.closed(0, 100))
    assert jan.interval == feb.interval == march.interval == Range.closed(10, 100)
    carried = ("upper bound 100: the bound derived for 2025-03-01 .. 2025-04-01, carried over "
               "time since the quantity is cumulative")
    assert carried in jan.reasons and carried in before.reasons
    assert jan.upper is not None and jan.upper.via == "carried"
    assert jan.upper.label == {"y_march"} and jan.upper.constraints() == {"c"}
    assert march.reasons[-1] == "upper bound 100 because y <= 100 (y_march, [0, 100]) and x <= y (c)"
    # After March nothing bounds x from above: only lower bounds are carried forward.
    assert after.interval == Range.at_least(10)
    assert claimrec.reconcile(cs, at="2025-01-15")["x"][0].interval == Range.closed(10, 100)


def test_a_claim_that_exceeds_a_later_derived_upper_bound_is_in_conflict_there():
    cs = _carried_back(Claim("x_jan", "x", Range.closed(150, 200), period=Span("2025-01-01", "2025-02-01")))
    march = claimrec.reconcile(cs)["x"][3]
    assert march.status == "conflict"
    assert march.conflicts == (("c", "x_jan", "y_march"),)
