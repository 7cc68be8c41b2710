"""Propagation of bounds between linked quantities: claimrec.constraints."""

from __future__ import annotations

from fractions import Fraction

from claimrec import Claim, Constraint, Range
from claimrec.constraints import (
    Linear,
    Share,
    initial_domains,
    minimal_conflict,
    propagate,
    relations_of,
    share_relation,
)
from claimrec.ranges import FractionOf
from claimrec.reasons import Bound

HALF = Range.at_most(Fraction(1, 2), kind="proportion")
ONE = Fraction(1)


def domains(kinds, **ends):
    """Domains of ``kinds``, with ``name=(lower, upper)`` (closed ends) stated by ``c_name``.

    An end written as ``("open", v)`` is open; ``None`` keeps the kind's own end.
    """
    doms = initial_domains(kinds)
    for name, (lo, hi) in ends.items():
        for slot, side, end in ((0, "lower", lo), (1, "upper", hi)):
            if end is None:
                continue
            closed = not (isinstance(end, tuple) and end[0] == "open")
            value = end[1] if isinstance(end, tuple) else end
            doms[name][slot] = Bound.stated(name, side, value, closed, (f"c_{name}",))
    return doms


def ends(outcome, name):
    lo, hi = outcome.domains[name]
    return (lo.value, lo.closed), (hi.value, hi.closed)


# -- relations_of ---------------------------------------------------------------------


def test_a_le_constraint_is_one_inequality_left_minus_right():
    [rel] = relations_of(Constraint.parse("c2", "in_combat + casualties <= deployed"))
    assert rel == Linear("c2", "in_combat + casualties <= deployed",
                         ((ONE, "in_combat"), (ONE, "casualties"), (-ONE, "deployed")))
    assert rel.variables == ("in_combat", "casualties", "deployed")


def test_a_ge_constraint_is_one_inequality_right_minus_left():
    [rel] = relations_of(Constraint.parse("k", "a >= 1/2 b"))
    assert rel.terms == ((Fraction(1, 2), "b"), (-ONE, "a"))


def test_an_equality_is_two_opposite_inequalities():
    le, ge = relations_of(Constraint.parse("k", "a = 2*b"))
    assert le.terms == ((ONE, "a"), (Fraction(-2), "b"))
    assert ge.terms == ((Fraction(2), "b"), (-ONE, "a"))
    assert le.id == ge.id == "k"


def test_a_ratio_constraint_is_a_share_of_its_base():
    share = Range.closed(Fraction(1, 4), Fraction(1, 2), kind="proportion")
    [rel] = relations_of(Constraint.ratio("r", "x", share, "b"))
    assert rel == Share("r", "x = [25%, 50%] * b", "x", "b", share, claim=False)
    assert rel.variables == ("x", "b")


def test_terms_on_both_sides_cancel():
    [rel] = relations_of(Constraint.parse("k", "a + b <= a + c"))
    assert rel.terms == ((ONE, "b"), (-ONE, "c"))
    [gone] = relations_of(Constraint.parse("k", "2*a <= a + a"))
    assert gone.terms == ()
    assert gone.variables == ()


def test_a_relation_whose_terms_all_cancel_changes_nothing():
    kinds = {"a": "count"}
    doms = domains(kinds, a=(1, 5))
    out = propagate(doms, relations_of(Constraint.parse("k", "2*a <= a + a")), kinds)
    assert ends(out, "a") == ((1, True), (5, True))
    assert (out.contradiction, out.revisions, out.capped) == (None, 1, False)


def test_a_share_claim_is_a_share_relation_marked_as_a_claim():
    claim = Claim("jones", "casualties", FractionOf(HALF, "deployed"))
    rel = share_relation(claim)
    assert rel == Share("jones", "casualties = [0, 50%] * deployed", "casualties", "deployed",
                        HALF, claim=True)


# -- initial domains --------------------------------------------------------------------


def test_initial_domains_are_what_each_kind_allows():
    doms = initial_domains({"n": "count", "p": "proportion", "x": "amount"})
    assert [(b.value, b.closed, b.via) for b in doms["n"]] == [(0, True, "kind"),
                                                                 (None, False, "kind")]
    assert [b.value for b in doms["p"]] == [0, 1]
    assert [b.value for b in doms["x"]] == [None, None]
    assert doms["x"][0].side == "lower" and doms["x"][1].side == "upper"


# -- propagate: linear relations -------------------------------------------------------------


def test_a_sum_bounds_its_total_from_below_with_the_derivation():
    kinds = {"a": "count", "b": "count", "c": "count"}
    doms = domains(kinds, a=(7500, 8500), b=(3001, None))
    out = propagate(doms, relations_of(Constraint.parse("c2", "a + b <= c")), kinds)
    lo = out.domains["c"][0]
    assert (lo.value, lo.closed, lo.via, lo.constraint) == (10501, True, "constraint", "c2")
    assert lo.label == {"c_a", "c_b"}
    assert [p.quantity for p in lo.premises] == ["a", "b"]


def test_one_unbounded_term_is_the_only_one_bounded():
    # a + b <= c with c unbounded above: only c is bounded (from below); a and b stay open.
    kinds = {"a": "count", "b": "count", "c": "count"}
    doms = domains(kinds, a=(2, None), b=(3, None))
    out = propagate(doms, relations_of(Constraint.parse("k", "a + b <= c")), kinds)
    assert ends(out, "c") == ((5, True), (None, False))
    assert out.domains["a"][1].value is None and out.domains["b"][1].value is None


def test_a_term_bounded_by_the_rest_when_all_are_finite():
    kinds = {"a": "count", "b": "count", "c": "count"}
    doms = domains(kinds, a=(2, None), c=(0, 10))
    out = propagate(doms, relations_of(Constraint.parse("k", "a + b <= c")), kinds)
    assert ends(out, "a") == ((2, True), (10, True))
    assert ends(out, "b") == ((0, True), (8, True))
    assert ends(out, "c")[0] == (2, True)


def test_two_unbounded_terms_give_nothing():
    # a <= b + c with b and c unbounded above says nothing about b or c alone.
    kinds = {"a": "count", "b": "count", "c": "count"}
    doms = domains(kinds, a=(10, 20))
    out = propagate(doms, relations_of(Constraint.parse("k", "a <= b + c")), kinds)
    assert ends(out, "b") == ((0, True), (None, False))
    assert ends(out, "c") == ((0, True), (None, False))
    assert ends(out, "a") == ((10, True), (20, True))
    assert out.contradiction is None


def test_unbounded_amounts_stay_unbounded():
    kinds = {"x": "amount", "y": "amount"}
    out = propagate(initial_domains(kinds), relations_of(Constraint.parse("k", "x <= y")), kinds)
    assert ends(out, "x") == ((None, False), (None, False))
    assert ends(out, "y") == ((None, False), (None, False))


def test_open_ends_of_amounts_are_carried_into_derived_bounds():
    kinds = {"x": "amount", "y": "amount", "z": "amount"}
    doms = domains(kinds, x=(1, None), y=(("open", Fraction(5, 2)), None))
    out = propagate(doms, relations_of(Constraint.parse("k", "x + y <= z")), kinds)
    assert ends(out, "z") == ((Fraction(7, 2), False), (None, False))


def test_closed_ends_of_amounts_stay_closed_and_integral_values_are_ints():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(Fraction(3, 2), None))
    out = propagate(doms, relations_of(Constraint.parse("k", "2*x <= y")), kinds)
    lo = out.domains["y"][0]
    assert (lo.value, lo.closed, type(lo.value)) == (3, True, int)


def test_count_bounds_are_rounded_inward_to_closed_integers():
    kinds = {"x": "count", "y": "count"}
    below = propagate(domains(kinds, y=(7, 20)), relations_of(Constraint.parse("k", "3*x <= y")),
                      kinds)
    assert ends(below, "x") == ((0, True), (6, True))  # x <= 20/3
    above = propagate(domains(kinds, y=(7, 20)), relations_of(Constraint.parse("m", "2*x >= y")),
                      kinds)
    assert ends(above, "x") == ((4, True), (None, False))  # x >= 7/2


def test_rounding_can_expose_a_contradiction_between_counts():
    # 3x <= y <= 2x has only x = y = 0, which y >= 7 rules out.
    kinds = {"x": "count", "y": "count"}
    rels = relations_of(Constraint.parse("k", "3*x <= y")) + relations_of(
        Constraint.parse("m", "2*x >= y"))
    out = propagate(domains(kinds, y=(7, 20)), rels, kinds)
    assert out.contradiction is not None
    assert out.nogood == {"c_y", "k", "m"}


def test_an_open_count_bound_rounds_past_the_integer():
    # x = s * b with s in (1/2, 1) and b = 10: 5 < x < 10, so 6 <= x <= 9.
    kinds = {"x": "count", "b": "count"}
    doms = domains(kinds, b=(10, 10))
    share = Range.open(Fraction(1, 2), 1, kind="proportion")
    out = propagate(doms, [Share("r", "x = s * b", "x", "b", share)], kinds)
    assert ends(out, "x") == ((6, True), (9, True))


def test_a_tie_with_an_open_end_tightens_a_closed_one():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(("open", 3), None), y=(3, None))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    lo = out.domains["y"][0]
    assert (lo.value, lo.closed, lo.via) == (3, False, "constraint")


def test_an_equal_bound_that_is_not_tighter_is_kept_as_stated():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(3, None), y=(3, None))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    assert out.domains["y"][0].via == "claim"
    assert out.revisions == 1


def test_an_upper_bound_is_tightened_by_an_open_tie():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(None, 4), y=(None, ("open", 4)))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    hi = out.domains["x"][1]
    assert (hi.value, hi.closed, hi.via) == (4, False, "constraint")


# -- propagate: contradictions and the budget -------------------------------------------------


def test_a_contradiction_names_the_variable_the_crossed_bounds_and_the_nogood():
    kinds = {"x": "count", "y": "count"}
    doms = domains(kinds, x=(5, 10), y=(0, 3))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    assert out.contradiction is not None
    name, lo, hi = out.contradiction
    assert name in {"x", "y"}
    assert lo.side == "lower" and hi.side == "upper"
    assert lo.value > hi.value
    assert out.nogood == {"c_x", "c_y", "k"}
    assert not out.capped


def test_touching_ends_that_are_not_both_closed_are_a_contradiction():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(("open", 3), None), y=(None, 3))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    assert out.contradiction is not None
    _, lo, hi = out.contradiction
    assert (lo.value, hi.value) == (3, 3)
    assert not (lo.closed and hi.closed)


def test_touching_closed_ends_are_consistent():
    kinds = {"x": "amount", "y": "amount"}
    doms = domains(kinds, x=(3, None), y=(None, 3))
    out = propagate(doms, relations_of(Constraint.parse("k", "x <= y")), kinds)
    assert out.contradiction is None
    assert ends(out, "x") == ((3, True), (3, True))


def test_no_contradiction_gives_an_empty_nogood():
    kinds = {"x": "count"}
    out = propagate(initial_domains(kinds), [], kinds)
    assert (out.contradiction, out.nogood, out.revisions, out.capped) == (None, frozenset(), 0,
                                                                         False)


def test_a_zeno_descent_on_amounts_stops_at_the_budget_and_says_capped():
    # 2x <= y and y <= x: the upper bounds halve for ever towards 0.
    kinds = {"x": "amount", "y": "amount"}
    rels = relations_of(Constraint.parse("k1", "2*x <= y")) + relations_of(
        Constraint.parse("k2", "y <= x"))
    out = propagate(domains(kinds, x=(0, 100), y=(0, 100)), rels, kinds, budget=5)
    assert out.capped
    assert out.contradiction is None
    assert out.revisions == 10
    x_hi, y_hi = out.domains["x"][1].value, out.domains["y"][1].value
    assert 0 < x_hi < 100 and 0 < y_hi < 100


def test_the_same_descent_on_counts_reaches_its_fixpoint():
    kinds = {"x": "count", "y": "count"}
    rels = relations_of(Constraint.parse("k1", "2*x <= y")) + relations_of(
        Constraint.parse("k2", "y <= x"))
    out = propagate(domains(kinds, x=(0, 100), y=(0, 100)), rels, kinds)
    assert not out.capped
    assert ends(out, "x") == ((0, True), (0, True))
    assert ends(out, "y") == ((0, True), (0, True))


def test_a_budget_of_zero_revises_nothing():
    kinds = {"x": "count", "y": "count"}
    out = propagate(domains(kinds, x=(5, 5)), relations_of(Constraint.parse("k", "x <= y")),
                    kinds, budget=0)
    assert out.capped and out.revisions == 0
    assert out.domains["y"][0].via == "kind"


# -- propagate: shares --------------------------------------------------------------------------


def test_a_share_of_a_nonnegative_base_bounds_each_end_from_the_same_end():
    kinds = {"x": "count", "b": "count"}
    doms = domains(kinds, b=(10001, 12000))
    out = propagate(doms, [share_relation(Claim("jones", "x", FractionOf(HALF, "b")))], kinds)
    lo, hi = out.domains["x"]
    assert lo.via == "kind"  # 0 * b gives nothing beyond the kind
    assert (hi.value, hi.closed) == (6000, True)
    assert [p.side for p in hi.premises] == ["upper"]
    assert hi.label == {"c_b", "jones"}
    assert hi.constraints() == frozenset()


def test_a_share_of_a_base_that_may_be_negative_rests_on_both_ends_of_the_base():
    kinds = {"x": "amount", "b": "amount"}
    doms = domains(kinds, b=(-10, 20))
    out = propagate(doms, [Share("r", "x = [0, 50%] * b", "x", "b", HALF)], kinds)
    lo, hi = out.domains["x"]
    assert (lo.value, hi.value) == (-5, 10)
    assert [p.side for p in lo.premises] == ["lower", "upper"]
    assert [p.side for p in hi.premises] == ["lower", "upper"]
    assert lo.constraints() == {"r"} and lo.label == {"c_b"}
    # a base that may be negative is never bounded back from the share
    assert ends(out, "b") == ((-10, True), (20, True))


def test_a_share_of_an_amount_unbounded_below_bounds_nothing():
    kinds = {"x": "amount", "b": "amount"}
    doms = domains(kinds, b=(None, 20), x=(5, None))
    out = propagate(doms, [Share("r", "x = [0, 50%] * b", "x", "b", HALF)], kinds)
    assert ends(out, "x") == ((5, True), (10, True))
    assert ends(out, "b") == ((None, False), (20, True))


def test_a_share_of_an_unbounded_base_leaves_the_upper_end_open():
    kinds = {"x": "count", "b": "count"}
    out = propagate(initial_domains(kinds), [Share("r", "x = s * b", "x", "b", HALF)], kinds)
    assert ends(out, "x") == ((0, True), (None, False))
    assert ends(out, "b") == ((0, True), (None, False))


def test_a_share_bounds_its_base_from_below_by_the_largest_share():
    kinds = {"x": "count", "b": "count"}
    share = Range.closed(Fraction(1, 4), Fraction(1, 2), kind="proportion")
    out = propagate(domains(kinds, x=(30, None)), [Share("r", "t", "x", "b", share)], kinds)
    lo = out.domains["b"][0]
    assert (lo.value, lo.constraint, lo.label) == (60, "r", {"c_x"})
    assert ends(out, "b")[1] == (None, False)


def test_a_share_bounds_its_base_from_above_by_the_smallest_share():
    kinds = {"x": "count", "b": "count"}
    share = Range.closed(Fraction(1, 4), Fraction(1, 2), kind="proportion")
    out = propagate(domains(kinds, x=(None, 30)), [Share("r", "t", "x", "b", share)], kinds)
    assert ends(out, "b") == ((0, True), (120, True))


def test_open_share_ends_make_the_base_bounds_open():
    kinds = {"x": "amount", "b": "amount"}
    share = Range.open(Fraction(1, 4), Fraction(1, 2), kind="proportion")
    out = propagate(domains(kinds, x=(30, 30), b=(0, None)), [Share("r", "t", "x", "b", share)],
                    kinds)
    assert ends(out, "b") == ((60, False), (120, False))


def test_a_share_with_no_positive_minimum_does_not_bound_the_base_from_above():
    kinds = {"x": "count", "b": "count"}
    out = propagate(domains(kinds, x=(3, 30)), [Share("r", "t", "x", "b", HALF)], kinds)
    assert ends(out, "b") == ((6, True), (None, False))


def test_a_zero_share_forces_zero_and_contradicts_a_positive_claim():
    kinds = {"x": "count", "b": "count"}
    zero = Range.exact(0, kind="proportion")
    out = propagate(domains(kinds, x=(1, None), b=(5, 5)), [Share("r", "t", "x", "b", zero)],
                    kinds)
    assert out.contradiction is not None
    assert out.nogood == {"c_x", "c_b", "r"}


def test_a_share_claim_joins_the_nogood_as_a_claim():
    kinds = {"x": "count", "b": "count"}
    claim = Claim("jones", "x", FractionOf(HALF, "b"))
    out = propagate(domains(kinds, x=(10, None), b=(0, 15)), [share_relation(claim)], kinds)
    assert out.contradiction is not None
    assert out.nogood == {"c_x", "c_b", "jones"}


# -- minimal_conflict ------------------------------------------------------------------------


def test_minimal_conflict_keeps_only_what_the_conflict_needs():
    calls = []

    def consistent(subset):
        calls.append(subset)
        return not ({"a", "b"} <= subset or {"c", "d"} <= subset)

    found = minimal_conflict({"a", "b", "c", "d", "e"}, consistent)
    assert found == {"c", "d"}
    assert len(calls) == 5
    for member in found:
        assert consistent(found - {member})


def test_minimal_conflict_of_a_set_that_is_already_minimal_is_itself():
    found = minimal_conflict(["x", "k", "y"], lambda s: len(s) < 3)
    assert found == {"k", "x", "y"}


def test_minimal_conflict_on_a_real_propagation():
    kinds = {"x": "count", "y": "count"}
    rels = {"k": relations_of(Constraint.parse("k", "x <= y"))[0],
            "m": relations_of(Constraint.parse("m", "y <= x"))[0]}
    # cx: x >= 5, cy: y <= 3, cz: y >= 1 (slot 0 is the lower end)
    stated = {"cx": ("x", 0, 5), "cy": ("y", 1, 3), "cz": ("y", 0, 1)}

    def consistent(subset):
        doms = initial_domains(kinds)
        for ident, (name, slot, value) in stated.items():
            if ident in subset:
                side = "lower" if slot == 0 else "upper"
                doms[name][slot] = Bound.stated(name, side, value, True, (ident,))
        return propagate(doms, [r for i, r in rels.items() if i in subset],
                         kinds).contradiction is None

    assert not consistent(frozenset({"cx", "cy", "cz", "k", "m"}))
    assert minimal_conflict({"cx", "cy", "cz", "k", "m"}, consistent) == {"cx", "cy", "k"}


def test_minimal_conflict_drops_everything_when_nothing_is_needed():
    assert minimal_conflict({"a", "b"}, lambda s: False) == frozenset()
