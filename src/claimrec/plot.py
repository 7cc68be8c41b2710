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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from claimrec._plot_axes import _date_axis, _time_window, _x
from claimrec._plot_axes import _format_value as _format_value
from claimrec._plot_axes import _value_window as _value_window
from claimrec._plot_forest import _draw_forest_panel
from claimrec._plot_layout import _lanes as _lanes
from claimrec._plot_model import _forest_rows, _names, _panel
from claimrec._plot_style import _BANDS, _colours, _Legend
from claimrec._plot_timeline import _draw_timeline_panel
from claimrec.claims import ClaimSet
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.spans import to_date

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from claimrec.report import Report

__all__ = ["MissingExtraError", "forest", "latest_day", "timeline"]

_FORMATS: Final = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
# Metadata that changes from run to run (dates, versions) is left out, so the same
# claims draw the same bytes.
_METADATA: Final[Mapping[str, dict[str, Any]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


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
