"""Policies and weights: claimrec.policies."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimrec import Claim, Range, Source
from claimrec.errors import PolicyError, ValidationError
from claimrec.policies import (
    EVIDENCE_WEIGHTS,
    POLICIES,
    Choice,
    Envelope,
    MajorityOfOrigins,
    Member,
    MostReliable,
    Option,
    Strict,
    Weights,
    get_policy,
)
from claimrec.provenance import CREDIBILITY_WEIGHTS, GRADE_WEIGHTS, Attribution

SOURCES = {
    "nyt": Source("nyt", "The New York Times", kind="news_outlet", grade="B"),
    "officials": Source("officials", "Anonymous officials", kind="anonymous_officials", grade="C"),
    "nis": Source("nis", "NIS", kind="intelligence_service", grade="A"),
}


def claim(**fields):
    return Claim("c", "q", Range.exact(0), **fields)


def option(*members):
    return Option(tuple(Member(i, Fraction(w), "", origin) for i, w, origin in members))


# -- weights ----------------------------------------------------------------------------------


def test_default_weights_are_the_documented_tables():
    w = Weights()
    assert w.grades == GRADE_WEIGHTS
    assert w.credibility == CREDIBILITY_WEIGHTS
    assert w.evidence == EVIDENCE_WEIGHTS
    assert w.evidence["absence_of_evidence"] == Fraction(1, 2) * w.evidence["observation"]


def test_weights_given_as_floats_and_strings_become_exact_fractions():
    w = Weights(evidence={"observation": 0.1, "estimate": "0.25", "denial": 1,
                          "absence_of_evidence": Fraction(1, 3)})
    assert w.evidence == {"observation": Fraction(1, 10), "estimate": Fraction(1, 4),
                          "denial": Fraction(1), "absence_of_evidence": Fraction(1, 3)}
    assert all(type(v) is Fraction for v in w.evidence.values())


def test_a_weight_that_is_not_a_number_is_refused_naming_its_key():
    with pytest.raises(ValidationError, match="weight of 'A'"):
        Weights(grades={"A": "heavy"})


def test_grade_of_an_unattributed_claim_is_f():
    assert Weights().grade_of(claim(), SOURCES) == "F"


def test_grade_of_a_claim_is_the_speakers_grade():
    assert Weights().grade_of(claim(source="nyt"), SOURCES) == "B"


def test_grade_of_a_citing_chain_is_the_deepest_cited_source():
    c = claim(source=Attribution("nyt", citing=("nis", "officials")))
    assert Weights().grade_of(c, SOURCES) == "C"


def test_grade_of_an_unknown_source_is_f():
    assert Weights().grade_of(claim(source="someone"), SOURCES) == "F"
    assert Weights().grade_of(claim(source="nyt"), {}) == "F"


def test_weight_is_grade_times_credibility_times_evidence_with_its_sum():
    c = claim(source="nis", credibility=3, evidence="absence_of_evidence")
    value, text = Weights().of(c, SOURCES)
    assert value == GRADE_WEIGHTS["A"] * CREDIBILITY_WEIGHTS[3] * Fraction(1, 2)
    assert text == "A 1 x credibility 3 0.6 x absence_of_evidence 0.5 = 0.3"


def test_weight_text_writes_non_decimal_fractions_as_fractions():
    w = Weights(evidence={**EVIDENCE_WEIGHTS, "estimate": Fraction(1, 3)})
    _, text = w.of(claim(source="nis", credibility=1), SOURCES)
    assert text == "A 1 x credibility 1 1 x estimate 1/3 = 1/3"


@pytest.mark.parametrize(
    ("weights", "missing"),
    [
        (Weights(grades={"A": 1}), "'F'"),
        (Weights(credibility={1: 1}), "6"),
        (Weights(evidence={"observation": 1}), "'estimate'"),
    ],
)
def test_a_missing_weight_is_a_policy_error_naming_it(weights, missing):
    with pytest.raises(PolicyError, match=f"no weight for {missing}; give a weight for every"):
        weights.of(claim(), SOURCES)


def test_a_policy_error_is_a_value_error():
    with pytest.raises(ValueError, match="no weight"):
        Weights(grades={}).of(claim(), SOURCES)


# -- options ------------------------------------------------------------------------------------


def test_option_ids_are_sorted():
    assert option(("b", 1, "x"), ("a", 1, "y")).ids == ("a", "b")


def test_option_weight_counts_each_origin_once_at_its_strongest_claim():
    o = option(("x1", Fraction(1, 2), "agency"), ("x2", Fraction(3, 4), "agency"),
               ("y", Fraction(1, 5), "paper"))
    assert o.weight == Fraction(3, 4) + Fraction(1, 5)
    assert o.origins == ("agency", "paper")


def test_option_text_gives_ids_weight_and_origins():
    assert option(("b", Fraction(1, 4), "x"), ("a", Fraction(1, 4), "x")).text == (
        "{a, b} (weight 0.25, 1 origin)"
    )
    assert option(("a", 1, "x"), ("b", Fraction(1, 3), "y")).text == (
        "{a, b} (weight 4/3, 2 origins)"
    )


def test_an_empty_option_weighs_nothing():
    assert option().weight == 0
    assert option().text == "{} (weight 0, 0 origins)"


# -- the policies ---------------------------------------------------------------------------------


def test_strict_takes_no_side():
    choice = Strict().choose([option(("a", 1, "x")), option(("b", 1, "y"))])
    assert choice == Choice(None, "policy strict takes no side in a conflict")


def test_envelope_takes_no_side_and_asks_for_the_hull():
    choice = Envelope().choose([option(("a", 1, "x"))])
    assert (choice.index, choice.envelope) == (None, True)
    assert "hull" in choice.reason


def test_most_reliable_keeps_the_heaviest_option_and_says_what_it_beat():
    light = option(("budanov", Fraction(12, 25), "hur"))
    heavy = option(("nyt", Fraction(36, 125), "officials"), ("nis", Fraction(6, 25), "nis"))
    choice = MostReliable().choose([light, heavy])
    assert choice.index == 1
    assert choice.reason == (
        "policy most_reliable kept {nis, nyt} (weight 0.528, 2 origins) by weight over "
        "{budanov} (weight 0.48, 1 origin)"
    )


def test_most_reliable_does_not_count_repeats_of_one_origin():
    repeats = option(("a1", Fraction(1, 2), "agency"), ("a2", Fraction(1, 2), "agency"),
                     ("a3", Fraction(1, 2), "agency"))
    single = option(("b", Fraction(3, 5), "paper"))
    assert MostReliable().choose([repeats, single]).index == 1


def test_most_reliable_breaks_equal_weight_by_more_origins():
    one = option(("a", Fraction(1, 2), "x"))
    two = option(("b", Fraction(1, 4), "y"), ("c", Fraction(1, 4), "z"))
    choice = MostReliable().choose([one, two])
    assert choice.index == 1
    assert "tie" not in choice.reason


def test_a_full_tie_goes_to_the_first_claim_ids_and_is_said_so():
    first = option(("a", 1, "x"))
    second = option(("b", 1, "y"))
    for options in ([first, second], [second, first]):
        choice = MostReliable().choose(options)
        assert options[choice.index] is first
        assert choice.reason.endswith(" (a tie, broken by claim ids)")


def test_majority_of_origins_counts_origins_before_weight():
    heavy = option(("a", 5, "x"), ("b", 5, "x"))
    many = option(("c", Fraction(1, 10), "y"), ("d", Fraction(1, 10), "z"))
    choice = MajorityOfOrigins().choose([heavy, many])
    assert choice.index == 1
    assert choice.reason.startswith(
        "policy majority_of_origins kept {c, d} (weight 0.2, 2 origins) by independent origins "
        "over {a, b} (weight 5, 1 origin)"
    )


def test_majority_of_origins_breaks_a_tie_of_origins_by_weight():
    light = option(("a", Fraction(1, 10), "x"))
    heavy = option(("b", Fraction(1, 2), "y"))
    choice = MajorityOfOrigins().choose([heavy, light])
    assert choice.index == 0
    assert "tie" not in choice.reason


def test_a_single_option_is_kept():
    choice = MostReliable().choose([option(("a", 1, "x"))])
    assert choice.index == 0
    assert choice.reason.startswith("policy most_reliable kept {a} (weight 1, 1 origin)")


@pytest.mark.parametrize("policy", [MostReliable(), MajorityOfOrigins()])
def test_the_reason_for_a_single_option_has_no_dangling_over(policy):
    reason = policy.choose([option(("a", 1, "x"))]).reason
    assert not reason.rstrip().endswith("over")


# -- get_policy --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", POLICIES)
def test_get_policy_by_name(name):
    assert get_policy(name).name == name


def test_get_policy_gives_the_weighing_policies_the_weights():
    w = Weights(evidence={**EVIDENCE_WEIGHTS, "denial": Fraction(1)})
    assert get_policy("most_reliable", weights=w).weights is w
    assert get_policy("majority_of_origins", weights=w).weights is w
    assert get_policy("learned_trust", weights=w).weights is w
    assert get_policy("most_reliable").weights == Weights()


def test_get_policy_returns_a_policy_object_unchanged():
    mine = MostReliable()
    assert get_policy(mine) is mine


def test_get_policy_of_an_unknown_name_lists_the_known_ones():
    with pytest.raises(PolicyError, match="unknown name 'loudest'; expected one of strict, "):
        get_policy("loudest")


def test_an_origin_whose_claims_all_weigh_less_than_nothing_counts_as_nothing():
    from fractions import Fraction

    from claimrec.policies import Member, Option

    option = Option((Member("a", Fraction(-1, 2), "", "x"), Member("b", Fraction(1, 3), "", "y")))
    assert option.weight == Fraction(1, 3)
    assert option.origins == ("x", "y")


def test_weights_refuse_a_negative_weight():
    import pytest

    from claimrec.errors import ValidationError
    from claimrec.policies import Weights

    with pytest.raises(ValidationError, match="weight of 'denial': expected a number >= 0"):
        Weights(evidence={"observation": 1, "estimate": 1, "denial": "-0.1",
                          "absence_of_evidence": 1})
