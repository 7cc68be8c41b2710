"""Bulk use: JSON Lines claim files and reports streamed one quantity at a time."""

from __future__ import annotations

import io as stdio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import claimrec
from claimrec import ClaimFileError
from claimrec.io import dumps_lines, loads_lines
from claimrec.reconcile import iter_reconcile
from claimrec.report import write_json
from claimrec.strategies import claim_sets

SEED = Path(__file__).parent.parent / "seeds" / "north-korea-2025.json"


def test_jsonl_round_trip_through_a_file(tmp_path):
    cs = claimrec.load(SEED)
    path = tmp_path / "seed.jsonl"
    claimrec.save(cs, path)
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + len(cs.claims)
    assert claimrec.load(path) == cs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_sets())
def test_jsonl_round_trip_of_generated_claim_sets(cs):
    assert loads_lines(dumps_lines(cs)) == cs


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file: expected a header line"),
        ("\n\n", "empty file: expected a header line"),
        ('{"format": "claimrec/1"}\n{"id": "a",', "line 2: not valid JSON at column 12"),
        ('{"format": "claimrec/1", "claims": []}\n', "line 1: expected a header object"),
        ("[1, 2]\n", "line 1: expected a header object"),
        ('{"format": "claimrec/1"}\n{"x": NaN}\n', "line 2: NaN is not a number"),
        ('{"format": "claimrec/1", "quantities": [{"name": "q"}]}\n'
         '{"id": "a", "quantity": "r", "value": {"lower": 1}}\n',
         "claim 'a': quantity: unknown quantity 'r'"),
    ],
)
def test_jsonl_errors_name_the_line_or_claim(text, message):
    with pytest.raises(ClaimFileError, match=message):
        loads_lines(text, path="bulk.jsonl")


def test_iter_reconcile_gives_the_same_report_in_name_order():
    cs = claimrec.load(SEED)
    whole = claimrec.reconcile(cs, policy="most_reliable")
    policy, day, reports = iter_reconcile(cs, policy="most_reliable")
    streamed = list(reports)
    assert policy == "most_reliable" and day is None
    assert [q.name for q in streamed] == sorted(whole)
    assert all(q.segments == whole[q.name] for q in streamed)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_sets())
def test_streamed_json_is_byte_identical_to_dumps(cs):
    report = claimrec.reconcile(cs, at="2020-06-01")
    out = stdio.StringIO()
    policy, day, reports = iter_reconcile(cs, at="2020-06-01")
    conflict = write_json(policy, day, reports, out)
    assert out.getvalue() == report.dumps()
    assert conflict == report.has_conflict


def test_cli_streams_json_with_the_conflict_exit_code(capsys):
    from claimrec.cli import main

    assert main(["reconcile", str(SEED), "--format", "json"]) == 1
    streamed = capsys.readouterr().out
    assert streamed == claimrec.reconcile(claimrec.load(SEED)).dumps()
    assert main(["reconcile", str(SEED), "--format", "json", "--policy", "envelope"]) == 0


@pytest.mark.parametrize("policy", ["strict", "most_reliable", "learned_trust"])
def test_streaming_leaves_no_reference_cycles_behind(policy):
    # Each group of quantities must be freed as soon as it is written: a reference
    # cycle (once, the reconciler's parts pointing back at each other) keeps every
    # finished group alive until the cyclic collector runs, against the memory bound.
    import gc

    cs = claimrec.load(SEED)
    unlinked = claimrec.ClaimSet(
        [claimrec.Quantity("q", "count", cumulative=True)],
        [],
        [
            claimrec.Claim(f"c{i}", "q", claimrec.parse_range(text))
            for i, text in enumerate(["10 to 20", "15 to 30", "40 to 50", "at least 12"])
        ],
    )
    for claims in (cs, unlinked):
        write_json(*iter_reconcile(claims, policy=policy), stdio.StringIO())  # warm caches
        gc.collect()
        gc.disable()
        try:
            write_json(*iter_reconcile(claims, policy=policy), stdio.StringIO())
            claimrec.reconcile(claims, policy=policy).to_text()
            assert gc.collect() == 0
        finally:
            gc.enable()
