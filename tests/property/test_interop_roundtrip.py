"""Round trips through the interchange formats, where the format can hold everything.

- PROV holds a whole claim set: claim set -> PROV-JSON / PROV-N -> the same claim set.
- Wikidata holds statements in the profile claimrec writes: statement -> claim ->
  the same statement; and claims whose value is a closed range with finite decimal
  ends, attributed to sources that have items: claim -> statement -> the same claim.
- Admiralty MISP tags hold a grade and a rating exactly (tests/test_estimative.py).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from claimrec.claims import Claim, ClaimSet, Quantity
from claimrec.provenance import Attribution
from claimrec.ranges import Range
from claimrec.spans import Span
from claimrec.strategies import claim_sets, spans
from claimrec.wikidata import GREGORIAN, PERCENT, claim_statement, read_statements

ROUND_TRIPS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
METRE = "http://www.wikidata.org/entity/Q11573"
QUOTES = ("about 8,000", "had retreated", "no signs of", "more than 3,000")


# -- PROV ------------------------------------------------------------------------------


@ROUND_TRIPS
@given(claim_sets())
def test_claim_sets_round_trip_through_prov(cs: ClaimSet) -> None:
    pytest.importorskip("prov")
    from claimrec.prov import dumps_prov, read_prov, to_prov

    assert read_prov(to_prov(cs)) == cs
    for fmt in ("json", "provn"):
        text = dumps_prov(cs, format=fmt)
        again = read_prov(text, format=fmt)
        assert again == cs, fmt
        assert dumps_prov(again, format=fmt) == text, fmt


# -- Wikidata: statement -> claim -> statement -----------------------------------------


def _decimal(value: Fraction, places: int) -> str:
    scaled = value * 10**places
    assert scaled.denominator == 1
    digits = str(abs(scaled.numerator)).rjust(places + 1, "0")
    body = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return ("-" if value < 0 else "+") + body


def _minimal(value: Fraction) -> str:
    places = 0
    while (value * 10**places).denominator != 1:
        places += 1
    return _decimal(value, places)


def _snak(prop: str, kind: str, datatype: str, value: Any) -> dict[str, Any]:
    return {
        "snaktype": "value",
        "property": prop,
        "datatype": datatype,
        "datavalue": {"type": kind, "value": value},
    }


def _time(prop: str, day: dt.date, precision: int = 11) -> dict[str, Any]:
    month = day.month if precision >= 10 else 0
    mday = day.day if precision >= 11 else 0
    return _snak(
        prop,
        "time",
        "time",
        {
            "time": f"+{day.year:04d}-{month:02d}-{mday:02d}T00:00:00Z",
            "timezone": 0,
            "before": 0,
            "after": 0,
            "precision": precision,
            "calendarmodel": GREGORIAN,
        },
    )


def _item(prop: str, qid: str) -> dict[str, Any]:
    value = {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}
    return _snak(prop, "wikibase-entityid", "wikibase-item", value)


def _text(prop: str, words: str) -> dict[str, Any]:
    return _snak(prop, "monolingualtext", "monolingualtext", {"text": words, "language": "en"})


@st.composite
def statements(draw: st.DrawFn) -> tuple[dict[str, Any], Quantity, dict[str, Any]]:
    """Statements in the profile claimrec writes, the quantity, and the export arguments."""
    kind = draw(st.sampled_from(["count", "amount", "metre", "percent"]))
    places = 0 if kind == "count" else draw(st.integers(0, 3))
    top = 100 if kind == "percent" else 10**6
    low_end = -(10**6) if kind in ("amount", "metre") else 0

    def number(lo: int, hi: int, p: int) -> Fraction:
        return Fraction(draw(st.integers(lo * 10**p, hi * 10**p)), 10**p)

    amount = number(low_end, top, places)
    bounded = draw(st.booleans())
    quote = draw(st.none() | st.sampled_from(QUOTES)) if bounded else None
    if bounded:
        lower_places = places if kind == "count" else draw(st.integers(0, 3))
        upper_places = places if kind == "count" else draw(st.integers(0, 3))
        lower = amount - number(0, int(amount - low_end), lower_places)
        upper = amount + number(0, int(top - amount), upper_places)
        lower_places = max(lower_places, places)
        upper_places = max(upper_places, places)
        if quote is not None:
            # With a quotation the phrase no longer writes the amount: claimrec writes
            # the midpoint of the bounds, each in its shortest form.
            texts = (_minimal((lower + upper) / 2), _minimal(lower), _minimal(upper))
        else:
            texts = (
                _decimal(amount, places),
                _decimal(lower, lower_places),
                _decimal(upper, upper_places),
            )
        value = {"amount": texts[0], "unit": "1", "upperBound": texts[2], "lowerBound": texts[1]}
    else:
        value = {"amount": _decimal(amount, places), "unit": "1"}
    if kind == "metre":
        value["unit"] = METRE
        quantity = Quantity("q", "amount", METRE)
    elif kind == "percent":
        value["unit"] = PERCENT
        quantity = Quantity("q", "proportion")
    else:
        quantity = Quantity("q", kind)  # type: ignore[arg-type]
    statement: dict[str, Any] = {
        "mainsnak": _snak("P1114", "quantity", "quantity", value),
        "type": "statement",
    }
    qualifiers: dict[str, list[dict[str, Any]]] = {}
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    when = draw(st.sampled_from(["none", "point", "start", "end", "both"]))
    if when == "point":
        qualifiers["P585"] = [_time("P585", day, draw(st.sampled_from([9, 10, 11])))]
    if when in ("start", "both"):
        qualifiers["P580"] = [_time("P580", day)]
    if when in ("end", "both"):
        end = day + dt.timedelta(days=draw(st.integers(0, 400)))
        if when == "both":
            # A whole day, month or year is written as a point in time (P585).
            span = Span(day, end + dt.timedelta(days=1))
            whole = (Span.day(day), Span.month(day.year, day.month), Span.year(day.year))
            assume(span not in whole)
        qualifiers["P582"] = [_time("P582", end)]
    rank = draw(st.sampled_from(["preferred", "normal", "deprecated"]))
    reason = None
    if rank == "deprecated" and draw(st.booleans()):
        reason = f"Q{draw(st.integers(1, 10**8))}"
        qualifiers["P2241"] = [_item("P2241", reason)]
    if qualifiers:
        statement["qualifiers"] = qualifiers
        statement["qualifiers-order"] = list(qualifiers)
    if draw(st.booleans()):
        statement["id"] = f"Q{draw(st.integers(1, 10**8))}$" + draw(
            st.text("0123456789ABCDEF-", min_size=1, max_size=36)
        )
    statement["rank"] = rank
    items = draw(st.lists(st.integers(1, 10**8), max_size=2, unique=True))
    references: list[list[dict[str, Any]]] = [[_item("P248", f"Q{n}")] for n in items]
    published = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    citation = draw(st.sampled_from([None, "https://example.org/a", "A report, 5 May"]))
    retrieved = draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    first_details = [
        *([_text("P1683", quote)] if quote is not None else []),
        *([_time("P577", published)] if published is not None else []),
    ]
    last_details = []
    if citation is not None:
        last_details.append(
            _snak("P854", "string", "url", citation)
            if citation.startswith("https")
            else _text("P1476", citation)
        )
    if retrieved is not None:
        last_details.append(_time("P813", retrieved))
    if not references and (first_details or last_details):
        references = [[]]
    if references:
        references[0].extend(first_details)
        references[-1].extend(last_details)
        statement["references"] = [
            {"snaks": _grouped(snaks), "snaks-order": list(_grouped(snaks))} for snaks in references
        ]
    arguments = {
        "rank": rank,
        "reason": reason,
        "items": {f"Q{n}": f"Q{n}" for n in items},
        "retrieved": retrieved,
    }
    return statement, quantity, arguments


def _grouped(snaks: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for snak in snaks:
        grouped.setdefault(snak["property"], []).append(snak)
    return grouped


@ROUND_TRIPS
@given(statements())
def test_statements_round_trip_through_claims(
    case: tuple[dict[str, Any], Quantity, dict[str, Any]],
) -> None:
    statement, quantity, arguments = case
    imported = read_statements([statement], quantity=quantity)
    (claim,) = imported.claims
    assert imported.ranks == ((claim.id, arguments["rank"]),)
    assert bool(imported.set_aside) == (arguments["rank"] == "deprecated")
    out = claim_statement(claim, **arguments)
    assert out.warnings == ()
    assert out.statement == statement


# -- Wikidata: claim -> statement -> claim ---------------------------------------------


def _terminating(lo: int, hi: int) -> st.SearchStrategy[Fraction]:
    return st.builds(
        lambda n, p: Fraction(n, 10**p) if lo * 10**p <= n <= hi * 10**p else Fraction(lo),
        st.integers(lo * 1000, hi * 1000),
        st.integers(0, 3),
    )


@st.composite
def holdable_claims(draw: st.DrawFn) -> tuple[Claim, Quantity, dict[str, str]]:
    """Claims Wikidata can hold whole: a closed range with finite decimal ends, sources
    with items, no citing chain, and the credibility, evidence and notes it cannot hold
    left at their defaults."""
    kind = draw(st.sampled_from(["count", "amount", "metre", "proportion"]))
    if kind == "count":
        a, b = sorted(draw(st.lists(st.integers(0, 10**6), min_size=2, max_size=2)))
        value = Range.closed(a, b)
        quantity = Quantity("q")
    elif kind == "proportion":
        lo, hi = sorted(draw(st.lists(_terminating(0, 1), min_size=2, max_size=2)))
        value = Range.closed(lo, hi, kind="proportion")
        quantity = Quantity("q", "proportion")
    else:
        lo, hi = sorted(draw(st.lists(_terminating(-1000, 1000), min_size=2, max_size=2)))
        unit = METRE if kind == "metre" else None
        value = Range.closed(lo, hi, kind="amount", unit=unit)
        quantity = Quantity("q", "amount", unit)
    pool = draw(st.lists(st.sampled_from(["nyt", "ajp", "twz", "nis"]), max_size=3, unique=True))
    source = Attribution(pool[0], reported_by=tuple(pool[1:])) if pool else None
    claim = Claim(
        "c",
        "q",
        value,
        source,
        draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))),
        draw(spans()),
        phrase=draw(st.sampled_from(QUOTES)),
        citation=draw(st.sampled_from(["", "https://example.org/a", "A report, 5 May"])),
    )
    items = {name: f"Q{i + 1}" for i, name in enumerate(["nyt", "ajp", "twz", "nis"])}
    return claim, quantity, items


@ROUND_TRIPS
@given(holdable_claims())
def test_claims_wikidata_can_hold_round_trip(case: tuple[Claim, Quantity, dict[str, str]]) -> None:
    from claimrec.provenance import Source

    claim, quantity, items = case
    out = claim_statement(claim, items=items)
    assert out.warnings == ()
    sources = {qid: Source(name, name) for name, qid in items.items()}
    (back,) = read_statements([out.statement], quantity=quantity, sources=sources).claims
    assert attrs.evolve(back, id=claim.id) == claim


def test_the_profile_really_excludes_open_periods_from_nothing() -> None:
    # Open periods are held (an absent qualifier): the claims strategy draws them.
    claim = Claim("c", "q", Range.exact(1), period=Span.since("2025-01-01"), phrase=QUOTES[0])
    (back,) = read_statements([claim_statement(claim).statement], quantity="q").claims
    assert back.period == claim.period
