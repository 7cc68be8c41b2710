"""Placement in :mod:`claimrec.plot` so nothing hides anything: labels, thin bars, lanes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from claimrec._plot_style import _FONT

if TYPE_CHECKING:
    from matplotlib.axes import Axes

# A rectangle in data coordinates: left, right, bottom, top.
_Box: TypeAlias = tuple[float, float, float, float]


class _Labels:
    """Places a panel's labels so that they cover neither one another nor other bars.

    Text sizes are estimated (a character of the label font takes about 0.62% of the
    axis width at the figure's size). A label starts at the left end of its bar; one
    that would run past the right edge ends left of its bar instead, further left if a
    bar is in the way (with a dotted leader back to its own bar). A label that would
    overlap another label, or a bar it starts over, moves a line up (or down, for text
    hanging from the top of a bar).
    """

    def __init__(self, ax: Axes, window: tuple[float, float], heights: tuple[float, float]):
        self.ax = ax
        self.window = window
        self.width = window[1] - window[0]
        self.line = (heights[1] - heights[0]) * 0.065
        self.boxes: list[_Box] = []
        self.bars: list[_Box] = []

    def put(
        self,
        text: str,
        xs: tuple[float, float],
        y: float,
        *,
        va: str,
        colour: str = "black",
        own: _Box | None = None,
    ) -> None:
        needed = len(text) * 0.0062 * self.width
        margin = 0.004 * self.width
        overflows = xs[0] + needed > self.window[1] - 0.01 * self.width
        left = xs[0] - margin - needed if overflows else xs[0] + margin
        step = -self.line if va == "top" else self.line
        moves = 0
        for _ in range(12):
            low = {"top": y - self.line, "bottom": y}.get(va, y - self.line / 2)
            box = (left, left + needed, low, low + self.line)
            hit = [b for b in self.bars if b != own and _overlap(box, b)]
            further = min((b[0] for b in hit), default=left) - margin - needed
            if overflows and hit and further >= self.window[0] and moves < 2:
                left, moves = further, moves + 1
            elif hit or any(_overlap(box, other) for other in self.boxes):
                y += step
            else:
                break
        self.boxes.append(box)
        if overflows and box[1] < xs[0] - 2 * margin:
            self.ax.plot(
                [box[1] + margin / 2, xs[0]],
                [y, y],
                color="0.4",
                linewidth=0.8,
                linestyle=":",
                zorder=6,
            )
        self.ax.text(
            box[1] if overflows else box[0],
            y,
            text,
            fontsize=_FONT,
            color=colour,
            va=va,
            ha="right" if overflows else "left",
            zorder=6,
            clip_on=True,
        )


def _overlap(a: _Box, b: _Box) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _thicken(low: float, high: float, thin: float) -> tuple[float, float]:
    """A single value as a thin strip around it, so it stays visible."""
    if high - low >= thin:
        return low, high
    middle = (low + high) / 2
    return middle - thin / 2, middle + thin / 2


def _lanes(spans: Sequence[tuple[float, float, float]]) -> list[tuple[int, int]]:
    """Lane and lane count for thin bars ``(value, left, right)`` that would hide each other.

    Bars at the same value whose days overlap share the thin strip around the value,
    one lane each, so none covers another.
    """
    lanes: list[int] = []
    for i, (value, left, right) in enumerate(spans):
        taken = {
            lanes[j]
            for j, (other, l2, r2) in enumerate(spans[:i])
            if other == value and l2 < right and left < r2
        }
        lanes.append(min(set(range(len(taken) + 1)) - taken))
    counts = {value: 0 for value, _, _ in spans}
    for (value, _, _), lane in zip(spans, lanes, strict=True):
        counts[value] = max(counts[value], lane + 1)
    return [(lane, counts[value]) for (value, _, _), lane in zip(spans, lanes, strict=True)]
