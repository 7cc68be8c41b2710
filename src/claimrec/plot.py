"""Pictures of claims and of what reconciling them gives.

:func:`timeline` draws one panel per quantity, time across and value up: each claim
is a bar over its period spanning its range, coloured by its independent origin and
hatched when it is an absence of evidence; each segment's reconciled interval is a
grey band with a black edge over the claims; a conflict is outlined in red around the
envelope of the disputed claims and labelled with its minimal conflicting sets.
:func:`forest` draws one day: a row per claim, its range as a bar, each quantity's
reconciled interval as a band across its rows.

matplotlib is an optional extra (``pip install 'claimrec[plot]'``). It is imported only
when a chart is drawn, and only through :class:`matplotlib.figure.Figure`, never
pyplot, so drawing changes no global state and needs no display. Both functions
return the figure, and write it when given ``out`` (``.png``, ``.svg`` or ``.pdf``):

>>> import pathlib, tempfile, claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> report = claimrec.reconcile(cs, policy="most_reliable")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.svg"
>>> fig = timeline(cs, report, out=out)
>>> [ax.get_title(loc="left") for ax in fig.axes]
['in_combat', 'casualties', 'deployed']
>>> out.read_text(encoding="utf-8").startswith("<?xml")
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

import attrs

from claimrec._exact import Number
from claimrec.claims import Claim, ClaimSet
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.ranges import FractionOf, Kind, Range
from claimrec.spans import Span, to_date

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from claimrec.report import Report, Segment

__all__ = ["MissingExtraError", "forest", "latest_day", "timeline"]

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
_FORMATS: Final = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# Metadata that changes from run to run (dates, versions) is left out, so the same
# claims draw the same bytes.
_METADATA: Final[Mapping[str, dict[str, Any]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}
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
# A rectangle in data coordinates: left, right, bottom, top.
_Box: TypeAlias = tuple[float, float, float, float]
# Legend groups, in the order they are listed.
_SOURCES, _MARKS, _BANDS = 0, 1, 2


class MissingExtraError(ClaimrecError, ImportError):
    """An optional extra (matplotlib, pandas) is needed but not installed.

    The message names the ``pip install`` that brings it.
    """


def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError as err:
        raise MissingExtraError(
            "drawing charts needs matplotlib, which is not installed; "
            "install the optional extra with: pip install 'claimrec[plot]'"
        ) from err


@attrs.frozen
class _Mark:
    """A claim's value over some days: its own range, or a share resolved to a range."""

    claim: Claim
    start: dt.date | None
    end: dt.date | None
    value: Range

    @property
    def resolved(self) -> bool:
        """True for a share claim drawn as the range it gives against its base."""
        return isinstance(self.claim.value, FractionOf)


@attrs.frozen
class _Note:
    """A share claim that its base gives no bound, and why."""

    claim: Claim
    start: dt.date | None
    end: dt.date | None
    why: str


@attrs.frozen
class _Panel:
    """What one quantity's timeline panel shows, in exact numbers."""

    name: str
    description: str
    kind: Kind
    unit: str | None
    marks: tuple[_Mark, ...]
    notes: tuple[_Note, ...]
    segments: tuple[Segment, ...]


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


def latest_day(claimset: ClaimSet) -> dt.date:
    """The last day any claim speaks of: the default day of a :func:`forest`.

    It is the latest of every claim's ``said_on`` and the first and last days of its
    period.

    >>> import claimrec
    >>> latest_day(claimrec.load("seeds/north-korea-2025.json"))
    datetime.date(2025, 2, 5)
    >>> latest_day(claimrec.ClaimSet())
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: day: no claim has a date; give the day to draw
    """
    days = [
        day
        for claim in claimset.claims
        for day in (claim.said_on, claim.period.start, claim.period.last_day)
        if day is not None
    ]
    if not days:
        raise ValidationError("day: no claim has a date; give the day to draw")
    return max(days)


def timeline(
    claimset: ClaimSet,
    report: Report,
    *,
    quantities: Iterable[str] | None = None,
    day: dt.date | str | None = None,
    out: str | Path | None = None,
) -> Figure:
    """One panel per quantity: claims as bars over their periods and ranges, bands over them.

    ``report`` is what :func:`claimrec.reconcile` gave for ``claimset``. ``quantities``
    picks and orders the panels (default: every quantity with claims or segments, in
    declaration order); ``day`` draws a dotted line on that day; ``out`` writes the
    figure, in the format its suffix names. A share claim ("up to 50 percent of
    deployed") is drawn as the range it gives against its base's reconciled interval,
    or, where that gives no bound, as a line over its period with a note saying why.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> fig = timeline(cs, claimrec.reconcile(cs), quantities=["casualties"], day="2025-02-04")
    >>> for text in fig.axes[0].texts:
    ...     print(text.get_text())
    nis_losses “more than 3,000”
    jones “up to 50 percent” of deployed: no cap, since deployed is [10,501, inf) here
    """
    target = _check_out(out)
    marked = None if day is None else to_date(day, "day")
    _require_matplotlib()
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    panels = [_panel(claimset, report, name) for name in _names(claimset, report, quantities)]
    window = _time_window(panels, marked)
    colours = _colours(claimset)
    fig = Figure(figsize=(12, 0.8 + 2.6 * len(panels)), layout="constrained")
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    legend = _Legend()
    for ax, panel in zip(axes, panels, strict=True):
        _draw_timeline_panel(ax, panel, claimset, colours, window, legend)
        if marked is not None:
            ax.axvline(_x(marked), color="black", linestyle=(0, (1, 2)), linewidth=1, zorder=7)
    if marked is not None:
        legend.add(
            _BANDS,
            f"the day {marked.isoformat()}",
            Line2D([], [], color="black", linestyle=(0, (1, 2))),
        )
    _date_axis(axes[-1])
    fig.suptitle(f"Claims and reconciled intervals (policy {report.policy})", fontsize=12)
    legend.draw(fig)
    if target is not None:
        _save(fig, target)
    return fig


def forest(
    claimset: ClaimSet,
    report: Report,
    day: dt.date | str | None = None,
    *,
    quantities: Iterable[str] | None = None,
    out: str | Path | None = None,
) -> Figure:
    """One day: a row per claim (its range as a bar), the reconciled interval as a band.

    Rows are grouped by quantity, one panel each with its own scale. A row is a claim
    whose period covers ``day``, or one that the day's segment rests on or set aside
    (a cumulative quantity carries claims forward: those rows say "carried over").
    ``day`` defaults to :func:`latest_day`. A bounded range shows its midpoint; an
    unbounded one runs to the edge and ends in an arrowhead.

    >>> import claimrec
    >>> cs = claimrec.load("seeds/north-korea-2025.json")
    >>> fig = forest(cs, claimrec.reconcile(cs), "2025-01-25", quantities=["in_combat"])
    >>> for label in fig.axes[0].get_yticklabels():
    ...     print(label.get_text())
    budanov “about 8,000” (budanov) [set aside]
    nyt “had retreated” (nyt citing us_ua_officials) [set aside]
    nis_combat “no signs of” (nis) [absence of evidence, set aside]
    """
    target = _check_out(out)
    when = latest_day(claimset) if day is None else to_date(day, "day")
    _require_matplotlib()
    from matplotlib.figure import Figure

    names = _names(claimset, report, quantities)
    groups = [_forest_rows(claimset, report, name, when) for name in names]
    heights = [max(len(rows), 1) + 1.8 for _, rows in groups]
    fig = Figure(figsize=(12, 0.9 + 0.36 * sum(heights)), layout="constrained")
    axes = fig.subplots(len(groups), 1, squeeze=False, height_ratios=heights)[:, 0]
    colours = _colours(claimset)
    legend = _Legend()
    for ax, name, (seg, rows) in zip(axes, names, groups, strict=True):
        _draw_forest_panel(ax, name, claimset, seg, rows, when, report.policy, colours, legend)
    fig.suptitle(f"Claims on {when.isoformat()} (policy {report.policy})", fontsize=12)
    legend.draw(fig)
    if target is not None:
        _save(fig, target)
    return fig


# -- what to draw ---------------------------------------------------------------


def _names(claimset: ClaimSet, report: Report, chosen: Iterable[str] | None) -> list[str]:
    if chosen is not None:
        names = [claimset.quantity(name).name for name in chosen]
    else:
        about = {c.quantity for c in claimset.claims}
        names = [q.name for q in claimset.quantities if q.name in about or q.name in report]
    if not names:
        raise ValidationError("quantities: nothing to draw; no quantity has claims or segments")
    return names


def _panel(claimset: ClaimSet, report: Report, name: str) -> _Panel:
    quantity = claimset.quantity(name)
    marks: list[_Mark] = []
    notes: list[_Note] = []
    for claim in claimset.claims_about(name):
        value = claim.value
        if isinstance(value, Range):
            marks.append(_Mark(claim, claim.period.start, claim.period.end, value))
            continue
        pieces, why = _share_pieces(claim, value, report, quantity.unbounded())
        marks.extend(pieces)
        if not pieces:
            notes.append(_Note(claim, claim.period.start, claim.period.end, why))
    return _Panel(
        name,
        quantity.description,
        quantity.kind,
        quantity.unit,
        tuple(marks),
        tuple(notes),
        report.get(name, ()),
    )


def _share_pieces(
    claim: Claim, value: FractionOf, report: Report, nothing: Range
) -> tuple[list[_Mark], str]:
    """The share resolved against each base segment its period meets, where that bounds it.

    Also says why the last piece that gave no bound gave none.
    """
    pieces: list[_Mark] = []
    why = f"{value.base} has no reconciled interval over its period"
    for seg in report.get(value.base, ()):
        days = claim.period & Span(seg.start, seg.end)
        if days is None:
            continue
        if seg.interval is None:
            why = f"{value.base} has no reconciled interval here"
            continue
        resolved = value.resolve(seg.interval)
        if resolved == nothing:
            why = f"{value.base} is {seg.interval} here"
            continue
        last = pieces[-1] if pieces else None
        if last is not None and last.end == days.start and last.value == resolved:
            pieces[-1] = attrs.evolve(last, end=days.end)
        else:
            pieces.append(_Mark(claim, days.start, days.end, resolved))
    return pieces, why


def _forest_rows(
    claimset: ClaimSet, report: Report, name: str, day: dt.date
) -> tuple[Segment | None, list[tuple[_Mark | _Note, str]]]:
    seg = report.segment(name, day) if name in report else None
    supporting = set() if seg is None else set(seg.supporting)
    set_aside = set() if seg is None else {i for i, _ in seg.set_aside}
    nothing = claimset.quantity(name).unbounded()
    rows: list[tuple[_Mark | _Note, str]] = []
    for claim in claimset.claims_about(name):
        covers = claim.period.contains(day)
        if not covers and claim.id not in supporting | set_aside:
            continue
        flags = [] if covers else ["carried over"]
        if claim.evidence == "absence_of_evidence":
            flags.append("absence of evidence")
        if claim.id in set_aside:
            flags.append("set aside")
        value = claim.value
        if isinstance(value, Range):
            rows.append((_Mark(claim, None, None, value), ", ".join(flags)))
            continue
        pieces, why = _share_pieces(claim, value, report, nothing)
        here = [p for p in pieces if Span(p.start, p.end).contains(day)]
        if here:
            flags.append(f"{value.share} of {value.base} = {here[0].value}")
            rows.append((attrs.evolve(here[0], start=None, end=None), ", ".join(flags)))
        else:
            rows.append((_Note(claim, None, None, why), ", ".join(flags)))
    return seg, rows


# -- drawing --------------------------------------------------------------------


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


def _phrase(claim: Claim) -> str:
    """The phrase quoted, else the value (a share's own range, as the base follows)."""
    if claim.phrase:
        return f"“{claim.phrase}”"
    value = claim.value
    return str(value.share if isinstance(value, FractionOf) else value)


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


# -- output ---------------------------------------------------------------------


def _check_out(out: str | Path | None) -> Path | None:
    if out is None:
        return None
    path = Path(out)
    if path.suffix.lower() not in _FORMATS:
        raise ValidationError(
            f"out: expected a file name ending in .png, .svg or .pdf, got {str(out)!r}"
        )
    return path


def _save(fig: Figure, path: Path) -> None:
    import matplotlib

    fmt = _FORMATS[path.suffix.lower()]
    with matplotlib.rc_context({"svg.hashsalt": "claimrec", "svg.fonttype": "none"}):
        fig.savefig(path, format=fmt, dpi=150, metadata=_METADATA[fmt])
