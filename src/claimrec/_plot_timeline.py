"""One quantity's timeline panel: bars over periods, reconciled bands, conflict outlines."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from claimrec._plot_axes import _ends, _finite_ends, _span_x, _value_axis, _value_window
from claimrec._plot_layout import _Box, _Labels, _lanes, _thicken
from claimrec._plot_model import _Panel, _phrase
from claimrec._plot_style import (
    _BAND,
    _BAND_STYLES,
    _CONFLICT,
    _HATCH,
    _MARKS,
    _add_absent,
    _add_band,
    _add_conflict,
    _add_origin,
    _Legend,
    _unbounded_marks,
)
from claimrec.claims import ClaimSet
from claimrec.ranges import FractionOf, Range

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from claimrec.report import Segment


def _draw_timeline_panel(
    ax: Axes,
    panel: _Panel,
    claimset: ClaimSet,
    colours: Mapping[str, str],
    window: tuple[float, float],
    legend: _Legend,
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    heights = _value_window(
        _finite_ends(
            [
                *(m.value for m in panel.marks),
                *(s.interval for s in panel.segments),
                *(s.envelope for s in panel.segments),
            ]
        ),
        panel.kind,
    )
    span = heights[1] - heights[0]
    thin = span * 0.04
    ax.set_xlim(*window)
    ax.set_ylim(*heights)
    ax.set_title(panel.name, loc="left", fontsize=10, fontweight="bold")
    if panel.description:
        ax.set_title(panel.description, loc="right", fontsize=8, color="0.35")
    _value_axis(ax, panel.kind, panel.unit, "y")
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)

    for seg in panel.segments:
        if seg.interval is None or seg.status == "unknown":
            continue
        left, right = _span_x(seg.start, seg.end, window)
        low, high = _thicken(*_ends(seg.interval, heights), thin)
        ax.add_patch(
            Rectangle(
                (left, low),
                right - left,
                high - low,
                facecolor=_BAND,
                alpha=0.18,
                zorder=4,
            )
        )
        ax.add_patch(
            Rectangle(
                (left, low),
                right - left,
                high - low,
                fill=False,
                edgecolor="black",
                linestyle=_BAND_STYLES[seg.status],
                linewidth=1.1,
                zorder=4,
            )
        )
        _add_band(legend, seg.status)
    ends = [(_span_x(m.start, m.end, window), _ends(m.value, heights)) for m in panel.marks]
    is_thin = [high - low < thin for _, (low, high) in ends]
    thin_spans = [(low, *xs) for (xs, (low, _)), t in zip(ends, is_thin, strict=True) if t]
    thin_lanes = iter(_lanes(thin_spans))
    bars: list[_Box] = []
    tops: list[float] = []
    for ((left, right), (low, high)), narrow in zip(ends, is_thin, strict=True):
        if narrow:
            lane, count = next(thin_lanes)
            middle = (low + high) / 2
            low = middle - thin / 2 + lane * thin / count
            high = low + thin / count
            tops.append(middle + thin / 2)
        else:
            tops.append(high)
        bars.append((left, right, low, high))
    labels = _Labels(ax, window, heights)
    labels.bars.extend(bars)
    _draw_conflicts(ax, panel.segments, window, heights, labels, legend)

    labelled: set[str] = set()
    for mark, bar, top in zip(panel.marks, bars, tops, strict=True):
        left, right, low, high = bar
        origin = claimset.origin(mark.claim)
        colour = colours[origin]
        absent = mark.claim.evidence == "absence_of_evidence"
        ax.add_patch(
            Rectangle(
                (left, low),
                right - left,
                high - low,
                facecolor=colour,
                alpha=0.3 if mark.resolved else 0.6,
                edgecolor=colour,
                hatch=_HATCH if absent else None,
                linestyle=":" if mark.resolved else "-",
                linewidth=1.2,
                zorder=3,
            )
        )
        _add_origin(legend, claimset, origin, colour)
        if absent:
            _add_absent(legend)
        if mark.resolved:
            legend.add(
                _MARKS,
                "a share, resolved against its base's interval",
                Patch(facecolor="0.6", alpha=0.3, edgecolor="0.3", linestyle=":"),
            )
        _unbounded_marks(ax, mark.value, (left + right) / 2, heights, colour, "y", legend)
        text = f"{mark.claim.id} {_phrase(mark.claim)}"
        if isinstance(mark.claim.value, FractionOf):
            resolved = f"= {mark.value}"
            whole = f"{text} of {mark.claim.value.base} {resolved}"
            text = resolved if mark.claim.id in labelled else whole
        labelled.add(mark.claim.id)
        if mark.value.upper is None:
            y, va = low + span * 0.02, "bottom"
        elif high - low > span * 0.06:
            y, va = high - span * 0.015, "top"
        else:
            y, va = top + span * 0.01, "bottom"
        labels.put(text, (left, right), y, va=va, own=bar)

    for note in panel.notes:
        colour = colours[claimset.origin(note.claim)]
        left, right = _span_x(note.start, note.end, window)
        y = heights[1] - span * 0.08
        ax.plot([left, right], [y, y], color=colour, linewidth=4, solid_capstyle="butt", zorder=5)
        assert isinstance(note.claim.value, FractionOf)
        text = (
            f"{note.claim.id} {_phrase(note.claim)} of {note.claim.value.base}: "
            f"no cap, since {note.why}"
        )
        labels.put(text, (left, right), y - span * 0.03, va="top")
        legend.add(
            _MARKS,
            "a share its base leaves unbounded (over its period)",
            Line2D([], [], color="0.3", linewidth=4),
        )


def _draw_conflicts(
    ax: Axes,
    segments: Sequence[Segment],
    window: tuple[float, float],
    heights: tuple[float, float],
    labels: _Labels,
    legend: _Legend,
) -> None:
    """One red outline and label per run of touching conflict segments."""
    from matplotlib.patches import Rectangle

    runs: list[list[Segment]] = []
    for seg in segments:
        if seg.status != "conflict" or seg.envelope is None:
            continue
        if runs and runs[-1][-1].end == seg.start:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    span = heights[1] - heights[0]
    for run in runs:
        left = _span_x(run[0].start, run[0].end, window)[0]
        right = _span_x(run[-1].start, run[-1].end, window)[1]
        envelope = functools.reduce(Range.hull, [s.envelope for s in run if s.envelope is not None])
        low, high = _thicken(*_ends(envelope, heights), span * 0.04)
        ax.add_patch(
            Rectangle(
                (left, low),
                right - left,
                high - low,
                fill=False,
                edgecolor=_CONFLICT,
                linestyle="--",
                linewidth=1.3,
                zorder=5,
            )
        )
        _add_conflict(legend)
        sets = list(dict.fromkeys(c for seg in run for c in seg.conflicts))
        text = "conflict: " + ", ".join("{" + ", ".join(c) + "}" for c in sets)
        y = min(high + span * 0.05, heights[1] - span * 0.04)
        ax.plot(left, y, marker="X", color=_CONFLICT, markersize=7, zorder=6, clip_on=False)
        labels.put(
            text, (left + (window[1] - window[0]) * 0.008, right), y, va="center", colour=_CONFLICT
        )
