"""claimrec: reconcile conflicting numeric claims into justified intervals."""

from claimrec.claims import Claim, ClaimSet, Constraint, Quantity, Term
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
from claimrec.reconcile import reconcile
from claimrec.report import Report, Segment
from claimrec.ranges import FractionOf, Range
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
    "ParseError",
    "PolicyError",
    "Quantity",
    "Range",
    "Report",
    "Segment",
    "Source",
    "Span",
    "Term",
    "ValidationError",
    "load",
    "loads",
    "reconcile",
    "save",
]
