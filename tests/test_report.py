"""The reconciliation report: claimrec.report."""

from __future__ import annotations

import datetime as dt
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest

import claimrec
from claimrec import Range
from claimrec.errors import ValidationError
from claimrec.reasons import Bound
from claimrec.report import STATUSES, QuantityReport, Report, Segment, write_json

SEED = Path(__file__).resolve().parents[1] / "seeds" / "north-korea-2025.json"
D = dt.date

SEGMENT_KEYS = {"start", "end", "status", "interval", "envelope", "supporting", "set_aside",
                "conflicts", "reasons"}
RANGE_KEYS = {"lower", "upper", "lower_closed", "upper_closed", "kind", "unit"}


@pytest.fixture(scope="module")
def seed():
    return claimrec.load(SEED)


def _conflict_segment():
    return Segment(
        "troops", D(2025, 1, 15), D(2025, 2, 5), "conflict", None, Range.closed(0, 8500),
        supporting=(),
        set_aside=(("a", "conflicts with b; policy strict takes no side in a conflict"),
                   ("b", "conflicts with a; policy strict takes no side in a conflict")),
        conflicts=(("a", "b"),),
        reasons=("conflict: a and b share no value",),
    )


def _report(at=None):
    dist = QuantityReport("dist", "amount", "km", (
        Segment("dist", None, D(2025, 1, 1), "consistent",
                Range.closed(Fraction(1, 2), 3, kind="amount", unit="km"),
                Range.closed(Fraction(1, 2), 3, kind="amount", unit="km"),
                supporting=("d",), reasons=("lower bound 0.5: d said 'half to 3 km'",)),
        Segment("dist", D(2025, 1, 1), None, "unknown", None, None),
    ))
    troops = QuantityReport("troops", "count", None, (_conflict_segment(),))
    lines = {"a": "a  [7,500, 8,500]  'about 8,000'", "b": "b  [0, 0]  'none'"}
    return Report("strict", at, {"dist": dist, "troops": troops}, lines)


# -- the mapping and lookups -------------------------------------------------------------------


def test_a_report_maps_quantity_names_to_segments():
    report = _report()
    assert list(report) == ["dist", "troops"]
    assert len(report) == 2
    assert report["troops"] == (_conflict_segment(),)
    assert dict(report.items())["dist"] is report.quantities["dist"].segments


def test_segment_finds_the_segment_covering_a_day_in_open_ended_segments():
    report = _report()
    assert report.segment("dist", D(1990, 1, 1)).status == "consistent"
    assert report.segment("dist", "2024-12-31").status == "consistent"
    assert report.segment("dist", "2025-01-01").status == "unknown"
    assert report.segment("dist", D(2099, 1, 1)).status == "unknown"


def test_segment_is_none_for_a_day_no_segment_covers():
    report = _report()
    assert report.segment("troops", "2025-01-14") is None
    assert report.segment("troops", "2025-02-05") is None  # the end is exclusive
    assert report.segment("troops", "2025-02-04").status == "conflict"


def test_segment_of_a_bad_day_is_a_validation_error():
    with pytest.raises(ValidationError, match="day"):
        _report().segment("troops", "not a day")


def test_has_conflict():
    assert _report().has_conflict
    calm = Report("strict", None, {"dist": _report().quantities["dist"]})
    assert not calm.has_conflict
    assert not Report("strict", None, {}).has_conflict


def test_period_text_of_open_and_closed_segments():
    seg = _conflict_segment()
    assert seg.period == "2025-01-15 .. 2025-02-05"
    assert Segment("q", None, D(2025, 1, 1), "unknown", None, None).period == ".. 2025-01-01"
    assert Segment("q", D(2025, 1, 1), None, "unknown", None, None).period == "2025-01-01 .."
    assert Segment("q", None, None, "unknown", None, None).period == "all time"


def test_same_content_ignores_the_dates_but_not_the_reasons():
    seg = _conflict_segment()
    moved = Segment("troops", None, None, seg.status, seg.interval, seg.envelope, seg.supporting,
                    seg.set_aside, seg.conflicts, seg.reasons)
    assert seg.same_content(moved)
    other = Segment("troops", seg.start, seg.end, seg.status, seg.interval, seg.envelope,
                    seg.supporting, seg.set_aside, seg.conflicts, ("another reason",))
    assert not seg.same_content(other)


def test_statuses_are_the_four_of_the_report_format():
    assert STATUSES == ("consistent", "conflict", "derived", "unknown")


# -- JSON --------------------------------------------------------------------------------------


def test_to_json_has_exactly_the_documented_keys_and_types():
    data = _report(at=D(2025, 1, 20)).to_json()
    assert set(data) == {"quantities", "policy", "at"}
    assert (data["policy"], data["at"]) == ("strict", "2025-01-20")
    assert set(data["quantities"]) == {"dist", "troops"}
    dist = data["quantities"]["dist"]
    assert (dist["kind"], dist["unit"]) == ("amount", "km")
    first, second = dist["segments"]
    assert set(first) == SEGMENT_KEYS
    assert first["start"] is None and first["end"] == "2025-01-01"
    assert set(first["interval"]) == RANGE_KEYS
    assert first["interval"]["lower"] == "1/2" and first["interval"]["upper"] == 3
    assert first["interval"]["unit"] == "km"
    assert first["supporting"] == ["d"]
    assert first["reasons"] == ["lower bound 0.5: d said 'half to 3 km'"]
    assert second["interval"] is None and second["envelope"] is None and second["end"] is None
    troops = data["quantities"]["troops"]["segments"][0]
    assert troops["set_aside"] == {"a": "conflicts with b; policy strict takes no side in a "
                                        "conflict",
                                   "b": "conflicts with a; policy strict takes no side in a "
                                        "conflict"}
    assert troops["conflicts"] == [["a", "b"]]
    assert troops["envelope"]["upper"] == 8500
    assert data["quantities"]["troops"]["unit"] is None


def test_to_json_of_a_report_without_a_day():
    assert _report().to_json()["at"] is None


def test_dumps_is_sorted_indented_json_of_to_json(seed):
    for policy in ("strict", "most_reliable"):
        for at in (None, "2025-01-25"):
            report = claimrec.reconcile(seed, policy=policy, at=at)
            text = report.dumps()
            assert text == json.dumps(report.to_json(), sort_keys=True, indent=2,
                                      ensure_ascii=False) + "\n"
            assert json.loads(text) == report.to_json()


def test_dumps_is_byte_stable(seed):
    first = claimrec.reconcile(seed).dumps()
    assert claimrec.reconcile(seed).dumps() == first
    assert first.endswith("}\n")


def test_dumps_of_an_empty_report():
    text = Report("envelope", None, {}).dumps()
    assert json.loads(text) == {"at": None, "policy": "envelope", "quantities": {}}
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2) + "\n"


def test_dumps_keeps_non_ascii_text_as_is():
    seg = Segment("q", None, None, "unknown", None, None, reasons=("Kyïv said “none”",))
    text = Report("strict", None, {"q": QuantityReport("q", "count", None, (seg,))}).dumps()
    assert "Kyïv said “none”" in text


def test_dumps_sorts_quantities_however_the_report_was_built():
    report = _report()
    backwards = Report("strict", None, dict(reversed(list(report.quantities.items()))))
    assert backwards.dumps() == report.dumps()


def test_write_json_streams_the_same_bytes_and_says_whether_there_was_a_conflict():
    report = _report(at=D(2025, 1, 20))
    out = io.StringIO()
    assert write_json(report.policy, report.at, report.quantities.values(), out) is True
    assert out.getvalue() == report.dumps()
    calm = io.StringIO()
    assert write_json("strict", None, [report.quantities["dist"]], calm) is False
    assert json.loads(calm.getvalue())["quantities"].keys() == {"dist"}


# -- rows and HTML -----------------------------------------------------------------------------


def test_to_rows_gives_one_flat_row_per_segment():
    rows = _report().to_rows()
    assert [(r["quantity"], r["status"]) for r in rows] == [
        ("dist", "consistent"), ("dist", "unknown"), ("troops", "conflict")]
    first, second, third = rows
    assert (first["lower"], first["upper"], first["interval"]) == (Fraction(1, 2), 3,
                                                                   "[0.5, 3] km")
    assert (first["start"], first["end"]) == (None, D(2025, 1, 1))
    assert first["supporting"] == "d" and first["set_aside"] == ""
    assert (second["lower"], second["interval"], second["envelope"]) == (None, None, None)
    assert third["set_aside"] == "a, b"
    assert third["conflicts"] == "{a, b}"
    assert third["envelope"] == "[0, 8,500]"


def test_repr_html_is_a_table_with_escaped_intervals():
    html = _report()._repr_html_()
    assert html.startswith("<table><caption>policy strict</caption>")
    assert html.count("<tr>") == 4
    assert "<td>dist</td><td></td><td>2025-01-01</td><td>consistent</td><td>[0.5, 3] km</td>" in html
    assert "<td>troops</td><td>2025-01-15</td><td>2025-02-05</td><td>conflict</td><td>-</td>" in html


def test_repr_html_escapes_markup_characters():
    odd = Range.closed(1, 2, kind="amount", unit="<b>&")
    seg = Segment("q", None, None, "consistent", odd, odd)
    html = Report("strict", None, {"q": QuantityReport("q", "amount", "<b>&", (seg,))})._repr_html_()
    assert "&lt;b&gt;&amp;" in html
    assert "<b>&" not in html


# -- text ----------------------------------------------------------------------------------------


def test_to_text_heads_with_the_policy_and_the_day():
    assert _report().to_text().splitlines()[0] == "policy: strict"
    assert _report(at=D(2025, 1, 20)).to_text().splitlines()[0] == "policy: strict   at: 2025-01-20"


def test_to_text_shows_kind_unit_segments_conflicts_and_set_aside_lines():
    lines = _report().to_text().splitlines()
    assert "dist  (amount, km)" in lines
    assert "troops  (count)" in lines
    words = [line.split() for line in lines]
    assert ["..", "2025-01-01", "consistent", "[0.5,", "3]", "km"] in words
    assert ["2025-01-01", "..", "unknown", "no", "interval"] in words
    head = next(line for line in lines if line.startswith("  2025-01-15"))
    assert head.split() == ["2025-01-15", "..", "2025-02-05", "CONFLICT", "no", "interval",
                            "envelope", "[0,", "8,500]"]
    assert "    a  [7,500, 8,500]  'about 8,000'" in lines
    assert "    b  [0, 0]  'none'" in lines
    assert "    minimal conflicts: {a, b}" in lines
    assert "    - conflict: a and b share no value" in lines
    assert "    set aside a: conflicts with b; policy strict takes no side in a conflict" in lines
    assert lines[-1] == "    set aside b: conflicts with a; policy strict takes no side in a conflict"


def test_to_text_leaves_out_claim_lines_it_does_not_have():
    # 'd' supports dist but has no claim line
    assert not any(line.strip().startswith("d ") for line in _report().to_text().splitlines())


def test_to_text_shows_no_envelope_for_a_consistent_segment():
    assert "envelope" not in _report().to_text().split("troops  (count)")[0]


def test_to_text_of_the_seed_under_most_reliable(seed):
    text = claimrec.reconcile(seed, at="2025-01-25", policy="most_reliable").to_text()
    assert "CONFLICT    [0, 0]   envelope [0, 8,500]" in text
    assert "minimal conflicts: {budanov, nis_combat}, {budanov, nyt}" in text
    assert "    set aside budanov: conflicts with nis_combat, nyt" in text


# -- Markdown ------------------------------------------------------------------------------------


def test_to_markdown_heads_with_the_policy_and_says_the_day_only_when_given():
    assert _report().to_markdown().startswith("# Reconciliation (policy `strict`)\n\n## dist")
    assert "\nAt 2025-01-20.\n" in _report(at=D(2025, 1, 20)).to_markdown()
    assert "At " not in _report().to_markdown()


def test_to_markdown_gives_a_table_per_quantity_and_lists_reasons():
    md = _report().to_markdown()
    assert "## dist (amount, km)" in md and "## troops (count)" in md
    assert md.count("| period | status | interval | envelope | supporting | set aside |") == 2
    assert "| .. 2025-01-01 | consistent | [0.5, 3] km | [0.5, 3] km | d | - |" in md
    assert "| 2025-01-01 .. | unknown | - | - | - | - |" in md
    assert "| 2025-01-15 .. 2025-02-05 | conflict | - | [0, 8,500] | - | a, b |" in md
    assert "\n**2025-01-15 .. 2025-02-05**\n" in md
    assert "- minimal conflict: {a, b}" in md
    assert "- conflict: a and b share no value" in md
    assert "- set aside `a`: conflicts with b; policy strict takes no side in a conflict" in md
    # a segment with nothing to say gets no paragraph of its own
    assert "**2025-01-01 ..**" not in md
    assert "**.. 2025-01-01**" in md


def test_to_markdown_escapes_pipes_in_table_cells_and_reasons():
    odd = Range.closed(1, 2, kind="amount", unit="a|b")
    seg = Segment("q", None, None, "consistent", odd, None, reasons=("x | y",))
    md = Report("strict", None, {"q": QuantityReport("q", "amount", "a|b", (seg,))}).to_markdown()
    assert "| [1, 2] a\\|b | - |" in md
    assert "- x \\| y" in md


# -- explain -----------------------------------------------------------------------------------


def test_explain_shows_the_tree_of_each_bound_and_the_set_aside_claims():
    lower = Bound.stated("troops", "lower", 1, True, ("a",), "'1'")
    upper = Bound.derived("troops", "upper", 5, True, "k", "troops <= cap",
                          (Bound.stated("cap", "upper", 5, True, ("c",)),))
    seg = Segment("troops", None, None, "conflict", Range.closed(1, 5), Range.closed(1, 9),
                  set_aside=(("b", "too big"),), lower=lower, upper=upper)
    text = Report("most_reliable", None,
                  {"troops": QuantityReport("troops", "count", None, (seg,))}).explain("troops")
    assert text == (
        "troops\n"
        "  all time: conflict [1, 5]\n"
        "    troops >= 1  stated by a '1'\n"
        "    troops <= 5  by k: troops <= cap\n"
        "      cap <= 5  stated by c\n"
        "    set aside b: too big\n"
    )


def test_explain_says_no_interval_and_skips_missing_bounds():
    text = _report().explain("troops")
    assert text.splitlines()[:2] == ["troops", "  2025-01-15 .. 2025-02-05: conflict no interval"]
    assert "    set aside a: conflicts with b; policy strict takes no side in a conflict" in text


def test_explain_shows_conditional_bounds_of_the_seed(seed):
    text = claimrec.reconcile(seed, at="2025-02-03").explain("deployed")
    assert "  2025-02-03 .. 2025-02-04: derived [3,001, inf)" in text
    assert "    deployed >= 3,001  by c1: casualties <= deployed" in text
    lines = text.splitlines()
    cond = next(i for i, line in enumerate(lines) if line.startswith("    if budanov"))
    assert lines[cond + 1] == "      deployed >= 10,501  by c2: in_combat + casualties <= deployed"
    assert lines[cond + 2] == "        in_combat >= 7,500  stated by budanov 'about 8,000'"


def test_explain_of_an_unknown_quantity_is_a_key_error():
    with pytest.raises(KeyError):
        _report().explain("nope")


def test_write_json_writes_a_quantity_with_no_segments_as_the_json_module_would():
    import io
    import json

    from claimrec.report import QuantityReport, write_json

    out = io.StringIO()
    write_json("strict", None, [QuantityReport("q", "amount", "USD", ())], out)
    expected = {"at": None, "policy": "strict",
                "quantities": {"q": {"kind": "amount", "unit": "USD", "segments": []}}}
    assert out.getvalue() == json.dumps(expected, sort_keys=True, indent=2) + "\n"
