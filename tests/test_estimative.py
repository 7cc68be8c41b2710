"""Estimative language: claimrec.estimative (ICD 203 likelihoods, Admiralty MISP tags)."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimrec.claims import Claim
from claimrec.errors import ParseError, ValidationError
from claimrec.estimative import (
    LIKELIHOODS,
    MISP_NAMESPACE,
    apply_tags,
    confidence_weight,
    credibility_for,
    credibility_tag,
    describe_probability,
    grade_tag,
    likelihood_band,
    parse_likelihood,
    parse_tag,
    read_tags,
    tags_for,
)
from claimrec.provenance import CREDIBILITY, GRADES, Source
from claimrec.ranges import Range

# ICD 203's table, both rows, with its percentages: the test's own copy of the standard.
ICD_203 = [
    ("almost no chance", "remote", 1, 5),
    ("very unlikely", "highly improbable", 5, 20),
    ("unlikely", "improbable", 20, 45),
    ("roughly even chance", "roughly even odds", 45, 55),
    ("likely", "probable", 55, 80),
    ("very likely", "highly probable", 80, 95),
    ("almost certain", "nearly certain", 95, 99),
]


class TestTable:
    @pytest.mark.parametrize(("term", "synonym", "low", "high"), ICD_203)
    def test_both_rows_read_to_the_standard_band(
        self, term: str, synonym: str, low: int, high: int
    ) -> None:
        for words in (term, synonym):
            band = likelihood_band(words)
            assert (band.lower, band.upper) == (Fraction(low, 100), Fraction(high, 100))
            assert band.kind == "proportion"

    def test_entries_follow_the_standard_order(self) -> None:
        assert [(e.term, e.synonym) for e in LIKELIHOODS] == [(t, s) for t, s, _, _ in ICD_203]

    def test_a_boundary_belongs_to_the_band_nearer_even(self) -> None:
        assert describe_probability(Fraction(45, 100)).term == "roughly even chance"
        assert describe_probability(Fraction(55, 100)).term == "roughly even chance"
        assert describe_probability(Fraction(20, 100)).term == "unlikely"
        assert describe_probability(Fraction(80, 100)).term == "likely"
        assert describe_probability(Fraction(5, 100)).term == "very unlikely"
        assert describe_probability(Fraction(95, 100)).term == "very likely"
        assert describe_probability("0.01").term == "almost no chance"
        assert describe_probability("0.99").term == "almost certain"

    @given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100)))
    def test_the_bands_cover_the_scale_without_overlap(self, p: Fraction) -> None:
        holding = [e for e in LIKELIHOODS if e.band.contains(p)]
        assert len(holding) == 1
        assert describe_probability(p) is holding[0]

    @given(st.fractions(min_value=Fraction(1, 100), max_value=Fraction(99, 100)))
    def test_the_convention_is_symmetric(self, p: Fraction) -> None:
        index = LIKELIHOODS.index(describe_probability(p))
        assert LIKELIHOODS.index(describe_probability(1 - p)) == len(LIKELIHOODS) - 1 - index

    @pytest.mark.parametrize("p", ["0", "0.005", "0.995", "1"])
    def test_outside_the_scale_is_refused(self, p: str) -> None:
        with pytest.raises(ValidationError, match="outside the ICD 203 scale"):
            describe_probability(p)

    def test_a_non_number_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="probability"):
            describe_probability("likely")


class TestParsing:
    @pytest.mark.parametrize(
        ("text", "term"),
        [
            ("We assess the unit has probably withdrawn.", "likely"),
            ("ALMOST   CERTAINLY", "almost certain"),
            ("nearly certainly", "almost certain"),
            ("It is very unlikely that ...", "very unlikely"),
            ("a remote chance", "almost no chance"),
            ("improbably", "unlikely"),
            ("Roughly\neven odds", "roughly even chance"),
            ("likely, and again likely", "likely"),
            ("likely and probable", "likely"),
        ],
    )
    def test_terms_are_found_in_sentences(self, text: str, term: str) -> None:
        assert parse_likelihood(text).term == term

    def test_a_longer_term_wins_over_the_word_inside_it(self) -> None:
        assert parse_likelihood("very unlikely").term == "very unlikely"
        assert parse_likelihood("highly probable").term == "very likely"

    def test_words_must_stand_alone(self) -> None:
        with pytest.raises(ParseError, match="expected one of"):
            parse_likelihood("likelihood unlikelyish")

    def test_no_term_is_an_error(self) -> None:
        with pytest.raises(ParseError, match="cannot read 'maybe'") as err:
            parse_likelihood("maybe")
        assert err.value.text == "maybe"

    def test_two_different_terms_are_an_error(self) -> None:
        with pytest.raises(ParseError, match="'likely' and 'unlikely'"):
            parse_likelihood("likely, or unlikely")

    def test_a_negation_is_an_error(self) -> None:
        with pytest.raises(ParseError, match="negated") as err:
            parse_likelihood("it is not   likely")
        assert err.value.position == 6

    def test_a_non_string_is_an_error(self) -> None:
        with pytest.raises(ParseError, match="expected a string"):
            parse_likelihood(0.7)  # type: ignore[arg-type]

    def test_a_huge_text_is_refused_quickly(self) -> None:
        with pytest.raises(ParseError, match="at most"):
            parse_likelihood("likely " * 10_000)

    def test_adversarial_text_parses_in_linear_time(self) -> None:
        text = ("very " * 1000 + "not " * 1000 + "roughly even ") * 1
        start = time.perf_counter()
        with pytest.raises(ParseError):
            parse_likelihood(text[:9_999])
        assert time.perf_counter() - start < 0.5

    @given(st.text(max_size=200))
    def test_any_string_gives_a_band_or_a_parse_error(self, text: str) -> None:
        try:
            band = likelihood_band(text)
        except ParseError:
            return
        assert band.kind == "proportion"


class TestConfidence:
    def test_credibility_ratings(self) -> None:
        assert [credibility_for(e.term) for e in LIKELIHOODS] == [5, 5, 4, 3, 2, 2, 2]
        assert all(credibility_for(e.synonym) == e.credibility for e in LIKELIHOODS)

    def test_the_rating_fits_a_claim(self) -> None:
        claim = Claim("c", "q", Range.exact(1), credibility=credibility_for("roughly even odds"))
        assert claim.credibility == 3

    def test_weights_are_points_of_the_band(self) -> None:
        assert confidence_weight("very likely") == Fraction(4, 5)
        assert confidence_weight("very likely", point="upper") == Fraction(19, 20)
        assert confidence_weight("very likely", point="midpoint") == Fraction(7, 8)

    def test_an_unknown_point_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="point: expected one of lower, midpoint"):
            confidence_weight("likely", point="mode")  # type: ignore[arg-type]


class TestTags:
    @pytest.mark.parametrize("grade", sorted(GRADES))
    def test_grades_round_trip(self, grade: str) -> None:
        tag = grade_tag(grade)
        assert tag == f'{MISP_NAMESPACE}:source-reliability="{grade.lower()}"'
        assert parse_tag(tag) == ("source-reliability", grade)
        assert read_tags([tag]) == (grade, None)

    @pytest.mark.parametrize("rating", sorted(CREDIBILITY))
    def test_ratings_round_trip(self, rating: int) -> None:
        tag = credibility_tag(rating)
        assert parse_tag(tag) == ("information-credibility", rating)
        assert read_tags([tag]) == (None, rating)

    def test_lowercase_grades_are_accepted_when_writing(self) -> None:
        assert grade_tag("c") == 'admiralty-scale:source-reliability="c"'

    @pytest.mark.parametrize("grade", ["G", "", "AB", 1, None])
    def test_bad_grades_are_refused(self, grade: object) -> None:
        with pytest.raises(ValidationError, match="grade: expected an Admiralty reliability"):
            grade_tag(grade)  # type: ignore[arg-type]

    @pytest.mark.parametrize("rating", [0, 7, "2", 2.0, True])
    def test_bad_ratings_are_refused(self, rating: object) -> None:
        with pytest.raises(ValidationError, match="credibility: expected"):
            credibility_tag(rating)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("tag", "expected"),
        [
            ('Admiralty-Scale:Source-Reliability="B"', ("source-reliability", "B")),
            (" admiralty-scale : information-credibility = 4 ", ("information-credibility", 4)),
            ('admiralty-scale:source-reliability=" f "', ("source-reliability", "F")),
        ],
    )
    def test_reading_is_lenient_about_case_space_and_quotes(
        self, tag: str, expected: tuple[str, object]
    ) -> None:
        assert parse_tag(tag) == expected

    @pytest.mark.parametrize(
        ("tag", "message"),
        [
            ("tlp:white", "expected admiralty-scale"),
            ('admiralty-scale:source-reliability="bb"', "expected a letter a-f, got 'bb'"),
            ('admiralty-scale:information-credibility="7"', "expected a digit 1-6, got '7'"),
            ('admiralty-scale:information-credibility="x"', "expected a digit 1-6"),
            ('admiralty-scale:reliability="b"', "predicate: expected source-reliability"),
            ('admiralty-scale:source-reliability="b', "expected admiralty-scale"),
        ],
    )
    def test_bad_tags_name_what_was_expected(self, tag: str, message: str) -> None:
        with pytest.raises(ParseError, match=message) as err:
            parse_tag(tag)
        assert err.value.text == tag

    def test_a_non_string_tag_is_refused(self) -> None:
        with pytest.raises(ParseError, match="tag: expected a string"):
            parse_tag(None)  # type: ignore[arg-type]

    def test_read_tags_skips_other_taxonomies_and_non_strings(self) -> None:
        tags = ["tlp:amber", 'misp:confidence="high"', 3, 'admiralty-scale:source-reliability="a"']
        assert read_tags(tags) == ("A", None)  # type: ignore[arg-type]

    def test_read_tags_finds_both(self) -> None:
        assert read_tags(
            tags_for(Source("x", "X", grade="D"), Claim("c", "q", Range.exact(1)))
        ) == (
            "D",
            6,
        )

    def test_read_tags_rejects_a_bare_string(self) -> None:
        with pytest.raises(ParseError, match="expected a list of tags"):
            read_tags('admiralty-scale:source-reliability="a"')

    def test_read_tags_rejects_disagreement(self) -> None:
        with pytest.raises(ParseError, match="information-credibility: tags disagree: 2 and 3"):
            read_tags(
                [
                    'admiralty-scale:information-credibility="2"',
                    'admiralty-scale:information-credibility="3"',
                ]
            )

    def test_read_tags_rejects_a_malformed_admiralty_tag(self) -> None:
        with pytest.raises(ParseError, match="expected a letter"):
            read_tags(['admiralty-scale:source-reliability="z"'])

    def test_tags_for_nothing_is_empty(self) -> None:
        assert tags_for() == ()

    def test_apply_tags_sets_the_grade_or_the_credibility(self) -> None:
        tags = [
            'admiralty-scale:source-reliability="e"',
            'admiralty-scale:information-credibility="5"',
        ]
        source = apply_tags(Source("x", "X"), tags)
        claim = apply_tags(Claim("c", "q", Range.exact(1)), tags)
        assert (source.grade, claim.credibility) == ("E", 5)

    def test_apply_tags_without_the_relevant_tag_changes_nothing(self) -> None:
        source = Source("x", "X", grade="B")
        claim = Claim("c", "q", Range.exact(1), credibility=2)
        assert apply_tags(source, ['admiralty-scale:information-credibility="5"']) is source
        assert apply_tags(claim, ['admiralty-scale:source-reliability="e"']) is claim

    @given(st.sampled_from(sorted(GRADES)), st.sampled_from(sorted(CREDIBILITY)))
    def test_tags_round_trip_through_sources_and_claims(self, grade: str, rating: int) -> None:
        source = Source("x", "X", grade=grade)
        claim = Claim("c", "q", Range.exact(1), credibility=rating)
        tags = tags_for(source, claim)
        assert apply_tags(Source("x", "X"), tags) == source
        assert apply_tags(Claim("c", "q", Range.exact(1)), tags) == claim
