"""Laws of reconcile, checked on generated claim sets."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from fractions import Fraction

from attrs import evolve as attrs_evolve
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import claimrec
from claimrec import Claim, ClaimSet, Quantity, Range, Source, Span
from claimrec._reconcile_items import _Item
from claimrec._sweep import sweep
from claimrec.strategies import claim_sets, ranges, spans

LAWS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
POLICIES = st.sampled_from(
    ["strict", "envelope", "most_reliable", "majority_of_origins", "learned_trust"]
)


def _shuffled(cs: ClaimSet, seed: int) -> ClaimSet:
    rng = random.Random(seed)
    parts = [list(cs.quantities), list(cs.sources), list(cs.claims), list(cs.constraints)]
    for part in parts:
        rng.shuffle(part)
    return ClaimSet(*parts)


@LAWS
@given(claim_sets(), st.integers(0, 2**32), POLICIES)
def test_claim_order_does_not_change_the_json(cs, seed, policy):
    first = claimrec.reconcile(cs, policy=policy).dumps()
    assert claimrec.reconcile(_shuffled(cs, seed), policy=policy).dumps() == first


def _covers(period: Span, seg) -> bool:
    return period.overlaps(Span(seg.start, seg.end))


@LAWS
@given(claim_sets(), POLICIES)
def test_every_claim_is_accounted_for_in_every_segment_it_covers(cs, policy):
    report = claimrec.reconcile(cs, policy=policy)
    for claim in cs.claims:
        covered = [s for s in report[claim.quantity] if _covers(claim.period, s)]
        assert covered, f"{claim.id} covers no segment"
        for seg in covered:
            aside = dict(seg.set_aside)
            assert claim.id in seg.supporting or claim.id in aside, (claim.id, seg)
            if claim.id in aside:
                assert aside[claim.id]


@LAWS
@given(claim_sets())
def test_a_consistent_segment_lies_inside_every_claim_covering_it(cs):
    report = claimrec.reconcile(cs)
    for claim in cs.claims:
        if not isinstance(claim.value, Range):
            continue
        for seg in report[claim.quantity]:
            if seg.status == "consistent" and _covers(claim.period, seg):
                assert claim.value.contains(seg.interval), (claim, seg)


@st.composite
def single_quantity_sets(draw, max_claims=8):
    kind = draw(st.sampled_from(["count", "amount", "proportion"]))
    q = Quantity("q", kind, cumulative=draw(st.booleans()) if kind != "proportion" else False)
    n = draw(st.integers(1, max_claims))
    claims = [
        Claim(f"c{i}", "q", draw(ranges(kinds=(kind,), max_magnitude=100)),
              period=draw(spans()), credibility=draw(st.integers(1, 6)))
        for i in range(n)
    ]
    return ClaimSet([q], [], claims)


@LAWS
@given(single_quantity_sets(), st.data())
def test_adding_a_claim_that_contains_the_interval_never_widens_it(cs, data):
    day = data.draw(st.dates(dt.date(2000, 1, 1), dt.date(2031, 12, 31)))
    before = claimrec.reconcile(cs, at=day)["q"]
    assume(len(before) == 1 and before[0].status == "consistent")
    interval = before[0].interval
    kind = interval.kind
    wider = interval | data.draw(ranges(kinds=(kind,), max_magnitude=100))
    extra = Claim("extra", "q", wider, period=Span.day(day))
    after = claimrec.reconcile(cs.add(extra), at=day)["q"][0]
    assert after.status == "consistent"
    assert interval.contains(after.interval)
    assert after.interval == interval


@LAWS
@given(single_quantity_sets())
def test_reconciling_the_report_as_claims_gives_the_same_intervals(cs):
    report = claimrec.reconcile(cs)
    segments = report["q"]
    assume(all(s.status in ("consistent", "unknown") for s in segments))
    again = [
        Claim(f"s{i}", "q", s.interval, period=Span(s.start, s.end))
        for i, s in enumerate(segments)
        if s.interval is not None
    ]
    q = cs.quantities[0]
    second = claimrec.reconcile(ClaimSet([q], [], again))
    for seg in segments:
        if seg.interval is None:
            continue
        if seg.start is not None:
            day = seg.start
        elif seg.end is not None:
            day = seg.end - dt.timedelta(days=1)
        else:
            day = dt.date(2020, 1, 1)
        match = second.segment("q", day)
        assert match is not None and match.interval == seg.interval, (seg, match)


def _brute_force_maximal(rs: list[Range]) -> set[tuple[int, ...]]:
    consistent = []
    for size in range(1, len(rs) + 1):
        for subset in itertools.combinations(range(len(rs)), size):
            region = rs[subset[0]]
            for i in subset[1:]:
                region = region & rs[i]
            if not region.is_empty:
                consistent.append(set(subset))
    return {
        tuple(sorted(s)) for s in consistent if not any(s < other for other in consistent)
    }


@LAWS
@given(st.sampled_from(["count", "amount"]).flatmap(
    lambda k: st.lists(ranges(kinds=(k,), max_magnitude=20), min_size=1, max_size=10)))
def test_the_sweep_finds_exactly_the_maximal_consistent_subsets(rs):
    items = [_Item(Claim(f"c{i}", "q", r), r, False) for i, r in enumerate(rs)]
    subsets, pairs = sweep([(it.lo_key, it.hi_key) for it in items])
    assert {tuple(s) for s in subsets} == _brute_force_maximal(rs)
    brute = {(i, j) for i, j in itertools.combinations(range(len(rs)), 2)
             if not rs[i].overlaps(rs[j])}
    assert pairs == sorted(brute)


@LAWS
@given(st.sampled_from(["count", "amount", "proportion"]).flatmap(
    lambda k: st.lists(ranges(kinds=(k,), max_magnitude=20), min_size=2, max_size=6)))
def test_ranges_joined_from_normal_ends_equal_the_checked_ones(rs):
    # The reconciler joins ends of claims' ranges (intersections that are not empty,
    # and hulls) without checking them again: that must give what checking gives.
    for a, b in itertools.pairwise(rs):
        for joined in (a & b, a | b):
            if joined.is_empty:
                continue
            ends = (joined.lower, joined.upper, joined.lower_closed, joined.upper_closed)
            fast = Range._from_normal_ends(a.kind, *ends, a.unit)
            assert fast == Range(a.kind, *ends, a.unit) == joined


def _both_paths(cs: ClaimSet, policy: str, day: dt.date | None):
    """The segments of the lean path for an unlinked quantity, and those of the general one."""
    from claimrec._reconcile_alone import _Alone
    from claimrec._reconcile_linked import _Linked
    from claimrec.reconcile import _setup

    chosen, weights, _ = _setup(cs, None, policy, None)
    lean = _Alone(cs, ["q"], list(cs.claims), [], chosen, weights).run(day)["q"]
    general = _Linked(cs, ["q"], list(cs.claims), [], chosen, weights).run(day)["q"]
    return lean, general


def _ends(seg):
    return [None if b is None else b.to_json() for b in (seg.lower, seg.upper)]


_DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=k) for k in (0, 1, 3, 7, 20)]
_PHRASES = {
    "count": ["about 8,000", "more than 3,000", "between 3 and 7", "a few", "up to 9"],
    "amount": ["about 2.5", "at least 12", "fewer than 40", "about 1/3", "nearly 3"],
    "proportion": ["up to 50 percent", "over half", "about a third", "at most 45%"],
}
_POOL = {
    "count": [0, 1, 3, 7, 8, 7500, 8500],
    "amount": [Fraction(-3, 2), 0, Fraction(1, 3), 2, 12, 40],
    "proportion": [0, Fraction(1, 3), Fraction(1, 2), 1],
}


@st.composite
def rich_single_quantity_sets(draw):
    """One quantity's claims with sources (one speaking for another), phrases read with
    plausible values, units, open ends, few distinct values (so many equal ends) and
    periods from a few days or unbounded."""
    kind = draw(st.sampled_from(["count", "amount", "proportion"]))
    unit = draw(st.sampled_from([None, "km"])) if kind == "amount" else None
    q = Quantity("q", kind, unit, cumulative=kind != "proportion" and draw(st.booleans()))
    grades = st.sampled_from("ABCDEF")
    sources = [
        Source("s1", "One", grade=draw(grades)),
        Source("s2", "Two", grade=draw(grades)),
        Source("s3", "Three", grade=draw(grades), speaks_for="s1"),
    ]
    claims = []
    for i in range(draw(st.integers(1, 9))):
        # Each end is one of a few days, or open.
        first = draw(st.integers(0, len(_DAYS) - 2))
        last = draw(st.integers(first + 1, len(_DAYS) - 1))
        start = None if draw(st.integers(0, 3)) == 0 else _DAYS[first]
        end = None if draw(st.integers(0, 3)) == 0 else _DAYS[last]
        fields = {"period": Span(start, end), "source": draw(st.sampled_from(["s1", "s2", "s3"])),
                      "credibility": draw(st.integers(1, 6))}
        if (kind != "amount" or unit is None) and draw(st.booleans()):
            claims.append(Claim.from_phrase(f"c{i}", "q", draw(st.sampled_from(_PHRASES[kind])),
                                            kind=kind, **fields))
            continue
        lo, hi = sorted(draw(st.lists(st.sampled_from(_POOL[kind]), min_size=2, max_size=2)))
        value = Range(kind, draw(st.sampled_from([lo, None])), draw(st.sampled_from([hi, None])),
                      draw(st.booleans()), draw(st.booleans()), unit)
        if value.is_empty:
            value = Range(kind, lo, hi, True, True, unit)
        claims.append(Claim(f"c{i}", "q", value, **fields))
    return ClaimSet([q], sources, claims)


@LAWS
@given(single_quantity_sets(max_claims=10), POLICIES, st.none() | st.dates(
    dt.date(2000, 1, 1), dt.date(2031, 12, 31)))
def test_the_lean_path_of_an_unlinked_quantity_says_what_the_general_path_says(cs, policy, day):
    lean, general = _both_paths(cs, policy, day)
    assert [s.to_json() for s in lean] == [s.to_json() for s in general]
    assert [_ends(s) for s in lean] == [_ends(s) for s in general]


@LAWS
@given(rich_single_quantity_sets(), POLICIES, st.none() | st.sampled_from(
    [dt.date(2023, 12, 1), *_DAYS, dt.date(2024, 3, 1)]))
def test_the_lean_path_agrees_on_phrases_sources_units_and_shared_ends(cs, policy, day):
    lean, general = _both_paths(cs, policy, day)
    assert [s.to_json() for s in lean] == [s.to_json() for s in general]
    assert [_ends(s) for s in lean] == [_ends(s) for s in general]


def test_the_lean_path_matches_the_general_path_on_the_seed_quantities_alone():
    cs = claimrec.load("seeds/north-korea-2025.json")
    for name in ("in_combat", "casualties"):
        claims = [c for c in cs.claims if c.quantity == name and isinstance(c.value, Range)]
        q = cs.quantities_by_name[name]
        one = ClaimSet([Quantity("q", q.kind, q.unit, q.cumulative)], list(cs.sources),
                       [attrs_evolve(c, quantity="q") for c in claims])
        for policy in ("strict", "most_reliable", "envelope"):
            lean, general = _both_paths(one, policy, None)
            assert [s.to_json() for s in lean] == [s.to_json() for s in general]
            assert any(s.status == "conflict" for s in lean) or name == "casualties"


@LAWS
@given(claim_sets(), POLICIES)
def test_the_json_text_is_what_the_json_module_writes_for_the_report_data(cs, policy):
    import json

    report = claimrec.reconcile(cs, policy=policy)
    expected = json.dumps(report.to_json(), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert report.dumps() == expected


def test_the_json_writer_agrees_with_the_json_module_on_awkward_values():
    import json

    from claimrec.report import _dump

    value = {"z": [], "a": {}, "é\n\"q\"": [1, -2, None, True, False, 0.5, "\u2028", {"k": [[]]}]}
    assert _dump(value, "") == json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


def test_the_sweep_leaves_the_pairs_out_when_not_asked_for_them():
    from claimrec._sweep import lower_key, maximal_overlaps, upper_key

    # Spans one after another: every pair is disjoint, so asking for the pairs would
    # cost n^2 / 2; the maximal sets alone are the n spans.
    spans = [(lower_key(2 * i, True), upper_key(2 * i, True)) for i in range(2000)]
    found, pairs = sweep(spans, pairs=False)
    assert pairs == []
    assert found == [[i] for i in range(2000)] == maximal_overlaps(spans)


@LAWS
@given(claim_sets(), st.dates(dt.date(2000, 1, 1), dt.date(2031, 12, 31)),
       st.sampled_from(["strict", "most_reliable", "envelope"]))
def test_the_answer_for_one_day_is_the_segment_of_the_whole_report_on_that_day(cs, day, policy):
    # Bounds carried over time (forward and back) reach a single day as they reach the
    # segment that holds it.
    full = claimrec.reconcile(cs, policy=policy)
    one = claimrec.reconcile(cs, policy=policy, at=day)
    for name in cs.quantities_by_name:
        seg = one[name][0]
        covering = [s for s in full[name] if Span(s.start, s.end).contains(day)]
        if not covering:
            assert seg.status == "unknown", (name, seg)
            continue
        assert (covering[0].status, covering[0].interval) == (seg.status, seg.interval)
