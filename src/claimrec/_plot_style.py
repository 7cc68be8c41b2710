"""Colours, hatches and line styles of :mod:`claimrec.plot`, and the legend that names them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from claimrec.claims import ClaimSet
from claimrec.ranges import Range

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Colours for origins: matplotlib's tab10 then tab20's light tints, without the red
# (kept for conflicts) and the greys (kept for reconciled bands).
_PALETTE: Final = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#dbdb8d",
    "#9edae5",
)
_CONFLICT: Final = "#d62728"
_BAND: Final = "#7f7f7f"
_HATCH: Final = "////"
_FONT: Final = 7.5
_BAND_LABELS: Final = {
    "consistent": "reconciled interval",
    "derived": "reconciled, derived through constraints",
    "conflict": "the policy's pick in a conflict",
}
_LineStyle: TypeAlias = Literal["-", "--", ":"]
_BAND_STYLES: Final[Mapping[str, _LineStyle]] = {
    "consistent": "-",
    "derived": "--",
    "conflict": ":",
}
# Legend groups, in the order they are listed.
_SOURCES, _MARKS, _BANDS = 0, 1, 2


class _Legend:
    """Legend entries, each once, grouped, in the order first drawn within a group."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, int, Artist]] = {}

    def add(self, group: int, label: str, handle: Artist) -> None:
        if label not in self.entries:
            self.entries[label] = (group, len(self.entries), handle)

    def draw(self, fig: Figure) -> None:
        ordered = sorted(self.entries.items(), key=lambda item: item[1][:2])
        fig.legend(
            [handle for _, (_, _, handle) in ordered],
            [label for label, _ in ordered],
            loc="outside right upper",
            fontsize=8,
            frameon=False,
        )


def _colours(claimset: ClaimSet) -> dict[str, str]:
    colours: dict[str, str] = {}
    for claim in claimset.claims:
        origin = claimset.origin(claim)
        if origin not in colours:
            colours[origin] = _PALETTE[len(colours) % len(_PALETTE)]
    return colours


def _add_origin(legend: _Legend, claimset: ClaimSet, origin: str, colour: str) -> None:
    from matplotlib.patches import Patch

    source = claimset.sources_by_id.get(origin)
    label = origin if source is None else source.name
    legend.add(_SOURCES, label, Patch(facecolor=colour, alpha=0.65))


def _add_absent(legend: _Legend) -> None:
    from matplotlib.patches import Patch

    legend.add(
        _MARKS,
        "absence of evidence (hatched)",
        Patch(facecolor="white", edgecolor="0.3", hatch=_HATCH),
    )


def _add_band(legend: _Legend, status: str) -> None:
    from matplotlib.patches import Patch

    legend.add(
        _BANDS,
        _BAND_LABELS[status],
        Patch(facecolor=_BAND, alpha=0.3, edgecolor="black", linestyle=_BAND_STYLES[status]),
    )


def _add_conflict(legend: _Legend) -> None:
    from matplotlib.patches import Patch

    legend.add(
        _BANDS,
        "conflict: envelope of the disputed claims",
        Patch(fill=False, edgecolor=_CONFLICT, linestyle="--"),
    )


def _unbounded_marks(
    ax: Axes,
    value: Range,
    at: float,
    window: tuple[float, float],
    colour: str,
    axis: str,
    legend: _Legend,
) -> None:
    from matplotlib.lines import Line2D

    up, down = ("^", "v") if axis == "y" else (">", "<")
    for end, edge, marker, label in (
        (value.upper, window[1], up, "no upper bound: runs on past the edge"),
        (value.lower, window[0], down, "no lower bound: runs on past the edge"),
    ):
        if end is None:
            xy = (at, edge) if axis == "y" else (edge, at)
            ax.plot(*xy, marker=marker, color=colour, markersize=8, clip_on=False, zorder=6)
            legend.add(_MARKS, label, Line2D([], [], marker=marker, color="0.3", linestyle="None"))
