"""claimrec's time phrases scored on the shared conformance corpus (Recognizers-Text, Duckling).

The corpus gives inclusive ends; ``Span.end`` is exclusive, so one day is added. A case marked
``vague`` (the sources disagree on its convention) counts when our span overlaps theirs; the
others count when they match exactly (or match one of the ``alt_spans`` the corpus lists).
Cases whose convention we differ from on purpose are in ``EXCLUDED``, each with its reason, and
are also listed in docs/dates.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from claimrec.dates import parse_span
from claimrec.errors import ParseError

CORPUS = next(
    (
        base / "corpus" / "spans.jsonl"
        for base in (
            Path(__file__).resolve().parents[2] / "shared",
            Path(os.environ.get("CLAIMREC_SHARED", "/work/shared")),
        )
        if (base / "corpus" / "spans.jsonl").exists()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "spans.jsonl",
)
DOCS = Path(__file__).resolve().parents[1] / "docs" / "dates.md"
AIM = 0.95  # share of the non-vague cases of each suite read exactly


class Excluded(NamedTuple):
    text: str
    reference: str
    expected: str
    ours: str
    reason: str


# Inclusive days, as in the corpus.
EXCLUDED = (
    Excluded(
        "first week of october 2014", "2013-02-12", "2014-10-06 .. 2014-10-12",
        "2014-09-29 .. 2014-10-05",
        "a week belongs to the period its Thursday falls in (ISO 8601), as in Recognizers' "
        "own 'first week of jan 2015'; Duckling takes the first week wholly inside the month",
    ),
    Excluded(
        "last wednesday", "2019-01-31", "2019-01-23 .. 2019-01-23", "2019-01-30 .. 2019-01-30",
        "'last <weekday>' is the latest one before the day said (news usage, and Duckling's "
        "reading); Recognizers takes that weekday of the previous calendar week",
    ),
    Excluded(
        "previous wednesday", "2019-01-31", "2019-01-23 .. 2019-01-23",
        "2019-01-30 .. 2019-01-30",
        "'previous <weekday>' reads as 'last <weekday>'",
    ),
    Excluded(
        "two months from today on tuesday", "2016-07-01", "2016-09-06 .. 2016-09-06",
        "2016-08-30 .. 2016-08-30",
        "'<offset> on <weekday>' is that weekday in the week the offset lands in, as in "
        "Recognizers' own 'monday two weeks from now'; this case takes the Tuesday after",
    ),
    Excluded(
        "2 days hence", "2016-11-07", "2016-11-08 .. 2016-11-09", "2016-11-09 .. 2016-11-09",
        "'N days hence' is one day, like 'in N days' (Recognizers' own 'in 2 days' is one "
        "day); the case reads it as the next two days",
    ),
)  # fmt: skip
EXCLUDED_KEYS = {(e.text, e.reference) for e in EXCLUDED}
SUITES = {"recognizers-spec": "Recognizers", "duckling": "Duckling"}


def _rows() -> list[dict[str, Any]]:
    if not CORPUS.exists():
        return []
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


ROWS = _rows()
needs_corpus = pytest.mark.skipif(not ROWS, reason=f"corpus not found at {CORPUS}")


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _expected(row: dict[str, Any]) -> list[tuple[dt.date | None, dt.date | None]]:
    def ends(item: dict[str, Any]) -> tuple[dt.date | None, dt.date | None]:
        start = None if item["start"] is None else _day(item["start"])
        end = None if item["end"] is None else _day(item["end"]) + dt.timedelta(days=1)
        return start, end

    return [ends(row), *(ends(alt) for alt in row.get("alt_spans", ()))]


def _ours(row: dict[str, Any]) -> tuple[dt.date | None, dt.date | None] | None:
    try:
        got = parse_span(row["span"], reference=row["reference"])
    except ParseError:
        return None
    return got.start, got.end


def _overlaps(
    a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]
) -> bool:
    return (a[0] is None or b[1] is None or a[0] < b[1]) and (
        b[0] is None or a[1] is None or b[0] < a[1]
    )


def _exact(row: dict[str, Any]) -> bool:
    return _ours(row) in _expected(row)


def _passes(row: dict[str, Any]) -> bool:
    ours = _ours(row)
    if ours is None:
        return False
    expected = _expected(row)
    if row["vague"]:
        return _overlaps(ours, expected[0])
    return ours in expected


def score() -> dict[tuple[str, str, bool], tuple[int, int, int]]:
    """(suite, family, vague) -> (passed, exactly equal, counted), exclusions left out."""
    passed: Counter[tuple[str, str, bool]] = Counter()
    exact: Counter[tuple[str, str, bool]] = Counter()
    counted: Counter[tuple[str, str, bool]] = Counter()
    for row in ROWS:
        if (row["span"], row["reference"]) in EXCLUDED_KEYS:
            continue
        key = (row["source"], row["family"], row["vague"])
        counted[key] += 1
        passed[key] += _passes(row)
        exact[key] += _exact(row)
    return {key: (passed[key], exact[key], counted[key]) for key in sorted(counted)}


def score_table() -> str:
    """The Markdown table docs/dates.md carries."""
    lines = [
        "| suite | family | scored by | cases | passed | share | equal to the corpus |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    totals: Counter[tuple[str, bool, str]] = Counter()
    for (suite, family, vague), (ok, same, n) in score().items():
        kind = "overlap" if vague else "exact"
        lines.append(
            f"| {SUITES[suite]} | {family} | {kind} | {n} | {ok} | {ok / n:.2f} | {same} |"
        )
        totals[suite, vague, "ok"] += ok
        totals[suite, vague, "same"] += same
        totals[suite, vague, "n"] += n
    for suite, name in SUITES.items():
        for vague in (False, True):
            ok, n = totals[suite, vague, "ok"], totals[suite, vague, "n"]
            same = totals[suite, vague, "same"]
            kind = "overlap" if vague else "exact"
            lines.append(
                f"| **{name}** | **all** | **{kind}** | {n} | {ok} | {ok / n:.2f} | {same} |"
            )
    return "\n".join(lines)


@needs_corpus
@pytest.mark.parametrize(
    "row", ROWS, ids=[f"{r['source'][:4]}-{r['reference']}-{r['span']}" for r in ROWS]
)
def test_case(row: dict[str, Any]) -> None:
    if (row["span"], row["reference"]) in EXCLUDED_KEYS:
        pytest.skip("convention differs on purpose (see EXCLUDED)")
    assert _passes(row), (
        f"{row['span']!r} on {row['reference']}: got {_ours(row)}, expected {_expected(row)}"
    )


@needs_corpus
@pytest.mark.parametrize("suite", sorted(SUITES))
def test_aim_per_suite(suite: str) -> None:
    results = [(ok, n) for (s, _, v), (ok, _same, n) in score().items() if s == suite and not v]
    exact = sum(ok for ok, _ in results) / sum(n for _, n in results)
    assert exact >= AIM
    vague = [(ok, n) for (s, _, v), (ok, _same, n) in score().items() if s == suite and v]
    assert sum(ok for ok, _ in vague) == sum(n for _, n in vague)


@needs_corpus
@pytest.mark.parametrize("excluded", EXCLUDED, ids=[e.text for e in EXCLUDED])
def test_exclusions_are_true(excluded: Excluded) -> None:
    """Each exclusion names a real case, and our reading is still the one documented."""
    rows = [r for r in ROWS if (r["span"], r["reference"]) == (excluded.text, excluded.reference)]
    assert len(rows) == 1
    start, end = excluded.ours.split(" .. ")
    assert _ours(rows[0]) == (_day(start), _day(end) + dt.timedelta(days=1))
    assert f"{rows[0]['start']} .. {rows[0]['end']}" == excluded.expected
    assert not _passes(rows[0])


@needs_corpus
def test_docs_carry_the_current_scores_and_exclusions() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert score_table() in docs
    for excluded in EXCLUDED:
        assert f"| {excluded.text} | {excluded.reference} |" in docs


if __name__ == "__main__":  # print the table for docs/dates.md
    print(score_table())
