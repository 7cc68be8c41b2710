"""Justifications of bounds: claimrec.reasons."""

from __future__ import annotations

from fractions import Fraction

import pytest

from claimrec.reasons import Bound

BUDANOV = Bound.stated("in_combat", "lower", 7500, True, ("budanov",), "'about 8,000'")
NIS = Bound.stated(
    "casualties", "lower", 3001, True, ("nis_losses",), "'more than 3,000'", carried=True
)
C2 = Bound.derived(
    "deployed", "lower", 10501, True, "c2", "in_combat + casualties <= deployed", (BUDANOV, NIS)
)


# -- construction and labels ------------------------------------------------------


def test_a_stated_bound_is_labelled_with_its_claims_and_says_claim():
    b = Bound.stated("q", "upper", 5, False, ("a", "b"))
    assert (b.via, b.label, b.constraint, b.premises) == ("claim", {"a", "b"}, None, ())


def test_a_carried_bound_says_carried_and_keeps_its_label():
    assert (NIS.via, NIS.label) == ("carried", {"nis_losses"})


def test_a_kind_bound_rests_on_nothing():
    b = Bound.of_kind("q", "lower", 0, True)
    assert (b.via, b.label, b.claims) == ("kind", frozenset(), ())


def test_a_derived_bound_rests_on_the_claims_of_its_premises_not_on_its_constraint():
    assert C2.label == {"budanov", "nis_losses"}
    assert C2.constraints() == {"c2"}


def test_a_derived_bound_adds_rests_on_to_its_label():
    d = Bound.derived("q", "upper", 1, True, "k", "q <= r", (BUDANOV,), rests_on=frozenset({"x"}))
    assert d.label == {"budanov", "x"}
    only = Bound.derived("q", "upper", 1, True, "s", "q = [0, 50%] * r", (),
                         rests_on=frozenset({"s"}))
    assert only.label == {"s"}


def test_a_derived_bound_reuses_a_premise_label_that_holds_all_the_others():
    wide = Bound.stated("a", "lower", 1, True, ("x", "y"))
    narrow = Bound.stated("b", "lower", 1, True, ("x",))
    kind = Bound.of_kind("c", "lower", 0, True)
    d = Bound.derived("q", "lower", 2, True, "k", "a + b + c <= q", (narrow, wide, kind))
    assert d.label == {"x", "y"}
    assert d.label is wide.label


def test_a_derived_bound_with_only_kind_premises_rests_on_nothing():
    kind = Bound.of_kind("c", "lower", 0, True)
    assert Bound.derived("q", "lower", 0, True, "k", "c <= q", (kind,)).label == frozenset()


def test_constraints_walks_the_whole_derivation_once_per_bound():
    d = Bound.derived("x", "lower", 1, True, "k", "deployed + deployed <= x", (C2, C2))
    assert d.constraints() == {"c2", "k"}
    assert BUDANOV.constraints() == frozenset()


def test_constraints_leaves_out_a_share_claim_that_is_in_the_label():
    share = Bound.derived("x", "upper", 5, True, "jones", "x = [0, 50%] * y",
                          (Bound.stated("y", "upper", 10, True, ("cy",)),),
                          rests_on=frozenset({"jones"}))
    top = Bound.derived("z", "upper", 5, True, "k", "z <= x", (share,))
    assert share.constraints() == frozenset()
    assert top.constraints() == {"k"}
    assert top.label == {"cy", "jones"}


@pytest.mark.parametrize(
    ("side", "closed", "symbol"),
    [("lower", True, ">="), ("lower", False, ">"), ("upper", True, "<="), ("upper", False, "<")],
)
def test_symbol_follows_side_and_closedness(side, closed, symbol):
    assert Bound.of_kind("q", side, 1, closed).symbol == symbol


def test_is_unbounded_only_for_an_end_at_infinity():
    assert Bound.of_kind("q", "upper", None, False).is_unbounded
    assert not Bound.of_kind("q", "lower", 0, True).is_unbounded


@pytest.mark.parametrize(
    ("side", "new", "old", "tighter"),
    [
        ("lower", (5, True), (3, True), True),
        ("lower", (3, True), (5, True), False),
        ("upper", (3, True), (5, True), True),
        ("upper", (5, True), (3, True), False),
        ("lower", (3, False), (3, True), True),
        ("upper", (3, False), (3, True), True),
        ("lower", (3, True), (3, False), False),
        ("lower", (3, True), (3, True), False),
        ("upper", (3, True), (None, False), True),
        ("lower", (None, False), (3, True), False),
        ("upper", (None, False), (None, False), False),
    ],
)
def test_tighter_than_compares_ends_on_the_same_side(side, new, old, tighter):
    a = Bound.of_kind("x", side, *new)
    b = Bound.of_kind("x", side, *old)
    assert a.tighter_than(b) is tighter


@pytest.mark.parametrize(
    ("side", "value", "text"),
    [("lower", None, "-inf"), ("upper", None, "inf"), ("lower", 10501, "10,501"),
     ("upper", Fraction(1, 3), "1/3"), ("upper", Fraction(5, 2), "2.5")],
)
def test_value_text(side, value, text):
    assert Bound.of_kind("q", side, value, True).value_text() == text


# -- premise_text ---------------------------------------------------------------------


def test_premise_text_of_a_kind_bound_says_its_kind():
    assert Bound.of_kind("p", "upper", 1, True).premise_text() == "p <= 1 (its kind)"


def test_premise_text_of_a_derived_bound_names_the_constraint():
    assert C2.premise_text() == "deployed >= 10,501 (by c2)"


def test_premise_text_of_a_carried_bound_says_so():
    assert NIS.premise_text() == (
        "casualties >= 3,001 (nis_losses, carried over time, 'more than 3,000')"
    )


def test_premise_text_without_a_note_lists_only_the_claims():
    b = Bound.stated("q", "upper", 5, False, ("a", "b"))
    assert b.premise_text() == "q < 5 (a, b)"


# -- sentence ---------------------------------------------------------------------------


def test_sentence_of_an_unbounded_kind_end():
    assert Bound.of_kind("x", "upper", None, False).sentence() == (
        "upper bound inf: no claim or constraint bounds it"
    )


def test_sentence_of_a_finite_kind_end():
    assert Bound.of_kind("x", "lower", 0, True).sentence() == (
        "lower bound 0: the quantity's kind allows nothing beyond it"
    )


def test_sentence_of_a_derived_bound_chains_its_premises_and_the_constraint():
    assert C2.sentence() == (
        "lower bound 10,501 because in_combat >= 7,500 (budanov, 'about 8,000') and "
        "casualties >= 3,001 (nis_losses, carried over time, 'more than 3,000') and "
        "in_combat + casualties <= deployed (c2)"
    )


def test_sentence_of_a_derived_bound_leaves_out_a_zero_kind_premise_but_keeps_a_nonzero_one():
    zero = Bound.of_kind("a", "lower", 0, True)
    one = Bound.of_kind("c", "upper", 1, True)
    d = Bound.derived("b", "upper", Fraction(4, 5), True, "k", "a + b <= c", (zero, one, BUDANOV))
    assert d.sentence() == (
        "upper bound 0.8 because c <= 1 (its kind) and in_combat >= 7,500 (budanov, "
        "'about 8,000') and a + b <= c (k)"
    )


def test_sentence_of_a_bound_several_claims_state_is_its_note():
    b = Bound.stated("q", "lower", 3, True, ("a", "b"), "a said '3' and b said 'at least 3'")
    assert b.sentence() == "lower bound 3: a said '3' and b said 'at least 3'"


def test_sentence_of_a_carried_bound_with_and_without_a_note():
    assert NIS.sentence() == (
        "lower bound 3,001: carried over time from nis_losses ('more than 3,000'), "
        "since the quantity is cumulative"
    )
    bare = Bound.stated("q", "upper", 9, True, ("late",), carried=True)
    assert bare.sentence() == (
        "upper bound 9: carried over time from late, since the quantity is cumulative"
    )


def test_sentence_of_a_stated_bound_quotes_the_phrase_and_how_it_was_read():
    b = Bound.stated("in_combat", "upper", 8500, True, ("budanov",), "'about 8,000'",
                     detail="read as 8,000 +/- 500")
    assert b.sentence() == "upper bound 8,500: budanov said 'about 8,000' (read as 8,000 +/- 500)"
    assert BUDANOV.sentence() == "lower bound 7,500: budanov said 'about 8,000'"


def test_sentence_of_a_stated_bound_without_a_note_names_the_claim():
    assert Bound.stated("q", "upper", 9, True, ("a",)).sentence() == "upper bound 9: a"
    with_detail = Bound.stated("q", "upper", 9, True, ("a",), detail="exact")
    assert with_detail.sentence() == "upper bound 9: a (exact)"


# -- tree --------------------------------------------------------------------------------


def test_tree_indents_premises_under_the_derived_bound():
    kind = Bound.of_kind("casualties", "upper", None, False)
    d = Bound.derived("deployed", "lower", 10501, True, "c2", "in_combat + casualties <= deployed",
                      (BUDANOV, NIS, kind))
    top = Bound.derived("x", "lower", 1, False, "k", "deployed <= x", (d,))
    assert top.tree() == [
        "x > 1  by k: deployed <= x",
        "  deployed >= 10,501  by c2: in_combat + casualties <= deployed",
        "    in_combat >= 7,500  stated by budanov 'about 8,000'",
        "    casualties >= 3,001  carried from nis_losses 'more than 3,000'",
        "    casualties < inf  by the quantity's kind",
    ]


def test_tree_of_a_leaf_starts_at_the_given_indent_and_lists_all_claims():
    b = Bound.stated("q", "upper", 5, True, ("a", "b"))
    assert b.tree(2) == ["    q <= 5  stated by a, b"]


# -- to_json ------------------------------------------------------------------------------


def test_to_json_gives_the_derivation_as_plain_data():
    data = C2.to_json()
    assert data == {
        "quantity": "deployed",
        "side": "lower",
        "value": 10501,
        "closed": True,
        "via": "constraint",
        "claims": [],
        "constraint": "c2",
        "premises": [BUDANOV.to_json(), NIS.to_json()],
        "repeated": False,
        "rests_on": ["budanov", "nis_losses"],
        "constraints": ["c2"],
    }
    assert data["premises"][1]["via"] == "carried"
    assert data["premises"][1]["claims"] == ["nis_losses"]


def test_to_json_writes_infinity_as_null_and_fractions_as_strings():
    assert Bound.of_kind("q", "upper", None, False).to_json()["value"] is None
    assert Bound.of_kind("q", "upper", Fraction(1, 3), True).to_json()["value"] == "1/3"


def test_to_json_writes_an_integral_fraction_as_an_integer():
    assert Bound.of_kind("q", "upper", Fraction(2), True).to_json()["value"] == 2


def _revised(times: int) -> Bound:
    """A bound revised ``times`` times through one constraint, each revision resting on
    its earlier self twice (as a relation x = s * x does): 2^times paths, times + 1 nodes."""
    bound = Bound.stated("x", "lower", Fraction(-8), True, ("c1",))
    for _ in range(times):
        value = Fraction(bound.value) / 2
        bound = Bound.derived("x", "lower", value, True, "c0", "x = s * x", (bound, bound))
    return bound


def test_a_derivation_that_reuses_a_bound_is_shown_once_per_bound_not_once_per_path():
    deep = _revised(200)
    lines = deep.tree()
    # 200 derived bounds shown once, 199 named again, and the stated bound at the
    # bottom twice (a stated bound has nothing under it to spell out).
    assert len(lines) == 200 + 199 + 2
    assert sum(line.endswith("as derived above") for line in lines) == 199
    assert sum(line.strip() == "x >= -8  stated by c1" for line in lines) == 2


def test_to_json_of_a_derivation_that_reuses_a_bound_marks_the_repeats():
    import json

    data = _revised(200).to_json()
    text = json.dumps(data)
    assert text.count('"repeated": true') == 199
    assert text.count('"repeated": false') == 200 + 2
    node = data
    for _ in range(199):
        first, second = node["premises"]
        assert second["repeated"] and second["premises"] == []
        node = first
    assert [p["claims"] for p in node["premises"]] == [["c1"], ["c1"]]


def test_a_long_chain_of_derivations_is_shown_without_recursion():
    bound = Bound.stated("q0", "lower", 1, True, ("a",))
    # Deeper than Python's recursion limit: both walk the derivation with a stack.
    for i in range(1, 1500):
        bound = Bound.derived(f"q{i}", "lower", 1, True, f"k{i}", f"q{i-1} <= q{i}", (bound,))
    assert len(bound.tree()) == 1500
    assert len(bound.to_json()["constraints"]) == 1499
