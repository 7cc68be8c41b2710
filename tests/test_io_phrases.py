"""Claims written as phrases in claim files keep their readings."""

from __future__ import annotations

import json

import pytest

import claimrec
from claimrec import ClaimFileError, FractionOf, Range
from claimrec.io import dumps, from_dict, loads


def _file(*claims):
    return {
        "format": "claimrec/1",
        "quantities": [{"name": "casualties"}, {"name": "deployed"}],
        "claims": list(claims),
    }


def test_a_phrase_alone_gives_the_value_and_keeps_the_reading():
    cs = from_dict(_file({"id": "a", "quantity": "casualties", "phrase": "more than 3,000"}))
    claim = cs.claim("a")
    assert claim.value == Range.more_than(3000)
    assert claim.reading is not None and claim.reading.rule == "more than"
    assert claim.reading.plausible == Range.closed(3001, 4000)


def test_a_share_reads_its_share_from_the_phrase():
    cs = from_dict(_file({"id": "j", "quantity": "casualties", "phrase": "up to 50 percent",
                          "value": {"of": "deployed"}}))
    assert cs.claim("j").value == FractionOf(Range.at_most("1/2", kind="proportion"), "deployed")


def test_explicit_ends_win_and_an_unreadable_phrase_is_kept_as_text():
    cs = from_dict(_file({"id": "n", "quantity": "casualties", "phrase": "had gone home",
                          "value": {"lower": 0, "upper": 0}}))
    claim = cs.claim("n")
    assert claim.value == Range.exact(0) and claim.reading is None
    assert claim.phrase == "had gone home"


def test_round_trip_keeps_phrase_value_and_reading():
    cs = from_dict(_file({"id": "a", "quantity": "casualties", "phrase": "about 8,000"}))
    again = loads(dumps(cs))
    assert again == cs
    assert again.claim("a").reading.rule == cs.claim("a").reading.rule


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        ({"id": "x", "quantity": "casualties", "phrase": "lots"},
         "claim 'x': phrase: cannot read 'lots' as a number phrase"),
        ({"id": "x", "quantity": "casualties", "value": {"of": "deployed"}},
         "claim 'x': value.share: expected a range object with lower/upper, or a 'phrase'"),
        ({"id": "x", "quantity": "casualties", "phrase": "50 percent"},
         "claim 'x': phrase: "),
    ],
)
def test_phrase_errors_name_the_claim_and_field(claim, message):
    with pytest.raises(ClaimFileError, match=message):
        from_dict(_file(claim))


def test_claim_from_phrase_in_python():
    claim = claimrec.Claim.from_phrase("b", "in_combat", "about 8,000", source="budanov")
    assert claim.value == Range.closed(7500, 8500)
    assert claim.phrase == "about 8,000" and claim.reading.hedge == "about"
    with pytest.raises(claimrec.ValidationError, match="reading: expected a Reading"):
        claimrec.Claim("c", "q", Range.exact(1), reading="about 1")


def test_a_reading_that_contradicts_the_explicit_value_is_not_kept():
    cs = from_dict(_file({"id": "a", "quantity": "casualties", "phrase": "about 8,000",
                          "value": {"lower": 0, "upper": 0}}))
    assert cs.claim("a").reading is None
    seg = claimrec.reconcile(cs)["casualties"][0]
    assert not any("read as" in r for r in seg.reasons)


def test_a_user_lexicon_reads_phrases_in_files_and_in_python(tmp_path):
    from claimrec.readings import DEFAULT_LEXICON, HedgeRule

    wide = DEFAULT_LEXICON.with_rule("about", HedgeRule("about-wide", "about", steps=1))
    path = tmp_path / "c.json"
    path.write_text(json.dumps(_file({"id": "a", "quantity": "casualties",
                                      "phrase": "about 8,000"})))
    assert claimrec.load(path).claim("a").value == Range.closed(7500, 8500)
    assert claimrec.load(path, lexicon=wide).claim("a").value == Range.closed(7000, 9000)
    claim = claimrec.Claim.from_phrase("b", "casualties", "about 8,000", lexicon=wide)
    assert claim.value == Range.closed(7000, 9000) and claim.reading.rule == "about-wide"


def test_jsonl_too_deep_line_is_a_claim_file_error():
    text = '{"format": "claimrec/1"}\n' + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(ClaimFileError, match="line 2: nested too deeply"):
        claimrec.io.loads_lines(text)
