"""The command line, run in-process: claimrec.cli."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimrec.cli import main

SEED = str(Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json")
CALM_DAY = "2025-02-04"  # only budanov speaks of in_combat that day: no conflict
CONFLICT_DAY = "2025-01-25"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- reconcile ------------------------------------------------------------------------------


def test_reconcile_text_of_a_conflict_under_strict_exits_1(capsys):
    code, out, err = run(capsys, "reconcile", SEED, "--at", CONFLICT_DAY)
    assert code == 1
    assert err == ""
    assert out.startswith("policy: strict   at: 2025-01-25\n")
    assert "in_combat  (count; 3 claims, 3 origins)" in out
    assert "CONFLICT" in out
    assert "minimal conflicts: {budanov, nis_combat}, {budanov, nyt}" in out


def test_reconcile_of_the_whole_seed_under_strict_exits_1(capsys):
    code, out, _ = run(capsys, "reconcile", SEED)
    assert code == 1
    assert out.startswith("policy: strict\n")


def test_reconcile_without_a_conflict_exits_0(capsys):
    code, out, _ = run(capsys, "reconcile", SEED, "--at", CALM_DAY)
    assert code == 0
    assert "CONFLICT" not in out
    assert "deployed  (count, cumulative; 1 claim, 1 origin)" in out


@pytest.mark.parametrize(
    "policy", ["envelope", "most_reliable", "majority_of_origins", "learned_trust"])
def test_reconcile_of_a_conflict_under_a_policy_that_decides_exits_0(capsys, policy):
    code, out, _ = run(capsys, "reconcile", SEED, "--at", CONFLICT_DAY, "--policy", policy)
    assert code == 0
    assert out.startswith(f"policy: {policy}")
    assert "CONFLICT" in out


def test_reconcile_markdown(capsys):
    code, out, _ = run(capsys, "reconcile", SEED, "--at", CONFLICT_DAY, "--format", "markdown",
                       "--policy", "most_reliable")
    assert code == 0
    assert out.startswith("# Reconciliation (policy `most_reliable`)\n\nAt 2025-01-25.\n")
    assert "| 2025-01-25 .. 2025-01-26 | conflict | [0, 0] | [0, 8,500] | nis_combat, nyt | " \
           "budanov |" in out


def test_reconcile_markdown_of_a_conflict_under_strict_exits_1(capsys):
    code, out, _ = run(capsys, "reconcile", SEED, "--at", CONFLICT_DAY, "--format", "markdown")
    assert code == 1
    assert "## in_combat (count)" in out


def test_reconcile_json(capsys):
    code, out, _ = run(capsys, "reconcile", SEED, "--format", "json", "--at", CONFLICT_DAY)
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"at", "policy", "quantities"}
    assert (data["at"], data["policy"]) == ("2025-01-25", "strict")
    assert list(data["quantities"]) == ["casualties", "deployed", "in_combat"]
    [seg] = data["quantities"]["in_combat"]["segments"]
    assert seg["status"] == "conflict" and seg["interval"] is None
    assert seg["conflicts"] == [["budanov", "nis_combat"], ["budanov", "nyt"]]


def test_reconcile_json_is_the_reports_dumps(capsys):
    import claimrec

    report = claimrec.reconcile(claimrec.load(SEED), policy="most_reliable")
    code, out, _ = run(capsys, "reconcile", SEED, "--format", "json", "--policy", "most_reliable")
    assert code == 0
    assert out == report.dumps()


def test_reconcile_json_without_a_conflict_exits_0(capsys):
    code, out, _ = run(capsys, "reconcile", SEED, "--format", "json", "--at", CALM_DAY)
    assert code == 0
    assert json.loads(out)["quantities"]["in_combat"]["segments"][0]["status"] == "consistent"


def test_a_missing_file_exits_2_with_the_error_on_stderr(capsys, tmp_path):
    missing = tmp_path / "missing.json"
    code, out, err = run(capsys, "reconcile", str(missing))
    assert code == 2
    assert out == ""
    assert err.startswith("claimrec: error: ")
    assert "missing.json" in err


def test_a_bad_claim_file_exits_2_naming_the_claim_and_field(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "format": "claimrec/1",
        "quantities": [{"name": "q"}],
        "claims": [{"id": "c1", "quantity": "q", "value": {"lower": 3, "upper": 1}}],
    }))
    code, out, err = run(capsys, "reconcile", str(bad))
    assert code == 2
    assert out == ""
    assert err.startswith("claimrec: error: ") and "c1" in err


def test_a_file_that_is_not_json_exits_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    code, _, err = run(capsys, "reconcile", str(bad), "--format", "json")
    assert code == 2
    assert "bad.json" in err


def test_a_bad_day_exits_2(capsys):
    code, out, err = run(capsys, "reconcile", SEED, "--at", "bogus")
    assert code == 2
    assert out == ""
    assert err == "claimrec: error: at: expected an ISO date 'YYYY-MM-DD', got 'bogus'\n"


def test_an_unknown_policy_is_refused_by_argparse(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["reconcile", SEED, "--policy", "loudest"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'loudest'" in capsys.readouterr().err


# -- explain -------------------------------------------------------------------------------


def test_explain_prints_the_justification_tree(capsys):
    code, out, err = run(capsys, "explain", SEED, "deployed", "--at", "2025-02-03")
    assert code == 0 and err == ""
    assert out.startswith("deployed\n  2025-02-03 .. 2025-02-04: derived [3,001, inf)\n")
    assert "    deployed >= 3,001  by c1: casualties <= deployed" in out
    assert "      deployed >= 10,501  by c2: in_combat + casualties <= deployed" in out


def test_explain_under_a_policy(capsys):
    code, out, _ = run(capsys, "explain", SEED, "in_combat", "--at", CONFLICT_DAY, "--policy",
                       "most_reliable")
    assert code == 0
    assert "conflict [0, 0]" in out
    assert "    set aside budanov: " in out


def test_explain_of_an_unknown_quantity_exits_2(capsys):
    code, out, err = run(capsys, "explain", SEED, "nope")
    assert code == 2
    assert out == ""
    assert err == "claimrec: error: quantity: unknown quantity 'nope'\n"


def test_explain_of_a_missing_file_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "explain", str(tmp_path / "x.json"), "q")
    assert code == 2 and "x.json" in err


# -- parse ----------------------------------------------------------------------------------


def test_parse_a_number_phrase(capsys):
    code, out, _ = run(capsys, "parse", "about 8,000")
    assert code == 0
    assert out == ("'about 8,000' read as 8,000 +/- 500 "
                   "(rule 'about': half the rounding step either way)\n")


def test_parse_a_number_phrase_as_json(capsys):
    code, out, _ = run(capsys, "parse", "more than 3,000", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["rule"], data["phrase"]) == ("more than", "more than 3,000")
    assert data["entailed"]["lower"] == 3001 and data["entailed"]["upper"] is None
    assert out == json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n"


def test_parse_with_a_kind(capsys):
    code, out, _ = run(capsys, "parse", "up to 50 percent", "--kind", "proportion",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["entailed"]["upper"] == "1/2"


def test_parse_a_time_phrase_with_a_reference(capsys):
    code, out, _ = run(capsys, "parse", "late last month", "--reference", "2025-02-05")
    assert code == 0
    assert out == ("'late last month' said on 2025-02-05 read as 2025-01-21 .. 2025-02-01 "
                   "(rule 'part-of-month': late = days 21-31)\n")


def test_parse_a_time_phrase_as_json(capsys):
    code, out, _ = run(capsys, "parse", "the past 10 days", "--reference", "2025-02-05",
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["start"], data["end"], data["reference"]) == ("2025-01-26", "2025-02-05",
                                                              "2025-02-05")


def test_parse_a_time_phrase_without_a_reference_uses_today(capsys):
    import datetime as dt

    code, out, _ = run(capsys, "parse", "last week")
    assert code == 0
    assert f"said on {dt.date.today().isoformat()}" in out


def test_parse_a_phrase_that_is_neither_exits_2_giving_both_reasons(capsys):
    code, out, err = run(capsys, "parse", "banana")
    assert code == 2
    assert out == ""
    assert err.startswith("claimrec: error: cannot read 'banana' as a time (")
    assert ") or as a number (" in err


@pytest.mark.parametrize(("phrase", "flag", "start"), [
    ("2025", [], "'2025' read as [2,025, 2,025]"),
    ("2025", ["--as", "time"], "'2025' said on 2025-02-05 read as 2025-01-01 .. 2026-01-01"),
    ("about 8,000", ["--as", "number"], "'about 8,000' read as 8,000 +/- 500"),
])
def test_parse_takes_a_bare_number_as_a_number_unless_told(capsys, phrase, flag, start):
    code, out, _ = run(capsys, "parse", phrase, "--reference", "2025-02-05", *flag)
    assert code == 0 and out.startswith(start)


def test_parse_a_phrase_that_does_not_fit_the_kind_falls_back_to_time_and_fails(capsys):
    code, _, err = run(capsys, "parse", "50 percent", "--kind", "count")
    assert code == 2
    assert "kind='count'" in err


@pytest.mark.parametrize("phrase", ["4 February 2025", "2025-02-04", "02/04/2025"])
def test_parse_reads_a_date_as_a_time(capsys, phrase):
    code, out, _ = run(capsys, "parse", phrase, "--reference", "2025-02-05")
    assert code == 0
    assert "said on 2025-02-05 read as 2025-02-04 .. 2025-02-05" in out


def test_a_command_is_required(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "required" in capsys.readouterr().err
