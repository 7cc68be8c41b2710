"""One quantity's forest panel: a row per claim on a day, the reconciled interval as a band."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from claimrec._plot_axes import _ends, _finite_ends, _value_axis, _value_window
from claimrec._plot_layout import _thicken
from claimrec._plot_model import _Mark, _Note, _phrase
from claimrec._plot_style import (
    _BAND,
    _BAND_STYLES,
    _CONFLICT,
    _FONT,
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
from claimrec.ranges import FractionOf

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from claimrec.report import Segment


def _draw_forest_panel(
    ax: Axes,
    name: str,
    claimset: ClaimSet,
    seg: Segment | None,
    rows: Sequence[tuple[_Mark | _Note, str]],
    day: dt.date,
    policy: str,
    colours: Mapping[str, str],
    legend: _Legend,
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    quantity = claimset.quantity(name)
    marks = [row for row, _ in rows if isinstance(row, _Mark)]
    window = _value_window(
        _finite_ends(
            [
                *(m.value for m in marks),
                None if seg is None else seg.interval,
                None if seg is None else seg.envelope,
            ]
        ),
        quantity.kind,
    )
    width = window[1] - window[0]
    ax.set_xlim(*window)
    ax.set_ylim(max(len(rows), 1) - 0.4, -0.8)
    _value_axis(ax, quantity.kind, quantity.unit, "x")
    ax.grid(axis="x", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_title(_forest_title(name, seg, policy), loc="left", fontsize=10)

    conflicted = set() if seg is None else {i for c in seg.conflicts for i in c}
    if seg is not None and seg.interval is not None and seg.status != "unknown":
        low, high = _thicken(*_ends(seg.interval, window), width * 0.006)
        ax.axvspan(low, high, facecolor=_BAND, alpha=0.25, zorder=1)
        ax.axvspan(
            low,
            high,
            fill=False,
            edgecolor="black",
            linestyle=_BAND_STYLES[seg.status],
            linewidth=1.1,
            zorder=4,
        )
        _add_band(legend, seg.status)
    if seg is not None and seg.status == "conflict" and seg.envelope is not None:
        low, high = _ends(seg.envelope, window)
        ax.axvspan(
            low, high, fill=False, edgecolor=_CONFLICT, linestyle="--", linewidth=1.3, zorder=2
        )
        _add_conflict(legend)

    labels: list[str] = []
    for row, (item, flags) in enumerate(rows):
        claim = item.claim
        origin = claimset.origin(claim)
        colour = colours[origin]
        source = "unattributed" if claim.source is None else claim.source.said_by
        if claim.source is not None and claim.source.citing:
            source += " citing " + ", ".join(claim.source.citing)
        label = f"{claim.id} {_phrase(claim)}"
        if isinstance(claim.value, FractionOf):
            label += f" of {claim.value.base}"
        label += f" ({source})"
        labels.append(f"{label} [{flags}]" if flags else label)
        _add_origin(legend, claimset, origin, colour)
        if isinstance(item, _Note):
            ax.plot(window[0], row, marker="s", color=colour, markersize=7, clip_on=False)
            ax.text(
                window[0] + width * 0.012,
                row,
                f"no bound: {item.why}",
                fontsize=_FONT,
                va="center",
                color="0.15",
            )
            continue
        low, high = _thicken(*_ends(item.value, window), width * 0.012)
        absent = claim.evidence == "absence_of_evidence"
        ax.barh(
            row,
            high - low,
            left=low,
            height=0.5,
            color=colour,
            alpha=0.3 if "set aside" in flags else 0.65,
            edgecolor=_CONFLICT if claim.id in conflicted else colour,
            linewidth=1.6 if claim.id in conflicted else 1,
            hatch=_HATCH if absent else None,
            zorder=3,
        )
        if absent:
            _add_absent(legend)
        if claim.id in conflicted:
            legend.add(
                _MARKS, "in a minimal conflict (red edge)", Patch(fill=False, edgecolor=_CONFLICT)
            )
        if "set aside" in flags:
            legend.add(_MARKS, "set aside by the policy (faded)", Patch(facecolor="0.6", alpha=0.3))
        middle = item.value.midpoint
        if middle is not None and item.value.width:
            ax.plot(float(middle), row, marker="D", color="black", markersize=4, zorder=5)
            legend.add(
                _MARKS,
                "midpoint of a bounded range (a point estimate)",
                Line2D([], [], marker="D", color="black", markersize=4, linestyle="None"),
            )
        _unbounded_marks(ax, item.value, row, window, colour, "x", legend)
    if not rows:
        if seg is None or seg.interval is None:
            ax.set_xticks([])
        ax.text(
            (window[0] + window[1]) / 2,
            0,
            f"no claim about {name} covers {day.isoformat()}"
            + ("" if seg is None else f"; the band is {seg.status}"),
            fontsize=8,
            ha="center",
            va="center",
            color="0.3",
        )
    ax.set_yticks(range(len(labels)), labels, fontsize=8)


def _forest_title(name: str, seg: Segment | None, policy: str) -> str:
    if seg is None:
        return f"{name}: nothing reconciled on this day"
    if seg.status == "conflict":
        if seg.interval is None:
            return f"{name}: conflict; policy {policy} gives no interval"
        return f"{name}: conflict; policy {policy} picks {seg.interval}"
    shown = "no interval" if seg.interval is None else str(seg.interval)
    return f"{name}: {seg.status}, {shown}"
