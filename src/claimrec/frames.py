"""pandas data frames: a report as a table of segments, claims as a table of rows.

pandas is an optional extra (``pip install 'claimrec[pandas]'``), imported only when a
frame is made or read. Numbers stay exact: the ``lower`` and ``upper`` columns hold
ints and Fractions in ``object`` columns (``None`` where unbounded or missing), and a
report's frame adds float copies, ``lower_f`` and ``upper_f``, for sorting and
plotting, with ``-inf``/``inf`` for unbounded ends and NaN where there is no interval.

>>> import claimrec
>>> cs = claimrec.load("seeds/north-korea-2025.json")
>>> frame = report_to_dataframe(claimrec.reconcile(cs, policy="most_reliable"))
>>> frame.loc[frame.quantity == "in_combat", ["start", "status", "lower", "upper_f"]]
        start      status  lower  upper_f
10 2025-01-15    conflict   7500   8500.0
11 2025-01-21    conflict      0      0.0
12 2025-02-01    conflict   7500   8500.0
13 2025-02-04  consistent   7500   8500.0

A claim set goes to a frame and back unchanged, given its declarations:

>>> rows = claimset_to_dataframe(cs)
>>> rows.loc[rows.id == "jones", ["lower", "upper", "of", "source"]]
  lower upper        of source
4     0   1/2  deployed  jones
>>> claimset_from_dataframe(rows, quantities=cs.quantities, sources=cs.sources,
...                         constraints=cs.constraints) == cs
True
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, NoReturn

from claimrec._exact import Number, exact
from claimrec.claims import Claim, ClaimSet, Constraint, Quantity
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.plot import MissingExtraError
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.report import STATUSES
from claimrec.spans import Span, to_date

if TYPE_CHECKING:
    from claimrec.report import Report

__all__ = [
    "CLAIM_COLUMNS",
    "REPORT_COLUMNS",
    "claimset_from_dataframe",
    "claimset_to_dataframe",
    "report_to_dataframe",
]

CLAIM_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "quantity",
    "lower",
    "upper",
    "lower_closed",
    "upper_closed",
    "of",
    "phrase",
    "source",
    "citing",
    "reported_by",
    "said_on",
    "period_start",
    "period_end",
    "credibility",
    "evidence",
    "citation",
    "notes",
)
"""The columns a claim frame may have; the first four are required."""

REPORT_COLUMNS: Final[tuple[str, ...]] = (
    "quantity",
    "kind",
    "unit",
    "start",
    "end",
    "status",
    "lower",
    "upper",
    "lower_closed",
    "upper_closed",
    "lower_f",
    "upper_f",
    "interval",
    "envelope",
    "supporting",
    "set_aside",
    "conflicts",
)
"""The columns of :func:`report_to_dataframe`, in order."""

_REQUIRED: Final = ("id", "quantity", "lower", "upper")


def _pandas() -> Any:
    # Imported by name so that type checking needs no pandas stubs: frames are Any here.
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise MissingExtraError(
            "data frames need pandas, which is not installed; "
            "install the optional extra with: pip install 'claimrec[pandas]'"
        ) from err


def report_to_dataframe(report: Report) -> Any:
    """One row per segment (as :meth:`Report.to_rows`), with typed columns.

    ``start``/``end`` are ``datetime64`` (NaT when open), ``status`` is categorical,
    ``lower``/``upper`` hold the exact ends (``object``), ``lower_f``/``upper_f`` float
    copies (``-inf``/``inf`` when unbounded, NaN when there is no interval), and
    ``lower_closed``/``upper_closed`` nullable booleans. See :data:`REPORT_COLUMNS`.

    >>> import claimrec
    >>> report = claimrec.reconcile(claimrec.load("seeds/north-korea-2025.json"))
    >>> frame = report_to_dataframe(report)
    >>> str(frame.start.dtype).startswith("datetime64"), str(frame.status.dtype)
    (True, 'category')
    >>> first = frame.loc[0]
    >>> print(first.quantity, first.lower, first.upper, first.lower_f, first.upper_f)
    casualties 3001 None 3001.0 inf
    """
    pd = _pandas()
    segments = [seg for q in report.quantities.values() for seg in q.segments]
    kinds = {name: (q.kind, q.unit) for name, q in report.quantities.items()}
    rows: list[dict[str, Any]] = []
    for row, seg in zip(report.to_rows(), segments, strict=True):
        interval = seg.interval
        kind, unit = kinds[seg.quantity]
        row.update(
            kind=kind,
            unit=unit,
            lower_closed=None if interval is None else interval.lower_closed,
            upper_closed=None if interval is None else interval.upper_closed,
            lower_f=_float_end(interval, "lower"),
            upper_f=_float_end(interval, "upper"),
        )
        rows.append(row)
    extra = [key for key in (rows[0] if rows else {}) if key not in REPORT_COLUMNS]
    columns = [*REPORT_COLUMNS, *extra]
    data = {name: [row[name] for row in rows] for name in columns}
    frame = pd.DataFrame(
        {
            **{name: pd.Series(values, dtype=object) for name, values in data.items()},
            "start": pd.to_datetime(pd.Series(data["start"], dtype=object)),
            "end": pd.to_datetime(pd.Series(data["end"], dtype=object)),
            "status": pd.Categorical(data["status"], categories=STATUSES),
            "lower_closed": pd.array(data["lower_closed"], dtype="boolean"),
            "upper_closed": pd.array(data["upper_closed"], dtype="boolean"),
            "lower_f": pd.Series(data["lower_f"], dtype="float64"),
            "upper_f": pd.Series(data["upper_f"], dtype="float64"),
        },
        columns=columns,
    )
    text = ["quantity", "kind", "unit", "interval", "envelope", "supporting", "set_aside"]
    return frame.astype(dict.fromkeys([*text, "conflicts"], "string"))


def _float_end(interval: Range | None, end: str) -> float:
    if interval is None:
        return math.nan
    value: Number | None = interval.lower if end == "lower" else interval.upper
    if value is None:
        return -math.inf if end == "lower" else math.inf
    return float(value)


def claimset_to_dataframe(claimset: ClaimSet) -> Any:
    """One row per claim, in the columns :func:`claimset_from_dataframe` reads.

    A share claim ("up to 50 percent of deployed") has its share's ends in
    ``lower``/``upper`` and the base quantity in ``of``. ``source`` is the id of who
    said it; ``citing`` and ``reported_by`` list source ids, comma-separated.
    Quantities, sources and constraints are not rows: keep them to read the frame back.

    >>> from claimrec import Claim, ClaimSet, Quantity, Range
    >>> cs = ClaimSet(quantities=[Quantity("q")], claims=[Claim("a", "q", Range.at_least(3))])
    >>> claimset_to_dataframe(cs)[["id", "lower", "upper", "credibility", "evidence"]]
      id lower upper  credibility  evidence
    0  a     3  None            6  estimate
    """
    pd = _pandas()
    rows = [_claim_row(claim) for claim in claimset.claims]
    data = {name: [row[name] for row in rows] for name in CLAIM_COLUMNS}
    frame = pd.DataFrame(
        {
            **{name: pd.Series(values, dtype=object) for name, values in data.items()},
            "lower_closed": pd.Series(data["lower_closed"], dtype=bool),
            "upper_closed": pd.Series(data["upper_closed"], dtype=bool),
            "credibility": pd.Series(data["credibility"], dtype="int64"),
            **{
                name: pd.to_datetime(pd.Series(data[name], dtype=object))
                for name in ("said_on", "period_start", "period_end")
            },
        },
        columns=list(CLAIM_COLUMNS),
    )
    text = ["id", "quantity", "of", "phrase", "source", "citing", "reported_by", "evidence"]
    return frame.astype(dict.fromkeys([*text, "citation", "notes"], "string"))


def _claim_row(claim: Claim) -> dict[str, Any]:
    value = claim.value
    share = value.share if isinstance(value, FractionOf) else value
    source = claim.source
    return {
        "id": claim.id,
        "quantity": claim.quantity,
        "lower": share.lower,
        "upper": share.upper,
        "lower_closed": share.lower_closed,
        "upper_closed": share.upper_closed,
        "of": value.base if isinstance(value, FractionOf) else None,
        "phrase": claim.phrase,
        "source": None if source is None else source.said_by,
        "citing": ", ".join(source.citing) if source and source.citing else None,
        "reported_by": ", ".join(source.reported_by) if source and source.reported_by else None,
        "said_on": claim.said_on,
        "period_start": claim.period.start,
        "period_end": claim.period.end,
        "credibility": claim.credibility,
        "evidence": claim.evidence,
        "citation": claim.citation,
        "notes": claim.notes,
    }


def claimset_from_dataframe(
    df: Any,
    *,
    quantities: Iterable[Quantity | str],
    sources: Iterable[Source] = (),
    constraints: Iterable[Constraint] = (),
) -> ClaimSet:
    """A :class:`~claimrec.claims.ClaimSet` from a frame with a row per claim.

    ``quantities`` declares what the claims are about (a bare name is a count);
    ``sources`` and ``constraints`` complete the set. Columns: ``id``, ``quantity``,
    ``lower``, ``upper`` and, optionally, the rest of :data:`CLAIM_COLUMNS`; any other
    column is an error, so that a misspelt one is not ignored. Ends are exact numbers,
    floats (read by their shortest repr, so ``0.1`` is 1/10) or decimal strings, in the
    quantity's kind (a proportion as 0.5, not 50); a share claim gives the base
    quantity in ``of`` and the share's ends in ``lower``/``upper``.

    A missing value (NaN, None, NaT, pandas.NA) means the field is absent, never that
    the row is dropped: a missing ``lower`` or ``upper`` is an unbounded end (as are
    ``-inf``/``inf``), a missing ``lower_closed``/``upper_closed`` is closed, a missing
    ``credibility`` is 6 ("cannot be judged"), ``evidence`` an estimate, a period end
    open, and ``id`` or ``quantity`` an error. Errors name the row and the column:

    >>> import pandas as pd
    >>> from claimrec import Quantity
    >>> frame = pd.DataFrame({"id": ["a", "b"], "quantity": ["q", "q"],
    ...                       "lower": [3000, float("nan")], "upper": [None, "ten"]})
    >>> claimset_from_dataframe(frame, quantities=["q"])
    Traceback (most recent call last):
    ...
    claimrec.errors.ValidationError: row 1, column 'upper': expected a decimal number such as '3000' or '0.5', got 'ten'
    >>> frame.loc[1, "upper"] = "10"
    >>> [str(c.value) for c in claimset_from_dataframe(frame, quantities=["q"]).claims]
    ['[3,000, inf)', '[0, 10]']
    """
    pd = _pandas()
    if not isinstance(df, pd.DataFrame):
        raise ValidationError(f"df: expected a pandas DataFrame, got {type(df).__name__}")
    columns = list(df.columns)
    repeated = sorted({str(c) for c in columns if columns.count(c) > 1})
    if repeated:
        raise ValidationError(f"columns: {', '.join(map(repr, repeated))} appear more than once")
    unknown = [c for c in columns if c not in CLAIM_COLUMNS]
    if unknown:
        raise ValidationError(
            f"columns: unknown {', '.join(map(repr, unknown))}; expected some of "
            f"{', '.join(CLAIM_COLUMNS)} (drop other columns before reading)"
        )
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise ValidationError(f"columns: missing {', '.join(map(repr, missing))}")
    declared = ClaimSet(
        quantities=[q if isinstance(q, Quantity) else Quantity(q) for q in quantities],
        sources=sources,
        constraints=constraints,
    )
    taken = {c.id: f"constraint {c.id!r}" for c in declared.constraints}
    claims: list[Claim] = []
    for label, record in zip(df.index, df.to_dict("records"), strict=True):
        row = _Row(pd, label, record)
        claim = row.claim(declared)
        if claim.id in taken:
            row.fail("id", f"duplicate id {claim.id!r}, already that of {taken[claim.id]}")
        taken[claim.id] = f"row {label!r}"
        try:
            ClaimSet(quantities=declared.quantities, sources=declared.sources, claims=[claim])
        except ClaimrecError as err:
            raise ValidationError(f"row {label!r}: {err}") from None
        claims.append(claim)
    return ClaimSet(
        quantities=declared.quantities,
        sources=declared.sources,
        claims=claims,
        constraints=declared.constraints,
    )


class _Row:
    """One frame row being read: each cell by column, each error naming both."""

    def __init__(self, pd: Any, label: object, record: dict[str, Any]) -> None:
        self.pd = pd
        self.label = label
        self.record = record

    def fail(self, column: str, message: str) -> NoReturn:
        raise ValidationError(f"row {self.label!r}, column {column!r}: {message}")

    def cell(self, column: str) -> Any:
        value = self.record.get(column)
        if self.pd.api.types.is_scalar(value) and self.pd.isna(value):
            return None
        return value

    def text(self, column: str) -> str | None:
        value = self.cell(column)
        if value is not None and not isinstance(value, str):
            self.fail(column, f"expected text, got {value!r}")
        return value

    def required(self, column: str) -> str:
        value = self.text(column)
        if value is None:
            self.fail(column, "missing; every claim needs one")
        return value

    def number(self, column: str, unbounded: float) -> Number | None:
        value = self.cell(column)
        types = self.pd.api.types
        if value is None or value == unbounded:
            return None
        # numpy's scalars are not Python's ints and floats; exact() takes only those.
        if types.is_integer(value):
            value = int(value)
        elif types.is_float(value):
            value = float(value)
        try:
            return exact(value, column)
        except ValidationError as err:
            self.fail(column, str(err).removeprefix(f"{column}: "))

    def flag(self, column: str) -> bool:
        value = self.cell(column)
        if value is None:
            return True
        if not self.pd.api.types.is_bool(value):
            self.fail(column, f"expected True or False, got {value!r}")
        return bool(value)

    def ids(self, column: str) -> tuple[str, ...]:
        value = self.cell(column)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(value)
        self.fail(column, f"expected source ids, comma-separated or as a list, got {value!r}")

    def claim(self, declared: ClaimSet) -> Claim:
        ident = self.required("id")
        name = self.required("quantity")
        quantity = declared.quantities_by_name.get(name)
        if quantity is None:
            self.fail(
                "quantity",
                f"unknown quantity {name!r}; declared: "
                + (", ".join(declared.quantities_by_name) or "none"),
            )
        value = self.value(quantity, declared)
        source = self.source(declared)
        said_on = self.day("said_on")
        try:
            period = Span(self.day("period_start"), self.day("period_end"))
        except ValidationError as err:
            self.fail("period_end", str(err))
        credibility = self.cell("credibility")
        types = self.pd.api.types
        # A column of whole numbers with a gap in it comes as floats: 3.0 is 3.
        if types.is_integer(credibility) or (
            types.is_float(credibility) and credibility.is_integer()
        ):
            credibility = int(credibility)
        try:
            return Claim(
                ident,
                name,
                value,
                source=source,
                said_on=said_on,
                period=period,
                credibility=6 if credibility is None else credibility,
                evidence=self.cell("evidence") or "estimate",
                phrase=self.text("phrase"),
                citation=self.text("citation") or "",
                notes=self.text("notes") or "",
            )
        except ClaimrecError as err:
            raise ValidationError(f"row {self.label!r}: {err}") from None

    def value(self, quantity: Quantity, declared: ClaimSet) -> Range | FractionOf:
        base = self.text("of")
        if base is not None and base not in declared.quantities_by_name:
            self.fail("of", f"unknown base quantity {base!r}")
        kind = "proportion" if base is not None else quantity.kind
        unit = None if base is not None else quantity.unit
        lower = self.number("lower", -math.inf)
        upper = self.number("upper", math.inf)
        try:
            ends = Range(
                kind, lower, upper, self.flag("lower_closed"), self.flag("upper_closed"), unit
            )
        except ValidationError as err:
            self.fail("lower" if "lower" in str(err) else "upper", str(err))
        return ends if base is None else FractionOf(ends, base)

    def source(self, declared: ClaimSet) -> Attribution | None:
        said_by = self.text("source")
        citing, reported_by = self.ids("citing"), self.ids("reported_by")
        if said_by is None:
            if citing or reported_by:
                self.fail("source", "missing; 'citing' and 'reported_by' need a source")
            return None
        for column, ids in (
            ("source", (said_by,)),
            ("citing", citing),
            ("reported_by", reported_by),
        ):
            for source_id in ids:
                if source_id not in declared.sources_by_id:
                    self.fail(
                        column,
                        f"unknown source {source_id!r}; declare it with "
                        f"sources=[Source({source_id!r}, ...), ...]",
                    )
        return Attribution(said_by, citing=citing, reported_by=reported_by)

    def day(self, column: str) -> Any:
        value = self.cell(column)
        if value is None:
            return None
        try:
            return to_date(value, column)
        except ValidationError as err:
            self.fail(column, str(err).removeprefix(f"{column}: "))
