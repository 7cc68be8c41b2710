"""claimrec: reconcile conflicting numeric claims into justified intervals.

>>> import claimrec
>>> claimrec.parse_range("more than 3,000")
Range(count [3,001, inf))
"""

from claimrec.claims import Claim, ClaimSet, Constraint, Quantity, Term
from claimrec.dates import SpanReading, parse_span, read_span
from claimrec.errors import (
    ClaimFileError,
    ClaimrecError,
    KindError,
    ParseError,
    PolicyError,
    ValidationError,
)
from claimrec.io import load, loads, save
from claimrec.provenance import Attribution, Source
from claimrec.ranges import FractionOf, Range
from claimrec.readings import Lexicon, Reading, parse_range, read_range
from claimrec.reconcile import reconcile
from claimrec.report import Report, Segment
from claimrec.spans import Span

__all__ = [
    "Attribution",
    "Claim",
    "ClaimFileError",
    "ClaimSet",
    "ClaimrecError",
    "Constraint",
    "FractionOf",
    "KindError",
    "Lexicon",
    "ParseError",
    "PolicyError",
    "Quantity",
    "Range",
    "Reading",
    "Report",
    "Segment",
    "Source",
    "Span",
    "SpanReading",
    "Term",
    "ValidationError",
    "load",
    "loads",
    "parse_range",
    "parse_span",
    "read_range",
    "read_span",
    "reconcile",
    "save",
]
