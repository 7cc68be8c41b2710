"""Data frames: reports as typed tables, claim sets to frames and back, errors by row."""

from __future__ import annotations

import datetime as dt
import math
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import claimrec
from claimrec import (
    Attribution,
    Claim,
    ClaimSet,
    Constraint,
    FractionOf,
    Quantity,
    Range,
    Source,
    Span,
    frames,
)
from claimrec.errors import ClaimrecError, ValidationError
from claimrec.plot import MissingExtraError

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

SEED = Path(__file__).parent.parent / "seeds" / "north-korea-2025.json"


@pytest.fixture(scope="module")
def seed() -> ClaimSet:
    return claimrec.load(SEED)


def read_back(frame, cs: ClaimSet) -> ClaimSet:
    return ClaimSet.from_dataframe(
        frame, quantities=cs.quantities, sources=cs.sources, constraints=cs.constraints
    )


def varied() -> ClaimSet:
    """Amounts with units and open ends, Fractions, shares, chains, undated claims."""
    return ClaimSet(
        quantities=[
            Quantity("temp", kind="amount", unit="C"),
            Quantity("share", kind="proportion"),
            Quantity("base"),
            Quantity("part"),
        ],
        sources=[Source("a", "A"), Source("b", "B"), Source("c", "C")],
        claims=[
            Claim(
                "t1",
                "temp",
                Range.open(Fraction(-7, 3), None, kind="amount", unit="C"),
                source=Attribution("a", citing=("b",), reported_by=("c", "b")),
                said_on="2025-01-02",
                period=Span.since("2025-01-01"),
                credibility=2,
                evidence="observation",
                phrase="above minus seven thirds",
                citation="A's log",
                notes="made up",
            ),
            Claim("t2", "temp", Range("amount", None, "2.5", False, True, "C")),
            Claim("s1", "share", Range.closed("0.1", "0.25", kind="proportion"), source="b"),
            Claim("b1", "base", Range.more_than(100), period=Span.until("2025-02-01")),
            Claim(
                "p1",
                "part",
                FractionOf(Range.at_most("0.5", kind="proportion"), "base"),
                evidence="absence_of_evidence",
                period=Span("2025-01-01", "2025-01-05"),
            ),
        ],
        constraints=[Constraint.parse("c1", "part <= base")],
    )


# -- round trips --------------------------------------------------------------------


def test_the_seed_goes_to_a_frame_and_back_unchanged(seed):
    frame = frames.claimset_to_dataframe(seed)
    assert list(frame.columns) == list(frames.CLAIM_COLUMNS)
    assert len(frame) == len(seed.claims)
    assert read_back(frame, seed) == seed


def test_a_varied_set_goes_to_a_frame_and_back_unchanged():
    cs = varied()
    frame = frames.claimset_to_dataframe(cs)
    assert read_back(frame, cs) == cs
    row = frame.set_index("id").loc["t1"]
    assert row.lower == Fraction(-7, 3) and row.upper is None
    assert not row.lower_closed and not row.upper_closed
    assert row.citing == "b" and row.reported_by == "c, b"


def test_a_round_trip_through_csv_text_keeps_the_claims(seed, tmp_path):
    cs = varied()
    for claims in (seed, cs):
        path = tmp_path / "claims.csv"
        frames.claimset_to_dataframe(claims).to_csv(path, index=False)
        assert read_back(pd.read_csv(path), claims) == claims


def test_frame_dtypes_for_claims(seed):
    frame = frames.claimset_to_dataframe(seed)
    assert frame.lower.dtype == object and frame.upper.dtype == object
    assert str(frame.said_on.dtype).startswith("datetime64")
    assert frame.credibility.dtype == "int64"
    assert frame.lower_closed.dtype == bool
    assert str(frame.id.dtype) == "string"


def test_an_empty_set_is_an_empty_frame_with_every_column():
    frame = frames.claimset_to_dataframe(ClaimSet())
    assert list(frame.columns) == list(frames.CLAIM_COLUMNS) and frame.empty
    assert frames.claimset_from_dataframe(frame, quantities=[]) == ClaimSet()


# -- report frames ------------------------------------------------------------------


def test_report_frame_columns_and_dtypes(seed):
    report = claimrec.reconcile(seed, policy="most_reliable")
    frame = report.to_dataframe()
    assert list(frame.columns) == list(frames.REPORT_COLUMNS)
    assert len(frame) == len(report.to_rows())
    assert str(frame.start.dtype).startswith("datetime64")
    assert str(frame.end.dtype).startswith("datetime64")
    assert list(frame.status.cat.categories) == ["consistent", "conflict", "derived", "unknown"]
    assert frame.lower.dtype == object and frame.upper.dtype == object
    assert frame.lower_f.dtype == "float64" and frame.upper_f.dtype == "float64"
    assert str(frame.lower_closed.dtype) == "boolean"
    assert str(frame.quantity.dtype) == "string"


def test_report_frame_rows_match_to_rows_and_keep_exact_numbers(seed):
    report = claimrec.reconcile(seed, policy="most_reliable")
    frame = report.to_dataframe()
    for (_, row), plain in zip(frame.iterrows(), report.to_rows(), strict=True):
        assert row.quantity == plain["quantity"]
        assert row.lower == plain["lower"] and type(row.lower) is type(plain["lower"])
        assert row.upper == plain["upper"]
        start = None if pd.isna(row.start) else row.start.date()
        assert start == plain["start"]
    unknown = frame[frame.status == "unknown"].iloc[0]
    assert unknown.lower is None and math.isnan(unknown.lower_f) and math.isnan(unknown.upper_f)
    assert unknown.lower_closed is pd.NA
    open_end = frame[frame.quantity == "deployed"].iloc[-1]
    assert pd.isna(open_end.end) and open_end.upper_f == math.inf


def test_report_frame_of_an_amount_has_minus_infinity_and_a_unit():
    cs = varied()
    frame = frames.report_to_dataframe(claimrec.reconcile(cs, at="2025-01-10"))
    temp = frame[frame.quantity == "temp"].iloc[0]
    assert temp.unit == "C" and temp.kind == "amount"
    assert temp.lower == Fraction(-7, 3) and temp.lower_f == pytest.approx(-7 / 3)
    assert not temp.lower_closed
    share = frame[frame.quantity == "share"].iloc[0]
    assert share.upper == Fraction(1, 4) and share.upper_f == 0.25


def test_an_empty_report_is_an_empty_frame_with_every_column():
    frame = claimrec.reconcile(ClaimSet()).to_dataframe()
    assert list(frame.columns) == list(frames.REPORT_COLUMNS) and frame.empty


# -- reading frames: what missing values mean ------------------------------------


def frame_of(**columns) -> object:
    base = {"id": ["a"], "quantity": ["q"], "lower": [1], "upper": [5]}
    base.update(columns)
    return pd.DataFrame(base)


def one(frame, **kwargs) -> Claim:
    kwargs.setdefault("quantities", ["q"])
    (claim,) = frames.claimset_from_dataframe(frame, **kwargs).claims
    return claim


def test_missing_ends_are_unbounded_and_infinities_too():
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "quantity": ["q", "q", "q"],
            "lower": [float("nan"), 3, -math.inf],
            "upper": [10, math.inf, None],
        }
    )
    claims = frames.claimset_from_dataframe(frame, quantities=["q"]).claims
    assert [c.value for c in claims] == [
        Range.at_most(10),
        Range.at_least(3),
        Range.unbounded(),
    ]


def test_missing_optional_cells_take_the_defaults():
    claim = one(
        frame_of(
            lower_closed=[None],
            upper_closed=[pd.NA],
            phrase=[None],
            source=[None],
            said_on=[pd.NaT],
            period_start=[None],
            period_end=[float("nan")],
            credibility=[None],
            evidence=[None],
            citation=[None],
            notes=[None],
        )
    )
    assert claim == Claim("a", "q", Range.closed(1, 5))


def test_numpy_scalars_floats_and_fractions_are_read_exactly():
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "quantity": ["x", "x", "x"],
            "lower": pd.Series([np.int64(0), np.float32(0.5), Fraction(1, 3)], dtype=object),
            "upper": pd.Series([0.1 + 0.2, "7/2", np.float64(4.25)], dtype=object),
            "lower_closed": pd.Series([np.bool_(False), True, True], dtype=object),
            "credibility": [3.0, float("nan"), np.int64(1)],
        }
    )
    claims = frames.claimset_from_dataframe(frame, quantities=[Quantity("x", kind="amount")]).claims
    assert claims[0].value == Range("amount", 0, Fraction(3, 10) + Fraction(4, 10**17), False)
    assert claims[1].value == Range.closed(Fraction(1, 2), Fraction(7, 2), kind="amount")
    assert claims[2].value == Range.closed(Fraction(1, 3), Fraction(17, 4), kind="amount")
    assert [c.credibility for c in claims] == [3, 6, 1]


def test_sources_chains_as_lists_or_comma_text():
    sources = [Source("a", "A"), Source("b", "B"), Source("c", "C")]
    frame = frame_of(
        source=["a"],
        citing=pd.Series([["b"]], dtype=object),
        reported_by=["c,  b ,"],
    )
    claim = one(frame, sources=sources)
    assert claim.source == Attribution("a", citing=("b",), reported_by=("c", "b"))


def test_a_share_reads_its_ends_as_a_proportion_of_the_base():
    frame = frame_of(lower=[None], upper=[0.5], of=["base"])
    claim = one(frame, quantities=["q", "base"])
    assert claim.value == FractionOf(Range.at_most("0.5", kind="proportion"), "base")


def test_the_classmethod_and_the_function_agree(seed):
    frame = frames.claimset_to_dataframe(seed)
    assert ClaimSet.from_dataframe(
        frame, quantities=seed.quantities, sources=seed.sources
    ) == frames.claimset_from_dataframe(frame, quantities=seed.quantities, sources=seed.sources)


# -- reading frames: errors name the row and the column --------------------------


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ({"id": [None]}, "row 0, column 'id': missing; every claim needs one"),
        ({"id": [7]}, "row 0, column 'id': expected text, got 7"),
        ({"quantity": [float("nan")]}, "row 0, column 'quantity': missing"),
        (
            {"quantity": ["troops"]},
            "row 0, column 'quantity': unknown quantity 'troops'; declared: q",
        ),
        ({"lower": ["ten"]}, "row 0, column 'lower': expected a decimal number"),
        ({"lower": [math.inf]}, "row 0, column 'lower': expected a finite number, got inf"),
        ({"upper": [-math.inf]}, "row 0, column 'upper': expected a finite number, got -inf"),
        ({"lower": [True]}, "row 0, column 'lower': expected a number, got True"),
        ({"lower": [9]}, r"row 0, column 'lower': lower \(9\) must be <= upper \(5\)"),
        ({"lower": [-1]}, r"row 0, column 'lower': lower \(-1\) of a count range must be >= 0"),
        ({"of": ["q"], "upper": [2]}, r"row 0, column 'upper': upper \(2\) of a proportion"),
        ({"of": ["troops"]}, "row 0, column 'of': unknown base quantity 'troops'"),
        (
            {"lower_closed": ["yes"]},
            "row 0, column 'lower_closed': expected True or False, got 'yes'",
        ),
        ({"phrase": [3]}, "row 0, column 'phrase': expected text, got 3"),
        ({"citing": ["b"]}, "row 0, column 'source': missing; 'citing' and 'reported_by' need"),
        ({"source": ["a"], "reported_by": [5]}, "row 0, column 'reported_by': expected source ids"),
        (
            {"source": ["nis"]},
            r"row 0, column 'source': unknown source 'nis'; declare it with "
            r"sources=\[Source\('nis', \.\.\.\), \.\.\.\]",
        ),
        ({"source": ["a"], "citing": ["x"]}, "row 0, column 'citing': unknown source 'x'"),
        ({"said_on": ["5 Feb"]}, "row 0, column 'said_on': expected an ISO date 'YYYY-MM-DD'"),
        (
            {"period_start": ["2025-02-05"], "period_end": ["2025-01-01"]},
            r"row 0, column 'period_end': end \(2025-01-01\) must be after start",
        ),
        ({"credibility": [3.5]}, "row 0: claim 'a': credibility: expected an Admiralty"),
        ({"credibility": [True]}, "row 0: claim 'a': credibility: expected an Admiralty"),
        ({"evidence": ["rumour"]}, "row 0: claim 'a': evidence: expected one of"),
        ({"id": ["not a name"]}, "row 0: claim 'not a name'|row 0: id: expected a name"),
    ],
)
def test_bad_cells_name_the_row_and_the_column(columns, message):
    with pytest.raises(ValidationError, match=message):
        frames.claimset_from_dataframe(
            frame_of(**columns), quantities=["q"], sources=[Source("a", "A")]
        )


def test_row_labels_are_the_frame_index():
    frame = frame_of(lower=["x"]).set_axis(["claim-7"])
    with pytest.raises(ValidationError, match="row 'claim-7', column 'lower'"):
        frames.claimset_from_dataframe(frame, quantities=["q"])


def test_duplicate_ids_name_both_rows_and_constraint_ids_clash_too():
    frame = pd.DataFrame(
        {"id": ["a", "a"], "quantity": ["q", "q"], "lower": [1, 2], "upper": [3, 4]}
    )
    with pytest.raises(
        ValidationError, match="row 1, column 'id': duplicate id 'a', already that of row 0"
    ):
        frames.claimset_from_dataframe(frame, quantities=["q"])
    with pytest.raises(ValidationError, match="already that of constraint 'a'"):
        frames.claimset_from_dataframe(
            frame_of(),
            quantities=["q", "r"],
            constraints=[Constraint.parse("a", "q <= r")],
        )


def test_a_share_of_a_base_of_another_kind_names_the_row():
    frame = frame_of(lower=[0], upper=[0.5], of=["temp"])
    with pytest.raises(ValidationError, match="row 0: claim 'a': value: a share of 'temp'"):
        frames.claimset_from_dataframe(frame, quantities=["q", Quantity("temp", kind="amount")])


def test_frame_shape_errors():
    with pytest.raises(ValidationError, match="df: expected a pandas DataFrame, got list"):
        frames.claimset_from_dataframe([], quantities=["q"])
    with pytest.raises(ValidationError, match="columns: unknown 'kind'; expected some of id,"):
        frames.claimset_from_dataframe(frame_of(kind=["count"]), quantities=["q"])
    with pytest.raises(ValidationError, match="columns: missing 'upper'"):
        frames.claimset_from_dataframe(frame_of().drop(columns="upper"), quantities=["q"])
    doubled = pd.concat([frame_of(), frame_of()[["lower"]]], axis=1)
    with pytest.raises(ValidationError, match="columns: 'lower' appear more than once"):
        frames.claimset_from_dataframe(doubled, quantities=["q"])


def test_errors_are_claimrec_and_value_errors():
    with pytest.raises(ValueError, match="row 0") as info:
        frames.claimset_from_dataframe(frame_of(lower=["x"]), quantities=["q"])
    assert isinstance(info.value, ClaimrecError)


def test_missing_pandas_is_a_clear_error(seed, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    report = claimrec.reconcile(seed)
    for call in (
        report.to_dataframe,
        lambda: frames.claimset_to_dataframe(seed),
        lambda: ClaimSet.from_dataframe(None, quantities=[]),
    ):
        with pytest.raises(MissingExtraError, match=r"pip install 'claimrec\[pandas\]'"):
            call()


def test_dates_may_be_dates_datetimes_or_iso_text():
    frame = frame_of(
        said_on=pd.Series([dt.date(2025, 2, 4)], dtype=object),
        period_start=[pd.Timestamp("2025-01-15")],
        period_end=["2025-02-05"],
    )
    claim = one(frame)
    assert claim.said_on == dt.date(2025, 2, 4)
    assert claim.period == Span("2025-01-15", "2025-02-05")
