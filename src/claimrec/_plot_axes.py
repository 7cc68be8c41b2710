"""Scales of :mod:`claimrec.plot`: days and values to axis coordinates, windows and ticks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from claimrec._exact import Number
from claimrec._plot_model import _Mark, _Note, _Panel
from claimrec.ranges import Kind, Range

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from claimrec.report import Segment


def _x(day: dt.date) -> float:
    from matplotlib import dates

    # matplotlib's date helpers carry no annotations; the boundary is typed here.
    date2num: Callable[[dt.date], float] = dates.date2num
    return float(date2num(day))


def _time_window(panels: Sequence[_Panel], marked: dt.date | None) -> tuple[float, float]:
    days: list[dt.date] = [] if marked is None else [marked, marked + dt.timedelta(days=1)]
    for panel in panels:
        items: list[_Mark | _Note | Segment] = [*panel.marks, *panel.notes, *panel.segments]
        days.extend(d for item in items for d in (item.start, item.end) if d is not None)
    if not days:
        # Every claim is about all time: any window shows that, so centre one on today.
        today = dt.date.today()
        days = [today - dt.timedelta(days=15), today + dt.timedelta(days=15)]
    first, last = _x(min(days)), _x(max(days))
    pad = max(1.0, (last - first) * 0.03)
    return first - pad, last + pad


def _finite_ends(ranges: Iterable[Range | None]) -> list[Number]:
    return [v for r in ranges if r is not None for v in (r.lower, r.upper) if v is not None]


def _value_window(values: Iterable[Number], kind: Kind) -> tuple[float, float]:
    """The value axis: the finite ends, with room above for labels and unbounded ends.

    Counts and proportions start at zero unless that would leave most of the panel
    empty (a lone "more than 3,000" would be a sliver at the top).
    """
    finite = [float(v) for v in values]
    low, high = min(finite, default=0.0), max(finite, default=1.0)
    if kind != "amount" and low <= 0.4 * high:
        low = 0.0
    if high <= low:
        pad = abs(low) * 0.2 or 1.0
        low, high = (low - pad / 2 if kind == "amount" or low >= pad else 0.0), high + pad
    span = high - low
    return low - 0.07 * span, high + 0.32 * span


def _format_value(kind: Kind, value: float) -> str:
    """A tick label; none below zero or above 100%, where only drawing room lies."""
    if kind != "amount" and (value < 0 or (kind == "proportion" and value > 1)):
        return ""
    if kind == "proportion":
        return f"{value:.0%}"
    if kind == "count":
        return f"{value:,.0f}"
    return f"{value:,g}"


def _value_axis(ax: Axes, kind: Kind, unit: str | None, axis: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    target = ax.yaxis if axis == "y" else ax.xaxis
    if kind == "count":
        target.set_major_locator(MaxNLocator("auto", integer=True, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(lambda v, _pos: _format_value(kind, v)))
    target.set_label_text(kind if unit is None else f"{kind} ({unit})")


def _date_axis(ax: Axes) -> None:
    from matplotlib import dates

    # matplotlib's date helpers carry no annotations; the boundary is typed here.
    AutoDateLocator: Any = dates.AutoDateLocator
    ConciseDateFormatter: Any = dates.ConciseDateFormatter

    # Ticks evenly spaced from the first, so that none crowd at a month's turn.
    locator = AutoDateLocator(minticks=4, maxticks=12, interval_multiples=False)
    formats = ["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_locator(locator)
    offsets = ["", "%Y", "%Y", "%d %b %Y", "%d %b %Y", "%d %b %Y %H:%M"]
    ax.xaxis.set_major_formatter(
        ConciseDateFormatter(locator, formats=formats, zero_formats=formats, offset_formats=offsets)
    )


def _span_x(
    start: dt.date | None, end: dt.date | None, window: tuple[float, float]
) -> tuple[float, float]:
    return (window[0] if start is None else _x(start), window[1] if end is None else _x(end))


def _ends(value: Range, window: tuple[float, float]) -> tuple[float, float]:
    return (
        window[0] if value.lower is None else float(value.lower),
        window[1] if value.upper is None else float(value.upper),
    )
