"""Learned trust: independence, grade priors, recovering reliabilities, determinism."""

from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import pytest

import claimrec
from claimrec import Attribution, Claim, ClaimSet, FractionOf, Quantity, Range, Source, Span
from claimrec.errors import PolicyError, ValidationError
from claimrec.policies import EVIDENCE_WEIGHTS, Member, Option, Weights, get_policy
from claimrec.provenance import CREDIBILITY_WEIGHTS, GRADE_WEIGHTS
from claimrec.trust import LearnedTrust, SourceTrust, TrustModel, learn, learn_points

SEED = Path(__file__).parent.parent / "seeds" / "north-korea-2025.json"


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


# -- generated data with known reliabilities ------------------------------------------------------


def generated(seed: int = 7, sources: int = 20, quantities: int = 500, per: int = 8):
    """Rows from sources with known error rates; wrong values repeat a few shared rumours."""
    rng = random.Random(seed)
    error = {f"s{i:02d}": 0.05 + 0.6 * i / (sources - 1) for i in range(sources)}
    rows, truths = [], {}
    for q in range(quantities):
        truth = rng.randrange(1_000, 10_000)
        rumours = [truth + rng.choice((-1, 1)) * rng.randrange(1, 500) for _ in range(3)]
        truths[f"q{q}"] = truth
        for source in rng.sample(sorted(error), per):
            value = truth if rng.random() >= error[source] else rng.choice(rumours)
            rows.append((source, f"q{q}", value))
    return rows, error, truths


def ranks(values):
    order = sorted(range(len(values)), key=values.__getitem__)
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2
        i = j + 1
    return out


def spearman(xs, ys):
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5


def as_claimset(rows, *, grades=None):
    quantities = sorted({v for _, v, _ in rows})
    names = sorted({s for s, _, _ in rows})
    grades = grades or {}
    return ClaimSet(
        quantities=[Quantity(q) for q in quantities],
        sources=[Source(s, s, grade=grades.get(s, "F")) for s in names],
        claims=[Claim(f"c{i}", v, Range.exact(x), source=s) for i, (s, v, x) in enumerate(rows)],
    )


# -- recovering the hidden reliability order ------------------------------------------------------


def test_learned_trust_recovers_the_hidden_reliability_order():
    rows, error, truths = generated()
    model = learn_points(rows)
    names = sorted(error)
    rho = spearman([float(model.reliability(s)) for s in names], [1 - error[s] for s in names])
    assert rho >= 0.9
    right = sum(model.truths[v] == t for v, t in truths.items())
    assert right / len(truths) >= 0.9


def test_learned_trust_beats_the_plain_vote_on_generated_data():
    rows, _, truths = generated(seed=11)
    learned = learn_points(rows)
    vote = learn_points(rows, max_iterations=1)
    right = sum(learned.truths[v] == t for v, t in truths.items())
    voted = sum(vote.truths[v] == t for v, t in truths.items())
    assert right > voted


def test_claim_sets_and_plain_rows_learn_the_same_reliabilities():
    rows, _, _ = generated(quantities=150)
    points = learn_points(rows)
    claims = learn(as_claimset(rows))
    assert {s: t.reliability for s, t in points.sources.items()} == {
        s: t.reliability for s, t in claims.sources.items()
    }
    assert points.iterations == claims.iterations


def test_learning_converges_within_the_cap():
    rows, _, _ = generated()
    model = learn_points(rows)
    assert model.converged
    assert model.iterations < 50


def test_a_cap_too_low_is_reported_as_not_converged():
    rows, _, _ = generated()
    model = learn_points(rows, max_iterations=1)
    assert (model.iterations, model.converged) == (1, False)


def self_confirming_bot():
    """A prolific source that wins its one-on-one disputes by its own weight alone."""
    rows = []
    for i in range(6):  # the bot against one-off sources, one on one: it decides these alone
        rows += [("bot", f"lone{i}", 100), (f"passer{i}", f"lone{i}", 101)]
    for i in range(2):  # many-sided: the editor and a helper against scattered values
        rows += [
            ("editor", f"many{i}", 1),
            (f"helper{i}", f"many{i}", 1),
            ("bot", f"many{i}", 2),
            (f"x{i}", f"many{i}", 3),
            (f"y{i}", f"many{i}", 4),
        ]
    for i in range(2):  # the bot against the editor, one on one
        rows += [("bot", f"duel{i}", 5), ("editor", f"duel{i}", 6)]
    return rows


def test_a_self_confirming_source_is_outvoted_by_one_right_where_many_spoke():
    # Counting every conflict once, the bot's six one-on-one wins (each decided by its own
    # weight) outweigh its two losses in the many-sided conflicts, and it wins both duels
    # (0.75 against 0.5). A conflict among k options counts k - 1 times: the four-sided
    # conflicts count three times each, so the editor's record there outweighs the bot's
    # one-on-one wins.
    model = learn_points(self_confirming_bot())
    assert (model.truths["duel0"], model.truths["duel1"]) == (6, 6)
    bot, editor = model.sources["bot"], model.sources["editor"]
    assert (bot.conflicts, bot.agreed, bot.weight, bot.agreed_weight) == (10, 6, 14, 6)
    assert bot.reliability == Fraction(2 * Fraction(1, 2) + 6, 2 + 14)
    assert (editor.conflicts, editor.agreed, editor.weight, editor.agreed_weight) == (4, 4, 8, 8)
    assert editor.text == (
        "editor 0.9 = (2 x 0.5 + 8 agreed) / (2 + 8 in all): agreed in 4 of 4 conflicts, "
        "each counting its options - 1"
    )
    assert model.sources["x0"].text == (
        "x0 0.2 = (2 x 0.5 + 0 agreed) / (2 + 3 in all): agreed in 0 of 1 conflict, "
        "counting its options - 1"
    )
    assert model.sources["passer0"].text == "passer0 1/3 = (2 x 0.5 + 0 agreed) / (2 + 1 conflict)"


def test_claim_sets_weigh_conflicts_by_their_options_as_plain_rows_do():
    rows = self_confirming_bot()
    points, claims = learn_points(rows), learn(as_claimset(rows))
    assert points.sources == claims.sources
    assert claims.truths["duel0"] == Range.exact(6)


# -- determinism --------------------------------------------------------------------------------


def test_the_same_rows_in_any_order_learn_the_same_model():
    rows, _, _ = generated(quantities=200)
    first = learn_points(rows)
    shuffled = list(rows)
    random.Random(3).shuffle(shuffled)
    second = learn_points(shuffled)
    assert first.to_json() == second.to_json()
    assert first.truths == second.truths
    assert first == second


def test_the_same_claims_in_any_order_learn_the_same_model():
    rows, _, _ = generated(quantities=60)
    cs = as_claimset(rows)
    claims = list(cs.claims)
    random.Random(5).shuffle(claims)
    other = ClaimSet(quantities=cs.quantities[::-1], sources=cs.sources[::-1], claims=claims)
    assert learn(cs).to_json() == learn(other).to_json()
    assert learn(cs).truths == learn(other).truths


def test_reconcile_with_learned_trust_is_byte_identical_for_shuffled_claims(seed):
    import json

    shuffled = ClaimSet(
        quantities=seed.quantities,
        sources=seed.sources[::-1],
        claims=seed.claims[::-1],
        constraints=seed.constraints,
    )
    a = claimrec.reconcile(seed, policy="learned_trust").to_json()
    b = claimrec.reconcile(shuffled, policy="learned_trust").to_json()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


# -- independence: origins, not outlets -------------------------------------------------------------


def chain_set(**grades: str) -> ClaimSet:
    g = {"agency": "C", "rival": "B", **grades}
    return ClaimSet(
        quantities=[Quantity("q")],
        sources=[
            Source("agency", "Agency", grade=g["agency"]),
            Source("spokes", "Spokesperson", kind="person", grade="A", speaks_for="agency"),
            Source("tv", "TV", kind="news_outlet", grade="A"),
            Source("paper", "Paper", kind="news_outlet", grade="A"),
            Source("rival", "Rival", grade=g["rival"]),
        ],
        claims=[
            Claim("via_tv", "q", Range.exact(100), source=Attribution("agency", reported_by="tv")),
            Claim(
                "via_paper",
                "q",
                Range.exact(100),
                source=Attribution("agency", reported_by=("paper", "tv")),
            ),
            Claim("spoken", "q", Range.exact(100), source=Attribution("spokes", reported_by="tv")),
            Claim("rival_says", "q", Range.exact(200), source="rival"),
        ],
    )


def test_an_origin_repeated_by_outlets_and_its_spokesperson_is_one_origin():
    cs = chain_set()
    model = learn(cs)
    assert sorted(model.sources) == ["agency", "rival"]
    agency = model.sources["agency"]
    assert (agency.claims, agency.conflicts) == (3, 1)
    # Counted once, agency (C, 0.6) loses to rival (B, 0.8); counted three times it would win.
    assert model.truths["q"] == Range.exact(200)
    assert agency.reliability == Fraction(2 * 3, 5 * 3)


def test_the_learned_weight_of_an_option_counts_each_origin_once(seed):
    cs = chain_set()
    seg = claimrec.reconcile(cs, policy="learned_trust")["q"][0]
    assert seg.supporting == ("rival_says",)
    reason = next(r for r in seg.reasons if r.startswith("policy learned_trust"))
    assert reason.startswith(
        "policy learned_trust kept {rival_says} (learned weight ~0.347 from rival 13/15 x 0.4) "
        "over {spoken, via_paper, via_tv} (learned weight 0.16 from agency 0.4 x 0.4)"
    )


def test_option_weight_and_origins_count_repeats_once():
    option = Option(
        (
            Member("via_tv", Fraction(1, 2), "", "agency"),
            Member("via_paper", Fraction(1, 2), "", "agency"),
        )
    )
    assert option.origins == ("agency",)
    assert option.weight == Fraction(1, 2)


def test_an_origin_with_two_claims_in_one_option_weighs_its_strongest():
    cs = ClaimSet(
        quantities=[Quantity("q")],
        sources=[Source("a", "A", grade="B"), Source("b", "B", grade="B")],
        claims=[
            Claim("weak", "q", Range.closed(0, 10), source="a", credibility=5),
            Claim("strong", "q", Range.closed(5, 10), source="a", credibility=1),
            Claim("other", "q", Range.closed(20, 30), source="b", credibility=3),
        ],
    )
    model = learn(cs)
    assert model.sources["a"].conflicts == 1
    assert model.truths["q"] == Range.closed(5, 10)
    policy = LearnedTrust().prepare(cs)
    choice = policy.choose(
        [
            Option((Member("weak", Fraction(1), "", "a"), Member("strong", Fraction(1), "", "a"))),
            Option((Member("other", Fraction(1), "", "b"),)),
        ]
    )
    assert choice.index == 0
    assert "kept {strong, weak} (learned weight ~0.693 from a 13/15 x 0.8)" in choice.reason


# -- priors from grades, and weights a user overrides --------------------------------------------


def test_priors_are_the_grade_weights_of_the_origin():
    cs = as_claimset(
        [("good", "q1", 1), ("bad", "q2", 2), ("unknown", "q3", 3)],
        grades={"good": "A", "bad": "E"},
    )
    model = learn(cs)
    assert {s: t.prior for s, t in model.sources.items()} == {
        "good": GRADE_WEIGHTS["A"],
        "bad": GRADE_WEIGHTS["E"],
        "unknown": GRADE_WEIGHTS["F"],
    }
    # no conflict, nothing learned: the reliability is the prior
    assert all(t.reliability == t.prior for t in model.sources.values())


def test_an_unattributed_claim_is_its_own_origin_with_the_prior_of_grade_f():
    cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim("lone", "q", Range.exact(1))])
    assert learn(cs).sources["lone"].prior == Fraction(1, 2)


def test_user_weights_change_priors_and_factors_and_show_in_the_reasons():
    cs = as_claimset([("good", "q", 10), ("bad", "q", 20)], grades={"good": "A", "bad": "E"})
    grades = {**GRADE_WEIGHTS, "E": Fraction(1, 10)}
    credibility = {**CREDIBILITY_WEIGHTS, 6: Fraction(1, 4)}
    weights = Weights(grades=grades, credibility=credibility)
    model = learn(cs, weights=weights)
    assert model.sources["bad"].prior == Fraction(1, 10)
    seg = claimrec.reconcile(cs, policy="learned_trust", weights=weights)["q"][0]
    reason = next(r for r in seg.reasons if r.startswith("policy learned_trust"))
    assert "bad 1/15 = (2 x 0.1 + 0 agreed) / (2 + 1 conflict)" in reason
    assert "good 1 = (2 x 1 + 1 agreed) / (2 + 1 conflict)" in reason
    assert "c0 credibility 6 0.25 x estimate 0.8 = 0.2" in reason
    assert "weight of c1: E 0.1 x credibility 6 0.25 x estimate 0.8 = 0.02" in seg.reasons


def test_get_policy_gives_learned_trust_the_weights():
    w = Weights(evidence={**EVIDENCE_WEIGHTS, "denial": Fraction(1)})
    assert get_policy("learned_trust", weights=w).weights is w
    assert get_policy("learned_trust").weights == Weights()


def test_evidence_kind_adjusts_the_learned_weight(seed):
    policy = LearnedTrust().prepare(seed)
    assert policy.factors["nis_combat"][0] == Fraction(3, 10)
    assert policy.factors["budanov"][0] == Fraction(3, 5)


@pytest.mark.parametrize(
    ("weights", "missing"),
    [
        (Weights(grades={"A": 1}), "'F'"),
        (Weights(credibility={1: 1}), "6"),
    ],
)
def test_weights_without_an_entry_raise_a_policy_error(weights, missing):
    cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim("lone", "q", Range.exact(1))])
    with pytest.raises(PolicyError, match=f"no weight for {missing}"):
        learn(cs, weights=weights)


# -- the seed, through reconcile -----------------------------------------------------------------


def test_reconcile_the_seed_with_learned_trust_names_the_learned_weights(seed):
    report = claimrec.reconcile(seed, policy="learned_trust")
    assert report.policy == "learned_trust"
    segments = {str(Span(s.start, s.end)): s for s in report["in_combat"]}
    # Only while both reports stand against him is budanov set aside; against NIS's
    # absence of evidence alone he is kept (8/15 x 0.6 > 13/15 x 0.3).
    assert segments["2025-01-21 .. 2025-02-01"].interval == Range.exact(0)
    assert "budanov" in dict(segments["2025-01-21 .. 2025-02-01"].set_aside)
    assert segments["2025-01-15 .. 2025-01-21"].interval == Range.closed(7500, 8500)
    conflicts = [s for s in segments.values() if s.status == "conflict"]
    assert len(conflicts) == 3
    for seg in conflicts:
        reason = next(r for r in seg.reasons if r.startswith("policy learned_trust"))
        assert "learned weight" in reason
        assert "hur 8/15 x 0.6" in reason
        assert "nis 13/15 = (2 x 0.8 + 1 agreed) / (2 + 1 conflict)" in reason


def test_learn_on_the_seed_skips_shares_of_other_quantities(seed):
    model = learn(seed)
    assert "csis" not in model.sources  # jones's claim is a share of deployed
    assert model.conflicts == 1
    assert model.to_json()["sources"]["nis"] == {
        "reliability": "13/15",
        "reliability_float": 13 / 15,
        "prior": "4/5",
        "claims": 2,
        "conflicts": 1,
        "agreed": 1,
        "weight": 1,
        "agreed_weight": 1,
    }


# -- claim sets: time and intervals ----------------------------------------------------------------


def test_variables_are_quantities_over_times_when_claims_hold_together():
    early, late = Span(None, "2025-02-01"), Span("2025-01-01", None)
    cs = ClaimSet(
        quantities=[Quantity(q) for q in ("q", "r", "t", "base")]
        + [Quantity("share", kind="proportion")],
        sources=[Source("a", "A"), Source("b", "B"), Source("c", "C")],
        claims=[
            Claim(
                "a1", "q", Range.closed(0, 10), source="a", period=Span("2025-01-01", "2025-02-01")
            ),
            Claim("b1", "q", Range.closed(20, 30), source="b", period=Span("2025-01-15", None)),
            Claim("c1", "q", Range.at_least(25), source="c", period=Span(None, "2025-01-20")),
            Claim("d1", "q", Range.closed(5, 8), source="b", period=Span(None, "2025-01-10")),
            Claim("a2", "share", Range.open(0, "0.5", kind="proportion"), source="a"),
            Claim("b2", "share", Range("proportion", "0.5", 1, True, True), source="b"),
            Claim("a3", "r", Range.exact(1), source="a", period=early),
            Claim("b3", "r", Range.exact(2), source="b", period=Span(None, "2025-03-01")),
            Claim("a4", "t", Range.exact(1), source="a", period=late),
            Claim("c4", "t", Range.exact(1), source="c", period=late),
            Claim(
                "c5", "base", FractionOf(Range.at_most("0.5", kind="proportion"), "q"), source="c"
            ),
        ],
    )
    model = learn(cs)
    assert model.truths == {
        # a1, c1 and d1 hold together from 1 to 10 January; a1, b1 and c1 from 15 to 20
        "q 2025-01-01 .. 2025-01-10": Range.closed(5, 8),
        "q 2025-01-15 .. 2025-01-20": Range.closed(25, 30),
        "r .. 2025-02-01": Range.exact(1),
        "share": Range("proportion", 0, "0.5", False, False),
        "t 2025-01-01 ..": Range.exact(1),
    }
    assert model.conflicts == 4
    assert model.sources["c"].claims == 2  # c5, a share of another quantity, is not used
    assert model.sources["b"].conflicts == 4


def test_open_and_closed_ends_decide_whether_claims_meet():
    cs = ClaimSet(
        quantities=[Quantity("x", kind="amount", unit="km")],
        sources=[Source("a", "A", grade="B"), Source("b", "B", grade="C")],
        claims=[
            Claim("closed", "x", Range.closed(0, 5, kind="amount", unit="km"), source="a"),
            Claim("touching", "x", Range.closed(5, 9, kind="amount", unit="km"), source="b"),
        ],
    )
    assert learn(cs).conflicts == 0
    cs = cs.add(Source("c", "C"), Claim("open", "x", Range.open(5, 9, unit="km"), source="c"))
    model = learn(cs)
    assert model.conflicts == 1
    assert model.truths["x"] == Range.closed(5, 5, kind="amount", unit="km")


# -- the policy on its own -------------------------------------------------------------------------


def member(ident: str, origin: str, weight: Fraction = Fraction(1, 2)) -> Member:
    return Member(ident, weight, f"{ident}'s weight", origin)


def test_before_prepare_the_policy_weighs_like_most_reliable():
    a = Option((member("a", "x", Fraction(12, 25)),))
    b = Option((member("b", "y", Fraction(36, 125)), member("c", "z", Fraction(6, 25))))
    choice = LearnedTrust().choose([a, b])
    assert choice.index == 1
    assert choice.reason == (
        "policy learned_trust kept {b, c} (learned weight 0.528 from y 0.288 (not learned), "
        "z 0.24 (not learned)) over {a} (learned weight 0.48 from x 0.48 (not learned)); "
        "nothing learned yet (prepare the policy with a claim set)"
    )


def test_a_member_the_model_never_saw_keeps_its_admiralty_weight(seed):
    policy = LearnedTrust().prepare(seed)
    a = Option((member("budanov", "hur"),))
    b = Option((member("elsewhere", "hur", Fraction(1, 5)), member("newcomer", "nobody")))
    choice = policy.choose([a, b])
    assert choice.index == 1
    assert "hur 0.2 (not learned), nobody 0.5 (not learned)" in choice.reason
    assert "claim factor: budanov credibility 3 0.6 x observation 1 = 0.6" in choice.reason


def test_a_prepared_policy_that_learned_nothing_of_these_origins_says_what_it_learned_from(seed):
    policy = LearnedTrust().prepare(seed)
    choice = policy.choose([Option((member("x", "nobody"),)), Option((member("y", "else"),))])
    assert choice.reason.endswith("learned from 1 conflict in 2 iterations, converged")


def test_a_single_option_is_kept_without_a_dangling_over():
    choice = LearnedTrust().choose([Option((member("a", "x"),))])
    assert choice.index == 0
    assert choice.reason.startswith("policy learned_trust kept {a} (learned weight 0.5 from x")
    assert "(the only option)" in choice.reason


def test_an_empty_option_weighs_nothing():
    choice = LearnedTrust().choose([Option(()), Option((member("a", "x"),))])
    assert choice.index == 1
    assert "over {} (learned weight 0)" in choice.reason


def test_no_options_keep_nothing():
    assert LearnedTrust().choose([]).index is None


def test_ties_go_to_more_origins_then_the_central_option_then_claim_ids():
    two = Option((member("a", "x"), member("b", "y")))
    one = Option((member("c", "z", Fraction(1)),))
    choice = LearnedTrust().choose([one, two])
    assert choice.index == 1
    assert choice.reason.endswith(
        "(a tie in learned weight, broken by the number of origins); "
        "nothing learned yet (prepare the policy with a claim set)"
    )
    three = [Option((member(i, i),)) for i in "pqr"]
    choice = LearnedTrust().choose(three)
    assert choice.index == 1
    assert "broken by position: the more central option" in choice.reason
    choice = LearnedTrust().choose(three[:2])
    assert choice.index == 1
    assert "broken by claim ids" in choice.reason


def test_a_policy_stopped_at_its_cap_says_so():
    rows, _, _ = generated(quantities=40)
    policy = LearnedTrust(max_iterations=1).prepare(as_claimset(rows))
    choice = policy.choose([Option((member("c0", rows[0][0]),)), Option((member("zz", "s00"),))])
    assert "in 1 iteration, stopped at the cap of 1" in choice.reason


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tolerance": -1}, "tolerance: expected a finite number >= 0, got -1"),
        ({"tolerance": True}, "tolerance: expected a finite number >= 0, got True"),
        ({"tolerance": float("inf")}, "tolerance: expected a finite number >= 0, got inf"),
        ({"max_iterations": 0}, "max_iterations: expected an int >= 1, got 0"),
        ({"max_iterations": 2.0}, "max_iterations: expected an int >= 1, got 2.0"),
        ({"prior_strength": 0}, "prior_strength: expected a number > 0, got Fraction(0, 1)"),
    ],
)
def test_the_policy_checks_its_settings(kwargs, message):
    with pytest.raises(PolicyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        LearnedTrust(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"tolerance": "1e-6"}, "tolerance: expected a finite number >= 0, got '1e-6'"),
        ({"max_iterations": True}, "max_iterations: expected an int >= 1, got True"),
        ({"prior_strength": -1}, "prior_strength: expected a number > 0, got -1"),
    ],
)
def test_learning_checks_its_settings(kwargs, message):
    with pytest.raises(PolicyError, match=message):
        learn_points([("a", "q", 1)], **kwargs)


def test_a_tolerance_of_zero_waits_for_the_truths_to_stop_changing():
    rows, _, _ = generated(quantities=100)
    exact = learn_points(rows, tolerance=0, prior_strength="2")
    assert exact.converged
    assert exact.sources == learn_points(rows).sources


# -- plain rows -----------------------------------------------------------------------------------


def test_learn_points_groups_values_and_counts_a_source_once_per_variable():
    rows = [
        ("a", "q", 1),
        ("b", "q", 1),
        ("c", "q", 2),
        ("c", "q", 3),  # c contradicts itself
        ("a", "r", 5),
        ("b", "r", 5),  # agreement: no conflict
        ("a", "s", 7),  # a lone claim
        ("a", "t", 1),
        ("b", "t", 2),
        ("c", "t", 2),  # the larger side is second
    ]
    model = learn_points(rows, priors={"a": Fraction(9, 10)})
    assert model.truths == {"q": 1, "r": 5, "s": 7, "t": 2}
    # q has three options (1, 2, 3) and counts twice; t has two and counts once
    assert model.sources["c"] == SourceTrust(
        "c", Fraction(2, 5), Fraction(1, 2), 3, 2, 1, weight=3, agreed_weight=1
    )
    assert model.sources["a"].prior == Fraction(9, 10)
    assert model.conflicts == 2


def test_learn_points_breaks_a_tie_towards_the_middle_value():
    model = learn_points([("a", "q", 1), ("b", "q", 2), ("c", "q", 3)])
    assert model.truths["q"] == 2


@pytest.mark.parametrize("value", [float("inf"), True, "12", None])
def test_learn_points_takes_finite_numbers_only(value):
    with pytest.raises(PolicyError, match="values: expected finite ints, floats or Fractions"):
        learn_points([("a", "q", 1), ("b", "q", value)])


def test_learn_points_takes_string_sources_only():
    with pytest.raises(PolicyError, match="sources: expected strings, got 3"):
        learn_points([("a", "q", 1), (3, "q", 2)])


def test_learn_points_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    gc.disable()
    try:
        learn_points([("a", "q", 1), ("b", "q", 2)])
        assert not gc.isenabled()
    finally:
        gc.enable()
    learn_points([("a", "q", 1), ("b", "q", 2)])
    assert gc.isenabled()


def test_a_prior_must_be_a_number():
    with pytest.raises(ValidationError, match="prior of 'a'"):
        learn_points([("a", "q", 1)], priors={"a": "high"})


def test_a_model_with_no_claims_is_empty():
    model = learn_points([])
    assert model == TrustModel({}, 1, True, 0)
    assert model.to_json() == {
        "iterations": 1,
        "converged": True,
        "conflicts": 0,
        "tolerance": 1e-06,
        "prior_strength": 2,
        "sources": {},
    }
