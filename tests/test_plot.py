"""Charts: the seed drawn as valid images, every drawing choice on small made-up cases."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import claimrec
from claimrec import Claim, ClaimSet, FractionOf, Quantity, Range, Source, Span, plot
from claimrec.cli import main
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.report import QuantityReport, Report, Segment

pytest.importorskip("matplotlib")

SEED = Path(__file__).parent.parent / "seeds" / "north-korea-2025.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


@pytest.fixture(scope="module")
def seed_report(seed: ClaimSet) -> Report:
    return claimrec.reconcile(seed, policy="most_reliable")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_root(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def texts(fig: Any) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


# -- the seed ---------------------------------------------------------------------


def test_seed_timeline_is_a_png_of_sensible_size(seed, seed_report, tmp_path):
    out = tmp_path / "timeline.png"
    plot.timeline(seed, seed_report, out=out)
    width, height = png_size(out)
    assert 1200 <= width <= 3000 and 800 <= height <= 3000
    assert out.stat().st_size > 20_000


def test_seed_forest_is_a_png_of_sensible_size(seed, seed_report, tmp_path):
    out = tmp_path / "forest.png"
    plot.forest(seed, seed_report, "2025-02-03", out=out)
    width, height = png_size(out)
    assert 1200 <= width <= 3000 and 400 <= height <= 3000
    assert out.stat().st_size > 20_000


def test_seed_charts_as_svg_parse_as_xml_with_an_svg_root(seed, seed_report, tmp_path):
    plot.timeline(seed, seed_report, out=tmp_path / "t.svg")
    plot.forest(seed, seed_report, out=tmp_path / "f.SVG")
    for name in ("t.svg", "f.SVG"):
        root = svg_root(tmp_path / name)
        assert float(root.get("width", "0").removesuffix("pt")) > 500


def test_svg_text_is_kept_as_text_so_the_chart_is_searchable(seed, seed_report, tmp_path):
    plot.timeline(seed, seed_report, out=tmp_path / "t.svg")
    text = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "conflict: {budanov, nis_combat}, {budanov, nyt}" in text
    assert "Defence Intelligence of Ukraine (HUR)" in text


def test_the_same_claims_draw_the_same_bytes(seed, seed_report, tmp_path):
    for name in ("a.svg", "b.svg", "a.png", "b.png"):
        plot.timeline(seed, seed_report, out=tmp_path / name)
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()


def test_pdf_is_written_too(seed, seed_report, tmp_path):
    plot.forest(seed, seed_report, out=tmp_path / "f.pdf")
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")


def test_seed_timeline_shows_each_claim_the_conflict_and_the_share_note(seed, seed_report):
    fig = plot.timeline(seed, seed_report)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["in_combat", "casualties", "deployed"]
    shown = texts(fig)
    for claim in seed.claims:
        assert any(t.startswith(claim.id) for t in shown), claim.id
    assert "conflict: {budanov, nis_combat}, {budanov, nyt}" in shown
    assert (
        "jones “up to 50 percent” of deployed: no cap, since deployed is [10,501, inf) here"
    ) in shown
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[:4] == [
        "Defence Intelligence of Ukraine (HUR)",
        "Anonymous US and Ukrainian officials",
        "National Intelligence Service (South Korea)",
        "Widely reported estimate (no source named)",
    ]
    assert "absence of evidence (hatched)" in legend
    assert "the policy's pick in a conflict" in legend


def test_seed_forest_rows_and_titles(seed, seed_report):
    fig = plot.forest(seed, seed_report, dt.date(2025, 2, 3))
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [
        "in_combat: conflict; policy most_reliable picks [7,500, 8,500]",
        "casualties: consistent, [3,001, inf)",
        "deployed: derived, [10,501, inf)",
    ]
    rows = [[t.get_text() for t in ax.get_yticklabels()] for ax in fig.axes]
    assert rows[0] == [
        "budanov “about 8,000” (budanov)",
        "nis_combat “no signs of” (nis) [absence of evidence, set aside]",
    ]
    assert rows[2] == []
    assert "no claim about deployed covers 2025-02-03; the band is derived" in texts(fig)


def test_forest_defaults_to_the_latest_claim_day(seed, seed_report):
    fig = plot.forest(seed, seed_report)
    assert fig.get_suptitle() == "Claims on 2025-02-05 (policy most_reliable)"
    rows = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert rows == ["nis_losses “more than 3,000” (nis) [carried over]"]


def test_forest_under_strict_has_no_interval_in_the_conflict(seed):
    report = claimrec.reconcile(seed)
    fig = plot.forest(seed, report, "2025-01-25", quantities=["in_combat", "casualties"])
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == [
        "in_combat: conflict; policy strict gives no interval",
        "casualties: nothing reconciled on this day",
    ]
    assert list(fig.axes[1].get_xticks()) == []


def test_timeline_marks_the_day_asked_for(seed, seed_report):
    fig = plot.timeline(seed, seed_report, day="2025-01-25")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[-1] == "the day 2025-01-25"


# -- bad input ----------------------------------------------------------------------


def test_an_unknown_suffix_is_refused_before_drawing(seed, seed_report, tmp_path):
    with pytest.raises(ValidationError, match=r"out: expected a file name ending in \.png"):
        plot.timeline(seed, seed_report, out=tmp_path / "chart.jpeg")
    with pytest.raises(ValidationError, match="out: "):
        plot.forest(seed, seed_report, out="chart")
    assert not list(tmp_path.iterdir())


def test_unknown_quantities_and_empty_sets_are_refused(seed, seed_report):
    with pytest.raises(ValidationError, match="unknown quantity 'troops'"):
        plot.timeline(seed, seed_report, quantities=["troops"])
    with pytest.raises(ValidationError, match="nothing to draw"):
        plot.timeline(ClaimSet(), claimrec.reconcile(ClaimSet()))


def test_latest_day_needs_a_dated_claim():
    undated = ClaimSet(quantities=[Quantity("q")], claims=[Claim("a", "q", Range.exact(1))])
    with pytest.raises(ValidationError, match="no claim has a date"):
        plot.forest(undated, claimrec.reconcile(undated))
    assert plot.latest_day(
        ClaimSet(
            quantities=[Quantity("q")],
            claims=[Claim("a", "q", Range.exact(1), period=Span.since("2025-03-01"))],
        )
    ) == dt.date(2025, 3, 1)


def test_missing_matplotlib_is_a_clear_error(seed, seed_report, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(plot.MissingExtraError, match=r"pip install 'claimrec\[plot\]'") as info:
        plot.timeline(seed, seed_report)
    assert isinstance(info.value, ImportError) and isinstance(info.value, ClaimrecError)
    with pytest.raises(plot.MissingExtraError):
        plot.forest(seed, seed_report)


def test_importing_claimrec_and_its_plot_module_does_not_import_matplotlib():
    code = "import sys, claimrec, claimrec.plot; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"


# -- the command line -------------------------------------------------------------


def test_cli_plot_writes_a_timeline_by_default(tmp_path, capsys):
    out = tmp_path / "chart.png"
    assert main(["plot", str(SEED), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    png_size(out)


def test_cli_plot_forest_with_and_without_a_day(tmp_path):
    for args in (["--at", "2025-02-03", "--policy", "most_reliable"], []):
        out = tmp_path / "forest.svg"
        assert main(["plot", str(SEED), "--kind", "forest", "--out", str(out), *args]) == 0
        svg_root(out)


def test_cli_plot_timeline_with_a_day(tmp_path):
    out = tmp_path / "t.svg"
    assert main(["plot", str(SEED), "--out", str(out), "--at", "2025-01-25"]) == 0
    assert "the day 2025-01-25" in out.read_text(encoding="utf-8")


def test_cli_plot_without_matplotlib_exits_2_with_the_install_hint(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert main(["plot", str(SEED), "--out", str(tmp_path / "c.png")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimrec: error: drawing charts needs matplotlib")
    assert "pip install 'claimrec[plot]'" in err


def test_cli_plot_bad_suffix_and_bad_day_exit_2(tmp_path, capsys):
    assert main(["plot", str(SEED), "--out", str(tmp_path / "c.gif")]) == 2
    assert main(["plot", str(SEED), "--kind", "forest", "--at", "5 Feb", "--out", "c.png"]) == 2
    err = capsys.readouterr().err
    assert "out: expected a file name ending in .png, .svg or .pdf" in err
    assert "day: expected an ISO date 'YYYY-MM-DD', got '5 Feb'" in err


# -- drawing choices, on small made-up cases -----------------------------------------


SOURCES = [Source("s1", "Source one"), Source("s2", "Source two")]


def made_up() -> ClaimSet:
    """A proportion, an amount with a unit, a base and shares of it, open periods."""
    return ClaimSet(
        quantities=[
            Quantity("lost", kind="proportion", description="share of stock lost"),
            Quantity("temp", kind="amount", unit="C"),
            Quantity("base"),
            Quantity("part"),
        ],
        sources=SOURCES,
        claims=[
            Claim(
                "p1",
                "lost",
                Range.closed("0.1", "0.3", kind="proportion"),
                source="s1",
                period=Span("2025-01-01", "2025-01-10"),
            ),
            Claim(
                "p2",
                "lost",
                Range.at_least("0.5", kind="proportion"),
                source="s2",
                period=Span.since("2025-01-05"),
                evidence="absence_of_evidence",
            ),
            Claim(
                "t1",
                "temp",
                Range.at_most(-3, kind="amount", unit="C"),
                period=Span.until("2025-01-08"),
            ),
            Claim(
                "t2",
                "temp",
                Range.closed(-10, 4, kind="amount", unit="C"),
                period=Span("2025-01-03", "2025-01-12"),
            ),
            Claim("b1", "base", Range.closed(1000, 2000), period=Span("2025-01-01", "2025-01-06")),
            Claim("b2", "base", Range.at_least(1500), period=Span("2025-01-06", "2025-01-12")),
            Claim(
                "share",
                "part",
                FractionOf(Range.closed("0.2", "0.5", kind="proportion"), "base"),
                source="s1",
                phrase="a fifth to a half",
                period=Span("2025-01-02", "2025-01-10"),
            ),
            Claim("x1", "part", Range.exact(300), period=Span("2025-01-02", "2025-01-04")),
            Claim("x2", "part", Range.exact(300), period=Span("2025-01-03", "2025-01-05")),
            Claim(
                "late",
                "part",
                Range.closed(100, 900),
                phrase="a few hundred with a long phrase",
                period=Span("2025-01-11", "2025-01-12"),
            ),
        ],
    )


def test_made_up_timeline_draws_every_kind_of_mark(tmp_path):
    cs = made_up()
    report = claimrec.reconcile(cs, policy="most_reliable")
    fig = plot.timeline(cs, report, day="2025-01-05", out=tmp_path / "m.png")
    png_size(tmp_path / "m.png")
    shown = texts(fig)
    assert "p1 [10%, 30%]" in shown
    assert "t1 (-inf, -3] C" in shown
    assert "share “a fifth to a half” of base = [200, 750]" in shown
    # The same share again over the next base segments; equal neighbours are one bar.
    assert [t for t in shown if t.startswith("=")] == ["= [200, 1,000]", "= [300, inf)"]
    assert "late “a few hundred with a long phrase”" in shown
    assert "conflict: {p1, p2}" in shown
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "no lower bound: runs on past the edge" in legend
    assert "a share, resolved against its base's interval" in legend
    assert "s2" not in legend and "Source two" in legend
    assert "t1" in legend  # an unattributed claim is its own origin
    assert fig.axes[1].get_ylabel() == "amount (C)"
    assert fig.axes[0].get_title(loc="right") == "share of stock lost"


def test_made_up_forest_shows_resolved_shares_midpoints_and_points(tmp_path):
    cs = made_up()
    report = claimrec.reconcile(cs, policy="most_reliable")
    fig = plot.forest(cs, report, "2025-01-03", out=tmp_path / "m.svg")
    svg_root(tmp_path / "m.svg")
    rows = [t.get_text() for t in fig.axes[3].get_yticklabels()]
    assert rows == [
        "share “a fifth to a half” of base (s1) [[20%, 50%] of base = [200, 750]]",
        "x1 [300, 300] (unattributed)",
        "x2 [300, 300] (unattributed)",
    ]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "midpoint of a bounded range (a point estimate)" in legend


def test_a_share_whose_base_is_unbounded_or_unreconciled_is_a_note():
    cs = ClaimSet(
        quantities=[Quantity("base"), Quantity("part")],
        sources=SOURCES,
        claims=[
            Claim("b", "base", Range.at_least(10), period=Span("2025-01-01", "2025-01-03")),
            Claim(
                "half",
                "part",
                FractionOf(Range.at_most("0.5", kind="proportion"), "base"),
                source=claimrec.Attribution("s1", citing=("s2",)),
                period=Span("2025-01-02", "2025-01-04"),
            ),
        ],
    )
    fig = plot.timeline(cs, claimrec.reconcile(cs))
    assert "half [0, 50%] of base: no cap, since base is [10, inf) here" in texts(fig)
    forest = plot.forest(cs, claimrec.reconcile(cs), "2025-01-02")
    assert "no bound: base is [10, inf) here" in texts(forest)
    assert [t.get_text() for t in forest.axes[1].get_yticklabels()] == [
        "half [0, 50%] of base (s1 citing s2)"
    ]


def test_a_share_of_a_base_without_segments_is_a_note_over_its_period():
    cs = ClaimSet(
        quantities=[Quantity("base"), Quantity("part")],
        claims=[
            Claim(
                "half",
                "part",
                FractionOf(Range.at_most("0.5", kind="proportion"), "base"),
                phrase="up to half",
                period=Span.day("2025-01-02"),
            )
        ],
    )
    report = Report("strict", None, {})
    fig = plot.timeline(cs, report, quantities=["part"])
    assert texts(fig) == [
        "half “up to half” of base: no cap, since base has no reconciled interval over its period"
    ]


def test_undated_claims_are_drawn_over_a_window_round_today():
    cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim("a", "q", Range.closed(1, 2))])
    fig = plot.timeline(cs, claimrec.reconcile(cs))
    left, right = fig.axes[0].get_xlim()
    assert right - left > 30


def segment(quantity: str, status: Any, interval: Range | None, **fields: Any) -> Segment:
    return Segment(
        quantity,
        fields.pop("start", dt.date(2025, 1, 1)),
        fields.pop("end", dt.date(2025, 1, 3)),
        status,
        interval,
        fields.pop("envelope", None),
        **fields,
    )


def hand_report(*segments: Segment, policy: str = "strict") -> Report:
    quantities = {
        name: QuantityReport(name, "count", None, tuple(s for s in segments if s.quantity == name))
        for name in dict.fromkeys(s.quantity for s in segments)
    }
    return Report(policy, None, quantities)


def test_hand_made_segments_unknown_and_conflicts_without_envelope_draw_no_band():
    cs = ClaimSet(
        quantities=[Quantity("q")],
        claims=[
            Claim("a", "q", Range.closed(5, 9), period=Span("2025-01-01", "2025-01-05")),
            Claim("b", "q", Range.closed(20, 30), period=Span("2025-01-01", "2025-01-05")),
        ],
    )
    report = hand_report(
        segment("q", "unknown", None),
        segment("q", "conflict", None, start=dt.date(2025, 1, 3), end=dt.date(2025, 1, 4)),
        segment(
            "q",
            "conflict",
            Range.closed(5, 9),
            start=dt.date(2025, 1, 4),
            end=None,
            envelope=Range.closed(5, 30),
            conflicts=(("a", "b"),),
        ),
    )
    fig = plot.timeline(cs, report)
    assert "conflict: {a, b}" in texts(fig)
    forest = plot.forest(cs, report, "2025-01-02")
    assert forest.axes[0].get_title(loc="left") == "q: unknown, no interval"


def test_forest_with_no_rows_but_a_band_keeps_its_value_axis():
    cs = ClaimSet(
        quantities=[Quantity("q")],
        claims=[Claim("a", "q", Range.exact(1), period=Span.day("2024-12-01"))],
    )
    report = hand_report(segment("q", "derived", Range.at_least(40)))
    fig = plot.forest(cs, report, "2025-01-02")
    assert len(fig.axes[0].get_xticks()) > 0
    assert "no claim about q covers 2025-01-02; the band is derived" in texts(fig)


def test_crowded_labels_move_aside_and_leave_a_leader():
    days = [Span.day(f"2025-01-{d:02d}") for d in range(1, 12)]
    claims = [
        Claim(f"c{i}", "q", Range.closed(100 + i, 900), phrase="a long phrase to crowd", period=p)
        for i, p in enumerate(days)
    ]
    claims.append(
        Claim("top", "q", Range.closed(800, 900), phrase="another long one", period=days[-1])
    )
    cs = ClaimSet(quantities=[Quantity("q")], claims=claims)
    fig = plot.timeline(cs, claimrec.reconcile(cs, policy="envelope"))
    ax = fig.axes[0]
    leaders = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert leaders
    assert len(ax.texts) == len(claims)


def test_value_windows_leave_room_and_start_at_zero_when_that_is_close():
    assert plot._value_window([], "count") == pytest.approx((-0.07, 1.32))
    assert plot._value_window([5], "count") == pytest.approx((4.395, 6.48))
    assert plot._value_window([0], "count") == pytest.approx((-0.07, 1.32))
    assert plot._value_window([3001], "count")[0] == pytest.approx(3001 - 300.1 - 0.07 * 900.3)
    assert plot._value_window([-3], "amount") == pytest.approx((-3.3 - 0.063, -2.4 + 0.288))
    assert plot._value_window([0, 10], "proportion")[0] == pytest.approx(-0.7)


def test_tick_labels_hide_below_zero_and_above_one_hundred_percent():
    assert plot._format_value("count", -1.0) == ""
    assert plot._format_value("proportion", 1.25) == ""
    assert plot._format_value("proportion", 0.25) == "25%"
    assert plot._format_value("count", 12500.0) == "12,500"
    assert plot._format_value("amount", -2.5) == "-2.5"


def test_lanes_split_overlapping_bars_at_one_value():
    spans = [(0.0, 0.0, 10.0), (0.0, 5.0, 15.0), (0.0, 20.0, 30.0), (7.0, 0.0, 10.0)]
    assert plot._lanes(spans) == [(0, 2), (1, 2), (0, 2), (0, 1)]


def test_a_share_of_a_disputed_base_is_a_note_naming_the_gap():
    cs = ClaimSet(
        quantities=[Quantity("base"), Quantity("part")],
        claims=[
            Claim("lo", "base", Range.closed(10, 20), period=Span.day("2025-01-02")),
            Claim("hi", "base", Range.closed(50, 60), period=Span.day("2025-01-02")),
            Claim(
                "half",
                "part",
                FractionOf(Range.at_most("0.5", kind="proportion"), "base"),
                period=Span.day("2025-01-02"),
            ),
        ],
    )
    fig = plot.timeline(cs, claimrec.reconcile(cs), quantities=["part"])
    assert texts(fig) == [
        "half [0, 50%] of base: no cap, since base has no reconciled interval here"
    ]
