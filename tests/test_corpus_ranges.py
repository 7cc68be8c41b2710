"""claimrec's number reader against the shared conformance corpus (../shared/corpus).

Each case's expected bounds are compared with ``parse_range(case["span"])``. Cases whose
convention differs from claimrec's on purpose are listed in EXCLUDED with the reason
(docs/readings.md lists them too); the score table in docs/readings.md is checked
against the one computed here, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

from claimrec.errors import ClaimrecError
from claimrec.ranges import Range
from claimrec.readings import parse_range

ROOT = Path(__file__).resolve().parents[1]
CORPUS = next(
    (
        base / "corpus" / "ranges.jsonl"
        for base in (
            Path(__file__).resolve().parents[2] / "shared",
            Path(os.environ.get("CLAIMREC_SHARED", "/work/shared")),
        )
        if (base / "corpus" / "ranges.jsonl").exists()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ranges.jsonl",
)
DOC = ROOT / "docs" / "readings.md"

if not CORPUS.exists():  # pragma: no cover - only when the project is cloned alone
    pytest.skip(f"corpus not found at {CORPUS}", allow_module_level=True)

# (source, span) -> why claimrec reads it differently on purpose.
EXCLUDED: dict[tuple[str, str], str] = {
    ("recognizers-spec", "from 200 to 3000000"): (
        "the corpus keeps this case half-open, [200, 3000000); claimrec reads every "
        "explicit 'from X to Y' as closed, as the corpus itself does for ten other ranges"
    ),
    ("recognizers-spec", "5k-20k"): (
        "the corpus keeps this case half-open, [5000, 20000); claimrec reads 'X-Y' as "
        "closed, as the corpus does for '1000-5000'"
    ),
    ("duckling", "more than 1 dollar and forty-two cents"): (
        "money written in two units (dollars and cents) is not added up: claimrec reads "
        "counts and shares, and ignores unit words"
    ),
    ("duckling", "above a dollar and 42 cents"): (
        "money written in two units: 'a dollar' is not a number claimrec reads"
    ),
}


def _number(value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, float):
        # Repeating decimals such as 0.3333333333 stand for simple fractions.
        return Fraction(repr(value)).limit_denominator(1000)
    assert isinstance(value, int)
    return Fraction(value)


def _cases() -> list[dict[str, object]]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


CASES = _cases()


def _verdict(case: dict[str, object]) -> str:
    """'exact', 'overlap' (vague cases only), or 'miss'."""
    try:
        got = parse_range(str(case["span"]))
        expected = Range(
            got.kind,
            _number(case["lower"]),
            _number(case["upper"]),
            bool(case["lower_closed"]),
            bool(case["upper_closed"]),
        )
    except ClaimrecError:
        return "miss"
    ends = (case["lower"], case["upper"])
    if got.kind == "count" and any(isinstance(e, float) and not e.is_integer() for e in ends):
        return "miss"  # a count only stands for whole-number bounds
    if got == expected:
        return "exact"
    if case["vague"] and got.overlaps(expected):
        return "overlap"
    return "miss"


def score_table() -> str:
    """The Markdown table of scores by suite and family, as docs/readings.md shows it."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in CASES:
        key = (str(case["source"]), str(case["span"]))
        verdict = "excluded" if key in EXCLUDED else _verdict(case)
        cells[(str(case["source"]), str(case["family"]))].append(verdict)
        cells[(str(case["source"]), "all")].append(verdict)
    rows = [
        "| suite | family | cases | exact | overlap | excluded | score | score, all cases |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for (source, family), verdicts in sorted(cells.items(), key=_row_order):
        counted = [v for v in verdicts if v != "excluded"]
        good = sum(v in ("exact", "overlap") for v in counted)
        rows.append(
            f"| {source} | {family} | {len(verdicts)} | {verdicts.count('exact')} | "
            f"{verdicts.count('overlap')} | {verdicts.count('excluded')} | "
            f"{good / len(counted):.2f} | {good / len(verdicts):.2f} |"
        )
    return "\n".join(rows)


def _row_order(item: tuple[tuple[str, str], list[str]]) -> tuple[str, bool, str]:
    (source, family), _ = item
    return source, family == "all", family


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if (c["source"], c["span"]) not in EXCLUDED],
    ids=lambda c: f"{c['source']}:{c['span']}",
)
def test_case(case: dict[str, object]) -> None:
    if case["vague"]:
        assert _verdict(case) in ("exact", "overlap")
    else:
        assert _verdict(case) == "exact"


@pytest.mark.parametrize("key", sorted(EXCLUDED), ids=lambda k: f"{k[0]}:{k[1]}")
def test_excluded_cases_exist_and_still_differ(key: tuple[str, str]) -> None:
    matching = [c for c in CASES if (c["source"], c["span"]) == key]
    assert matching, f"excluded case {key!r} is not in the corpus any more"
    # If claimrec comes to agree with the corpus, drop the exclusion.
    assert all(_verdict(c) == "miss" for c in matching)


def test_aim_per_suite() -> None:
    by_suite: dict[str, list[str]] = defaultdict(list)
    for case in CASES:
        if (case["source"], case["span"]) not in EXCLUDED and not case["vague"]:
            by_suite[str(case["source"])].append(_verdict(case))
    assert by_suite
    for suite, verdicts in by_suite.items():
        assert verdicts.count("exact") / len(verdicts) >= 0.95, suite


def test_docs_show_the_current_scores_and_exclusions() -> None:
    doc = DOC.read_text(encoding="utf-8")
    table = score_table()
    print(table)
    assert table in doc, "update the score table in docs/readings.md:\n" + table
    for _, span in EXCLUDED:
        assert f"`{span}`" in doc, span
