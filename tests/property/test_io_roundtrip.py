"""Claim files round-trip: generated claim sets survive JSON and TOML unchanged."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimrec
from claimrec import io
from claimrec.claims import ClaimSet
from claimrec.strategies import claim_sets

ROUND_TRIPS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SCHEMA = jsonschema.Draft202012Validator(
    io.schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


# One property per generated set: drawing claim sets costs more than writing them.
@ROUND_TRIPS
@given(claim_sets())
def test_claim_sets_round_trip_through_json_and_toml(cs: ClaimSet) -> None:
    for format in ("json", "toml"):
        text = io.dumps(cs, format=format)
        again = io.loads(text, format=format)
        assert again == cs, format
        assert io.dumps(again, format=format) == text, format
    SCHEMA.validate(io.to_dict(cs))
    SCHEMA.validate(json.loads(io.dumps(cs)))


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_from_type_uses_the_registered_strategies(data: st.DataObject) -> None:
    # Registered by claimrec._hypothesis_hook through the "hypothesis" entry point.
    assert not data.draw(st.from_type(claimrec.Range)).is_empty
    assert isinstance(data.draw(st.from_type(claimrec.Span)), claimrec.Span)
    assert isinstance(data.draw(st.from_type(claimrec.Source)), claimrec.Source)
    assert isinstance(data.draw(st.from_type(claimrec.Claim)), claimrec.Claim)
    cs = data.draw(st.from_type(claimrec.ClaimSet))
    assert isinstance(cs, claimrec.ClaimSet)
    assert io.loads(io.dumps(cs)) == cs
